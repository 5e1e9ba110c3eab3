//! Reading a request body within the listener's limits: the body deadline ([`TimedBody`]), the
//! size cap, and what went wrong when it could not be read.

use axum::body::{Body, Bytes};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// The body did not arrive within the listener's body timeout.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive within {} seconds", .0.as_secs())]
pub struct BodyTimeout(pub Duration);

/// A body that fails with [`BodyTimeout`] once its deadline passes.
pub(super) struct TimedBody {
    inner: Body,
    limit: Duration,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

impl TimedBody {
    pub(super) fn new(inner: Body, limit: Duration) -> TimedBody {
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
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|error| classify(&error))
}

/// [`read_body`], except that a body over `limit` is read on and dropped, up to `drain` more bytes,
/// before [`BodyProblem::TooLarge`] is returned: the sender then reads the refusal instead of a
/// connection reset in the middle of its upload. At most `limit` bytes are ever held.
pub async fn read_body_draining(
    mut body: Body,
    limit: usize,
    drain: usize,
) -> Result<Bytes, BodyProblem> {
    use http_body_util::BodyExt;
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|error| classify(&error))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        if seen <= limit {
            kept.extend_from_slice(&data);
        } else if seen - limit > drain {
            return Err(BodyProblem::TooLarge);
        }
    }
    if seen > limit {
        return Err(BodyProblem::TooLarge);
    }
    Ok(Bytes::from(kept))
}

/// What a body error was: over the limit, past the deadline, or broken.
fn classify(error: &(dyn std::error::Error + 'static)) -> BodyProblem {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
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
}
