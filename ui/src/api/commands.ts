/**
 * Generated from the IPC contract (src-tauri/commands/contract.rs) by scripts/check-bindings.sh --write;
 * do not edit. One typed function per command: nothing else in the UI calls `invoke`.
 *
 * Argument names are camelCase here; Tauri maps them to the Rust commands' snake_case parameters.
 */
import { call } from "./ipc";
import type { AnswerTemplate } from "./bindings/AnswerTemplate";
import type { AppDetailsForm } from "./bindings/AppDetailsForm";
import type { AppDetailsView } from "./bindings/AppDetailsView";
import type { AppInfo } from "./bindings/AppInfo";
import type { AppStart } from "./bindings/AppStart";
import type { AppTypeCatalog } from "./bindings/AppTypeCatalog";
import type { BundleCall } from "./bindings/BundleCall";
import type { CallInput } from "./bindings/CallInput";
import type { CallOutcome } from "./bindings/CallOutcome";
import type { CallPreview } from "./bindings/CallPreview";
import type { CaseId } from "./bindings/CaseId";
import type { Diagnosis } from "./bindings/Diagnosis";
import type { FlowOptions } from "./bindings/FlowOptions";
import type { FlowView } from "./bindings/FlowView";
import type { HistoryDetail } from "./bindings/HistoryDetail";
import type { HistoryPage } from "./bindings/HistoryPage";
import type { HistoryQuery } from "./bindings/HistoryQuery";
import type { MaterialsExport } from "./bindings/MaterialsExport";
import type { MaterialsView } from "./bindings/MaterialsView";
import type { OnboardingView } from "./bindings/OnboardingView";
import type { PackageCheck } from "./bindings/PackageCheck";
import type { PackageId } from "./bindings/PackageId";
import type { ParamRow } from "./bindings/ParamRow";
import type { ProfileForm } from "./bindings/ProfileForm";
import type { ProfileNextStep } from "./bindings/ProfileNextStep";
import type { ProfileView } from "./bindings/ProfileView";
import type { Questionnaire } from "./bindings/Questionnaire";
import type { QuestionnaireResult } from "./bindings/QuestionnaireResult";
import type { Receipt } from "./bindings/Receipt";
import type { ReceiptPage } from "./bindings/ReceiptPage";
import type { ReceiptQuery } from "./bindings/ReceiptQuery";
import type { ReceiverRoute } from "./bindings/ReceiverRoute";
import type { ReceiverStartInput } from "./bindings/ReceiverStartInput";
import type { ReceiverStatus } from "./bindings/ReceiverStatus";
import type { ReproDiagnoseInput } from "./bindings/ReproDiagnoseInput";
import type { ReproExportInput } from "./bindings/ReproExportInput";
import type { ReproOpened } from "./bindings/ReproOpened";
import type { ReproReplay } from "./bindings/ReproReplay";
import type { ReproReplayInput } from "./bindings/ReproReplayInput";
import type { ReproSaved } from "./bindings/ReproSaved";
import type { ScenarioChoice } from "./bindings/ScenarioChoice";
import type { ScenariosView } from "./bindings/ScenariosView";
import type { SessionFlow } from "./bindings/SessionFlow";
import type { SessionStatus } from "./bindings/SessionStatus";
import type { SettingsInput } from "./bindings/SettingsInput";
import type { SignCompareInput } from "./bindings/SignCompareInput";
import type { StepStateInput } from "./bindings/StepStateInput";
import type { TaobaokeApplicationsView } from "./bindings/TaobaokeApplicationsView";
import type { TaobaokeCatalogView } from "./bindings/TaobaokeCatalogView";
import type { TaobaokeFigures } from "./bindings/TaobaokeFigures";
import type { TokenRoute } from "./bindings/TokenRoute";
import type { TrafficDetail } from "./bindings/TrafficDetail";
import type { TrafficPage } from "./bindings/TrafficPage";
import type { TrafficQuery } from "./bindings/TrafficQuery";
import type { TrafficSaved } from "./bindings/TrafficSaved";
import type { TrafficStartInput } from "./bindings/TrafficStartInput";
import type { TrafficStatus } from "./bindings/TrafficStatus";
import type { UiLanguage } from "./bindings/UiLanguage";

// app
export const appInfo = () => call<AppInfo>("app_info");
export const settingsSet = (input: SettingsInput) => call<AppInfo>("settings_set", { input });
export const secretsUseMemory = () => call<AppInfo>("secrets_use_memory");
/** Opens an https address (a document, an authorize page) in the system browser; anything else is refused. */
export const linkOpen = (url: string) => call<void>("link_open", { url });

// startup
/** Once the data is open: the first screen's data (app state, profiles, environments, catalogue), or why it could not be opened. */
export const appStart = () => call<AppStart>("app_start");
/** Moves the damaged database aside (nothing deleted) and opens a fresh one; answers where the old file is. */
export const appRecoverData = () => call<string>("app_recover_data");

