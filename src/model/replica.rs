//! Off-site replication's typed troubles and status, as `replicate`, `restore` and `check` report them.

/// Why Litestream could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplicaTrouble {
    /// No `litestream` program on PATH.
    Missing,
    /// Nothing is replicated at this URL (wrong bucket or path, or replication never ran).
    NoReplica(String),
    /// The time asked for is before the replica's first snapshot.
    BeforeFirst(String),
    /// The object store did not answer (down, wrong endpoint, network).
    Unreachable(String),
    /// The URL is not `s3://BUCKET/PATH`.
    BadUrl(String),
    /// The time is neither China time `2026-11-30T10:15[:ss]` nor RFC 3339.
    BadTime(String),
    /// The restore target exists already, or a live database's `-wal`/`-shm` sits beside it.
    TargetExists(String),
    /// The configuration file cannot be read or names no database.
    BadConfig(String),
    /// Anything else Litestream said (its last line).
    Failed(String),
}

/// How far the replica is behind, from Litestream's own status and LTX listing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lag {
    /// The latest transaction in the local file, as Litestream counts them.
    pub local_txid: Option<u64>,
    /// The latest transaction the replica holds.
    pub replica_txid: Option<u64>,
    /// When the replica's latest file was written (RFC 3339, UTC).
    pub replica_at: Option<String>,
}

/// A heartbeat older than this means replication is not running (it beats every 5 s): `check`
/// reports it and the dashboard's line turns to the alarm colour.
pub const STALE_SECONDS: i64 = 60;
