//! Renders the two files that follow from the IPC contract, the UI's typed command functions
//! (`ui/src/api/commands.ts`) and the main window's capability (`src-tauri/capabilities/default.json`),
//! and fails when the checked-in ones differ. `QIMEN_WRITE_CONTRACT=1` writes them instead
//! (scripts/check-bindings.sh --write sets it).

use crate::{ui_argument_name as camel, ContractCommand, CONTRACT};
use std::collections::BTreeSet;
use std::path::Path;

const COMMANDS_TS: &str = "ui/src/api/commands.ts";
const CAPABILITY: &str = "src-tauri/capabilities/default.json";

/// The generated types a TypeScript type names (`MaterialsView | null` → `MaterialsView`).
fn named_types(ts: &str) -> impl Iterator<Item = &str> {
    ts.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|word| word.starts_with(|c: char| c.is_ascii_uppercase()))
}

fn render_command(command: &ContractCommand) -> String {
    let mut out = String::new();
    if !command.doc.is_empty() {
        let lines: Vec<&str> = command.doc.iter().map(|l| l.trim()).collect();
        out.push_str(&format!("/** {} */\n", lines.join(" ")));
    }
    let params: Vec<String> = command
        .args
        .iter()
        .map(|(name, ts)| format!("{}: {ts}", camel(name)))
        .collect();
    let names: Vec<String> = command.args.iter().map(|(name, _)| camel(name)).collect();
    let args = if names.is_empty() {
        String::new()
    } else {
        format!(", {{ {} }}", names.join(", "))
    };
    out.push_str(&format!(
        "export const {} = ({}) => call<{}>(\"{}\"{args});\n",
        camel(command.name),
        params.join(", "),
        command.returns,
        command.name
    ));
    out
}

/// `ui/src/api/commands.ts`: one typed function per command.
pub fn commands_ts(contract: &[ContractCommand]) -> String {
    let types: BTreeSet<&str> = contract
        .iter()
        .flat_map(|c| c.args.iter().map(|(_, ts)| *ts).chain([c.returns]))
        .flat_map(named_types)
        .collect();
    let mut out = String::from(
        "/**\n * Generated from the IPC contract (src-tauri/commands/contract.rs) by scripts/check-bindings.sh --write;\n * do not edit. One typed function per command: nothing else in the UI calls `invoke`.\n *\n * Argument names are camelCase here; Tauri maps them to the Rust commands' snake_case parameters.\n */\nimport { call } from \"./ipc\";\n",
    );
    for name in types {
        out.push_str(&format!(
            "import type {{ {name} }} from \"./bindings/{name}\";\n"
        ));
    }
    let mut module = "";
    for command in contract {
        if command.module != module {
            module = command.module;
            out.push_str(&format!("\n// {module}\n"));
        }
        out.push_str(&render_command(command));
    }
    out
}

/// The main window's capability: each contract command by name and listening to events.
pub fn capability(contract: &[ContractCommand]) -> String {
    let mut permissions: Vec<serde_json::Value> = contract
        .iter()
        .map(|c| format!("allow-{}", c.name.replace('_', "-")).into())
        .collect();
    // The UI listens to the events the shell emits (the relay's new exchanges); it may not emit.
    permissions.extend([
        "core:event:allow-listen".into(),
        "core:event:allow-unlisten".into(),
    ]);
    let file = serde_json::json!({
        "$schema": "../../gen/schemas/desktop-schema.json",
        "identifier": "default",
        "description": "Generated from the IPC contract (src-tauri/commands/contract.rs); do not edit. What the main window's UI may call: the app's own commands, one by one, and nothing else (no core or plugin API: the dialogs and the browser are opened by Rust), except listening to the app's events.",
        "windows": [crate::MAIN_WINDOW],
        "permissions": permissions,
    });
    let mut text = serde_json::to_string_pretty(&file).expect("a JSON value renders");
    text.push('\n');
    text
}

fn check_or_write(relative: &str, expected: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("QIMEN_WRITE_CONTRACT").is_some() {
        std::fs::write(&path, expected).expect("write the generated file");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{relative} is stale: regenerate it with scripts/check-bindings.sh --write and commit the result"
    );
}

#[test]
fn the_generated_files_follow_the_contract() {
    check_or_write(COMMANDS_TS, &commands_ts(CONTRACT));
    check_or_write(CAPABILITY, &capability(CONTRACT));
}

#[test]
fn names_are_unique_and_camel_case_reads_well() {
    let names: BTreeSet<&str> = CONTRACT.iter().map(|c| c.name).collect();
    assert_eq!(names.len(), CONTRACT.len(), "a command is declared twice");
    assert_eq!(camel("session_start_listener"), "sessionStartListener");
    let ts = render_command(&CONTRACT[0]);
    assert!(
        ts.starts_with("export const appInfo = () => call<AppInfo>(\"app_info\");"),
        "{ts}"
    );
}
