/**
 * Loads the code font's Chinese glyphs while nobody is waiting. The first answer with Chinese text in
 * the code font (a 旺店通 order list, say) made WebKit load that face on the spot, which froze the
 * window for about 0.6 s on the result of that call; a line of text drawn out of sight shortly after
 * start-up pays that cost while the user is still reading the first screen. The text is generated
 * content in the stylesheet (`.mono-font-warmup::after`): it is laid out, so the face is loaded, but it
 * is no part of the page's text for a screen reader, a search or a copy.
 */
import { useEffect, useState } from "react";

/** After the first screen has settled; early enough to be done before anyone sends a call. */
export const WARMUP_DELAY_MS = 1000;

export function MonoFontWarmup() {
  const [due, setDue] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setDue(true), WARMUP_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return due ? <span aria-hidden="true" className="mono mono-font-warmup" data-testid="mono-font-warmup" /> : null;
}
