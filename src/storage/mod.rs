//! The only module that speaks SQL: the database file, migrations, queries and transactions.

mod appointments;
mod audit;
mod backup;
pub mod bulk;
mod calendar;
mod calendar_gaps;
mod case_reads;
mod cases;
mod catalog;
pub mod files;
mod import;
mod keys;
mod mediation;
mod members;
mod operators;
mod queue;
mod replica;
mod reports;
mod requests;
mod residents;
mod rooms;
pub mod schema;
mod settings;
mod undo;
mod windows;

pub use appointments::Slot;
pub use audit::{AuditEntry, AuditFilter, AuditRow};
pub use backup::{BACKUP_ACTION, BackupError, FEEDBACK_ACTION, Outflow, REPORT_ACTION};
pub use cases::{
    CaseCounts, CaseFilter, CaseKey, CaseOpError, CaseResult, DEFAULT_CLOSING, IntakeRequest, MaterialEvent,
};
pub use catalog::{ImportCounts, ItemEdit};
pub use import::CHUNK as IMPORT_CHUNK;
pub use keys::{KeyOpError, SyncKeys};
pub use mediation::{MediationEvent, MediationOpError};
pub use members::{
    APPROVAL_DEFAULT, APPROVAL_KEY, Checked, MemberOpError, MemberResult, MemberTotals, PendingHours, REPORT_KEY,
    SYSTEM, TARGET_KEY, UnitFeedback, UnitTotals, unit_totals,
};
pub use operators::OperatorChange;
pub use queue::{CategoryLine, Issued, QueueError, QueueResult, QueueView};
pub use replica::Heartbeat;
pub use requests::checked_photos;
pub use requests::{REQUEST_RATE, RequestResult, RequestRow};
pub use residents::{Registered, Revealed};
pub use rooms::{RoomOpError, RoomResult, Viewer};
pub use settings::DEMO;
pub use undo::UndoError;
pub use windows::Freed;

pub use crate::model::error::StorageError;
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeDelta, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Result of storage calls.
pub type Result<T> = std::result::Result<T, StorageError>;

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StorageError::Locked,
            Some(ErrorCode::ReadOnly) => StorageError::ReadOnly(PathBuf::new()),
            Some(ErrorCode::NotADatabase) => StorageError::NotADatabase(PathBuf::new()),
            Some(ErrorCode::ConstraintViolation) => StorageError::Constraint(e.to_string()),
            _ => StorageError::Sqlite(e.to_string()),
        }
    }
}

/// Where "now" comes from: the wall clock in the configured offset, the wall clock moved to a
/// chosen start (training, demos), or a fixed instant.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The system clock shown at this UTC offset.
    System(FixedOffset),
    /// The system clock moved by this much, shown at this offset: it runs like the wall clock,
    /// so a training session started at 10:00 shows 10:01 a minute later.
    Shifted(FixedOffset, TimeDelta),
    /// Always this instant (tests, demo fixtures).
    Fixed(DateTime<FixedOffset>),
}

/// China Standard Time, +08:00 all year.
fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

impl Clock {
    /// China Standard Time, the default for every centre.
    pub fn shanghai() -> Clock {
        Clock::System(china())
    }

    /// A China-time clock that reads `local` now and runs on from there (`--now`, the demo).
    pub fn shanghai_from(local: NaiveDateTime) -> Clock {
        use chrono::TimeZone;
        // A fixed offset has exactly one instant for every local time.
        let start = china().from_local_datetime(&local).single().unwrap_or_else(|| local.and_utc().fixed_offset());
        Clock::starting_at(start)
    }

    /// A clock that reads `start` now and runs on from there (`--now`).
    pub fn starting_at(start: DateTime<FixedOffset>) -> Clock {
        Clock::Shifted(*start.offset(), start.with_timezone(&Utc) - Utc::now())
    }

    /// The current local time.
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::System(off) => Utc::now().with_timezone(off),
            Clock::Shifted(off, by) => (Utc::now() + *by).with_timezone(off),
            Clock::Fixed(t) => *t,
        }
    }

    /// The current local time as stored: ISO-8601 with offset, to the second.
    pub fn now_text(&self) -> String {
        self.now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }
}

