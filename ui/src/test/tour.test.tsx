import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { appInfo, demoProfile, failureOutcome, startBackend, successOutcome } from "./fixtures";
import type { RecordedCall } from "./backend";
import type { AppDetailsView } from "../api/bindings/AppDetailsView";
import type { CallInput } from "../api/bindings/CallInput";
import type { CallOutcome } from "../api/bindings/CallOutcome";
import type { CallPreview } from "../api/bindings/CallPreview";
import type { FlowView } from "../api/bindings/FlowView";
import type { MaterialsView } from "../api/bindings/MaterialsView";
import type { OnboardingView } from "../api/bindings/OnboardingView";
import type { ProfileView } from "../api/bindings/ProfileView";
import type { QuestionnaireResult } from "../api/bindings/QuestionnaireResult";
import type { ScenarioChoice } from "../api/bindings/ScenarioChoice";
import type { ScenariosView } from "../api/bindings/ScenariosView";
import type { SessionFlow } from "../api/bindings/SessionFlow";

/** The 旺店通 order query the scenario prepares, as scenario_choose answers it. */
const tradeCall: CallInput = {
  profile_id: 1,
  environment_id: "local",
  method: "hu3cgwt0tc.wdt.trade.query",
  family: "qimen_cloud",
  sign_method: "md5",
  format: null,
  params: [
    { key: "sid", value: "wdtdemo" },
    { key: "start_time", value: "2024-05-01 00:00:00" },
    { key: "end_time", value: "2024-05-01 23:59:59" },
  ],
  body: null,
  target_app_key: "21363512",
  customer_id: null,
  use_session: false,
  wdt: { compute: true },
};

const crmCall: CallInput = { ...tradeCall, method: "qimen.taobao.crm.order.detail.get", family: "qimen_cloud", params: [] };

const TRADES_BODY = JSON.stringify({
  response: {
    flag: "success",
    code: "0",
    message: "成功",
    total_count: 1,
    trades: [
      {
        trade_no: "JY202405010001",
        src_tids: "2000000000000000001",
        shop_name: "晴川数码天猫店",
        trade_status: 95,
        goods_count: "2.0000",
        receivable: "199.00",
        paid: "199.00",
        trade_time: "2024-05-01 10:00:00",
        logistics_name: "中通快递",
        goods_list: [{ goods_name: "无线耳机", spec_name: "白色", spec_no: "EAR-W", num: 2, share_amount: "199.00" }],
      },
    ],
    request_id: "t1",
  },
});

function callOutcome(method: string, body: string): CallOutcome {
  const response = successOutcome.response;
  if (!response) throw new Error("fixture");
  return {
    ...successOutcome,
    request: { ...successOutcome.request, query: [["method", method]], endpoint: "http://127.0.0.1:18080/router/qm" },
    response: { ...response, body, size_bytes: body.length },
    result: { ...successOutcome.result!, shape: "qimen_cloud_json", flag: "success", wrapper: "response" },
  };
}

const recommendation = {
  applicant: "domestic_taobao_enterprise",
  candidates: [
    { id: "warehouse_management_system", kind_id: "k", category_id: "c", name: { zh: "仓储管理系统", en: "Warehouse management system" }, availability: "eligible", reasons: [], match_score: 3 },
  ],
  recommended: "warehouse_management_system",
  summary: { zh: "推荐申请“仓储管理系统”。", en: "Apply for the warehouse management system." },
  links: [],
} as unknown as QuestionnaireResult;

function materials(done: string[]): MaterialsView {
  const ids = ["mrd_market_analysis", "prd_feature_descriptions", "client_login_account"];
  return {
    profile_id: 1,
    case: "vendor",
    cases: [{ id: "vendor", number: 2, title: { zh: "情况2:厂商直营", en: "Case 2: the vendor" }, text: { zh: "", en: "" } }],
    sections: [],
    items: ids.map((id) => ({ id, section: "mrd", text: { zh: id, en: id }, holds_secret: id === "client_login_account", done: done.includes(id), files: [] })),
    done: done.length,
    total: ids.length,
    client_login: { kind: "not_set" },
  } as unknown as MaterialsView;
}

const flow: SessionFlow = {
  flow_id: "tour-flow",
  url: "http://127.0.0.1:18080/authorize?response_type=code&client_id=23000001&state=s1",
  state: "s1",
  redirect_uri: "http://127.0.0.1/callback",
  mode: "in_app_window",
  listening_on: null,
};

const flowDone = {
  flow_id: "tour-flow",
  profile_id: 1,
  status: { state: "done" },
  session: { user_nick: "晴川数码旗舰店", access_expires_at: "2024-05-02T08:00:00Z" },
} as unknown as FlowView;

