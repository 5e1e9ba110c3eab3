/**
 * The English UI has no Chinese in it. Each main page is rendered in English over the fake backend,
 * its text (and the placeholders, titles and labels that are read out) is collected, and every run of
 * CJK characters must be one of the few allowed below: data that names Chinese things. Anything else
 * is a string that did not go through the locales or a bilingual value whose Chinese half was shown.
 */
import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import { renderApp } from "./render";
import { appInfo, failureOutcome, receiverStopped, startBackend, trafficStopped } from "./fixtures";
import type { Handler } from "./backend";
import type { CallOutcome } from "../api/bindings/CallOutcome";
import type { HistorySummary } from "../api/bindings/HistorySummary";
import type { SessionStatus } from "../api/bindings/SessionStatus";
import type { OnboardingView } from "../api/bindings/OnboardingView";
import type { StepView } from "../api/bindings/StepView";

/**
 * Chinese the English UI may show, each with the reason. Matched as whole substrings before the
 * check, so a string that merely contains one of them is still caught.
 */
const ALLOWED: { text: string; why: string }[] = [
  { text: "Wangdiantong (旺店通)", why: "the ERP's own name, glossed once where it is introduced" },
  { text: "中文", why: "the language switch names Chinese in Chinese, so that a reader of Chinese finds it" },
  { text: "service address (服务地址)", why: "the field's name on the Qimen console, which is in Chinese only" },
  { text: "revocation (清退)", why: "the term the Alimama documents use, so the reader can find it there" },
  { text: "演示配置", why: "a profile's name as the user (or the demo) saved it, shown where the core reports a name" },
  { text: "演示店铺", why: "a shop's name: user data" },
  { text: "北京掌上先机网络科技有限公司", why: "a company's registered name, quoted as the documents give it" },
];

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;

