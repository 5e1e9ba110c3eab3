//! The gateway as an HTTP server: the axum router over every route, the shared state, and starting
//! and stopping on 127.0.0.1. The catalogue of served APIs is passed in, so tests and the product can
//! serve different sets through the same router.

use super::api_contract::{ApiCall, ApiFamily, ApiOutcome, ApiSpec, PlatformError};
use super::codes::TopCode;
use super::config::{GatewayConfig, ProviderConfig};
use super::inbound::{Inbound, Route};
use super::render::{self, Answer, Format};
use super::tokens::{random_token, TokenStore};
use super::validate::{self, Checked, Served};
use super::{forward, oauth};
use crate::listener::{bind_loopback, read_body, serve, BodyProblem, ListenerLimits, Serving};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use chrono::{DateTime, Utc};
use qimen_core::clock::Clock;
use serde_json::{Map, Value};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;
use thiserror::Error;

/// The largest request body the routers read (a bigger one gets an error answer).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// What every handler shares.
pub(crate) struct GatewayState {
    /// The configuration started with.
    base: GatewayConfig,
    /// The configuration in force: the base plus the providers registered while running.
    config: RwLock<Arc<GatewayConfig>>,
    pub clock: Arc<dyn Clock>,
    pub catalogue: &'static [ApiSpec],
    tokens: Mutex<TokenStore>,
    pub http: reqwest::Client,
}

impl GatewayState {
    /// The configuration in force now (a request keeps the one it started with).
    pub fn config(&self) -> Arc<GatewayConfig> {
        self.config
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The configuration started with: its apps are the apps in force (only providers are added
    /// while running).
    pub fn started(&self) -> &GatewayConfig {
        &self.base
    }

    /// Replaces the providers registered while running; the started configuration's stay unless
    /// one of these has the same AppKey.
    fn set_added_providers(&self, providers: Vec<ProviderConfig>) {
        let mut config = self.base.clone();
        for provider in providers {
            config.providers.retain(|p| p.app_key != provider.app_key);
            config.providers.push(provider);
        }
        *self.config.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(config);
    }

    /// The token store; a poisoned lock still holds consistent maps (every change is one insert or
    /// remove), so it is used as is.
    pub fn tokens(&self) -> MutexGuard<'_, TokenStore> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Starting the gateway failed.
#[derive(Debug, Error)]
pub enum GatewayError {
    #[error("port {port}: 127.0.0.1:{port} is already in use; stop the other program or choose another port (0 picks a free one)")]
    PortInUse { port: u16 },
    #[error("port {port}: cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot build the HTTP client used for forwarding: {0}")]
    HttpClient(String),
}

/// A gateway over a given catalogue of APIs.
#[derive(Clone)]
pub struct Gateway {
    state: Arc<GatewayState>,
}

impl Gateway {
    pub fn new(
        config: GatewayConfig,
        clock: Arc<dyn Clock>,
        catalogue: &'static [ApiSpec],
    ) -> Result<Gateway, GatewayError> {
        let http = qimen_core::client::http_client_builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .no_proxy()
            .build()
            .map_err(|e| GatewayError::HttpClient(e.to_string()))?;
        Ok(Gateway {
            state: Arc::new(GatewayState {
                config: RwLock::new(Arc::new(config.clone())),
                base: config,
                clock,
                catalogue,
                tokens: Mutex::new(TokenStore::default()),
                http,
            }),
        })
    }

    /// Every route of the gateway, for serving or for in-process tests.
    pub fn router(&self) -> Router {
        let mut router = Router::new()
            .route(
                "/authorize",
                get(oauth::authorize_page).post(oauth::authorize_decision),
            )
            .route("/token", post(oauth::token))
            .fallback(not_found);
        for route in Route::ALL {
            router = router.route(
                route.path(),
                any(move |state: State<Arc<GatewayState>>, request: Request| {
                    router_call(state, route, request)
                }),
            );
        }
        router.with_state(self.state.clone())
    }

    /// Serves on 127.0.0.1:`port` (0 = a free port) until [`RunningGateway::shutdown`], within the
    /// listener's limits.
    pub async fn serve(&self, port: u16) -> Result<RunningGateway, GatewayError> {
        let listener = bind_loopback(port)
            .await
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::AddrInUse => GatewayError::PortInUse { port },
                _ => GatewayError::Bind { port, source },
            })?;
        let serving = serve(listener, self.router(), ListenerLimits::default())
            .map_err(|source| GatewayError::Bind { port, source })?;
        Ok(RunningGateway {
            serving,
            state: self.state.clone(),
        })
    }

    /// Forwards calls for these providers from the next request on, in place of the ones set
    /// before (the providers of the configuration it started with stay).
    pub fn set_added_providers(&self, providers: Vec<ProviderConfig>) {
        self.state.set_added_providers(providers);
    }
}

/// A gateway serving in the background.
pub struct RunningGateway {
    serving: Serving,
    state: Arc<GatewayState>,
}

impl std::fmt::Debug for RunningGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningGateway")
            .field("addr", &self.addr())
            .finish()
    }
}

