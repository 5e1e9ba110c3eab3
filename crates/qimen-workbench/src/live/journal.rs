//! A JSON-lines file in the data folder that every record is appended to: owner-only, rotated to
//! one predecessor when it grows past a size, emptied by clear.

use crate::lock;
use serde::Serialize;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A journal is rotated when it grows past this.
const ROTATE_AT_BYTES: u64 = 32 * 1024 * 1024;

/// The open file and its size so far.
struct OpenFile {
    file: File,
    size: u64,
}

/// `NAME.jsonl`, rotated to `NAME.1.jsonl`.
pub struct Journal {
    dir: PathBuf,
    name: &'static str,
    rotated: &'static str,
    rotate_at: u64,
    file: Mutex<Option<OpenFile>>,
}

/// Opens (creating owner-only) a file to append to.
fn open_append(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        // A file left by an older run is narrowed the same way.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        options.open(path)
    }
}

impl Journal {
    /// The journal `name` in `dir`, rotated to `rotated`.
    pub fn new(dir: &Path, name: &'static str, rotated: &'static str) -> Journal {
        Journal {
            dir: dir.to_path_buf(),
            name,
            rotated,
            rotate_at: ROTATE_AT_BYTES,
            file: Mutex::new(None),
        }
    }

    /// The same journal, rotated at `bytes` (tests rotate a small file).
    #[cfg(test)]
    pub fn rotating_at(self, bytes: u64) -> Journal {
        Journal {
            rotate_at: bytes,
            ..self
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(self.name)
    }

    /// Appends one record as one line (one write: a reader never sees half a record).
    pub fn append(&self, record: &impl Serialize) -> std::io::Result<()> {
        let mut line = serde_json::to_string(record)?;
        line.push('\n');
        let mut file = lock(&self.file);
        if file.as_ref().is_some_and(|f| f.size >= self.rotate_at) {
            *file = None;
            std::fs::rename(self.path(), self.dir.join(self.rotated))?;
        }
        if file.is_none() {
            let opened = open_append(&self.path())?;
            let size = opened.metadata()?.len();
            *file = Some(OpenFile { file: opened, size });
        }
        if let Some(open) = file.as_mut() {
            open.file.write_all(line.as_bytes())?;
            open.size += line.len() as u64;
        }
        Ok(())
    }

    /// Removes the file and its rotated predecessor.
    pub fn clear(&self) -> std::io::Result<()> {
        let mut file = lock(&self.file);
        *file = None;
        for name in [self.name, self.rotated] {
            match std::fs::remove_file(self.dir.join(name)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}
