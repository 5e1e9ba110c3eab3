//! Following a Taobaoke application (document 002) per profile: the user records the day the form
//! was sent for the link or three-party package, and the guide counts the working days against the
//! 10-15 the answer takes. This is its own journey, apart from the 旺店通 steps.

use super::error::GuideError;
use crate::catalog::taobaoke::PackageId;
use crate::onboarding::guide::taobaoke::{clock, ApplicationClock};
use crate::{IpcError, Workbench};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// `taobaoke_applications_get` / `taobaoke_application_set`: one profile's applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TaobaokeApplicationsView {
    #[ts(type = "number")]
    pub profile_id: i64,
    /// Today in Beijing time, the day the clocks count to.
    pub today: NaiveDate,
    pub applications: Vec<ApplicationClock>,
}

impl Workbench {
    fn taobaoke_applications_view(
        &self,
        profile_id: i64,
    ) -> Result<TaobaokeApplicationsView, GuideError> {
        let rules = crate::catalog::taobaoke()?;
        let today = self.today();
        let applications = self
            .store
            .taobaoke_applications(profile_id)?
            .into_iter()
            .filter_map(|(id, applied_on)| {
                let package = rules.package(id)?;
                // A record the clock cannot follow (say, a date later than today after the
                // computer's clock moved back) is left out rather than failing the whole view.
                clock(package, applied_on, today).ok()
            })
            .collect();
        Ok(TaobaokeApplicationsView {
            profile_id,
            today,
            applications,
        })
    }

    /// `taobaoke_applications_get`
    pub async fn taobaoke_applications_get(
        &self,
        profile_id: i64,
    ) -> Result<TaobaokeApplicationsView, IpcError> {
        let result = self.taobaoke_applications_view(profile_id);
        self.guide(result)
    }

    /// `taobaoke_application_set`: records the day the form for `package` was sent (today when
    /// `applied_on` is empty and `withdraw` is false), or removes the record (`withdraw`).
    pub async fn taobaoke_application_set(
        &self,
        profile_id: i64,
        package: PackageId,
        applied_on: Option<NaiveDate>,
        withdraw: bool,
    ) -> Result<TaobaokeApplicationsView, IpcError> {
        let result = (|| {
            if withdraw {
                self.store
                    .taobaoke_application_set(profile_id, package, None)?;
            } else {
                let rules = crate::catalog::taobaoke()?;
                let day = applied_on.unwrap_or_else(|| self.today());
                if let Some(p) = rules.package(package) {
                    // Refuses the basic package and a date after today, with the reason.
                    clock(p, day, self.today())?;
                }
                self.store
                    .taobaoke_application_set(profile_id, package, Some(day))?;
            }
            self.taobaoke_applications_view(profile_id)
        })();
        self.guide(result)
    }
}
