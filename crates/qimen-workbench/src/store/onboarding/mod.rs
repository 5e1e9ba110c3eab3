//! Where each profile's onboarding stands, kept between runs: the tracker's step states (with the day
//! each changed), the materials checklist (the case, done items, attached files with name and size),
//! and the app-creation details. The reasoning over them lives in [`crate::onboarding::guide`]; this module
//! only reads and writes rows. A profile's guide is deleted with the profile (foreign keys cascade).

mod app_details;
mod evidence;
mod taobaoke;

pub use app_details::{
    is_email, mainland_mobile, AppDetails, AppDetailsError, AppDetailsErrors, AppDetailsInput,
    ValidAppDetails, APP_NAME_MAX_CHARS, LOGIN_NAME_MAX_CHARS,
};
pub use evidence::{EnvironmentSet, SuccessfulCall};

use super::profile_rows::update_row;
use super::write_tx;
use super::{from_ms, ProfileInput, Store, StoreError};
use crate::catalog::wdt::CaseId;
use crate::onboarding::guide::tracker::StepState;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// One step's stored state and when it was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRecord {
    pub step_id: String,
    pub state: StepState,
    pub changed_at: DateTime<Utc>,
}

/// A file attached to a checklist item, as it was when attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AttachedFile {
    pub item_id: String,
    /// Where the file is on this computer.
    pub path: String,
    /// The file name shown and exported.
    pub name: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub attached_at: DateTime<Utc>,
}

/// A profile's checklist as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMaterials {
    pub case: CaseId,
    /// Item id and its done flag, for the items that have one.
    pub done: Vec<(String, bool)>,
    pub files: Vec<AttachedFile>,
}

fn case_text(case: CaseId) -> &'static str {
    match case {
        CaseId::Agent => "agent",
        CaseId::Vendor => "vendor",
    }
}

/// Fails with `ProfileNotFound` unless the profile exists, so a stale id is named, not ignored.
fn require_profile(conn: &Connection, profile_id: i64) -> Result<(), StoreError> {
    let found: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM profiles WHERE id = ?1)")?
        .query_row([profile_id], |r| r.get(0))?;
    if found {
        Ok(())
    } else {
        Err(StoreError::ProfileNotFound(profile_id))
    }
}