// profiles
export const profilesList = () => call<ProfileView[]>("profiles_list");
export const profileSave = (form: ProfileForm) => call<ProfileView>("profile_save", { form });
export const profileDuplicate = (id: number) => call<ProfileView>("profile_duplicate", { id });
export const profileDelete = (id: number) => call<void>("profile_delete", { id });
export const profileSelect = (id: number) => call<AppInfo>("profile_select", { id });
/** The demo profile back as on first launch (guide, materials, app details, scenario, session), selected; other profiles and history untouched. */
export const demoReset = () => call<ProfileView>("demo_reset");

// calls
export const callPreview = (input: CallInput) => call<CallPreview>("call_preview", { input });
export const callSend = (input: CallInput) => call<CallOutcome>("call_send", { input });
export const callCurl = (input: CallInput, revealSession: boolean) => call<string>("call_curl", { input, revealSession });
export const signCompare = (input: SignCompareInput) => call<Diagnosis>("sign_compare", { input });
/** The parameters of an API the profile already knows (旺店通 sid / appkey, the CRM customerid / extendProps). */
export const callProfileValues = (method: string, profileId: number | null) => call<ParamRow[]>("call_profile_values", { method, profileId });

// history
export const historyList = (query: HistoryQuery) => call<HistoryPage>("history_list", { query });
export const historyGet = (id: number) => call<HistoryDetail>("history_get", { id });
export const historyDelete = (id: number) => call<void>("history_delete", { id });
export const historyClear = () => call<void>("history_clear");
export const historyResend = (id: number) => call<CallOutcome>("history_resend", { id });
/** The shell asks the user where to save (native dialog) and writes the full body; null when cancelled. */
export const responseSave = (historyId: number) => call<string | null>("response_save", { historyId });
/** History entries as calls to reproduce or export (answers included, tokens masked). */
export const historyBundle = (ids: number[]) => call<BundleCall[]>("history_bundle", { ids });
/** The console call that sends a history entry again, to open it in the console. */
export const historyCallInput = (id: number) => call<CallInput>("history_call_input", { id });

// repro
/** A pasted request (URL, curl, raw HTTP, SDK log line) or bundle, as calls to reproduce. */
export const reproOpen = (text: string) => call<ReproOpened>("repro_open", { text });
/** The sign checked with a profile's AppSecret or one typed for this check only. */
export const reproDiagnose = (input: ReproDiagnoseInput) => call<Diagnosis>("repro_diagnose", { input });
/** Sends the request as sent, or re-signed with a profile, and explains the answer. */
export const reproReplay = (input: ReproReplayInput) => call<ReproReplay>("repro_replay", { input });
/** The bundle file's text for these calls (for the clipboard). */
export const reproBundleText = (input: ReproExportInput) => call<string>("repro_bundle_text", { input });
/** Asks where to save (native dialog) and writes the bundle; the path is null when cancelled. */
export const reproExport = (input: ReproExportInput) => call<ReproSaved>("repro_export", { input });
/** Asks for a file (native dialog): a bundle, or a request saved as text; null when cancelled. */
export const reproOpenFile = () => call<ReproOpened | null>("repro_open_file");

// onboarding
export const catalogAppTypes = () => call<AppTypeCatalog>("catalog_app_types");
export const onboardingRecommend = (questionnaire: Questionnaire) => call<QuestionnaireResult>("onboarding_recommend", { questionnaire });
export const catalogTaobaoke = () => call<TaobaokeCatalogView>("catalog_taobaoke");
export const taobaokeCheck = (figures: TaobaokeFigures) => call<PackageCheck[]>("taobaoke_check", { figures });
export const onboardingGet = (profileId: number) => call<OnboardingView>("onboarding_get", { profileId });
export const onboardingSetStep = (profileId: number, stepId: string, state: StepStateInput) => call<OnboardingView>("onboarding_set_step", { profileId, stepId, state });
export const onboardingOverview = () => call<ProfileNextStep[]>("onboarding_overview");
export const materialsGet = (profileId: number) => call<MaterialsView>("materials_get", { profileId });
export const materialsSetCase = (profileId: number, caseId: CaseId) => call<MaterialsView>("materials_set_case", { profileId, caseId });
export const materialsSetDone = (profileId: number, itemId: string, done: boolean) => call<MaterialsView>("materials_set_done", { profileId, itemId, done });
/** The shell asks which file to attach (native open dialog); null when cancelled. */
export const materialsAttach = (profileId: number, itemId: string) => call<MaterialsView | null>("materials_attach", { profileId, itemId });
export const materialsDetach = (profileId: number, itemId: string, path: string) => call<MaterialsView>("materials_detach", { profileId, itemId, path });
/** The shell asks where to save the checklist (native save dialog); null when cancelled. */
export const materialsExport = (profileId: number, language: UiLanguage) => call<MaterialsExport | null>("materials_export", { profileId, language });
export const appDetailsGet = (profileId: number) => call<AppDetailsView>("app_details_get", { profileId });
export const appDetailsSave = (profileId: number, form: AppDetailsForm) => call<AppDetailsView>("app_details_save", { profileId, form });
export const scenariosList = () => call<ScenariosView>("scenarios_list");
export const scenarioChoose = (profileId: number, scenarioId: string) => call<ScenarioChoice>("scenario_choose", { profileId, scenarioId });
/** The Taobaoke applications a profile waits on, each with its working-day clock. */
export const taobaokeApplicationsGet = (profileId: number) => call<TaobaokeApplicationsView>("taobaoke_applications_get", { profileId });
/** Records the day a Taobaoke application form was sent (today when null), or removes it (`withdraw`). */
export const taobaokeApplicationSet = (profileId: number, packageId: PackageId, appliedOn: string | null, withdraw: boolean) => call<TaobaokeApplicationsView>("taobaoke_application_set", { profileId, packageId, appliedOn, withdraw });

