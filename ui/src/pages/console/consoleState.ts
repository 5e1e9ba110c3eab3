/**
 * Everything the console holds, in one reducer. Each thing that happens is one action that updates
 * all it implies at once: choosing an API brings its body example, session need and target app and
 * starts its parameter form afresh; a profile brings its target app and customerId; a prepared call
 * from another screen chooses its API and then fills in what it says. Nothing depends on the order in
 * which effects run, and the reducer is a pure function the tests drive directly.
 */
import { useEffect, useReducer } from "react";
import type { FormInstance } from "antd";
import type { ApiDoc } from "../../api/bindings/ApiDoc";
import type { CallInput } from "../../api/bindings/CallInput";
import type { Explanation } from "../../api/bindings/Explanation";
import type { SignMethod } from "../../api/bindings/SignMethod";
import type { UiLanguage } from "../../api/bindings/UiLanguage";
import type { IpcFailure } from "../../api/ipc";
import type { ShownCall } from "../../components/result/model";
import type { ConsoleRequest } from "../../state/workbench";
import type { ConsoleFormValues } from "./ParamForm";

/** Preselected on first run: answered by every environment, needs no session. */
export const FIRST_API = "taobao.time.get";

export type ConsoleMode = "catalogue" | "free";
export type ConsoleFormat = "json" | "xml";

/** What the console takes from the current profile. */
export interface ProfileDefaults {
  /** Which profile; null before profiles are loaded. */
  id: number | null;
  targetAppKey: string;
  customerId: string;
}

/** The call a result on screen belongs to, said beside it. */
export interface ShownFor {
  method: string;
  profileId: number | null;
  environmentId: string;
}

/** What the user edits directly, outside the parameter form. */
export interface ConsoleEdits {
  freeMethod: string;
  body: string;
  signMethod: SignMethod;
  format: ConsoleFormat;
  wdtCompute: boolean;
  useSession: boolean;
  targetAppKey: string;
  customerId: string;
}

export interface ConsoleState extends ConsoleEdits {
  mode: ConsoleMode;
  /** The API chosen from the catalogue (kept while the free form is shown). */
  apiName: string | undefined;
  /** The catalogue and profile the state was last brought in line with. */
  catalogue: ApiDoc[];
  profile: ProfileDefaults;
  /** The last prepared call applied, so each one is applied once. */
  requestSeq: number | null;
  /**
   * The parameter form (held by antd) starts afresh whenever `generation` changes, with `fill` in it
   * when a prepared call brought values.
   */
  paramForm: { generation: number; fill: ConsoleFormValues | null };
  sending: boolean;
  sendError: IpcFailure | null;
  shown: ShownCall | null;
  /** Which call the shown result belongs to. */
  shownFor: ShownFor | null;
  /** The environment calls go to now. */
  environmentId: string;
  /** The language the shown explanation is written in. */
  explainedIn: UiLanguage | null;
  /** What was sent for the shown result, for "copy as curl" with the session. */
  lastInput: CallInput | null;
}

export type ConsoleAction =
  | { type: "catalogueLoaded"; catalogue: ApiDoc[] }
  | { type: "profileSelected"; profile: ProfileDefaults }
  | { type: "environmentChosen"; environmentId: string }
  | { type: "requestOpened"; request: ConsoleRequest }
  | { type: "modeChosen"; mode: ConsoleMode }
  | { type: "apiChosen"; name: string }
  | { type: "edited"; changes: Partial<ConsoleEdits> }
  | { type: "sendAsked" }
  | { type: "sendRefused"; error: IpcFailure }
  | { type: "sendStarted" }
  | { type: "sendFailed"; error: IpcFailure }
  | { type: "sendSucceeded"; input: CallInput; shown: ShownCall; language: UiLanguage; method: string }
  | { type: "explained"; historyId: number; explanation: Explanation | null; language: UiLanguage };

export function initialState(profile: ProfileDefaults, environmentId = ""): ConsoleState {
  return {
    mode: "catalogue",
    apiName: undefined,
    freeMethod: "",
    body: "",
    signMethod: "md5",
    format: "json",
    wdtCompute: true,
    useSession: false,
    targetAppKey: profile.targetAppKey,
    customerId: profile.customerId,
    catalogue: [],
    profile,
    requestSeq: null,
    paramForm: { generation: 0, fill: null },
    sending: false,
    sendError: null,
    shown: null,
    shownFor: null,
    environmentId,
    explainedIn: null,
    lastInput: null,
  };
}

/** A result is only shown beside the call it belongs to: another API, profile or environment clears it. */
function withoutResult(state: ConsoleState): ConsoleState {
  return { ...state, shown: null, shownFor: null, lastInput: null, sendError: null, explainedIn: null };
}

/** The documented API the console is on; none in the free form or for a name the catalogue lacks. */
export function selectedDoc(state: ConsoleState): ApiDoc | undefined {
  return state.mode === "catalogue" ? state.catalogue.find((doc) => doc.name === state.apiName) : undefined;
}

/**
 * What choosing an API brings: its body example, session need and target app, and a fresh parameter
 * form. Only a change of API brings them (or `fresh`, for a prepared call), so choosing the same API
 * again keeps what was typed.
 */
function choose(state: ConsoleState, mode: ConsoleMode, apiName: string | undefined, fresh = false): ConsoleState {
  const next = { ...state, mode, apiName };
  const doc = selectedDoc(next);
  if (!fresh && doc === selectedDoc(state)) return next;
  return {
    ...withoutResult(next),
    body: doc?.body_example ?? "",
    useSession: doc?.needs_session ?? false,
    targetAppKey: doc?.target_app_key ?? state.profile.targetAppKey,
    wdtCompute: true,
    paramForm: { generation: state.paramForm.generation + 1, fill: null },
  };
}

