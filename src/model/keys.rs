//! What storage answers about keys, and how it refuses.

use super::error::StorageError;

/// Why a key was not added or revoked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyOpError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// No operator has this login.
    #[error("unknown login {0}")]
    NoOperator(String),
    /// The operator is retired.
    #[error("{0} is retired")]
    Retired(String),
    /// The key already opens someone else's desk.
    #[error("key already belongs to {0}")]
    Taken(String),
    /// The operator already has this key.
    #[error("{0} already has this key")]
    AlreadyTheirs(String),
    /// The operator has no active key.
    #[error("{0} has no key")]
    NoKeys(String),
    /// The `authorized_keys` file could not be written; nothing changed.
    #[error("authorized_keys: {0}")]
    File(String),
}
