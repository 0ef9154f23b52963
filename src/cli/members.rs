//! `members …`: the party-member desk from the shell: lists, feedback reports, settings.

use super::find::print_members;
use super::out::out;
use super::{Failure, args::*};
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::domain::text;
use crate::i18n::cli::{self as say, Refusal};
use crate::i18n::words::cli_members::{W, say};
use crate::storage::Db;
use std::path::PathBuf;

/// Carries out one `members` subcommand.
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
        MembersCommand::Settings { target, report_months, approval_hours } => {
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
            if let Some(h) = approval_hours {
                if !(1..=24).contains(h) {
                    return Err(bad("--approval-hours (1-24)", *h));
                }
                db.set_setting(&me.login, crate::storage::APPROVAL_KEY, &h.to_string())?;
            }
            let (t, m) = db.member_settings()?;
            out!("{}", say::member_settings(lang, t, m));
            out!("{}", crate::i18n::fill(say(lang, W::ApprovalAbove), &[&db.approval_hours()?]));
            Ok(())
        }
        MembersCommand::Feedback { quarter, format, out, unit } => {
            let (year, q) = crate::domain::member::parse_quarter(quarter)
                .ok_or_else(|| Failure::Refused(Refusal::BadQuarter(text::sanitize(quarter))))?;
            // A check-in nobody closed would otherwise be missing from the report.
            db.close_finished(crate::storage::SYSTEM, db.clock().now().naive_local())?;
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
            let community = db.setting("centre_name")?.unwrap_or_else(|| say(lang, W::Community).into());
            let dir = out.clone().unwrap_or_else(|| PathBuf::from("."));
            let format = match format {
                FeedbackFormat::Text => crate::export::feedback::Format::Text,
                FeedbackFormat::Csv => crate::export::feedback::Format::Csv,
                FeedbackFormat::Xlsx => crate::export::feedback::Format::Xlsx,
            };
            let written =
                crate::export::feedback::write_all(lang, &units, &community, &dir, format).map_err(Failure::File)?;
            let what = match unit {
                Some(u) => format!("{year}Q{q} {}", u.trim()),
                None => format!("{year}Q{q}"),
            };
            let ext = match format {
                crate::export::feedback::Format::Text => "txt",
                crate::export::feedback::Format::Csv => "csv",
                crate::export::feedback::Format::Xlsx => "xlsx",
            };
            let rows = crate::export::feedback::row_count(&units);
            let to = dir.display().to_string();
            let o = crate::storage::Outflow {
                action: crate::storage::FEEDBACK_ACTION,
                what: &what,
                format: ext,
                rows,
                to: &to,
            };
            db.note_outflow(&me.login, &o)?;
            for path in written {
                out!("{}", path.display());
            }
            Ok(())
        }
    }
}
