//! `import items|calendar`: the catalog and the holiday schedule from their files.

use super::out::out;
use super::{Failure, args::*};
use crate::domain::calendar::CalendarFile;
use crate::domain::catalog::Catalog;
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::i18n::cli::{self as say};
use crate::setup::{self, SetupError};
use crate::storage::Db;

/// Imports the catalog or a calendar file (all or nothing).
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
