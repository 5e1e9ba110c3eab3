//! The facts the tracker reads to advance a step by itself: the newest successful call of a profile
//! on a set of environments, and a step state kept by hand even when it is "not started".

use super::require_profile;
use crate::onboarding::guide::tracker::StepState;
use crate::store::{from_ms, Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

/// A successful call in history, as a step's evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuccessfulCall {
    pub history_id: i64,
    /// The environment id the call named (`local`, `qimen-test-https`, `router-test:CODE` …).
    pub environment: String,
    pub method: String,
    pub at: DateTime<Utc>,
}

/// The environments one query looks for: ids matched whole, and id prefixes (`router-test:`), both
/// without regard to case.
#[derive(Debug, Clone, Copy)]
pub struct EnvironmentSet<'a> {
    pub ids: &'a [&'a str],
    pub prefixes: &'a [&'a str],
}

/// The newest successful call of a profile on one environment id: a seek in the partial index of
/// successful calls (schema 5), reading from its newest end.
const LAST_ON_ENVIRONMENT: &str = "SELECT id FROM history \
     WHERE profile_id = ?1 AND success = 1 AND environment = ?2 COLLATE NOCASE \
     ORDER BY id DESC LIMIT 1";

/// The same over a range of environment ids (`router-test:` up to `router-test;`).
const LAST_IN_RANGE: &str = "SELECT max(id) FROM history \
     WHERE profile_id = ?1 AND success = 1 \
     AND environment >= ?2 COLLATE NOCASE AND environment < ?3 COLLATE NOCASE";

/// The settings key holding the history id up to which a profile's calls no longer count.
pub(super) fn floor_key(profile_id: i64) -> String {
    format!("onboarding.evidence_after.{profile_id}")
}

/// The newest successful call of one API on one environment id (a seek in the same partial index,
/// then the profile's successful calls there from the newest, until the API matches).
const LAST_OF_METHOD: &str = "SELECT id FROM history \
     WHERE profile_id = ?1 AND success = 1 AND environment = ?2 COLLATE NOCASE AND method = ?3 \
     ORDER BY id DESC LIMIT 1";

/// The first string after every string that starts with `prefix` (its last character moved up by
/// one), so `[prefix, upper)` is a range an index can seek.
fn after_prefix(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    let last = chars.pop()?;
    chars.push(char::from_u32(u32::from(last) + 1)?);
    Some(chars.into_iter().collect())
}

impl Store {
    /// The newest successful call of `profile_id` on one of `environments`, `None` when there is
    /// none. Each environment is one seek in the partial index of successful calls (schema 5), so
    /// this costs the same at ten calls or at a hundred thousand.
    pub fn history_last_success(
        &self,
        profile_id: i64,
        environments: EnvironmentSet<'_>,
    ) -> Result<Option<SuccessfulCall>, StoreError> {
        let floor = self.evidence_floor(profile_id)?;
        let conn = self.conn();
        let mut newest: Option<i64> = None;
        {
            let mut exact = conn.prepare_cached(LAST_ON_ENVIRONMENT)?;
            for id in environments.ids {
                let found: Option<i64> = exact
                    .query_row(params![profile_id, id], |r| r.get(0))
                    .optional()?;
                newest = newest.max(found);
            }
        }
        {
            let mut ranged = conn.prepare_cached(LAST_IN_RANGE)?;
            for prefix in environments.prefixes {
                let Some(upper) = after_prefix(prefix) else {
                    continue;
                };
                let found: Option<i64> =
                    ranged.query_row(params![profile_id, prefix, upper], |r| r.get(0))?;
                newest = newest.max(found);
            }
        }
        // The newest call is after the floor, or none is: one comparison, not a bound in the
        // seeks (which would turn the planner to the profile's whole history).
        let Some(id) = newest.filter(|id| *id > floor) else {
            return Ok(None);
        };
        drop(conn);
        self.successful_call(id)
    }

    /// One history entry as a step's evidence.
    fn successful_call(&self, id: i64) -> Result<Option<SuccessfulCall>, StoreError> {
        let call = self
            .conn()
            .prepare_cached("SELECT environment, method, created_at FROM history WHERE id = ?1")?
            .query_row([id], |r| {
                Ok(SuccessfulCall {
                    history_id: id,
                    environment: r.get(0)?,
                    method: r.get(1)?,
                    at: from_ms(r.get(2)?),
                })
            })
            .optional()?;
        Ok(call)
    }

    /// The history id up to which the profile's calls no longer count as evidence: set when its
    /// guide is reset (the demo tour's reset), 0 otherwise.
    pub fn evidence_floor(&self, profile_id: i64) -> Result<i64, StoreError> {
        let value: Option<String> = self
            .conn()
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([floor_key(profile_id)], |r| r.get(0))
            .optional()?;
        Ok(value.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// The newest successful call of `method` by `profile_id` on the environment `environment`
    /// (after the evidence floor), `None` when there is none.
    pub fn history_last_success_of(
        &self,
        profile_id: i64,
        environment: &str,
        method: &str,
    ) -> Result<Option<SuccessfulCall>, StoreError> {
        let floor = self.evidence_floor(profile_id)?;
        let id: Option<i64> = self
            .conn()
            .prepare_cached(LAST_OF_METHOD)?
            .query_row(params![profile_id, environment, method], |r| r.get(0))
            .optional()?;
        match id.filter(|id| *id > floor) {
            Some(id) => self.successful_call(id),
            None => Ok(None),
        }
    }

    /// Records a step's state set by hand now, keeping a row even for "not started": it then
    /// overrides what the app saw (see [`Store::onboarding_step_set`], which forgets that state).
    pub fn onboarding_step_keep(
        &self,
        profile_id: i64,
        step_id: &str,
        state: StepState,
    ) -> Result<(), StoreError> {
        let conn = self.conn();
        require_profile(&conn, profile_id)?;
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

    /// Forgets the state set by hand for one step: the step follows what the app saw again.
    pub fn onboarding_step_forget(&self, profile_id: i64, step_id: &str) -> Result<(), StoreError> {
        let conn = self.conn();
        require_profile(&conn, profile_id)?;
        conn.execute(
            "DELETE FROM onboarding_steps WHERE profile_id = ?1 AND step_id = ?2",
            params![profile_id, step_id],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_range_ends_right_after_the_prefix() {
        assert_eq!(
            after_prefix("router-test:").as_deref(),
            Some("router-test;")
        );
        assert_eq!(after_prefix(""), None);
    }

    #[test]
    fn each_lookup_seeks_the_partial_index() {
        let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        let conn = store.conn();
        let plan = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> String {
            let mut stmt = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap_or_else(|e| panic!("{e}"));
            let rows = stmt
                .query_map(params, |r| r.get::<_, String>(3))
                .unwrap_or_else(|e| panic!("{e}"));
            rows.map(|r| r.unwrap_or_default())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let exact = plan(LAST_ON_ENVIRONMENT, &[&1, &"qimen-test"]);
        assert!(
            exact.contains(
                "history_success_by_profile_environment (profile_id=? AND environment=?)"
            ) && !exact.contains("TEMP B-TREE"),
            "{exact}"
        );
        let ranged = plan(LAST_IN_RANGE, &[&1, &"router-test:", &"router-test;"]);
        assert!(
            ranged.contains("history_success_by_profile_environment (profile_id=? AND environment>? AND environment<?)"),
            "{ranged}"
        );
    }
}
