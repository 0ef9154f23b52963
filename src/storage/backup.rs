//! Online backup: a consistent copy of the database while other sessions keep writing.

use super::{Db, StorageError};
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::path::{Path, PathBuf};

/// Why a backup was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// The target is the live database (or one of its WAL files).
    #[error("backup onto the live database")]
    OntoItself,
    /// The target exists already; nothing is overwritten.
    #[error("{0} exists")]
    Exists(PathBuf),
    /// The target cannot be written.
    #[error("cannot write {0}: {1}")]
    Write(PathBuf, String),
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl Db {
    /// Copies the whole database (returns the copy's size in bytes) to `to` in one read transaction (WAL lets writers go on), via a
    /// temporary file renamed into place, so a failed backup never leaves half a file.
    pub fn backup_to(&self, to: &Path) -> Result<u64, BackupError> {
        let live = self.path.canonicalize().unwrap_or_else(|_| self.path.clone());
        let dir = super::files::folder(to);
        let target = dir
            .canonicalize()
            .map_err(|e| BackupError::Write(to.to_path_buf(), e.to_string()))?
            .join(to.file_name().ok_or_else(|| BackupError::Write(to.to_path_buf(), "not a file name".into()))?);
        let live_name = live.as_os_str().to_string_lossy().to_string();
        let target_name = target.as_os_str().to_string_lossy().to_string();
        if target_name == live_name
            || target_name == format!("{live_name}-wal")
            || target_name == format!("{live_name}-shm")
        {
            return Err(BackupError::OntoItself);
        }
        if target.exists() {
            return Err(BackupError::Exists(to.to_path_buf()));
        }
        let tmp = target.with_extension("partial");
        let write = |e: &dyn std::fmt::Display| BackupError::Write(to.to_path_buf(), e.to_string());
        let result = (|| {
            let mut dst = Connection::open(&tmp).map_err(|e| write(&e))?;
            {
                let b = Backup::new(&self.conn, &mut dst).map_err(|e| write(&e))?;
                // All pages in one step: one consistent snapshot, no restart when others write.
                loop {
                    match b.step(-1).map_err(StorageError::from)? {
                        StepResult::Done => break,
                        StepResult::More | StepResult::Busy | StepResult::Locked => {
                            std::thread::sleep(std::time::Duration::from_millis(50))
                        }
                        _ => {}
                    }
                }
            }
            dst.close().map_err(|(_, e)| write(&e))?;
            std::fs::rename(&tmp, &target).map_err(|e| write(&e))?;
            super::files::share_new_file(&target);
            Ok(std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}
