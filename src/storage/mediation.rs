//! People's-mediation cases: only their mediator and supervisors read or change them.

use super::rooms::Viewer;
use super::{AuditEntry, Db};
use crate::domain::mediation::{
    DisputeType, MediationCase, MediationError, MediationState, MediationStep, Party, PartyRole, Performance, Source,
    check_agreement, check_parties, may_read, next,
};
use crate::model::RoomOpError;
pub use crate::model::mediation::{MediationEvent, MediationOpError};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, Transaction, params};

impl From<rusqlite::Error> for MediationOpError {
    fn from(e: rusqlite::Error) -> Self {
        MediationOpError::Storage(e.into())
    }
}

fn time(s: Option<String>) -> Option<NaiveDateTime> {
    s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()).map(|t| t.naive_local())
}

fn row_to_case(r: &Row<'_>) -> rusqlite::Result<MediationCase> {
    let bad = |i| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, "mediation".into());
    let dispute: String = r.get(2)?;
    let source: String = r.get(3)?;
    let state: String = r.get(5)?;
    let perf: Option<String> = r.get(9)?;
    let due: Option<String> = r.get(10)?;
    Ok(MediationCase {
        id: r.get(0)?,
        number: r.get(1)?,
        dispute: DisputeType::from_str_opt(&dispute).ok_or_else(|| bad(2))?,
        source: Source::from_str_opt(&source).ok_or_else(|| bad(3))?,
        mediator: r.get(4)?,
        state: MediationState::from_str_opt(&state).ok_or_else(|| bad(5))?,
        summary: r.get(6)?,
        outcome: r.get(7)?,
        agreed_at: time(r.get(8)?),
        performance: perf.as_deref().and_then(Performance::from_str_opt),
        follow_up_due: due.and_then(|d| d.parse().ok()),
        created_at: time(r.get(11)?).unwrap_or_default(),
        version: r.get(12)?,
        mediator_name: r.get(13)?,
        parties: Vec::new(),
    })
}

const COLUMNS: &str = "id, number, dispute, source, mediator, state, summary, outcome, agreed_at, performance,
    follow_up_due, created_at, version,
    coalesce((SELECT o.name FROM operators o WHERE o.login = mediation_cases.mediator), mediator)
    FROM mediation_cases";

fn parties(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Vec<Party>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, role, contact FROM mediation_parties WHERE case_id = ?1 ORDER BY seq")?;
    let rows = stmt.query_map([id], |r| {
        let role: String = r.get(1)?;
        Ok(Party {
            name: r.get(0)?,
            role: PartyRole::from_str_opt(&role).unwrap_or(PartyRole::Applicant),
            contact: r.get(2)?,
        })
    })?;
    rows.collect()
}

fn load(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Option<MediationCase>> {
    let c = conn.query_row(&format!("SELECT {COLUMNS} WHERE id = ?1"), [id], row_to_case).optional()?;
    match c {
        Some(mut c) => {
            c.parties = parties(conn, id)?;
            Ok(Some(c))
        }
        None => Ok(None),
    }
}

fn event(tx: &Transaction<'_>, id: i64, at: &str, by: &str, kind: &str, detail: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO mediation_events (case_id, at, operator, kind, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, at, by, kind, detail],
    )?;
    Ok(())
}

