use super::*;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Echoes the body's size, or says what was wrong with it.
async fn echo(request: Request) -> Response {
    match read_body(request.into_body(), 1024 * 1024).await {
        Ok(bytes) => format!("{} bytes", bytes.len()).into_response(),
        Err(BodyProblem::TooLarge) => StatusCode::PAYLOAD_TOO_LARGE.into_response(),
        Err(BodyProblem::TimedOut(_)) => StatusCode::REQUEST_TIMEOUT.into_response(),
        Err(BodyProblem::Malformed(why)) => (StatusCode::BAD_REQUEST, why).into_response(),
    }
}

fn quick() -> ListenerLimits {
    ListenerLimits {
        header_timeout: Duration::from_millis(400),
        body_timeout: Duration::from_millis(400),
        max_connections: 8,
        shutdown_grace: Duration::from_millis(300),
        ..ListenerLimits::default()
    }
}

async fn start(limits: ListenerLimits) -> Serving {
    let router = Router::new().route("/echo", post(echo));
    serve(bind_loopback(0).await.unwrap(), router, limits).unwrap()
}

/// Sends `raw` and reads until the server closes (or `wait` passes); the text read and how long.
async fn exchange(addr: SocketAddr, raw: &[u8], wait: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(raw).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(wait, stream.read_to_end(&mut out)).await;
    (
        String::from_utf8_lossy(&out).into_owned(),
        started.elapsed(),
    )
}

fn post_request(port: u16, body: &str) -> String {
    format!(
        "POST /echo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test]
async fn an_idle_connection_is_closed_after_the_header_timeout() {
    let serving = start(quick()).await;
    let (text, took) = exchange(serving.addr(), b"", Duration::from_secs(5)).await;
    assert!(took < Duration::from_secs(2), "closed after {took:?}");
    assert!(!text.contains("200"), "{text}");
    serving.shutdown().await;
}

#[tokio::test]
async fn a_slow_header_is_cut_off() {
    let serving = start(quick()).await;
    let started = Instant::now();
    let mut stream = TcpStream::connect(serving.addr()).await.unwrap();
    let mut closed = false;
    for part in [
        "POST /echo HTTP/1.1\r\n",
        "Host: 127.0.0.1\r\n",
        "X-A: 1\r\n",
        "X-B: 2\r\n",
        "X-C: 3\r\n",
    ] {
        if stream.write_all(part.as_bytes()).await.is_err() {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(3), stream.read_to_end(&mut rest)).await;
    assert!(
        closed || read.is_ok(),
        "still open after {:?}",
        started.elapsed()
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    serving.shutdown().await;
}

#[tokio::test]
async fn a_body_that_never_arrives_is_answered_408_within_the_body_timeout() {
    let serving = start(quick()).await;
    let port = serving.addr().port();
    let head = format!(
        "POST /echo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 1048576\r\n\r\nabc"
    );
    let (text, took) = exchange(serving.addr(), head.as_bytes(), Duration::from_secs(5)).await;
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    serving.shutdown().await;
}

#[tokio::test]
async fn a_malformed_chunked_body_is_named_not_called_too_large() {
    let serving = start(quick()).await;
    let port = serving.addr().port();
    let raw = format!(
        "POST /echo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"
    );
    let (text, _) = exchange(serving.addr(), raw.as_bytes(), Duration::from_secs(3)).await;
    assert!(!text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 400"),
        "{text}"
    );
    serving.shutdown().await;
}

#[tokio::test]
async fn a_call_gets_through_while_many_idle_sockets_are_held() {
    let limits = ListenerLimits {
        header_timeout: Duration::from_secs(30),
        ..quick()
    };
    let serving = start(limits).await;
    let addr = serving.addr();
    let mut idle = Vec::new();
    for _ in 0..200 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    // Let the accept loop take them all in (and evict the oldest).
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (text, took) = exchange(
        addr,
        post_request(addr.port(), "hello").as_bytes(),
        Duration::from_secs(5),
    )
    .await;
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.ends_with("5 bytes"), "{text}");
    assert!(took < Duration::from_secs(2), "{took:?}");
    drop(idle);
    serving.shutdown().await;
}

#[tokio::test]
async fn shutdown_is_bounded_even_with_a_half_sent_request() {
    let limits = ListenerLimits {
        header_timeout: Duration::from_secs(30),
        body_timeout: Duration::from_secs(30),
        ..quick()
    };
    let serving = start(limits).await;
    let port = serving.addr().port();
    let mut stream = TcpStream::connect(serving.addr()).await.unwrap();
    let head =
        format!("POST /echo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 100\r\n\r\nab");
    stream.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    serving.shutdown().await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn foreign_hosts_and_origins_are_refused() {
    let serving = start(quick()).await;
    let addr = serving.addr();
    let port = addr.port();
    let rebound = "POST /echo HTTP/1.1\r\nHost: attacker.example:80\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let (text, _) = exchange(addr, rebound.as_bytes(), Duration::from_secs(3)).await;
    assert!(text.starts_with("HTTP/1.1 421"), "{text}");
    let cross_site = format!(
        "POST /echo HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://attacker.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let (text, _) = exchange(addr, cross_site.as_bytes(), Duration::from_secs(3)).await;
    assert!(text.starts_with("HTTP/1.1 403"), "{text}");
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let own = format!(
            "POST /echo HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
        );
        let (text, _) = exchange(addr, own.as_bytes(), Duration::from_secs(3)).await;
        assert!(text.starts_with("HTTP/1.1 200"), "{host}: {text}");
    }
    serving.shutdown().await;
}