impl RunningGateway {
    /// See [`Gateway::set_added_providers`].
    pub fn set_added_providers(&self, providers: Vec<ProviderConfig>) {
        self.state.set_added_providers(providers);
    }

    pub fn addr(&self) -> SocketAddr {
        self.serving.addr()
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr())
    }

    /// Stops accepting calls, lets the ones in flight finish within the grace period, and waits.
    pub async fn shutdown(self) {
        self.serving.shutdown().await;
    }
}

async fn router_call(
    State(state): State<Arc<GatewayState>>,
    route: Route,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let raw_query = parts.uri.query();
    let format = raw_query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "format")
            .map(|(_, v)| v.into_owned())
    });
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let request_id = random_token(13);
    if parts.method != Method::GET && parts.method != Method::POST {
        let error = TopCode::HttpActionNotAllowed.with_msg(format!(
            "HTTP {} is not accepted by the routers: use GET or POST (POST for large or XML bodies)",
            parts.method
        ));
        let format = Format::from_param(format.as_deref()).unwrap_or(Format::Xml);
        return render::failure(route_family(route), format, &error, &request_id).into_response();
    }
    let bytes = match read_body(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(problem) => {
            let (status, why) = match problem {
                BodyProblem::TooLarge => (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "the request body is larger than {} MiB; send less data per call",
                        MAX_BODY_BYTES / (1024 * 1024)
                    ),
                ),
                BodyProblem::TimedOut(after) => (
                    StatusCode::REQUEST_TIMEOUT,
                    format!(
                        "the request body did not arrive within {} seconds; send it at once",
                        after.as_secs()
                    ),
                ),
                BodyProblem::Malformed(reason) => (
                    StatusCode::BAD_REQUEST,
                    format!("the request body is malformed ({reason}); check its Content-Length or chunked encoding"),
                ),
            };
            let error = TopCode::InvalidArguments.with_sub("isv.invalid-parameter:body", why);
            let family = route_family(route);
            let format = Format::from_param(format.as_deref()).unwrap_or(Format::Xml);
            let mut answer = render::failure(family, format, &error, &request_id);
            answer.status = status;
            return answer.into_response();
        }
    };
    let inbound = match Inbound::parse(route, raw_query, content_type, &bytes) {
        Ok(inbound) => inbound,
        Err(error) => {
            let family = route_family(route);
            let format = Format::from_param(format.as_deref()).unwrap_or(Format::Xml);
            return render::failure(family, format, &error, &request_id).into_response();
        }
    };
    dispatch(&state, &inbound, &request_id).await
}

