//! The queue, windows and rooms from the shell: kiosks, hardware callers, supervisors.

use super::out::out;
use super::{Failure, args::*};
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::i18n::cli::Refusal;
use crate::i18n::words::cli_queue::{W, say};
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
                        let waiting = format!("{} {}{alarm}", say(lang, W::Waiting), l.waiting);
                        vec![l.prefix.to_string(), l.name.clone(), waiting]
                    })
                    .collect();
                super::out::table(&lines)?;
                let windows: Vec<Vec<String>> = v
                    .windows
                    .iter()
                    .map(|w| {
                        let state = match (&w.operator, &w.paused) {
                            (None, _) => say(lang, W::Closed).to_string(),
                            (Some(_), Some(r)) => format!("{} {r}", say(lang, W::Paused)),
                            (Some(_), None) => current(w).unwrap_or_else(|| "-".into()),
                        };
                        vec![i18n::window(lang, w.number), w.name.clone(), state]
                    })
                    .collect();
                super::out::table(&windows)?;
            }
            Ok(())
        }
        QueueCommand::Call { window, previous, json } => {
            let n = window.or(me.window).ok_or(Failure::Refused(Refusal::BadWindow))?;
            let signed =
                db.windows()?.iter().any(|w| w.number == n && w.operator.as_deref() == Some(me.login.as_str()));
            if !signed {
                db.sign_in(&me.login, n).map_err(queue_failure)?;
            }
            use crate::domain::queue::Previous;
            let previous = previous.map(|p| match p {
                PreviousArg::Done => Previous::Done,
                PreviousArg::NoShow => Previous::NoShow,
                PreviousArg::BackInLine => Previous::BackInLine,
            });
            let (t, why) = db.call_next_after(&me.login, previous).map_err(queue_failure)?;
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
            out!("{}", say(lang, W::ClosedNumbersExpired).to_string() + &n.to_string());
            Ok(())
        }
    }
}

pub(super) fn queue_failure(e: crate::storage::QueueError) -> Failure {
    match e {
        crate::storage::QueueError::Storage(e) => Failure::from(e),
        // From the shell there is nobody to ask: say how to tell what became of it.
        crate::storage::QueueError::WindowBusy { window, number } => {
            Failure::Refused(Refusal::CallWithOpen { window, number })
        }
        other => Failure::Queue(other),
    }
}
