/**
 * Every translation key the UI code uses exists in both locale files, and every key in them is used.
 *
 * Keys are found in the source text: the first argument of `t(…)` / `i18n.t(…)` (string literals,
 * both branches of a conditional, template literals), `i18nKey` and `…key: "…"` properties (keys held
 * in data and translated later). A key built from a template (`t(\`family.${doc.family}\`)`) must be
 * declared in DYNAMIC below with every value it can take, so each possible key is checked too; a new
 * template key fails the test until it is declared.
 */
import { describe, expect, it } from "vitest";
import zhCN from "./locales/zh-CN.json";
import enUS from "./locales/en-US.json";
import { TERMS } from "../components/Term";
import { ENVIRONMENT_GROUPS } from "../components/environments";
import { STEP_IDS } from "../pages/tour/tourSteps";
import type { ApiFamily } from "../api/bindings/ApiFamily";
import type { ParamKind } from "../api/bindings/ParamKind";
import type { DropReason } from "../api/bindings/DropReason";
import type { WdtDropReason } from "../api/bindings/WdtDropReason";
import type { KeyringProblem } from "../api/bindings/KeyringProblem";
import type { ProfileRole } from "../api/bindings/ProfileRole";
import type { CaptureMode } from "../api/bindings/CaptureMode";
import type { CallbackKind } from "../api/bindings/CallbackKind";
import type { View } from "../api/bindings/View";
import type { TokenRoute } from "../api/bindings/TokenRoute";
import type { SessionSource } from "../api/bindings/SessionSource";
import type { TemplateKind } from "../api/bindings/TemplateKind";
import type { ReceiptVerdict } from "../api/bindings/ReceiptVerdict";
import type { RelayVerdict } from "../api/bindings/RelayVerdict";
import type { Applicant } from "../api/bindings/Applicant";
import type { Availability } from "../api/bindings/Availability";
import type { Verdict } from "../api/bindings/Verdict";
import type { RuleOutcome } from "../api/bindings/RuleOutcome";
import type { RiskStatus } from "../api/bindings/RiskStatus";
import type { Medium } from "../api/bindings/Medium";
import type { Caller } from "../api/bindings/Caller";
import type { ScenarioApiFamily } from "../api/bindings/ScenarioApiFamily";
import type { WdtTableKind } from "../components/result/wdtTable";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "object" && value !== null) for (const inner of flatten(value, path)) out.add(inner);
    else out.add(path);
  }
  return out;
}

const zh = flatten(zhCN as Tree);
const en = flatten(enUS as Tree);

/**
 * Every value of a string union, checked by the compiler: a value added to the union fails to compile
 * until it is listed here, so its key is checked too.
 */
function all<T extends string>(values: Record<T, true>): T[] {
  return Object.keys(values) as T[];
}

/** `pattern` with its one `*` replaced by each value. */
function expand(pattern: string, values: readonly string[]): string[] {
  return values.map((value) => pattern.replace("*", value));
}

const CAPTURE_MODES = all<CaptureMode>({ local_listener: true, in_app_window: true, paste: true, manual: true });
/** The two live tables and their key namespaces (components/live/LiveTable.tsx is given `ns`). */
const LIVE_NAMESPACES = ["traffic", "receiver"];
/** The session errors with a fix of their own (HINTED in pages/session/sessionErrors.ts). */
const SESSION_HINTS = ["access_denied", "state_mismatch", "expired_grant", "redirect_mismatch", "port_in_use", "token_endpoint_down", "token_endpoint_slow", "token_endpoint_garbage", "no_refresh_token", "window"];
/** The `tour.*` error codes the tour raises itself (pages/tour/tourSteps.ts); TourPage shows `tour.errors.<code>`. */
const TOUR_ERRORS = ["noScenario", "noJointTest", "sessionCancelled"];
/** The column titles of the 旺店通 result tables (pages of components/result/wdtTable.ts). */
const RESULT_COLUMNS = [
  "tradeNo", "srcTid", "shop", "shopNo", "status", "goodsCount", "amount", "paid", "tradeTime", "logistics", "refundNo", "refundType",
  "refundAmount", "reason", "createdTime", "sku", "goodsName", "specName", "warehouse", "stock", "available", "sending", "modifiedTime",
  "quantity", "lineAmount",
];

