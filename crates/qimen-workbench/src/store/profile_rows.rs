//! Profile rows: create, read, list, update, duplicate, delete.

use super::profile::{Profile, ProfileInput, ProfileRole, NAME_MAX_CHARS};
use super::{from_ms, Store, StoreError};
use qimen_core::text::Lang;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, name, app_key, role, scenario, environment, callback_url, \
     target_app_key, customer_id, wdt_sid, wdt_appkey, is_demo, created_at, updated_at";

impl Store {
    /// Every profile, by name.
    pub fn profiles_list(&self) -> Result<Vec<Profile>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM profiles ORDER BY name COLLATE NOCASE, id"
        ))?;
        let rows = stmt.query_map([], read_row)?;
        rows.map(|r| r.map_err(StoreError::from).and_then(|x| x))
            .collect()
    }

    pub fn profiles_get(&self, id: i64) -> Result<Profile, StoreError> {
        get(&self.conn(), id)
    }

    /// Saves a new profile after checking every field.
    pub fn profiles_create(&self, input: &ProfileInput) -> Result<Profile, StoreError> {
        let valid = input.validate().map_err(StoreError::Invalid)?;
        let conn = self.conn();
        let id = insert(&conn, &valid, self.now_ms())?;
        get(&conn, id)
    }

    /// Replaces a profile's fields after checking them; `created_at` stays.
    pub fn profiles_update(&self, id: i64, input: &ProfileInput) -> Result<Profile, StoreError> {
        let valid = input.validate().map_err(StoreError::Invalid)?;
        update_row(&self.conn(), id, &valid, self.now_ms())
    }

    /// A copy named "<name> (副本)" / "<name> (copy)", numbered when that name is taken. Secrets are
    /// not in the database; copy them with [`crate::secrets::copy_profile`].
    pub fn profiles_duplicate(&self, id: i64, lang: Lang) -> Result<Profile, StoreError> {
        let conn = self.conn();
        let source = get(&conn, id)?;
        let mut input = ProfileInput::from(&source);
        input.name = free_copy_name(&conn, &source.name, lang)?;
        let id = insert(&conn, &input, self.now_ms())?;
        get(&conn, id)
    }

    /// Deletes a profile. Its calls stay in history under the name they were made with, with
    /// `profile_id` set to NULL. Its keyring entries are removed by [`crate::secrets::forget_profile`].
    pub fn profiles_delete(&self, id: i64) -> Result<(), StoreError> {
        let changed = self
            .conn()
            .execute("DELETE FROM profiles WHERE id = ?1", [id])?;
        if changed == 0 {
            return Err(StoreError::ProfileNotFound(id));
        }
        Ok(())
    }
}

/// Writes a checked profile over row `id`.
pub(super) fn update_row(
    conn: &Connection,
    id: i64,
    valid: &ProfileInput,
    now_ms: i64,
) -> Result<Profile, StoreError> {
    let environment = environment_json(valid)?;
    let changed = conn
        .execute(
            "UPDATE profiles SET name = ?1, app_key = ?2, role = ?3, scenario = ?4, \
             environment = ?5, callback_url = ?6, target_app_key = ?7, customer_id = ?8, \
             wdt_sid = ?9, wdt_appkey = ?10, is_demo = ?11, updated_at = ?12 WHERE id = ?13",
            params![
                valid.name,
                valid.app_key,
                valid.role.as_str(),
                valid.scenario,
                environment,
                valid.callback_url,
                valid.target_app_key,
                valid.customer_id,
                valid.wdt_sid,
                valid.wdt_appkey,
                valid.is_demo,
                now_ms,
                id
            ],
        )
        .map_err(|e| unique_name(e, &valid.name))?;
    if changed == 0 {
        return Err(StoreError::ProfileNotFound(id));
    }
    get(conn, id)
}

