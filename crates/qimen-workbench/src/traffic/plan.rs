//! What a start asks for, checked before anything listens: the upstream read and answering (the
//! local gateway started when it is the upstream), the AppSecret that diagnoses signs read from the
//! keyring, and LAN access with its addresses (the relay adds a fresh random path token).

use super::ipc::{TrafficLanInput, TrafficStartInput};
use super::log::Origin;
use super::DEFAULT_PORT;
use crate::calls::build::read_secret;
use crate::calls::environments::is_local_id;
use crate::secrets::SecretKind;
use crate::{IpcError, Workbench};
use qimen_core::sensitive::SecretString;
use qimen_core::text::Lang;
use qimen_server::listener::ListenerLimits;
use qimen_server::relay::{
    check_upstream, resolve_upstream, LanAccess, RelayConfig, RelayError, DEFAULT_MAX_BODY_BYTES,
};
use std::net::IpAddr;

/// A start, checked.
pub(super) struct Plan {
    pub config: RelayConfig,
    pub origin: Origin,
    pub upstream: String,
    pub upstream_url: String,
    pub diagnosing_with: Option<String>,
    pub lan_warning: Option<String>,
}

/// The profile whose secret diagnoses, and the secret.
struct Diagnosing {
    profile_id: i64,
    profile_name: String,
    secret: SecretString,
}

fn lan_access(lan: &TrafficLanInput, lang: Lang) -> Result<LanAccess, IpcError> {
    let bind: IpAddr = lan.bind.trim().parse().map_err(|_| {
        IpcError::new(
            "validation.traffic.bind",
            lang.pick(
                format!("“{}”不是本机的 IP 地址：请填写本机在局域网中的地址，例如 192.168.1.20。", lan.bind.trim()),
                format!("\"{}\" is not an IP address of this machine: enter its address on the network, e.g. 192.168.1.20.", lan.bind.trim()),
            ),
        )
    })?;
    let mut allowed_clients = Vec::new();
    for text in lan
        .allowed_clients
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        let address: IpAddr = text.parse().map_err(|_| {
            IpcError::new(
                "validation.traffic.clients",
                lang.pick(
                    format!("允许的客户端地址“{text}”不是 IP 地址：请逐个填写对方机器的地址，例如 192.168.1.35。"),
                    format!("The allowed client \"{text}\" is not an IP address: list the other machines' addresses one by one, e.g. 192.168.1.35."),
                ),
            )
        })?;
        allowed_clients.push(address);
    }
    if allowed_clients.is_empty() {
        return Err(IpcError::new(
            "validation.traffic.clients",
            lang.pick(
                "允许局域网访问时，请至少填写一个允许的客户端地址（对方系统所在机器的 IP）。",
                "With LAN access, list at least one allowed client address (the IP of the machine the other system runs on).",
            ),
        ));
    }
    Ok(LanAccess::new(bind, allowed_clients))
}

fn lan_warning(lan: &LanAccess, port: u16, lang: Lang) -> String {
    let clients = lan
        .allowed_clients
        .iter()
        .map(IpAddr::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    lang.pick(
        format!(
            "中转正在 {}:{port} 上对局域网开放：允许的地址（{clients}）都能经它调用平台。地址里的随机路径就是钥匙，只发给对方系统；联调结束请停止中转。",
            lan.bind
        ),
        format!(
            "The relay is open to the network on {}:{port}: the allowed addresses ({clients}) can call the platform through it. The random part of the address is its key: give it to the other system only, and stop the relay when the test is done.",
            lan.bind
        ),
    )
}

impl Workbench {
    /// Reads what a start asks for; each problem in the UI language.
    pub(super) async fn traffic_plan(&self, input: &TrafficStartInput) -> Result<Plan, IpcError> {
        let lang = self.lang();
        let port = input.port.unwrap_or(DEFAULT_PORT);
        let upstream = input.upstream.trim().to_string();
        let gateway = if is_local_id(&upstream) {
            self.gateway_url().await?
        } else {
            String::new()
        };
        let relay_error = |e: RelayError| IpcError::new(e.code(), e.message(lang));
        let upstream_url = resolve_upstream(&upstream, &gateway).map_err(relay_error)?;
        let diagnosing = if input.diagnose {
            Some(self.diagnosing(input.profile_id, lang)?)
        } else {
            None
        };
        let lan = input
            .lan
            .as_ref()
            .map(|lan| lan_access(lan, lang))
            .transpose()?;
        let lan_warning = lan.as_ref().map(|lan| lan_warning(lan, port, lang));
        // Down now is said now, not at the customer's first call.
        check_upstream(&upstream_url).await.map_err(relay_error)?;
        let (profile_id, profile_name, secret) = match diagnosing {
            Some(d) => (Some(d.profile_id), Some(d.profile_name), Some(d.secret)),
            None => (None, None, None),
        };
        Ok(Plan {
            config: RelayConfig {
                port,
                upstream: upstream_url.clone(),
                secret,
                limits: ListenerLimits::default(),
                lan,
                max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            },
            origin: Origin {
                upstream: upstream.clone(),
                upstream_url: upstream_url.clone(),
                profile_id,
                profile_name: profile_name.clone(),
            },
            upstream,
            upstream_url,
            diagnosing_with: profile_name,
            lan_warning,
        })
    }

    /// The profile (the current one when none is named) and its AppSecret; a profile without one
    /// is told to store it or to record and forward only.
    fn diagnosing(&self, profile_id: Option<i64>, lang: Lang) -> Result<Diagnosing, IpcError> {
        let profile = self.ipc(self.profile_for(profile_id))?;
        let secret = self.ipc(read_secret(
            self.secrets().as_ref(),
            profile.id,
            SecretKind::AppSecret,
        ))?;
        let Some(secret) = secret else {
            let name = &profile.name;
            return Err(IpcError::new(
                "secret.missing.app_secret",
                lang.pick(
                    format!("配置“{name}”没有保存 AppSecret，无法核对经过中转的请求的签名：请在配置中填写 AppSecret，或选择“只记录和转发”。"),
                    format!("Profile \"{name}\" has no AppSecret stored, so the signs passing through cannot be checked: enter the AppSecret in the profile, or choose \"record and forward only\"."),
                ),
            ));
        };
        Ok(Diagnosing {
            profile_id: profile.id,
            profile_name: profile.name,
            secret,
        })
    }
}