/** Each template key in the source (`${…}` written as `*`) → every key it can produce. */
const DYNAMIC: Record<string, string[]> = {
  "family.*": expand("family.*", all<ApiFamily>({ top: true, qimen_standard: true, qimen_cloud: true })),
  "kind.*": expand("kind.*", all<ParamKind>({ string: true, integer: true, datetime: true, json: true, boolean: true, enum: true })),
  "roles.*": expand("roles.*", all<ProfileRole>({ wms: true, erp: true, crm: true, pos: true, other: true })),
  // The scenario choices of the profile form (pages/profiles/options.ts).
  "scenarios.*": expand("scenarios.*", ["online_offline_erp", "erp_wms", "erp_pos", "erp_crm", "qimen_custom"]),
  "terms.*.label": expand("terms.*.label", TERMS),
  "terms.*.help": expand("terms.*.help", TERMS),
  "keyring.problem.*": expand("keyring.problem.*", all<KeyringProblem>({ no_backend: true, locked: true, denied: true, other: true })),
  "environment.group.*": expand("environment.group.*", ENVIRONMENT_GROUPS),
  "signature.reason.*": expand("signature.reason.*", all<DropReason>({ is_sign: true, blank_value: true, blank_key: true })),
  "signature.wdtReason.*": expand(
    "signature.wdtReason.*",
    all<WdtDropReason>({ system_param: true, excluded_by_wdt: true, blank_value: true, not_in_crm_field_list: true }),
  ),
  "resultTable.columns.*": expand("resultTable.columns.*", RESULT_COLUMNS),
  "resultTable.kinds.*": expand("resultTable.kinds.*", all<WdtTableKind>({ trades: true, refunds: true, stocks: true, crmOrders: true })),
  "*.filterPlaceholder": expand("*.filterPlaceholder", LIVE_NAMESPACES),
  "*.filter": expand("*.filter", LIVE_NAMESPACES),
  "*.onlyFailures": expand("*.onlyFailures", LIVE_NAMESPACES),
  "*.missed": expand("*.missed", LIVE_NAMESPACES),
  "*.resume": expand("*.resume", LIVE_NAMESPACES),
  "*.pause": expand("*.pause", LIVE_NAMESPACES),
  "*.clearConfirm": expand("*.clearConfirm", LIVE_NAMESPACES),
  "*.clear": expand("*.clear", LIVE_NAMESPACES),
  "*.empty": expand("*.empty", LIVE_NAMESPACES),
  "*.time": expand("*.time", LIVE_NAMESPACES),
  "*.httpMethod": expand("*.httpMethod", LIVE_NAMESPACES),
  "*.api": expand("*.api", LIVE_NAMESPACES),
  "session.modeNames.*": expand("session.modeNames.*", CAPTURE_MODES),
  "session.callback.kinds.*": expand(
    "session.callback.kinds.*",
    all<CallbackKind["kind"]>({ loopback: true, remote: true, out_of_band: true }),
  ),
  "session.view.*": expand("session.view.*", all<View>({ web: true, tmall: true, wap: true })),
  "session.route.*": expand("session.route.*", all<TokenRoute>({ token_endpoint: true, top_api: true })),
  "session.source.*": expand("session.source.*", all<SessionSource>({ token_endpoint: true, top_api: true, manual: true })),
  // BrowserMode's two kinds: the local listener and the in-app window.
  "session.modes.*.help": expand("session.modes.*.help", ["listener", "window"]),
  "session.modes.*.waiting": expand("session.modes.*.waiting", ["listener", "window"]),
  "session.modes.*.start": expand("session.modes.*.start", ["listener", "window"]),
  "session.hints.*": expand("session.hints.*", SESSION_HINTS),
  "receiver.kind.*": expand(
    "receiver.kind.*",
    all<TemplateKind>({ success: true, "business-failure": true, "sign-check-failure": true, "server-error": true }),
  ),
  "receiver.kindHelp.*": expand(
    "receiver.kindHelp.*",
    all<TemplateKind>({ success: true, "business-failure": true, "sign-check-failure": true, "server-error": true }),
  ),
  "receiver.verdict.*": expand(
    "receiver.verdict.*",
    all<ReceiptVerdict["kind"]>({
      accepted: true,
      sign_mismatch: true,
      bad_timestamp: true,
      missing_sign: true,
      duplicate_parameter: true,
      bad_body: true,
      body_too_large: true,
    }),
  ),
  "traffic.verdict.*": expand("traffic.verdict.*", all<RelayVerdict>({ valid: true, invalid: true, unchecked: true })),
  "tour.errors.*": expand("tour.errors.*", TOUR_ERRORS),
  "tour.steps.*.title": expand("tour.steps.*.title", STEP_IDS),
  "tour.steps.*.short": expand("tour.steps.*.short", STEP_IDS),
  "tour.steps.*.explain": expand("tour.steps.*.explain", STEP_IDS),
  "onboarding.availability.*": expand("onboarding.availability.*", all<Availability>({ eligible: true, not_stated: true, not_eligible: true })),
  "onboarding.applicant.*": expand(
    "onboarding.applicant.*",
    all<Applicant>({ domestic_taobao_enterprise: true, cross_border_tmall: true, individual: true, tmall_merchant: true }),
  ),
  "onboarding.taobaoke.verdict.*": expand(
    "onboarding.taobaoke.verdict.*",
    all<Verdict>({ eligible: true, eligible_after_prerequisites: true, not_eligible: true, not_enough_information: true }),
  ),
  // Only the verdicts that meet the rules have an invitation-only variant (verdictLabel in TaobaokeTab).
  "onboarding.taobaoke.verdict.*_invitation": expand("onboarding.taobaoke.verdict.*_invitation", ["eligible", "eligible_after_prerequisites"]),
  "onboarding.taobaoke.outcome.*": expand(
    "onboarding.taobaoke.outcome.*",
    all<RuleOutcome["outcome"]>({ passed: true, failed: true, not_enough_information: true, not_applicable: true }),
  ),
  "onboarding.taobaoke.risk.*": expand(
    "onboarding.taobaoke.risk.*",
    all<RiskStatus["status"]>({ informational: true, triggered: true, clear: true, unknown: true }),
  ),
  "onboarding.taobaoke.mediumOption.*": expand("onboarding.taobaoke.mediumOption.*", all<Medium>({ website: true, app: true, both: true })),
  "onboarding.scenarios.caller.*": expand("onboarding.scenarios.caller.*", all<Caller>({ you: true, wdt: true })),
  "onboarding.scenarios.origin.*": expand(
    "onboarding.scenarios.origin.*",
    all<ScenarioApiFamily>({ qimen_standard: true, qimen_custom: true, qimen_official: true }),
  ),
  // The three source documents the guide quotes (SourceLink's `document`).
  "onboarding.source.document.*": expand("onboarding.source.document.*", ["000", "002", "003"]),
  "onboarding.journey.*Intro": expand("onboarding.journey.*Intro", ["wdt", "taobaoke"]),
};

