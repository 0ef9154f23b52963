//! The worker's part for party members: reads, check-ins, hours and feedback files.

use super::context::{Answer, WorkerContext, failed};
use super::jobs::Job;
use crate::app::Msg;
use crate::app::members::{Entries, MembersData, MembersStamp};
use crate::app::notice::{MemberChange, Notice};
use crate::domain::lang::Lang;
use crate::domain::member::{Activity, Member, MemberStatus, halves};
use crate::storage::{Checked, Db, MemberOpError};
use chrono::{Datelike, NaiveDate};

fn refused(e: MemberOpError) -> Vec<Msg> {
    vec![Msg::MemberRefused(e)]
}

/// Members with this year's totals, unit totals and settings, unless what the session holds
/// (`held`) is still current.
pub fn load(db: &mut Db, held: Option<MembersStamp>) -> Vec<Msg> {
    let now = db.clock().now().naive_local();
    // Forgotten check-outs close at their activity's end before anyone counts hours: the
    // system's doing, not the clerk's who happens to look.
    if let Err(e) = db.close_finished(crate::storage::SYSTEM, now) {
        return failed(e);
    }
    let stamp = match db.members_revision() {
        Ok(revision) => MembersStamp { revision, today: now.date() },
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
            // Reading pinyin is the slow part of indexing: done here, the UI only appends.
            let docs = members.iter().map(|m| crate::search::member_document(&m.member));
            let prepared = Entries(Some(crate::search::Prepared::new(docs)));
            let today = now.date();
            vec![Msg::MembersLoaded(MembersData { stamp, members, units, target, report_months, today, prepared })]
        }
        Err(e) => failed(e),
    }
}

/// One member's records.
pub fn records(db: &Db, id: i64) -> Vec<Msg> {
    match db.member_records(id, 200) {
        Ok(r) => vec![Msg::MemberRecords(id, r)],
        Err(e) => failed(e),
    }
}

/// The activities starting between two days.
pub fn activities(db: &Db, from: NaiveDate, to: NaiveDate) -> Vec<Msg> {
    match db.activities(from, to) {
        Ok(l) => vec![Msg::ActivitiesLoaded(l)],
        Err(e) => failed(e),
    }
}

/// One activity's records with names.
pub fn activity_records(db: &Db, id: i64) -> Vec<Msg> {
    match db.activity_records(id) {
        Ok(r) => vec![Msg::ActivityRecords(id, r)],
        Err(e) => failed(e),
    }
}

/// Registers a member.
pub fn register(db: &mut Db, by: &str, m: &Member) -> Vec<Msg> {
    match db.register_member(by, m) {
        Ok(m) => vec![Msg::MemberRegistered(m)],
        Err(e) => refused(e),
    }
}

/// Creates an activity.
pub fn add_activity(db: &mut Db, by: &str, a: &Activity) -> Vec<Msg> {
    match db.add_activity(by, a) {
        Ok(a) => vec![Msg::ActivityAdded(a)],
        Err(e) => failed(e),
    }
}

/// Checks a member in (or out) at an activity, now.
pub fn check(db: &mut Db, by: &str, member: i64, activity: i64, out: bool) -> Vec<Msg> {
    let now = db.clock().now().naive_local();
    let r = if out {
        db.member_check_out(by, member, activity, now)
    } else {
        db.member_check_in(by, member, activity, now)
    };
    match r {
        Ok(Checked::In(name, false)) => vec![Msg::MemberDone(Notice::MemberIn(name))],
        Ok(Checked::In(name, true)) => vec![Msg::MemberDone(Notice::MemberChanged(MemberChange::Late, name))],
        Ok(Checked::Out(name, h, p)) => vec![Msg::MemberDone(Notice::MemberOut(name, h, p))],
        Err(e) => refused(e),
    }
}

