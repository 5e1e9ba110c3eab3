//! Sending a prepared call with the core's HTTP client and sorting its failures into exit codes: a
//! bad address is the user's input (2), anything on the way is the network (3), with a hint to start
//! the gateway when the local one does not answer.

use crate::failure::Failure;
use qimen_core::captured::CapturedRequest;
use qimen_core::client::{ClientError, ClientOptions, HttpClient, HttpExchange, ProxySetting};
use qimen_core::protocol::request::PreparedRequest;
use std::time::Duration;

/// Sends `prepared`, waiting at most `timeout_secs`. `local`: the gateway on this machine, reached
/// without any proxy, and named in the hint when it does not answer.
pub async fn send(
    prepared: &PreparedRequest,
    timeout_secs: u64,
    local: bool,
) -> Result<HttpExchange, Failure> {
    client(timeout_secs, local)?
        .send(prepared)
        .await
        .map_err(|e| classify(e, &prepared.endpoint, local))
}

/// Sends a captured request byte for byte to `endpoint` (`qimen repro replay`), with the same
/// client settings and failures as [`send`].
pub async fn send_captured(
    request: &CapturedRequest,
    endpoint: &str,
    timeout_secs: u64,
    local: bool,
) -> Result<HttpExchange, Failure> {
    client(timeout_secs, local)?
        .send_as_sent(request, endpoint)
        .await
        .map_err(|e| classify(e, endpoint, local))
}

fn client(timeout_secs: u64, local: bool) -> Result<HttpClient, Failure> {
    let options = ClientOptions {
        timeout: Duration::from_secs(timeout_secs),
        proxy: if local {
            ProxySetting::Direct
        } else {
            ProxySetting::System
        },
        ..ClientOptions::default()
    };
    HttpClient::new(options)
        .map_err(|e| Failure::Failed(format!("cannot set up the HTTP client: {e}")))
}

fn classify(error: ClientError, endpoint: &str, local: bool) -> Failure {
    match error {
        ClientError::InvalidUrl { .. } | ClientError::InvalidProxy { .. } => {
            Failure::Usage(format!("--env / --gateway: {error}"))
        }
        ClientError::Setup { .. } => Failure::Failed(error.to_string()),
        _ => {
            let hint = if local {
                "\nhint: start the local gateway with `qimen gateway serve` (or point --gateway / QIMEN_GATEWAY at the one running)"
            } else {
                ""
            };
            Failure::Network(format!("{endpoint}: {error}{hint}"))
        }
    }
}
