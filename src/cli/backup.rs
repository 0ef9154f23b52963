//! `backup` and `check`: an online copy while others keep working, and the integrity check.

use super::Failure;
use super::out::out;
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::i18n::cli::{self as say, Refusal};
use crate::storage::{BACKUP_ACTION, Db, Outflow};
use std::path::Path;

/// Copies the live database to `to` (`-`: standard output), checked, while others work on;
/// the audit trail records who took it, how many rows of personal data and where to.
pub(super) fn backup(db: &mut Db, lang: Lang, me: &Operator, to: &Path) -> Result<(), Failure> {
    let rows = if to.as_os_str() == "-" { backup_to_stdout(db)? } else { backup_file(db, to)? };
    let live = db.path().display().to_string();
    let to_text = to.display().to_string();
    let o = Outflow { action: BACKUP_ACTION, what: &live, format: "sqlite", rows, to: &to_text };
    db.note_outflow(&me.login, &o)?;
    if to.as_os_str() != "-" {
        let bytes = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
        out!("{}", say::backup_ok(lang, to, bytes));
    }
    Ok(())
}

/// `backup -`: a checked copy made beside the database, then sent to standard output (a
/// supervisor takes it home over SSH: `ssh … backup - > copy.sqlite3`).
fn backup_to_stdout(db: &Db) -> Result<u64, Failure> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return Err(Failure::Refused(Refusal::NeedsOut));
    }
    let dir = crate::storage::files::folder(db.path());
    let tmp = dir.join(format!(".backup-{}.sqlite3", std::process::id()));
    let sent = backup_file(db, &tmp).and_then(|rows| {
        let bytes = std::fs::read(&tmp).map_err(|e| Failure::File(crate::storage::files::explain(&tmp, &e)))?;
        super::out::bytes(&bytes).map(|()| rows)
    });
    let _ = std::fs::remove_file(&tmp);
    sent
}

/// A checked copy of the database at `to`; the rows of personal data it holds.
fn backup_file(db: &Db, to: &Path) -> Result<u64, Failure> {
    use crate::storage::BackupError;
    db.backup_to(to).map_err(|e| match e {
        BackupError::OntoItself => Failure::Refused(Refusal::BackupOntoItself),
        BackupError::Exists(p) => Failure::Refused(Refusal::BackupExists(p.display().to_string())),
        BackupError::Write(p, message) => Failure::Refused(Refusal::Write { path: p.display().to_string(), message }),
        BackupError::Storage(e) => Failure::from(e),
    })?;
    // A backup nobody has checked is a hope, not a backup.
    let copy = Db::open_existing(to)?;
    let problems = copy.check()?;
    if !problems.is_empty() {
        return Err(Failure::Unsound(to.to_path_buf(), problems));
    }
    Ok(copy.personal_rows()?)
}

/// Checks the database's integrity, schema and rules and says what it found (with `problems`
/// found before, by `check`'s replica section).
pub(super) fn sound(db: &Db, lang: Lang, path: &Path, mut problems: Vec<String>) -> Result<(), Failure> {
    problems.extend(db.check()?);
    // Sound storage can still hold rows that break the desk's own rules.
    problems.extend(db.rule_breaks()?.iter().map(|r| say::rule_break(lang, r)));
    if !problems.is_empty() {
        return Err(Failure::Unsound(path.to_path_buf(), problems));
    }
    out!(
        "{}",
        say::check_ok(
            lang,
            path,
            db.schema_version()?,
            db.service_items()?.len(),
            db.operators()?.len(),
            db.calendar_days()?.len()
        )
    );
    Ok(())
}