/** A prepared call: its API chosen afresh, then everything the call states filled in. */
function open(state: ConsoleState, request: ConsoleRequest): ConsoleState {
  const call = request.call;
  const documented = state.catalogue.find((doc) => doc.name === call.method);
  const chosen = documented ? choose(state, "catalogue", call.method, true) : choose(state, "free", state.apiName, true);
  const names = new Set(documented?.params.map((param) => param.name) ?? []);
  return {
    ...chosen,
    requestSeq: request.seq,
    freeMethod: documented ? chosen.freeMethod : call.method,
    signMethod: call.sign_method,
    format: call.format === "json" || call.format === "xml" ? call.format : chosen.format,
    body: call.body ?? chosen.body,
    targetAppKey: call.target_app_key ?? chosen.targetAppKey,
    customerId: call.customer_id ?? chosen.customerId,
    useSession: call.use_session,
    wdtCompute: call.wdt.compute,
    paramForm: {
      generation: chosen.paramForm.generation,
      fill: {
        params: Object.fromEntries(call.params.filter((row) => names.has(row.key)).map((row) => [row.key, row.value])),
        extra: call.params.filter((row) => !names.has(row.key)),
      },
    },
  };
}

export function reducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case "catalogueLoaded": {
      const next = { ...state, catalogue: action.catalogue };
      // First run: the API that always works, once the catalogue has it.
      if (state.apiName === undefined && action.catalogue.some((doc) => doc.name === FIRST_API)) {
        return choose(next, state.mode, FIRST_API);
      }
      return next;
    }
    case "profileSelected": {
      const doc = selectedDoc(state);
      const changed = action.profile.id !== state.profile.id;
      return {
        ...(changed ? withoutResult(state) : state),
        profile: action.profile,
        // An API that names its provider keeps it; otherwise the profile's target app.
        targetAppKey: doc?.target_app_key ?? action.profile.targetAppKey,
        customerId: action.profile.customerId,
      };
    }
    case "requestOpened":
      return open(state, action.request);
    case "environmentChosen":
      return action.environmentId === state.environmentId ? state : { ...withoutResult(state), environmentId: action.environmentId };
    case "modeChosen":
      return choose(state, action.mode, state.apiName);
    case "apiChosen":
      return choose(state, "catalogue", action.name);
    case "edited":
      return { ...state, ...action.changes };
    case "sendAsked":
      // Nothing to clear is no change at all: the click then costs the page no redraw.
      return state.sendError === null ? state : { ...state, sendError: null };
    case "sendRefused":
      return { ...state, sendError: action.error };
    case "sendStarted":
      return { ...state, sending: true, sendError: null };
    case "sendFailed":
      return { ...state, sending: false, sendError: action.error };
    case "sendSucceeded":
      return {
        ...state,
        sending: false,
        sendError: null,
        shown: action.shown,
        shownFor: { method: action.method, profileId: state.profile.id, environmentId: state.environmentId },
        lastInput: action.input,
        explainedIn: action.language,
      };
    case "explained":
      // Only for the call still on screen: a newer result may have replaced it meanwhile.
      if (state.shown?.historyId !== action.historyId) return state;
      return { ...state, shown: { ...state.shown, explanation: action.explanation }, explainedIn: action.language };
  }
}

/** What the screen shows and sends, read from the state. */
export function consoleView(state: ConsoleState) {
  const doc = selectedDoc(state);
  const family = doc?.family ?? null;
  const free = state.mode === "free";
  const isQimenStandard = family === "qimen_standard";
  return {
    doc,
    family,
    method: free ? state.freeMethod.trim() : (state.apiName ?? ""),
    isQimenStandard,
    isWdt: Boolean(doc?.wdt_sign),
    showBodyEditor: isQimenStandard || (free && state.body !== ""),
    // TOP calls carry neither; the Qimen families do (cloud: the provider's AppKey, standard: customerId).
    showTargetApp: family === "qimen_cloud" || free,
    showCustomerId: isQimenStandard || free,
  };
}

export interface ConsoleInputs {
  catalogue: ApiDoc[];
  profile: ProfileDefaults;
  environmentId: string;
  request: ConsoleRequest | null;
  form: FormInstance<ConsoleFormValues>;
}

/**
 * The console's state, kept in line with what it follows from outside (the catalogue, the current
 * profile, a prepared call). A change from outside is applied in the render that first sees it, so
 * nothing is drawn from the old values; the antd form follows `paramForm`.
 */
export function useConsoleState({ catalogue, profile, environmentId, request, form }: ConsoleInputs) {
  const [state, dispatch] = useReducer(reducer, undefined, () => {
    let start = reducer(initialState(profile, environmentId), { type: "catalogueLoaded", catalogue });
    if (request) start = reducer(start, { type: "requestOpened", request });
    return start;
  });

  if (state.catalogue !== catalogue) dispatch({ type: "catalogueLoaded", catalogue });
  if (state.profile.id !== profile.id || state.profile.targetAppKey !== profile.targetAppKey || state.profile.customerId !== profile.customerId) {
    dispatch({ type: "profileSelected", profile });
  }
  if (state.environmentId !== environmentId) dispatch({ type: "environmentChosen", environmentId });
  if (request && request.seq !== state.requestSeq) dispatch({ type: "requestOpened", request });

  // The parameter form lives in antd's store: start it afresh (and fill it) when the state says so.
  const { paramForm } = state;
  useEffect(() => {
    form.resetFields();
    if (paramForm.fill) form.setFieldsValue(paramForm.fill);
  }, [form, paramForm]);

  return [state, dispatch] as const;
}
