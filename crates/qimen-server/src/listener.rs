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
//!   page the user visits cannot drive it); a listener bound to a LAN address on purpose (the relay's
//!   LAN mode) also answers to IP-address `Host`s ([`HostPolicy::IpLiterals`]), never to a DNS name;
//! - the **peer's address** in each request's extensions ([`axum::extract::ConnectInfo`]), for
//!   allow-lists;
//! - a **bounded shutdown**: open connections get a grace period to finish, then are dropped.

#[path = "listener_body.rs"]
mod body;
#[path = "listener_guard.rs"]
mod guard;

pub use body::{read_body, read_body_draining, BodyProblem, BodyTimeout};
pub use guard::{refuse_foreign, refuse_foreign_with, HostPolicy};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::extract::Request;
use axum::http::Request as HttpRequest;
use axum::Router;
use body::TimedBody;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::VecDeque;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
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

/// Binds `address`:`port` (0 = a free port): a LAN address, chosen on purpose by the user.
pub async fn bind_address(address: IpAddr, port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind((address, port)).await
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
    serve_with(listener, router, limits, HostPolicy::Loopback)
}

/// [`serve`], answering to the `Host` names of `hosts`.
pub fn serve_with(
    listener: TcpListener,
    router: Router,
    limits: ListenerLimits,
    hosts: HostPolicy,
) -> std::io::Result<Serving> {
    let addr = listener.local_addr()?;
    let (stop, mut stopped) = oneshot::channel::<()>();
    let router = guarded(router, addr.port(), hosts, limits.body_timeout);
    let task = tokio::spawn(async move {
        let registry = Arc::new(Registry::default());
        let (closing, closing_seen) = watch::channel(false);
        let mut connections = JoinSet::new();
        let mut next_id = 0u64;
        loop {
            tokio::select! {
                _ = &mut stopped => break,
                accepted = listener.accept() => {
                    let Ok((stream, peer)) = accepted else {
                        // Out of file descriptors or a connection reset before accept: wait a
                        // moment rather than spin.
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    };
                    // Answers go out as they are written (a relayed answer comes in several
                    // writes), not held back for the peer's acknowledgement.
                    let _ = stream.set_nodelay(true);
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
                        let service = hyper::service::service_fn(move |mut request: HttpRequest<hyper::body::Incoming>| {
                            busy.store(true, Ordering::Release);
                            request.extensions_mut().insert(ConnectInfo(peer));
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
fn guarded(router: Router, port: u16, hosts: HostPolicy, body_timeout: Duration) -> Router {
    router.layer(axum::middleware::from_fn(
        move |request: Request, next: axum::middleware::Next| async move {
            if let Some(refusal) = refuse_foreign_with(request.headers(), port, hosts) {
                return refusal;
            }
            let (parts, body) = request.into_parts();
            let body = Body::new(TimedBody::new(body, body_timeout));
            next.run(Request::from_parts(parts, body)).await
        },
    ))
}

#[cfg(test)]
#[path = "listener_tests.rs"]
mod tests;
