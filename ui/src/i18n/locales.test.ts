import { describe, expect, it } from "vitest";
import zhCN from "./locales/zh-CN.json";
import enUS from "./locales/en-US.json";
import { TERMS } from "../components/Term";

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → value. */
function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "object" && value !== null) {
      for (const [inner, leaf] of flatten(value, path)) out.set(inner, leaf);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const zh = flatten(zhCN as Tree);
const en = flatten(enUS as Tree);

describe("locale files", () => {
  it("have exactly the same keys", () => {
    // Listed both ways so a failure names the missing key and the side it is missing from.
    const missingInEn = [...zh.keys()].filter((key) => !en.has(key));
    const missingInZh = [...en.keys()].filter((key) => !zh.has(key));
    expect(missingInEn).toEqual([]);
    expect(missingInZh).toEqual([]);
  });

  it("have no empty or non-text values", () => {
    for (const [name, table] of [
      ["zh-CN", zh],
      ["en-US", en],
    ] as const) {
      const empty = [...table.entries()].filter(([, value]) => typeof value !== "string" || value.trim() === "").map(([key]) => `${name}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it("use the same interpolation variables on both sides", () => {
    // A {{field}} in one language but not the other would show a raw placeholder or lose the field name.
    const vars = (text: unknown) => [...String(text).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    const differing = [...zh.keys()].filter((key) => JSON.stringify(vars(zh.get(key))) !== JSON.stringify(vars(en.get(key))));
    expect(differing).toEqual([]);
  });

  it("explain every technical term the UI marks as one", () => {
    // Term renders terms.<name>.label and terms.<name>.help; each must exist or a tooltip shows a key.
    const missing = TERMS.flatMap((term) => [`terms.${term}.label`, `terms.${term}.help`]).filter((key) => !zh.has(key));
    expect(missing).toEqual([]);
  });
});

describe("source code", () => {
  it("only uses translation keys that exist", () => {
    // Every literal t("…") in the UI code must resolve, or the screen would show the key itself.
    const sources = import.meta.glob(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}", "!../api/bindings/**"], {
      query: "?raw",
      import: "default",
      eager: true,
    }) as Record<string, string>;
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      // t("key") calls, and `key: "…"` in problem objects that are translated later.
      for (const match of text.matchAll(/(?:\bt\(\s*|\bkey: )"([\w]+\.[\w.-]+)"/g)) used.add(match[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((key) => !zh.has(key));
    expect(missing).toEqual([]);
  });
});
