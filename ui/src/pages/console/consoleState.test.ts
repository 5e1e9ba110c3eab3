import { describe, expect, it } from "vitest";
import type { ApiDoc } from "../../api/bindings/ApiDoc";
import type { CallInput } from "../../api/bindings/CallInput";
import { IpcFailure } from "../../api/ipc";
import type { ShownCall } from "../../components/result/model";
import { catalogue as topApis } from "../../test/fixtures";
import { FIRST_API, consoleView, initialState, reducer, type ConsoleAction, type ConsoleState } from "./consoleState";

const time = topApis[0]!;
const seller = topApis[1]!;

const entryorder: ApiDoc = {
  ...time,
  name: "taobao.qimen.entryorder.create",
  family: "qimen_standard",
  title: { zh: "入库单创建", en: "Create an entry order" },
  params: [],
  body_example: "<request><entryOrder/></request>",
};

const crm: ApiDoc = {
  ...time,
  name: "wdt.crm.trade.get",
  family: "qimen_cloud",
  title: { zh: "CRM 订单详情", en: "CRM order detail" },
  target_app_key: "21363512",
  wdt_sign: "official_crm",
  params: [{ ...seller.params[0]!, name: "tid", required: true }],
};

const catalogue = [time, seller, entryorder, crm];
const profile = { id: 1, targetAppKey: "12345678", customerId: "c-1" };

/** Runs actions from the state a console starts with, freezing each state so a mutation throws. */
function run(...actions: ConsoleAction[]): ConsoleState {
  return actions.reduce((state, action) => reducer(Object.freeze(state), action), Object.freeze(initialState(profile)));
}

const loaded: ConsoleAction = { type: "catalogueLoaded", catalogue };

function preset(overrides: Partial<CallInput>): CallInput {
  return {
    profile_id: 1,
    environment_id: "local",
    method: crm.name,
    family: null,
    sign_method: "hmac",
    format: "xml",
    params: [],
    body: null,
    target_app_key: null,
    customer_id: null,
    use_session: true,
    wdt: { compute: false },
    ...overrides,
  };
}

describe("console state: the catalogue", () => {
  it("starts on the API that always works once the catalogue has it, with a fresh form", () => {
    const before = initialState(profile);
    const state = run(loaded);
    expect(state.apiName).toBe(FIRST_API);
    expect(consoleView(state).doc).toBe(time);
    expect(state.paramForm.generation).toBe(before.paramForm.generation + 1);
    expect(state.targetAppKey).toBe("12345678");
    expect(state.customerId).toBe("c-1");
  });

  it("chooses nothing while the catalogue lacks that API", () => {
    const state = run({ type: "catalogueLoaded", catalogue: [seller] });
    expect(state.apiName).toBeUndefined();
    expect(consoleView(state).doc).toBeUndefined();
  });

  it("keeps what was typed when the catalogue is loaded again", () => {
    const state = run(loaded, { type: "apiChosen", name: entryorder.name }, { type: "edited", changes: { body: "<mine/>" } });
    const again = reducer(state, { type: "catalogueLoaded", catalogue: [...catalogue] });
    expect(again.apiName).toBe(entryorder.name);
    expect(again.body).toBe("<mine/>");
    expect(again.paramForm).toBe(state.paramForm);
  });
});

