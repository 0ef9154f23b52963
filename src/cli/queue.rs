//! The queue, windows and rooms from the shell: kiosks, hardware callers, supervisors.

use super::out::out;
use super::{Failure, args::*};
use crate::domain::lang::Lang;
use crate::domain::operator::{Operator, Permission};
use crate::domain::text;
use crate::i18n::cli::Refusal;
use crate::i18n::{self};
use crate::storage::Db;

#[derive(serde::Serialize)]
struct TicketJson<'a> {
    number: &'a str,
    category: &'a str,
    category_name: &'a str,
    position: usize,
    estimated_wait_min: u32,
    green: Option<&'a str>,
    issued_at: String,
}

pub(super) fn queue(db: &mut Db, lang: Lang, me: &Operator, cmd: &QueueCommand) -> Result<(), Failure> {
    match cmd {
        QueueCommand::Take { what, green, json } => {
            let issued = db.take_ticket(&me.login, what, green.as_deref(), None).map_err(queue_failure)?;
            let cats = db.categories()?;
            let name = cats.iter().find(|c| c.code == issued.ticket.category).map(|c| c.name.as_str()).unwrap_or("");
            if *json {
                let j = TicketJson {
                    number: &issued.ticket.number,
                    category: &issued.ticket.category,
                    category_name: name,
                    position: issued.position,
                    estimated_wait_min: issued.estimated_wait_min,
                    green: issued.ticket.green.as_deref(),
                    issued_at: issued.ticket.issued_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                };
                out!("{}", serde_json::to_string_pretty(&j).unwrap_or_default());
            } else {
                out!(
                    "{}",
                    i18n::queue::issued(lang, &issued.ticket.number, name, issued.position, issued.estimated_wait_min)
                );
            }
            Ok(())
        }
        QueueCommand::Status { json } => {
            let v = db.queue_view()?;
            let current = |w: &crate::domain::queue::Window| {
                crate::domain::queue::current_at(&v.tickets, w).map(|t| t.number.clone())
            };
            if *json {
                let windows: Vec<serde_json::Value> = v
                    .windows
                    .iter()
                    .map(|w| {
                        serde_json::json!({
                            "number": w.number, "name": w.name, "open": w.is_open(), "paused": w.paused,
                            "operator": w.operator, "current": current(w),
                        })
                    })
                    .collect();
                let out = serde_json::json!({ "day": v.day, "lines": v.lines, "windows": windows });
                out!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                let lines: Vec<Vec<String>> = v
                    .lines
                    .iter()
                    .filter(|l| l.waiting > 0 || l.open_windows > 0)
                    .map(|l| {
                        let alarm = if l.waiting >= l.threshold { " !" } else { "" };
                        let waiting = format!("{} {}{alarm}", i18n::pick(lang, "等候", "waiting"), l.waiting);
                        vec![l.prefix.to_string(), l.name.clone(), waiting]
                    })
                    .collect();
                super::out::table(&lines)?;
                let windows: Vec<Vec<String>> = v
                    .windows
                    .iter()
                    .map(|w| {
                        let state = match (&w.operator, &w.paused) {
                            (None, _) => i18n::pick(lang, "未开", "closed").to_string(),
                            (Some(_), Some(r)) => format!("{} {r}", i18n::pick(lang, "暂停", "paused")),
                            (Some(_), None) => current(w).unwrap_or_else(|| "-".into()),
                        };
                        vec![i18n::window(lang, w.number), w.name.clone(), state]
                    })
                    .collect();
                super::out::table(&windows)?;
            }
            Ok(())
        }
        QueueCommand::Call { window, json } => {
            let n = window.or(me.window).ok_or(Failure::Refused(Refusal::BadWindow))?;
            let signed =
                db.windows()?.iter().any(|w| w.number == n && w.operator.as_deref() == Some(me.login.as_str()));
            if !signed {
                db.sign_in(&me.login, n).map_err(queue_failure)?;
            }
            let (t, why) = db.call_next(&me.login).map_err(queue_failure)?;
            if *json {
                let j = serde_json::json!({ "number": t.number, "window": n, "category": t.category, "why": why });
                out!("{}", serde_json::to_string(&j).unwrap_or_default());
            } else {
                out!("{} → {}  {}", t.number, i18n::window(lang, n), i18n::queue::why(lang, &why));
            }
            Ok(())
        }
        QueueCommand::Threshold { category, count } => {
            if !(1..=999).contains(count) {
                return Err(Failure::Refused(Refusal::BadThreshold));
            }
            let code = db.set_threshold(&me.login, category, *count).map_err(queue_failure)?;
            out!("{code} → {count}");
            Ok(())
        }
        QueueCommand::Close => {
            let n = db.close_day(&me.login).map_err(queue_failure)?;
            out!(
                "{}",
                i18n::pick(lang, "已闭厅，未叫号码作废：", "Closed; numbers expired: ").to_string() + &n.to_string()
            );
            Ok(())
        }
    }
}

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

