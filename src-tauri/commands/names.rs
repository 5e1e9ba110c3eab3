// The app's IPC commands, by name. Read by the build script (the app-command manifest, so every command
// needs an `allow-<name>` permission in the capabilities) and by the shell, whose tests check that each
// name is registered and granted. Kept free of `use` and attributes so `include!` works in both.

/// Every command the UI may invoke, in the order of the IPC contract.
pub const COMMAND_NAMES: &[&str] = &[
    "app_info",
    "settings_set",
    "secrets_use_memory",
    "profiles_list",
    "profile_save",
    "profile_duplicate",
    "profile_delete",
    "profile_select",
    "environments_list",
    "api_catalogue",
    "call_preview",
    "call_send",
    "call_curl",
    "sign_compare",
    "history_list",
    "history_get",
    "history_delete",
    "history_clear",
    "history_resend",
    "response_save",
    "session_status",
    "session_start_listener",
    "session_authorize_url",
    "session_flow_status",
    "session_flow_wait",
    "session_cancel",
    "session_capture_redirect",
    "session_paste",
    "session_manual",
    "session_refresh",
    "session_clear",
    "session_open_window",
];
