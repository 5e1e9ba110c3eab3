//! Compiles tauri.conf.json into the window. With `tauri/custom-protocol` the built UI (ui/dist) is
//! embedded; when it has not been built (a workspace-wide check or test run), a one-line placeholder
//! page is embedded instead, so the crate always compiles and only the bench needs the real UI.

use std::path::{Path, PathBuf};

fn main() {
    if Path::new("ui/dist/index.html").exists() {
        println!("cargo:rerun-if-changed=ui/dist");
    } else {
        // Building the UI creates ui/dist, which changes ui/: that compiles the real UI in next time.
        println!("cargo:rerun-if-changed=ui");
        let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
        let placeholder = out_dir.join("placeholder-ui");
        let written = std::fs::create_dir_all(&placeholder).and_then(|()| {
            std::fs::write(
                placeholder.join("index.html"),
                "<!doctype html><title>bare window</title><p>UI not built: npm run build in benches/bare-window/ui</p>\n",
            )
        });
        if let Err(error) = written {
            eprintln!("error: could not write the placeholder UI: {error}");
            std::process::exit(1);
        }
        // Read by tauri::generate_context! while this crate compiles.
        let patch = json_string(&placeholder);
        println!("cargo:rustc-env=TAURI_CONFIG={{\"build\":{{\"frontendDist\":{patch}}}}}");
    }
    tauri_build::build();
}

/// A path as a JSON string literal.
fn json_string(path: &Path) -> String {
    let text = path.display().to_string();
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}
