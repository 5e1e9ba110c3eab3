/**
 * What to do about a session error. The core's message already says what went wrong in the UI language;
 * this adds the fix the page can offer (another capture mode, a profile setting to correct), by code.
 */
import type { TFunction } from "i18next";

/** Codes with a fix of their own; a `validation.session.*` code falls back to the validation hint. */
const HINTED = [
  "session.access_denied",
  "session.state_mismatch",
  "session.expired_grant",
  "session.redirect_mismatch",
  "session.port_in_use",
  "session.token_endpoint_down",
  "session.token_endpoint_slow",
  "session.token_endpoint_garbage",
  "session.no_refresh_token",
  "session.window",
] as const;

export function sessionHint(code: string, t: TFunction): string | null {
  const known = HINTED.find((hinted) => hinted === code);
  if (known) return t(`session.hints.${known.slice("session.".length)}`);
  if (code.startsWith("validation.session")) return t("session.hints.validation");
  return null;
}

/** A count of seconds as `1天 02:03:04` / `1d 02:03:04`; "expired" at zero or below. */
export function formatLeft(seconds: number, t: TFunction): string {
  if (seconds <= 0) return t("session.status.expired");
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
  return days > 0 ? t("session.status.daysAnd", { days, clock }) : clock;
}
