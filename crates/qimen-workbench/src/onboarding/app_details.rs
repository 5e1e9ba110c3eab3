//! The app-creation form of document 003 §三.4: app name, AppKey, AppSecret, callback URL, published
//! or not, developer email and phone, and the client login account Qimen verifies. AppKey and
//! callback URL are the profile's own fields (checked by the profile's rules), the AppSecret and the
//! client password go to the keyring, the rest to the store. Every failing field is reported at once,
//! each message naming the field and the fix.

use super::error::GuideError;
use super::ipc::{AppDetailsForm, AppDetailsView};
use crate::secrets::{save_form_secrets, SecretKey, SecretKind};
use crate::store::{FieldErrors, FieldProblem, ProfileInput};
use crate::{IpcError, Workbench};
use qimen_core::text::Lang;

impl Workbench {
    async fn app_details_view(&self, profile_id: i64) -> Result<AppDetailsView, IpcError> {
        let result = (|| {
            let details = self.store.app_details_get(profile_id)?;
            let password = self
                .secrets()
                .get(&SecretKey::new(profile_id, SecretKind::ClientPassword))?;
            Ok::<_, GuideError>((details, password.is_some()))
        })();
        let (details, client_password_stored) = self.guide(result)?;
        Ok(AppDetailsView {
            profile: self.profile_view_of(profile_id).await?,
            details,
            client_password_stored,
        })
    }

    /// `app_details_get`
    pub async fn app_details_get(&self, profile_id: i64) -> Result<AppDetailsView, IpcError> {
        self.app_details_view(profile_id).await
    }

    fn app_details_store(&self, profile_id: i64, form: AppDetailsForm) -> Result<(), GuideError> {
        let AppDetailsForm {
            details,
            app_key,
            callback_url,
            app_secret,
            client_password,
        } = form;
        let profile = self.store.profiles_get(profile_id)?;
        let mut input = ProfileInput::from(&profile);
        input.app_key = app_key;
        input.callback_url = callback_url;
        let mut problems: Vec<(String, String, String)> = Vec::new();
        if let Err(errors) = input.validate() {
            problems.extend(both_languages(&errors));
        }
        let valid = match details.validate() {
            Ok(v) => Some(v),
            Err(errors) => {
                problems.extend(both_languages(&errors));
                None
            }
        };
        let valid = match valid {
            Some(v) if problems.is_empty() => v,
            _ => return Err(GuideError::Fields(problems)),
        };
        self.store
            .app_details_save_with_profile(profile_id, &input, &valid)?;
        save_form_secrets(
            self.secrets().as_ref(),
            profile_id,
            [
                (app_secret, SecretKind::AppSecret),
                (client_password, SecretKind::ClientPassword),
            ],
        )?;
        Ok(())
    }

    /// `app_details_save`: checks every field, then saves the profile's AppKey and callback URL,
    /// the details, and the secrets given.
    pub async fn app_details_save(
        &self,
        profile_id: i64,
        form: AppDetailsForm,
    ) -> Result<AppDetailsView, IpcError> {
        let result = self.app_details_store(profile_id, form);
        self.guide(result)?;
        self.app_details_view(profile_id).await
    }
}

/// Each failing field with its message in Chinese and in English.
fn both_languages<E: FieldProblem>(
    errors: &FieldErrors<E>,
) -> impl Iterator<Item = (String, String, String)> + '_ {
    errors.0.iter().map(|e| {
        (
            e.field().to_string(),
            e.message(Lang::ZhCn),
            e.message(Lang::En),
        )
    })
}
