/**
 * A message worded by the core (an error's text, a refusal) is in the language of the moment it came.
 * Held with this hook, it is forgotten as soon as the UI language changes, so the screen never keeps a
 * sentence in the old language; the next attempt brings it back in the new one.
 */
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";

/** Like useState for a value that may be null, but null again once the UI language has changed. */
export function useLanguageBound<T>(): [T | null, (value: T | null) => void] {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const [held, setHeld] = useState<{ value: T | null; language: string }>({ value: null, language });
  const set = useCallback((value: T | null) => setHeld({ value, language: i18n.language }), [i18n]);
  return [held.language === language ? held.value : null, set];
}
