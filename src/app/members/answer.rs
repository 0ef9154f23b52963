//! What the member desk hears back from the database, and the answers to its prompts.

use super::super::notice::{MemberChange, Notice};
use super::super::overlay::{Overlay, Prompt, PromptFor};
use super::super::screen::Invalid;
use super::super::{App, Effect, Msg};
use super::{View, reload};
use crate::domain::member::{MemberStatus, parse_manual, parse_quarter, quarter};

/// Answers the member desk's messages; hands back the others.
pub(super) fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    let now = app.now;
    let mut dirty = false;
    let m = &mut app.members;
    match msg {
        // The selected member's records are asked for by `follow` after the update.
        Msg::MembersLoaded(data) => dirty = m.load(data),
        Msg::MemberRecords(id, records) => {
            if m.records_of != Some(id) || m.records != records {
                if m.records_of != Some(id) {
                    m.record = 0;
                }
                m.records_of = Some(id);
                m.record = m.record.min(records.len().saturating_sub(1));
                m.records = records;
                dirty = true;
            }
        }
        Msg::ActivitiesLoaded(list) => {
            if m.activities != list {
                let first = m.activities.is_empty();
                let keep = m.activities.get(m.activity).map(|(a, _)| a.id);
                m.activities = list;
                match keep.and_then(|id| m.activities.iter().position(|(a, _)| a.id == id)) {
                    Some(i) if !first => m.activity = i,
                    _ => m.focus_today(now),
                }
                dirty = true;
            }
        }
        Msg::ActivityRecords(id, records) => {
            if m.desk == Some(id) && m.desk_records != records {
                m.desk_records = records;
                dirty = true;
            }
        }
        Msg::PendingHours(list) => super::approvals::loaded(app, list),
        Msg::MemberRevealed(id) => {
            m.revealed.show(id, now);
            dirty = true;
        }
        other => return changed(app, other),
    }
    app.dirty |= dirty;
    Ok(vec![])
}

/// A change was stored or refused: say so, and read the screen again.
fn changed(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    match msg {
        Msg::MemberDone(notice) => {
            app.members.entry = None;
            let clear = matches!(
                notice,
                Notice::MemberIn(_) | Notice::MemberOut(..) | Notice::MemberChanged(MemberChange::Late, _)
            );
            app.overlay = None;
            app.toast(notice);
            if clear {
                // The next person in line types their own name.
                app.members.query.clear();
                app.members.research();
            }
        }
        Msg::MemberRegistered(m) => {
            app.overlay = None;
            app.toast(Notice::MemberChanged(MemberChange::Registered, m.name.clone()));
            // Registered at the door: find them at once, so Enter checks them in.
            app.members.query.clear();
            app.members.query.insert(&m.name);
        }
        Msg::ActivityAdded(a) => {
            app.overlay = None;
            app.toast(Notice::MemberChanged(MemberChange::Activity, a.title.clone()));
            app.members.activities.push((a, 0));
            app.members.activity = app.members.activities.len() - 1;
        }
        Msg::MemberRefused(e) => {
            // A refused form stays open, and a refused hand entry opens again with its text,
            // so nothing typed is lost.
            if let Some((id, title, text)) = app.members.entry.take()
                && app.overlay.is_none()
            {
                app.members.hours_problem = Some(e.clone());
                let mut p = Prompt::new(PromptFor::ManualHours, id, 0, title, 100);
                p.input.insert(&text);
                p.invalid = true;
                app.overlay = Some(Overlay::Prompt(p));
            }
            if app.overlay.is_none() {
                app.overlay = None;
                // At the door the message is the answer; the field is free for the next person.
                if app.members.view == View::Desk {
                    app.members.query.clear();
                    app.members.research();
                }
            }
            app.toast(Notice::Member(e));
        }
        other => return Err(other),
    }
    app.dirty = true;
    Ok(reload(app))
}

/// The answer to one of the member desk's prompts.
pub(super) fn submit(app: &mut App, purpose: PromptFor, text: &str) -> Result<Vec<Effect>, Invalid> {
    let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
    let id = p.id;
    let effect = match purpose {
        PromptFor::MemberStatus => match text {
            "1" => Effect::MemberUpdate(id, false, Some(MemberStatus::Active)),
            "2" => Effect::MemberUpdate(id, false, Some(MemberStatus::MovedAway)),
            "3" => Effect::MemberUpdate(id, false, Some(MemberStatus::Transferred)),
            _ => return Err(Invalid),
        },
        PromptFor::ManualHours => match parse_manual(text) {
            Ok(e) => {
                app.members.entry = Some((id, p.number.clone(), p.input.text().to_string()));
                Effect::ManualHours(id, e.day, e.half, e.rate, e.reason)
            }
            Err(p) => {
                // Which rule, not just "not in the form": the prompt stays open with the text.
                app.members.hours_problem = Some(p.clone().into());
                app.toast(Notice::Member(p.into()));
                return Err(Invalid);
            }
        },
        PromptFor::DeclineRecord if !text.is_empty() => Effect::DeclineRecord(id, text.to_string()),
        PromptFor::RejectHours if !text.is_empty() => Effect::DecideHours(id, Some(text.to_string())),
        PromptFor::ImportRoster => {
            let mut files: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            let confirmed = files.last().is_some_and(|w| matches!(w.as_str(), "确认" | "confirm"));
            if confirmed {
                files.pop();
            }
            if files.is_empty() {
                return Err(Invalid);
            }
            let import = crate::app::audit::AdminCmd::Import(crate::domain::import::Kind::Members, files, confirmed);
            Effect::Admin(import, app.lang)
        }
        PromptFor::Feedback => {
            let (y, q) = if text.is_empty() {
                (chrono::Datelike::year(&app.now.date()), quarter(app.now.date()))
            } else {
                parse_quarter(text).ok_or(Invalid)?
            };
            Effect::Feedback(y, q, app.lang)
        }
        _ => return Err(Invalid),
    };
    Ok(vec![effect])
}
