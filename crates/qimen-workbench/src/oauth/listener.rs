//! The one-shot callback listener: when the registered callback is `http://127.0.0.1:PORT/PATH`
//! (or `localhost`), the app itself listens there, on 127.0.0.1 only, until the platform's redirect
//! arrives with the right `state`, then answers the browser with a friendly page and closes.
//!
//! It must survive whatever else reaches the port: a wrong path or a wrong or missing `state` gets
//! a 400 page and the listener keeps waiting. It is served by the one listener every loopback port of
//! the app uses ([`qimen_server::listener`]): header blocks over 16 KiB, slow or malformed requests,
//! foreign `Host`s and `Origin`s are refused there, idle connections are closed, at most
//! [`MAX_CONNECTIONS`] are open at once, and shutdown is bounded. It stops on capture, on
//! [`ListenerCancel::cancel`], or after the timeout (5 minutes by default).

use super::capture::{explain_denied, read_redirect, Captured, MAX_REDIRECT_LEN};
use super::listener_page;
use axum::extract::State;
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use qimen_core::text::Lang;
use qimen_server::listener::{bind_loopback, serve, ListenerLimits};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

/// How long a listener waits for the redirect by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5 * 60);
/// Connections served at once; more are closed on arrival (a browser opens a handful).
pub const MAX_CONNECTIONS: usize = 64;
/// The largest request head (request line and headers) read.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// A client must finish sending its headers within this.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// After the capture, open connections get this long to receive their page.
const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// Where and for what to listen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerConfig {
    /// The callback's port (0 = any free port, for the local gateway and tests).
    pub port: u16,
    /// The callback's path, e.g. `/callback` (`/` when the callback has none).
    pub path: String,
    /// The `state` the authorization was started with.
    pub state: String,
    pub timeout: Duration,
}

/// Why the listener ended without a redirect, or could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListenerError {
    #[error("port {port} on 127.0.0.1 is already in use by another program, so the app cannot receive the callback there; close that program, or use the paste mode: authorize in any browser and paste the address it ends on")]
    PortInUse { port: u16 },
    #[error("cannot listen on 127.0.0.1:{port} ({reason}); use the paste mode: authorize in any browser and paste the address it ends on")]
    Bind { port: u16, reason: String },
    #[error("no authorization arrived within {} minutes; start again, and authorize in the browser page that opens", after.as_secs().div_ceil(60))]
    TimedOut { after: Duration },
    #[error("the authorization was cancelled")]
    Cancelled,
    #[error("the listener stopped without an answer; start the authorization again")]
    Stopped,
}

impl ListenerError {
    pub fn code(&self) -> &'static str {
        match self {
            ListenerError::PortInUse { .. } => "session.port_in_use",
            ListenerError::Bind { .. } => "session.listen_failed",
            ListenerError::TimedOut { .. } => "session.timed_out",
            ListenerError::Cancelled => "session.cancelled",
            ListenerError::Stopped => "session.listener_stopped",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ListenerError::PortInUse { port } => format!("本机 127.0.0.1 的 {port} 端口已被其他程序占用，应用无法在回调地址上接收授权。请关闭占用端口的程序，或改用“粘贴”方式：在任意浏览器中完成授权，再把跳转后的地址粘贴进来。"),
            ListenerError::Bind { port, reason } => format!("无法在 127.0.0.1:{port} 上监听（{reason}）。请改用“粘贴”方式：在任意浏览器中完成授权，再把跳转后的地址粘贴进来。"),
            ListenerError::TimedOut { after } => format!("{} 分钟内没有收到授权回调。请重新发起，并在打开的浏览器页面中完成授权。", after.as_secs().div_ceil(60)),
            ListenerError::Cancelled => "授权已取消。".into(),
            ListenerError::Stopped => "监听意外停止，没有收到授权回调，请重新发起授权。".into(),
        }
    }
}

type Outcome = Option<Result<Captured, ListenerError>>;

/// Stops a listener from anywhere (the flow's cancel command).
#[derive(Debug, Clone, Default)]
pub struct ListenerCancel(Arc<Notify>);

impl ListenerCancel {
    pub fn cancel(&self) {
        // A stored permit: a cancel before the listener's loop polls is not lost.
        self.0.notify_one();
    }
}

/// A running listener. Dropping it cancels it.
#[derive(Debug)]
pub struct CallbackListener {
    addr: SocketAddr,
    outcome: watch::Receiver<Outcome>,
    cancel: ListenerCancel,
}

struct Shared {
    path: String,
    state: String,
    outcome: watch::Sender<Outcome>,
}

