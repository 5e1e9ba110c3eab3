//! The upstream's answer streamed back to the caller chunk by chunk, as it comes, while the first
//! 256 KiB are kept for the record; the exchange is recorded when the answer ends, breaks off, runs
//! past the deadline, or the caller goes away.

use super::exchange::{UpstreamProblem, UpstreamProblemKind};
use super::record::{Answered, Pending};
use super::send::{BoxError, UpstreamBody};
use axum::body::Bytes;
use http_body::{Body, Frame, SizeHint};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::time::{Instant, Sleep};

/// The answer did not end before the relay's deadline.
#[derive(Debug, thiserror::Error)]
#[error("the upstream's answer did not end within the relay's time limit")]
struct PastDeadline;

/// An upstream body passed on unchanged, a capped copy kept.
pub(crate) struct Tee {
    inner: UpstreamBody,
    deadline: Pin<Box<Sleep>>,
    /// The time allowed, for the message.
    limit: std::time::Duration,
    answered: Answered,
    pending: Option<Pending>,
}

impl Tee {
    /// `answered` holds the status and content type; the body is added as it passes.
    pub fn new(
        inner: UpstreamBody,
        deadline: Instant,
        limit: std::time::Duration,
        answered: Answered,
        pending: Pending,
    ) -> Tee {
        Tee {
            inner,
            deadline: Box::pin(tokio::time::sleep_until(deadline)),
            limit,
            answered,
            pending: Some(pending),
        }
    }

    fn finish(&mut self, problem: Option<UpstreamProblem>) {
        if let Some(pending) = self.pending.take() {
            let mut answered = std::mem::take(&mut self.answered);
            answered.problem = problem;
            pending.finish(answered);
        }
    }
}

impl Body for Tee {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.answered.keep(data);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(error))) => {
                let detail = super::send::describe(error.as_ref());
                this.finish(Some(UpstreamProblem::new(
                    UpstreamProblemKind::Other,
                    format!("上游的应答中途中断：{detail}"),
                    format!("the upstream broke off its answer: {detail}"),
                )));
                Poll::Ready(Some(Err(error)))
            }
            Poll::Ready(None) => {
                this.finish(None);
                Poll::Ready(None)
            }
            Poll::Pending => match this.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    let seconds = this.limit.as_secs_f64();
                    this.finish(Some(UpstreamProblem::new(
                        UpstreamProblemKind::TimedOut,
                        format!("上游的应答没有在 {seconds} 秒内传完，已中断"),
                        format!("the upstream's answer did not end within {seconds} s and was cut"),
                    )));
                    Poll::Ready(Some(Err(Box::new(PastDeadline))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for Tee {
    fn drop(&mut self) {
        if self.pending.is_none() {
            return;
        }
        let problem = (!self.inner.is_end_stream()).then(|| {
            UpstreamProblem::new(
                UpstreamProblemKind::Other,
                "调用方在应答传完之前断开了连接",
                "the caller closed the connection before the answer ended",
            )
        });
        self.finish(problem);
    }
}
