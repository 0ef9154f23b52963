//! Administration from the shell: operators, imports, reports, members, backup, check.

use super::find::print_members;
use super::out::out;
use super::{Failure, args::*};
use crate::domain::calendar::CalendarFile;
use crate::domain::catalog::Catalog;
use crate::domain::config::Config;
use crate::domain::lang::Lang;
use crate::domain::operator::{Operator, Role, valid_login};
use crate::domain::text;
use crate::i18n::cli::{self as say, Refusal};
use crate::i18n::{self};
use crate::setup::{self, SetupError};
use crate::storage::{Db, OperatorChange};
use std::path::{Path, PathBuf};

pub(super) fn report(
    db: &Db,
    lang: Lang,
    monthly: bool,
    date: Option<&str>,
    format: ReportFormat,
    out: Option<&Path>,
) -> Result<(), Failure> {
    use crate::export::report::Format;
    let day = match date {
        None => db.clock().now().date_naive(),
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| Failure::Refused(Refusal::BadDate(text::sanitize(d))))?,
    };
    let format = match format {
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Xlsx => Format::Xlsx,
        ReportFormat::Json => Format::Json,
    };
    // A workbook may go to standard output only when that is a file or a pipe (over SSH:
    // `ssh … report daily --format xlsx > day.xlsx`), never onto a terminal.
    if format == Format::Xlsx && out.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(Failure::Refused(Refusal::NeedsOut));
    }
    let (from, to) = crate::domain::report::span(monthly, day);
    let r = db.report(from, to, db.wait_target_minutes()?)?;
    let write = |p: &Path, e: String| Failure::Refused(Refusal::Write { path: p.display().to_string(), message: e });
    let bytes = crate::export::report::render(lang, &r, format).map_err(|e| write(out.unwrap_or(Path::new("-")), e))?;
    match out {
        Some(p) => std::fs::write(p, bytes).map_err(|e| write(p, e.to_string())),
        None => super::out::bytes(&bytes),
    }
}

pub(super) fn members(db: &mut Db, lang: Lang, me: &Operator, cmd: &MembersCommand) -> Result<(), Failure> {
    match cmd {
        MembersCommand::List { overdue, below, json } => {
            let today = db.clock().now().date_naive();
            let (target, months) = db.member_settings()?;
            let all = db.members(chrono::Datelike::year(&today))?;
            let rows: Vec<&crate::storage::MemberTotals> = all
                .iter()
                .filter(|t| t.member.status == crate::domain::member::MemberStatus::Active)
                .filter(|t| !overdue || crate::domain::member::report_overdue(&t.member, months, today))
                .filter(|t| !below || t.half_hours < target * 2)
                .collect();
            print_members(db, lang, &rows, *json)
        }
        MembersCommand::Settings { target, report_months } => {
            let bad = |what: &str, v: u32| Failure::Refused(Refusal::BadSetting(what.into(), v));
            if let Some(t) = target {
                if !(1..=1000).contains(t) {
                    return Err(bad("--target (1-1000)", *t));
                }
                db.set_setting(&me.login, crate::storage::TARGET_KEY, &t.to_string())?;
            }
            if let Some(m) = report_months {
                if !(1..=24).contains(m) {
                    return Err(bad("--report-months (1-24)", *m));
                }
                db.set_setting(&me.login, crate::storage::REPORT_KEY, &m.to_string())?;
            }
            let (t, m) = db.member_settings()?;
            out!("{}", say::member_settings(lang, t, m));
            Ok(())
        }
        MembersCommand::Feedback { quarter, format, out, unit } => {
            let (year, q) = crate::domain::member::parse_quarter(quarter)
                .ok_or_else(|| Failure::Refused(Refusal::BadQuarter(text::sanitize(quarter))))?;
            // A check-in nobody closed would otherwise be missing from the report.
            db.close_finished(&me.login, db.clock().now().naive_local())?;
            let mut units = db.feedback(year, q)?;
            if let Some(u) = unit {
                let u = u.trim();
                units.retain(|f| f.unit == u);
                if units.is_empty() {
                    return Err(Failure::Refused(Refusal::NoSuchUnit(text::sanitize(u))));
                }
            }
            if units.is_empty() {
                eprintln!("{}", say::no_member_units(lang));
                return Ok(());
            }
            let community = db.setting("centre_name")?.unwrap_or_else(|| i18n::pick(lang, "社区", "Community").into());
            let dir = out.clone().unwrap_or_else(|| PathBuf::from("."));
            let format = match format {
                FeedbackFormat::Text => crate::export::feedback::Format::Text,
                FeedbackFormat::Csv => crate::export::feedback::Format::Csv,
                FeedbackFormat::Xlsx => crate::export::feedback::Format::Xlsx,
            };
            let written =
                crate::export::feedback::write_all(lang, &units, &community, &dir, format).map_err(Failure::File)?;
            for path in written {
                out!("{}", path.display());
            }
            Ok(())
        }
    }
}

pub(super) fn backup(db: &Db, lang: Lang, to: &Path) -> Result<(), Failure> {
    if to.as_os_str() == "-" {
        return backup_to_stdout(db);
    }
    backup_file(db, to)?;
    let bytes = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    out!("{}", say::backup_ok(lang, to, bytes));
    Ok(())
}

