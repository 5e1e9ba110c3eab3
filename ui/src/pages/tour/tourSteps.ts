/**
 * The demo tour's steps: the 旺店通 journey of document 003 played on the local gateway with the demo
 * profile, each step done for real through the app's own commands (the same ones the guide, the
 * session page and the console use), then marked on the guide's tracker.
 */
import * as api from "../../api/commands";
import type { Availability } from "../../api/bindings/Availability";
import type { CallInput } from "../../api/bindings/CallInput";
import type { CallOutcome } from "../../api/bindings/CallOutcome";
import type { CallPreview } from "../../api/bindings/CallPreview";
import type { FlowView } from "../../api/bindings/FlowView";
import type { SessionFlow } from "../../api/bindings/SessionFlow";
import type { Text } from "../../api/bindings/Text";
import type { PageKey } from "../../state/workbench";

export type StepId = "appType" | "materials" | "details" | "session" | "scenario" | "selfTest" | "jointTest" | "goLive";

export const STEP_IDS: StepId[] = ["appType", "materials", "details", "session", "scenario", "selfTest", "jointTest", "goLive"];

/** The page of the app where each step is done by hand. */
export const STEP_PAGES: Record<StepId, PageKey> = {
  appType: "onboarding",
  materials: "onboarding",
  details: "onboarding",
  session: "session",
  scenario: "onboarding",
  selfTest: "console",
  jointTest: "console",
  goLive: "onboarding",
};

/** The tracker steps (document 003) each tour step completes. */
const TRACKER_STEPS: Record<StepId, string[]> = {
  appType: [],
  materials: ["prepare_materials", "register_developer", "submit_application"],
  details: ["create_publish_app"],
  // The session, the scenario, the self-test and the joint-test steps advance by themselves from
  // what the tour really did (the tracker links each to its evidence); marking them by hand would
  // hide that link.
  session: [],
  scenario: [],
  selfTest: [],
  jointTest: ["request_joint_test"],
  goLive: ["go_live"],
};

/** The scenario the tour connects: a finance system (用友 / 金蝶 / SAP) reading 旺店通's orders. */
export const TOUR_SCENARIO = "online_offline_erp";

/** A wrong AppSecret for "show a failure": public, obviously fake, used for one call and never stored. */
export const WRONG_SECRET = "wrong0secret0for0the0demo0tour00";

export type StepResult =
  | { kind: "appType"; summary: Text; recommended: Text | null; candidates: { name: Text; availability: Availability }[] }
  | { kind: "materials"; done: number; total: number; caseTitle: Text | null }
  | { kind: "details"; appName: string; appKey: string }
  | { kind: "session"; nick: string | null; expiresAt: string | null }
  | { kind: "scenario"; name: Text | null; note: Text; call: CallInput | null }
  | { kind: "call"; outcome: CallOutcome; call: CallInput }
  | { kind: "goLive"; preview: CallPreview; environmentId: string; call: CallInput };

/** What a step needs: the demo profile, what earlier steps found, and a way to follow a session flow. */
export interface StepContext {
  profileId: number;
  appKey: string;
  /** The demo app's name, in the UI language. */
  appName: string;
  /** The call the scenario step prepared (the self-test call). */
  scenarioCall: CallInput | null;
  /** Called once the consent page is open, so the page can show where it is and offer to cancel. */
  onFlow: (flow: SessionFlow) => void;
  /** Asks where the flow stands until it ends (the page polls; tests answer at once). */
  waitForFlow: (flowId: string) => Promise<FlowView>;
}

/** Marks the tracker steps of a tour step done. The tracker records, so a refusal (a step the user
 * skipped by hand) does not undo what the tour step really did. */
async function markDone(profileId: number, step: StepId): Promise<void> {
  for (const id of TRACKER_STEPS[step]) {
    try {
      await api.onboardingSetStep(profileId, id, { state: "done" });
    } catch {
      // The step stays as the user set it.
    }
  }
}

/** The router a live call goes to: a 旺店通 custom API's own (`router:hu3cgwt0tc`), else production. */
export function liveEnvironmentFor(method: string): string {
  const prefix = method.split(".")[0] ?? "";
  return /^(?=.*\d)[a-z0-9]{10}$/.test(prefix) ? `router:${prefix}` : "production";
}

