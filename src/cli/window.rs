//! `window …`: the counters, their categories, and freeing one left with a number open.

use super::out::out;
use super::queue::queue_failure;
use super::{Failure, args::*};
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::domain::text;
use crate::i18n::cli::Refusal;
use crate::i18n::{self};
use crate::storage::Db;

/// Carries out one `window` subcommand.
pub(super) fn window(db: &mut Db, lang: Lang, me: &Operator, cmd: &WindowCommand) -> Result<(), Failure> {
    match cmd {
        WindowCommand::List => {
            let rows: Vec<Vec<String>> = db
                .windows()?
                .into_iter()
                .map(|w| {
                    let who = w.operator.clone().unwrap_or_default();
                    vec![i18n::window(lang, w.number), w.name, format!("[{}]", w.categories.join(",")), who]
                })
                .collect();
            super::out::table(&rows)
        }
        WindowCommand::Free { number, back_in_line, no_show } => {
            use crate::domain::queue::OpenFate;
            let fate = match (back_in_line, no_show) {
                (true, _) => Some(OpenFate::BackInLine),
                (_, true) => Some(OpenFate::NoShow),
                _ => None,
            };
            let freed = db.free_window(&me.login, *number, fate).map_err(queue_failure)?;
            out!("{}", i18n::queue::freed(lang, &freed));
            Ok(())
        }
        WindowCommand::Set { number, name, categories } => {
            if !(1..=99).contains(number) {
                return Err(Failure::Refused(Refusal::BadWindow));
            }
            let known: Vec<String> = db.categories()?.into_iter().map(|c| c.code).collect();
            let cats: Vec<String> =
                categories.iter().map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()).collect();
            if let Some(bad) = cats.iter().find(|c| !known.contains(c)) {
                return Err(Failure::Queue(crate::storage::QueueError::UnknownCategory(bad.clone())));
            }
            let (name, _) = text::clean_field(name, 20);
            if name.is_empty() {
                return Err(Failure::Refused(Refusal::BadName));
            }
            db.set_window(&me.login, *number, &name, &cats)?;
            out!("{} {name} [{}]", i18n::window(lang, *number), cats.join(","));
            Ok(())
        }
    }
}
