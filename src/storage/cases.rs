//! Service cases: intake, transitions with optimistic locking, ratings, materials and prints (reads are in `case_reads`).

use super::{AuditEntry, Db};
use crate::domain::calendar::Calendar;
use crate::domain::case::{
    Case, CaseError, CaseState, Channel, FOLLOW_UP_DAYS, IntakeOutcome, MaterialStatus, NOTICE_WINDOW_DAYS, Transition,
    due_date, intake_outcome, next_state, rating_is_bad,
};
use crate::domain::catalog::{LimitUnit, Material, TimeLimit};
pub use crate::model::cases::{
    CaseCounts, CaseFilter, CaseKey, CaseOpError, DEFAULT_CLOSING, IntakeRequest, MaterialEvent,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{OptionalExtension, Row, Transaction, params};

impl From<rusqlite::Error> for CaseOpError {
    fn from(e: rusqlite::Error) -> Self {
        CaseOpError::Storage(e.into())
    }
}

/// Result of case operations.
pub type CaseResult<T> = std::result::Result<T, CaseOpError>;

pub(super) const CASE_COLUMNS: &str =
    "c.id, c.number, c.item_code, s.name, c.resident_id, r.name, r.id_number, c.operator,
    c.channel, c.state, c.before_suspension, c.received_at, c.accepted_at, c.due_date, c.notice_deadline,
    c.suspended_days, c.suspended_at, c.completed_at, c.rating, c.follow_up_due, c.follow_up_done, c.version,
    (SELECT min(m.promised_date) FROM case_materials m WHERE m.case_id = c.id AND m.status = 'waived')
    FROM cases c JOIN service_items s ON s.code = c.item_code JOIN residents r ON r.id = c.resident_id";

/// `text` with LIKE's wildcards escaped (by a backslash), so they match themselves.
pub(super) fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

pub(super) fn time(s: Option<String>) -> Option<NaiveDateTime> {
    s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()).map(|t| t.naive_local())
}

pub(super) fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

pub(super) fn row_to_case(r: &Row<'_>) -> rusqlite::Result<Case> {
    let bad = |i: usize| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, "case".into());
    let channel: String = r.get(8)?;
    let state: String = r.get(9)?;
    let before: Option<String> = r.get(10)?;
    Ok(Case {
        id: r.get(0)?,
        number: r.get(1)?,
        item_code: r.get(2)?,
        item_name: r.get(3)?,
        resident_id: r.get(4)?,
        resident_name: r.get(5)?,
        resident_id_number: r.get(6)?,
        operator: r.get(7)?,
        channel: Channel::from_str_opt(&channel).ok_or_else(|| bad(8))?,
        state: CaseState::from_str_opt(&state).ok_or_else(|| bad(9))?,
        before_suspension: before.as_deref().and_then(CaseState::from_str_opt),
        received_at: time(r.get(11)?).ok_or_else(|| bad(11))?,
        accepted_at: time(r.get(12)?),
        due: date(r.get(13)?),
        notice_deadline: date(r.get(14)?),
        suspended_days: r.get(15)?,
        suspended_at: time(r.get(16)?),
        completed_at: time(r.get(17)?),
        rating: r.get(18)?,
        follow_up_due: date(r.get(19)?),
        follow_up_done: r.get(20)?,
        version: r.get(21)?,
        promised_by: date(r.get(22)?),
    })
}

