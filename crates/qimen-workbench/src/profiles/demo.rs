//! The demo tour's reset: the demo profile back to its first-launch state, so the next tour starts
//! clean. Only the demo profile is touched; history is kept.

use super::{demo_input, ProfileView};
use crate::error::WorkbenchError;
use crate::secrets::{SecretKey, SecretKind};
use crate::{IpcError, Workbench};
use qimen_core::sensitive::SecretString;
use qimen_server::gateway::apis::WDT_DEMO_APP_SECRET;
use qimen_server::gateway::config::DEMO_ERP_SECRET;

impl Workbench {
    fn reset_demo(&self) -> Result<ProfileView, WorkbenchError> {
        // The first demo profile in the list, as the tour finds it; made again if it was deleted.
        let demo = match self.store.profiles_list()?.into_iter().find(|p| p.is_demo) {
            Some(found) => found,
            None => self.store.profiles_create(&demo_input())?,
        };
        let id = demo.id;
        // Its session: a flow still waiting on the consent page ends, the tokens and who
        // authorized are forgotten.
        self.session_flows.cancel_profile(id, self.clock.now());
        self.store.session_delete(id)?;
        // Its guide: tracker, materials, app details; then its fields as first created (the
        // scenario, callback URL, target AppKey and customerId chosen during a tour go with them).
        self.store.onboarding_clear(id)?;
        let profile = self.store.profiles_update(id, &demo_input())?;
        // Its secrets: the documented demo ones again (the tour never changes them, a user may
        // have), and nothing else.
        let secrets = self.secrets();
        for kind in [
            SecretKind::AccessToken,
            SecretKind::RefreshToken,
            SecretKind::ClientPassword,
        ] {
            secrets.delete(&SecretKey::new(id, kind))?;
        }
        secrets.set(
            &SecretKey::new(id, SecretKind::AppSecret),
            &SecretString::from(DEMO_ERP_SECRET),
        )?;
        secrets.set(
            &SecretKey::new(id, SecretKind::WdtSecret),
            &SecretString::from(WDT_DEMO_APP_SECRET),
        )?;
        // As on first launch, the demo profile is the selected one.
        self.select(id)?;
        self.view(profile)
    }

    /// `demo_reset`: the demo profile as on first launch — its guide progress, materials, app
    /// details, scenario and session forgotten, its fields and demo secrets restored, and selected.
    /// Any other profile is left as it is, and history is kept.
    pub async fn demo_reset(&self) -> Result<ProfileView, IpcError> {
        let result = self.reset_demo();
        self.ipc(result)
    }
}
