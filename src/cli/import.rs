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
    }
    Ok(())
}