/** The call "show a failure" sends: the self-test call when there is one, else the platform's time. */
export function failureCall(ctx: { profileId: number; scenarioCall: CallInput | null }): CallInput {
  const base: CallInput = ctx.scenarioCall ?? {
    profile_id: ctx.profileId,
    environment_id: "local",
    method: "taobao.time.get",
    family: null,
    sign_method: "md5",
    format: null,
    params: [],
    body: null,
    target_app_key: null,
    customer_id: null,
    use_session: false,
    wdt: { compute: false },
  };
  return { ...base, profile_id: ctx.profileId, environment_id: "local", app_secret_once: WRONG_SECRET };
}

/** The demo's own calls always go to the local gateway, signed with the demo profile. */
function onLocal(call: CallInput, profileId: number): CallInput {
  return { ...call, profile_id: profileId, environment_id: "local" };
}

async function run(step: StepId, ctx: StepContext): Promise<StepResult> {
  const id = ctx.profileId;
  switch (step) {
    case "appType": {
      // The questionnaire as a software company selling an ERP-side system would answer it.
      const answer = await api.onboardingRecommend({
        applicant: "domestic_taobao_enterprise",
        building: { by: "keywords", value: "ERP" },
      });
      const recommended = answer.candidates.find((c) => c.id === answer.recommended)?.name ?? null;
      const candidates = answer.candidates.slice(0, 3).map((c) => ({ name: c.name, availability: c.availability }));
      return { kind: "appType", summary: answer.summary, recommended, candidates };
    }
    case "materials": {
      let view = await api.materialsSetCase(id, "vendor");
      for (const item of view.items) {
        // The client login password is typed by a person, never ticked by a demo.
        if (!item.done && !item.holds_secret) view = await api.materialsSetDone(id, item.id, true);
      }
      const caseTitle = view.cases.find((c) => c.id === view.case)?.title ?? null;
      return { kind: "materials", done: view.done, total: view.total, caseTitle };
    }
    case "details": {
      const saved = await api.appDetailsSave(id, {
        app_key: ctx.appKey,
        callback_url: null,
        app_secret: null,
        client_password: null,
        app_name: ctx.appName,
        published: true,
        developer_email: "dev@example.com",
        developer_phone: "13800138000",
        client_login_name: null,
      });
      return { kind: "details", appName: saved.details?.app_name ?? ctx.appName, appKey: saved.profile.app_key };
    }
    case "session": {
      const flow = await api.sessionOpenWindow(id, { view: "web", route: "token_endpoint" });
      ctx.onFlow(flow);
      const view = await ctx.waitForFlow(flow.flow_id);
      if (view.status.state === "failed") throw { code: view.status.code, message: view.status.message };
      if (view.status.state !== "done") throw { code: "tour.sessionCancelled", message: "" };
      const status = view.session ?? (await api.sessionStatus(id));
      return { kind: "session", nick: status.user_nick, expiresAt: status.access_expires_at };
    }
    case "scenario": {
      const choice = await api.scenarioChoose(id, TOUR_SCENARIO);
      const preset = choice.console_preset;
      const call = preset.call ? onLocal(preset.call, id) : null;
      const scenarios = await api.scenariosList();
      const name = scenarios.scenarios.find((s) => s.id === TOUR_SCENARIO)?.name ?? null;
      return { kind: "scenario", name, note: preset.note, call };
    }
    case "selfTest": {
      const call = ctx.scenarioCall;
      if (!call) throw { code: "tour.noScenario", message: "" };
      return { kind: "call", outcome: await api.callSend(call), call };
    }
    case "jointTest": {
      const guide = await api.onboardingGet(id);
      const action = guide.steps.find((s) => s.id === "run_joint_test")?.action;
      const preset = action?.kind === "joint_test_preset" ? action.preset.call : null;
      if (!preset) throw { code: "tour.noJointTest", message: "" };
      const call = onLocal(preset, id);
      return { kind: "call", outcome: await api.callSend(call), call };
    }
    case "goLive": {
      const base = ctx.scenarioCall;
      if (!base) throw { code: "tour.noScenario", message: "" };
      const environmentId = liveEnvironmentFor(base.method);
      const call = { ...base, environment_id: environmentId };
      // Signed for the live router, shown, not sent: the demo has no live account.
      return { kind: "goLive", preview: await api.callPreview(call), environmentId, call };
    }
  }
}

/** Whether a step's result counts as the step done (a call must have succeeded). */
export function succeeded(result: StepResult): boolean {
  if (result.kind !== "call") return true;
  return result.outcome.result?.success === true && result.outcome.network_error === null;
}

/** Runs one step for real and, when it worked, marks it on the tracker. */
export async function runStep(step: StepId, ctx: StepContext): Promise<StepResult> {
  const result = await run(step, ctx);
  if (succeeded(result)) await markDone(ctx.profileId, step);
  return result;
}
