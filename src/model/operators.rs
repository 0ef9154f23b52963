//! What storage answers about operators, and how it refuses.

/// Why an operator change was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperatorChange {
    /// Done.
    Done,
    /// The login is taken.
    Exists,
    /// No such login.
    NotFound,
    /// Already retired.
    AlreadyRetired,
    /// Retiring would leave no active admin.
    LastAdmin,
}
