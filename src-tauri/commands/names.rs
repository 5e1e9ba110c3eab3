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
];
