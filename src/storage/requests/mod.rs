//! Residents' requests on the grid: taking, dispatching, the taker's steps, the rating and its
//! one 重办, escalation to a department. Every rule is checked in the write transaction.

mod bulk;
mod grid;
mod reads;

pub use bulk::RequestRow;

use super::cases::next_counter;
use super::{AuditEntry, Db};
use crate::domain::member::ManualEntry;
use crate::domain::request::{Kind, Provider, Rating, Response, State, Step, due, next, response_for};
pub use crate::model::requests::{
    Candidate, Grid, GridImport, NewRequest, Reader, Request, RequestCount, RequestEvent, RequestFilter, RequestLine,
    RequestOpError, RequestReport, Taker, TakerRef,
};
use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Transaction, params};

/// Results of request operations.
pub type RequestResult<T> = Result<T, RequestOpError>;

/// Stored local times: to the minute, like room bookings.
const FMT: &str = "%Y-%m-%dT%H:%M";

/// Points per hour a member earns on a request (activities set their own).
pub const REQUEST_RATE: u32 = 1;

fn stamp(t: NaiveDateTime) -> String {
    t.format(FMT).to_string()
}

fn time(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, FMT).ok()
}

impl From<rusqlite::Error> for RequestOpError {
    fn from(e: rusqlite::Error) -> Self {
        RequestOpError::Storage(e.into())
    }
}

fn event(tx: &Transaction<'_>, id: i64, at: &str, by: &str, kind: &str, note: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO request_events (request_id, at, operator, kind, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, at, by, kind, note],
    )?;
    Ok(())
}

/// The row the write transaction decides on.
struct Row {
    number: String,
    state: State,
    reopened: bool,
    service: Option<String>,
    urgency: crate::domain::request::Urgency,
    version: i64,
}

