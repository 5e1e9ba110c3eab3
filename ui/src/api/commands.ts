/**
 * One typed function per command of the IPC contract. Nothing else in the UI calls `invoke`; screens
 * import from here, so the contract is readable in one file.
 *
 * Argument names are camelCase here; Tauri maps them to the Rust commands' snake_case parameters.
 */
import { call } from "./ipc";
import type { AppInfo } from "./bindings/AppInfo";
import type { SettingsInput } from "./bindings/SettingsInput";
import type { ProfileView } from "./bindings/ProfileView";
import type { ProfileForm } from "./bindings/ProfileForm";
import type { EnvironmentOption } from "./bindings/EnvironmentOption";
import type { ApiDoc } from "./bindings/ApiDoc";
import type { CallInput } from "./bindings/CallInput";
import type { CallPreview } from "./bindings/CallPreview";
import type { CallOutcome } from "./bindings/CallOutcome";
import type { SignCompareInput } from "./bindings/SignCompareInput";
import type { SignComparison } from "./bindings/SignComparison";
import type { HistoryQuery } from "./bindings/HistoryQuery";
import type { HistoryPage } from "./bindings/HistoryPage";
import type { HistoryDetail } from "./bindings/HistoryDetail";
import type { SessionStatus } from "./bindings/SessionStatus";
import type { SessionFlow } from "./bindings/SessionFlow";
import type { FlowView } from "./bindings/FlowView";
import type { FlowOptions } from "./bindings/FlowOptions";
import type { TokenRoute } from "./bindings/TokenRoute";

export const appInfo = () => call<AppInfo>("app_info");
export const settingsSet = (input: SettingsInput) => call<AppInfo>("settings_set", { input });
export const secretsUseMemory = () => call<AppInfo>("secrets_use_memory");

export const profilesList = () => call<ProfileView[]>("profiles_list");
export const profileSave = (form: ProfileForm) => call<ProfileView>("profile_save", { form });
export const profileDuplicate = (id: number) => call<ProfileView>("profile_duplicate", { id });
export const profileDelete = (id: number) => call<void>("profile_delete", { id });
export const profileSelect = (id: number) => call<AppInfo>("profile_select", { id });

export const environmentsList = () => call<EnvironmentOption[]>("environments_list");
export const apiCatalogue = () => call<ApiDoc[]>("api_catalogue");

export const callPreview = (input: CallInput) => call<CallPreview>("call_preview", { input });
export const callSend = (input: CallInput) => call<CallOutcome>("call_send", { input });
export const callCurl = (input: CallInput, revealSession: boolean) =>
  call<string>("call_curl", { input, revealSession });
export const signCompare = (input: SignCompareInput) => call<SignComparison>("sign_compare", { input });

export const historyList = (query: HistoryQuery) => call<HistoryPage>("history_list", { query });
export const historyGet = (id: number) => call<HistoryDetail>("history_get", { id });
export const historyDelete = (id: number) => call<void>("history_delete", { id });
export const historyClear = () => call<void>("history_clear");
export const historyResend = (id: number) => call<CallOutcome>("history_resend", { id });

/** The shell asks the user where to save (native dialog) and writes the full body; null when cancelled. */
export const responseSave = (historyId: number) => call<string | null>("response_save", { historyId });

export const sessionStatus = (profileId: number) => call<SessionStatus>("session_status", { profileId });
export const sessionStartListener = (profileId: number, options: FlowOptions) =>
  call<SessionFlow>("session_start_listener", { profileId, options });
export const sessionAuthorizeUrl = (profileId: number, options: FlowOptions) =>
  call<SessionFlow>("session_authorize_url", { profileId, options });
/** Opens the authorize page in an app window; the shell intercepts the redirect to the callback. */
export const sessionOpenWindow = (profileId: number, options: FlowOptions) =>
  call<SessionFlow>("session_open_window", { profileId, options });
export const sessionFlowStatus = (flowId: string) => call<FlowView>("session_flow_status", { flowId });
/** Waits until the listener captures the redirect (or times out, or is cancelled), then exchanges. */
export const sessionFlowWait = (flowId: string) => call<FlowView>("session_flow_wait", { flowId });
export const sessionCancel = (flowId: string) => call<FlowView>("session_cancel", { flowId });
export const sessionPaste = (profileId: number, text: string, flowId: string | null, route: TokenRoute | null) =>
  call<SessionStatus>("session_paste", { profileId, text, flowId, route });
export const sessionManual = (profileId: number, session: string) =>
  call<SessionStatus>("session_manual", { profileId, session });
export const sessionRefresh = (profileId: number) => call<SessionStatus>("session_refresh", { profileId });
export const sessionClear = (profileId: number) => call<SessionStatus>("session_clear", { profileId });
/** The system browser, through the opener plugin (http/https only, as its default scope allows). */
export const openUrl = (url: string) => call<void>("plugin:opener|open_url", { url });
