//! The one way the server listens: on 127.0.0.1, with limits no client can hold open, for the local
//! gateway, the provider receiver and whatever listens next. Every listener gets:
//!
//! - a **header timeout**: the request head (request line and headers) must arrive within it; the
//!   wait for the next request on a kept-alive connection is a wait for its head too, so an idle
//!   connection is closed after the same time;
//! - a **body timeout**: the whole body must arrive within it of the head, else the handler reading
//!   it gets [`BodyTimeout`] (the routers answer 408);
//! - a **connection cap**: at it, the oldest idle connection is closed to make room (a new one is
//!   refused only while every connection is answering), so idle sockets can neither starve the file
//!   descriptors nor keep out the call that matters;
//! - a **loopback guard**: only `Host: 127.0.0.1:PORT` / `localhost:PORT` / `[::1]:PORT` are served
//!   (no DNS rebinding), and a request whose `Origin` is not this listener's own is refused (a web
//!   page the user visits cannot drive it);
//! - a **bounded shutdown**: open connections get a grace period to finish, then are dropped.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, Request as HttpRequest, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::VecDeque;
use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// What a listener allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListenerLimits {
    /// The request head must arrive within this; also how long an idle connection is kept.
    pub header_timeout: Duration,
    /// The whole body must arrive within this of the head.
    pub body_timeout: Duration,
    /// Connections served at once; more are closed on arrival.
    pub max_connections: usize,
    /// On shutdown, how long open connections get to finish.
    pub shutdown_grace: Duration,
    /// The largest request head (request line and headers) read; a longer one is refused.
    pub max_head_bytes: usize,
}

impl Default for ListenerLimits {
    fn default() -> Self {
        ListenerLimits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            max_connections: 256,
            shutdown_grace: Duration::from_secs(2),
            // hyper's own default: TOP GET calls carry every parameter in the query string.
            max_head_bytes: 400 * 1024,
        }
    }
}

/// Binds 127.0.0.1:`port` (0 = a free port).
pub async fn bind_loopback(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await
}

/// A listener serving in the background.
#[derive(Debug)]
pub struct Serving {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Serving {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, gives open connections the grace period, then drops what is left.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// One open connection, as the accept loop sees it.
struct Open {
    id: u64,
    /// A request is being answered: the connection is not idle.
    busy: Arc<AtomicBool>,
    close: Option<oneshot::Sender<()>>,
}

/// The open connections, oldest first.
#[derive(Default)]
struct Registry(std::sync::Mutex<VecDeque<Open>>);

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Open>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Makes room for one more connection under `cap`: the oldest idle one is closed. `false`
    /// when every open connection is answering a request.
    fn make_room(&self, cap: usize) -> bool {
        let mut open = self.lock();
        if open.len() < cap {
            return true;
        }
        let Some(index) = open.iter().position(|c| !c.busy.load(Ordering::Acquire)) else {
            return false;
        };
        if let Some(mut evicted) = open.remove(index) {
            if let Some(close) = evicted.close.take() {
                let _ = close.send(());
            }
        }
        true
    }