const preview: CallPreview = {
  request: { ...successOutcome.request, endpoint: "https://hu3cgwt0tc.api.taobao.com/router/qm" },
  signature: successOutcome.signature,
  wdt_signature: null,
};

/** The backend of a whole tour; `state` collects what the test checks afterwards. */
function tourBackend(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}): RecordedCall[] {
  let done: string[] = [];
  return startBackend({
    onboarding_recommend: () => recommendation,
    materials_set_case: () => materials(done),
    materials_set_done: (args) => {
      done = [...done, String(args.itemId)];
      return materials(done);
    },
    onboarding_set_step: () => ({}) as OnboardingView,
    app_details_save: (args) =>
      ({ profile: demoProfile, details: { app_name: (args.form as { app_name: string }).app_name }, client_password_stored: false }) as unknown as AppDetailsView,
    session_open_window: () => flow,
    session_flow_status: () => flowDone,
    scenario_choose: () =>
      ({
        profile: { ...demoProfile, scenario: "online_offline_erp" },
        console_preset: { purpose: "scenario", scenario_id: "online_offline_erp", call: tradeCall, apis: [], note: { zh: "财务系统从旺店通取订单。", en: "Orders for finance." } },
      }) as unknown as ScenarioChoice,
    scenarios_list: () => ({ scenarios: [{ id: "online_offline_erp", name: { zh: "线上ERP-线下ERP(财务系统)", en: "Online ERP - offline ERP" } }] }) as unknown as ScenariosView,
    call_send: (args) => {
      const input = args.input as CallInput;
      if (input.app_secret_once) return failureOutcome;
      return callOutcome(input.method, TRADES_BODY);
    },
    onboarding_get: () =>
      ({ steps: [{ id: "run_joint_test", action: { kind: "joint_test_preset", preset: { call: crmCall } } }] }) as unknown as OnboardingView,
    call_preview: () => preview,
    ...extra,
  });
}

async function openTour() {
  const rendered = await renderApp();
  await rendered.user.click(await screen.findByRole("menuitem", { name: /演示脚本/ }));
  await screen.findByTestId("tour-page");
  return rendered;
}

const sent = (calls: RecordedCall[], command: string) => calls.filter((c) => c.command === command);

