//! Online backup: a consistent copy of the database while other sessions keep writing.

use super::audit::AuditEntry;
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

/// The audit action of a backup.
pub const BACKUP_ACTION: &str = "database.backup";
/// The audit action of a daily or monthly report written to a file or sent out.
pub const REPORT_ACTION: &str = "report.export";
/// The audit action of a quarter's feedback files (反馈单) written for the work units.
pub const FEEDBACK_ACTION: &str = "feedback.export";

/// Personal data leaving the database, as the audit trail records it: a backup or an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outflow<'a> {
    /// [`BACKUP_ACTION`], [`REPORT_ACTION`] or [`FEEDBACK_ACTION`].
    pub action: &'static str,
    /// Which copy: the period, the quarter, or the database file.
    pub what: &'a str,
    /// The format written (`sqlite`, `xlsx`, `csv`, `json`, `txt`).
    pub format: &'a str,
    /// Rows it holds: records, members, or for a backup every resident, member and case.
    pub rows: u64,
    /// Where it went: a file, a folder, or `-` for standard output (over SSH, the caller's
    /// machine).
    pub to: &'a str,
}

impl Db {
    /// Records who copied what out of the database, in which format, how many rows and where
    /// to; one short transaction of its own, so a copy is audited even when nothing else is
    /// written.
    pub fn note_outflow(&mut self, by: &str, o: &Outflow<'_>) -> super::Result<()> {
        let entity = match o.action {
            BACKUP_ACTION => "database",
            REPORT_ACTION => "report",
            _ => "feedback",
        };
        let summary = format!("{} {}, {} rows → {}", o.what, o.format, o.rows, o.to);
        let entry = AuditEntry::new(o.action, entity, o.what, summary);
        self.write(by, |_| Ok(((), vec![entry])))
    }

    /// Rows of personal data a whole copy of the database holds: residents, party members,
    /// cases and mediation parties.
    pub fn personal_rows(&self) -> super::Result<u64> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM residents) + (SELECT count(*) FROM party_members)
                  + (SELECT count(*) FROM cases) + (SELECT count(*) FROM mediation_parties)",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }
}
