//! What storage answers about catalog, and how it refuses.

/// What an import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportCounts {
    /// Rows that did not exist.
    pub added: usize,
    /// Rows that existed with other content.
    pub changed: usize,
    /// Rows already as in the file.
    pub unchanged: usize,
}

/// One change to a service item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemEdit {
    /// Retired (hidden from the catalog) or restored.
    Retired(bool),
    /// The fee text.
    Fee(String),
    /// The notes.
    Notes(String),
    /// The handling department.
    Department(String),
}