/// An open database: one connection, configured for many sessions at once.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    busy: Duration,
    /// The login really at the keyboard when an admin acts as someone else (`--as`).
    via: Option<String>,
    /// This session's last undoable change: what it was, and the rows it changed.
    undo: Option<(String, Vec<undo::RowChange>)>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

/// An operation's error that is either the database's or a refusal by the rules.
pub(crate) trait Refusal: From<StorageError> {
    /// The storage error inside, or the refusal itself.
    fn storage(self) -> std::result::Result<StorageError, Self>;
}

macro_rules! refusal {
    ($($t:ty),*) => {$(
        impl Refusal for $t {
            fn storage(self) -> std::result::Result<StorageError, Self> {
                match self {
                    Self::Storage(e) => Ok(e),
                    other => Err(other),
                }
            }
        }
    )*};
}

refusal!(
    CaseOpError,
    QueueError,
    RoomOpError,
    MediationOpError,
    UndoError,
    crate::model::ResidentEditError,
    crate::model::requests::RequestOpError
);
refusal!(crate::model::import::ImportUndoError);

/// How long a write waits for another session's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

impl Db {
    /// Opens (creating if absent) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Db> {
        Db::open_with(path, BUSY_TIMEOUT)
    }

    /// Opens with a chosen busy timeout (tests use a short one).
    pub fn open_with(path: &Path, busy: Duration) -> Result<Db> {
        let conn = connect(path, busy)?;
        let mut db = Db { conn, path: path.to_path_buf(), clock: Clock::shanghai(), busy, via: None, undo: None };
        db.migrate()?;
        Ok(db)
    }

    /// Opens an existing, already migrated database without migrating (watchers, readers).
    pub fn open_existing(path: &Path) -> Result<Db> {
        let conn = connect(path, BUSY_TIMEOUT)?;
        let db =
            Db { conn, path: path.to_path_buf(), clock: Clock::shanghai(), busy: BUSY_TIMEOUT, via: None, undo: None };
        let v = db.schema_version()?;
        if v > schema::latest() {
            return Err(StorageError::NewerSchema { found: v, supported: schema::latest() });
        }
        Ok(db)
    }

    /// Opens a centre's copy for reading only (the street view): no journal-mode change, no
    /// migration, no write ever. A newer schema is refused; an older one is opened, and a read
    /// that needs a table it lacks fails on that centre's row alone, saying which table.
    pub fn open_read_only(path: &Path) -> Result<Db> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StorageError::from(e).at(path))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let db =
            Db { conn, path: path.to_path_buf(), clock: Clock::shanghai(), busy: BUSY_TIMEOUT, via: None, undo: None };
        let v = db.schema_version().map_err(|e| e.at(path))?;
        if v > schema::latest() {
            return Err(StorageError::NewerSchema { found: v, supported: schema::latest() });
        }
        if v == 0 {
            return Err(StorageError::NotADatabase(path.to_path_buf()));
        }
        Ok(db)
    }

    /// The file this connection is on.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the clock (tests and demo data).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Marks every audit row this connection writes as done by `real` acting as someone else.
    pub fn set_acting(&mut self, real: Option<String>) {
        self.via = real;
    }

    /// The clock writes are stamped with.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// `PRAGMA user_version`.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?)
    }

    /// `PRAGMA data_version`: changes whenever another connection commits.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<()> {
        let found = self.schema_version()?;
        let latest = schema::latest();
        if found > latest {
            return Err(StorageError::NewerSchema { found, supported: latest });
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            immediate(&mut self.conn, self.busy, |tx| {
                // Another process may have migrated while we waited for the lock.
                let now: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                if now as usize > i {
                    return Ok(());
                }
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", (i + 1) as u32)?;
                Ok(tx.commit()?)
            })?;
        }
        Ok(())
    }

    /// Runs `f` in one short `BEGIN IMMEDIATE` transaction and appends its audit rows.
    ///
    /// Every write of the program goes through here, so none escapes the audit trail.
    pub fn write<T>(
        &mut self,
        operator: &str,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<(T, Vec<AuditEntry>)>,
    ) -> Result<T> {
        let at = self.clock.now_text();
        let via = self.via.clone();
        let path = self.path.clone();
        immediate(&mut self.conn, self.busy, |tx| {
            let (value, entries) = f(&tx)?;
            for e in &entries {
                audit::append(&tx, &at, operator, &audit::noted(via.as_deref(), e))?;
            }
            tx.commit()?;
            Ok(value)
        })
        .map_err(|e| e.at(&path))
    }

    /// [`write`](Self::write) for an operation its rules may refuse: `f`'s refusal (any error
    /// but a storage one) writes nothing and comes back as it is; a storage error rolls back.
    pub(super) fn write_or_refuse<T, E: Refusal>(
        &mut self,
        operator: &str,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> std::result::Result<(T, Vec<AuditEntry>), E>,
    ) -> std::result::Result<T, E> {
        self.write(operator, |tx| match f(tx) {
            Ok((v, audit)) => Ok((Ok(v), audit)),
            Err(e) => match e.storage() {
                Ok(storage) => Err(storage),
                Err(refusal) => Ok((Err(refusal), vec![])),
            },
        })
        .map_err(E::from)?
    }

    /// `PRAGMA integrity_check` plus a check that the schema is the one this binary expects.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let fk =
            stmt.query_map([], |r| Ok(format!("foreign key: {} row {}", r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in fk {
            problems.push(row?);
        }
        for table in [
            "settings",
            "operators",
            "audit_log",
            "categories",
            "service_items",
            "calendar_days",
            "residents",
            "cases",
            "case_materials",
            "case_events",
            "party_members",
            "activities",
            "service_records",
            "revisions",
            "ssh_keys",
        ] {
            let n: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )?;
            if n == 0 {
                problems.push(format!("missing table {table}"));
            }
        }
        for trigger in ["audit_log_no_update", "audit_log_no_delete"] {
            let n: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [trigger],
                |r| r.get(0),
            )?;
            if n == 0 {
                problems.push(format!("missing trigger {trigger}"));
            }
        }
        Ok(problems)
    }

    /// Rows that break the desk's own rules: a member's sex against the ID number (GB 11643:
    /// the 17th digit is odd for men), a number called before it was issued. Kept, not changed:
    /// whoever runs `check` decides what to correct.
    pub fn rule_breaks(&self) -> Result<Vec<crate::model::RuleBreak>> {
        use crate::model::RuleBreak;
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, name, female FROM party_members
             WHERE length(id_number) = 18 AND substr(id_number, 17, 1) GLOB '[0-9]'
               AND female <> (CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 0) ORDER BY id",
        )?;
        for r in
            stmt.query_map([], |r| Ok(RuleBreak::SexAgainstId { id: r.get(0)?, name: r.get(1)?, female: r.get(2)? }))?
        {
            out.push(r?);
        }
        let mut stmt = self.conn.prepare(
            "SELECT day, number, CAST(round((julianday(issued_at) - julianday(called_at)) * 1440) AS INTEGER)
             FROM queue_tickets WHERE called_at IS NOT NULL AND julianday(called_at) < julianday(issued_at)
             ORDER BY day, id",
        )?;
        for r in stmt.query_map([], |r| {
            Ok(RuleBreak::CalledBeforeIssued { day: r.get(0)?, number: r.get(1)?, minutes: r.get(2)? })
        })? {
            out.push(r?);
        }
        Ok(out)
    }
}

