import { describe, expect, it } from "vitest";
import { buildCallInput, type ConsoleDraft } from "./callInput";
import { checkParam } from "./paramRules";
import type { ParamDoc } from "../../api/bindings/ParamDoc";
import { catalogue } from "../../test/fixtures";

const seller = catalogue[1];

function draft(overrides: Partial<ConsoleDraft> = {}): ConsoleDraft {
  return {
    profileId: 1,
    environmentId: "local",
    method: "taobao.user.seller.get",
    family: "top",
    signMethod: "hmac",
    format: "json",
    doc: seller,
    values: {},
    extra: [],
    body: null,
    targetAppKey: "  ",
    customerId: "",
    useSession: true,
    wdtCompute: false,
    ...overrides,
  };
}

describe("buildCallInput", () => {
  it("puts documented parameters first, then free rows in the order typed, keeping typed blanks", () => {
    const input = buildCallInput(
      draft({
        values: { fields: "user_id,nick" },
        extra: [{ key: " zeta ", value: "1" }, { key: "alpha", value: "" }, { key: "", value: "ignored" }],
      }),
    );
    // Blank names are dropped (nothing to send); a blank value stays so the Signature tab shows it dropped.
    expect(input.params).toEqual([
      { key: "fields", value: "user_id,nick" },
      { key: "zeta", value: "1" },
      { key: "alpha", value: "" },
    ]);
    // Blank optional texts become null, meaning "the profile's or the catalogue's".
    expect(input.target_app_key).toBeNull();
    expect(input.customer_id).toBeNull();
    expect(input).toMatchObject({ profile_id: 1, sign_method: "hmac", use_session: true, wdt: { compute: false } });
  });

  it("leaves out documented parameters the user never touched", () => {
    expect(buildCallInput(draft()).params).toEqual([]);
  });
});

describe("checkParam", () => {
  const param = (kind: ParamDoc["kind"], required = false, allowed: string[] = []): ParamDoc => ({
    name: "p",
    kind,
    required,
    description: { zh: "", en: "" },
    example: null,
    allowed,
    offset_hours: null,
  });

  it("names the field in every problem", () => {
    expect(checkParam(param("string", true), " ")).toEqual({ key: "console.validation.required", values: { field: "p" } });
    expect(checkParam(param("integer"), "1.5")?.key).toBe("console.validation.integer");
    expect(checkParam(param("datetime"), "2024-13-45 99:00:00")?.key).toBe("console.validation.datetime");
    expect(checkParam(param("boolean"), "yes")?.key).toBe("console.validation.boolean");
    expect(checkParam(param("json"), "{a:1}")?.key).toBe("console.validation.json");
    expect(checkParam(param("enum", false, ["a", "b"]), "c")).toEqual({ key: "console.validation.enum", values: { field: "p", allowed: "a / b" } });
  });

  it("accepts well-formed values and an empty optional one", () => {
    expect(checkParam(param("integer"), "-42")).toBeNull();
    expect(checkParam(param("datetime"), "2024-01-31 08:00:00")).toBeNull();
    expect(checkParam(param("json"), '{"a":[1]}')).toBeNull();
    expect(checkParam(param("string"), "")).toBeNull();
  });
});
