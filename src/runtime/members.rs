//! The worker's part for party members: reads, check-ins, hours and feedback files.

use crate::app::members::MembersData;
use crate::app::notice::{MemberChange, Notice};
use crate::app::{Effect, Msg};
use crate::domain::lang::Lang;
use crate::domain::member::halves;
use crate::domain::operator::Permission;
use crate::runtime::worker::WorkerContext;
use crate::storage::{Checked, Db, MemberOpError};
use chrono::Datelike;

/// Carries out one member effect.
pub fn handle(db: &mut Db, ctx: &WorkerContext, e: Effect) -> Vec<Msg> {
    let by = ctx.operator.login.as_str();
    if !ctx.operator.role.may(Permission::Members) {
        return vec![Msg::Denied];
    }
    let now = db.clock().now().naive_local();
    let refused = |e: MemberOpError| vec![Msg::MemberRefused(e)];
    let failed = |e| vec![Msg::DbFailed(e)];
    match e {
        Effect::LoadMembers(held) => {
            // Forgotten check-outs close at their activity's end before anyone counts hours.
            if let Err(e) = db.close_finished(by, now) {
                return failed(e);
            }
            let stamp = match db.members_revision() {
                Ok(revision) => crate::app::members::MembersStamp { revision, today: now.date() },
                Err(e) => return failed(e),
            };
            if held == Some(stamp) {
                return vec![];
            }
            let (target, report_months) = match db.member_settings() {
                Ok(s) => s,
                Err(e) => return failed(e),
            };
            // One read of the members serves the registry and the unit table.
            match db.members(now.year()) {
                Ok(members) => {
                    let units = crate::storage::unit_totals(&members, target);
                    vec![Msg::MembersLoaded(MembersData {
                        stamp,
                        members,
                        units,
                        target,
                        report_months,
                        today: now.date(),
                    })]
                }
                Err(e) => failed(e),
            }
        }
        Effect::LoadMemberRecords(id) => match db.member_records(id, 200) {
            Ok(r) => vec![Msg::MemberRecords(id, r)],
            Err(e) => failed(e),
        },
        Effect::LoadActivities(from, to) => match db.activities(from, to) {
            Ok(l) => vec![Msg::ActivitiesLoaded(l)],
            Err(e) => failed(e),
        },
        Effect::LoadActivityRecords(id) => match db.activity_records(id) {
            Ok(r) => vec![Msg::ActivityRecords(id, r)],
            Err(e) => failed(e),
        },
        Effect::RegisterMember(m) => match db.register_member(by, &m) {
            Ok(m) => vec![Msg::MemberRegistered(m)],
            Err(e) => refused(e),
        },
        Effect::AddActivity(a) => match db.add_activity(by, &a) {
            Ok(a) => vec![Msg::ActivityAdded(a)],
            Err(e) => failed(e),
        },
        Effect::MemberCheck { member, activity, out } => {
            let r = if out {
                db.member_check_out(by, member, activity, now)
            } else {
                db.member_check_in(by, member, activity, now)
            };
            match r {
                Ok(Checked::In(name)) => vec![Msg::MemberDone(Notice::MemberIn(name))],
                Ok(Checked::Out(name, h, p)) => vec![Msg::MemberDone(Notice::MemberOut(name, h, p))],
                Err(e) => refused(e),
            }
        }
        Effect::ManualHours(id, day, half, rate, reason) => match db.manual_hours(by, id, day, half, rate, &reason) {
            Ok(s) => vec![Msg::MemberDone(Notice::MemberChanged(
                MemberChange::Hours,
                format!("{} h {}", halves(s.half_hours), s.what),
            ))],
            Err(e) => refused(e),
        },
        Effect::DeclineRecord(id, reason) => match db.decline_record(by, id, &reason) {
            Ok(s) => vec![Msg::MemberDone(Notice::MemberChanged(MemberChange::Declined, s.what))],
            Err(e) => refused(e),
        },
        Effect::MemberUpdate(id, report, status) => {
            let today = report.then_some(now.date());
            match db.update_member(by, id, today, status) {
                Ok(m) => {
                    let c = if report { MemberChange::Reported } else { MemberChange::Standing };
                    vec![Msg::MemberDone(Notice::MemberChanged(c, m.name))]
                }
                Err(e) => refused(e),
            }
        }
        Effect::RevealMember(id) => match db.reveal_member(by, id) {
            Ok(_) => vec![Msg::MemberRevealed(id)],
            Err(e) => refused(e),
        },
        Effect::Feedback(year, quarter, lang) => write_feedback(db, ctx, lang, year, quarter),
        _ => vec![],
    }
}

/// Writes the quarter's reports (text to print, a spreadsheet to send) next to the receipts.
fn write_feedback(db: &mut Db, ctx: &WorkerContext, lang: Lang, year: i32, quarter: u32) -> Vec<Msg> {
    use crate::export::feedback::{Format, write_all};
    let now = db.clock().now().naive_local();
    if let Err(e) = db.close_finished(&ctx.operator.login, now) {
        return vec![Msg::DbFailed(e)];
    }
    let units = match db.feedback(year, quarter) {
        Ok(u) => u,
        Err(e) => return vec![Msg::DbFailed(e)],
    };
    if units.is_empty() {
        return vec![Msg::MemberDone(Notice::FeedbackSaved(0, String::new()))];
    }
    let community = db.setting("centre_name").ok().flatten().unwrap_or_default();
    let dir = ctx.receipts_dir.join("feedback").join(format!("{year}Q{quarter}"));
    for format in [Format::Text, Format::Xlsx] {
        if let Err(t) = write_all(lang, &units, &community, &dir, format) {
            return vec![Msg::ReceiptFailed(t)];
        }
    }
    vec![Msg::MemberDone(Notice::FeedbackSaved(units.len(), dir.display().to_string()))]
}
