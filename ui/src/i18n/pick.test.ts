import { describe, expect, it } from "vitest";
import type { Text } from "../api/bindings/Text";
import { pick } from "./pick";

describe("pick", () => {
  it("shows the Chinese in Chinese and the English in English", () => {
    const label: Text = { zh: "沙箱环境", en: "Sandbox" };
    expect(pick(label, "zh-CN")).toBe("沙箱环境");
    expect(pick(label, "en-US")).toBe("Sandbox");
  });

  it("takes every bilingual text the core sends, and any pair of values", () => {
    const text: Text = { zh: "即时", en: "immediately" };
    expect(pick(text, "en-US")).toBe("immediately");
    expect(pick({ zh: 1, en: 2 }, "zh-CN")).toBe(1);
  });
});
