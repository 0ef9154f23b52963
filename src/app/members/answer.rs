//! What the member desk hears back from the database, and the answers to its prompts.

use super::super::notice::{MemberChange, Notice};
use super::super::overlay::{Overlay, PromptFor};
use super::super::screen::Invalid;
use super::super::{App, Effect, Msg};
use super::{View, reload};
use crate::domain::member::{MemberStatus, parse_hours, parse_quarter, quarter};

/// Answers the member desk's messages; hands back the others.
pub(super) fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    let now = app.now;
    let mut dirty = false;
    let m = &mut app.members;
    match msg {
        Msg::MembersLoaded(data) => {
            if m.load(data) {
                dirty = true;
                if m.view == View::Registry
                    && let Some(s) = m.selected_member()
                    && m.records_of != Some(s.member.id)
                {
                    let id = s.member.id;
                    app.dirty = true;
                    return Ok(vec![Effect::LoadMemberRecords(id)]);
                }
            }
        }
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
            let clear = matches!(notice, Notice::MemberIn(_) | Notice::MemberOut(..));
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
            // A refused form stays open so nothing typed is lost.
            if !matches!(app.overlay, Some(Overlay::Form(_))) {
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
        PromptFor::ManualHours => manual_hours(id, text)?,
        PromptFor::DeclineRecord if !text.is_empty() => Effect::DeclineRecord(id, text.to_string()),
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

/// "2026-11-20 2.5 [2] 夜间巡逻补录": date, hours, optional points per hour, reason.
fn manual_hours(id: i64, text: &str) -> Result<Effect, Invalid> {
    let mut parts = text.split_whitespace();
    let day = parts.next().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let half = parts.next().and_then(parse_hours);
    let rest: Vec<&str> = parts.collect();
    let (rate, reason) = match rest.split_first() {
        Some((r, more)) if !more.is_empty() && r.parse::<u32>().is_ok_and(|n| n <= 20) => {
            (r.parse().unwrap_or(1), more.join(" "))
        }
        _ => (1, rest.join(" ")),
    };
    match (day, half) {
        (Some(d), Some(h)) if !reason.is_empty() => Ok(Effect::ManualHours(id, d, h, rate, reason)),
        _ => Err(Invalid),
    }
}
