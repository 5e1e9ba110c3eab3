/**
 * The one place that chooses between the two languages of a pair. The core sends every text it writes
 * in both (`zh` as the documents state it, `en` translated); the UI shows the half that matches its
 * language. Anything else chosen by language (antd's and dayjs's locales) goes through here too.
 */
import type { UiLanguage } from "../api/bindings/UiLanguage";

/** Two values, one per UI language; the core's bilingual Text is this shape over strings. */
export interface Bilingual<T = string> {
  zh: T;
  en: T;
}

/** The half of a pair that matches the UI language. */
export function pick<T>(pair: Bilingual<T>, language: UiLanguage): T {
  return language === "en-US" ? pair.en : pair.zh;
}