fn row_in(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Option<Row>> {
    tx.query_row("SELECT number, state, reopened, service, urgency, version FROM requests WHERE id = ?1", [id], |r| {
        let state: String = r.get(1)?;
        let urgency: String = r.get(4)?;
        Ok(Row {
            number: r.get(0)?,
            state: State::from_str_opt(&state).unwrap_or(State::Pending),
            reopened: r.get(2)?,
            service: r.get(3)?,
            urgency: crate::domain::request::Urgency::from_str_opt(&urgency)
                .unwrap_or(crate::domain::request::Urgency::Normal),
            version: r.get(5)?,
        })
    })
    .optional()
}

/// The open dispatch as the taker check needs it.
struct Open {
    id: i64,
    kind: Provider,
    taker_login: Option<String>,
    member_id: Option<i64>,
    name: String,
    /// Dispatched by (login), and their name.
    by: String,
    by_name: String,
}

fn open_dispatch(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Option<Open>> {
    tx.query_row(
        "SELECT d.id, d.taker_kind, d.taker_login, d.member_id, d.taker_name, d.by, coalesce(o.name, d.by)
         FROM request_dispatches d LEFT JOIN operators o ON o.login = d.by
         WHERE d.request_id = ?1 AND d.closed_at IS NULL",
        [id],
        |r| {
            let k: String = r.get(1)?;
            Ok(Open {
                id: r.get(0)?,
                kind: Provider::from_str_opt(&k).unwrap_or(Provider::Grid),
                taker_login: r.get(2)?,
                member_id: r.get(3)?,
                name: r.get(4)?,
                by: r.get(5)?,
                by_name: r.get(6)?,
            })
        },
    )
    .optional()
}

/// The role of a login on file (None: unknown or retired).
fn role_of(tx: &Transaction<'_>, login: &str) -> rusqlite::Result<Option<crate::domain::operator::Role>> {
    let role: Option<String> = tx
        .query_row("SELECT role FROM operators WHERE login = ?1 AND retired = 0", [login], |r| r.get(0))
        .optional()?;
    Ok(role.and_then(|r| crate::domain::operator::Role::from_str_opt(&r)))
}

/// The service's response time, shortened for urgency.
fn response_in(tx: &Transaction<'_>, row: &Row) -> rusqlite::Result<Response> {
    let r: Option<String> = match &row.service {
        Some(code) => {
            tx.query_row("SELECT response FROM request_services WHERE code = ?1", [code], |r| r.get(0)).optional()?
        }
        None => None,
    };
    Ok(response_for(r.as_deref().and_then(Response::parse), row.urgency))
}

/// Resolves a typed taker to (kind, login, member id, contact id, name).
type Resolved = (Provider, Option<String>, Option<i64>, Option<i64>, String);

fn resolve(tx: &Transaction<'_>, t: &TakerRef) -> rusqlite::Result<Option<Resolved>> {
    Ok(match t {
        TakerRef::Grid(login) => tx
            .query_row(
                "SELECT name FROM operators WHERE login = ?1 AND retired = 0 AND role IN ('grid','supervisor','admin')",
                [login],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .map(|name| (Provider::Grid, Some(login.clone()), None, None, name)),
        TakerRef::Member(id) => tx
            .query_row("SELECT name FROM party_members WHERE id = ?1 AND status = 'active'", [id], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .map(|name| (Provider::Member, None, Some(*id), None, name)),
        TakerRef::Contact(kind, name) => tx
            .query_row("SELECT id FROM contacts WHERE kind = ?1 AND name = ?2", params![kind.as_str(), name], |r| {
                r.get::<_, i64>(0)
            })
            .optional()?
            .map(|cid| (*kind, None, None, Some(cid), name.clone())),
    })
}

fn insert_dispatch(
    tx: &Transaction<'_>,
    id: i64,
    who: &Resolved,
    escalated: bool,
    due_at: NaiveDateTime,
    by: &str,
    at: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO request_dispatches (request_id, taker_kind, taker_login, member_id, contact_id, taker_name,
         escalated, due_at, by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![id, who.0.as_str(), who.1, who.2, who.3, who.4, escalated, stamp(due_at), by, at],
    )?;
    Ok(())
}

fn close_dispatch(tx: &Transaction<'_>, id: i64, outcome: &str, at: &str) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE request_dispatches SET closed_at = ?2, outcome = ?3 WHERE request_id = ?1 AND closed_at IS NULL",
        params![id, at, outcome],
    )?;
    Ok(())
}

fn set_state(tx: &Transaction<'_>, id: i64, to: State, due_at: Option<NaiveDateTime>) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE requests SET state = ?2, due_at = ?3, version = version + 1 WHERE id = ?1",
        params![id, to.as_str(), due_at.map(stamp)],
    )?;
    Ok(())
}

/// A step's checks: the request exists, the version is the one the operator saw, the step
/// follows from its state.
fn checked(tx: &Transaction<'_>, id: i64, version: Option<i64>, step: Step) -> RequestResult<(Row, State)> {
    let row = row_in(tx, id)?.ok_or(RequestOpError::NotFound)?;
    if version.is_some_and(|v| v != row.version) {
        return Err(RequestOpError::Stale);
    }
    let to = next(row.state, step, row.reopened)?;
    Ok((row, to))
}

/// Whether `by` may record the open dispatch's steps (`model::requests::may_record`): checked
/// here, in the write, so the command line and the tab obey the same rule.
fn taker_check(tx: &Transaction<'_>, open: &Open, by: &str) -> RequestResult<()> {
    let role = role_of(tx, by)?;
    if !crate::model::requests::may_record(open.kind, open.taker_login.as_deref(), &open.by, by, role) {
        return Err(RequestOpError::NotYours {
            kind: open.kind,
            taker: open.name.clone(),
            dispatcher: open.by_name.clone(),
        });
    }
    Ok(())
}

impl Db {
    /// Takes a request: numbered SQ + date + sequence, its grid from the given name, else the
    /// resident's record, else the place's estate/building on the grid layout.
    pub fn add_request(&mut self, by: &str, new: &NewRequest) -> RequestResult<Request> {
        let (text, _) = crate::domain::text::clean_field(&new.text, 500);
        if text.is_empty() {
            return Err(RequestOpError::EmptyText);
        }
        if new.resident_id.is_none() && new.kind != Kind::Complaint {
            return Err(RequestOpError::AnonymousNotComplaint);
        }
        let now = self.clock.now().naive_local();
        let at = stamp(now);
        let day = now.format("%Y%m%d").to_string();
        let login = by.to_string();
        let (place, _) = crate::domain::text::clean_field(&new.place, 100);
        let photos: Vec<String> = new.photos.iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
        let id = self.write_or_refuse(by, |tx| {
            let mut place = place.clone();
            let mut grid = None;
            if let Some(rid) = new.resident_id {
                let r: Option<(String, String)> = tx
                    .query_row(
                        "SELECT grid, estate || building || CASE WHEN building <> '' THEN '栋' ELSE '' END
                                || CASE WHEN unit <> '' THEN unit || '单元' ELSE '' END || room
                         FROM residents WHERE id = ?1",
                        [rid],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                let Some((g, addr)) = r else { return Err(RequestOpError::NoResident) };
                if place.is_empty() {
                    place = addr;
                }
                grid = Some(g).filter(|g| !g.is_empty());
            }
            if let Some(code) = &new.service {
                let n: i64 =
                    tx.query_row("SELECT count(*) FROM request_services WHERE code = ?1", [code], |r| r.get(0))?;
                if n == 0 {
                    return Err(RequestOpError::NoService(code.clone()));
                }
            }
            let grid = match &new.grid {
                Some(g) => {
                    let n: i64 = tx.query_row("SELECT count(*) FROM grids WHERE name = ?1", [g], |r| r.get(0))?;
                    if n == 0 {
                        return Err(RequestOpError::NoGrid(g.clone()));
                    }
                    g.clone()
                }
                None => match grid {
                    Some(g) => g,
                    None => grid::grid_of_place(tx, &place)?.unwrap_or_default(),
                },
            };
            let seq = next_counter(tx, "request", &day)?;
            let number = format!("SQ{day}{seq:03}");
            tx.execute(
                "INSERT INTO requests (number, kind, service, resident_id, place, grid, text, urgency, photos, source,
                 ticket_id, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    number,
                    new.kind.as_str(),
                    new.service,
                    new.resident_id,
                    place,
                    grid,
                    text,
                    new.urgency.as_str(),
                    photos.join("\n"),
                    new.source.as_str(),
                    new.ticket_id,
                    login,
                    at
                ],
            )?;
            let id = tx.last_insert_rowid();
            event(tx, id, &at, &login, "taken", new.source.as_str())?;
            if let Some(t) = new.ticket_id {
                // A visit still open ends as 登记诉求 when finished; one finished already (the
                // clerk wrote it down afterwards) says so now, unless a case decided it.
                tx.execute(
                    "UPDATE queue_tickets SET outcome = 'request', version = version + 1
                     WHERE id = ?1 AND state = 'done' AND outcome IN ('consultation','other')",
                    [t],
                )?;
            }
            let summary = format!("{number} {} {grid}", new.kind.as_str());
            Ok((id, vec![AuditEntry::new("request.add", "request", id.to_string(), summary)]))
        })?;
        self.request(&Reader { login: by.to_string(), supervisor: true }, id)?.ok_or(RequestOpError::NotFound)
    }

    /// Dispatches a pending request (or one back with the supervisor) to a taker, with the
    /// deadline of its service counted on the working-day calendar.
    pub fn dispatch_request(
        &mut self,
        by: &str,
        id: i64,
        version: Option<i64>,
        to: &TakerRef,
    ) -> RequestResult<Request> {
        let cal = self.calendar()?;
        let now = self.clock.now().naive_local();
        let login = by.to_string();
        self.write_or_refuse(by, |tx| {
            let (row, next_state) = checked(tx, id, version, Step::Dispatch)?;
            let who = resolve(tx, to)?.ok_or_else(|| RequestOpError::NoTaker(taker_text(to)))?;
            let due_at = due(&cal, now, response_in(tx, &row)?);
            let at = stamp(now);
            insert_dispatch(tx, id, &who, false, due_at, &login, &at)?;
            set_state(tx, id, next_state, Some(due_at))?;
            event(tx, id, &at, &login, "dispatch", &format!("{} {}", who.0.as_str(), who.4))?;
            let summary = format!("{} → {} ({})", row.number, who.4, stamp(due_at));
            Ok::<_, RequestOpError>(((), vec![AuditEntry::new("request.dispatch", "request", id.to_string(), summary)]))
        })?;
        self.request(&Reader { login: login.clone(), supervisor: true }, id)?.ok_or(RequestOpError::NotFound)
    }

    /// 升级/吹哨: calls a department in, with its own deadline in working days; whoever had it
    /// is relieved.
    pub fn escalate_request(
        &mut self,
        by: &str,
        id: i64,
        department: &str,
        days: u32,
        reason: &str,
    ) -> RequestResult<Request> {
        let (reason, _) = crate::domain::text::clean_field(reason, 200);
        if reason.is_empty() {
            return Err(RequestOpError::NoReason);
        }
        let cal = self.calendar()?;
        let now = self.clock.now().naive_local();
        let login = by.to_string();
        let to = TakerRef::Contact(Provider::Department, department.trim().to_string());
        self.write_or_refuse(by, |tx| {
            let (row, next_state) = checked(tx, id, None, Step::Escalate)?;
            let who = resolve(tx, &to)?.ok_or_else(|| RequestOpError::NoTaker(taker_text(&to)))?;
            let due_at = due(&cal, now, Response::Days(days.clamp(1, 60)));
            let at = stamp(now);
            close_dispatch(tx, id, "escalated", &at)?;
            insert_dispatch(tx, id, &who, true, due_at, &login, &at)?;
            set_state(tx, id, next_state, Some(due_at))?;
            event(tx, id, &at, &login, "escalate", &format!("{}: {reason}", who.4))?;
            let summary = format!("{} 吹哨 → {} ({}): {reason}", row.number, who.4, stamp(due_at));
            Ok::<_, RequestOpError>(((), vec![AuditEntry::new("request.escalate", "request", id.to_string(), summary)]))
        })?;
        self.request(&Reader { login: login.clone(), supervisor: true }, id)?.ok_or(RequestOpError::NotFound)
    }

    /// A taker's step: accept (接单), start (处理中), or return (退回, with a reason).
    pub fn request_step(
        &mut self,
        by: &str,
        id: i64,
        version: Option<i64>,
        step: Step,
        reason: &str,
    ) -> RequestResult<Request> {
        let (reason, _) = crate::domain::text::clean_field(reason, 200);
        if step == Step::Return && reason.is_empty() {
            return Err(RequestOpError::NoReason);
        }
        let now = self.clock.now().naive_local();
        let login = by.to_string();
        self.write_or_refuse(by, |tx| {
            let (row, to) = checked(tx, id, version, step)?;
            let open = open_dispatch(tx, id)?.ok_or(RequestOpError::NotFound)?;
            taker_check(tx, &open, &login)?;
            let at = stamp(now);
            let (kind, action) = match step {
                Step::Accept => {
                    tx.execute("UPDATE request_dispatches SET accepted_at = ?2 WHERE id = ?1", params![open.id, at])?;
                    ("accept", "request.accept")
                }
                Step::Return => {
                    close_dispatch(tx, id, "returned", &at)?;
                    ("return", "request.return")
                }
                _ => ("start", "request.start"),
            };
            let due_at: Option<String> =
                tx.query_row("SELECT due_at FROM requests WHERE id = ?1", [id], |r| r.get(0))?;
            let due_at = if to == State::Pending { None } else { due_at.as_deref().and_then(time) };
            set_state(tx, id, to, due_at)?;
            event(tx, id, &at, &login, kind, &reason)?;
            let summary = format!(
                "{} {}{}",
                row.number,
                open.name,
                if reason.is_empty() { String::new() } else { format!(": {reason}") }
            );
            Ok::<_, RequestOpError>(((), vec![AuditEntry::new(action, "request", id.to_string(), summary)]))
        })?;
        self.request(&Reader { login: login.clone(), supervisor: true }, id)?.ok_or(RequestOpError::NotFound)
    }

    /// 办结: the taker reports back. A member taker's hours (half hours) are credited to them as
    /// hand-entered hours under the same rules, once per dispatch.
    pub fn complete_request(
        &mut self,
        by: &str,
        id: i64,
        version: Option<i64>,
        note: &str,
        half_hours: Option<u32>,
    ) -> RequestResult<Request> {
        let (note, _) = crate::domain::text::clean_field(note, 200);
        let now = self.clock.now();
        let today = now.date_naive();
        let created = self.clock.now_text();
        let now = now.naive_local();
        let login = by.to_string();
        self.write_or_refuse(by, |tx| {
            let (row, to) = checked(tx, id, version, Step::Done)?;
            let open = open_dispatch(tx, id)?.ok_or(RequestOpError::NotFound)?;
            taker_check(tx, &open, &login)?;
            let at = stamp(now);
            tx.execute("UPDATE request_dispatches SET done_at = ?2 WHERE id = ?1", params![open.id, at])?;
            close_dispatch(tx, id, "done", &at)?;
            tx.execute("UPDATE requests SET done_at = ?2 WHERE id = ?1", params![id, at])?;
            let due_at: Option<String> =
                tx.query_row("SELECT due_at FROM requests WHERE id = ?1", [id], |r| r.get(0))?;
            set_state(tx, id, to, due_at.as_deref().and_then(time))?;
            event(tx, id, &at, &login, "done", &note)?;
            let mut audit = vec![AuditEntry::new(
                "request.done",
                "request",
                id.to_string(),
                format!("{} {}: {note}", row.number, open.name),
            )];
            if let (Some(member), Some(half)) = (open.member_id, half_hours.filter(|h| *h > 0)) {
                let what: Option<String> = match &row.service {
                    Some(c) => tx
                        .query_row("SELECT name FROM request_services WHERE code = ?1", [c], |r| r.get(0))
                        .optional()?,
                    None => None,
                };
                let reason = format!("诉求 {} {}", row.number, what.unwrap_or_default()).trim().to_string();
                let entry = ManualEntry { day: today, half, rate: REQUEST_RATE, reason };
                match super::members::records::credit_in(tx, &login, member, &entry, today, &created, Some(open.id))? {
                    Ok((_, a)) => audit.push(a),
                    Err(crate::model::MemberOpError::Hours(p)) => return Err(RequestOpError::Hours(p)),
                    Err(crate::model::MemberOpError::Storage(e)) => return Err(RequestOpError::Storage(e)),
                    Err(_) => return Err(RequestOpError::NoTaker(open.name.clone())),
                }
            }
            Ok(((), audit))
        })?;
        self.request(&Reader { login: login.clone(), supervisor: true }, id)?.ok_or(RequestOpError::NotFound)
    }

    /// The resident's rating of a completed request. 不满意 reopens it once to the same taker
    /// (重办) with a new deadline; a second 不满意 hands it to the supervisor.
    pub fn rate_request(&mut self, by: &str, id: i64, rating: Rating, note: &str) -> RequestResult<Request> {
        let (note, _) = crate::domain::text::clean_field(note, 200);
        let cal = self.calendar()?;
        let now = self.clock.now().naive_local();
        let login = by.to_string();
        self.write_or_refuse(by, |tx| {
            let (row, to) = checked(tx, id, None, Step::Rate(rating))?;
            let at = stamp(now);
            tx.execute("UPDATE requests SET rating = ?2 WHERE id = ?1", params![id, rating.as_str()])?;
            event(tx, id, &at, &login, "rate", format!("{} {note}", rating.as_str()).trim())?;
            match to {
                State::Rated => {
                    tx.execute(
                        "UPDATE requests SET state = 'rated', closed_at = ?2, due_at = NULL, version = version + 1
                         WHERE id = ?1",
                        params![id, at],
                    )?;
                }
                State::Dispatched => {
                    let (last, dispatcher): (Resolved, String) = tx.query_row(
                        "SELECT taker_kind, taker_login, member_id, contact_id, taker_name, by FROM request_dispatches
                         WHERE request_id = ?1 ORDER BY id DESC LIMIT 1",
                        [id],
                        |r| {
                            let k: String = r.get(0)?;
                            Ok((
                                (
                                    Provider::from_str_opt(&k).unwrap_or(Provider::Grid),
                                    r.get(1)?,
                                    r.get(2)?,
                                    r.get(3)?,
                                    r.get(4)?,
                                ),
                                r.get(5)?,
                            ))
                        },
                    )?;
                    let due_at = due(&cal, now, response_in(tx, &row)?);
                    // 重办 goes back to the same taker from the same dispatcher: whoever records
                    // the rating (a clerk, often) does not become the one who may record its steps.
                    insert_dispatch(tx, id, &last, false, due_at, &dispatcher, &at)?;
                    tx.execute("UPDATE requests SET reopened = 1 WHERE id = ?1", [id])?;
                    set_state(tx, id, to, Some(due_at))?;
                    event(tx, id, &at, &login, "reopen", &last.4)?;
                }
                _ => {
                    set_state(tx, id, to, None)?;
                    event(tx, id, &at, &login, "supervisor", "")?;
                }
            }
            let summary = format!("{} {} → {}", row.number, rating.as_str(), to.as_str());
            Ok::<_, RequestOpError>(((), vec![AuditEntry::new("request.rate", "request", id.to_string(), summary)]))
        })?;
        self.request(&Reader { login: login.clone(), supervisor: true }, id)?.ok_or(RequestOpError::NotFound)
    }
}

impl Db {
    /// Records that the resident's receipt slip of a request was printed (an audit row).
    pub fn audit_print_request(&mut self, by: &str, r: &Request) -> RequestResult<()> {
        let (id, number) = (r.id, r.number.clone());
        self.write(by, |_| Ok(((), vec![AuditEntry::new("request.print", "request", id.to_string(), number)])))?;
        Ok(())
    }
}

/// A new request's photos as the command line and the tab take them: each an image file that
/// exists, kept as its absolute path (a path relative to where it was typed means nothing
/// later). The first bad one refuses them all, named.
pub fn checked_photos(paths: &[String]) -> RequestResult<Vec<String>> {
    use crate::model::requests::{PHOTO_ENDINGS, PhotoProblem};
    let mut out = Vec::new();
    for typed in paths.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let bad = |problem| RequestOpError::Photo { path: typed.to_string(), problem };
        let ending = std::path::Path::new(typed).extension().and_then(|e| e.to_str()).unwrap_or("");
        if !PHOTO_ENDINGS.contains(&ending.to_ascii_lowercase().as_str()) {
            return Err(bad(PhotoProblem::NotImage));
        }
        let full = std::fs::canonicalize(typed).map_err(|_| bad(PhotoProblem::Missing))?;
        if !full.is_file() {
            return Err(bad(PhotoProblem::NotAFile));
        }
        // Kept one per line: a name with a line break in it could not be read back.
        let full = full.to_str().filter(|f| !f.contains('\n')).ok_or_else(|| bad(PhotoProblem::Missing))?;
        out.push(full.to_string());
    }
    Ok(out)
}

fn taker_text(t: &TakerRef) -> String {
    match t {
        TakerRef::Grid(l) => format!("grid:{l}"),
        TakerRef::Member(id) => format!("member:{id}"),
        TakerRef::Contact(k, n) => format!("{}:{n}", k.as_str()),
    }
}
