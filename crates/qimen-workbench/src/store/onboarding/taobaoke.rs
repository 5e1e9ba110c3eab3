//! The Taobaoke applications a profile is waiting on: per package, the day the form was sent.

use super::require_profile;
use crate::catalog::taobaoke::PackageId;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use rusqlite::params;

fn package_text(package: PackageId) -> &'static str {
    match package {
        PackageId::Basic => "basic",
        PackageId::Link => "link",
        PackageId::ThreeParty => "three_party",
    }
}

fn package_of(text: &str) -> Option<PackageId> {
    match text {
        "basic" => Some(PackageId::Basic),
        "link" => Some(PackageId::Link),
        "three_party" => Some(PackageId::ThreeParty),
        _ => None,
    }
}

impl Store {
    /// The profile's recorded applications, in package order.
    pub fn taobaoke_applications(
        &self,
        profile_id: i64,
    ) -> Result<Vec<(PackageId, NaiveDate)>, StoreError> {
        let conn = self.conn();
        require_profile(&conn, profile_id)?;
        let rows = conn
            .prepare_cached(
                "SELECT package, applied_on FROM taobaoke_applications WHERE profile_id = ?1",
            )?
            .query_map([profile_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::new();
        for (package, day) in rows {
            // The schema admits only known packages and real dates; skip anything else.
            if let (Some(p), Ok(d)) = (
                package_of(&package),
                NaiveDate::parse_from_str(&day, "%Y-%m-%d"),
            ) {
                out.push((p, d));
            }
        }
        out.sort_by_key(|(p, _)| *p as u8);
        Ok(out)
    }

    /// Records the day an application was sent, or (with `None`) removes the record.
    pub fn taobaoke_application_set(
        &self,
        profile_id: i64,
        package: PackageId,
        applied_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        let conn = self.conn();
        require_profile(&conn, profile_id)?;
        match applied_on {
            None => {
                conn.execute(
                    "DELETE FROM taobaoke_applications WHERE profile_id = ?1 AND package = ?2",
                    params![profile_id, package_text(package)],
                )?;
            }
            Some(day) => {
                conn.execute(
                    "INSERT INTO taobaoke_applications (profile_id, package, applied_on, updated_at) \
                     VALUES (?1, ?2, ?3, ?4) ON CONFLICT (profile_id, package) DO UPDATE SET \
                     applied_on = excluded.applied_on, updated_at = excluded.updated_at",
                    params![
                        profile_id,
                        package_text(package),
                        day.format("%Y-%m-%d").to_string(),
                        self.now_ms()
                    ],
                )?;
            }
        }
        Ok(())
    }
}
