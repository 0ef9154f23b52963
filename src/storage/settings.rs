//! Key-value settings stored in the database.

use super::{AuditEntry, Db, Result, StorageError};
use crate::domain::config::{APPOINTMENT_HORIZON_KEY, Horizon, Horizons, ROOM_HORIZON_KEY};
use rusqlite::{Connection, OptionalExtension, params};

/// Setting key marking a demo database (made by `--demo` or `generate`): `--as` is open to
/// everyone there, and `--now` may move its clock. Only [`Db::mark_demo`] writes it.
pub const DEMO: &str = "demo";

impl Db {
    /// A setting's value, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Sets a setting (audited). The demo mark is refused: set on a real database it would open
    /// `--as` to everyone and let anyone backdate the counter with `--now`. A horizon is refused
    /// outside 1–366 days, whichever path sets it, so that no booking check ever reads a value
    /// nobody could have meant.
    pub fn set_setting(&mut self, operator: &str, key: &str, value: &str) -> Result<()> {
        if key.trim().eq_ignore_ascii_case(DEMO) {
            return Err(StorageError::Constraint(format!("setting {DEMO} is set only by --demo and generate")));
        }
        if [APPOINTMENT_HORIZON_KEY, ROOM_HORIZON_KEY].contains(&key) && Horizon::parse(value).is_err() {
            return Err(StorageError::Constraint(format!("{key} = {value} ({}–{})", Horizon::MIN, Horizon::MAX)));
        }
        self.put_setting(operator, key, value)
    }

    /// Marks a database just made by `--demo` or `generate` as a demo one.
    pub(crate) fn mark_demo(&mut self, operator: &str) -> Result<()> {
        self.put_setting(operator, DEMO, "1")
    }

    fn put_setting(&mut self, operator: &str, key: &str, value: &str) -> Result<()> {
        let (key, value) = (key.to_string(), value.to_string());
        self.write(operator, |tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            Ok(((), vec![AuditEntry::new("setting.set", "setting", key.clone(), format!("{key} = {value}"))]))
        })
    }

    /// How far ahead appointments and rooms may be booked (defaults when unset).
    pub fn horizons(&self) -> Result<Horizons> {
        Ok(horizons(&self.conn)?)
    }

    /// Sets one horizon (supervisors); `key` is one of the two horizon keys.
    pub fn set_horizon(&mut self, operator: &str, key: &str, h: Horizon) -> Result<Horizons> {
        self.set_setting(operator, key, &h.days().to_string())?;
        self.horizons()
    }

    /// True for databases made by `--demo` or `generate`.
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.setting(DEMO)?.as_deref() == Some("1"))
    }
}

/// The horizons as a write transaction sees them, so a booking is checked against the
/// setting in force when it is written.
pub(super) fn horizons(conn: &Connection) -> rusqlite::Result<Horizons> {
    let get = |k: &str| {
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [k], |r| r.get::<_, String>(0)).optional()
    };
    Ok(Horizons::from_settings(get(APPOINTMENT_HORIZON_KEY)?.as_deref(), get(ROOM_HORIZON_KEY)?.as_deref()))
}