/// Runs `f` in a `BEGIN IMMEDIATE` transaction, waiting up to `busy` for the write lock.
///
/// SQLite's own busy handler backs off to one try per 100 ms. While other sessions write back
/// to back, the lock is free only for moments between their transactions, so a waiter on
/// that schedule keeps missing them and can starve past its timeout: with eight desks
/// writing at once some were told the database was locked after 5 s while the rest went on
/// writing. Trying again after short, jittered sleeps gives every waiter its share of the
/// gaps. Once the lock is held nothing in the transaction waits on other sessions (WAL), so
/// only the start is retried and `f` runs once.
fn immediate<T>(conn: &mut Connection, busy: Duration, f: impl FnOnce(Transaction<'_>) -> Result<T>) -> Result<T> {
    conn.busy_timeout(Duration::ZERO)?;
    let out = begin_and_run(conn, busy, f);
    conn.busy_timeout(busy)?;
    out
}

fn begin_and_run<T>(conn: &mut Connection, busy: Duration, f: impl FnOnce(Transaction<'_>) -> Result<T>) -> Result<T> {
    let deadline = Instant::now() + busy;
    let mut tries = 0u32;
    let tx = loop {
        match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
            Ok(tx) => break tx,
            Err(e) if is_busy(&e) && Instant::now() < deadline => {
                std::thread::sleep(backoff(tries).min(deadline.saturating_duration_since(Instant::now())));
                tries = tries.saturating_add(1);
            }
            Err(e) => return Err(e.into()),
        }
    };
    // Statements inside the transaction keep SQLite's own waiting.
    tx.busy_timeout(busy)?;
    f(tx)
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked))
}

