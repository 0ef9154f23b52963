//! Toasts: short-lived notices of results and errors, in typed form (i18n words them).

use crate::storage::StorageError;
use chrono::NaiveDateTime;

/// Something to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another session changed the catalog; it was reloaded.
    CatalogUpdated {
        /// Items now offered.
        items: usize,
    },
    /// Pasted or typed text was longer than the field; the rest was dropped.
    InputTruncated {
        /// The field's limit in characters.
        max: usize,
    },
    /// Control characters or escape sequences were removed from input.
    UnsafeCharsRemoved,
    /// The interface language changed.
    LangSwitched,
    /// A database operation failed.
    Storage(StorageError),
}

/// How a toast looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A result.
    Info,
    /// Input was changed or refused.
    Warn,
    /// Something failed.
    Error,
}

/// A notice shown until `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// What.
    pub notice: Notice,
    /// How it looks.
    pub level: Level,
    /// When it disappears.
    pub until: NaiveDateTime,
}

impl Notice {
    /// The level this notice is shown at.
    pub fn level(&self) -> Level {
        match self {
            Notice::CatalogUpdated { .. } | Notice::LangSwitched => Level::Info,
            Notice::InputTruncated { .. } | Notice::UnsafeCharsRemoved => Level::Warn,
            Notice::Storage(_) => Level::Error,
        }
    }
}
