/**
 * Client-side checks of one parameter value against its documented kind, so the user hears "参数 xxx 必须是
 * 整数" before anything is sent. The core checks again; this only saves a round trip.
 */
import type { ParamDoc } from "../../api/bindings/ParamDoc";

export type { ParamDoc };

/** A problem with one value, as an i18n key plus its values (the field name is always among them). */
export interface ParamProblem {
  key: string;
  values: Record<string, string>;
}

const INTEGER = /^[+-]?\d+$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function checkParam(param: ParamDoc, raw: string | undefined): ParamProblem | null {
  const value = (raw ?? "").trim();
  const field = param.name;
  if (value === "") {
    return param.required ? { key: "console.validation.required", values: { field } } : null;
  }
  switch (param.kind) {
    case "integer":
      return INTEGER.test(value) ? null : { key: "console.validation.integer", values: { field } };
    case "datetime":
      return DATETIME.test(value) && !Number.isNaN(Date.parse(value.replace(" ", "T")))
        ? null
        : { key: "console.validation.datetime", values: { field } };
    case "boolean":
      return value === "true" || value === "false" ? null : { key: "console.validation.boolean", values: { field } };
    case "json":
      try {
        JSON.parse(value);
        return null;
      } catch {
        return { key: "console.validation.json", values: { field } };
      }
    case "enum":
      return param.allowed.length === 0 || param.allowed.includes(value)
        ? null
        : { key: "console.validation.enum", values: { field, allowed: param.allowed.join(" / ") } };
    default:
      return null;
  }
}
