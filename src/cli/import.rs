//! `import items|calendar`: the catalog and the holiday schedule from their files;
//! `import residents|members`: offices' registers and rosters, previewed, in one batch;
//! `import batches|undo`: the batches on file, and taking one back.

use super::out::out;
use super::{Failure, args::*};
use crate::domain::calendar::CalendarFile;
use crate::domain::catalog::Catalog;
use crate::domain::import::{Field, Kind};
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::i18n::cli::{self as say, Refusal};
use crate::i18n::fill;
use crate::i18n::words::cli_import::{self as words, W};
use crate::model::import::ImportUndoError;
use crate::setup::{self, SetupError};
use crate::storage::Db;

/// Imports the catalog or a calendar file (all or nothing), or people in a batch.
pub(super) fn import(db: &mut Db, lang: Lang, me: &Operator, what: &ImportCommand) -> Result<(), Failure> {
    match what {
        ImportCommand::Items { file } => {
            let name = file.display().to_string();
            let catalog = Catalog::parse(&name, &setup::read(file)?).map_err(SetupError::from)?;
            let counts = db.import_catalog(&me.login, &name, &catalog)?;
            out!("{}", say::imported(lang, "事项目录", "Catalog", &name, counts));
        }
        ImportCommand::Calendar { file, replace_year } => {
            let name = file.display().to_string();
            let cal = CalendarFile::parse(&name, &setup::read(file)?).map_err(SetupError::from)?;
            let done = db.import_calendar(&me.login, &name, &cal, *replace_year)?;
            for line in crate::i18n::calendar_import::report(lang, &name, &done, "--replace-year") {
                out!("{line}");
            }
        }
        ImportCommand::Residents(p) => people(db, lang, me, Kind::Residents, p)?,
        ImportCommand::Members(p) => people(db, lang, me, Kind::Members, p)?,
        ImportCommand::Batches => {
            let batches = db.import_batches()?;
            if batches.is_empty() {
                out!("{}", words::say(lang, W::NoBatches));
            }
            for b in &batches {
                out!("{}", words::batch(lang, b));
            }
        }
        ImportCommand::Undo { batch } => match db.import_undo(&me.login, *batch) {
            Ok(u) => {
                for line in words::undone(lang, &u) {
                    out!("{line}");
                }
            }
            Err(ImportUndoError::Storage(e)) => return Err(e.into()),
            Err(ImportUndoError::NotFound) => return Err(told(fill(words::say(lang, W::NoBatch), &[batch]))),
            Err(ImportUndoError::Undone(at)) => {
                return Err(told(fill(words::say(lang, W::UndoneAlready), &[batch, &at])));
            }
        },
        ImportCommand::Grid { file } => {
            use crate::i18n::words::requests as words;
            use crate::model::requests::RequestOpError;
            let src = setup::read(file)?;
            let csv = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let layout = if csv { crate::domain::grid::parse_csv(&src) } else { crate::domain::grid::parse_toml(&src) };
            let told =
                |e: RequestOpError| super::Failure::Refused(crate::i18n::cli::Refusal::Told(words::error(lang, &e)));
            let layout = layout.map_err(|e| told(RequestOpError::Layout { line: e.line, what: e.what }))?;
            let done = db.import_grid(&me.login, &layout).map_err(told)?;
            out!(
                "{}",
                words::imported(lang, &file.display().to_string(), &done, layout.services.len(), layout.contacts.len())
            );
        }
    }
    Ok(())
}

/// A refusal in this command's own words, said now on stderr; exit code 2 (bad input).
fn told(message: String) -> Failure {
    eprintln!("{message}");
    Failure::Told(Box::new(Failure::Refused(Refusal::BadDate(String::new()))))
}