/// When the live sessions booked for a case start.
fn session_starts(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Vec<NaiveDateTime>> {
    let mut stmt = conn.prepare_cached("SELECT start FROM room_bookings WHERE case_id = ?1 AND cancelled IS NULL")?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
    let starts: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(starts.iter().filter_map(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok()).collect())
}

impl Db {
    /// The case numbered `number` if `viewer` may read it: None when there is no such case,
    /// `NotYours` when it is another mediator's.
    pub fn mediation_case_by_number(
        &self,
        viewer: &Viewer,
        number: &str,
    ) -> Result<Option<MediationCase>, MediationOpError> {
        let c = self
            .conn
            .query_row(&format!("SELECT {COLUMNS} WHERE number = ?1"), [number.trim()], row_to_case)
            .optional()?;
        match c {
            Some(c) if !viewer.mediator || !may_read(&c.mediator, &viewer.login, viewer.supervisor) => {
                Err(MediationError::NotYours.into())
            }
            other => Ok(other),
        }
    }

    /// The case a booking's purpose names: a case number links the case if `viewer` may read
    /// it, and is refused with words if not (never kept as mere text); any other purpose links
    /// nothing.
    pub fn case_for_purpose(&self, viewer: &Viewer, purpose: &str) -> Result<Option<i64>, RoomOpError> {
        let number = purpose.trim();
        if !crate::domain::mediation::is_case_number(number) {
            return Ok(None);
        }
        match self.mediation_case_by_number(viewer, number) {
            Ok(Some(c)) => Ok(Some(c.id)),
            Ok(None) => Err(RoomOpError::NoSuchCase(number.to_string())),
            Err(MediationOpError::Storage(e)) => Err(RoomOpError::Storage(e)),
            Err(_) => Err(RoomOpError::CaseNotYours(number.to_string())),
        }
    }

    fn mediation_write<T>(
        &mut self,
        by: &Viewer,
        f: impl FnOnce(&Transaction<'_>, &str, NaiveDate) -> Result<(T, Vec<AuditEntry>), MediationOpError>,
    ) -> Result<T, MediationOpError> {
        if !by.mediator {
            return Err(MediationError::NotYours.into());
        }
        let now = self.clock.now_text();
        let today = self.clock.now().date_naive();
        self.write_or_refuse(&by.login, |tx| f(tx, &now, today))
    }

    /// Opens a case: the mediator is `by`; parties need an applicant and a respondent.
    pub fn open_mediation(
        &mut self,
        by: &Viewer,
        dispute: DisputeType,
        source: Source,
        summary: &str,
        parties: &[Party],
    ) -> Result<MediationCase, MediationOpError> {
        let summary = crate::domain::text::clean_field(summary, 400).0;
        let parties: Vec<Party> = parties
            .iter()
            .map(|p| {
                let contact = crate::domain::text::clean_field(&p.contact, 30).0;
                Party {
                    name: crate::domain::text::clean_field(&p.name, 20).0,
                    role: p.role,
                    // Stored as digits; a contact that is no number is refused by check_parties.
                    contact: crate::domain::mediation::parse_contact(&contact).unwrap_or(contact),
                }
            })
            .filter(|p| !p.name.is_empty())
            .collect();
        let login = by.login.clone();
        self.mediation_write(by, |tx, now, today| {
            check_parties(&parties)?;
            if summary.is_empty() {
                return Err(MediationError::TextRequired.into());
            }
            let year = today.format("%Y").to_string();
            let n = super::cases::next_counter(tx, "mediation", &year)?;
            let number = format!("和调〔{year}〕第{n}号");
            tx.execute(
                "INSERT INTO mediation_cases (number, dispute, source, mediator, state, summary, created_at)
                 VALUES (?1, ?2, ?3, ?4, 'accepted', ?5, ?6)",
                params![number, dispute.as_str(), source.as_str(), login, summary, now],
            )?;
            let id = tx.last_insert_rowid();
            for (seq, p) in parties.iter().enumerate() {
                tx.execute(
                    "INSERT INTO mediation_parties (case_id, seq, name, role, contact) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, seq as i64, p.name, p.role.as_str(), p.contact],
                )?;
            }
            event(tx, id, now, &login, "intake", &summary)?;
            let c = load(tx, id)?.ok_or(MediationOpError::NotFound)?;
            // The audit trail names the case, not the parties.
            Ok((c, vec![AuditEntry::new("mediation.open", "mediation_case", id.to_string(), number)]))
        })
    }

    /// The cases `viewer` may read: their own, or all for supervisors; open ones first.
    pub fn mediation_cases(&self, viewer: &Viewer) -> Result<Vec<MediationCase>, MediationOpError> {
        if !viewer.mediator {
            return Err(MediationError::NotYours.into());
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} WHERE (?1 OR mediator = ?2)
             ORDER BY state IN ('agreed','failed','terminated'), created_at DESC LIMIT 500"
        ))?;
        let rows = stmt.query_map(params![viewer.supervisor, viewer.login], row_to_case)?;
        let mut out: Vec<MediationCase> = rows.collect::<rusqlite::Result<_>>()?;
        for c in &mut out {
            c.parties = parties(&self.conn, c.id)?;
        }
        Ok(out)
    }

    /// One case with its timeline, if `viewer` may read it.
    pub fn mediation_case(
        &self,
        viewer: &Viewer,
        id: i64,
    ) -> Result<(MediationCase, Vec<MediationEvent>), MediationOpError> {
        let c = load(&self.conn, id)?.ok_or(MediationOpError::NotFound)?;
        if !viewer.mediator || !may_read(&c.mediator, &viewer.login, viewer.supervisor) {
            return Err(MediationError::NotYours.into());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.at, coalesce(o.name, e.operator), e.kind, e.detail FROM mediation_events e
                 LEFT JOIN operators o ON o.login = e.operator WHERE e.case_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(MediationEvent {
                at: time(r.get(0)?).unwrap_or_default(),
                operator: r.get(1)?,
                kind: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok((c, rows.collect::<rusqlite::Result<_>>()?))
    }

    /// Moves a case on: start, agree (with the agreement), fail or terminate (with a reason).
    pub fn mediation_step(
        &mut self,
        by: &Viewer,
        id: i64,
        version: i64,
        step: MediationStep,
        text: &str,
    ) -> Result<MediationCase, MediationOpError> {
        let text = crate::domain::text::clean_field(text, 400).0;
        let v = by.clone();
        let clock = self.clock.now().naive_local();
        self.mediation_write(by, |tx, now, _| {
            let c = load(tx, id)?.ok_or(MediationOpError::NotFound)?;
            if !may_read(&c.mediator, &v.login, v.supervisor) {
                return Err(MediationError::NotYours.into());
            }
            if c.version != version {
                return Err(MediationError::Conflict.into());
            }
            let to = next(c.state, step)?;
            if step == MediationStep::Agree {
                check_agreement(&session_starts(tx, id)?, clock)?;
            }
            if step != MediationStep::Start && text.is_empty() {
                return Err(MediationError::TextRequired.into());
            }
            let agreed = (step == MediationStep::Agree).then_some(now);
            tx.execute(
                "UPDATE mediation_cases SET state = ?2, outcome = CASE WHEN ?3 = '' THEN outcome ELSE ?3 END,
                     agreed_at = coalesce(?4, agreed_at), performance = CASE WHEN ?4 IS NULL THEN performance ELSE 'not_yet' END,
                     version = version + 1 WHERE id = ?1",
                params![id, to.as_str(), text, agreed],
            )?;
            event(tx, id, now, &v.login, step.as_str(), &text)?;
            let fresh = load(tx, id)?.ok_or(MediationOpError::NotFound)?;
            Ok((fresh, vec![AuditEntry::new("mediation.step", "mediation_case", id.to_string(), format!("{} {}", c.number, to.as_str()))]))
        })
    }

    /// Records in the audit trail that `by` saw the parties' contact details of case `id` in
    /// full (the 回访 needs them); refused to those who may not read the case.
    pub fn reveal_parties(&mut self, by: &Viewer, id: i64) -> Result<MediationCase, MediationOpError> {
        let v = by.clone();
        self.mediation_write(by, |tx, _, _| {
            let c = load(tx, id)?.ok_or(MediationOpError::NotFound)?;
            if !may_read(&c.mediator, &v.login, v.supervisor) {
                return Err(MediationError::NotYours.into());
            }
            // Like every reveal: the record and which fields, never the numbers themselves.
            let summary = format!("{} contact", c.number);
            Ok((c, vec![AuditEntry::new("mediation.reveal", "mediation_case", id.to_string(), summary)]))
        })
    }

    /// Records how the agreement is being kept, and a follow-up visit (result, next due date).
    pub fn mediation_follow_up(
        &mut self,
        by: &Viewer,
        id: i64,
        version: i64,
        performance: Performance,
        result: &str,
        next_due: Option<NaiveDate>,
    ) -> Result<MediationCase, MediationOpError> {
        let result = crate::domain::text::clean_field(result, 400).0;
        let v = by.clone();
        self.mediation_write(by, |tx, now, _| {
            let c = load(tx, id)?.ok_or(MediationOpError::NotFound)?;
            if !may_read(&c.mediator, &v.login, v.supervisor) {
                return Err(MediationError::NotYours.into());
            }
            if c.version != version {
                return Err(MediationError::Conflict.into());
            }
            if c.state != MediationState::Agreed {
                return Err(MediationError::NotAllowed.into());
            }
            if result.is_empty() {
                return Err(MediationError::TextRequired.into());
            }
            tx.execute(
                "UPDATE mediation_cases SET performance = ?2, follow_up_due = ?3, version = version + 1 WHERE id = ?1",
                params![id, performance.as_str(), next_due.map(|d| d.to_string())],
            )?;
            event(tx, id, now, &v.login, "follow_up", &format!("{}：{result}", performance.as_str()))?;
            let fresh = load(tx, id)?.ok_or(MediationOpError::NotFound)?;
            Ok((
                fresh,
                vec![AuditEntry::new("mediation.follow_up", "mediation_case", id.to_string(), c.number.clone())],
            ))
        })
    }
}