pub(super) fn load_case(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Option<Case>> {
    tx.query_row(&format!("SELECT {CASE_COLUMNS} WHERE c.id = ?1"), [id], row_to_case).optional()
}

fn item_limit(tx: &Transaction<'_>, code: &str) -> rusqlite::Result<Option<TimeLimit>> {
    tx.query_row("SELECT limit_n, limit_unit FROM service_items WHERE code = ?1", [code], |r| {
        let unit: String = r.get(1)?;
        Ok(TimeLimit { n: r.get(0)?, unit: LimitUnit::from_str_opt(&unit).unwrap_or(LimitUnit::WorkingDays) })
    })
    .optional()
}

#[allow(clippy::too_many_arguments)]
pub(super) fn event(
    tx: &Transaction<'_>,
    case_id: i64,
    at: &str,
    by: &str,
    kind: &str,
    from: Option<CaseState>,
    to: Option<CaseState>,
    reason: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO case_events (case_id, at, operator, kind, from_state, to_state, reason, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![case_id, at, by, kind, from.map(|s| s.as_str()), to.map(|s| s.as_str()), reason, detail],
    )?;
    Ok(())
}

/// The calendar the stored dates make: one construction for the desk's counts
/// ([`Db::calendar`]) and a calendar import's recount, so both count alike.
pub(super) fn calendar_of(days: Vec<crate::domain::calendar::CalendarDay>) -> Calendar {
    Calendar::new(days)
}

/// The last day to bring what a one-time notice issued on `day` lists: the count intake and a
/// calendar import share.
pub(super) fn notice_deadline(cal: &Calendar, day: NaiveDate) -> NaiveDate {
    cal.add_working_days(day, NOTICE_WINDOW_DAYS)
}

/// An open case's stored date counted again on `cal`, by the very count acceptance and resume
/// use: (which date, as stored, as counted, the day the count starts). None for a case with no
/// date that runs on the calendar.
pub(super) fn recount(
    tx: &Transaction<'_>,
    case: &Case,
    cal: &Calendar,
    closing: NaiveTime,
) -> rusqlite::Result<Option<(crate::model::DueKind, NaiveDate, NaiveDate, NaiveDate)>> {
    use crate::model::DueKind;
    if !case.state.is_open() {
        return Ok(None);
    }
    match (case.accepted_at, case.due, case.notice_deadline) {
        (Some(acc), Some(due), _) => Ok(item_limit(tx, &case.item_code)?
            .map(|limit| (DueKind::Due, due, due_date(cal, acc, closing, limit, case.suspended_days).due, acc.date()))),
        (None, None, Some(deadline)) => {
            let from = case.received_at.date();
            Ok(Some((DueKind::NoticeDeadline, deadline, notice_deadline(cal, from), from)))
        }
        _ => Ok(None),
    }
}

/// Takes the next number of a per-day counter inside the caller's transaction.
pub(super) fn next_counter(tx: &Transaction<'_>, name: &str, day: &str) -> rusqlite::Result<i64> {
    tx.query_row(
        "INSERT INTO counters (name, day, value) VALUES (?1, ?2, 1)
         ON CONFLICT (name, day) DO UPDATE SET value = value + 1 RETURNING value",
        params![name, day],
        |r| r.get(0),
    )
}

impl Db {
    /// The working-day calendar as stored.
    pub fn calendar(&self) -> super::Result<Calendar> {
        Ok(calendar_of(self.calendar_days()?))
    }

    /// The desk's closing time (setting `closing_time`, HH:MM), for 即办件 due dates.
    pub fn closing_time(&self) -> super::Result<NaiveTime> {
        Ok(self
            .setting("closing_time")?
            .and_then(|s| NaiveTime::parse_from_str(&s, "%H:%M").ok())
            .unwrap_or(DEFAULT_CLOSING))
    }

    /// Runs a case operation in one write transaction: `f` checks the rules before it
    /// writes, and a refusal leaves the database as it was.
    fn case_write<T>(
        &mut self,
        by: &str,
        f: impl FnOnce(&Transaction<'_>, &Ctx) -> CaseResult<(T, Vec<AuditEntry>)>,
    ) -> CaseResult<T> {
        let ctx = Ctx {
            now: self.clock.now().naive_local(),
            now_text: self.clock.now_text(),
            cal: self.calendar()?,
            closing: self.closing_time()?,
        };
        self.write_or_refuse(by, |tx| f(tx, &ctx))
    }

    /// Takes in a case: accepted when the required materials are there (or waived with a
    /// promise), otherwise awaiting materials with the one-time notice's 5-day window.
    pub fn intake(&mut self, by: &str, req: &IntakeRequest) -> CaseResult<Case> {
        self.intake_at(by, None, req)
    }

    /// [`Db::intake`] at counter `window`, which its receipts name even when reprinted elsewhere.
    pub fn intake_at(&mut self, by: &str, window: Option<u16>, req: &IntakeRequest) -> CaseResult<Case> {
        let req = req.clone();
        self.case_write(by, |tx, ctx| {
            let limit = item_limit(tx, &req.item_code)?.ok_or(CaseOpError::NotFound)?;
            let resident: Option<String> =
                tx.query_row("SELECT name FROM residents WHERE id = ?1", [req.resident_id], |r| r.get(0)).optional()?;
            let resident = resident.ok_or(CaseOpError::NotFound)?;
            let today = ctx.now.date();
            // The 容缺 rules are checked against the catalog as stored, whatever the caller sent.
            let spec: String =
                tx.query_row("SELECT materials FROM service_items WHERE code = ?1", [&req.item_code], |r| r.get(0))?;
            let spec: Vec<Material> = serde_json::from_str(&spec).unwrap_or_default();
            let due_if_accepted = due_date(&ctx.cal, ctx.now, ctx.closing, limit, 0).due;
            let outcome = intake_outcome(&req.materials, &spec, today, due_if_accepted)?;
            let day = today.format("%Y%m%d").to_string();
            let number = format!("{day}-{:04}", next_counter(tx, "case", &day)?);
            let (state, accepted_at, due, deadline) = match &outcome {
                IntakeOutcome::Accept => {
                    (CaseState::Accepted, Some(ctx.now_text.clone()), Some(due_if_accepted.to_string()), None)
                }
                IntakeOutcome::Notice(_) => {
                    let deadline = notice_deadline(&ctx.cal, today);
                    (CaseState::AwaitingMaterials, None, None, Some(deadline.to_string()))
                }
            };
            tx.execute(
                "INSERT INTO cases (number, item_code, resident_id, operator, channel, state, received_at, accepted_at,
                     due_date, notice_deadline, updated_at, window)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?7, ?11)",
                params![
                    number,
                    req.item_code,
                    req.resident_id,
                    by,
                    req.channel.as_str(),
                    state.as_str(),
                    ctx.now_text,
                    accepted_at,
                    due,
                    deadline,
                    window
                ],
            )?;
            let id = tx.last_insert_rowid();
            for (seq, m) in req.materials.iter().enumerate() {
                let (status, promised) = match m.status {
                    MaterialStatus::Presented => ("presented", None),
                    MaterialStatus::Missing => ("missing", None),
                    MaterialStatus::Waived(d) => ("waived", Some(d.to_string())),
                };
                // Originals handed over for 代办 are received now.
                let received = (req.channel == Channel::OnBehalf && m.status == MaterialStatus::Presented)
                    .then(|| ctx.now_text.clone());
                tx.execute(
                    "INSERT INTO case_materials (case_id, seq, name, required, status, promised_date, original_received_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![id, seq as i64, m.name, m.required, status, promised, received],
                )?;
            }
            event(tx, id, &ctx.now_text, by, "intake", None, None, "", req.channel.as_str())?;
            match &outcome {
                IntakeOutcome::Accept => {
                    event(tx, id, &ctx.now_text, by, "accept", None, Some(state), "", "")?;
                }
                IntakeOutcome::Notice(missing) => {
                    event(tx, id, &ctx.now_text, by, "notice", None, Some(state), "", &missing.join("、"))?;
                }
            }
            let case = load_case(tx, id)?.ok_or(CaseOpError::NotFound)?;
            let summary = format!("{} {} {} {}", case.number, case.item_code, resident, state.as_str());
            Ok((case, vec![AuditEntry::new("case.intake", "case", id.to_string(), summary)]))
        })
    }

    /// Applies a transition to a case the caller saw at `version`. A newer version means
    /// someone else changed it first: `CaseError::Conflict`, nothing written.
    pub fn transition(&mut self, by: &str, id: i64, version: i64, t: Transition, reason: &str) -> CaseResult<Case> {
        let reason = crate::domain::text::clean_field(reason, 200).0;
        self.case_write(by, |tx, ctx| {
            let case = load_case(tx, id)?.ok_or(CaseOpError::NotFound)?;
            if case.version != version {
                return Err(CaseError::Conflict.into());
            }
            if t.needs_reason() && reason.is_empty() {
                return Err(CaseError::ReasonRequired.into());
            }
            let to = next_state(case.state, t, case.before_suspension)?;
            let today = ctx.now.date();
            let limit = item_limit(tx, &case.item_code)?.ok_or(CaseOpError::NotFound)?;
            let mut due = case.due;
            let mut accepted_at: Option<String> = None;
            let mut suspended_days = case.suspended_days;
            match t {
                Transition::Resume => {
                    if let Some(since) = case.suspended_at {
                        suspended_days += ctx.cal.working_days_between(since.date(), today).max(0) as u32;
                    }
                    if let Some(acc) = case.accepted_at {
                        due = Some(due_date(&ctx.cal, acc, ctx.closing, limit, suspended_days).due);
                    }
                }
                Transition::Supply => {
                    accepted_at = Some(ctx.now_text.clone());
                    due = Some(due_date(&ctx.cal, ctx.now, ctx.closing, limit, 0).due);
                    tx.execute(
                        "UPDATE case_materials SET status = 'presented', supplied_at = ?2
                         WHERE case_id = ?1 AND status = 'missing' AND required = 1",
                        params![id, ctx.now_text],
                    )?;
                }
                _ => {}
            }
            let before = (t == Transition::Suspend).then(|| case.state.as_str());
            let suspended_at = (t == Transition::Suspend).then(|| ctx.now_text.clone());
            let completed_at = (t == Transition::Complete).then(|| ctx.now_text.clone());
            tx.execute(
                "UPDATE cases SET state = ?2, before_suspension = ?3, suspended_at = ?4,
                     suspended_days = ?5, due_date = ?6, accepted_at = coalesce(?7, accepted_at),
                     completed_at = coalesce(?8, completed_at), version = version + 1, updated_at = ?9
                 WHERE id = ?1 AND version = ?10",
                params![
                    id,
                    to.as_str(),
                    before,
                    suspended_at,
                    suspended_days,
                    due.map(|d| d.to_string()),
                    accepted_at,
                    completed_at,
                    ctx.now_text,
                    version
                ],
            )?;
            let detail = match (t, due) {
                (Transition::Resume | Transition::Supply, Some(d)) => d.to_string(),
                _ => String::new(),
            };
            event(tx, id, &ctx.now_text, by, t.as_str(), Some(case.state), Some(to), &reason, &detail)?;
            let fresh = load_case(tx, id)?.ok_or(CaseOpError::NotFound)?;
            let summary = format!("{} {} → {} {reason}", case.number, case.state.as_str(), to.as_str());
            Ok((
                fresh,
                vec![AuditEntry::new("case.transition", "case", id.to_string(), summary.trim_end().to_string())],
            ))
        })
    }

    /// Records the resident's 1–5 rating of a completed case; 1 or 2 opens a follow-up.
    pub fn rate(&mut self, by: &str, id: i64, version: i64, stars: u8) -> CaseResult<Case> {
        self.case_write(by, |tx, ctx| {
            let case = load_case(tx, id)?.ok_or(CaseOpError::NotFound)?;
            if case.version != version {
                return Err(CaseError::Conflict.into());
            }
            if case.state != CaseState::Completed || case.rating.is_some() || !(1..=5).contains(&stars) {
                return Err(CaseError::Rating.into());
            }
            let follow = rating_is_bad(stars)
                .then(|| ctx.cal.add_working_days(ctx.now.date(), FOLLOW_UP_DAYS).to_string());
            tx.execute(
                "UPDATE cases SET rating = ?2, follow_up_due = ?3, version = version + 1, updated_at = ?4 WHERE id = ?1",
                params![id, stars, follow, ctx.now_text],
            )?;
            event(tx, id, &ctx.now_text, by, "rate", None, None, "", &stars.to_string())?;
            let fresh = load_case(tx, id)?.ok_or(CaseOpError::NotFound)?;
            let summary = format!("{} {stars}", case.number);
            Ok((fresh, vec![AuditEntry::new("case.rate", "case", id.to_string(), summary)]))
        })
    }

    /// Closes the follow-up of a bad rating with what was done.
    pub fn follow_up(&mut self, by: &str, id: i64, version: i64, note: &str) -> CaseResult<Case> {
        let note = crate::domain::text::clean_field(note, 200).0;
        self.case_write(by, |tx, ctx| {
            let case = load_case(tx, id)?.ok_or(CaseOpError::NotFound)?;
            if case.version != version {
                return Err(CaseError::Conflict.into());
            }
            if case.follow_up_due.is_none() || case.follow_up_done {
                return Err(CaseError::Rating.into());
            }
            if note.is_empty() {
                return Err(CaseError::ReasonRequired.into());
            }
            tx.execute(
                "UPDATE cases SET follow_up_done = 1, version = version + 1, updated_at = ?2 WHERE id = ?1",
                params![id, ctx.now_text],
            )?;
            event(tx, id, &ctx.now_text, by, "follow_up", None, None, &note, "")?;
            let fresh = load_case(tx, id)?.ok_or(CaseOpError::NotFound)?;
            Ok((fresh, vec![AuditEntry::new("case.follow_up", "case", id.to_string(), note.clone())]))
        })
    }

    /// A waived (容缺) material arrived; or, for 代办, an original was received or returned.
    pub fn material_event(
        &mut self,
        by: &str,
        id: i64,
        version: i64,
        seq: usize,
        what: MaterialEvent,
    ) -> CaseResult<Case> {
        self.case_write(by, |tx, ctx| {
            let case = load_case(tx, id)?.ok_or(CaseOpError::NotFound)?;
            if case.version != version {
                return Err(CaseError::Conflict.into());
            }
            let row: Option<(String, String, Option<String>, Option<String>)> = tx
                .query_row(
                    "SELECT name, status, original_received_at, original_returned_at FROM case_materials
                     WHERE case_id = ?1 AND seq = ?2",
                    params![id, seq as i64],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let (name, status, received, returned) = row.ok_or(CaseOpError::NotFound)?;
            let (sql, kind) = match what {
                MaterialEvent::Supplied if status == "waived" => (
                    "UPDATE case_materials SET status = 'presented', supplied_at = ?3 WHERE case_id = ?1 AND seq = ?2",
                    "supplied",
                ),
                MaterialEvent::OriginalReceived if received.is_none() => (
                    "UPDATE case_materials SET original_received_at = ?3 WHERE case_id = ?1 AND seq = ?2",
                    "original_in",
                ),
                MaterialEvent::OriginalReturned if received.is_some() && returned.is_none() => (
                    "UPDATE case_materials SET original_returned_at = ?3 WHERE case_id = ?1 AND seq = ?2",
                    "original_out",
                ),
                _ => return Err(CaseError::NotAllowed { from: case.state, transition: Transition::Supply }.into()),
            };
            tx.execute(sql, params![id, seq as i64, ctx.now_text])?;
            tx.execute(
                "UPDATE cases SET version = version + 1, updated_at = ?2 WHERE id = ?1",
                params![id, ctx.now_text],
            )?;
            event(tx, id, &ctx.now_text, by, kind, None, None, "", &name)?;
            let fresh = load_case(tx, id)?.ok_or(CaseOpError::NotFound)?;
            let summary = format!("{} {kind} {name}", case.number);
            Ok((fresh, vec![AuditEntry::new("case.material", "case", id.to_string(), summary)]))
        })
    }

    /// Records that the receipt (`notice`: the one-time notice) of case `id` is printed now at
    /// `window`; answers where the first of that kind was printed when this one is a reprint
    /// (补打), with the case's own window (where it was taken in).
    pub fn record_print(
        &mut self,
        by: &str,
        id: i64,
        notice: bool,
        window: Option<u16>,
    ) -> super::Result<(Option<NaiveDateTime>, Option<u16>)> {
        let kind = if notice { "notice" } else { "receipt" };
        let at = self.clock.now_text();
        self.write(by, |tx| {
            let first: Option<String> = tx.query_row(
                "SELECT min(at) FROM case_prints WHERE case_id = ?1 AND kind = ?2",
                params![id, kind],
                |r| r.get(0),
            )?;
            let taken_at: Option<u16> =
                tx.query_row("SELECT window FROM cases WHERE id = ?1", [id], |r| r.get(0)).optional()?.flatten();
            tx.execute(
                "INSERT INTO case_prints (case_id, kind, at, operator, window) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, kind, at, by, window],
            )?;
            let what = if first.is_some() { "case.reprint" } else { "case.print" };
            let audit = AuditEntry::new(what, "case", id.to_string(), kind.to_string());
            Ok(((time(first), taken_at), vec![audit]))
        })
    }
}

struct Ctx {
    now: NaiveDateTime,
    now_text: String,
    cal: Calendar,
    closing: NaiveTime,
}