/// Hours entered by hand: member, day, half hours, points per hour, reason.
pub fn manual_hours(
    db: &mut Db,
    by: &str,
    (id, day): (i64, NaiveDate),
    half: u32,
    rate: u32,
    reason: &str,
) -> Vec<Msg> {
    match db.manual_hours(by, id, day, half, rate, reason) {
        Ok(s) => {
            let name = db.member(id).ok().flatten().map(|m| m.name).unwrap_or_default();
            let what = format!("{name} {day} {} h {}", halves(s.half_hours), s.what);
            let c = if s.pending { MemberChange::Pending } else { MemberChange::Hours };
            vec![Msg::MemberDone(Notice::MemberChanged(c, what))]
        }
        Err(e) => refused(e),
    }
}

/// Declines a record with a reason (hours are never deleted).
pub fn decline(db: &mut Db, by: &str, id: i64, reason: &str) -> Vec<Msg> {
    match db.decline_record(by, id, reason) {
        Ok(s) => {
            // Named with the member: a decline cannot be undone and goes to the unit's feedback.
            let name = db.member(s.member_id).ok().flatten().map(|m| m.name).unwrap_or_default();
            let what = format!("{name} · {} {}", s.start.date(), s.what);
            vec![Msg::MemberDone(Notice::MemberChanged(MemberChange::Declined, what))]
        }
        Err(e) => refused(e),
    }
}

/// A new report today, and/or a new standing.
pub fn update(db: &mut Db, by: &str, id: i64, report: bool, status: Option<MemberStatus>) -> Vec<Msg> {
    let today = report.then_some(db.clock().now().date_naive());
    match db.update_member(by, id, today, status) {
        Ok(m) => {
            let c = if report { MemberChange::Reported } else { MemberChange::Standing };
            vec![Msg::MemberDone(Notice::MemberChanged(c, m.name))]
        }
        Err(e) => refused(e),
    }
}

/// Records that a member's masked fields were shown.
pub fn reveal(db: &mut Db, by: &str, id: i64) -> Vec<Msg> {
    match db.reveal_member(by, id) {
        Ok(_) => vec![Msg::MemberRevealed(id)],
        Err(e) => refused(e),
    }
}

/// Reads the quarter's figures per work unit; the job thread writes the reports (text to
/// print, a spreadsheet to send) next to the receipts.
pub fn feedback_job(db: &mut Db, ctx: &WorkerContext, lang: Lang, year: i32, quarter: u32) -> Answer {
    let now = db.clock().now().naive_local();
    if let Err(e) = db.close_finished(crate::storage::SYSTEM, now) {
        return failed(e).into();
    }
    let units = match db.feedback(year, quarter) {
        Ok(u) => u,
        Err(e) => return failed(e).into(),
    };
    if units.is_empty() {
        return Msg::MemberDone(Notice::FeedbackSaved(0, String::new())).into();
    }
    let community = db.setting("centre_name").ok().flatten().unwrap_or_default();
    let dir = ctx.receipts_dir.join("feedback").join(format!("{year}Q{quarter}"));
    // Audited as it is handed to the writer: no audit row, no files.
    let (what, to) = (format!("{year}Q{quarter}"), dir.display().to_string());
    let rows = crate::export::feedback::row_count(&units);
    let o = crate::storage::Outflow {
        action: crate::storage::FEEDBACK_ACTION,
        what: &what,
        format: "txt+xlsx",
        rows,
        to: &to,
    };
    if let Err(e) = db.note_outflow(ctx.by(), &o) {
        return failed(e).into();
    }
    Job::Feedback(dir, units, community, lang).into()
}

/// Hand entries awaiting a supervisor's approval.
pub fn pending(db: &Db) -> Vec<Msg> {
    match db.pending_hours() {
        Ok(p) => vec![Msg::PendingHours(p)],
        Err(e) => failed(e),
    }
}

/// A supervisor approves (no reason) or rejects (with one) a hand entry.
pub fn decide(db: &mut Db, by: &str, id: i64, reject: Option<&str>) -> Vec<Msg> {
    match db.decide_hours(by, id, reject) {
        Ok((s, name)) => {
            let c = if reject.is_some() { MemberChange::Rejected } else { MemberChange::Approved };
            let what = format!("{name} {} {} h {}", s.start.date(), halves(s.half_hours), s.what);
            vec![Msg::MemberDone(Notice::MemberChanged(c, what))]
        }
        Err(e) => refused(e),
    }
}
