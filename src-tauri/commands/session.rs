//! Session commands: one-line adapters over the workbench's session capture, plus the two things only
//! the shell can do: open the authorize page in an app window whose navigation to the registered
//! callback is intercepted (never loaded) and handed to the workbench, and refresh sessions on a timer
//! while the app runs.

use std::time::Duration;

use qimen_core::clock::{Clock, SystemClock};
use qimen_workbench::oauth::callback::is_callback;
use qimen_workbench::oauth::TokenRoute;
use qimen_workbench::session::{FlowOptions, FlowView, RefreshReport, SessionFlow, SessionStatus};
use qimen_workbench::{IpcError, Workbench};
use tauri::{AppHandle, Manager, State, Url, WebviewUrl, WebviewWindowBuilder, WindowEvent};

/// How often the shell asks the workbench to refresh sessions that are about to expire.
const REFRESH_EVERY: Duration = Duration::from_secs(60);

/// Label prefix of the authorize windows; they are in no capability, so the remote page they show
/// cannot call any command.
const AUTHORIZE_WINDOW_PREFIX: &str = "authorize-";

#[tauri::command]
pub async fn session_status(
    workbench: State<'_, Workbench>,
    profile_id: i64,
) -> Result<SessionStatus, IpcError> {
    workbench.session_status(profile_id).await
}

#[tauri::command]
pub async fn session_start_listener(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    options: FlowOptions,
) -> Result<SessionFlow, IpcError> {
    workbench.session_start_listener(profile_id, options).await
}

#[tauri::command]
pub async fn session_authorize_url(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    options: FlowOptions,
) -> Result<SessionFlow, IpcError> {
    workbench.session_authorize_url(profile_id, options).await
}

#[tauri::command]
pub async fn session_flow_status(
    workbench: State<'_, Workbench>,
    flow_id: String,
) -> Result<FlowView, IpcError> {
    workbench.session_flow_status(flow_id).await
}

#[tauri::command]
pub async fn session_flow_wait(
    workbench: State<'_, Workbench>,
    flow_id: String,
) -> Result<FlowView, IpcError> {
    workbench.session_flow_wait(flow_id).await
}

#[tauri::command]
pub async fn session_cancel(
    workbench: State<'_, Workbench>,
    flow_id: String,
) -> Result<FlowView, IpcError> {
    workbench.session_cancel(flow_id).await
}

#[tauri::command]
pub async fn session_capture_redirect(
    workbench: State<'_, Workbench>,
    flow_id: String,
    url: String,
) -> Result<FlowView, IpcError> {
    workbench.session_capture_redirect(flow_id, url).await
}

#[tauri::command]
pub async fn session_paste(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    text: String,
    flow_id: Option<String>,
    route: Option<TokenRoute>,
) -> Result<SessionStatus, IpcError> {
    workbench
        .session_paste(profile_id, text, flow_id, route)
        .await
}

#[tauri::command]
pub async fn session_manual(
    workbench: State<'_, Workbench>,
    profile_id: i64,
    session: String,
) -> Result<SessionStatus, IpcError> {
    workbench.session_manual(profile_id, session).await
}

#[tauri::command]
pub async fn session_refresh(
    workbench: State<'_, Workbench>,
    profile_id: i64,
) -> Result<SessionStatus, IpcError> {
    workbench.session_refresh(profile_id).await
}

#[tauri::command]
pub async fn session_clear(
    workbench: State<'_, Workbench>,
    profile_id: i64,
) -> Result<SessionStatus, IpcError> {
    workbench.session_clear(profile_id).await
}

/// Starts an authorization for the app-window mode and opens its authorize page in a new window.
/// The navigation to the flow's callback is cancelled and its URL handed to the workbench; the
/// window then closes. The UI follows the flow with `session_flow_status`. Closing the window by
/// hand cancels a flow that is still waiting.
#[tauri::command]
pub async fn session_open_window(
    app: AppHandle,
    workbench: State<'_, Workbench>,
    profile_id: i64,
    options: FlowOptions,
) -> Result<SessionFlow, IpcError> {
    let flow = workbench.session_authorize_url(profile_id, options).await?;
    let window_error = |message: String| IpcError {
        code: "session.window".into(),
        message,
    };
    let start = Url::parse(&flow.url).map_err(|e| window_error(e.to_string()))?;
    let callback = Url::parse(&flow.redirect_uri).map_err(|e| window_error(e.to_string()))?;
    let label = format!(
        "{AUTHORIZE_WINDOW_PREFIX}{}",
        window_label_part(&flow.flow_id)
    );

    let on_nav_app = app.clone();
    let on_nav_flow = flow.flow_id.clone();
    let on_nav_label = label.clone();
    let on_close_app = app.clone();
    let on_close_flow = flow.flow_id.clone();
    let window = WebviewWindowBuilder::new(&app, &label, WebviewUrl::External(start))
        .title("授权 Session")
        .inner_size(900.0, 720.0)
        .on_navigation(move |url| {
            if !is_callback(&callback, url) {
                return true;
            }
            let app = on_nav_app.clone();
            let flow_id = on_nav_flow.clone();
            let label = on_nav_label.clone();
            let url = url.to_string();
            tauri::async_runtime::spawn(async move {
                if let Some(workbench) = app.try_state::<Workbench>() {
                    // The outcome (done or failed with its reason) is kept on the flow, where the
                    // UI reads it; there is nobody else to tell here.
                    let _ = workbench.session_capture_redirect(flow_id, url).await;
                }
                if let Some(window) = app.get_webview_window(&label) {
                    let _ = window.close();
                }
            });
            false
        })
        .build()
        .map_err(|e| window_error(e.to_string()))?;
    window.on_window_event(move |event| {
        if let WindowEvent::Destroyed = event {
            let app = on_close_app.clone();
            let flow_id = on_close_flow.clone();
            tauri::async_runtime::spawn(async move {
                if let Some(workbench) = app.try_state::<Workbench>() {
                    // Only a flow still waiting is cancelled: a captured one already ended.
                    let waiting = workbench
                        .session_flow_status(flow_id.clone())
                        .await
                        .is_ok_and(|view| {
                            matches!(
                                view.status,
                                qimen_workbench::oauth::flow::FlowStatus::Waiting
                            )
                        });
                    if waiting {
                        let _ = workbench.session_cancel(flow_id).await;
                    }
                }
            });
        }
    });
    Ok(flow)
}

/// Window labels allow only letters, digits and `-/:_`; a flow id is kept to those.
fn window_label_part(flow_id: &str) -> String {
    flow_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Refreshes, every minute while the app runs, the sessions whose access token is about to expire
/// and whose refresh token is still valid. Runs on its own thread so it needs no timer runtime.
pub fn spawn_auto_refresh(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(REFRESH_EVERY);
        let Some(workbench) = app.try_state::<Workbench>() else {
            continue;
        };
        let reports: Result<Vec<RefreshReport>, IpcError> =
            tauri::async_runtime::block_on(workbench.session_refresh_due(SystemClock.now()));
        match reports {
            Ok(reports) => {
                for report in reports.iter().filter(|r| !r.refreshed) {
                    let code = report.error.as_ref().map_or("", |e| e.code.as_str());
                    log::warn!(
                        "automatic session refresh failed for profile {}: {code}",
                        report.profile_id
                    );
                }
            }
            Err(error) => log::warn!("automatic session refresh: {}", error.code),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_labels_keep_only_allowed_characters() {
        assert_eq!(window_label_part("ab-12_c.d/e f"), "ab-12_cdef");
    }
}
