/**
 * A plain, virtualised view for response bodies too large to highlight: only the rows in sight are in the
 * DOM, and long lines (minified JSON is one line) are cut into fixed-width rows, so a 10 MB body scrolls
 * without freezing the window.
 */
import { useMemo, useState, type UIEvent } from "react";
import { monoFamily } from "../theme";

const ROW_HEIGHT = 20;
const OVERSCAN = 20;
/** Characters per displayed row; a longer source line continues on the next row. */
export const ROW_WIDTH = 160;

/** Start offsets of each displayed row: a new row at every newline and every ROW_WIDTH characters. */
export function rowStarts(text: string): number[] {
  const starts: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    let offset = lineStart;
    do {
      starts.push(offset);
      offset += ROW_WIDTH;
    } while (offset < lineEnd);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return starts;
}

export interface RawTextViewProps {
  text: string;
  height: number;
  ariaLabel: string;
  testId?: string;
}

export function RawTextView({ text, height, ariaLabel, testId }: RawTextViewProps) {
  const starts = useMemo(() => rowStarts(text), [text]);
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(starts.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  const rows = [];
  for (let index = first; index < last; index += 1) {
    const start = starts[index] ?? 0;
    const next = starts[index + 1];
    const end = Math.min(start + ROW_WIDTH, next === undefined ? text.length : next);
    const slice = text.slice(start, end).replace(/\n$/, "");
    rows.push(
      <div key={index} style={{ position: "absolute", top: index * ROW_HEIGHT, height: ROW_HEIGHT, whiteSpace: "pre" }}>
        {slice}
      </div>,
    );
  }

  return (
    <div
      role="region"
      aria-label={ariaLabel}
      data-testid={testId}
      tabIndex={0}
      onScroll={(event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop)}
      style={{
        height,
        overflow: "auto",
        position: "relative",
        fontFamily: monoFamily,
        fontSize: 12,
        lineHeight: `${ROW_HEIGHT}px`,
        background: "#fbfcfd",
        border: "1px solid #e3e6eb",
        borderRadius: 6,
        padding: "0 8px",
      }}
    >
      <div style={{ position: "relative", height: starts.length * ROW_HEIGHT }}>{rows}</div>
    </div>
  );
}
