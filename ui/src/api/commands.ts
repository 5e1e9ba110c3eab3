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
