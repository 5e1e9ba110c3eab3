//! What is known about a profile's OAuth session: who authorized, when the tokens expire and how
//! they were obtained. The tokens themselves are never here; they are in the keyring.

use super::{from_ms, Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a session was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SessionSource {
    /// The OAuth token endpoint (`/token`).
    TokenEndpoint,
    /// `taobao.top.auth.token.create` through the TOP router.
    TopApi,
    /// Pasted by the user (obtained elsewhere); nothing is known about it.
    Manual,
}

impl SessionSource {
    fn as_str(self) -> &'static str {
        match self {
            SessionSource::TokenEndpoint => "token_endpoint",
            SessionSource::TopApi => "top_api",
            SessionSource::Manual => "manual",
        }
    }

    fn from_stored(text: &str) -> SessionSource {
        match text {
            "token_endpoint" => SessionSource::TokenEndpoint,
            "top_api" => SessionSource::TopApi,
            _ => SessionSource::Manual,
        }
    }
}

/// One profile's session metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub profile_id: i64,
    pub source: SessionSource,
    pub user_nick: Option<String>,
    pub user_id: Option<String>,
    pub sub_user_id: Option<String>,
    pub sub_user_nick: Option<String>,
    pub open_uid: Option<String>,
    pub obtained_at: DateTime<Utc>,
    pub access_expires_at: Option<DateTime<Utc>>,
    pub refresh_expires_at: Option<DateTime<Utc>>,
    /// r1, r2, w1, w2 in that order.
    pub level_expires_at: [Option<DateTime<Utc>>; 4],
    pub has_refresh_token: bool,
}

const COLUMNS: &str = "profile_id, source, user_nick, user_id, sub_user_id, sub_user_nick, \
     open_uid, obtained_at, access_expires_at, refresh_expires_at, r1_expires_at, r2_expires_at, \
     w1_expires_at, w2_expires_at, has_refresh_token";

fn ms(at: Option<DateTime<Utc>>) -> Option<i64> {
    at.map(|t| t.timestamp_millis())
}

fn read(row: &Row<'_>) -> rusqlite::Result<SessionRecord> {
    let time = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        Ok(row.get::<_, Option<i64>>(i)?.map(from_ms))
    };
    Ok(SessionRecord {
        profile_id: row.get(0)?,
        source: SessionSource::from_stored(&row.get::<_, String>(1)?),
        user_nick: row.get(2)?,
        user_id: row.get(3)?,
        sub_user_id: row.get(4)?,
        sub_user_nick: row.get(5)?,
        open_uid: row.get(6)?,
        obtained_at: from_ms(row.get(7)?),
        access_expires_at: time(8)?,
        refresh_expires_at: time(9)?,
        level_expires_at: [time(10)?, time(11)?, time(12)?, time(13)?],
        has_refresh_token: row.get(14)?,
    })
}

impl Store {
    /// The session metadata of a profile, `None` when it has none.
    pub fn session_get(&self, profile_id: i64) -> Result<Option<SessionRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM sessions WHERE profile_id = ?1"
        ))?;
        Ok(stmt.query_row([profile_id], read).optional()?)
    }

    /// Every profile's session metadata, by profile id.
    pub fn sessions_list(&self) -> Result<Vec<SessionRecord>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM sessions ORDER BY profile_id"
        ))?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Stores (or replaces) a profile's session metadata.
    pub fn session_put(&self, record: &SessionRecord) -> Result<(), StoreError> {
        let conn = self.conn();
        let [r1, r2, w1, w2] = record.level_expires_at;
        let written = conn.execute(
            &format!(
                "INSERT OR REPLACE INTO sessions ({COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
            ),
            params![
                record.profile_id,
                record.source.as_str(),
                record.user_nick,
                record.user_id,
                record.sub_user_id,
                record.sub_user_nick,
                record.open_uid,
                record.obtained_at.timestamp_millis(),
                ms(record.access_expires_at),
                ms(record.refresh_expires_at),
                ms(r1),
                ms(r2),
                ms(w1),
                ms(w2),
                record.has_refresh_token,
            ],
        );
        match written {
            Ok(_) => Ok(()),
            // The only foreign key is the profile.
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Err(StoreError::ProfileNotFound(record.profile_id))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Forgets a profile's session metadata; forgetting none is not an error.
    pub fn session_delete(&self, profile_id: i64) -> Result<(), StoreError> {
        self.conn()
            .execute("DELETE FROM sessions WHERE profile_id = ?1", [profile_id])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ProfileInput, ProfileRole};
    use qimen_core::protocol::environment::Environment;

    fn record(profile_id: i64) -> SessionRecord {
        let at = from_ms(1_716_171_330_000);
        SessionRecord {
            profile_id,
            source: SessionSource::TopApi,
            user_nick: Some("晴川数码旗舰店".into()),
            user_id: Some("2207351836402".into()),
            sub_user_id: None,
            sub_user_nick: None,
            open_uid: Some("AAH".into()),
            obtained_at: at,
            access_expires_at: Some(at + chrono::Duration::hours(24)),
            refresh_expires_at: None,
            level_expires_at: [Some(at), None, None, Some(at)],
            has_refresh_token: false,
        }
    }

    #[test]
    fn stored_read_back_replaced_and_gone_with_the_profile() {
        let store = Store::open_in_memory().unwrap();
        let profile = store
            .profiles_create(&ProfileInput::new(
                "p",
                "1",
                ProfileRole::Erp,
                Environment::Production,
            ))
            .unwrap();
        assert_eq!(store.session_get(profile.id).unwrap(), None);
        let mut r = record(profile.id);
        store.session_put(&r).unwrap();
        assert_eq!(store.session_get(profile.id).unwrap(), Some(r.clone()));
        r.source = SessionSource::Manual;
        store.session_put(&r).unwrap();
        assert_eq!(store.sessions_list().unwrap(), vec![r]);
        // A profile that does not exist is named, not a raw constraint error.
        assert!(matches!(
            store.session_put(&record(999)),
            Err(StoreError::ProfileNotFound(999))
        ));
        store.profiles_delete(profile.id).unwrap();
        // ON DELETE CASCADE: the metadata left with the profile.
        assert!(store.sessions_list().unwrap().is_empty());
    }
}
