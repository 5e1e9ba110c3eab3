/**
 * Answers of the Rust side as the component tests need them, typed with the generated bindings so a
 * contract change breaks the tests at compile time. The values follow the local gateway's demo
 * profile (AppKey 23000001) and the signing rule's shape; they are fixtures, not computed signatures.
 */
import type { ApiDoc } from "../api/bindings/ApiDoc";
import type { AppInfo } from "../api/bindings/AppInfo";
import type { AppStart } from "../api/bindings/AppStart";
import type { BundleCall } from "../api/bindings/BundleCall";
import type { CallInput } from "../api/bindings/CallInput";
import type { CallOutcome } from "../api/bindings/CallOutcome";
import type { EnvironmentOption } from "../api/bindings/EnvironmentOption";
import type { HistoryPage } from "../api/bindings/HistoryPage";
import type { IpcError } from "../api/bindings/IpcError";
import type { Part } from "../api/bindings/Part";
import type { ProfileView } from "../api/bindings/ProfileView";
import type { SignExplanation } from "../api/bindings/SignExplanation";
import type { ExchangeSummary } from "../api/bindings/ExchangeSummary";
import type { TrafficDetail } from "../api/bindings/TrafficDetail";
import type { TrafficStatus } from "../api/bindings/TrafficStatus";
import type { AnswerTemplate } from "../api/bindings/AnswerTemplate";
import type { Receipt } from "../api/bindings/Receipt";
import type { ReceiptSummary } from "../api/bindings/ReceiptSummary";
import type { ReceiverStatus } from "../api/bindings/ReceiverStatus";
import { installBackend, IpcRejection, type Handler, type RecordedCall } from "./backend";

export const GATEWAY = "http://127.0.0.1:18080";

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: "0.1.0",
    demo_mode: true,
    gateway_url: GATEWAY,
    gateway_port_moved: false,
    keyring: { state: "available" },
    secrets_in_memory: false,
    language: "zh-CN",
    retention: 10000,
    data_dir: "/data/qimen-workbench",
    current_profile_id: 1,
    ...overrides,
  };
}

export const demoProfile: ProfileView = {
  id: 1,
  name: "演示配置",
  app_key: "23000001",
  role: "erp",
  scenario: "",
  environment: { kind: "local", base_url: GATEWAY },
  callback_url: null,
  target_app_key: null,
  customer_id: null,
  wdt_sid: null,
  wdt_appkey: null,
  is_demo: true,
  created_at: "2024-05-01T08:00:00Z",
  updated_at: "2024-05-01T08:00:00Z",
  secret_stored: true,
  secret_hint: "******2a",
  wdt_secret_stored: false,
  wdt_secret_hint: null,
  label: { zh: "演示配置", en: "Demo profile" },
  carried_guide: false,
  session_stored: false,
};

export const environments: EnvironmentOption[] = [
  {
    id: "local",
    label: { zh: "本地网关（离线演示，无需账号）", en: "Local gateway (offline demo, no account needed)" },
    environment: { kind: "local", base_url: GATEWAY },
    endpoints: { top: `${GATEWAY}/router/rest`, qimen_standard: `${GATEWAY}/router/qimen/service`, qimen_cloud: `${GATEWAY}/router/qm`, in_clear: [] },
    is_local: true,
    https_alternative: null,
  },
  {
    id: "sandbox",
    label: { zh: "沙箱环境（tbsandbox.com）", en: "Sandbox (tbsandbox.com)" },
    environment: { kind: "sandbox" },
    endpoints: {
      top: "https://gw.api.tbsandbox.com/router/rest",
      qimen_standard: "https://qimenapi.tbsandbox.com/router/qimen/service",
      qimen_cloud: "https://qimenapi.tbsandbox.com/router/qm",
      in_clear: [],
    },
    is_local: false,
    https_alternative: null,
  },
  {
    id: "production",
    label: { zh: "正式环境", en: "Production" },
    environment: { kind: "production" },
    endpoints: {
      top: "https://eco.taobao.com/router/rest",
      qimen_standard: "http://qimen.api.taobao.com/router/qimen/service",
      qimen_cloud: "http://qimen.api.taobao.com/router/qm",
      in_clear: ["qimen_standard", "qimen_cloud"],
    },
    is_local: false,
    https_alternative: "production-https",
  },
];

