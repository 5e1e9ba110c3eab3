//! qimen-workbench: the desktop app's services, over [`qimen_core`] (the protocol) and [`qimen_server`]
//! (the local gateway); no window. One async method per IPC command, each returning
//! `Result<T, IpcError>`, so the Tauri shell is a list of one-line adapters and every command can be
//! tested without a window.
//!
//! A [`Workbench`] owns what a running app needs: the SQLite [`Store`], the [`SecretStore`] (the OS
//! keyring, or memory for this run when the user accepts it), two HTTP clients (the system proxy for
//! the platform, none for the loopback gateway), the local gateway (started on 127.0.0.1:18080, or a
//! free port when that one is taken, the first time the local environment is used, kept for the run), and the UI language.
//!
//! Secrets are read from the secret store at the moment a call is signed and dropped after; the
//! history keeps the request with the session masked; no answer of this crate carries a secret.
//!
//! | module | owns |
//! | --- | --- |
//! | [`store`] | SQLite (WAL, migrations): profiles, call history with full-text search and retention, settings, onboarding progress |
//! | [`secrets`] | the OS keyring behind a small trait, an in-memory fallback for this run, and an availability probe |
//! | [`oauth`] | getting a session: authorize URL and state, callback URL kinds, the one-shot loopback listener, pasted redirects, token exchange and refresh |
//! | [`catalog`] | the facts of the three source documents (app types, Taobaoke rules, 旺店通 onboarding) as validated data |
//! | [`api_docs`] | the test console's API catalogue (zh/en titles, parameter forms, examples that work on the local gateway) |
//! | [`live`] | what a listener started from the app records for a live list: newest in memory, every one in a JSON-lines journal, summaries to the window in batches |
//! | [`places`] | where the app keeps its data and keyring entries (shared with the CLI) |
//! | `instance` | one running app per data folder on Linux: a second launch brings the first forward |
//! | [`error`] | [`IpcError`] and the codes the UI switches on |
//!
//! Then one folder per capability the window offers, each with its commands, its IPC shapes (exported
//! to TypeScript) and, where it has its own, its errors:
//!
//! | module | the window's |
//! | --- | --- |
//! | [`app`] | app info, settings, secrets in memory for this run, addresses opened in the browser (https only) |
//! | [`profiles`] | profiles with their secrets in the keyring, the first-run demo profile |
//! | [`calls`] | the console: environments, the API catalogue, a call signed with a profile, preview, send, `curl`, sign comparison |
//! | [`history`] | history list, search, detail, re-send, saving a response |
//! | [`session`] | session capture over [`oauth`]: listener, app window, paste, manual, refresh |
//! | [`repro`] | 复现请求: a customer's pasted request or a bundle read, its sign diagnosed, replayed as sent or re-signed, calls exported as a bundle |
//! | [`receiver`] | 服务端接收: the provider receiver run from the app, its answers per API, the local gateway's forwarding to it, requests listed live with their diagnosis |
//! | [`traffic`] | 联调抓包: the relay between a customer's system and the platform, its exchanges diagnosed, listed live, saved to history or as a bundle |
//! | [`onboarding`] | the onboarding guide: its pure reasoning ([`onboarding::guide`]) and its commands |

pub mod api_docs;
pub mod catalog;
pub mod oauth;
pub mod secrets;
pub mod store;

pub mod app;
pub mod calls;
pub mod error;
pub mod history;
#[cfg(target_os = "linux")]
pub mod instance;
pub mod live;
pub mod onboarding;
pub mod places;
pub mod profiles;
pub mod receiver;
pub mod repro;
pub mod session;
pub mod traffic;

pub use error::{IpcError, WorkbenchError};

use crate::secrets::{probe, KeyringStatus, SecretStore};
use crate::store::Store;
use qimen_core::client::{ClientOptions, HttpClient, ProxySetting};
use qimen_core::clock::Clock;
use qimen_core::text::Lang;
use qimen_server::gateway::{GatewayConfig, RunningGateway};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

/// How a workbench is opened.
pub struct WorkbenchConfig {
    /// Where the database (and nothing secret) is kept.
    pub data_dir: PathBuf,
    /// The OS keyring in the app; a [`MemoryStore`] in tests.
    pub secret_store: Arc<dyn SecretStore>,
    /// The keyring service name the store uses (`qimen-workbench`, or a test's own).
    pub keyring_service: String,
    pub clock: Arc<dyn Clock>,
    /// The language until the user picks one (first run).
    pub language: Lang,
}

/// Where the selected profile is remembered between runs (the store has no setting for it yet):
/// a one-line file holding the id, in the data folder.
const CURRENT_PROFILE_FILE: &str = "current-profile";

/// How many recent full response bodies are kept in memory for `response_save`, for answers larger
/// than what history keeps.
const RECENT_BODIES: usize = 4;