fn get(conn: &Connection, id: i64) -> Result<Profile, StoreError> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM profiles WHERE id = ?1"))?
        .query_row([id], read_row)
        .optional()?
        .ok_or(StoreError::ProfileNotFound(id))?
}

fn insert(conn: &Connection, valid: &ProfileInput, now: i64) -> Result<i64, StoreError> {
    let environment = environment_json(valid)?;
    conn.execute(
        "INSERT INTO profiles (name, app_key, role, scenario, environment, callback_url, \
         target_app_key, customer_id, wdt_sid, wdt_appkey, is_demo, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            valid.name,
            valid.app_key,
            valid.role.as_str(),
            valid.scenario,
            environment,
            valid.callback_url,
            valid.target_app_key,
            valid.customer_id,
            valid.wdt_sid,
            valid.wdt_appkey,
            valid.is_demo,
            now
        ],
    )
    .map_err(|e| unique_name(e, &valid.name))?;
    Ok(conn.last_insert_rowid())
}

fn environment_json(valid: &ProfileInput) -> Result<String, StoreError> {
    serde_json::to_string(&valid.environment).map_err(|e| StoreError::BadValue {
        field: "environment",
        en: format!("cannot be saved ({e})"),
        zh: format!("无法保存（{e}）"),
    })
}

/// The UNIQUE constraint on `name` turned into a message that names the field.
fn unique_name(e: rusqlite::Error, name: &str) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, Some(text))
            if f.code == rusqlite::ErrorCode::ConstraintViolation
                && text.contains("profiles.name") =>
        {
            StoreError::DuplicateName(name.to_string())
        }
        _ => StoreError::Sqlite(e),
    }
}

/// A row to a profile. An environment the current build cannot read (a hand-edited file) is an
/// error naming the profile, not a panic.
fn read_row(row: &Row<'_>) -> rusqlite::Result<Result<Profile, StoreError>> {
    let id: i64 = row.get(0)?;
    let environment_text: String = row.get(5)?;
    let environment = match serde_json::from_str(&environment_text) {
        Ok(env) => env,
        Err(e) => {
            return Ok(Err(StoreError::BadValue {
                field: "environment",
                en: format!("profile {id} holds an environment this version cannot read ({e}); edit the profile and choose the environment again"),
                zh: format!("配置 {id} 保存的环境无法识别（{e}），请编辑该配置并重新选择环境。"),
            }))
        }
    };
    let role: String = row.get(3)?;
    Ok(Ok(Profile {
        id,
        name: row.get(1)?,
        app_key: row.get(2)?,
        role: ProfileRole::from_stored(&role),
        scenario: row.get(4)?,
        environment,
        callback_url: row.get(6)?,
        target_app_key: row.get(7)?,
        customer_id: row.get(8)?,
        wdt_sid: row.get(9)?,
        wdt_appkey: row.get(10)?,
        is_demo: row.get(11)?,
        created_at: from_ms(row.get(12)?),
        updated_at: from_ms(row.get(13)?),
    }))
}

/// "<name> (副本)", then "(副本 2)", "(副本 3)" … until one is free; the base is shortened so the
/// result stays within the name limit.
fn free_copy_name(conn: &Connection, name: &str, lang: Lang) -> Result<String, StoreError> {
    let word = match lang {
        Lang::ZhCn => "副本",
        Lang::En => "copy",
    };
    let mut stmt = conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM profiles WHERE name = ?1)")?;
    for n in 1u32.. {
        let suffix = if n == 1 {
            format!(" ({word})")
        } else {
            format!(" ({word} {n})")
        };
        let room = NAME_MAX_CHARS.saturating_sub(suffix.chars().count());
        let base: String = name.chars().take(room).collect();
        let candidate = format!("{}{suffix}", base.trim_end());
        let taken: bool = stmt.query_row([&candidate], |r| r.get(0))?;
        if !taken {
            return Ok(candidate);
        }
    }
    // 4 billion copies of one profile cannot exist in one table of this app.
    Err(StoreError::DuplicateName(name.to_string()))
}
