//! Shared set-up for the workbench tests: a throwaway data folder, a workbench over a real SQLite
//! file, an in-memory secret store and the real local gateway on loopback, and console calls built
//! from the API catalogue's examples.

use qimen_core::call::{CallDraft, ParamRow, WdtOptions};
use qimen_core::clock::SystemClock;
use qimen_core::sign::SignMethod;
use qimen_core::text::Lang;
use qimen_workbench::api_docs;
use qimen_workbench::calls::CallInput;
use qimen_workbench::secrets::MemoryStore;
use qimen_workbench::{Workbench, WorkbenchConfig};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// A folder under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "qimen-wb-{label}-{}-{}-{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn open_with(dir: &Path, secrets: Arc<MemoryStore>) -> Workbench {
    Workbench::open(WorkbenchConfig {
        data_dir: dir.to_path_buf(),
        secret_store: secrets,
        keyring_service: "qimen-workbench-test".into(),
        clock: Arc::new(SystemClock),
        language: Lang::ZhCn,
    })
    .unwrap_or_else(|e| panic!("open: {e}"))
}

pub fn open(dir: &Path) -> (Workbench, Arc<MemoryStore>) {
    let secrets = Arc::new(MemoryStore::new());
    (open_with(dir, secrets.clone()), secrets)
}

/// A call on the local gateway with the selected profile.
pub fn call(method: &str, params: &[(&str, &str)]) -> CallInput {
    CallInput {
        profile_id: None,
        environment_id: "local".into(),
        draft: CallDraft {
            method: method.into(),
            family: None,
            sign_method: SignMethod::Md5,
            format: None,
            params: params
                .iter()
                .map(|(k, v)| ParamRow {
                    key: k.to_string(),
                    value: v.to_string(),
                })
                .collect(),
            body: None,
            target_app_key: None,
            customer_id: None,
            use_session: false,
            wdt: WdtOptions::default(),
        },
        app_secret_once: None,
    }
}

/// A call filled from the catalogue: every parameter with an example, the example body, and
/// `wdt_sign` computed when the API needs one.
pub fn example_call(method: &str) -> CallInput {
    let docs = api_docs::catalogue_at(chrono::Utc::now()).expect("catalogue");
    let doc = docs
        .iter()
        .find(|d| d.name == method)
        .unwrap_or_else(|| panic!("{method} is catalogued"));
    let mut input = call(method, &[]);
    input.draft.params = doc
        .params
        .iter()
        .filter_map(|p| {
            p.example.as_ref().map(|v| ParamRow {
                key: p.name.clone(),
                value: v.clone(),
            })
        })
        .collect();
    input.draft.body = doc.body_example.clone();
    input.draft.wdt.compute = doc.wdt_sign.is_some();
    input
}