/**
 * Template keys looked up only if present: the screen falls back to the plain value without one, so no
 * value is required and the keys under them are used as long as the pattern is.
 */
const OPTIONAL: Record<string, string> = {
  // A hint for the environments that are easy to mix up; the others have none (EnvironmentSelect).
  "environment.hint.*": "one line for the environments that are easy to mix up; the others have none",
  // A label for an ERP status code; a code without one shows as it is (WdtTableView).
  "resultTable.*.*": "labels for the ERP's status codes; a code without one shows as it is",
};

/** The UI code: not the tests, not the generated bindings, not the test helpers. */
const sources = import.meta.glob(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}", "!../api/bindings/**", "!../test/**"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

const KEY_SHAPE = /^[A-Za-z][\w-]*(\.[\w-]+)+$/;

/** The first argument of the call whose `(` is at `open`: up to the `,` or `)` that closes it. */
function firstArgument(text: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open + 1; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i += 1;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth += 1;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) return text.slice(open + 1, i);
      depth -= 1;
    } else if (c === "," && depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** A template literal's text with each `${…}` as `*`. */
function templatePattern(body: string): string {
  return body.replace(/\$\{[^}]*\}/g, "*");
}

interface Found {
  literal: Map<string, string[]>;
  templates: Map<string, string[]>;
  strings: Set<string>;
}