/// Starts listening on 127.0.0.1:`config.port` (never another interface, also for a `localhost`
/// callback).
pub async fn listen(config: ListenerConfig) -> Result<CallbackListener, ListenerError> {
    let port = config.port;
    let listener = bind_loopback(port).await.map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => ListenerError::PortInUse { port },
        _ => ListenerError::Bind {
            port,
            reason: e.to_string(),
        },
    })?;
    let addr = listener.local_addr().map_err(|e| ListenerError::Bind {
        port,
        reason: e.to_string(),
    })?;
    let (sender, receiver) = watch::channel(None);
    let path = match config.path.trim() {
        "" => "/".to_string(),
        p => p.to_string(),
    };
    let shared = Arc::new(Shared {
        path,
        state: config.state,
        outcome: sender,
    });
    let cancel = ListenerCancel::default();
    tokio::spawn(run(listener, shared, cancel.clone(), config.timeout));
    Ok(CallbackListener {
        addr,
        outcome: receiver,
        cancel,
    })
}

impl CallbackListener {
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn canceller(&self) -> ListenerCancel {
        self.cancel.clone()
    }

    /// The outcome so far: `None` while waiting.
    pub fn outcome(&self) -> Outcome {
        self.outcome.borrow().clone()
    }

    /// Waits for the outcome: the captured redirect, or why there is none.
    pub async fn wait(&self) -> Result<Captured, ListenerError> {
        let mut receiver = self.outcome.clone();
        let outcome = match receiver.wait_for(Option::is_some).await {
            Ok(outcome) => outcome.clone(),
            Err(_) => None,
        };
        outcome.unwrap_or(Err(ListenerError::Stopped))
    }
}

impl Drop for CallbackListener {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// Records the outcome unless one is already there; true when this call recorded it.
fn settle(shared: &Shared, outcome: Result<Captured, ListenerError>) -> bool {
    shared.outcome.send_if_modified(|slot| {
        if slot.is_some() {
            return false;
        }
        *slot = Some(outcome);
        true
    })
}

async fn run(
    listener: TcpListener,
    shared: Arc<Shared>,
    cancel: ListenerCancel,
    timeout: Duration,
) {
    let app = Router::new().fallback(handle).with_state(shared.clone());
    let mut settled = shared.outcome.subscribe();
    let serving = match serve(listener, app, limits()) {
        Ok(serving) => serving,
        Err(_) => {
            settle(&shared, Err(ListenerError::Stopped));
            return;
        }
    };
    tokio::select! {
        _ = tokio::time::sleep(timeout) => {
            settle(&shared, Err(ListenerError::TimedOut { after: timeout }));
        }
        _ = cancel.0.notified() => {
            settle(&shared, Err(ListenerError::Cancelled));
        }
        // `shared` holds the sender, so `changed` only wakes on a new value: the capture.
        _ = settled.changed() => {}
    }
    // The port is released at once; open connections get a moment to receive their page.
    serving.shutdown().await;
}

/// The shared listener's limits, tightened for a port that only ever expects one browser redirect.
fn limits() -> ListenerLimits {
    ListenerLimits {
        header_timeout: HEADER_READ_TIMEOUT,
        max_connections: MAX_CONNECTIONS,
        shutdown_grace: CLOSE_GRACE,
        max_head_bytes: MAX_HEAD_BYTES,
        ..ListenerLimits::default()
    }
}

fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html;charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn not_the_redirect(zh: &str, en: &str) -> Response {
    html(
        StatusCode::BAD_REQUEST,
        listener_page::not_the_redirect(zh, en),
    )
}

/// Compares two states in time independent of where they differ.
fn same_state(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return not_the_redirect(
            "只接受浏览器跳转过来的 GET 请求。",
            "Only the browser's GET redirect is accepted here.",
        );
    }
    if uri.path() != shared.path {
        return not_the_redirect(
            "这个路径不是应用登记的回调路径。",
            "This path is not the callback path registered on the app.",
        );
    }
    let query = uri.query().unwrap_or_default();
    if query.len() > MAX_REDIRECT_LEN {
        return not_the_redirect("请求地址过长。", "The address is too long.");
    }
    let Some(captured) = read_redirect(form_urlencoded::parse(query.as_bytes())) else {
        return not_the_redirect(
            "地址中没有授权码 code。",
            "The address carries no authorization code.",
        );
    };
    if !captured
        .state()
        .is_some_and(|s| same_state(s, &shared.state))
    {
        return not_the_redirect(
            "state 与本次授权不一致：这个地址不是由本次授权产生的。",
            "The state does not match: this address does not come from the authorization in progress.",
        );
    }
    let page = match &captured {
        Captured::Code { .. } => listener_page::success(),
        Captured::Denied {
            error, description, ..
        } => listener_page::refused(
            &explain_denied(error, description.as_deref(), Lang::ZhCn),
            &explain_denied(error, description.as_deref(), Lang::En),
        ),
    };
    if !settle(&shared, Ok(captured)) {
        return not_the_redirect(
            "本次授权的回调已经收到，请回到应用查看结果。",
            "The callback was already received; return to the app.",
        );
    }
    html(StatusCode::OK, page)
}
