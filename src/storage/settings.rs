//! Key-value settings stored in the database.

use super::{AuditEntry, Db, Result};
use rusqlite::{OptionalExtension, params};

/// Setting key marking a demo database (where `--as` is open to everyone).
pub const DEMO: &str = "demo";

impl Db {
    /// A setting's value, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Sets a setting (audited).
    pub fn set_setting(&mut self, operator: &str, key: &str, value: &str) -> Result<()> {
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

    /// True for databases made by `--demo`.
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.setting(DEMO)?.as_deref() == Some("1"))
    }
}