export const catalogue: ApiDoc[] = [
  {
    name: "taobao.time.get",
    aliases: [],
    family: "top",
    title: { zh: "获取淘宝系统当前时间", en: "Get the platform's current time" },
    description: { zh: "返回开放平台的北京时间。", en: "Returns the platform's clock in Beijing time." },
    needs_session: false,
    target_app_key: null,
    wdt_sign: null,
    served_locally: true,
    params: [],
    body_example: null,
  },
  {
    name: "taobao.user.seller.get",
    aliases: [],
    family: "top",
    title: { zh: "查询卖家用户信息", en: "Get the seller's user information" },
    description: { zh: "返回授权卖家的用户信息。", en: "Returns the authorising seller's user record." },
    needs_session: true,
    target_app_key: null,
    wdt_sign: null,
    served_locally: true,
    params: [
      {
        name: "fields",
        kind: "string",
        required: true,
        description: { zh: "需要返回的字段", en: "Fields to return" },
        example: "user_id,nick,type",
        allowed: [],
        offset_hours: null,
      },
    ],
    body_example: null,
  },
];

/** The masked string the core reports for taobao.time.get signed with md5: secret at both ends. */
export const MASKED_STRING = "******app_key23000001formatjsonmethodtaobao.time.getsign_methodmd5timestamp2024-05-01 16:00:00v2.0******";

export const signature: SignExplanation = {
  method: "md5",
  kept: [
    ["app_key", "23000001"],
    ["format", "json"],
    ["method", "taobao.time.get"],
    ["sign_method", "md5"],
    ["timestamp", "2024-05-01 16:00:00"],
    ["v", "2.0"],
  ],
  dropped: [],
  body_appended: false,
  string_to_sign_masked: MASKED_STRING,
  digest: "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A88",
};

const request: CallOutcome["request"] = {
  http_method: "POST",
  url: `${GATEWAY}/router/rest?method=taobao.time.get&app_key=23000001`,
  endpoint: `${GATEWAY}/router/rest`,
  family: "top",
  query: [
    ["method", "taobao.time.get"],
    ["app_key", "23000001"],
  ],
  form: [],
  headers: [["Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"]],
  body: "",
  curl: `curl -X POST '${GATEWAY}/router/rest?method=taobao.time.get&app_key=23000001'`,
};

export const successOutcome: CallOutcome = {
  history_id: 41,
  history_error: null,
  request,
  signature,
  wdt_signature: null,
  response: {
    status: 200,
    latency_ms: 12,
    size_bytes: 86,
    content_type: "application/json;charset=UTF-8",
    headers: [],
    body: '{"time_get_response":{"time":"2024-05-01 16:00:00","request_id":"demo1"}}',
    body_truncated: false,
  },
  result: {
    success: true,
    shape: "top_json",
    code: null,
    message: null,
    sub_code: null,
    sub_message: null,
    flag: null,
    request_id: "demo1",
    wrapper: "time_get_response",
    data: { time: "2024-05-01 16:00:00" },
  },
  explanation: null,
  network_error: null,
};

export const EXPLANATION_TITLE = "签名无效";
export const EXPLANATION_REMEDY = "核对 AppSecret 是否与 AppKey 配对，并确认签名方式一致。";

export const failureOutcome: CallOutcome = {
  ...successOutcome,
  history_id: 42,
  history_error: null,
  response: {
    status: 200,
    latency_ms: 9,
    size_bytes: 120,
    content_type: "application/json;charset=UTF-8",
    headers: [],
    body: '{"error_response":{"code":25,"msg":"Invalid signature","sub_code":"isv.invalid-signature","request_id":"demo2"}}',
    body_truncated: false,
  },
  result: {
    success: false,
    shape: "top_json",
    code: "25",
    message: "Invalid signature",
    sub_code: "isv.invalid-signature",
    sub_message: null,
    flag: null,
    request_id: "demo2",
    wrapper: "error_response",
    data: {},
  },
  explanation: {
    lang: "zh-CN",
    code: "25",
    sub_code: null,
    param: null,
    title: EXPLANATION_TITLE,
    cause: "平台用你的 AppSecret 算出的签名与请求中的 sign 不一致。",
    remedy: EXPLANATION_REMEDY,
    retryable: false,
  },
};

export const emptyHistory: HistoryPage = { items: [], total: 0, offset: 0, limit: 20 };

/** A recorded call as history_bundle hands it over: the request as sent (sign shown, no secret) and its answer. */
export function bundleCall(overrides: Partial<BundleCall> = {}): BundleCall {
  return {
    api: "taobao.time.get",
    environment: { id: "local", endpoint: `${GATEWAY}/router/rest` },
    request: {
      source: "query_and_body",
      http_method: "POST",
      url: `${GATEWAY}/router/rest`,
      raw_query: "method=taobao.time.get&app_key=23000001&sign=4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A88",
      params: [
        { name: "method", value: "taobao.time.get", raw: "taobao.time.get", place: "query" },
        { name: "app_key", value: "23000001", raw: "23000001", place: "query" },
        { name: "sign", value: "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A88", raw: "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A88", place: "query" },
      ],
      headers: [["Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"]],
      body: null,
      content_type: null,
      sent_at: "2024-05-01T08:00:00Z",
    },
    response: {
      status: 200,
      content_type: "application/json;charset=UTF-8",
      body: '{"error_response":{"code":25,"msg":"Invalid signature","request_id":"demo2"}}',
      elapsed_ms: 9,
      size_bytes: 120,
    },
    explanation: null,
    diagnosis: null,
    recorded_at: "2024-05-01T08:00:00Z",
    ...overrides,
  };
}

