//! SSH keys of the service-account deployment. The database is the authority: each key's
//! forced command names its row, and a session starts only while that row is active and its
//! operator is not retired. The `authorized_keys` block is rewritten inside the same write
//! transaction, so two admins adding keys at once never leave the file without one of them.

use super::{AuditEntry, Db, Result, audit, immediate};
use crate::domain::ssh_key::{PublicKey, SshKey};
pub use crate::model::keys::KeyOpError;
use rusqlite::{OptionalExtension, Transaction, params};

/// Writes the `authorized_keys` block for the keys now active; its error is shown as it is.
pub type SyncKeys<'a> = &'a dyn Fn(&[SshKey]) -> std::result::Result<(), String>;

impl From<rusqlite::Error> for KeyOpError {
    fn from(e: rusqlite::Error) -> Self {
        KeyOpError::Storage(e.into())
    }
}

const COLUMNS: &str = "SELECT id, login, kind, data, fingerprint, comment, added_at, added_by FROM ssh_keys";

fn row_to_key(r: &rusqlite::Row<'_>) -> rusqlite::Result<SshKey> {
    Ok(SshKey {
        id: r.get(0)?,
        login: r.get(1)?,
        kind: r.get(2)?,
        data: r.get(3)?,
        fingerprint: r.get(4)?,
        comment: r.get(5)?,
        added_at: r.get(6)?,
        added_by: r.get(7)?,
    })
}

fn active(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<SshKey>> {
    let mut stmt = conn.prepare(&format!("{COLUMNS} WHERE revoked_at IS NULL ORDER BY login, id"))?;
    let rows = stmt.query_map([], row_to_key)?;
    rows.collect()
}

/// Revokes `login`'s active keys inside `tx`; how many.
pub(super) fn revoke_all(tx: &Transaction<'_>, login: &str, by: &str, at: &str) -> rusqlite::Result<usize> {
    tx.execute(
        "UPDATE ssh_keys SET revoked_at = ?3, revoked_by = ?2 WHERE login = ?1 AND revoked_at IS NULL",
        params![login, by, at],
    )
}

impl Db {
    /// Every active key, by login.
    pub fn ssh_keys(&self) -> Result<Vec<SshKey>> {
        Ok(active(&self.conn)?)
    }

    /// Whether key `id` is active and opens `login`'s desk (checked at every SSH session).
    pub fn key_opens(&self, id: i64, login: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM ssh_keys WHERE id = ?1 AND login = ?2 AND revoked_at IS NULL",
                params![id, login],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Gives `login` a key and rewrites the file with `sync`, in one transaction: if the file
    /// cannot be written, the key is not added either.
    pub fn add_key(
        &mut self,
        by: &str,
        login: &str,
        key: &PublicKey,
        sync: SyncKeys<'_>,
    ) -> std::result::Result<SshKey, KeyOpError> {
        let data = key.data();
        self.keys_write(by, |tx, at| {
            let retired: Option<bool> =
                tx.query_row("SELECT retired FROM operators WHERE login = ?1", [login], |r| r.get(0)).optional()?;
            match retired {
                None => return Err(KeyOpError::NoOperator(login.to_string())),
                Some(true) => return Err(KeyOpError::Retired(login.to_string())),
                Some(false) => {}
            }
            let holder: Option<String> = tx
                .query_row("SELECT login FROM ssh_keys WHERE data = ?1 AND revoked_at IS NULL", [&data], |r| r.get(0))
                .optional()?;
            match holder {
                Some(h) if h == login => return Err(KeyOpError::AlreadyTheirs(h)),
                Some(h) => return Err(KeyOpError::Taken(h)),
                None => {}
            }
            tx.execute(
                "INSERT INTO ssh_keys (login, kind, data, fingerprint, comment, added_at, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![login, key.kind, data, key.fingerprint(), key.comment, at, by],
            )?;
            let id = tx.last_insert_rowid();
            let added = tx.query_row(&format!("{COLUMNS} WHERE id = ?1"), [id], row_to_key)?;
            sync(&active(tx)?).map_err(KeyOpError::File)?;
            let summary = format!("{login} {} {}", added.kind, added.fingerprint);
            Ok((added, AuditEntry::new("keys.add", "operator", login, summary)))
        })
    }

    /// Revokes every key of `login` and rewrites the file, in one transaction; how many.
    pub fn revoke_keys(&mut self, by: &str, login: &str, sync: SyncKeys<'_>) -> std::result::Result<usize, KeyOpError> {
        self.keys_write(by, |tx, at| {
            let n = revoke_all(tx, login, by, at)?;
            if n == 0 {
                return Err(KeyOpError::NoKeys(login.to_string()));
            }
            sync(&active(tx)?).map_err(KeyOpError::File)?;
            Ok((n, AuditEntry::new("keys.revoke", "operator", login, format!("{login}: {n}"))))
        })
    }

    /// Rewrites the file from the active keys while holding the write lock (after a retirement
    /// revoked keys, or when the program moved); nothing in the database changes.
    pub fn sync_keys(&mut self, by: &str, sync: SyncKeys<'_>) -> std::result::Result<usize, KeyOpError> {
        self.keys_write(by, |tx, _| {
            let keys = active(tx)?;
            sync(&keys).map_err(KeyOpError::File)?;
            Ok((keys.len(), AuditEntry::new("keys.sync", "operator", "*", format!("{} keys", keys.len()))))
        })
    }

    /// One `BEGIN IMMEDIATE` transaction in which any refusal, including the file's, rolls
    /// everything back (unlike `write_or_refuse`, whose refusals come before any change).
    fn keys_write<T>(
        &mut self,
        by: &str,
        f: impl FnOnce(&Transaction<'_>, &str) -> std::result::Result<(T, AuditEntry), KeyOpError>,
    ) -> std::result::Result<T, KeyOpError> {
        let at = self.clock.now_text();
        let via = self.via.clone();
        immediate(&mut self.conn, self.busy, |tx| match f(&tx, &at) {
            Ok((v, entry)) => {
                audit::append(&tx, &at, by, &audit::noted(via.as_deref(), &entry))?;
                tx.commit()?;
                Ok(Ok(v))
            }
            Err(KeyOpError::Storage(e)) => Err(e),
            // Dropping the transaction rolls it back.
            Err(refusal) => Ok(Err(refusal)),
        })?
    }
}