/// How long to sleep before trying for the lock again. Whoever tries most often gets the
/// lock when it comes free, so the longer a session has waited the more often it tries
/// (every 2 ms at first, every 0.25 ms after some 0.2 s): nobody waits behind
/// newcomers for long. Each sleep is a random part of that, so waiters do not wake together.
fn backoff(tries: u32) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    let cap_us = 2_000u64.saturating_sub(7 * tries as u64).max(250);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(tries);
    Duration::from_micros(cap_us / 2 + h.finish() % (cap_us / 2 + 1))
}

fn connect(path: &Path, busy: Duration) -> Result<Connection> {
    let dir = files::folder(path);
    if !dir.is_dir() {
        return Err(StorageError::MissingDir(dir.to_path_buf()));
    }
    // Before SQLite creates a file: a session that cannot use the database must not leave a
    // `-wal` or `-shm` behind that the others cannot use either.
    files::check_database(path).map_err(StorageError::Access)?;
    let exists = path.exists();
    if !exists {
        files::create_database(path).map_err(StorageError::Access)?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| match StorageError::from(e) {
        StorageError::ReadOnly(_) => StorageError::ReadOnly(path.to_path_buf()),
        StorageError::Sqlite(_) if !exists => StorageError::ReadOnly(path.to_path_buf()),
        other => other,
    })?;
    conn.busy_timeout(busy)?;
    let setup = || -> rusqlite::Result<()> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    };
    setup().map_err(|e| match StorageError::from(e) {
        StorageError::ReadOnly(_) => StorageError::ReadOnly(path.to_path_buf()),
        StorageError::NotADatabase(_) => StorageError::NotADatabase(path.to_path_buf()),
        StorageError::Sqlite(m) if m.contains("readonly") || m.contains("read-only") => {
            StorageError::ReadOnly(path.to_path_buf())
        }
        other => other,
    })?;
    // A read-only file opens fine but cannot take writes: find out now, not mid-shift.
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(StorageError::ReadOnly(path.to_path_buf()));
    }
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::StorageError;
    use std::path::{Path, PathBuf};

    #[test]
    fn errors_sqlite_gives_without_a_file_name_get_the_databases() {
        let db = Path::new("/srv/yichuang/data/yichuang.sqlite3");
        assert_eq!(StorageError::ReadOnly(PathBuf::new()).at(db), StorageError::ReadOnly(db.to_path_buf()));
        let other = Path::new("/elsewhere");
        assert_eq!(StorageError::ReadOnly(other.to_path_buf()).at(db), StorageError::ReadOnly(other.to_path_buf()));
        assert_eq!(StorageError::Locked.at(db), StorageError::Locked);
    }

    #[test]
    fn a_clock_started_at_a_chosen_time_starts_there_and_runs_on() {
        use super::Clock;
        use chrono::{FixedOffset, TimeZone};
        let cst = FixedOffset::east_opt(8 * 3600).unwrap();
        let start = cst.with_ymd_and_hms(2026, 12, 20, 9, 30, 0).unwrap();
        let clock = Clock::starting_at(start);
        let first = clock.now();
        assert!((first - start).num_seconds().abs() <= 1, "{first} vs {start}");
        assert_eq!(first.offset(), &cst);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let later = clock.now();
        assert!(later - first >= chrono::TimeDelta::milliseconds(1000), "the clock stood still: {first} → {later}");
        assert!(later - first < chrono::TimeDelta::seconds(5), "{first} → {later}");
    }
}
