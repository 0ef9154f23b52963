//! `operator add|list|set|retire`: who may use the desk, in which role.

use super::out::out;
use super::{Failure, args::*};
use crate::domain::config::Config;
use crate::domain::lang::Lang;
use crate::domain::operator::{Operator, Role, valid_login};
use crate::domain::text;
use crate::i18n::cli::{self as say, Refusal};
use crate::i18n::words::cli_operators::{W, say};
use crate::i18n::{self};
use crate::storage::{Db, OperatorChange};

/// Carries out one `operator` subcommand.
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
                        let retired = if o.retired { say(lang, W::Retired) } else { "" };
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
        OperatorCommand::Restore { login } => match db.restore_operator(&me.login, login)? {
            OperatorChange::Done => {
                out!("{}", say::operator_restored(lang, login));
                Ok(())
            }
            OperatorChange::Exists => Err(Failure::Refused(Refusal::NotRetired(text::sanitize(login)))),
            _ => Err(Failure::Refused(Refusal::NoSuchOperator(text::sanitize(login)))),
        },
    }
}