/** All text a user sees or hears on the page: the content and the words kept in attributes. */
function visibleText(): string {
  const parts = [document.body.textContent ?? ""];
  for (const element of document.body.querySelectorAll("[placeholder], [title], [aria-label], [alt]")) {
    for (const name of ["placeholder", "title", "aria-label", "alt"]) {
      const value = element.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  return parts.join("\n");
}

/** The runs of Chinese left once the allowed data is taken out, each with some context. */
function chineseIn(text: string): string[] {
  let rest = text;
  for (const { text: allowed } of ALLOWED) rest = rest.split(allowed).join(" ");
  return [...rest.matchAll(CJK)].map((match) => {
    const at = match.index ?? 0;
    return rest.slice(Math.max(0, at - 30), at + match[0].length + 30).replace(/\s+/g, " ");
  });
}

const L = (zh: string, en: string) => ({ zh, en });

/** The failure explained by a core that speaks English. */
const englishFailure: CallOutcome = {
  ...failureOutcome,
  explanation: {
    ...failureOutcome.explanation!,
    lang: "en-US",
    title: "Invalid signature",
    cause: "The sign the platform computed with your AppSecret differs from the request's.",
    remedy: "Check that the AppSecret belongs to the AppKey and that the sign method matches.",
  },
};

const historyRow: HistorySummary = {
  id: 42,
  profile_id: 1,
  profile_name: "演示配置",
  environment: "local",
  endpoint: "http://127.0.0.1:18080/router/rest",
  method: "taobao.time.get",
  family: "top",
  http_status: 200,
  success: false,
  code: "25",
  sub_code: "isv.invalid-signature",
  message: "Invalid signature",
  sub_message: null,
  latency_ms: 9,
  response_size: 120,
  response_truncated: false,
  created_at: "2024-05-01T08:00:00Z",
};

const CALLBACK = "http://127.0.0.1:18765/callback";
const sessionStatus: SessionStatus = {
  profile_id: 1,
  authorized: true,
  expired: false,
  source: "token_endpoint",
  user_nick: "演示店铺",
  user_id: "2200000001",
  sub_user_id: null,
  sub_user_nick: null,
  open_uid: null,
  obtained_at: "2024-05-01T08:00:00Z",
  access_expires_at: "2024-05-02T09:00:00Z",
  refresh_expires_at: "2024-05-08T08:00:00Z",
  access_seconds_left: 90000,
  refresh_seconds_left: 7 * 86400,
  can_refresh: true,
  callback: {
    url: CALLBACK,
    checked: {
      url: CALLBACK,
      kind: { kind: "loopback", host: "127.0.0.1", port: 18765, path: "/callback" },
      suggested: "local_listener",
      possible: ["local_listener", "in_app_window", "paste", "manual"],
    },
    problem: null,
    suggested: "local_listener",
  },
  authorize_endpoint: "http://127.0.0.1:18080/authorize",
  token_endpoint: "http://127.0.0.1:18080/token",
  token_api_endpoint: "http://127.0.0.1:18080/router/rest",
};

function step(id: string, number: number, title: { zh: string; en: string }, overrides: Partial<StepView> = {}): StepView {
  return {
    id,
    number,
    section: "三.2",
    title,
    todo: [L("登录开放平台", "Sign in to the Open Platform")],
    skippable: null,
    links: [],
    action: { kind: "none" },
    expected_wait: { kind: "range", min: 5, max: 7, unit: "working_days", typical: true },
    wait_text: null,
    state: { state: "not_started" },
    changed_at: null,
    waiting: null,
    is_next: false,
    auto_tracked: false,
    set_by_hand: false,
    evidence: null,
    ...overrides,
  } as StepView;
}

const tracker: OnboardingView = {
  profile_id: 1,
  profile_name: "演示配置",
  today: "2024-05-01",
  steps: [
    step("register", 1, L("注册开发者", "Register as a developer"), { state: { state: "done" }, changed_at: "2024-05-01T02:00:00Z" }),
    step("developer_info", 2, L("提交开发者信息", "Submit the developer information"), { is_next: true }),
  ],
  next: null,
  finished: 1,
  total: 2,
};

/** Renders the app in English with the answers every page needs, plus `extra`. */
async function renderEnglish(extra: Record<string, Handler> = {}) {
  startBackend(
    {
      history_list: () => ({ items: [historyRow], total: 1, offset: 0, limit: 20 }),
      session_status: () => sessionStatus,
      traffic_status: () => trafficStopped,
      traffic_list: () => ({ items: [], total: 0 }),
      receiver_status: () => receiverStopped,
      receiver_list: () => ({ items: [], total: 0 }),
      onboarding_get: () => tracker,
      onboarding_overview: () => [],
      call_send: () => englishFailure,
      ...extra,
    },
    appInfo({ language: "en-US" }),
  );
  const rendered = await renderApp();
  await screen.findByRole("menuitem", { name: /Test console/ });
  return rendered;
}

async function open(user: Awaited<ReturnType<typeof renderEnglish>>["user"], menu: RegExp) {
  await user.click(await screen.findByRole("menuitem", { name: menu }));
}

/** Waits until the page settled, then checks that no Chinese is left. */
async function expectEnglish() {
  // Let the lazy page load and its first answers arrive.
  await waitFor(() => expect(document.querySelector(".ant-skeleton")).toBeNull());
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(chineseIn(visibleText())).toEqual([]);
}

describe("the English UI", () => {
  it("the test console, with a failed call explained", async () => {
    const { user } = await renderEnglish();
    await waitFor(() => expect(screen.getByTestId("api-picker")).toHaveTextContent("Get the platform's current time"));
    await user.click(screen.getByTestId("send"));
    await screen.findByTestId("explanation");
    await expectEnglish();
  });

  it("history", async () => {
    const { user } = await renderEnglish();
    await open(user, /History/);
    await screen.findByText("taobao.time.get");
    await expectEnglish();
  });

  it("profiles", async () => {
    const { user } = await renderEnglish();
    await open(user, /Profiles/);
    await expectEnglish();
  });

  it("settings", async () => {
    const { user } = await renderEnglish();
    await open(user, /Settings/);
    await expectEnglish();
  });

  it("session", async () => {
    const { user } = await renderEnglish();
    await open(user, /Session/);
    await screen.findByTestId("session-page");
    await expectEnglish();
  });

  it("reproduce", async () => {
    const { user } = await renderEnglish();
    await open(user, /Reproduce/);
    await expectEnglish();
  });

  it("traffic", async () => {
    const { user } = await renderEnglish();
    await open(user, /Traffic/);
    await expectEnglish();
  });

  it("the provider receiver", async () => {
    const { user } = await renderEnglish();
    await open(user, /Provider receiver/);
    await expectEnglish();
  });

  it("the demo tour", async () => {
    const { user } = await renderEnglish();
    await open(user, /Demo tour/);
    await expectEnglish();
  });

  it("every tab of the onboarding guide", async () => {
    const { user } = await renderEnglish();
    await open(user, /Onboarding/);
    await screen.findAllByRole("tab");
    await expectEnglish();
    for (const name of ["App types", "Materials", "Scenario & role", "App details"]) {
      await user.click(screen.getByRole("tab", { name }));
      await expectEnglish();
    }
    await user.click(screen.getByText(/^Taobaoke/));
    await expectEnglish();
  });
});