    fn remove(&self, id: u64) {
        self.lock().retain(|c| c.id != id);
    }
}

/// Serves `router` on `listener` within `limits` until [`Serving::shutdown`]. At the connection cap
/// the oldest idle connection makes room for a new one, so idle or slow clients can never keep a
/// real call out; only when every connection is busy answering is a new one closed.
pub fn serve(
    listener: TcpListener,
    router: Router,
    limits: ListenerLimits,
) -> std::io::Result<Serving> {
    let addr = listener.local_addr()?;
    let (stop, mut stopped) = oneshot::channel::<()>();
    let router = guarded(router, addr.port(), limits.body_timeout);
    let task = tokio::spawn(async move {
        let registry = Arc::new(Registry::default());
        let (closing, closing_seen) = watch::channel(false);
        let mut connections = JoinSet::new();
        let mut next_id = 0u64;
        loop {
            tokio::select! {
                _ = &mut stopped => break,
                accepted = listener.accept() => {
                    let Ok((stream, _peer)) = accepted else {
                        // Out of file descriptors or a connection reset before accept: wait a
                        // moment rather than spin.
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    };
                    if !registry.make_room(limits.max_connections) {
                        drop(stream);
                        continue;
                    }
                    next_id += 1;
                    let id = next_id;
                    let busy = Arc::new(AtomicBool::new(false));
                    let (close, closed) = oneshot::channel::<()>();
                    registry.lock().push_back(Open { id, busy: busy.clone(), close: Some(close) });
                    let router = router.clone();
                    let registry = registry.clone();
                    let mut closing = closing_seen.clone();
                    connections.spawn(async move {
                        let service = hyper::service::service_fn(move |request: HttpRequest<hyper::body::Incoming>| {
                            busy.store(true, Ordering::Release);
                            let answer = router.clone().oneshot(request.map(Body::new));
                            let busy = busy.clone();
                            async move {
                                let response = answer.await;
                                busy.store(false, Ordering::Release);
                                response
                            }
                        });
                        let connection = hyper::server::conn::http1::Builder::new()
                            .timer(TokioTimer::new())
                            .header_read_timeout(limits.header_timeout)
                            .max_buf_size(limits.max_head_bytes.max(8192))
                            .serve_connection(TokioIo::new(stream), service);
                        tokio::pin!(connection);
                        tokio::select! {
                            _ = connection.as_mut() => {}
                            _ = closed => {}
                            _ = async { let _ = closing.wait_for(|c| *c).await; } => {
                                connection.as_mut().graceful_shutdown();
                                let _ = connection.await;
                            }
                        }
                        registry.remove(id);
                    });
                }
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
        drop(listener);
        let _ = closing.send(true);
        let drained = async { while connections.join_next().await.is_some() {} };
        if tokio::time::timeout(limits.shutdown_grace, drained)
            .await
            .is_err()
        {
            connections.abort_all();
        }
    });
    Ok(Serving {
        addr,
        stop: Some(stop),
        task,
    })
}

/// The router behind the loopback guard, each request's body on the body deadline.
fn guarded(router: Router, port: u16, body_timeout: Duration) -> Router {
    router.layer(axum::middleware::from_fn(
        move |request: Request, next: axum::middleware::Next| async move {
            if let Some(refusal) = refuse_foreign(request.headers(), port) {
                return refusal;
            }
            let (parts, body) = request.into_parts();
            let body = Body::new(TimedBody::new(body, body_timeout));
            next.run(Request::from_parts(parts, body)).await
        },
    ))
}

/// The names this listener answers to.
fn own_hosts(port: u16) -> [String; 3] {
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
}

/// A refusal for a request that names another host (DNS rebinding) or comes from another site.
pub fn refuse_foreign(headers: &HeaderMap, port: u16) -> Option<Response> {
    let own = own_hosts(port);
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.trim().to_ascii_lowercase());
    if !host.as_deref().is_some_and(|h| own.iter().any(|o| o == h)) {
        let message = format!(
            "this local service answers only to 127.0.0.1:{port} or localhost:{port}; the request named {}",
            host.as_deref().unwrap_or("no host")
        );
        return Some((StatusCode::MISDIRECTED_REQUEST, message).into_response());
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin
            .to_str()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let allowed = own.iter().any(|o| origin == format!("http://{o}"));
        if !allowed {
            let message = format!(
                "a page from {origin} may not call this local service; only its own pages (http://127.0.0.1:{port}) may"
            );
            return Some((StatusCode::FORBIDDEN, message).into_response());
        }
    }
    None
}

/// The body did not arrive within the listener's body timeout.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive within {} seconds", .0.as_secs())]
pub struct BodyTimeout(pub Duration);

/// A body that fails with [`BodyTimeout`] once its deadline passes.
struct TimedBody {
    inner: Body,
    limit: Duration,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

impl TimedBody {
    fn new(inner: Body, limit: Duration) -> TimedBody {
        TimedBody {
            inner,
            limit,
            deadline: Box::pin(tokio::time::sleep(limit)),
        }
    }
}

impl http_body::Body for TimedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        if let Poll::Ready(frame) = Pin::new(&mut this.inner).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        match this.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(axum::Error::new(BodyTimeout(this.limit))))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Why reading a body failed, for an answer that says what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyProblem {
    /// Larger than the reader's limit.
    TooLarge,
    /// It did not arrive within the listener's body timeout.
    TimedOut(Duration),
    /// It arrived broken: a malformed chunked encoding, or the connection closed half-way.
    Malformed(String),
}

/// Reads the whole body, at most `limit` bytes, and says what went wrong if it could not.
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, BodyProblem> {
    axum::body::to_bytes(body, limit).await.map_err(|error| {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
        while let Some(e) = source {
            if e.is::<http_body_util::LengthLimitError>() {
                return BodyProblem::TooLarge;
            }
            if let Some(timeout) = e.downcast_ref::<BodyTimeout>() {
                return BodyProblem::TimedOut(timeout.0);
            }
            source = e.source();
        }
        BodyProblem::Malformed(error.to_string())
    })
}

#[cfg(test)]
#[path = "listener_tests.rs"]
mod tests;
