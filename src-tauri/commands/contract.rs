// The IPC contract: every command the UI may invoke, with its arguments and answer as TypeScript
// types (the types themselves are generated from Rust by ts-rs). This one list is read three ways:
// the build script grants each name a permission (`allow-<name>`), the shell registers each adapter
// (`commands::<module>::<name>`), and a test renders `ui/src/api/commands.ts` and the capability file
// from it and fails when the checked-in ones differ (scripts/check-bindings.sh --write renews them).
// Kept free of `use` and attributes so `include!` works in the build script and the shell alike.

ipc_contract! {
    app::app_info() -> "AppInfo";
    app::settings_set(input: "SettingsInput") -> "AppInfo";
    app::secrets_use_memory() -> "AppInfo";
    /// Opens an https address (a document, an authorize page) in the system browser; anything else is refused.
    app::link_open(url: "string") -> "void";
    /// Once the data is open: the first screen's data (app state, profiles, environments, catalogue), or why it could not be opened.
    startup::app_start() -> "AppStart";
    /// Moves the damaged database aside (nothing deleted) and opens a fresh one; answers where the old file is.
    startup::app_recover_data() -> "string";
    profiles::profiles_list() -> "ProfileView[]";
    profiles::profile_save(form: "ProfileForm") -> "ProfileView";
    profiles::profile_duplicate(id: "number") -> "ProfileView";
    profiles::profile_delete(id: "number") -> "void";
    profiles::profile_select(id: "number") -> "AppInfo";
    /// The demo profile back as on first launch (guide, materials, app details, scenario, session), selected; other profiles and history untouched.
    profiles::demo_reset() -> "ProfileView";
    calls::call_preview(input: "CallInput") -> "CallPreview";
    calls::call_send(input: "CallInput") -> "CallOutcome";
    calls::call_curl(input: "CallInput", reveal_session: "boolean") -> "string";
    calls::sign_compare(input: "SignCompareInput") -> "Diagnosis";
    /// The parameters of an API the profile already knows (旺店通 sid / appkey, the CRM customerid / extendProps).
    calls::call_profile_values(method: "string", profile_id: "number | null") -> "ParamRow[]";
    history::history_list(query: "HistoryQuery") -> "HistoryPage";
    history::history_get(id: "number") -> "HistoryDetail";
    history::history_delete(id: "number") -> "void";
    history::history_clear() -> "void";
    history::history_resend(id: "number") -> "CallOutcome";
    /// The shell asks the user where to save (native dialog) and writes the full body; null when cancelled.
    history::response_save(history_id: "number") -> "string | null";
    /// History entries as calls to reproduce or export (answers included, tokens masked).
    history::history_bundle(ids: "number[]") -> "BundleCall[]";
    /// The console call that sends a history entry again, to open it in the console.
    history::history_call_input(id: "number") -> "CallInput";
    /// A pasted request (URL, curl, raw HTTP, SDK log line) or bundle, as calls to reproduce.
    repro::repro_open(text: "string") -> "ReproOpened";
    /// The sign checked with a profile's AppSecret or one typed for this check only.
    repro::repro_diagnose(input: "ReproDiagnoseInput") -> "Diagnosis";
    /// Sends the request as sent, or re-signed with a profile, and explains the answer.
    repro::repro_replay(input: "ReproReplayInput") -> "ReproReplay";
    /// The bundle file's text for these calls (for the clipboard).
    repro::repro_bundle_text(input: "ReproExportInput") -> "string";
    /// Asks where to save (native dialog) and writes the bundle; the path is null when cancelled.
    repro::repro_export(input: "ReproExportInput") -> "ReproSaved";
    /// Asks for a file (native dialog): a bundle, or a request saved as text; null when cancelled.
    repro::repro_open_file() -> "ReproOpened | null";
    onboarding::catalog_app_types() -> "AppTypeCatalog";
    onboarding::onboarding_recommend(questionnaire: "Questionnaire") -> "QuestionnaireResult";
    onboarding::catalog_taobaoke() -> "TaobaokeCatalogView";
    onboarding::taobaoke_check(figures: "TaobaokeFigures") -> "PackageCheck[]";
    onboarding::onboarding_get(profile_id: "number") -> "OnboardingView";
    onboarding::onboarding_set_step(profile_id: "number", step_id: "string", state: "StepStateInput") -> "OnboardingView";
    onboarding::onboarding_overview() -> "ProfileNextStep[]";
    onboarding::materials_get(profile_id: "number") -> "MaterialsView";
    onboarding::materials_set_case(profile_id: "number", case_id: "CaseId") -> "MaterialsView";
    onboarding::materials_set_done(profile_id: "number", item_id: "string", done: "boolean") -> "MaterialsView";
    /// The shell asks which file to attach (native open dialog); null when cancelled.
    onboarding::materials_attach(profile_id: "number", item_id: "string") -> "MaterialsView | null";
    onboarding::materials_detach(profile_id: "number", item_id: "string", path: "string") -> "MaterialsView";
    /// The shell asks where to save the checklist (native save dialog); null when cancelled.
    onboarding::materials_export(profile_id: "number", language: "UiLanguage") -> "MaterialsExport | null";
    onboarding::app_details_get(profile_id: "number") -> "AppDetailsView";
    onboarding::app_details_save(profile_id: "number", form: "AppDetailsForm") -> "AppDetailsView";
    onboarding::scenarios_list() -> "ScenariosView";
    onboarding::scenario_choose(profile_id: "number", scenario_id: "string") -> "ScenarioChoice";
    /// The Taobaoke applications a profile waits on, each with its working-day clock.
    onboarding::taobaoke_applications_get(profile_id: "number") -> "TaobaokeApplicationsView";
    /// Records the day a Taobaoke application form was sent (today when null), or removes it (`withdraw`).
    onboarding::taobaoke_application_set(profile_id: "number", package_id: "PackageId", applied_on: "string | null", withdraw: "boolean") -> "TaobaokeApplicationsView";
    session::session_status(profile_id: "number") -> "SessionStatus";
    session::session_start_listener(profile_id: "number", options: "FlowOptions") -> "SessionFlow";
    session::session_authorize_url(profile_id: "number", options: "FlowOptions") -> "SessionFlow";
    /// Opens the authorize page in an app window; the shell intercepts the redirect to the callback.
    session::session_open_window(profile_id: "number", options: "FlowOptions") -> "SessionFlow";
    session::session_flow_status(flow_id: "string") -> "FlowView";
    /// Waits until the listener captures the redirect (or times out, or is cancelled), then exchanges.
    session::session_flow_wait(flow_id: "string") -> "FlowView";
    session::session_cancel(flow_id: "string") -> "FlowView";
    /// The app window's redirect to the callback, handed over by the shell.
    session::session_capture_redirect(flow_id: "string", url: "string") -> "FlowView";
    session::session_paste(profile_id: "number", text: "string", flow_id: "string | null", route: "TokenRoute | null") -> "SessionStatus";
    session::session_manual(profile_id: "number", session: "string") -> "SessionStatus";
    session::session_refresh(profile_id: "number") -> "SessionStatus";
    session::session_clear(profile_id: "number") -> "SessionStatus";
    // 联调抓包 / Traffic. Besides these commands, the shell emits the event `traffic://exchange`
    // (qimen_workbench::traffic::EXCHANGE_EVENT; the TypeScript type `TrafficEvent` names it) with
    // an `ExchangeSummary[]` of the exchanges recorded since the last one, at most every 100 ms while
    // the relay runs; the UI listens with `listen` from @tauri-apps/api/event.
    /// Starts the relay (127.0.0.1 unless LAN access is chosen) forwarding to the upstream chosen.
    traffic::traffic_start(input: "TrafficStartInput") -> "TrafficStatus";
    /// Stops the relay; what it recorded stays until cleared.
    traffic::traffic_stop() -> "TrafficStatus";
    traffic::traffic_status() -> "TrafficStatus";
    /// The recorded exchanges kept in memory matching the filter, newest first.
    traffic::traffic_list(query: "TrafficQuery") -> "TrafficPage";
    /// One exchange in full, its answer explained in the UI language.
    traffic::traffic_get(id: "number") -> "TrafficDetail";
    /// Forgets every exchange, in memory and in traffic.jsonl.
    traffic::traffic_clear() -> "void";
    traffic::traffic_save_to_history(id: "number") -> "TrafficSaved";
    /// Exchanges as reproduction calls (to open in 复现请求 or export as a bundle), tokens masked.
    traffic::traffic_bundle(ids: "number[]") -> "BundleCall[]";
    // 服务端接收 / Provider receiver. Besides these commands, the shell emits the event
    // `receiver://receipt` (qimen_workbench::receiver::RECEIPT_EVENT; the TypeScript type
    // `ReceiverEvent` names it) with a `ReceiptSummary[]` of the requests received since the last
    // one, at most every 100 ms while the receiver runs.
    /// Starts the receiver on 127.0.0.1, verifying with the profile's AppSecret; a saved route is registered on the local gateway.
    receiver::receiver_start(input: "ReceiverStartInput") -> "ReceiverStatus";
    /// Stops the receiver and the gateway's forwarding to it; what it received stays until cleared.
    receiver::receiver_stop() -> "ReceiverStatus";
    receiver::receiver_status() -> "ReceiverStatus";
    /// The requests kept in memory matching the filter, newest first.
    receiver::receiver_list(query: "ReceiptQuery") -> "ReceiptPage";
    /// One request in full (credentials masked) with the answer sent and, when refused, the diagnosis.
    receiver::receiver_get(id: "number") -> "Receipt";
    /// Forgets every request, in memory and in receiver.jsonl.
    receiver::receiver_clear() -> "void";
    /// The answers per API, used from the next request on and kept for the next runs.
    receiver::receiver_templates_set(templates: "AnswerTemplate[]") -> "ReceiverStatus";
    /// The documented answer shape for an API, to start a template from.
    receiver::receiver_template_starter(api: "string") -> "AnswerTemplate";
    /// The local gateway forwards calls naming this customerId / target_app_key to the receiver.
    receiver::receiver_route_set(route: "ReceiverRoute") -> "ReceiverStatus";
    /// The local gateway answers those calls itself again.
    receiver::receiver_route_clear() -> "ReceiverStatus";
}
