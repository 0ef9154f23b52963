//! Operators: who may sign in, with which role and at which window.

use super::{AuditEntry, Db, Result, StorageError};
use crate::domain::operator::{Operator, Role};
pub use crate::model::operators::OperatorChange;
use rusqlite::{OptionalExtension, Row, params};

fn row_to_operator(r: &Row<'_>) -> rusqlite::Result<Operator> {
    let role: String = r.get(3)?;
    Ok(Operator {
        id: r.get(0)?,
        login: r.get(1)?,
        name: r.get(2)?,
        role: Role::from_str_opt(&role).unwrap_or(Role::Clerk),
        window: r.get::<_, Option<i64>>(4)?.and_then(|w| u16::try_from(w).ok()),
        retired: r.get(5)?,
    })
}

impl Db {
    /// The operator with this login, retired or not.
    pub fn operator(&self, login: &str) -> Result<Option<Operator>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, login, name, role, window, retired FROM operators WHERE login = ?1",
                [login],
                row_to_operator,
            )
            .optional()?)
    }

    /// All operators, active first, by login.
    pub fn operators(&self) -> Result<Vec<Operator>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, login, name, role, window, retired FROM operators ORDER BY retired, login")?;
        let rows = stmt.query_map([], row_to_operator)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Registers an operator; refuses a login that exists.
    pub fn add_operator(
        &mut self,
        by: &str,
        login: &str,
        name: &str,
        role: Role,
        window: Option<u16>,
    ) -> Result<OperatorChange> {
        let at = self.clock.now_text();
        self.write(by, |tx| {
            let exists: bool =
                tx.query_row("SELECT count(*) FROM operators WHERE login = ?1", [login], |r| r.get::<_, i64>(0))? > 0;
            if exists {
                return Ok((OperatorChange::Exists, vec![]));
            }
            tx.execute(
                "INSERT INTO operators (login, name, role, window, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![login, name, role.as_str(), window, at],
            )?;
            let summary = format!("{login} {name} {}", role.as_str());
            Ok((OperatorChange::Done, vec![AuditEntry::new("operator.add", "operator", login, summary)]))
        })
    }

    /// Brings a retired operator back with the role and window they had: the way back that a
    /// retired login's refusal promises ("ask an admin"). Their SSH keys stay revoked; new ones
    /// are added with `keys add`. `Exists`: the operator is active already.
    pub fn restore_operator(&mut self, by: &str, login: &str) -> Result<OperatorChange> {
        self.write(by, |tx| {
            let retired: Option<bool> =
                tx.query_row("SELECT retired FROM operators WHERE login = ?1", [login], |r| r.get(0)).optional()?;
            match retired {
                None => Ok((OperatorChange::NotFound, vec![])),
                Some(false) => Ok((OperatorChange::Exists, vec![])),
                Some(true) => {
                    tx.execute("UPDATE operators SET retired = 0 WHERE login = ?1", [login])?;
                    Ok((OperatorChange::Done, vec![AuditEntry::new("operator.restore", "operator", login, login)]))
                }
            }
        })
    }

    /// Retires an operator; their history stays, they can no longer sign in, and their SSH keys
    /// are revoked in the same transaction (the caller rewrites `authorized_keys` after).
    pub fn retire_operator(&mut self, by: &str, login: &str) -> Result<OperatorChange> {
        let at = self.clock.now_text();
        self.write(by, |tx| {
            let found = tx
                .query_row("SELECT role, retired FROM operators WHERE login = ?1", [login], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?))
                })
                .optional()?;
            let Some((role, retired)) = found else {
                return Ok((OperatorChange::NotFound, vec![]));
            };
            if retired {
                return Ok((OperatorChange::AlreadyRetired, vec![]));
            }
            if role == "admin" {
                let admins: i64 =
                    tx.query_row("SELECT count(*) FROM operators WHERE role = 'admin' AND retired = 0", [], |r| {
                        r.get(0)
                    })?;
                if admins <= 1 {
                    return Ok((OperatorChange::LastAdmin, vec![]));
                }
            }
            let n = tx.execute("UPDATE operators SET retired = 1 WHERE login = ?1", [login])?;
            if n != 1 {
                return Err(StorageError::Sqlite(format!("retire {login}: {n} rows")));
            }
            let keys = super::keys::revoke_all(tx, login, by, &at)?;
            let summary = if keys == 0 { login.to_string() } else { format!("{login}; {keys} SSH keys revoked") };
            Ok((OperatorChange::Done, vec![AuditEntry::new("operator.retire", "operator", login, summary)]))
        })
    }

    /// Changes an operator's role and window; the last active admin keeps the admin role.
    pub fn set_operator(&mut self, by: &str, login: &str, role: Role, window: Option<u16>) -> Result<OperatorChange> {
        self.write(by, |tx| {
            let Some(old) = tx
                .query_row("SELECT role FROM operators WHERE login = ?1 AND retired = 0", [login], |r| {
                    r.get::<_, String>(0)
                })
                .optional()?
            else {
                return Ok((OperatorChange::NotFound, vec![]));
            };
            if old == "admin" && role != Role::Admin {
                let admins: i64 =
                    tx.query_row("SELECT count(*) FROM operators WHERE role = 'admin' AND retired = 0", [], |r| {
                        r.get(0)
                    })?;
                if admins <= 1 {
                    return Ok((OperatorChange::LastAdmin, vec![]));
                }
            }
            tx.execute(
                "UPDATE operators SET role = ?2, window = ?3 WHERE login = ?1",
                params![login, role.as_str(), window],
            )?;
            let summary = format!("{login}: {old} → {} window {window:?}", role.as_str());
            Ok((OperatorChange::Done, vec![AuditEntry::new("operator.set", "operator", login, summary)]))
        })
    }
}
