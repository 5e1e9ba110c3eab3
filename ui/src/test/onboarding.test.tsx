import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { appInfo, catalogue, demoProfile, startBackend, successOutcome } from "./fixtures";
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
      named: true,
    },
  ],
  recommended: "erp-system",
  summary: L("找到 1 个可申请的应用类型"),
  next_step: L("下一步：完成入驻后申请"),
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
    source: null,
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
    auto_tracked: false,
    set_by_hand: false,
    evidence: null,
    ...overrides,
  };
}

/** A tracker whose self-test step the app saw done (a successful sandbox call, history entry 42). */
function trackerWithEvidence(setByHand: boolean): OnboardingView {
  const steps = [
    step("self_test", 1, "自测", {
      auto_tracked: true,
      set_by_hand: setByHand,
      state: { state: setByHand ? "in_progress" : "done" },
      changed_at: "2024-05-01T02:00:00Z",
      evidence: {
        kind: "call",
        label: L("taobao.time.get 调用成功（sandbox）", "taobao.time.get succeeded (sandbox)"),
        history_id: 42,
        at: "2024-05-01T02:00:00Z",
      },
    }),
    step("submit_application", 2, "提交开发者信息", { is_next: true }),
  ];
  return { profile_id: demoProfile.id, profile_name: demoProfile.name, today: "2024-05-01", steps, next: null, finished: setByHand ? 0 : 1, total: 2 };
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
    // The Taobaoke checker is its own journey, not a tab of the 旺店通 path.
    expect(screen.queryByRole("tab", { name: "淘宝客" })).toBeNull();
    await user.click(screen.getByText("淘宝客 API 权限（另一条路线）"));
    await user.type(await screen.findByLabelText("网站扣分"), "20");
    await user.click(screen.getByRole("button", { name: /^检 ?查$/ }));

    const card = await screen.findByTestId("package-basic");
    expect(within(card).getByText("不符合")).toBeInTheDocument();
    const rule = within(card).getByTestId("rule-basic-deduction");
    expect(within(rule).getByText("未通过")).toBeInTheDocument();
    // "< 18" is a strict bound: the tag names it rather than a distance.
    expect(within(rule).getByText("须低于 18")).toBeInTheDocument();
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
      onboarding_get: () => tracker(false),
      scenarios_list: () => scenarios,
      scenario_choose: () => choice,
      call_send: () => successOutcome,
      },
      appInfo(),
      { catalogue: [...catalogue, crmDoc] },
    );
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
  it("shows what the app saw as a link that opens the history entry", async () => {
    const calls = startBackend({ onboarding_get: () => trackerWithEvidence(false) });
    const { user } = await openGuide();
    const card = await screen.findByTestId("step-self_test");
    // Done from the app, not by hand: the tag says so, and the evidence is a link.
    expect(within(card).getByTestId("source-self_test")).toHaveTextContent("自动");
    expect(within(card).queryByTestId("reset-self_test")).toBeNull();
    const link = within(card).getByTestId("evidence-link-self_test");
    expect(link).toHaveTextContent("taobao.time.get 调用成功（sandbox） · #42");
    expect(within(card).getByTestId("evidence-self_test")).toHaveTextContent("2024-05-01 10:00:00");
    // A step the app cannot see has no automatic tag.
    expect(within(screen.getByTestId("step-submit_application")).queryByTestId("source-submit_application")).toBeNull();

    await user.click(link);
    // The history page opens on that entry.
    await waitFor(() => expect(calls.some((c) => c.command === "history_get" && c.args.id === 42)).toBe(true));
    expect(await screen.findByRole("dialog")).toBeInTheDocument();
  });

  it("marks a state set by hand and resets it back to automatic", async () => {
    const calls = startBackend({
      onboarding_get: () => trackerWithEvidence(true),
      onboarding_set_step: () => trackerWithEvidence(false),
    });
    const { user } = await openGuide();
    const card = await screen.findByTestId("step-self_test");
    expect(within(card).getByTestId("source-self_test")).toHaveTextContent("手动");
    // The evidence still shows, with a word that the hand wins.
    expect(within(card).getByTestId("evidence-link-self_test")).toBeInTheDocument();
    expect(within(card).getByText(/手动设置的状态优先/)).toBeInTheDocument();

    await user.click(within(card).getByTestId("reset-self_test"));
    await waitFor(() =>
      expect(calls.find((c) => c.command === "onboarding_set_step")?.args).toEqual({
        profileId: demoProfile.id,
        stepId: "self_test",
        state: { state: "automatic" },
      }),
    );
    await waitFor(() => expect(within(screen.getByTestId("step-self_test")).getByTestId("source-self_test")).toHaveTextContent("自动"));
  });
  it("gives a next step, marks a recommendation the document leaves open, and links the affiliate type to Taobaoke", async () => {
    const openResult: QuestionnaireResult = {
      ...recommendation,
      candidates: [
        { ...recommendation.candidates[0]!, availability: "not_stated", named: true },
        { id: "affiliate_website", kind_id: "tool", category_id: "erp", name: L("联盟合作网站"), availability: "eligible", reasons: [], match_score: 1, named: false },
      ],
      summary: L("最符合的是 ERP系统，但文档没有说明您是否可申请。"),
      next_step: L("下一步：向您的软件服务商或旺店通销售确认应申请哪种应用类型。"),
    };
    startBackend({
      onboarding_get: () => tracker(false),
      catalog_app_types: () => appTypes,
      onboarding_recommend: () => openResult,
      catalog_taobaoke: () => taobaokeCatalog,
      taobaoke_applications_get: () => ({ profile_id: demoProfile.id, today: "2024-05-20", applications: [] }),
    });
    const { user } = await openGuide();
    await user.click(screen.getByRole("tab", { name: "应用类型" }));
    await user.type(await screen.findByLabelText("关键词"), "ERP");
    await user.click(screen.getByRole("button", { name: /^推 ?荐$/ }));
    const shown = await screen.findByTestId("recommendation");
    // Not "推荐申请": the document does not say whether this applicant may apply.
    expect(within(shown).getByText("最符合您所说的系统：ERP系统（文档未说明您能否申请）")).toBeInTheDocument();
    expect(within(shown).getByTestId("next-step")).toHaveTextContent("软件服务商或旺店通销售");
    expect(within(shown).getByText("名称匹配")).toBeInTheDocument();
    // The affiliate website type leads to the Taobaoke checker.
    await user.click(within(shown).getByTestId("affiliate-to-taobaoke"));
    expect(await screen.findByLabelText("网站扣分")).toBeInTheDocument();
  });

  it("never shows an invitation-only package as just eligible, explains revocation and follows an application", async () => {
    const linkOk = {
      ...failedBasic,
      package: "link",
      name: L("链接包"),
      verdict: "eligible",
      rules: [],
      invitation_only: L("邀请制，暂未全面开放"),
      summary: L("符合公开条件，但为邀请制"),
    } as unknown as PackageCheck;
    const catalogWithFaq = {
      ...taobaokeCatalog,
      rules: {
        ...taobaokeCatalog.rules,
        packages: [
          { id: "basic", name: L("基础包"), source: null },
          { id: "link", name: L("链接包"), source: { section: "二（二）1", quote: "淘宝客链接API要求" } },
        ],
        revocation: { consequence: L("回收"), meaning: L("清退就是收回权限"), rules: [], source: null },
        faq: [{ question: L("小白用户，怎么接api？"), answer: L("看学习文档"), package: null }],
      },
      local_apis: [{ package: "link", methods: ["taobao.tbk.item.convert"], origin: L("接口名出自公开的 API 列表") }],
    } as unknown as TaobaokeCatalogView;
    const clock = {
      package: "link",
      name: L("链接包"),
      applied_on: "2024-05-20",
      wait: { kind: "range", min: 10, max: 15, unit: "working_days", typical: false },
      elapsed: 3,
      remaining_min: 7,
      remaining_max: 12,
      overdue: false,
      text: L("2024-05-20 提交申请，已过 3 个工作日"),
    };
    const calls = startBackend({
      onboarding_get: () => tracker(false),
      catalog_taobaoke: () => catalogWithFaq,
      taobaoke_check: () => [linkOk],
      taobaoke_applications_get: () => ({ profile_id: demoProfile.id, today: "2024-05-23", applications: [] }),
      taobaoke_application_set: () => ({ profile_id: demoProfile.id, today: "2024-05-23", applications: [clock] }),
    });
    const { user } = await openGuide();
    await user.click(screen.getByText("淘宝客 API 权限（另一条路线）"));
    await user.click(await screen.findByRole("button", { name: /^检 ?查$/ }));
    const card = await screen.findByTestId("package-link");
    expect(within(card).getByTestId("verdict-link")).toHaveTextContent("符合公开条件 · 邀请制，不保证开通");
    // API names that the document does not give say where they come from.
    expect(within(card).getByTestId("local-apis-link")).toHaveTextContent("非来源文档");
    expect(within(card).getByTestId("local-apis-link")).toHaveTextContent("接口名出自公开的 API 列表");
    // The package's source passage opens in the app.
    await user.click(within(card).getByRole("button", { name: /来源/ }));
    expect(await screen.findByTestId("source-passage")).toHaveTextContent("淘宝客链接API要求");

    // Revocation in plain words, and the FAQ.
    await user.click(screen.getByText("“清退”（收回权限）是什么意思"));
    expect(await screen.findByText("清退就是收回权限")).toBeInTheDocument();
    await user.click(screen.getByText("常见问题（来源文档 002）"));
    expect(await screen.findByText("小白用户，怎么接api？")).toBeInTheDocument();

    // Recording an application sent today starts its working-day clock.
    const tracking = screen.getByTestId("taobaoke-tracking");
    await user.click(within(tracking).getByRole("combobox", { name: "申请的权限包" }));
    await user.click(await screen.findByTitle("链接包"));
    await user.click(within(tracking).getByRole("button", { name: "记录申请" }));
    await waitFor(() =>
      expect(calls.find((c) => c.command === "taobaoke_application_set")?.args).toEqual({
        profileId: demoProfile.id,
        packageId: "link",
        appliedOn: null,
        withdraw: false,
      }),
    );
    expect(await screen.findByTestId("application-link")).toHaveTextContent("已过 3 个工作日 · 还需 7–12 个工作日");
  });

  it("rewrites the joint-test channel plainly, keeps the original behind 来源, and says where non-document facts come from", async () => {
    const withSources = {
      ...scenarios,
      scenarios: [
        {
          ...scenarios.scenarios[0]!,
          other_names: [L("线上ERP-CRM奇门接口", "Online ERP - CRM Qimen APIs")],
          flow_origin: L("调用方向出自协议参考资料", "The call direction comes from the protocol reference"),
          source: null,
          apis: [{ method: "hu3cgwt0tc.wdt.trade.query", title: L("查询销售订单"), caller: "you", family: "qimen_custom", source: "reference" }],
        },
      ],
      channels: [
        {
          id: "email_and_group",
          text: L("发邮件向旺店通申请联调", "Apply to 旺店通 by email"),
          remark: L("邮箱地址请向旺店通对接人索取", "Ask your 旺店通 contact for the address"),
          source: { section: "六.1.2", quote: "点击“联系我们”查看入群方式" },
        },
      ],
      constants: { ...scenarios.constants, source: null },
    } as unknown as ScenariosView;
    startBackend({ onboarding_get: () => tracker(false), scenarios_list: () => withSources }, appInfo({ language: "en-US" }));
    const rendered = await renderApp();
    await rendered.user.click(await screen.findByRole("menuitem", { name: /Onboarding|guide/i }));
    await rendered.user.click(await screen.findByRole("tab", { name: /Scenario/i }));
    const card = await screen.findByTestId("scenario-erp_crm");
    // The scenario's other name reads in English; the facts not in the document say so.
    expect(within(card).getByText("Online ERP - CRM Qimen APIs")).toBeInTheDocument();
    expect(within(card).getByTestId("flow-origin-erp_crm")).toHaveTextContent("Not from the source document");
    expect(within(card).getByTestId("api-origins-erp_crm")).toHaveTextContent("public SDK packages");
    const channel = within(card).getByTestId("channel-erp_crm");
    expect(channel).toHaveTextContent("Apply to 旺店通 by email");
    expect(channel).not.toHaveTextContent("Contact us");
    await rendered.user.click(within(channel).getByRole("button", { name: /Source/ }));
    // The part number is written the English way; the passage stays the document's own words.
    expect(await screen.findByText("Original text, part 6.1.2")).toBeInTheDocument();
    expect(screen.getByTestId("source-passage")).toHaveTextContent("点击“联系我们”查看入群方式");
  });
});
