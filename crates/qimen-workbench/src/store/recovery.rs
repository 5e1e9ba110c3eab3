//! When the database cannot be opened (damaged, unreadable, written by another program): the app
//! does not exit; it says what happened and offers to move the file aside and start fresh. Nothing
//! is deleted: the damaged file and its journal keep their bytes under a dated name beside it, for
//! a support engineer or a recovery tool.

use super::{StoreError, DATABASE_FILE};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// The files SQLite keeps beside the database, moved together with it.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Moves `<dir>/workbench.sqlite3` (and its `-wal`, `-shm`, `-journal`) to
/// `workbench.damaged-YYYYMMDD-HHMMSS.sqlite3` (a counter is added when that name is taken) and
/// returns the new path of the database. Nothing is removed.
pub fn set_aside_database(dir: &Path, at: DateTime<Utc>) -> Result<PathBuf, StoreError> {
    let database = dir.join(DATABASE_FILE);
    let stamp = at.format("%Y%m%d-%H%M%S").to_string();
    let target = (0..1000)
        .map(|n| match n {
            0 => dir.join(format!("workbench.damaged-{stamp}.sqlite3")),
            n => dir.join(format!("workbench.damaged-{stamp}-{n}.sqlite3")),
        })
        .find(|candidate| !candidate.exists())
        .ok_or_else(|| failed(&database, "no free name to move it to"))?;
    std::fs::rename(&database, &target).map_err(|e| failed(&database, &e.to_string()))?;
    for suffix in COMPANIONS {
        let companion = with_suffix(&database, suffix);
        if companion.exists() {
            std::fs::rename(&companion, with_suffix(&target, suffix))
                .map_err(|e| failed(&companion, &e.to_string()))?;
        }
    }
    Ok(target)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn failed(path: &Path, reason: &str) -> StoreError {
    StoreError::Open {
        path: path.display().to_string(),
        reason: format!("cannot be moved aside: {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_damaged_database_is_moved_aside_with_its_journal_and_a_fresh_one_opens() {
        let dir = tempfile::tempdir().unwrap();
        let junk = b"this is not a database, it was overwritten by something else".repeat(200);
        std::fs::write(dir.path().join(DATABASE_FILE), &junk).unwrap();
        assert!(Store::open(dir.path()).is_err(), "junk must not open");
        std::fs::write(dir.path().join("workbench.sqlite3-wal"), b"wal bytes").unwrap();

        let at = DateTime::parse_from_rfc3339("2026-12-01T05:30:00Z")
            .unwrap()
            .to_utc();
        let moved = set_aside_database(dir.path(), at).unwrap();
        assert_eq!(
            moved.file_name().unwrap(),
            "workbench.damaged-20261201-053000.sqlite3"
        );
        assert_eq!(std::fs::read(&moved).unwrap(), junk, "the bytes are kept");
        assert_eq!(
            std::fs::read(with_suffix(&moved, "-wal")).unwrap(),
            b"wal bytes"
        );
        assert!(Store::open(dir.path()).is_ok(), "a fresh database opens");

        // A second damage in the same second keeps both copies.
        drop(std::fs::write(dir.path().join(DATABASE_FILE), b"again"));
        let second = set_aside_database(dir.path(), at).unwrap();
        assert_ne!(second, moved);
        assert!(moved.exists() && second.exists());
    }

    #[test]
    fn nothing_to_move_is_reported_not_panicked() {
        let dir = tempfile::tempdir().unwrap();
        let err = set_aside_database(dir.path(), Utc::now()).unwrap_err();
        assert!(err.to_string().contains("cannot be moved aside"), "{err}");
    }
}