/// The running app's state.
pub struct Workbench {
    data_dir: PathBuf,
    keyring_service: String,
    store: Store,
    secrets: RwLock<Arc<dyn SecretStore>>,
    keyring: RwLock<KeyringStatus>,
    secrets_in_memory: RwLock<bool>,
    remote_client: HttpClient,
    local_client: HttpClient,
    gateway: tokio::sync::Mutex<Option<RunningGateway>>,
    clock: Arc<dyn Clock>,
    current_profile: Mutex<Option<i64>>,
    recent_bodies: Mutex<VecDeque<(i64, String)>>,
    session_flows: crate::oauth::flow::FlowRegistry,
    traffic: traffic::Traffic,
    receiving: receiver::Receiving,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // The guarded values are replaced whole, never left half-written, so a poisoned lock is usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Workbench {
    /// Opens the data folder (creating the database on first run), checks the keyring, and on
    /// first run creates and selects the demo profile.
    pub fn open(config: WorkbenchConfig) -> Result<Workbench, IpcError> {
        let lang = config.language;
        Self::open_inner(config).map_err(|e| e.to_ipc(lang))
    }

    fn open_inner(config: WorkbenchConfig) -> Result<Workbench, WorkbenchError> {
        let store = Store::open(&config.data_dir)?.with_clock(config.clock.clone());
        let keyring = probe(config.secret_store.as_ref());
        let client = |proxy| {
            HttpClient::new(ClientOptions {
                proxy,
                ..ClientOptions::default()
            })
        };
        let current = std::fs::read_to_string(config.data_dir.join(CURRENT_PROFILE_FILE))
            .ok()
            .and_then(|t| t.trim().parse::<i64>().ok());
        let traffic = traffic::Traffic::new(&config.data_dir);
        let receiving = receiver::Receiving::new(&config.data_dir);
        let workbench = Workbench {
            data_dir: config.data_dir,
            keyring_service: config.keyring_service,
            store,
            secrets: RwLock::new(config.secret_store),
            keyring: RwLock::new(keyring),
            secrets_in_memory: RwLock::new(false),
            remote_client: client(ProxySetting::System)?,
            local_client: client(ProxySetting::Direct)?,
            gateway: tokio::sync::Mutex::new(None),
            clock: config.clock,
            current_profile: Mutex::new(current),
            recent_bodies: Mutex::new(VecDeque::new()),
            session_flows: Default::default(),
            traffic,
            receiving,
        };
        if !workbench.store.settings_get()?.first_run_done {
            workbench.first_run(config.language)?;
        }
        Ok(workbench)
    }

    /// The UI language now.
    pub fn lang(&self) -> Lang {
        self.store
            .settings_get()
            .map(|s| s.language)
            .unwrap_or(Lang::ZhCn)
    }

    fn ipc<T>(&self, result: Result<T, WorkbenchError>) -> Result<T, IpcError> {
        result.map_err(|e| e.to_ipc(self.lang()))
    }

    pub fn keyring_service(&self) -> &str {
        &self.keyring_service
    }

    fn secrets(&self) -> Arc<dyn SecretStore> {
        self.secrets
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The local gateway's URL, starting it on a free loopback port the first time.
    pub async fn gateway_url(&self) -> Result<String, IpcError> {
        let result = self.ensure_gateway().await;
        self.ipc(result)
    }

    async fn ensure_gateway(&self) -> Result<String, WorkbenchError> {
        let mut gateway = self.gateway.lock().await;
        if let Some(running) = gateway.as_ref() {
            return Ok(running.base_url());
        }
        // The usual port first, so copied curl lines and history URLs keep working across runs;
        // any free one when another program holds it (the app then says so).
        let preferred = qimen_server::gateway::start(
            GatewayConfig::demo(),
            self.clock.clone(),
            qimen_server::gateway::DEFAULT_PORT,
        )
        .await;
        let running = match preferred {
            Ok(running) => running,
            Err(_) => {
                qimen_server::gateway::start(GatewayConfig::demo(), self.clock.clone(), 0).await?
            }
        };
        let url = running.base_url();
        *gateway = Some(running);
        Ok(url)
    }

    /// Starts the local gateway if needed and has it forward to these providers (the ones the app
    /// registered; its built-in configuration stays); answers its URL.
    async fn set_gateway_providers(
        &self,
        providers: Vec<qimen_server::gateway::ProviderConfig>,
    ) -> Result<String, WorkbenchError> {
        let url = self.ensure_gateway().await?;
        if let Some(running) = self.gateway.lock().await.as_ref() {
            running.set_added_providers(providers);
        }
        Ok(url)
    }

    async fn running_gateway_url(&self) -> Option<String> {
        self.gateway.lock().await.as_ref().map(|g| g.base_url())
    }

    /// Stops the traffic relay, the provider receiver and the local gateway (the app calls it on exit; dropping the
    /// workbench also ends them).
    pub async fn shutdown(&self) {
        self.stop_relay().await;
        self.stop_receiver().await;
        if let Some(running) = self.gateway.lock().await.take() {
            running.shutdown().await;
        }
    }
}
