import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { catalogue, demoProfile, startBackend, successOutcome } from "./fixtures";
import type { AppTypeCatalog } from "../api/bindings/AppTypeCatalog";
import type { QuestionnaireResult } from "../api/bindings/QuestionnaireResult";
import type { TaobaokeCatalogView } from "../api/bindings/TaobaokeCatalogView";
import type { PackageCheck } from "../api/bindings/PackageCheck";
import type { OnboardingView } from "../api/bindings/OnboardingView";
import type { StepView } from "../api/bindings/StepView";
import type { ScenariosView } from "../api/bindings/ScenariosView";
import type { ScenarioChoice } from "../api/bindings/ScenarioChoice";
import type { ApiDoc } from "../api/bindings/ApiDoc";
import type { CallInput } from "../api/bindings/CallInput";

const L = (zh: string, en = zh) => ({ zh, en });
const JOINT_TEST_API = "qimen.taobao.crm.order.detail.get";

const appTypes: AppTypeCatalog = {
  source: "000",
  title: L("应用类型"),
  legend: [{ marker: "🔴", applicant: "domestic_taobao_enterprise", label: L("淘宝国内企业"), in_document_legend: true, remark: null }],
  links: [],
  kinds: [
    {
      id: "tool",
      name: L("工具类"),
      description: L("工具"),
      overview: null,
      categories: [
        {
          id: "erp",
          name: L("ERP"),
          groups: [
            {
              name: L("全部"),
              empty_note: null,
              entries: [
                {
                  id: "erp-system",
                  name: L("ERP系统"),
                  description: L("企业资源管理"),
                  markers: ["🔴"],
                  notes: [],
                  unnamed_in_document: false,
                  applicants: ["domestic_taobao_enterprise"],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

const recommendation: QuestionnaireResult = {
  applicant: "domestic_taobao_enterprise",
  candidates: [
    {
      id: "erp-system",
      kind_id: "tool",
      category_id: "erp",
      name: L("ERP系统"),
      availability: "eligible",
      reasons: [{ kind: "marked", text: L("带有 🔴 标记：淘宝国内企业可申请") }],
      match_score: 3,
    },
  ],
  recommended: "erp-system",
  summary: L("找到 1 个可申请的应用类型"),
  links: [],
};

const taobaokeCatalog = {
  rules: {
    source: "002",
    title: L("淘宝客权限包"),
    document_date: "2020-01-01",
    effective_from: "2020-01-01",
    scope: L("适用范围"),
    help_link: { label: L("帮助"), url: "https://example.invalid/help" },
    figures: [{ field: "site_deduction_score", label: L("网站扣分"), unit: L("分") }],
    packages: [{ id: "basic", name: L("基础包") }],
    revocation: { consequence: L("回收"), rules: [] },
    faq: [],
  },
  local_apis: [],
  basic_only_demo_app_key: "23000002",
  basic_only_demo_secret: "demo",
} as unknown as TaobaokeCatalogView; // only the parts the form reads

const failedBasic: PackageCheck = {
  package: "basic",
  name: L("基础包"),
  verdict: "not_eligible",
  missing: [],
  rules: [
    {
      package: "basic",
      rule_id: "deduction",
      text: L("网站扣分 < 18"),
      applies_to: "website",
      interpretation: null,
      all_required: true,
      outcome: { outcome: "failed" },
      checks: [
        {
          field: "site_deduction_score",
          label: L("网站扣分"),
          op: "lt",
          threshold: 18,
          actual: 20,
          outcome: "failed",
          shortfall: 3,
          explanation: L("网站扣分 20，须低于 18"),
        },
      ],
      links: [],
    },
  ],
  prerequisites: [],
  invitation_only: null,
  how_to_apply: { prerequisite: L("登录联盟后台"), links: [], result: L("审核结果邮件通知"), wait: { kind: "instant" } },
  revocation: [],
  summary: L("不符合基础包：1 条规则未通过"),
} as unknown as PackageCheck; // `op` is the core's enum, spelled as it serialises

function step(id: string, number: number, title: string, overrides: Partial<StepView> = {}): StepView {
  return {
    id,
    number,
    section: "三.2",
    title: L(title),
    todo: [L(`${title}：要做的事`)],
    skippable: null,
    links: [],
    action: { kind: "none" },
    expected_wait: null,
    wait_text: null,
    state: { state: "not_started" },
    changed_at: null,
    waiting: null,
    is_next: false,
    ...overrides,
  };
}

function tracker(firstDone: boolean): OnboardingView {
  const steps = [
    step("register", 1, "注册开发者", firstDone ? { state: { state: "done" } } : { is_next: true }),
    step("developer_info", 2, "提交开发者信息", {
      is_next: firstDone,
      expected_wait: { kind: "range", min: 5, max: 7, unit: "days", typical: true },
    }),
  ];
  return { profile_id: demoProfile.id, profile_name: demoProfile.name, today: "2024-05-01", steps, next: null, finished: firstDone ? 1 : 0, total: 2 };
}

const crmDoc: ApiDoc = {
  ...catalogue[0]!,
  name: JOINT_TEST_API,
  family: "qimen_cloud",
  title: L("CRM 订单详情"),
  target_app_key: "21363512",
};

const presetCall: CallInput = {
  profile_id: demoProfile.id,
  environment_id: "local",
  method: JOINT_TEST_API,
  family: null,
  sign_method: "md5",
  format: "json",
  params: [{ key: "tid", value: "1001" }],
  body: null,
  target_app_key: "21363512",
  customer_id: null,
  use_session: false,
  wdt: { compute: false },
};

const scenarios = {
  scenarios: [
    {
      id: "erp_crm",
      name: L("奇门ERP-CRM"),
      other_names: [],
      description: L("CRM 读取订单"),
      your_role: "crm",
      flow: L("CRM 调用旺店通"),
      joint_test: "email_and_group",
      apis_note: null,
      apis_link: null,
      sdk_note: null,
      apis: [],
    },
  ],
  roles: [{ id: "crm", name: L("CRM") }],
  channels: [{ id: "email_and_group", text: L("发邮件并进群"), remark: null }],
  constants: {
    qimen_company_name: "北京掌上先机网络科技有限公司",
    company_name_text: L("奇门对接公司"),
    wdt_target_app_key: "21363512",
    target_app_key_text: L("旺店通"),
    joint_test_api: JOINT_TEST_API,
    joint_test_domain: "example.invalid",
  },
} as unknown as ScenariosView; // the scenario's API list is not read by this test

async function openGuide() {
  const rendered = await renderApp();
  await rendered.user.click(await screen.findByRole("menuitem", { name: /入驻向导/ }));
  // The guide loads when first opened.
  await screen.findAllByRole("tab");
  return rendered;
}

describe("onboarding guide", () => {
  it("puts the guide first in the navigation", async () => {
    startBackend({ onboarding_get: () => tracker(false) });
    await renderApp();
    const items = await screen.findAllByRole("menuitem");
    // The guide is where someone who has read nothing starts, so it leads the list.
    expect(items[0]).toHaveTextContent("入驻向导");
  });

  it("recommends an app type from the questionnaire, with the core's reasons", async () => {
    const calls = startBackend({
      onboarding_get: () => tracker(false),
      catalog_app_types: () => appTypes,
      onboarding_recommend: () => recommendation,
    });
    const { user } = await openGuide();
    await user.click(screen.getByRole("tab", { name: "应用类型" }));
    await user.type(await screen.findByLabelText("关键词"), "ERP");
    // antd spaces out two-character Chinese button labels.
    await user.click(screen.getByRole("button", { name: /^推 ?荐$/ }));

    const shown = await screen.findByTestId("recommendation");
    expect(within(shown).getByText("推荐申请：ERP系统")).toBeInTheDocument();
    expect(within(shown).getByText("带有 🔴 标记：淘宝国内企业可申请")).toBeInTheDocument();
    // The answers reach the core as typed: the applicant kind and the keywords.
    expect(calls.find((c) => c.command === "onboarding_recommend")?.args.questionnaire).toEqual({
      applicant: "domestic_taobao_enterprise",
      building: { by: "keywords", value: "ERP" },
    });
  });

  it("shows a failed Taobaoke rule with its shortfall", async () => {
    const calls = startBackend({
      onboarding_get: () => tracker(false),
      catalog_taobaoke: () => taobaokeCatalog,
      taobaoke_check: () => [failedBasic],
    });
    const { user } = await openGuide();
    await user.click(screen.getByRole("tab", { name: "淘宝客" }));
    await user.type(await screen.findByLabelText("网站扣分"), "20");
    await user.click(screen.getByRole("button", { name: /^检 ?查$/ }));

    const card = await screen.findByTestId("package-basic");
    expect(within(card).getByText("不符合")).toBeInTheDocument();
    const rule = within(card).getByTestId("rule-basic-deduction");
    expect(within(rule).getByText("未通过")).toBeInTheDocument();
    expect(within(rule).getByText("差 3")).toBeInTheDocument();
    // The typed figure went to the core as a number; the fields left empty as null.
    const figures = calls.find((c) => c.command === "taobaoke_check")?.args.figures as Record<string, unknown>;
    expect(figures.site_deduction_score).toBe(20);
    expect(figures.app_dau).toBeNull();
  });

  it("saves a step marked done through onboarding_set_step and moves the next-step mark", async () => {
    const calls = startBackend({
      onboarding_get: () => tracker(false),
      onboarding_set_step: () => tracker(true),
    });
    const { user } = await openGuide();
    const first = await screen.findByTestId("step-register");
    expect(within(first).getByText("下一步")).toBeInTheDocument();
    // The document's wait is written in the UI language.
    expect(screen.getByTestId("step-developer_info")).toHaveTextContent("5–7天");

    await user.click(within(first).getByRole("combobox", { name: "“注册开发者”的状态" }));
    await user.click(await screen.findByTitle("已完成"));

    await waitFor(() =>
      expect(calls.find((c) => c.command === "onboarding_set_step")?.args).toEqual({
        profileId: demoProfile.id,
        stepId: "register",
        state: { state: "done" },
      }),
    );
    // The view the core answered is shown: the second step is now the next one.
    await waitFor(() => expect(within(screen.getByTestId("step-developer_info")).getByText("下一步")).toBeInTheDocument());
    expect(screen.getByTestId("tracker-finished")).toHaveTextContent("已完成 1 / 2 步");
  });

  it("choosing 奇门ERP-CRM opens the console prepared with the joint-test call", async () => {
    const choice: ScenarioChoice = {
      profile: { ...demoProfile, scenario: "erp_crm", target_app_key: "21363512" },
      console_preset: { purpose: "joint_test", scenario_id: "erp_crm", call: presetCall, apis: [], note: L("联调") },
    };
    const calls = startBackend({
      api_catalogue: () => [...catalogue, crmDoc],
      onboarding_get: () => tracker(false),
      scenarios_list: () => scenarios,
      scenario_choose: () => choice,
      call_send: () => successOutcome,
    });
    const { user } = await openGuide();
    await user.click(screen.getByRole("tab", { name: "场景与角色" }));
    const card = await screen.findByTestId("scenario-erp_crm");
    await user.click(within(card).getByRole("button", { name: "选择此场景" }));

    await waitFor(() => expect(calls.some((c) => c.command === "scenario_choose" && c.args.scenarioId === "erp_crm")).toBe(true));
    // The console is on screen with the API picked; sending shows what the preset filled in.
    await user.click(await screen.findByRole("button", { name: /发送/ }));
    await waitFor(() => expect(calls.some((c) => c.command === "call_send")).toBe(true));
    const sent = calls.find((c) => c.command === "call_send")?.args.input as CallInput;
    expect(sent.method).toBe(JOINT_TEST_API);
    expect(sent.target_app_key).toBe("21363512");
    expect(sent.params).toContainEqual({ key: "tid", value: "1001" });
  });
});
