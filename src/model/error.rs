//! Why a database operation failed, for every layer to word.

use std::path::{Path, PathBuf};

/// What can go wrong with the database, in terms a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The folder meant to hold the database does not exist.
    #[error("directory {0} does not exist")]
    MissingDir(PathBuf),
    /// The file or its folder cannot be written.
    #[error("database {0} is read-only")]
    ReadOnly(PathBuf),
    /// A file or folder of the database that this account cannot use, and why.
    #[error("{}: {:?}", .0.path, .0.problem)]
    Access(crate::domain::files::FileTrouble),
    /// Another session held the write lock longer than the busy timeout.
    #[error("database is locked by another session")]
    Locked,
    /// The file was written by a newer yichuang.
    #[error("database schema {found} is newer than this program's {supported}")]
    NewerSchema { found: u32, supported: u32 },
    /// The file exists but is not a SQLite database.
    #[error("{0} is not a yichuang database")]
    NotADatabase(PathBuf),
    /// `PRAGMA integrity_check` or a schema check found problems.
    #[error("integrity check failed: {0:?}")]
    Integrity(Vec<String>),
    /// A constraint refused the write (the caller names which).
    #[error("constraint: {0}")]
    Constraint(String),
    /// Anything else SQLite reported.
    #[error("sqlite: {0}")]
    Sqlite(String),
}

impl StorageError {
    /// The error with the database's path filled in where SQLite could not name the file.
    pub fn at(self, path: &Path) -> StorageError {
        match self {
            StorageError::ReadOnly(p) if p.as_os_str().is_empty() => StorageError::ReadOnly(path.to_path_buf()),
            StorageError::NotADatabase(p) if p.as_os_str().is_empty() => StorageError::NotADatabase(path.to_path_buf()),
            other => other,
        }
    }
}

/// A stored row that breaks one of the desk's own rules: `yichuang check` lists each one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleBreak {
    /// A party member recorded with the sex their ID number's order code contradicts.
    SexAgainstId {
        /// Member id.
        id: i64,
        /// Name.
        name: String,
        /// Recorded as female.
        female: bool,
    },
    /// A queue number called before it was issued: its wait would count negative in reports.
    CalledBeforeIssued {
        /// The day.
        day: String,
        /// The number.
        number: String,
        /// Minutes too early.
        minutes: i64,
    },
}
