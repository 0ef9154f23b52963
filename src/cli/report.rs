//! `report daily|monthly`: the street office's figures as JSON, CSV or a workbook.

use super::{Failure, args::*};
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::domain::text;
use crate::i18n::cli::Refusal;
use crate::storage::{Db, Outflow, REPORT_ACTION};
use std::path::Path;

/// The report format asked for. A workbook may go to standard output only when that is a file
/// or a pipe (over SSH: `ssh … report daily --format xlsx > day.xlsx`), never onto a terminal.
pub(super) fn format_to(format: ReportFormat, out: Option<&Path>) -> Result<crate::export::report::Format, Failure> {
    use crate::export::report::Format;
    let format = match format {
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Xlsx => Format::Xlsx,
        ReportFormat::Json => Format::Json,
    };
    if format == Format::Xlsx && out.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(Failure::Refused(Refusal::NeedsOut));
    }
    Ok(format)
}

/// Writes the daily or monthly report of a day, to a file or to standard output.
pub(super) fn report(
    db: &mut Db,
    lang: Lang,
    me: &Operator,
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
    let format = format_to(format, out)?;
    let (from, to) = crate::domain::report::span(monthly, day);
    let r = db.report(from, to, db.wait_target_minutes()?)?;
    super::out::document(out, || crate::export::report::render(lang, &r, format))?;
    // Written, so audited: who, which period, how many rows, where to.
    let what = format!("{from}..{to}");
    let to = out.map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let format = match format {
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
        Format::Json => "json",
    };
    let o = Outflow { action: REPORT_ACTION, what: &what, format, rows: crate::export::report::row_count(&r), to: &to };
    Ok(db.note_outflow(&me.login, &o)?)
}
