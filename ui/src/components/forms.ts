/**
 * How a form's text becomes a contract value. Every form sends text the same way, so a field left blank
 * means "not set" (null) on every screen, and the core never sees stray spaces.
 */

/** The trimmed text, or null when nothing but spaces (or nothing at all) was typed. */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? null : trimmed;
}