/** The console call history_call_input answers for a recorded taobao.time.get. */
export const recordedCallInput: CallInput = {
  profile_id: 1,
  environment_id: "local",
  method: "taobao.time.get",
  family: "top",
  sign_method: "md5",
  format: "json",
  params: [],
  body: null,
  target_app_key: null,
  customer_id: null,
  use_session: false,
  wdt: { compute: false },
};

/** A part of app_start's first screen, answered as the handler would answer its own command. */
function partOf<T>(answer: () => T): Part<T> {
  try {
    const value = answer();
    return value instanceof IpcRejection ? { status: "rejected", reason: value.error } : { status: "fulfilled", value };
  } catch (thrown) {
    return { status: "rejected", reason: thrown as IpcError };
  }
}

/** What the first screen shows besides the app's state and the profiles. */
export interface ScreenParts {
  environments?: EnvironmentOption[];
  catalogue?: ApiDoc[];
}

/**
 * The answers every screen needs at start, plus the test's own. app_start brings the first screen
 * from the app_info and profiles_list handlers (so a test that changes those changes both), with the
 * environments and catalogue given here.
 */
export function startBackend(extra: Record<string, Handler> = {}, info: AppInfo = appInfo(), parts: ScreenParts = {}): RecordedCall[] {
  const handlers: Record<string, Handler> = {
    call_profile_values: () => [],
    app_info: () => info,
    profiles_list: () => [demoProfile],
    history_list: () => emptyHistory,
    ...extra,
  };
  const answer = (command: string) => () => handlers[command]?.({}) as never;
  return installBackend({
    app_start: (): AppStart => ({
      kind: "ready",
      screen: {
        info: partOf<AppInfo>(answer("app_info")),
        profiles: partOf<ProfileView[]>(answer("profiles_list")),
        environments: partOf(() => parts.environments ?? environments),
        catalogue: partOf(() => parts.catalogue ?? catalogue),
      },
    }),
    ...handlers,
  });
}

/** app_start's answer for the data open with the demo profile, as startBackend gives it. */
export function readyStart(): AppStart {
  return {
    kind: "ready",
    screen: {
      info: partOf(() => appInfo()),
      profiles: partOf(() => [demoProfile]),
      environments: partOf(() => environments),
      catalogue: partOf(() => catalogue),
    },
  };
}

/** Where the relay listens in the traffic tests. */
export const RELAY = "http://127.0.0.1:18088";

/** The relay not started yet (traffic_status at first). */
export const trafficStopped: TrafficStatus = {
  running: false,
  base_url: null,
  urls: [],
  upstream: null,
  upstream_url: null,
  diagnosing_with: null,
  lan_warning: null,
  recorded: 0,
};

/** The relay forwarding to the local gateway, checking signs with the demo profile's AppSecret. */
export const trafficRunning: TrafficStatus = {
  running: true,
  base_url: RELAY,
  urls: ["/router/rest", "/router/qimen/service", "/router/qm", "/router/qmtest", "/top/router/qmtest"].map((path) => ({ path, url: `${RELAY}${path}` })),
  upstream: "local",
  upstream_url: GATEWAY,
  diagnosing_with: "演示配置",
  lan_warning: null,
  recorded: 0,
};

/** A customer's taobao.time.get through the relay, signed with the wrong secret: code 25 from the gateway. */
export function exchangeSummary(overrides: Partial<ExchangeSummary> = {}): ExchangeSummary {
  return {
    id: 7,
    at: "2024-05-01T08:00:00Z",
    api: "taobao.time.get",
    http_method: "POST",
    path: "/router/rest",
    verdict: "invalid",
    causes: ["wrong-secret"],
    status: 200,
    platform_code: "25",
    platform_sub_code: null,
    upstream_error: null,
    latency_ms: 9,
    request_bytes: 0,
    response_bytes: 120,
    failed: true,
    ...overrides,
  };
}

