//! The local gateway's forwarding to the app's receiver, set from the window instead of a TOML
//! file: Qimen standard calls naming the route's `customerId` and Qimen cloud calls naming its
//! `target_app_key` are re-signed with the receiving profile's AppSecret and sent here.

use super::ipc::{ReceiverRoute, ReceiverStatus};
use super::Running;
use crate::{lock, IpcError, Workbench};
use qimen_server::gateway::ProviderConfig;

/// The AppKey the gateway matches `target_app_key` against: the route's, else the profile's.
pub(super) fn app_key(running: &Running, route: &ReceiverRoute) -> String {
    route
        .target_app_key
        .clone()
        .unwrap_or_else(|| running.app_key.clone())
}

/// The gateway's provider entry for the running receiver.
pub(super) fn provider(running: &Running, route: &ReceiverRoute) -> ProviderConfig {
    ProviderConfig {
        app_key: app_key(running, route),
        secret: running.secret.clone(),
        url: running.url.clone(),
        customer_id: route.customer_id.clone(),
        name: running.profile_name.clone(),
        // Only the app's own loopback receiver gets the re-signed call; it never shows a caller
        // its sign, so the demo apps may call it (the sales demo runs on them).
        open_to_demo_apps: true,
    }
}

/// Trims the route's fields; blanks are absent. At least one must remain.
fn cleaned(route: ReceiverRoute, lang: qimen_core::text::Lang) -> Result<ReceiverRoute, IpcError> {
    let clean = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let route = ReceiverRoute {
        customer_id: clean(route.customer_id),
        target_app_key: clean(route.target_app_key),
    };
    let spaced = |v: &Option<String>| {
        v.as_deref()
            .is_some_and(|v| v.chars().any(char::is_whitespace))
    };
    if spaced(&route.customer_id) || spaced(&route.target_app_key) {
        return Err(IpcError::new(
            "validation.receiver.route",
            lang.pick(
                "customerId 和 target_app_key 不能含空格：请照对方配置里的写法原样填写。",
                "customerId and target_app_key cannot contain spaces: copy them exactly as the other side configured them.",
            ),
        ));
    }
    if route.customer_id.is_none() && route.target_app_key.is_none() {
        return Err(IpcError::new(
            "validation.receiver.customer_id",
            lang.pick(
                "请填写 customerId（奇门标准接口，如仓储）或 target_app_key（奇门自定义接口）中的至少一个，网关才知道哪些调用该转给这里。",
                "Enter a customerId (Qimen standard APIs, e.g. warehousing) or a target_app_key (Qimen custom APIs), so the gateway knows which calls to forward here.",
            ),
        ));
    }
    Ok(route)
}

impl Workbench {
    /// `receiver_route_set`: the local gateway forwards these calls to the receiver (at once when
    /// it runs, from its next start otherwise).
    pub async fn receiver_route_set(
        &self,
        route: ReceiverRoute,
    ) -> Result<ReceiverStatus, IpcError> {
        let route = cleaned(route, self.lang())?;
        let running = self.receiving.running.lock().await;
        *lock(&self.receiving.route) = Some(route.clone());
        if let Some(running) = running.as_ref() {
            self.ipc(
                self.set_gateway_providers(vec![provider(running, &route)])
                    .await,
            )?;
        }
        drop(running);
        self.receiver_status().await
    }

    /// `receiver_route_clear`: the gateway answers those calls itself again.
    pub async fn receiver_route_clear(&self) -> Result<ReceiverStatus, IpcError> {
        let running = self.receiving.running.lock().await;
        if lock(&self.receiving.route).take().is_some() && running.is_some() {
            self.ipc(self.set_gateway_providers(Vec::new()).await)?;
        }
        drop(running);
        self.receiver_status().await
    }
}
