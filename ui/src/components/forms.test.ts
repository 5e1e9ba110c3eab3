import { describe, expect, it } from "vitest";
import { blankToNull } from "./forms";

describe("blankToNull", () => {
  it("turns an absent or blank field into null", () => {
    expect(blankToNull(undefined)).toBeNull();
    expect(blankToNull(null)).toBeNull();
    expect(blankToNull("")).toBeNull();
    expect(blankToNull("  \t\n ")).toBeNull();
  });

  it("keeps typed text without the surrounding spaces", () => {
    expect(blankToNull("21363512")).toBe("21363512");
    expect(blankToNull("  https://erp.example.com/callback \n")).toBe("https://erp.example.com/callback");
    // Spaces inside the text are part of it.
    expect(blankToNull(" 旺店通 ERP ")).toBe("旺店通 ERP");
  });
});