function scan(): Found {
  const literal = new Map<string, string[]>();
  const templates = new Map<string, string[]>();
  const strings = new Set<string>();
  const add = (map: Map<string, string[]>, key: string, file: string) => map.set(key, [...(map.get(key) ?? []), file]);
  const namespaces = new Set([...zh].map((key) => key.split(".")[0]));
  for (const [file, text] of Object.entries(sources)) {
    // Every quoted string counts as a use of the key it names (keys held in data, passed around).
    for (const match of text.matchAll(/(["'`])([A-Za-z][\w-]*(?:\.[\w-]+)+)\1/g)) strings.add(match[2] ?? "");
    // The first argument of each t(…): its literals are keys, its templates are template keys.
    for (const match of text.matchAll(/\bt\(/g)) {
      const argument = firstArgument(text, (match.index ?? 0) + 1);
      for (const part of argument.matchAll(/(["'])((?:\\.|(?!\1).)*)\1/g)) if (KEY_SHAPE.test(part[2] ?? "")) add(literal, part[2] ?? "", file);
      for (const part of argument.matchAll(/`([^`]*)`/g)) {
        const body = part[1] ?? "";
        if (body.includes("${")) add(templates, templatePattern(body), file);
        else if (KEY_SHAPE.test(body)) add(literal, body, file);
      }
    }
    // Keys held in data and translated later: `key: "…"`, `titleKey: "…"`, i18nKey="…".
    for (const match of text.matchAll(/\b(?:\w*[kK]ey|i18nKey)\s*[:=]\s*\{?\s*["']([^"']+)["']/g)) {
      if (KEY_SHAPE.test(match[1] ?? "") && namespaces.has((match[1] ?? "").split(".")[0] ?? "")) add(literal, match[1] ?? "", file);
    }
    // Templates anywhere that start in a key namespace are keys built ahead of the t(…) call.
    for (const match of text.matchAll(/`([A-Za-z][\w-]*)\.([^`]*\$\{[^`]*)`/g)) {
      if (namespaces.has(match[1] ?? "")) add(templates, templatePattern(`${match[1]}.${match[2]}`), file);
    }
  }
  return { literal, templates, strings };
}

const found = scan();

/** A `*` pattern as a whole-key regular expression. */
function patternRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\w-]+")}$`);
}

describe("translation keys in the source", () => {
  it("are found", () => {
    // A scan that finds nothing would pass everything below.
    expect(found.literal.size).toBeGreaterThan(500);
    expect(found.templates.size).toBeGreaterThan(30);
  });

  it("exist in both locale files", () => {
    const missing = [...found.literal].flatMap(([key, files]) =>
      [zh.has(key) ? null : `zh-CN: ${key} (${files[0]})`, en.has(key) ? null : `en-US: ${key} (${files[0]})`].filter(Boolean),
    );
    expect(missing).toEqual([]);
  });

  it("built from templates are declared with every value they can take", () => {
    const undeclared = [...found.templates].filter(([pattern]) => !(pattern in DYNAMIC) && !(pattern in OPTIONAL)).map(([pattern, files]) => `${pattern} (${files[0]})`);
    expect(undeclared).toEqual([]);
  });

  it("built from templates exist in both locale files for every value", () => {
    const missing = Object.values(DYNAMIC)
      .flat()
      .flatMap((key) => [zh.has(key) ? null : `zh-CN: ${key}`, en.has(key) ? null : `en-US: ${key}`].filter(Boolean));
    expect(missing).toEqual([]);
  });

  it("declared as templates are still built somewhere", () => {
    // A declaration left behind after the code changed would keep dead keys alive.
    const stale = [...Object.keys(DYNAMIC), ...Object.keys(OPTIONAL)].filter((pattern) => !found.templates.has(pattern));
    expect(stale).toEqual([]);
  });
});

describe("keys in the locale files", () => {
  it("are all used by the source", () => {
    const dynamic = new Set(Object.values(DYNAMIC).flat());
    const optional = Object.keys(OPTIONAL).map(patternRegex);
    const unused = [...zh].filter((key) => !found.strings.has(key) && !dynamic.has(key) && !optional.some((re) => re.test(key)));
    expect(unused).toEqual([]);
  });
});
