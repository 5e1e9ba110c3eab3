/**
 * What the result panel shows, whichever way the call reached it: straight from `call_send` /
 * `history_resend` (a CallOutcome) or opened from history (a HistoryDetail). Both are mapped here to
 * one shape so the console and the history drawer render the same tabs.
 */
import type { ApiResult } from "../../api/bindings/ApiResult";
import type { CallOutcome } from "../../api/bindings/CallOutcome";
import type { CapturedParam } from "../../api/bindings/CapturedParam";
import type { CapturedRequest } from "../../api/bindings/CapturedRequest";
import type { ReproReplay } from "../../api/bindings/ReproReplay";
import type { ResponseView } from "../../api/bindings/ResponseView";
import type { Explanation } from "../../api/bindings/Explanation";
import type { HistoryDetail } from "../../api/bindings/HistoryDetail";
import type { NetworkFailure } from "../../api/bindings/NetworkFailure";
import type { SignExplanation } from "../../api/bindings/SignExplanation";
import type { WdtSignExplanation } from "../../api/bindings/WdtSignExplanation";
import type { Diagnosis } from "../../api/bindings/Diagnosis";
import type { TrafficDetail } from "../../api/bindings/TrafficDetail";

export interface ShownResponse {
  status: number | null;
  latencyMs: number;
  sizeBytes: number;
  contentType: string | null;
  body: string;
  /** The body shown is only the start of the answer; Save writes all of it. */
  bodyTruncated: boolean;
}

export interface ShownRequest {
  httpMethod: string | null;
  url: string;
  /** Parameters in the order sent: the URL query, then the form. */
  query: [string, string][];
  form: [string, string][];
  headers: [string, string][];
  body: string;
  /** The masked curl line, when the core gave one. */
  curl: string | null;
}

export interface ShownCall {
  /** The workbench built and signed this call itself (console, history): a bad sign can then only be
   * the AppSecret or the environment. False for a request replayed as another system built it. */
  signedHere: boolean;
  /** Null when history could not record the call (see historyError). */
  historyId: number | null;
  /** Why history could not record the call; the answer is shown all the same. */
  historyError: string | null;
  success: boolean;
  result: ApiResult | null;
  explanation: Explanation | null;
  networkError: NetworkFailure | null;
  response: ShownResponse | null;
  request: ShownRequest | null;
  signature: SignExplanation | null;
  wdtSignature: WdtSignExplanation | null;
  /** A request another system signed (the traffic relay's): its sign's diagnosis, shown on the Signature tab. */
  diagnosis?: Diagnosis | null;
}

/** An answer as the core describes it, as the Response tab shows it. */
function shownResponse(response: ResponseView): ShownResponse {
  return {
    status: response.status,
    latencyMs: response.latency_ms,
    sizeBytes: response.size_bytes,
    contentType: response.content_type,
    body: response.body,
    bodyTruncated: response.body_truncated,
  };
}

export function fromOutcome(outcome: CallOutcome): ShownCall {
  const { request, response } = outcome;
  return {
    signedHere: true,
    historyId: outcome.history_id,
    historyError: outcome.history_error?.message ?? null,
    success: outcome.result?.success === true && outcome.network_error === null,
    result: outcome.result,
    explanation: outcome.explanation,
    networkError: outcome.network_error,
    response: response && shownResponse(response),
    request: {
      httpMethod: request.http_method,
      url: request.url,
      query: request.query,
      form: request.form,
      headers: request.headers,
      body: request.body,
      curl: request.curl,
    },
    signature: outcome.signature,
    wdtSignature: outcome.wdt_signature,
  };
}

function isPairList(value: unknown): value is [string, string][] {
  return Array.isArray(value) && value.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === "string"));
}

function isSignExplanation(value: unknown): value is SignExplanation {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.method === "string" &&
    isPairList(record.kept) &&
    Array.isArray(record.dropped) &&
    typeof record.string_to_sign_masked === "string" &&
    typeof record.digest === "string"
  );
}