/** The exchange of `summary` in full, as traffic_get answers: the request as sent, its diagnosis, the answer explained. */
export function trafficDetail(summary: ExchangeSummary): TrafficDetail {
  const call = bundleCall();
  return {
    exchange: {
      id: summary.id,
      at: summary.at,
      api: summary.api,
      http_method: summary.http_method,
      path: summary.path,
      request: { ...call.request, url: `${RELAY}${summary.path}` },
      verdict: summary.verdict,
      diagnosis: {
        valid: false,
        causes: [
          {
            id: "wrong-secret",
            detail: null,
            explanation: { zh: "签名用的 AppSecret 与这个 AppKey 的不一致。", en: "The sign was made with another AppSecret than this AppKey's." },
            fix: { zh: "换成这个 AppKey 对应的 AppSecret。", en: "Sign with this AppKey's AppSecret." },
          },
        ],
        sign_method: "md5",
        customer_sign: "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A88",
        expected_sign: "9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D",
        string_to_sign_masked: "******app_key23000001methodtaobao.time.get******",
        rows: [{ key: "app_key", platform: "23000001", customer: "23000001" }],
        wdt: null,
      },
      status: summary.status,
      platform_code: summary.platform_code,
      platform_sub_code: summary.platform_sub_code,
      upstream_error: summary.upstream_error,
      latency_ms: summary.latency_ms,
      request_bytes: summary.request_bytes,
      response_bytes: summary.response_bytes,
      response_content_type: "application/json;charset=UTF-8",
      response_body: failureOutcome.response?.body ?? "",
      response_truncated: false,
    },
    endpoint: `${GATEWAY}${summary.path}`,
    result: failureOutcome.result,
    explanation: failureOutcome.explanation,
    network_error: null,
  };
}

/** Where the receiver listens in the receiver tests. */
export const RECEIVER = "http://127.0.0.1:19090";

/** The documented success answer for `api`, as receiver_template_starter gives it. */
export function starterTemplate(api = "*"): AnswerTemplate {
  return {
    api,
    kind: "success",
    xml: '<?xml version="1.0" encoding="utf-8"?>\n<response><flag>success</flag><code>0</code><message>OK</message></response>',
    json: '{\n  "response": {\n    "flag": "success",\n    "code": "0",\n    "message": "OK"\n  }\n}',
    code: "B001",
    message: "单据已存在 / the order already exists",
    delay_ms: 0,
  };
}

/** The receiver not started yet, with the default template and no route. */
export const receiverStopped: ReceiverStatus = {
  running: false,
  url: null,
  verifying_with: null,
  templates: [starterTemplate()],
  route: null,
  route_app_key: null,
  gateway_url: null,
  recorded: 0,
};

/** The receiver verifying with the demo profile's AppSecret. */
export const receiverRunning: ReceiverStatus = {
  ...receiverStopped,
  running: true,
  url: RECEIVER,
  verifying_with: "演示配置",
  route_app_key: "23000001",
  gateway_url: GATEWAY,
};

/** A request the receiver refused: its sign made with another AppSecret. */
export function receiptSummary(overrides: Partial<ReceiptSummary> = {}): ReceiptSummary {
  return {
    id: 3,
    at: "2024-05-01T08:00:00Z",
    api: "taobao.qimen.entryorder.create",
    http_method: "POST",
    path: "/",
    verdict: "sign_mismatch",
    causes: ["wrong-secret"],
    status: 200,
    template: null,
    took_ms: 1,
    body_bytes: 412,
    failed: true,
    ...overrides,
  };
}

/** The request of `summary` in full, as receiver_get answers: the refused one with its diagnosis. */
export function receipt(summary: ReceiptSummary): Receipt {
  const refused = summary.verdict !== "accepted";
  const diagnosis = trafficDetail(exchangeSummary()).exchange.diagnosis;
  return {
    id: summary.id,
    request: {
      received_at: summary.at,
      http_method: summary.http_method,
      path: summary.path,
      api_method: summary.api,
      query: [
        ["method", summary.api ?? ""],
        ["app_key", "23000001"],
        ["customerId", "WH-DEMO-01"],
        ["sign", "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A88"],
      ],
      body_bytes: summary.body_bytes,
      content_type: "text/xml;charset=utf-8",
      body: "<request><entryOrder><entryOrderCode>RK202405200001</entryOrderCode></entryOrder></request>",
      verdict: refused
        ? { kind: "sign_mismatch", provided: "4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A88", expected: "9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D", string_to_sign_masked: "******app_key23000001******" }
        : { kind: "accepted" },
      diagnosis: refused ? diagnosis : null,
      answer: {
        status: summary.status,
        format: "xml",
        body: refused
          ? '<?xml version="1.0" encoding="utf-8"?><response><flag>failure</flag><code>sign-check-failure</code><message>Illegal request</message></response>'
          : starterTemplate().xml,
        template: summary.template,
        took_ms: summary.took_ms,
      },
    },
  };
}
