import { afterEach, describe, expect, it, vi } from "vitest";
import { detectLanguage, formatBytes, formatPlatformTime, formatTime, hasLongLine, localZone, prettyBody, prettyXml, utf8Bytes } from "./format";
import { ROW_WIDTH, rowStarts } from "./RawTextView";

describe("prettyXml", () => {
  it("indents nested elements and keeps short text on the element's line", () => {
    const xml = '<?xml version="1.0"?><response><flag>success</flag><items><item id="1"/></items></response>';
    expect(prettyXml(xml)).toBe(
      ['<?xml version="1.0"?>', "<response>", "  <flag>success</flag>", "  <items>", '    <item id="1"/>', "  </items>", "</response>"].join("\n"),
    );
  });

  it("leaves CDATA untouched", () => {
    // The inside of CDATA is data, not markup: `<b>` in it must not become an element.
    expect(prettyXml("<a><![CDATA[<b>x</b>]]></a>")).toContain("<![CDATA[<b>x</b>]]>");
  });
});

describe("prettyBody / detectLanguage", () => {
  it("pretty-prints JSON and keeps invalid JSON as received", () => {
    expect(prettyBody('{"a":{"b":1}}', "json")).toBe('{\n  "a": {\n    "b": 1\n  }\n}');
    expect(prettyBody('{"a":', "json")).toBe('{"a":');
  });

  it("trusts the content type, then the first character", () => {
    expect(detectLanguage("text/xml;charset=utf-8", "{}")).toBe("xml");
    expect(detectLanguage(null, '  {"x":1}')).toBe("json");
    expect(detectLanguage(null, "<response/>")).toBe("xml");
    expect(detectLanguage(null, "plain")).toBe("text");
  });

  it("counts UTF-8 bytes and finds long lines", () => {
    expect(utf8Bytes("a碗")).toBe(4);
    expect(hasLongLine("short\nlines")).toBe(false);
    expect(hasLongLine(`a\n${"x".repeat(10_001)}\nb`)).toBe(true);
  });

  it("formats sizes in B, KB and MB", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2.0 KB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10.0 MB");
  });
});

describe("rowStarts (virtualised raw view)", () => {
  it("starts a row at every line and cuts long lines at the row width", () => {
    const long = "x".repeat(ROW_WIDTH * 2 + 5);
    const text = `ab\n${long}\n`;
    // "ab" at 0; the long line from 3 in three rows; the empty last line after the final newline.
    expect(rowStarts(text)).toEqual([0, 3, 3 + ROW_WIDTH, 3 + 2 * ROW_WIDTH, text.length]);
  });

  it("keeps a 10 MB single-line body to rows of bounded width", () => {
    const body = "a".repeat(10 * 1024 * 1024);
    const starts = rowStarts(body);
    expect(starts.length).toBe(Math.ceil(body.length / ROW_WIDTH));
  });
});

describe("formatTime", () => {
  it("writes local time as yyyy-MM-dd HH:mm:ss whatever the UI language", async () => {
    const { formatTime } = await import("./format");
    const at = new Date(2024, 4, 1, 8, 5, 9);
    expect(formatTime(at.toISOString())).toBe("2024-05-01 08:05:09");
    // Not a time: shown as stored rather than "Invalid Date".
    expect(formatTime("soon")).toBe("soon");
  });
});

describe("formatPlatformTime (GMT+8)", () => {
  // The machine's zone is the TZ variable, changed for a test and put back after it.
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("writes a UTC instant in UTC+8, across midnight too", () => {
    expect(formatPlatformTime("2024-05-01T08:00:00Z")).toBe("2024-05-01 16:00:00");
    expect(formatPlatformTime("2024-12-31T20:30:05Z")).toBe("2025-01-01 04:30:05");
    // An instant written with another offset is the same instant.
    expect(formatPlatformTime("2024-05-01T10:00:00+02:00")).toBe("2024-05-01 16:00:00");
  });

  it("does not depend on the machine's zone", () => {
    const local = { "America/New_York": "04:00:00", "Europe/Berlin": "10:00:00", "Asia/Shanghai": "16:00:00", UTC: "08:00:00" };
    for (const [zone, there] of Object.entries(local)) {
      vi.stubEnv("TZ", zone);
      // The machine's clock did move (local time follows the zone) …
      expect(formatTime("2024-05-01T08:00:00Z")).toBe(`2024-05-01 ${there}`);
      // … and the platform's did not.
      expect(formatPlatformTime("2024-05-01T08:00:00Z")).toBe("2024-05-01 16:00:00");
    }
  });

  it("keeps what is not a time as stored", () => {
    expect(formatPlatformTime("soon")).toBe("soon");
  });

  it("names the machine's offset for the local-time hint", () => {
    vi.stubEnv("TZ", "UTC");
    expect(localZone("2024-05-01T08:00:00Z")).toMatch(/^GMT\+00:00\b/);
  });
});
