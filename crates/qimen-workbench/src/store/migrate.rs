//! Schema migrations: numbered SQL files compiled into the binary, applied in order in one
//! transaction, the count of applied files kept in `PRAGMA user_version`. A file may be followed by
//! work SQL cannot do (indexing the calls already there), run in the same transaction.

use super::StoreError;
use rusqlite::{Connection, TransactionBehavior};

/// One step of the schema.
struct Migration {
    sql: &'static str,
    /// Run right after `sql`, inside the same transaction.
    then: Option<fn(&Connection) -> rusqlite::Result<()>>,
}

const fn sql(sql: &'static str) -> Migration {
    Migration { sql, then: None }
}

/// Every migration, in order; the schema version is the number applied. Append only: a shipped file
/// is never edited, a change is a new file.
const MIGRATIONS: [Migration; 6] = [
    sql(include_str!("../../migrations/0001_initial.sql")),
    sql(include_str!("../../migrations/0002_onboarding.sql")),
    sql(include_str!("../../migrations/0003_sessions.sql")),
    Migration {
        sql: include_str!("../../migrations/0004_history_search.sql"),
        then: Some(super::history_index::backfill),
    },
    sql(include_str!(
        "../../migrations/0005_onboarding_evidence.sql"
    )),
    sql(include_str!(
        "../../migrations/0006_taobaoke_applications.sql"
    )),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`]; a database already there is left untouched.
pub(super) fn apply(conn: &mut Connection) -> Result<(), StoreError> {
    apply_list(conn, &MIGRATIONS)
}

fn apply_list(conn: &mut Connection, migrations: &[Migration]) -> Result<(), StoreError> {
    let known = migrations.len() as i64;
    let failed = |version: i64| {
        move |e: rusqlite::Error| StoreError::Migration {
            version,
            reason: e.to_string(),
        }
    };
    // IMMEDIATE takes the write lock before reading the version, so two processes opening the same
    // file at once cannot both apply the same migration.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(failed(0))?;
    let found: i64 = tx
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(failed(0))?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    for (index, step) in migrations.iter().enumerate().skip(found.max(0) as usize) {
        let version = index as i64 + 1;
        tx.execute_batch(step.sql).map_err(failed(version))?;
        if let Some(then) = step.then {
            then(&tx).map_err(failed(version))?;
        }
        tx.pragma_update(None, "user_version", version)
            .map_err(failed(version))?;
    }
    // Nothing applied: dropping the transaction rolls back a no-op and writes nothing.
    if found < known {
        tx.commit().map_err(failed(known))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap_or(-1)
    }

    #[test]
    fn a_failing_migration_leaves_the_database_as_it_was() {
        let mut conn = match Connection::open_in_memory() {
            Ok(c) => c,
            Err(e) => panic!("in-memory database: {e}"),
        };
        let list = [
            sql("CREATE TABLE a (x INTEGER);"),
            sql("CREATE TABLE b (y INTEGER); THIS IS NOT SQL;"),
        ];
        let err = apply_list(&mut conn, &list);
        // The second file fails, and the first one's table must be gone too: one transaction.
        assert!(matches!(err, Err(StoreError::Migration { version: 2, .. })));
        assert_eq!(version(&conn), 0);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .unwrap_or(-1);
        assert_eq!(tables, 0);
    }

    #[test]
    fn migrations_apply_from_where_the_database_stands() {
        let mut conn = match Connection::open_in_memory() {
            Ok(c) => c,
            Err(e) => panic!("in-memory database: {e}"),
        };
        assert!(apply_list(&mut conn, &[sql("CREATE TABLE a (x INTEGER);")]).is_ok());
        assert_eq!(version(&conn), 1);
        // A later build with a second file applies only the second one (a second CREATE TABLE a
        // would fail if the first ran again).
        let list = [
            sql("CREATE TABLE a (x INTEGER);"),
            sql("CREATE TABLE b (y INTEGER);"),
        ];
        assert!(apply_list(&mut conn, &list).is_ok());
        assert_eq!(version(&conn), 2);
        // An older build, knowing one file, refuses the database.
        assert!(matches!(
            apply_list(&mut conn, &list[..1]),
            Err(StoreError::TooNew { found: 2, known: 1 })
        ));
    }
}
