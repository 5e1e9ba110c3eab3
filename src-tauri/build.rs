//! Build script of the desktop app: compiles tauri.conf.json and the capabilities into the binary, and
//! declares the app's own commands so that the capabilities must grant each one by name.

/// The contract's command names; the shell reads the same list in full.
macro_rules! ipc_contract {
    ($( $(#[doc = $doc:literal])* $module:ident :: $name:ident ( $($arg:ident : $ty:literal),* ) -> $ret:literal ; )*) => {
        const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}

include!("commands/contract.rs");

fn main() {
    // The contract and the capabilities decide what the window may call: a change to either must
    // rebuild the permissions compiled in (the Tauri step does not watch them itself).
    println!("cargo:rerun-if-changed=src-tauri/commands/contract.rs");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let manifest = tauri_build::AppManifest::new().commands(COMMAND_NAMES);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    tauri_build::try_build(attributes).unwrap_or_else(|error| {
        // A build script reports failure by exiting non-zero; cargo prints this line.
        eprintln!("error: the Tauri build step failed: {error:#}");
        std::process::exit(1);
    });
}
