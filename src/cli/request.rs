//! `request …` and `find --in requests`: residents' requests from the shell, for grid staff on
//! their rounds and scripts.

use super::out::out;
use super::{Failure, args::*};
use crate::domain::calendar::Calendar;
use crate::domain::lang::Lang;
use crate::domain::operator::{Operator, Permission, Role};
use crate::domain::request::{Kind, Rating, Source, State, Step, Urgency, suggest, timing};
use crate::i18n::cli::Refusal;
use crate::i18n::words::requests::{self as say, W};
use crate::model::requests::{NewRequest, Reader, Request, RequestFilter, RequestOpError, TakerRef};
use crate::storage::Db;

/// A refusal in the request's words.
fn refused(lang: Lang, e: RequestOpError) -> Failure {
    match e {
        RequestOpError::Storage(s) => Failure::from(s),
        e => Failure::Refused(Refusal::Told(say::error(lang, &e))),
    }
}

fn reader(me: &Operator) -> Reader {
    Reader { login: me.login.clone(), supervisor: me.role.may(Permission::Supervise) }
}

fn find_number(db: &Db, lang: Lang, me: &Operator, number: &str) -> Result<Request, Failure> {
    db.request_by_number(&reader(me), number)
        .map_err(|e| refused(lang, e))?
        .ok_or_else(|| refused(lang, RequestOpError::NotFound))
}

/// What a list's due marks are worked out against: the working-day calendar and now, read once
/// per list, not once per line.
fn due_basis(db: &Db) -> (Calendar, chrono::NaiveDateTime) {
    (db.calendar().unwrap_or_default(), db.clock().now().naive_local())
}

/// One line of a list: number, state, kind, grid, resident, taker, due and its mark.
fn line(lang: Lang, r: &Request, (cal, now): &(Calendar, chrono::NaiveDateTime)) -> String {
    let mark = match r.due_at {
        Some(d) if r.state.has_taker() => say::timing(lang, timing(cal, d, *now)),
        _ => "",
    };
    let who = resident(lang, r);
    let taker = r.taker.as_ref().filter(|_| r.state != State::Pending).map(|t| t.name.as_str()).unwrap_or("");
    let due = r.due_at.map(|d| d.format("%m-%d %H:%M").to_string()).unwrap_or_default();
    let text: String = r.text.chars().take(24).collect();
    format!(
        "{} {} {} {} {who} {taker} {due} {mark} {}{text}",
        r.number,
        say::state(lang, r.state),
        say::kind(lang, r.kind),
        r.grid,
        if r.urgency == Urgency::Urgent { format!("[{}] ", say::say(lang, W::Urgent)) } else { String::new() }
    )
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
}

fn resident(lang: Lang, r: &Request) -> String {
    if r.anonymous {
        say::say(lang, W::Anonymous).to_string()
    } else if r.hidden {
        say::say(lang, W::Private).to_string()
    } else {
        r.resident_name.clone().unwrap_or_default()
    }
}

fn print(db: &Db, lang: Lang, r: &Request, json: bool) -> Result<(), Failure> {
    if json {
        let events = db.request_events(r.id).map_err(|e| refused(lang, e))?;
        let v = serde_json::json!({ "request": r, "events": events });
        out!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return Ok(());
    }
    out!("{}", line(lang, r, &due_basis(db)));
    Ok(())
}

fn resident_id(db: &Db, lang: Lang, s: &str) -> Result<i64, Failure> {
    let s = s.trim();
    let found = match s.parse::<i64>() {
        Ok(id) if s.len() < 10 => db.resident(id)?,
        _ => db.resident_by_id_number(&s.to_uppercase())?,
    };
    found.map(|r| r.id).ok_or_else(|| refused(lang, RequestOpError::NoResident))
}

fn ticket_id(db: &Db, lang: Lang, number: &str) -> Result<i64, Failure> {
    let v = db.queue_view()?;
    v.tickets
        .iter()
        .find(|t| t.number.eq_ignore_ascii_case(number.trim()))
        .map(|t| t.id)
        .ok_or_else(|| Failure::Refused(Refusal::Told(say::ticket_unknown(lang, number))))
}

