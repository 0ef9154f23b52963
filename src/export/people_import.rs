//! The import of people as the command line and the dashboard's command prompt both run it:
//! the report file the office fixes its sheet from, and the desk's preview and batch.

use crate::domain::import::Kind;
use crate::domain::lang::Lang;
use crate::domain::resident::mask_id;
use crate::export::csv::{Cell, write};
use crate::i18n::fill;
use crate::i18n::words::cli_import::{self as words, W};
use crate::model::import::{ImportUndoError, Plan};
use crate::storage::Db;
use std::path::{Path, PathBuf};

/// `一网格-导入报告.csv` beside the (first) file.
pub fn report_beside(lang: Lang, file: &Path) -> PathBuf {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = match lang {
        Lang::Zh => format!("{stem}-导入报告.csv"),
        Lang::En => format!("{stem}-import-report.csv"),
    };
    file.with_file_name(name)
}

/// The report the office reads and fixes its file from: every row to add, to change (with the
/// fields), held for a supervisor, refused (with the cell and the reason).
pub fn report_csv(lang: Lang, p: &Plan) -> String {
    use crate::domain::import::{At, column_letter};
    let row = |at: &At, col: Option<usize>, result: W, detail: String| {
        let line = if at.line == 0 { Cell::Empty } else { Cell::Num(at.line as f64) };
        vec![
            Cell::Text(at.file.clone()),
            Cell::Text(at.sheet.clone()),
            line,
            Cell::Text(col.map(column_letter).unwrap_or_default()),
            Cell::Text(words::say(lang, result).to_string()),
            Cell::Text(detail),
        ]
    };
    let who = |r: &crate::domain::import::Row| format!("{} {}", r.person.name(), mask_id(r.person.id_number()));
    let mut rows = vec![crate::export::csv::texts(&words::say(lang, W::ReportHeader).split(',').collect::<Vec<_>>())];
    for r in &p.refused {
        rows.push(row(&r.at, r.column, W::Refuse, words::problem(lang, &r.problem)));
    }
    for h in &p.held {
        let detail = format!("{}: {}", who(&h.row), fill(words::say(lang, W::Held), &[&h.on_file.name()]));
        rows.push(row(&h.row.at, None, W::ForSupervisor, detail));
    }
    for c in &p.change {
        rows.push(row(&c.row.at, None, W::Change, format!("{}: {}", who(&c.row), c.fields.join("; "))));
    }
    for a in &p.add {
        rows.push(row(&a.at, None, W::Add, who(a)));
    }
    write(&rows, true, true)
}

/// `import residents|members FILE…` typed at the dashboard's command prompt: without `confirm`
/// the preview (the report written beside the file, its counts and refusals to read); with it,
/// the batch. Lines for the desk's reading panel, the first the toast.
pub fn desk_import(
    db: &mut Db,
    by: &str,
    kind: Kind,
    files: &[String],
    confirmed: bool,
    lang: Lang,
) -> Result<String, String> {
    let said = |e: crate::storage::StorageError| crate::i18n::storage_error(lang, &e);
    let mut sheets = Vec::new();
    for f in files {
        match super::people_in::read(Path::new(f)) {
            Ok(s) => sheets.extend(s),
            Err(u) if u.kind => return Err(fill(words::say(lang, W::NotASheet), &[&u.path])),
            Err(u) => return Err(format!("{}: {}", u.path, u.message)),
        }
    }
    let today = db.clock().now().date_naive();
    let read = crate::domain::import::read(&sheets, kind, &[], today);
    drop(sheets);
    let plan = db.import_plan(kind, read).map_err(said)?;
    let report = report_beside(lang, Path::new(&files[0]));
    std::fs::write(&report, report_csv(lang, &plan)).map_err(|e| format!("{}: {e}", report.display()))?;
    let mut lines = Vec::new();
    if !confirmed {
        lines.push(words::preview(lang, &plan));
        lines.push(words::say(lang, W::ConfirmInDesk).to_string());
    } else if plan.add.is_empty() && plan.change.is_empty() {
        lines.push(words::nothing(lang, &plan));
    } else {
        let batch = db
            .import_apply(by, &plan, &files.join(", "), crate::storage::IMPORT_CHUNK, &mut |_, _| {})
            .map_err(said)?;
        lines.push(words::imported(lang, &batch, &plan));
    }
    lines.extend(words::excel_numbers(lang, &plan.refused));
    let others = plan.refused.iter().filter(|r| r.problem != crate::domain::import::Problem::ExcelNumber);
    lines.extend(others.take(200).map(|r| words::refusal(lang, r)));
    lines.push(fill(words::say(lang, W::ReportAt), &[&report.display()]));
    Ok(lines.join("\n"))
}

/// `import undo BATCH` at the dashboard's command prompt.
pub fn desk_undo(db: &mut Db, by: &str, batch: i64, lang: Lang) -> Result<String, String> {
    match db.import_undo(by, batch) {
        Ok(u) => Ok(words::undone(lang, &u).join("\n")),
        Err(ImportUndoError::Storage(e)) => Err(crate::i18n::storage_error(lang, &e)),
        Err(ImportUndoError::NotFound) => Err(fill(words::say(lang, W::NoBatch), &[&batch])),
        Err(ImportUndoError::Undone(at)) => Err(fill(words::say(lang, W::UndoneAlready), &[&batch, &at])),
    }
}
