/**
 * Display helpers for response bodies, sizes and times. Pretty-printing is only attempted below a size
 * limit; above it the body is shown as received.
 */
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);

/** Bodies larger than this are shown raw in the virtualised view instead of highlighted. */
export const HIGHLIGHT_LIMIT_BYTES = 1024 * 1024;

export type BodyLanguage = "json" | "xml" | "text";

export function detectLanguage(contentType: string | null | undefined, body: string): BodyLanguage {
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("json")) return "json";
  if (type.includes("xml")) return "xml";
  const start = body.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return "json";
  if (start.startsWith("<")) return "xml";
  return "text";
}

/** Indents XML by element depth. Text, CDATA and comments are kept as they are. */
export function prettyXml(xml: string): string {
  const tokens = xml.replace(/>\s+</g, "><").match(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[^>]+>|[^<]+/g);
  if (!tokens) return xml;
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? "";
    const pad = "  ".repeat(depth);
    if (token.startsWith("</")) {
      depth = Math.max(0, depth - 1);
      lines.push("  ".repeat(depth) + token);
    } else if (token.startsWith("<?") || token.startsWith("<!") || token.endsWith("/>")) {
      lines.push(pad + token);
    } else if (token.startsWith("<")) {
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      // <a>text</a> stays on one line.
      if (text !== undefined && !text.startsWith("<") && close !== undefined && close.startsWith("</")) {
        lines.push(pad + token + text + close);
        i += 2;
      } else {
        lines.push(pad + token);
        depth += 1;
      }
    } else if (token.trim() !== "") {
      lines.push(pad + token.trim());
    }
  }
  return lines.join("\n");
}

export function prettyBody(body: string, language: BodyLanguage): string {
  if (language === "json") {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  if (language === "xml") return prettyXml(body);
  return body;
}

/** A text's size in UTF-8 bytes, as the server counted it (a Chinese character is three). */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Lines longer than this are not laid out by the code editor: one such line froze the window. */
export const LONG_LINE_CHARS = 10_000;

/** Whether any line of the text is longer than {@link LONG_LINE_CHARS}. */
export function hasLongLine(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > LONG_LINE_CHARS) return true;
    start = stop + 1;
  }
  return false;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A stored instant in local time, written the same way in both languages: 2024-05-01 16:00:00. */
export function formatTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/** The platform's clock runs in Beijing time; the offset is fixed (no daylight saving). */
export const PLATFORM_ZONE = "GMT+8";
const PLATFORM_OFFSET_MINUTES = 8 * 60;

/** A stored instant in the platform's time (UTC+8) whatever the machine's zone: 2024-05-01 16:00:00. */
export function formatPlatformTime(iso: string): string {
  const at = dayjs.utc(iso);
  if (!at.isValid()) return iso;
  return at.utcOffset(PLATFORM_OFFSET_MINUTES).format("YYYY-MM-DD HH:mm:ss");
}

/** The machine's zone at that instant, as "GMT+02:00" plus its name when the system gives one. */
export function localZone(iso: string): string {
  const at = dayjs(iso);
  const offset = `GMT${(at.isValid() ? at : dayjs()).format("Z")}`;
  let name = "";
  try {
    name = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    // no zone name: the offset says enough
  }
  return name ? `${offset} ${name}` : offset;
}
