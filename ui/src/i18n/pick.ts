import type { TextPair } from "../api/bindings/TextPair";

/** The half of a core-supplied text pair that matches the UI language. */
export function pick(text: TextPair, language: string): string {
  return language === "en-US" ? text.en : text.zh;
}