describe("demo tour", () => {
  it("walks the eight steps for real through the commands, on the demo profile only", async () => {
    const calls = tourBackend();
    const { user } = await openTour();
    const next = screen.getByTestId("tour-next");
    expect(next).toHaveTextContent("开始演示");

    // 1 app type: the questionnaire's real answer.
    await user.click(next);
    expect(await screen.findByTestId("tour-result-appType")).toHaveTextContent("仓储管理系统");

    // 2 materials: the vendor case, every item ticked except the one a person must type.
    await user.click(screen.getByTestId("tour-next"));
    expect(await screen.findByTestId("tour-result-materials")).toHaveTextContent("2 / 3");
    expect(sent(calls, "materials_set_case")[0]?.args).toEqual({ profileId: 1, caseId: "vendor" });
    expect(sent(calls, "materials_set_done").map((c) => c.args.itemId)).toEqual(["mrd_market_analysis", "prd_feature_descriptions"]);

    // 3 app details, saved with the demo AppKey and no secret.
    await user.click(screen.getByTestId("tour-next"));
    expect(await screen.findByTestId("tour-result-details")).toHaveTextContent("演示财务系统");
    const form = sent(calls, "app_details_save")[0]?.args.form as Record<string, unknown>;
    expect(form).toMatchObject({ app_key: "23000001", app_secret: null, client_password: null, published: true });

    // 4 session through the consent page in the app window.
    await user.click(screen.getByTestId("tour-next"));
    expect(await screen.findByTestId("tour-result-session")).toHaveTextContent("晴川数码旗舰店");
    expect(sent(calls, "session_open_window")[0]?.args).toMatchObject({ profileId: 1 });

    // 5 scenario.
    await user.click(screen.getByTestId("tour-next"));
    expect(await screen.findByTestId("tour-result-scenario")).toHaveTextContent("hu3cgwt0tc.wdt.trade.query");
    expect(sent(calls, "scenario_choose")[0]?.args).toEqual({ profileId: 1, scenarioId: "online_offline_erp" });

    // 6 self-test: the order query sent to the local gateway, its signature and answer shown.
    await user.click(screen.getByTestId("tour-next"));
    const selfTest = await screen.findByTestId("tour-result-call");
    expect(selfTest).toHaveTextContent("hu3cgwt0tc.wdt.trade.query");
    expect(selfTest).toHaveTextContent(successOutcome.signature.digest);
    expect(selfTest).toHaveTextContent("平台返回成功");
    const selfTestInput = sent(calls, "call_send")[0]?.args.input as CallInput;
    expect(selfTestInput).toMatchObject({ method: "hu3cgwt0tc.wdt.trade.query", profile_id: 1, environment_id: "local" });
    expect(selfTestInput.app_secret_once).toBeUndefined();

    // 7 joint test with the preset the guide prepares.
    await user.click(screen.getByTestId("tour-next"));
    await waitFor(() => expect(sent(calls, "call_send")).toHaveLength(2));
    expect((sent(calls, "call_send")[1]?.args.input as CallInput).method).toBe("qimen.taobao.crm.order.detail.get");

    // 8 go live: signed for 旺店通's live router, previewed, not sent.
    await user.click(screen.getByTestId("tour-next"));
    expect(await screen.findByTestId("tour-result-goLive")).toHaveTextContent("https://hu3cgwt0tc.api.taobao.com/router/qm");
    expect((sent(calls, "call_preview")[0]?.args.input as CallInput).environment_id).toBe("router:hu3cgwt0tc");
    expect(sent(calls, "call_send")).toHaveLength(2);
    expect(screen.getByTestId("tour-next")).toHaveTextContent("全部完成");
    expect(screen.getByTestId("tour-next")).toBeDisabled();

    // The tracker was told, for the demo profile only, of the steps it cannot see; the session,
    // scenario, self-test and joint-test steps advance from what the tour did, with their evidence.
    const marked = sent(calls, "onboarding_set_step");
    expect(marked.every((c) => c.args.profileId === 1)).toBe(true);
    expect(marked.map((c) => c.args.stepId)).toEqual([
      "prepare_materials",
      "register_developer",
      "submit_application",
      "create_publish_app",
      "request_joint_test",
      "go_live",
    ]);
    // Every profile-bound command named the demo profile.
    const bound = calls.filter((c) => "profileId" in c.args);
    expect(bound.every((c) => c.args.profileId === demoProfile.id)).toBe(true);
  });

  it("shows a failure signed once with a wrong secret, explained, without changing the stored one", async () => {
    const calls = tourBackend();
    const { user } = await openTour();
    await user.click(screen.getByTestId("tour-failure"));

    const panel = await screen.findByTestId("tour-failure-panel");
    expect(panel).toHaveTextContent("签名无效");
    expect(panel).toHaveTextContent("核对 AppSecret");
    const input = sent(calls, "call_send")[0]?.args.input as CallInput;
    expect(input.app_secret_once).toBeTruthy();
    expect(input).toMatchObject({ profile_id: 1, environment_id: "local" });
    // Nothing that stores a secret was asked for.
    expect(calls.some((c) => c.command === "profile_save" || c.command === "app_details_save")).toBe(false);
  });

  it("resets the demo after a confirmation and starts over", async () => {
    const calls = tourBackend({ demo_reset: () => demoProfile, profile_select: () => appInfo() });
    const { user } = await openTour();
    await user.click(screen.getByTestId("tour-next"));
    await screen.findByTestId("tour-result-appType");
    expect(screen.getByTestId("tour-next")).toHaveTextContent("下一步");

    await user.click(screen.getByTestId("tour-reset"));
    const confirm = await screen.findByRole("tooltip");
    await user.click(within(confirm).getByRole("button", { name: /重\s*置/ }));

    expect(await screen.findByText("演示已恢复到第一次打开时的样子。")).toBeInTheDocument();
    expect(sent(calls, "demo_reset")).toHaveLength(1);
    expect(screen.getByTestId("tour-next")).toHaveTextContent("开始演示");
    expect(screen.queryByTestId("tour-result-appType")).not.toBeInTheDocument();
  });

  it("says when a step fails and lets the next click try it again", async () => {
    let failOnce = true;
    tourBackend({
      onboarding_recommend: () => {
        if (failOnce) {
          failOnce = false;
          throw { code: "catalog.broken", message: "目录读取失败" };
        }
        return recommendation;
      },
    });
    const { user } = await openTour();
    await user.click(screen.getByTestId("tour-next"));
    expect(await screen.findByTestId("tour-step-error")).toHaveTextContent("目录读取失败");
    await user.click(screen.getByTestId("tour-next"));
    expect(await screen.findByTestId("tour-result-appType")).toBeInTheDocument();
  });

  it("never picks a real profile: without the demo profile it offers to bring it back", async () => {
    const real: ProfileView = { ...demoProfile, id: 2, name: "正式配置", is_demo: false };
    const calls = startBackend({ profiles_list: () => [real] });
    await openTour();
    expect(await screen.findByText("找不到演示配置")).toBeInTheDocument();
    expect(screen.queryByTestId("tour-next")).not.toBeInTheDocument();
    expect(calls.some((c) => c.command === "call_send")).toBe(false);
  });
});