describe("console state: choosing an API", () => {
  it("brings the API's body example, session need and target app, and starts its form afresh", () => {
    const standard = run(loaded, { type: "edited", changes: { wdtCompute: false } }, { type: "apiChosen", name: entryorder.name });
    expect(standard.body).toBe("<request><entryOrder/></request>");
    expect(standard.useSession).toBe(false);
    expect(standard.wdtCompute).toBe(true);
    expect(standard.paramForm).toEqual({ generation: 2, fill: null });

    const session = reducer(standard, { type: "apiChosen", name: seller.name });
    expect(session.useSession).toBe(true);
    expect(session.body).toBe("");
    // A TOP API has no provider of its own: the profile's target app stands.
    expect(session.targetAppKey).toBe("12345678");

    const cloud = reducer(session, { type: "apiChosen", name: crm.name });
    expect(cloud.targetAppKey).toBe("21363512");
  });

  it("keeps what was typed when the same API is chosen again", () => {
    const state = run(loaded, { type: "apiChosen", name: entryorder.name }, { type: "edited", changes: { body: "<mine/>", useSession: true } });
    const again = reducer(state, { type: "apiChosen", name: entryorder.name });
    expect(again.body).toBe("<mine/>");
    expect(again.useSession).toBe(true);
    expect(again.paramForm).toBe(state.paramForm);
  });

  it("leaves the catalogue's API for the free form and finds it again on the way back", () => {
    const free = run(loaded, { type: "apiChosen", name: crm.name }, { type: "modeChosen", mode: "free" });
    expect(consoleView(free).doc).toBeUndefined();
    expect(free.targetAppKey).toBe("12345678");
    expect(free.paramForm.generation).toBe(3);

    const typed = reducer(free, { type: "edited", changes: { freeMethod: " custom.method " } });
    expect(consoleView(typed).method).toBe("custom.method");
    // Typing a method is not choosing an API: the form stays as it is.
    expect(typed.paramForm).toBe(free.paramForm);

    const back = reducer(typed, { type: "modeChosen", mode: "catalogue" });
    expect(back.apiName).toBe(crm.name);
    expect(back.targetAppKey).toBe("21363512");
    expect(consoleView(back).method).toBe(crm.name);
  });
});

describe("console state: the profile", () => {
  it("brings its customerId and target app, unless the API names its own provider", () => {
    const next = { id: 1, targetAppKey: "87654321", customerId: "c-2" };
    const top = run(loaded, { type: "profileSelected", profile: next });
    expect(top.targetAppKey).toBe("87654321");
    expect(top.customerId).toBe("c-2");

    const cloud = run(loaded, { type: "apiChosen", name: crm.name }, { type: "profileSelected", profile: next });
    expect(cloud.targetAppKey).toBe("21363512");
    expect(cloud.customerId).toBe("c-2");
    // What the next chosen API falls back to is the new profile's.
    expect(reducer(cloud, { type: "apiChosen", name: time.name }).targetAppKey).toBe("87654321");
  });

  it("keeps the parameters and body the user typed", () => {
    const state = run(loaded, { type: "apiChosen", name: entryorder.name }, { type: "edited", changes: { body: "<mine/>" } });
    const switched = reducer(state, { type: "profileSelected", profile: { id: 1, targetAppKey: "", customerId: "" } });
    expect(switched.body).toBe("<mine/>");
    expect(switched.paramForm).toBe(state.paramForm);
  });
});

describe("console state: a prepared call", () => {
  it("chooses the documented API and fills in everything the call states", () => {
    const call = preset({
      params: [
        { key: "tid", value: "1001" },
        { key: "extra_flag", value: "1" },
      ],
      target_app_key: "99999999",
      customer_id: "c-9",
    });
    const state = run(loaded, { type: "edited", changes: { body: "<old/>" } }, { type: "requestOpened", request: { call, seq: 1 } });
    expect(state.mode).toBe("catalogue");
    expect(state.apiName).toBe(crm.name);
    expect(state.requestSeq).toBe(1);
    expect(state.signMethod).toBe("hmac");
    expect(state.format).toBe("xml");
    expect(state.targetAppKey).toBe("99999999");
    expect(state.customerId).toBe("c-9");
    expect(state.useSession).toBe(true);
    expect(state.wdtCompute).toBe(false);
    // The API's defaults came first: the old body is gone, the API has no example.
    expect(state.body).toBe("");
    // Documented parameters go to their fields, the rest to the free rows.
    expect(state.paramForm).toEqual({
      generation: 2,
      fill: { params: { tid: "1001" }, extra: [{ key: "extra_flag", value: "1" }] },
    });
  });

  it("starts the form afresh even when the call is for the API already chosen", () => {
    const before = run(loaded, { type: "apiChosen", name: crm.name });
    const state = reducer(before, { type: "requestOpened", request: { call: preset({}), seq: 4 } });
    expect(state.paramForm.generation).toBe(before.paramForm.generation + 1);
    expect(state.paramForm.fill).toEqual({ params: {}, extra: [] });
  });

  it("opens an API the catalogue lacks in the free form, its parameters as free rows", () => {
    const call = preset({ method: "custom.order.get", format: null, body: "<request/>", params: [{ key: "a", value: "1" }] });
    const state = run(loaded, { type: "requestOpened", request: { call, seq: 2 } });
    expect(state.mode).toBe("free");
    expect(state.freeMethod).toBe("custom.order.get");
    expect(state.format).toBe("json");
    expect(state.body).toBe("<request/>");
    expect(state.paramForm.fill).toEqual({ params: {}, extra: [{ key: "a", value: "1" }] });
    expect(consoleView(state)).toMatchObject({ method: "custom.order.get", showBodyEditor: true, showTargetApp: true, showCustomerId: true });
  });
});