// session
export const sessionStatus = (profileId: number) => call<SessionStatus>("session_status", { profileId });
export const sessionStartListener = (profileId: number, options: FlowOptions) => call<SessionFlow>("session_start_listener", { profileId, options });
export const sessionAuthorizeUrl = (profileId: number, options: FlowOptions) => call<SessionFlow>("session_authorize_url", { profileId, options });
/** Opens the authorize page in an app window; the shell intercepts the redirect to the callback. */
export const sessionOpenWindow = (profileId: number, options: FlowOptions) => call<SessionFlow>("session_open_window", { profileId, options });
export const sessionFlowStatus = (flowId: string) => call<FlowView>("session_flow_status", { flowId });
/** Waits until the listener captures the redirect (or times out, or is cancelled), then exchanges. */
export const sessionFlowWait = (flowId: string) => call<FlowView>("session_flow_wait", { flowId });
export const sessionCancel = (flowId: string) => call<FlowView>("session_cancel", { flowId });
/** The app window's redirect to the callback, handed over by the shell. */
export const sessionCaptureRedirect = (flowId: string, url: string) => call<FlowView>("session_capture_redirect", { flowId, url });
export const sessionPaste = (profileId: number, text: string, flowId: string | null, route: TokenRoute | null) => call<SessionStatus>("session_paste", { profileId, text, flowId, route });
export const sessionManual = (profileId: number, session: string) => call<SessionStatus>("session_manual", { profileId, session });
export const sessionRefresh = (profileId: number) => call<SessionStatus>("session_refresh", { profileId });
export const sessionClear = (profileId: number) => call<SessionStatus>("session_clear", { profileId });

// traffic
/** Starts the relay (127.0.0.1 unless LAN access is chosen) forwarding to the upstream chosen. */
export const trafficStart = (input: TrafficStartInput) => call<TrafficStatus>("traffic_start", { input });
/** Stops the relay; what it recorded stays until cleared. */
export const trafficStop = () => call<TrafficStatus>("traffic_stop");
export const trafficStatus = () => call<TrafficStatus>("traffic_status");
/** The recorded exchanges kept in memory matching the filter, newest first. */
export const trafficList = (query: TrafficQuery) => call<TrafficPage>("traffic_list", { query });
/** One exchange in full, its answer explained in the UI language. */
export const trafficGet = (id: number) => call<TrafficDetail>("traffic_get", { id });
/** Forgets every exchange, in memory and in traffic.jsonl. */
export const trafficClear = () => call<void>("traffic_clear");
export const trafficSaveToHistory = (id: number) => call<TrafficSaved>("traffic_save_to_history", { id });
/** Exchanges as reproduction calls (to open in 复现请求 or export as a bundle), tokens masked. */
export const trafficBundle = (ids: number[]) => call<BundleCall[]>("traffic_bundle", { ids });

// receiver
/** Starts the receiver on 127.0.0.1, verifying with the profile's AppSecret; a saved route is registered on the local gateway. */
export const receiverStart = (input: ReceiverStartInput) => call<ReceiverStatus>("receiver_start", { input });
/** Stops the receiver and the gateway's forwarding to it; what it received stays until cleared. */
export const receiverStop = () => call<ReceiverStatus>("receiver_stop");
export const receiverStatus = () => call<ReceiverStatus>("receiver_status");
/** The requests kept in memory matching the filter, newest first. */
export const receiverList = (query: ReceiptQuery) => call<ReceiptPage>("receiver_list", { query });
/** One request in full (credentials masked) with the answer sent and, when refused, the diagnosis. */
export const receiverGet = (id: number) => call<Receipt>("receiver_get", { id });
/** Forgets every request, in memory and in receiver.jsonl. */
export const receiverClear = () => call<void>("receiver_clear");
/** The answers per API, used from the next request on and kept for the next runs. */
export const receiverTemplatesSet = (templates: AnswerTemplate[]) => call<ReceiverStatus>("receiver_templates_set", { templates });
/** The documented answer shape for an API, to start a template from. */
export const receiverTemplateStarter = (api: string) => call<AnswerTemplate>("receiver_template_starter", { api });
/** The local gateway forwards calls naming this customerId / target_app_key to the receiver. */
export const receiverRouteSet = (route: ReceiverRoute) => call<ReceiverStatus>("receiver_route_set", { route });
/** The local gateway answers those calls itself again. */
export const receiverRouteClear = () => call<ReceiverStatus>("receiver_route_clear");
