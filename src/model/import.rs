//! What an import would do and did: the preview of a batch, the batches on file, an undo.

use crate::domain::import::{Kind, Person, Refused, Row};

/// A row matching someone on file (by ID) whose fields it would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The row.
    pub row: Row,
    /// Row id of the person on file.
    pub id: i64,
    /// The fields that would change, as the trail words them (`phone 138****1234 → …`).
    pub fields: Vec<String>,
}

/// A row matching someone on file (by ID) under another name: for a supervisor to decide,
/// never applied by an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The row.
    pub row: Row,
    /// The person on file.
    pub on_file: Person,
}

/// What an import of these files would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Residents or members.
    pub kind: Kind,
    /// Rows of people not on file.
    pub add: Vec<Row>,
    /// Rows that change someone on file.
    pub change: Vec<Change>,
    /// Rows that match someone on file exactly.
    pub same: usize,
    /// Rows naming someone on file otherwise.
    pub held: Vec<Held>,
    /// Rows refused, with their places.
    pub refused: Vec<Refused>,
    /// Blank and total rows passed over.
    pub skipped: usize,
}

/// One import as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Batch number.
    pub id: i64,
    /// Who ran it.
    pub who: String,
    /// Residents or members.
    pub kind: Kind,
    /// The files, as given.
    pub files: String,
    /// People added.
    pub added: i64,
    /// People changed.
    pub changed: i64,
    /// Rows refused.
    pub refused: i64,
    /// Chunks committed.
    pub chunks: i64,
    /// Begun at.
    pub created_at: String,
    /// Finished at; `None` when it stopped part-way (only whole chunks landed).
    pub finished_at: Option<String>,
    /// Undone at.
    pub undone_at: Option<String>,
}

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// The batch.
    pub batch: i64,
    /// People the batch created, removed again.
    pub removed: usize,
    /// People whose fields were put back.
    pub restored: usize,
    /// People left as they are, by name: they have history since (a case, a ticket, an
    /// edit, a reveal), so removing or restoring them would lose it.
    pub kept: Vec<String>,
}

/// Why an undo did nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportUndoError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] crate::model::StorageError),
    /// No batch has that number.
    #[error("no such import batch")]
    NotFound,
    /// Undone already, at this time.
    #[error("undone already at {0}")]
    Undone(String),
}
