//! The first screen's data in one answer. The window asks once, at start, for everything it draws
//! first (the app's state, the profiles, the environments, the API catalogue) and gets it when the data
//! is open, instead of asking whether the data opened and then four times more, each round trip and
//! redraw in turn.

use super::{AppInfo, StartupProblem};
use crate::api_docs::ApiDoc;
use crate::calls::environments::EnvironmentOption;
use crate::profiles::ProfileView;
use crate::{IpcError, Workbench};
use serde::Serialize;
use ts_rs::TS;

/// One part of an answer that can fail on its own, so the rest still shows (a keyring that refuses
/// the profiles leaves the catalogue and the environments on screen).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "status", rename_all = "lowercase")]
#[ts(export)]
pub enum Part<T> {
    Fulfilled { value: T },
    Rejected { reason: IpcError },
}

impl<T> From<Result<T, IpcError>> for Part<T> {
    fn from(result: Result<T, IpcError>) -> Self {
        match result {
            Ok(value) => Part::Fulfilled { value },
            Err(reason) => Part::Rejected { reason },
        }
    }
}

/// What the first screen draws.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FirstScreen {
    pub info: Part<AppInfo>,
    pub profiles: Part<Vec<ProfileView>>,
    pub environments: Part<Vec<EnvironmentOption>>,
    pub catalogue: Part<Vec<ApiDoc>>,
}

/// What the window is told at start, once opening the data has finished either way.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[ts(export)]
pub enum AppStart {
    /// The data is open: the first screen's data.
    Ready { screen: FirstScreen },
    /// The data could not be opened: the recovery screen says why.
    Problem { problem: StartupProblem },
}

impl Workbench {
    /// `app_start` once the data is open, and the reload after a failure or a language change: the
    /// four parts asked for together.
    pub async fn first_screen(&self) -> FirstScreen {
        let (info, profiles, environments, catalogue) = tokio::join!(
            self.app_info(),
            self.profiles_list(),
            self.environments_list(),
            self.api_catalogue()
        );
        FirstScreen {
            info: info.into(),
            profiles: profiles.into(),
            environments: environments.into(),
            catalogue: catalogue.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Part;
    use crate::IpcError;
    use serde_json::json;

    #[test]
    fn a_part_is_told_as_the_window_reads_it() {
        let read: Part<u8> = Ok(7).into();
        assert_eq!(
            serde_json::to_value(read).ok(),
            Some(json!({"status": "fulfilled", "value": 7}))
        );
        let refused: Part<u8> = Err(IpcError::new("keyring.locked", "locked")).into();
        assert_eq!(
            serde_json::to_value(refused).ok(),
            Some(
                json!({"status": "rejected", "reason": {"code": "keyring.locked", "message": "locked"}})
            )
        );
    }
}