describe("console state: what the screen shows", () => {
  it("shows the body editor for Qimen standard APIs, the target app for cloud ones, neither for TOP", () => {
    expect(consoleView(run(loaded))).toMatchObject({ family: "top", showBodyEditor: false, showTargetApp: false, showCustomerId: false, isWdt: false });
    expect(consoleView(run(loaded, { type: "apiChosen", name: entryorder.name }))).toMatchObject({
      isQimenStandard: true,
      showBodyEditor: true,
      showCustomerId: true,
    });
    expect(consoleView(run(loaded, { type: "apiChosen", name: crm.name }))).toMatchObject({ showTargetApp: true, isWdt: true });
  });
});

describe("console state: sending", () => {
  const shown = { historyId: 42, explanation: null, networkError: null } as ShownCall;
  const input = preset({});

  it("clears the last error when asked, and shows why a call was refused or failed", () => {
    const refused = run(loaded, { type: "sendRefused", error: new IpcFailure({ code: "validation.call.method", message: "请填写 API" }) });
    expect(refused.sendError?.code).toBe("validation.call.method");
    expect(reducer(refused, { type: "sendAsked" }).sendError).toBeNull();
    // With no error on screen, asking is no change at all, so the click costs no redraw.
    const quiet = run(loaded);
    expect(reducer(quiet, { type: "sendAsked" })).toBe(quiet);

    const sending = reducer(refused, { type: "sendStarted" });
    expect(sending).toMatchObject({ sending: true, sendError: null });
    const failed = reducer(sending, { type: "sendFailed", error: new IpcFailure({ code: "secret.missing", message: "缺少密钥" }) });
    expect(failed).toMatchObject({ sending: false });
    expect(failed.sendError?.is("secret.missing")).toBe(true);
  });

  it("keeps the result with what was sent and the language it is explained in", () => {
    const state = run(loaded, { type: "sendStarted" }, { type: "sendSucceeded", input, shown, language: "zh-CN", method: "taobao.time.get" });
    expect(state).toMatchObject({ sending: false, shown, lastInput: input, explainedIn: "zh-CN" });
    expect(state.shownFor).toEqual({ method: "taobao.time.get", profileId: 1, environmentId: "" });

    const explanation = { title: "Invalid signature" } as ShownCall["explanation"];
    const explained = reducer(state, { type: "explained", historyId: 42, explanation, language: "en-US" });
    expect(explained.shown?.explanation).toBe(explanation);
    expect(explained.explainedIn).toBe("en-US");
    // An explanation for a call no longer on screen is dropped.
    expect(reducer(state, { type: "explained", historyId: 7, explanation, language: "en-US" })).toBe(state);
  });

  it("clears a result when another API, profile or environment is chosen, and keeps it otherwise", () => {
    const sent = run(loaded, { type: "sendStarted" }, { type: "sendSucceeded", input, shown, language: "zh-CN", method: "taobao.time.get" });
    expect(reducer(sent, { type: "edited", changes: { signMethod: "hmac" } }).shown).toBe(shown);
    expect(reducer(sent, { type: "apiChosen", name: "taobao.time.get" }).shown).toBe(shown);
    const other = loaded.catalogue.find((doc) => doc.name !== "taobao.time.get")?.name ?? "";
    expect(reducer(sent, { type: "apiChosen", name: other })).toMatchObject({ shown: null, shownFor: null, lastInput: null });
    expect(reducer(sent, { type: "profileSelected", profile: { ...profile, id: 2 } }).shown).toBeNull();
    expect(reducer(sent, { type: "profileSelected", profile: { ...profile, customerId: "c-9" } }).shown).toBe(shown);
    expect(reducer(sent, { type: "environmentChosen", environmentId: "sandbox" }).shown).toBeNull();
    expect(reducer(sent, { type: "environmentChosen", environmentId: "" }).shown).toBe(shown);
  });
});