/**
 * The stored request is the redacted request as JSON (HistoryEntry.request is typed as any JSON); read
 * what the Request and Signature tabs need, and leave out whatever is not in the expected shape.
 */
function readStoredRequest(stored: unknown): { request: ShownRequest | null; signature: SignExplanation | null } {
  if (typeof stored !== "object" || stored === null) return { request: null, signature: null };
  const record = stored as Record<string, unknown>;
  const query = isPairList(record.query) ? record.query : [];
  const form = isPairList(record.form) ? record.form : [];
  const endpoint = typeof record.endpoint === "string" ? record.endpoint : "";
  const rawBody = record.body as { text?: unknown; content_type?: unknown } | null | undefined;
  const bodyText = rawBody && typeof rawBody.text === "string" ? rawBody.text : "";
  const contentType = rawBody && typeof rawBody.content_type === "string" ? rawBody.content_type : null;
  const search = new URLSearchParams(query).toString();
  return {
    request:
      endpoint === ""
        ? null
        : {
            httpMethod: "POST",
            url: search === "" ? endpoint : `${endpoint}?${search}`,
            query,
            form,
            headers: contentType ? [["Content-Type", contentType]] : [],
            body: bodyText !== "" ? bodyText : new URLSearchParams(form).toString(),
            curl: null,
          },
    signature: isSignExplanation(record.signature) ? record.signature : null,
  };
}

export function fromHistory(detail: HistoryDetail): ShownCall {
  const { request, signature } = readStoredRequest(detail.request);
  return {
    signedHere: true,
    historyId: detail.id,
    historyError: null,
    success: detail.success,
    result: detail.result,
    explanation: detail.explanation,
    networkError: null,
    response: {
      status: detail.http_status,
      latencyMs: detail.latency_ms,
      sizeBytes: detail.response_size,
      contentType: null,
      body: detail.response,
      bodyTruncated: detail.response_truncated,
    },
    request,
    signature,
    wdtSignature: null,
  };
}

/** A captured request as the Request tab shows it: the query and form pairs as sent, to `endpoint`. */
export function shownCaptured(request: CapturedRequest, endpoint: string): ShownRequest {
  const pairs = (place: CapturedParam["place"]): [string, string][] =>
    request.params.filter((param) => param.place === place).map((param) => [param.name, param.value]);
  return {
    httpMethod: request.http_method,
    url: request.raw_query === "" ? endpoint : `${endpoint}${endpoint.includes("?") ? "&" : "?"}${request.raw_query}`,
    query: pairs("query"),
    form: pairs("form"),
    headers: request.headers,
    body: request.body ?? "",
    curl: null,
  };
}

/** A 复现请求 replay: no history entry and no signature of ours (the request was not built here). */
export function fromReplay(replay: ReproReplay): ShownCall {
  const { response } = replay;
  return {
    signedHere: replay.mode === "resigned",
    historyId: null,
    historyError: null,
    success: replay.result?.success === true && replay.network_error === null,
    result: replay.result,
    explanation: replay.explanation,
    networkError: replay.network_error,
    response: response && shownResponse(response),
    request: shownCaptured(replay.request, replay.endpoint),
    signature: null,
    wdtSignature: null,
  };
}

/** An exchange the traffic relay recorded: the customer's request as sent, its diagnosis, and the upstream's answer. */
export function fromExchange(detail: TrafficDetail): ShownCall {
  const { exchange } = detail;
  return {
    // Another system built and signed it.
    signedHere: false,
    historyId: null,
    historyError: null,
    success: detail.result?.success === true && detail.network_error === null,
    result: detail.result,
    explanation: detail.explanation,
    networkError: detail.network_error,
    response:
      exchange.status === null
        ? null
        : {
            status: exchange.status,
            latencyMs: exchange.latency_ms,
            sizeBytes: exchange.response_bytes,
            contentType: exchange.response_content_type,
            body: exchange.response_body,
            bodyTruncated: exchange.response_truncated,
          },
    request: shownCaptured(exchange.request, detail.endpoint),
    signature: null,
    wdtSignature: null,
    diagnosis: exchange.diagnosis,
  };
}
