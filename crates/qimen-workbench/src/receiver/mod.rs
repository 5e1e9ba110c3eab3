//! 服务端接收 / Provider receiver: the receiver of [`qimen_server::receiver`] run from the app, for a
//! WMS / POS / ERP developer implementing the 服务地址 Qimen calls. It verifies each request with the
//! receiving profile's AppSecret as `SpiUtils` does, answers from the templates picked per API, and
//! lists every request live with the diagnosis of a refused one. Registered on the local gateway
//! for a `customerId` / `target_app_key`, a call from the console reaches it: the whole round trip
//! on one machine.
//!
//! - [`templates`]: the answers per API, kept in the data folder between runs;
//! - [`records`]: the live list, one request in full, clear;
//! - [`route`]: the local gateway's forwarding to this receiver.

mod ipc;
mod records;
mod route;
mod templates;
#[cfg(test)]
mod tests;

pub use ipc::{
    Receipt, ReceiptPage, ReceiptQuery, ReceiptSummary, ReceiverEvent, ReceiverRoute,
    ReceiverStartInput, ReceiverStatus, RECEIPT_EVENT,
};
/// The answers per API, as the receiver of the server crate defines them.
pub use qimen_server::receiver::{AnswerTemplate, TemplateKind};

use crate::calls::build::required_secret;
use crate::error::MissingSecret;
use crate::live::{Batcher, Journal, LiveSink, Ring, BATCH_EVERY, MAX_KEPT};
use crate::{lock, IpcError, Workbench};
use qimen_core::sensitive::SecretString;
use qimen_server::receiver::{self, ReceiverConfig, ReceiverError, RunningReceiver};
use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use tokio::task::JoinHandle;

/// The port the receiver listens on unless the user picks another (the command line's too).
pub const DEFAULT_PORT: u16 = receiver::DEFAULT_PORT;
/// The journal every receipt is appended to, in the data folder.
pub const RECEIVER_LOG_FILE: &str = "receiver.jsonl";
const RECEIVER_LOG_ROTATED: &str = "receiver.1.jsonl";

/// The receiver of this run and what it answered.
struct Running {
    receiver: RunningReceiver,
    batcher: Batcher<ReceiptSummary>,
    pump: JoinHandle<()>,
    url: String,
    profile_name: String,
    app_key: String,
    secret: SecretString,
}

/// The receiver (at most one), its receipts, templates and route.
pub(crate) struct Receiving {
    ring: Arc<Ring<ReceiptSummary, Receipt>>,
    journal: Arc<Journal>,
    next_id: Arc<AtomicU64>,
    templates: templates::TemplateFile,
    route: Mutex<Option<ReceiverRoute>>,
    running: tokio::sync::Mutex<Option<Running>>,
}

impl Receiving {
    /// Nothing running; receipts go to `receiver.jsonl` and templates are read from `data_dir`.
    pub fn new(data_dir: &Path) -> Receiving {
        Receiving {
            ring: Arc::new(Ring::new(MAX_KEPT)),
            journal: Arc::new(Journal::new(
                data_dir,
                RECEIVER_LOG_FILE,
                RECEIVER_LOG_ROTATED,
            )),
            next_id: Arc::new(AtomicU64::new(1)),
            templates: templates::TemplateFile::new(data_dir),
            route: Mutex::new(None),
            running: tokio::sync::Mutex::new(None),
        }
    }
}

impl Workbench {
    /// `receiver_start`: listens on 127.0.0.1 with the profile's AppSecret and the saved templates;
    /// each request's summary is handed to `sink` in batches. A saved route is registered on the
    /// local gateway at once.
    pub async fn receiver_start(
        &self,
        input: ReceiverStartInput,
        sink: Arc<dyn LiveSink<ReceiptSummary>>,
    ) -> Result<ReceiverStatus, IpcError> {
        let lang = self.lang();
        let mut running = self.receiving.running.lock().await;
        if let Some(current) = running.as_ref() {
            let url = &current.url;
            return Err(IpcError::new(
                "receiver.running",
                lang.pick(
                    format!("服务端接收已在 {url} 运行：请先停止，再用新的设置启动。"),
                    format!("The receiver is already running at {url}: stop it first, then start it with the new settings."),
                ),
            ));
        }
        let profile = self.ipc(self.profile_for(input.profile_id))?;
        let secret = self.ipc(required_secret(
            self.secrets().as_ref(),
            &profile,
            MissingSecret::AppSecret,
        ))?;
        let port = input.port.unwrap_or(DEFAULT_PORT);
        let mut config = ReceiverConfig::new(secret.clone());
        config.templates = self.receiving.templates.load();
        let started = receiver::start(config, self.clock.clone(), port)
            .await
            .map_err(|e| start_error(e, port, lang))?;
        let (batcher, pending) = Batcher::start(sink, BATCH_EVERY);
        let pump = records::pump(
            started.subscribe(),
            self.receiving.ring.clone(),
            self.receiving.journal.clone(),
            self.receiving.next_id.clone(),
            pending,
        );
        let url = started.url();
        *running = Some(Running {
            receiver: started,
            batcher,
            pump,
            url,
            profile_name: profile.name,
            app_key: profile.app_key,
            secret,
        });
        let route = lock(&self.receiving.route).clone();
        if let Some(route) = route {
            let active = running.as_ref().map(|r| route::provider(r, &route));
            self.ipc(
                self.set_gateway_providers(active.into_iter().collect())
                    .await,
            )?;
        }
        drop(running);
        self.receiver_status().await
    }