/// Carries out one `request` subcommand.
pub(super) fn request(db: &mut Db, lang: Lang, me: &Operator, cmd: &RequestCommand) -> Result<(), Failure> {
    let by = me.login.as_str();
    match cmd {
        RequestCommand::Add { text, kind, resident, place, grid, service, urgent, photos, ticket, json } => {
            let menu = db.request_services().map_err(|e| refused(lang, e))?;
            let hint = suggest(text, &menu);
            let kind = match kind {
                Some(k) => Kind::from_str_opt(k.trim())
                    .ok_or_else(|| Failure::Refused(Refusal::Told(say::bad_kind(lang, k))))?,
                None => hint.kind.unwrap_or(Kind::Help),
            };
            let service = service.clone().or(if kind == Kind::Order { hint.service } else { None });
            let resident_id = resident.as_deref().map(|r| resident_id(db, lang, r)).transpose()?;
            let ticket_id = ticket.as_deref().map(|t| ticket_id(db, lang, t)).transpose()?;
            let source = match (ticket_id, me.role) {
                (Some(_), _) => Source::Window,
                (None, Role::Grid) => Source::Rounds,
                (None, Role::MemberDesk) => Source::MemberDesk,
                (None, _) => Source::Window,
            };
            let new = NewRequest {
                kind,
                service,
                resident_id,
                place: place.clone(),
                grid: grid.clone(),
                text: text.clone(),
                urgency: if *urgent { Urgency::Urgent } else { Urgency::Normal },
                photos: crate::storage::checked_photos(photos).map_err(|e| refused(lang, e))?,
                source,
                ticket_id,
            };
            let r = db.add_request(by, &new).map_err(|e| refused(lang, e))?;
            print(db, lang, &r, *json)
        }
        RequestCommand::List { state, grid, open, json } => {
            let state = match state {
                Some(s) => Some(
                    State::from_str_opt(s.trim())
                        .ok_or_else(|| Failure::Refused(Refusal::Told(say::bad_state(lang, s))))?,
                ),
                None => None,
            };
            let f = RequestFilter { state, grid: grid.clone(), open: *open, text: String::new(), limit: 500 };
            listed(db, lang, me, &f, *json)
        }
        RequestCommand::Show { number, json } => {
            let r = find_number(db, lang, me, number)?;
            if *json {
                return print(db, lang, &r, true);
            }
            for l in say::detail(lang, &r, &db.request_events(r.id).map_err(|e| refused(lang, e))?) {
                out!("{l}");
            }
            Ok(())
        }
        RequestCommand::Candidates { number } => {
            let r = find_number(db, lang, me, number)?;
            for c in db.request_candidates(r.id).map_err(|e| refused(lang, e))? {
                out!("{} {} {} · {} {}", c.key, c.name, c.why, say::say(lang, W::Load), c.load);
            }
            Ok(())
        }
        RequestCommand::Dispatch { number, to } => {
            let r = find_number(db, lang, me, number)?;
            let to = TakerRef::parse(to).ok_or_else(|| refused(lang, RequestOpError::NoTaker(to.clone())))?;
            let r = db.dispatch_request(by, r.id, None, &to).map_err(|e| refused(lang, e))?;
            print(db, lang, &r, false)
        }
        RequestCommand::Escalate { number, to, days, reason } => {
            let r = find_number(db, lang, me, number)?;
            let r = db.escalate_request(by, r.id, to, *days, reason).map_err(|e| refused(lang, e))?;
            print(db, lang, &r, false)
        }
        RequestCommand::Accept { number } | RequestCommand::Start { number } => {
            let step = if matches!(cmd, RequestCommand::Accept { .. }) { Step::Accept } else { Step::Start };
            let r = find_number(db, lang, me, number)?;
            let r = db.request_step(by, r.id, None, step, "").map_err(|e| refused(lang, e))?;
            print(db, lang, &r, false)
        }
        RequestCommand::Return { number, reason } => {
            let r = find_number(db, lang, me, number)?;
            let r = db.request_step(by, r.id, None, Step::Return, reason).map_err(|e| refused(lang, e))?;
            print(db, lang, &r, false)
        }
        RequestCommand::Done { number, note, hours } => {
            let half = match hours {
                Some(h) => Some(
                    crate::domain::member::parse_hours(h)
                        .ok_or_else(|| Failure::Refused(Refusal::Told(say::bad_hours(lang, h))))?,
                ),
                None => None,
            };
            let r = find_number(db, lang, me, number)?;
            let r = db.complete_request(by, r.id, None, note, half).map_err(|e| refused(lang, e))?;
            print(db, lang, &r, false)
        }
        RequestCommand::Rate { number, rating, note } => {
            let rating =
                parse_rating(rating).ok_or_else(|| Failure::Refused(Refusal::Told(say::bad_rating(lang, rating))))?;
            let r = find_number(db, lang, me, number)?;
            let r = db.rate_request(by, r.id, rating, note).map_err(|e| refused(lang, e))?;
            print(db, lang, &r, false)
        }
    }
}

/// The stored word or the resident's own.
fn parse_rating(s: &str) -> Option<Rating> {
    let s = s.trim();
    Rating::from_str_opt(s).or(match s {
        "满意" => Some(Rating::Satisfied),
        "基本满意" => Some(Rating::Fair),
        "不满意" => Some(Rating::Unsatisfied),
        _ => None,
    })
}

/// `find --in requests`: number, text, place or resident's name.
pub(super) fn find(
    db: &Db,
    lang: Lang,
    me: &Operator,
    query: &str,
    json: bool,
    limit: Option<usize>,
) -> Result<(), Failure> {
    let f = RequestFilter { text: query.trim().to_string(), limit: limit.unwrap_or(50), ..RequestFilter::default() };
    listed(db, lang, me, &f, json)
}

/// The requests `f` finds, as JSON or one line each (`request list`, `find --in requests`).
fn listed(db: &Db, lang: Lang, me: &Operator, f: &RequestFilter, json: bool) -> Result<(), Failure> {
    let list = db.requests(&reader(me), f).map_err(|e| refused(lang, e))?;
    if json {
        out!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
    } else if list.is_empty() {
        out!("{}", say::say(lang, W::None));
    } else {
        let basis = due_basis(db);
        for r in &list {
            out!("{}", line(lang, r, &basis));
        }
    }
    Ok(())
}