impl Store {
    /// The steps of a profile that have left "not started", in no particular order. A stored state
    /// this build cannot read (a hand-edited file) is an error naming the step.
    pub fn onboarding_steps(&self, profile_id: i64) -> Result<Vec<StepRecord>, StoreError> {
        let conn = self.conn();
        require_profile(&conn, profile_id)?;
        let mut stmt = conn.prepare_cached(
            "SELECT step_id, state, changed_at FROM onboarding_steps WHERE profile_id = ?1 \
             ORDER BY step_id",
        )?;
        let rows = stmt.query_map([profile_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (step_id, state, changed_at) = row?;
            let state = serde_json::from_str(&state).map_err(|e| StoreError::BadValue {
                field: "onboarding.step",
                en: format!("step {step_id} of profile {profile_id} holds a state this version cannot read ({e}); set the step again"),
                zh: format!("配置 {profile_id} 的步骤 {step_id} 保存的状态无法识别（{e}），请重新设置该步骤。"),
            })?;
            out.push(StepRecord {
                step_id,
                state,
                changed_at: from_ms(changed_at),
            });
        }
        Ok(out)
    }

    /// Records a step's state now; "not started" removes the row.
    pub fn onboarding_step_set(
        &self,
        profile_id: i64,
        step_id: &str,
        state: StepState,
    ) -> Result<(), StoreError> {
        let conn = self.conn();
        require_profile(&conn, profile_id)?;
        if state == StepState::NotStarted {
            conn.execute(
                "DELETE FROM onboarding_steps WHERE profile_id = ?1 AND step_id = ?2",
                params![profile_id, step_id],
            )?;
            return Ok(());
        }
        let json = serde_json::to_string(&state).map_err(|e| StoreError::BadValue {
            field: "onboarding.step",
            en: format!("the state of step {step_id} cannot be saved ({e})"),
            zh: format!("步骤 {step_id} 的状态无法保存（{e}）"),
        })?;
        conn.execute(
            "INSERT INTO onboarding_steps (profile_id, step_id, state, changed_at) \
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (profile_id, step_id) DO UPDATE SET \
             state = excluded.state, changed_at = excluded.changed_at",
            params![profile_id, step_id, json, self.now_ms()],
        )?;
        Ok(())
    }

    /// Carries a profile's guide over to another (the demo's to the real profile made from it): the
    /// step states, the materials checklist with its ticks and attached files, the app details, the
    /// Taobaoke applications being waited on and the scenario chosen, in one transaction. What `to` already has of its own is kept. Answers
    /// whether there was anything to carry.
    pub fn onboarding_copy(&self, from: i64, to: i64) -> Result<bool, StoreError> {
        let mut conn = self.conn();
        require_profile(&conn, from)?;
        require_profile(&conn, to)?;
        let tx = write_tx(&mut conn)?;
        let mut carried = 0;
        carried += tx.execute(
            "INSERT OR IGNORE INTO onboarding_steps (profile_id, step_id, state, changed_at) \
             SELECT ?2, step_id, state, changed_at FROM onboarding_steps WHERE profile_id = ?1",
            params![from, to],
        )?;
        carried += tx.execute(
            "INSERT OR IGNORE INTO materials (profile_id, case_id, updated_at) \
             SELECT ?2, case_id, updated_at FROM materials WHERE profile_id = ?1",
            params![from, to],
        )?;
        carried += tx.execute(
            "INSERT OR IGNORE INTO material_items (profile_id, item_id, done) \
             SELECT ?2, item_id, done FROM material_items WHERE profile_id = ?1",
            params![from, to],
        )?;
        carried += tx.execute(
            "INSERT OR IGNORE INTO material_files (profile_id, item_id, path, name, size_bytes, attached_at) \
             SELECT ?2, item_id, path, name, size_bytes, attached_at FROM material_files WHERE profile_id = ?1",
            params![from, to],
        )?;
        carried += tx.execute(
            "INSERT OR IGNORE INTO app_details (profile_id, app_name, published, developer_email, \
             developer_phone, client_login_name, updated_at) \
             SELECT ?2, app_name, published, developer_email, developer_phone, client_login_name, updated_at \
             FROM app_details WHERE profile_id = ?1",
            params![from, to],
        )?;
        carried += tx.execute(
            "INSERT OR IGNORE INTO taobaoke_applications (profile_id, package, applied_on, updated_at) \
             SELECT ?2, package, applied_on, updated_at FROM taobaoke_applications WHERE profile_id = ?1",
            params![from, to],
        )?;
        carried += tx.execute(
            "UPDATE profiles SET scenario = (SELECT scenario FROM profiles WHERE id = ?1) \
             WHERE id = ?2 AND scenario = '' AND (SELECT scenario FROM profiles WHERE id = ?1) <> ''",
            params![from, to],
        )?;
        tx.commit()?;
        Ok(carried > 0)
    }

    /// Forgets a profile's guide, as on the day it was created: the step states, the materials
    /// checklist (case, ticks, attached files: the files themselves are not touched), the app
    /// details and the Taobaoke applications, in one transaction. The demo tour's reset; the profile's own fields are not changed.
    /// History stays, but the tracker no longer counts the calls made before (see
    /// [`Store::evidence_floor`]).
    pub fn onboarding_clear(&self, profile_id: i64) -> Result<(), StoreError> {
        let mut conn = self.conn();
        require_profile(&conn, profile_id)?;
        let tx = write_tx(&mut conn)?;
        tx.execute(
            "INSERT OR REPLACE INTO settings (key, value) \
             SELECT ?1, CAST(coalesce(max(id), 0) AS TEXT) FROM history",
            [evidence::floor_key(profile_id)],
        )?;
        for table in [
            "taobaoke_applications",
            "onboarding_steps",
            "material_files",
            "material_items",
            "materials",
            "app_details",
        ] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE profile_id = ?1"),
                [profile_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The profile's checklist, `None` until a case has been chosen.
    pub fn materials_get(&self, profile_id: i64) -> Result<Option<StoredMaterials>, StoreError> {
        let conn = self.conn();
        require_profile(&conn, profile_id)?;
        let case: Option<String> = conn
            .prepare_cached("SELECT case_id FROM materials WHERE profile_id = ?1")?
            .query_row([profile_id], |r| r.get(0))
            .optional()?;
        let case = match case.as_deref() {
            None => return Ok(None),
            Some("agent") => CaseId::Agent,
            // The schema allows only the two; anything else cannot be stored.
            Some(_) => CaseId::Vendor,
        };
        let done = conn
            .prepare_cached(
                "SELECT item_id, done FROM material_items WHERE profile_id = ?1 ORDER BY item_id",
            )?
            .query_map([profile_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<(String, bool)>, _>>()?;
        let files = conn
            .prepare_cached(
                "SELECT item_id, path, name, size_bytes, attached_at FROM material_files \
                 WHERE profile_id = ?1 ORDER BY id",
            )?
            .query_map([profile_id], |r| {
                Ok(AttachedFile {
                    item_id: r.get(0)?,
                    path: r.get(1)?,
                    name: r.get(2)?,
                    size_bytes: u64::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                    attached_at: from_ms(r.get(4)?),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(StoredMaterials { case, done, files }))
    }

    /// Replaces the profile's checklist with `materials` in one transaction.
    pub fn materials_save(
        &self,
        profile_id: i64,
        materials: &StoredMaterials,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        require_profile(&conn, profile_id)?;
        let now = self.now_ms();
        let tx = crate::store::write_tx(&mut conn)?;
        tx.execute(
            "INSERT INTO materials (profile_id, case_id, updated_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (profile_id) DO UPDATE SET case_id = excluded.case_id, \
             updated_at = excluded.updated_at",
            params![profile_id, case_text(materials.case), now],
        )?;
        tx.execute(
            "DELETE FROM material_items WHERE profile_id = ?1",
            [profile_id],
        )?;
        tx.execute(
            "DELETE FROM material_files WHERE profile_id = ?1",
            [profile_id],
        )?;
        for (item_id, done) in &materials.done {
            tx.execute(
                "INSERT INTO material_items (profile_id, item_id, done) VALUES (?1, ?2, ?3)",
                params![profile_id, item_id, done],
            )?;
        }
        for f in &materials.files {
            tx.execute(
                "INSERT INTO material_files (profile_id, item_id, path, name, size_bytes, \
                 attached_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    profile_id,
                    f.item_id,
                    f.path,
                    f.name,
                    i64::try_from(f.size_bytes).unwrap_or(i64::MAX),
                    f.attached_at.timestamp_millis()
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The profile's app details, `None` until saved once.
    pub fn app_details_get(&self, profile_id: i64) -> Result<Option<AppDetails>, StoreError> {
        let conn = self.conn();
        require_profile(&conn, profile_id)?;
        let details = conn
            .prepare_cached(
                "SELECT app_name, published, developer_email, developer_phone, \
                 client_login_name, updated_at FROM app_details WHERE profile_id = ?1",
            )?
            .query_row([profile_id], |r| {
                Ok(AppDetails {
                    app_name: r.get(0)?,
                    published: r.get(1)?,
                    developer_email: r.get(2)?,
                    developer_phone: r.get(3)?,
                    client_login_name: r.get(4)?,
                    updated_at: from_ms(r.get(5)?),
                })
            })
            .optional()?;
        Ok(details)
    }

    /// Saves checked details (see [`AppDetailsInput::validate`]) and returns them as stored.
    pub fn app_details_save(
        &self,
        profile_id: i64,
        details: &ValidAppDetails,
    ) -> Result<AppDetails, StoreError> {
        {
            let conn = self.conn();
            require_profile(&conn, profile_id)?;
            write_app_details(&conn, profile_id, details, self.now_ms())?;
        }
        self.app_details_get(profile_id)?
            .ok_or(StoreError::ProfileNotFound(profile_id))
    }

    /// The app-creation form's writes, the profile's AppKey and callback URL and the details, in
    /// one transaction: both are saved or neither.
    pub fn app_details_save_with_profile(
        &self,
        profile_id: i64,
        profile: &ProfileInput,
        details: &ValidAppDetails,
    ) -> Result<AppDetails, StoreError> {
        let valid = profile.validate().map_err(StoreError::Invalid)?;
        {
            let now = self.now_ms();
            let mut conn = self.conn();
            let tx = crate::store::write_tx(&mut conn)?;
            update_row(&tx, profile_id, &valid, now)?;
            write_app_details(&tx, profile_id, details, now)?;
            tx.commit()?;
        }
        self.app_details_get(profile_id)?
            .ok_or(StoreError::ProfileNotFound(profile_id))
    }
}

/// Writes (or replaces) a profile's app-creation details.
fn write_app_details(
    conn: &Connection,
    profile_id: i64,
    details: &ValidAppDetails,
    now_ms: i64,
) -> Result<(), StoreError> {
    let d = details.get();
    conn.execute(
        "INSERT INTO app_details (profile_id, app_name, published, developer_email, \
         developer_phone, client_login_name, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (profile_id) DO UPDATE SET \
         app_name = excluded.app_name, published = excluded.published, \
         developer_email = excluded.developer_email, \
         developer_phone = excluded.developer_phone, \
         client_login_name = excluded.client_login_name, updated_at = excluded.updated_at",
        params![
            profile_id,
            d.app_name,
            d.published,
            d.developer_email,
            d.developer_phone,
            d.client_login_name,
            now_ms
        ],
    )?;
    Ok(())
}