    /// `receiver_stop`: stops listening (requests in flight get the listener's grace) and the
    /// gateway's forwarding to it; what was received stays.
    pub async fn receiver_stop(&self) -> Result<ReceiverStatus, IpcError> {
        self.stop_receiver().await;
        self.receiver_status().await
    }

    /// `receiver_status`: whether it runs, where, with which templates and route.
    pub async fn receiver_status(&self) -> Result<ReceiverStatus, IpcError> {
        let running = self.receiving.running.lock().await;
        let route = lock(&self.receiving.route).clone();
        let gateway_url = match (running.as_ref(), route.as_ref()) {
            (Some(_), Some(_)) => self.running_gateway_url().await,
            _ => None,
        };
        Ok(ReceiverStatus {
            running: running.is_some(),
            url: running.as_ref().map(|r| r.url.clone()),
            verifying_with: running.as_ref().map(|r| r.profile_name.clone()),
            templates: self.receiving.templates.load(),
            route_app_key: match (running.as_ref(), route.as_ref()) {
                (Some(r), Some(route)) => Some(route::app_key(r, route)),
                _ => None,
            },
            route,
            gateway_url,
            recorded: self.receiving.ring.len() as u64,
        })
    }

    /// `receiver_templates_set`: answers from these templates from the next request on (and in the
    /// next runs); a template that cannot be used is refused by name and nothing changes.
    pub async fn receiver_templates_set(
        &self,
        templates: Vec<AnswerTemplate>,
    ) -> Result<ReceiverStatus, IpcError> {
        let lang = self.lang();
        for template in &templates {
            template
                .check()
                .map_err(|problem| templates::problem_error(&problem, lang))?;
        }
        if let Some(running) = self.receiving.running.lock().await.as_ref() {
            running
                .receiver
                .receiver()
                .set_templates(templates.clone())
                .map_err(|problem| templates::problem_error(&problem, lang))?;
        }
        self.ipc(self.receiving.templates.save(&templates))?;
        self.receiver_status().await
    }

    /// `receiver_template_starter`: the documented answer shape for an API, to start a template.
    pub fn receiver_template_starter(&self, api: String) -> AnswerTemplate {
        AnswerTemplate::starter(&api)
    }

    /// Stops the receiver when it runs (the app's exit too) and the gateway's forwarding to it.
    pub(crate) async fn stop_receiver(&self) {
        let stopped = self.receiving.running.lock().await.take();
        if let Some(running) = stopped {
            if lock(&self.receiving.route).is_some() {
                // Nothing to forward to any more; a gateway that never started has nothing to undo.
                let _ = self.set_gateway_providers(Vec::new()).await;
            }
            running.receiver.shutdown().await;
            running.pump.abort();
            running.batcher.stop();
        }
    }
}

/// A start that failed, in the UI language: a busy port names itself.
fn start_error(error: ReceiverError, port: u16, lang: qimen_core::text::Lang) -> IpcError {
    match error {
        ReceiverError::Bind { .. } => IpcError::new(
            "receiver.port_busy",
            lang.pick(
                format!("无法在 127.0.0.1:{port} 上监听（端口可能已被其他程序占用）：请换一个端口，或先关闭占用它的程序。"),
                format!("Cannot listen on 127.0.0.1:{port} (another program may be using the port): choose another port, or close the program using it."),
            ),
        ),
        ReceiverError::Template(problem) => templates::problem_error(&problem, lang),
        other => IpcError::new("receiver.start", other.to_string()),
    }
}