/// The `--map` pairs, each `列名=field`.
fn maps(lang: Lang, kind: Kind, given: &[String]) -> Result<Vec<(String, Field)>, Failure> {
    let fields = match kind {
        Kind::Residents => "name, id_number, phone, address, estate, building, unit, room, grid, tags",
        Kind::Members => "name, id_number, phone, unit, branch, address, grid, reported_on, skills, intentions",
    };
    given
        .iter()
        .map(|m| {
            m.split_once('=')
                .and_then(|(col, f)| Some((col.trim().to_string(), Field::parse(kind, f)?)))
                .filter(|(col, _)| !col.is_empty())
                .ok_or_else(|| told(fill(words::say(lang, W::BadMap), &[m, &fields])))
        })
        .collect()
}

/// Reads the files, previews against who is on file, writes the report, and (without
/// `--dry-run`) imports the batch with a progress line on a terminal.
fn people(db: &mut Db, lang: Lang, me: &Operator, kind: Kind, p: &PeopleImport) -> Result<(), Failure> {
    let map = maps(lang, kind, &p.map)?;
    let mut sheets = Vec::new();
    for f in &p.files {
        match crate::export::people_in::read(f) {
            Ok(s) => sheets.extend(s),
            Err(u) if u.kind => return Err(told(fill(words::say(lang, W::NotASheet), &[&u.path]))),
            Err(u) => return Err(Failure::Refused(Refusal::Read { path: u.path, message: u.message })),
        }
    }
    let today = db.clock().now().date_naive();
    let read = crate::domain::import::read(&sheets, kind, &map, today);
    drop(sheets);
    let plan = db.import_plan(kind, read)?;
    let report = p.report.clone().unwrap_or_else(|| crate::export::people_import::report_beside(lang, &p.files[0]));
    std::fs::write(&report, crate::export::people_import::report_csv(lang, &plan))
        .map_err(|e| Failure::Refused(Refusal::Write { path: report.display().to_string(), message: e.to_string() }))?;
    for line in words::excel_numbers(lang, &plan.refused) {
        eprintln!("{line}");
    }
    for r in plan.refused.iter().filter(|r| r.problem != crate::domain::import::Problem::ExcelNumber).take(20) {
        eprintln!("{}", words::refusal(lang, r));
    }
    if p.dry_run {
        out!("{}", words::preview(lang, &plan));
    } else if plan.add.is_empty() && plan.change.is_empty() {
        out!("{}", words::nothing(lang, &plan));
    } else {
        let files: Vec<String> = p.files.iter().map(|f| f.display().to_string()).collect();
        let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
        let mut progress = |done: usize, total: usize| {
            if terminal {
                eprint!("\r{}", fill(words::say(lang, W::Progress), &[&bar(done, total), &done, &total]));
            }
        };
        let batch = db.import_apply(&me.login, &plan, &files.join(", "), p.chunk, &mut progress)?;
        if terminal {
            eprintln!();
        }
        out!("{}", words::imported(lang, &batch, &plan));
    }
    out!("{}", fill(words::say(lang, W::ReportAt), &[&report.display()]));
    Ok(())
}

/// A progress bar of `done` of `total` rows: 24 cells and the percentage.
fn bar(done: usize, total: usize) -> String {
    const CELLS: usize = 24;
    let full = (done * CELLS).checked_div(total).unwrap_or(CELLS).min(CELLS);
    let percent = (done * 100).checked_div(total).unwrap_or(100).min(100);
    format!("[{}{}] {percent:>3}%", "█".repeat(full), "░".repeat(CELLS - full))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bar_fills_with_the_rows_written_and_never_overflows() {
        assert_eq!(super::bar(0, 100), format!("[{}]   0%", "░".repeat(24)));
        assert_eq!(super::bar(50, 100), format!("[{}{}]  50%", "█".repeat(12), "░".repeat(12)));
        assert_eq!(super::bar(100, 100), format!("[{}] 100%", "█".repeat(24)));
        assert_eq!(super::bar(7, 0), format!("[{}] 100%", "█".repeat(24)));
        assert_eq!(super::bar(200, 100), format!("[{}] 100%", "█".repeat(24)));
    }
}
