//! The board as the web page gets it: numbers, window names, waiting counts, notices and the
//! words to label them — never a name, an age, a green-channel reason, a pause reason typed by
//! a clerk, or anything else about a person.

use crate::domain::announce;
use crate::domain::queue::{current_at, recalled_lately};
use crate::i18n::words::ui_board::{W, say};
use crate::i18n::{self};
use crate::ui::board::{Board, Hall, newest, notice_now, recent};
use serde_json::{Value, json};

/// The board as JSON for the page.
pub fn snapshot(b: &Board, h: &Hall) -> Value {
    let lang = b.lang;
    let newest = newest(&b.view);
    let windows: Vec<Value> = b
        .view
        .windows
        .iter()
        .map(|w| {
            let current = current_at(&b.view.tickets, w);
            let state = match (&w.paused, current) {
                (_, Some(_)) if w.operator.is_none() => "away",
                (Some(_), _) => "paused",
                (None, None) if w.operator.is_none() => "closed",
                _ => "open",
            };
            let again = current.filter(|t| recalled_lately(t, b.now)).map(|t| u32::from(t.recalls) + 1);
            json!({
                "label": i18n::window(lang, w.number),
                "name": w.name,
                "state": state,
                "number": current.map(|t| t.number.clone()),
                "newest": current.is_some() && current.map(|t| t.id) == newest.map(|t| t.id),
                "again": again.map(|n| i18n::fill(say(lang, W::CalledAgainTimes), &[&n])),
            })
        })
        .collect();
    let recent: Vec<Value> = recent(&b.view.tickets)
        .iter()
        .map(|t| json!(format!("{}→{}", t.number, i18n::window(lang, t.window.unwrap_or(0)))))
        .collect();
    let waiting: Vec<Value> = b
        .view
        .lines
        .iter()
        .filter(|l| l.waiting > 0)
        .map(|l| json!({"line": format!("{}{}", l.prefix, l.name), "waiting": l.waiting}))
        .collect();
    let call = newest.filter(|t| t.state == crate::domain::queue::TicketState::Called).map(|t| {
        json!({
            "key": format!("{}@{}", t.id, t.called_at.map(|c| c.to_string()).unwrap_or_default()),
            "speech": announce::text(lang, &t.number, t.window.unwrap_or(0)),
        })
    });
    json!({
        "lang": match lang { crate::domain::lang::Lang::Zh => "zh-CN", crate::domain::lang::Lang::En => "en" },
        "centre": b.centre,
        "title": say(lang, W::PleaseWatchForYour),
        "time": b.now.format("%H:%M").to_string(),
        "windows": windows,
        "recent": recent,
        "waiting": waiting,
        "notices": h.notices,
        "notice": notice_now(&h.notices, b.now),
        "offline": h.offline.then(|| say(lang, W::Offline)),
        "call": call,
        "words": {
            "last_called": say(lang, W::LastCalled).trim(),
            "waiting": say(lang, W::Waiting).trim(),
            "paused": say(lang, W::Paused),
            "closed": say(lang, W::NotOpen),
            "away": say(lang, W::StaffAwayPleaseWait),
            "now_calling": say(lang, W::NowCalling),
            "none_open": say(lang, W::NoWindowIsOpen),
        },
    })
}