/// The reader or writer of rooms and mediation cases.
pub fn viewer(me: &Operator) -> crate::storage::Viewer {
    crate::storage::Viewer {
        login: me.login.clone(),
        supervisor: me.role.may(Permission::Supervise),
        mediator: me.role.may(Permission::Mediation),
    }
}

pub(super) fn room(db: &mut Db, lang: Lang, me: &Operator, cmd: &RoomCommand) -> Result<(), Failure> {
    let parse_t = |s: &str| {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .map_err(|_| Failure::Refused(Refusal::BadTime(text::sanitize(s))))
    };
    match cmd {
        RoomCommand::List { date, json } => {
            let day = date.unwrap_or(db.clock().now().date_naive());
            let rooms = db.rooms()?;
            let bookings = db.bookings(&viewer(me), day, day)?;
            if *json {
                let out = serde_json::json!({ "rooms": rooms, "bookings": bookings });
                out!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for r in &rooms {
                    out!("{} {} ({}–{})", r.id, r.name, r.opens.format("%H:%M"), r.closes.format("%H:%M"));
                    for b in bookings.iter().filter(|b| b.room_id == r.id) {
                        let what =
                            b.purpose.clone().unwrap_or_else(|| i18n::pick(lang, "已占用", "occupied").to_string());
                        out!("  {}–{} {} · {what}", b.start.format("%H:%M"), b.end.format("%H:%M"), b.mediator_name);
                    }
                }
            }
            Ok(())
        }
        RoomCommand::Add { name, capacity, opens, closes } => {
            let t = |s: &str| {
                chrono::NaiveTime::parse_from_str(s, "%H:%M")
                    .map_err(|_| Failure::Refused(Refusal::BadTime(text::sanitize(s))))
            };
            let (name, _) = text::clean_field(name, 30);
            if name.is_empty() {
                return Err(Failure::Refused(Refusal::BadName));
            }
            let id = db.add_room(&me.login, &name, *capacity, t(opens)?, t(closes)?)?;
            out!("{id} {name}");
            Ok(())
        }
        RoomCommand::Retire { id } => {
            if !db.retire_room(&me.login, *id)? {
                return Err(Failure::Room(crate::storage::RoomOpError::Rule(crate::domain::room::RoomError::NoRoom)));
            }
            out!("{id} ✗");
            Ok(())
        }
        RoomCommand::Book { room, start, end, purpose, weeks } => {
            let rooms = db.rooms()?;
            let r = rooms
                .iter()
                .find(|r| r.id.to_string() == *room || r.name == *room)
                .ok_or(Failure::Room(crate::storage::RoomOpError::Rule(crate::domain::room::RoomError::NoRoom)))?;
            let (s, e) = (parse_t(start)?, parse_t(end)?);
            let results = db.book_weekly(&viewer(me), r.id, s, e, (*weeks).max(1), None, purpose);
            let mut failed = None;
            for (day, res) in results {
                match res {
                    Ok(b) => out!("{day} {}–{} {}", b.start.format("%H:%M"), b.end.format("%H:%M"), r.name),
                    Err(err) => {
                        eprintln!("{day} {}", i18n::rooms::room_error(lang, &err));
                        failed = Some(err);
                    }
                }
            }
            match failed {
                Some(e) if *weeks <= 1 => Err(Failure::Room(e)),
                _ => Ok(()),
            }
        }
    }
}

pub(super) fn queue_failure(e: crate::storage::QueueError) -> Failure {
    match e {
        crate::storage::QueueError::Storage(e) => Failure::from(e),
        other => Failure::Queue(other),
    }
}
