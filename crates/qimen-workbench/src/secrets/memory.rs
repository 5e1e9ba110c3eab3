//! Secrets kept in this process only: the "keep in memory for this run only" choice when no keyring
//! is available, and the store unit tests use.

use super::{SecretError, SecretKey, SecretStore};
use qimen_core::sensitive::SecretString;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// An in-process secret store; everything is gone when the process exits.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<SecretKey, SecretString>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many secrets are held.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<SecretKey, SecretString>> {
        // A panic while holding the lock cannot leave the map half-written, so the data stays usable.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, key: &SecretKey) -> Result<Option<SecretString>, SecretError> {
        Ok(self.lock().get(key).cloned())
    }

    fn set(&self, key: &SecretKey, value: &SecretString) -> Result<(), SecretError> {
        self.lock().insert(*key, value.clone());
        Ok(())
    }

    fn delete(&self, key: &SecretKey) -> Result<(), SecretError> {
        self.lock().remove(key);
        Ok(())
    }
}
