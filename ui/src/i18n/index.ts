/**
 * Every visible string goes through here. Chinese is the default; English is switchable and the choice
 * is remembered by the core (AppInfo.language), so this module only follows what it is told.
 */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { UiLanguage } from "../api/bindings/UiLanguage";
import zhCN from "./locales/zh-CN.json";
import enUS from "./locales/en-US.json";

/** The languages of the UI, as the core declares them. */
export type { UiLanguage };
export const DEFAULT_LANGUAGE: UiLanguage = "zh-CN";

/** One translation table per UI language; a language the core adds fails to compile until it has one. */
export const resources = {
  "zh-CN": { translation: zhCN },
  "en-US": { translation: enUS },
} as const satisfies Record<UiLanguage, { translation: object }>;

/** Accepts what the core reports and falls back to Chinese for anything else. */
export function toUiLanguage(value: string | null | undefined): UiLanguage {
  if (value && value.toLowerCase().startsWith("en")) return "en-US";
  return "zh-CN";
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
