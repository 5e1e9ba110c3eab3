/**
 * Environments as the UI handles them. A call names its environment by id (`local`, `sandbox`,
 * `router:CODE`, a URL); a profile stores the Environment value itself. These two functions go from one
 * to the other using the core's own list, so only the two typed forms (router code, URL) are read here.
 */
import type { ApiFamily } from "../api/bindings/ApiFamily";
import type { Environment } from "../api/bindings/Environment";
import type { EnvironmentOption } from "../api/bindings/EnvironmentOption";
import { pick } from "../i18n/pick";
import type { UiLanguage } from "../api/bindings/UiLanguage";

/** The environment's name in the UI language (the core gives both). */
export function environmentLabel(env: EnvironmentOption, language: UiLanguage): string {
  return pick(env.label, language);
}

function sameEnvironment(a: Environment, b: Environment): boolean {
  // The local gateway's port changes between runs; it is the same choice.
  if (a.kind === "local" && b.kind === "local") return true;
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

/** The id a call names for a stored environment. */
export function environmentIdOf(env: Environment, options: EnvironmentOption[]): string {
  const known = options.find((option) => sameEnvironment(option.environment, env));
  if (known) return known.id;
  switch (env.kind) {
    case "provider_router":
      return `${env.test ? "router-test" : "router"}:${env.code}`;
    case "url":
      return env.url;
    default:
      return env.kind;
  }
}

/**
 * The Environment a picked or typed id stands for; `null` when the text is neither a listed id, a
 * router code nor an http(s) address (the form then says so next to the field).
 */
export function environmentFromId(id: string, options: EnvironmentOption[]): Environment | null {
  const text = id.trim();
  const known = options.find((option) => option.id === text);
  if (known) return known.environment;
  const router = /^(router|router-test):([a-z0-9]+)$/i.exec(text);
  if (router) return { kind: "provider_router", code: (router[2] ?? "").toLowerCase(), test: router[1]?.toLowerCase() === "router-test" };
  if (/^https?:\/\/\S+$/i.test(text)) return { kind: "url", url: text };
  return null;
}

/**
 * Whether a call with the session would cross the network unencrypted: the environment's router for
 * the family is plain http. A free-form method (family not known until the core decides) counts when
 * any router of the environment is.
 */
export function sessionInClear(env: EnvironmentOption | undefined, family: ApiFamily | null, useSession: boolean): boolean {
  if (!env || !useSession) return false;
  const inClear = env.endpoints.in_clear;
  return family === null ? inClear.length > 0 : inClear.includes(family);
}

/** The groups the environment picker shows its built-in entries in, in this order. */
export const ENVIRONMENT_GROUPS = ["local", "production", "sandbox", "joint_test", "provider"] as const;
export type EnvironmentGroup = (typeof ENVIRONMENT_GROUPS)[number];

/** Which group a built-in environment belongs to. */
export function environmentGroup(env: EnvironmentOption): EnvironmentGroup {
  switch (env.environment.kind) {
    case "local":
      return "local";
    case "sandbox":
      return "sandbox";
    case "qimen_test":
    case "qimen_test_https":
      return "joint_test";
    case "provider_router":
      return "provider";
    default:
      return "production";
  }
}
