// The app's IPC commands, by name. Read by the build script (the app-command manifest, so every command
// needs an `allow-<name>` permission in the capabilities) and by the shell's tests, which check that each
// name here is registered and granted. Kept free of `use` and attributes so `include!` works in both.

/// Every command the UI may invoke, in the order of the IPC contract.
pub const COMMAND_NAMES: &[&str] = &[];