/// Validates a parsed call and answers it: a served API, a token API, or a forward.
async fn dispatch(state: &GatewayState, inbound: &Inbound, request_id: &str) -> Response {
    let now = state.clock.now();
    let family = validate::failure_family(inbound.route, state.catalogue, inbound);
    let format =
        Format::from_param(inbound.params.get("format").map(String::as_str)).unwrap_or(Format::Xml);
    let config = state.config();
    let checked = {
        let tokens = state.tokens();
        validate::check(&config, state.catalogue, &tokens, inbound, now)
    };
    let checked = match checked {
        Ok(checked) => checked,
        Err(error) => return render::failure(family, format, &error, request_id).into_response(),
    };
    let simplify = inbound
        .param("simplify")
        .is_some_and(|s| s.eq_ignore_ascii_case("true"));
    let answer: Answer = match checked.served {
        Served::Api(spec) => {
            let mut params = inbound.params.clone();
            params.remove("sign");
            let call = ApiCall {
                method: &checked.method,
                params: &params,
                body: inbound.body.as_deref(),
                app_key: &checked.app.app_key,
                user: checked.user.as_ref(),
                now,
                request_id,
            };
            match (spec.handler)(&call) {
                ApiOutcome::Ok(fields) => render::success(
                    spec.family,
                    checked.format,
                    &checked.method,
                    simplify,
                    fields,
                    request_id,
                ),
                ApiOutcome::Err(error) => {
                    render::failure(spec.family, checked.format, &error, request_id)
                }
            }
        }
        Served::TokenCreate | Served::TokenRefresh => {
            match token_api(state, &checked, inbound, now) {
                Ok(fields) => render::success(
                    ApiFamily::Top,
                    checked.format,
                    &checked.method,
                    simplify,
                    fields,
                    request_id,
                ),
                Err(error) => render::failure(ApiFamily::Top, checked.format, &error, request_id),
            }
        }
        Served::Forward(provider) => {
            return match forward::relay(&state.http, provider, inbound).await {
                Ok(response) => response,
                Err(error) => {
                    render::failure(family, checked.format, &error, request_id).into_response()
                }
            }
        }
    };
    answer.into_response()
}

/// `taobao.top.auth.token.create` / `.refresh`, answered from the gateway's own token store:
/// `token_result` is the token JSON inside a string, as the platform sends it.
fn token_api(
    state: &GatewayState,
    checked: &Checked<'_>,
    inbound: &Inbound,
    now: DateTime<Utc>,
) -> Result<Map<String, Value>, PlatformError> {
    let app_key = checked.app.app_key.as_str();
    let (field, result) = {
        let mut tokens = state.tokens();
        match checked.served {
            Served::TokenCreate => {
                let code = inbound.param("code").unwrap_or_default();
                ("code", tokens.redeem_code(code, app_key, None, now))
            }
            _ => {
                let refresh = inbound.param("refresh_token").unwrap_or_default();
                ("refresh_token", tokens.refresh(refresh, app_key, now))
            }
        }
    };
    let set = result.map_err(|e| {
        TopCode::RemoteServiceError
            .with_sub(&format!("isv.invalid-parameter:{field}"), e.to_string())
    })?;
    let mut fields = Map::new();
    fields.insert(
        "token_result".into(),
        Value::from(set.to_json().to_string()),
    );
    Ok(fields)
}

/// The failure shape for a call that could not even be read (Qimen standard and cloud failures
/// render alike, so any Qimen family will do).
fn route_family(route: Route) -> ApiFamily {
    match route {
        Route::Rest => ApiFamily::Top,
        _ => ApiFamily::QimenCloud,
    }
}

/// A bare 404 would teach nothing; this one lists what is served.
async fn not_found() -> Response {
    let paths: Vec<&str> = Route::ALL.iter().map(|r| r.path()).collect();
    let text = format!(
        "not a route of the local gateway. Routers: {}; OAuth: /authorize, /token",
        paths.join(", ")
    );
    (StatusCode::NOT_FOUND, Body::from(text)).into_response()
}