/// `backup -`: a checked copy made beside the database, then sent to standard output (a
/// supervisor takes it home over SSH: `ssh … backup - > copy.sqlite3`).
fn backup_to_stdout(db: &Db) -> Result<(), Failure> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return Err(Failure::Refused(Refusal::NeedsOut));
    }
    let dir = crate::storage::files::folder(db.path());
    let tmp = dir.join(format!(".backup-{}.sqlite3", std::process::id()));
    let sent = backup_file(db, &tmp).and_then(|()| {
        let bytes = std::fs::read(&tmp).map_err(|e| Failure::File(crate::storage::files::explain(&tmp, &e)))?;
        super::out::bytes(&bytes)
    });
    let _ = std::fs::remove_file(&tmp);
    sent
}

/// A checked copy of the database at `to`.
fn backup_file(db: &Db, to: &Path) -> Result<(), Failure> {
    use crate::storage::BackupError;
    db.backup_to(to).map_err(|e| match e {
        BackupError::OntoItself => Failure::Refused(Refusal::BackupOntoItself),
        BackupError::Exists(p) => Failure::Refused(Refusal::BackupExists(p.display().to_string())),
        BackupError::Write(p, message) => Failure::Refused(Refusal::Write { path: p.display().to_string(), message }),
        BackupError::Storage(e) => Failure::from(e),
    })?;
    // A backup nobody has checked is a hope, not a backup.
    let problems = Db::open_existing(to)?.check()?;
    if !problems.is_empty() {
        return Err(Failure::Unsound(to.to_path_buf(), problems));
    }
    Ok(())
}

pub(super) fn check(db: &Db, lang: Lang, path: &Path) -> Result<(), Failure> {
    let problems = db.check()?;
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

pub(super) fn operator(
    db: &mut Db,
    config: &Config,
    lang: Lang,
    me: &Operator,
    cmd: &OperatorCommand,
) -> Result<(), Failure> {
    match cmd {
        OperatorCommand::List { json } => {
            let ops = db.operators()?;
            if *json {
                out!("{}", serde_json::to_string_pretty(&ops).unwrap_or_else(|_| "[]".into()));
            } else {
                let rows: Vec<Vec<String>> = ops
                    .iter()
                    .map(|o| {
                        let window = o.window.map(|w| i18n::window(lang, w)).unwrap_or_default();
                        let retired = if o.retired { i18n::pick(lang, "（已停用）", " (retired)") } else { "" };
                        vec![o.login.clone(), o.name.clone(), i18n::role(lang, o.role).to_string(), window + retired]
                    })
                    .collect();
                super::out::table(&rows)?;
            }
            Ok(())
        }
        OperatorCommand::Add { login, name, role, window } => {
            if !valid_login(login) {
                return Err(Failure::Refused(Refusal::BadLogin(text::sanitize(login))));
            }
            let role =
                Role::from_str_opt(role).ok_or_else(|| Failure::Refused(Refusal::BadRole(text::sanitize(role))))?;
            let (clean, cut) = text::clean_field(name, 20);
            if clean.is_empty() || cut || text::has_unsafe_chars(name) {
                return Err(Failure::Refused(Refusal::BadName));
            }
            if window.is_some_and(|w| !(1..=99).contains(&w)) {
                return Err(Failure::Refused(Refusal::BadWindow));
            }
            match db.add_operator(&me.login, login, &clean, role, *window)? {
                OperatorChange::Done => {
                    out!("{}", say::operator_added(lang, login, &clean, role));
                    Ok(())
                }
                _ => Err(Failure::Refused(Refusal::LoginExists(login.clone()))),
            }
        }
        OperatorCommand::Retire { login } => {
            let login_clean = text::sanitize(login);
            match db.retire_operator(&me.login, login)? {
                OperatorChange::Done => {
                    out!("{}", say::operator_retired(lang, login));
                    super::keys::after_retire(db, config, lang, me);
                    Ok(())
                }
                OperatorChange::NotFound | OperatorChange::Exists => {
                    Err(Failure::Refused(Refusal::NoSuchOperator(login_clean)))
                }
                OperatorChange::AlreadyRetired => Err(Failure::Refused(Refusal::AlreadyRetired(login_clean))),
                OperatorChange::LastAdmin => Err(Failure::Refused(Refusal::LastAdmin(login_clean))),
            }
        }
    }
}

pub(super) fn import(db: &mut Db, lang: Lang, me: &Operator, what: &ImportCommand) -> Result<(), Failure> {
    match what {
        ImportCommand::Items { file } => {
            let name = file.display().to_string();
            let catalog = Catalog::parse(&name, &setup::read(file)?).map_err(SetupError::from)?;
            let counts = db.import_catalog(&me.login, &name, &catalog)?;
            out!("{}", say::imported(lang, "事项目录", "Catalog", &name, counts));
        }
        ImportCommand::Calendar { file } => {
            let name = file.display().to_string();
            let cal = CalendarFile::parse(&name, &setup::read(file)?).map_err(SetupError::from)?;
            let counts = db.import_calendar(&me.login, &name, &cal)?;
            out!("{}", say::imported(lang, "节假日", "Calendar", &name, counts));
        }
    }
    Ok(())
}
