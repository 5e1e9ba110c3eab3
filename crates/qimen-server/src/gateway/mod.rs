//! The local gateway: the product's built-in offline platform. It serves the TOP router, the Qimen
//! routers and the OAuth endpoints on 127.0.0.1, validates calls like the platform (same codes, same
//! messages, plus a `sub_msg` that says how to fix the call), answers the demo APIs from
//! [`apis`], and forwards Qimen calls to providers registered in its config, so every feature of the
//! product works offline, for practice, demos and tests.
//!
//! - [`config`]: apps, providers, demo credentials, the TOML file.
//! - [`server`]: the axum router, starting and stopping ([`start`], [`Gateway`]).
//! - [`validate`], [`inbound`], [`codes`], [`render`]: reading, checking and answering a router call.
//! - [`oauth`], [`tokens`]: the consent page, `/token`, and the sessions the router accepts.
//! - [`forward`]: re-signing and relaying calls to a provider.
//! - [`banner`]: the start-up text listing routes and demo credentials.

pub mod api_contract;
pub mod banner;
pub mod codes;
pub mod config;
pub mod forward;
pub mod inbound;
pub mod oauth;
pub mod oauth_page;
pub mod render;
pub mod server;
pub mod tokens;
pub mod validate;

pub mod apis;
pub mod demo_data;

pub use banner::describe;
pub use config::{AppConfig, ConfigError, GatewayConfig, Grants, ProviderConfig};
pub use server::{Gateway, GatewayError, RunningGateway, MAX_BODY_BYTES};

use qimen_core::clock::Clock;
use std::sync::Arc;

/// The gateway over the built-in catalogue of demo APIs ([`apis::catalogue`]).
pub fn gateway(config: GatewayConfig, clock: Arc<dyn Clock>) -> Result<Gateway, GatewayError> {
    Gateway::new(config, clock, apis::catalogue())
}

/// Every route of the gateway over the built-in APIs, for in-process use.
pub fn router(config: GatewayConfig, clock: Arc<dyn Clock>) -> Result<axum::Router, GatewayError> {
    Ok(gateway(config, clock)?.router())
}

/// Starts the gateway over the built-in APIs on 127.0.0.1:`port` (0 = a free port).
/// The gateway's usual port, the same for `qimen gateway serve` and the app's built-in gateway, so
/// copied curl lines and history URLs keep working across restarts.
pub const DEFAULT_PORT: u16 = 18080;

pub async fn start(
    config: GatewayConfig,
    clock: Arc<dyn Clock>,
    port: u16,
) -> Result<RunningGateway, GatewayError> {
    gateway(config, clock)?.serve(port).await
}
