//! `export residents|members`: a supervisor's copy of the people on file, as a workbook or CSV,
//! ID numbers and phones masked unless `--reveal`; audited either way.

use super::{Failure, args::*};
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::export::people::{self, Format};
use crate::i18n::cli::Refusal;
use crate::i18n::fill;
use crate::i18n::words::cli_import::{self as words, W};
use crate::storage::Db;
use std::path::Path;

/// Writes the residents or members to a file or standard output, then audits it.
pub(super) fn export(
    db: &mut Db,
    lang: Lang,
    me: &Operator,
    what: PeopleKind,
    format: PeopleFormat,
    reveal: bool,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let format = match format {
        PeopleFormat::Csv => Format::Csv,
        PeopleFormat::Xlsx => Format::Xlsx,
    };
    if format == Format::Xlsx && out.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(Failure::Refused(Refusal::NeedsOut));
    }
    let (rows, sheet) = match what {
        PeopleKind::Residents => (people::residents(lang, &db.residents()?, reveal), words::say(lang, W::Residents)),
        PeopleKind::Members => (people::members(lang, &db.all_members()?, reveal), words::say(lang, W::Members)),
    };
    super::out::document(out, || people::render(&rows, format, sheet))?;
    let to = out.map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let n = rows.len() - 1;
    let format = if format == Format::Csv { "csv" } else { "xlsx" };
    db.note_people_export(&me.login, what == PeopleKind::Members, format, n, reveal, &to)?;
    if out.is_some() {
        eprintln!("{}", fill(words::say(lang, W::Exported), &[&n, &to]));
    }
    Ok(())
}
