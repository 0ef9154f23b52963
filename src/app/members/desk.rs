//! The check-in desk at an activity's door: Enter checks the member typed in, or out.

use super::{REPEAT_MINUTES, form};
use crate::app::notice::Notice;
use crate::app::overlay::Overlay;
use crate::app::{App, Effect};

/// What Enter does at the desk: check the chosen member in, or out if already in.
pub(super) fn enter(app: &mut App) -> Vec<Effect> {
    let m = &app.members;
    let Some(activity) = m.desk else {
        app.toast(Notice::NoActivity);
        return vec![];
    };
    let query = m.query.text().trim().to_string();
    if query.is_empty() {
        app.toast(Notice::TypeAName);
        return vec![];
    }
    // Namesakes or a shared phone tail: the first of equals is nobody's choice.
    let equals = if query.chars().all(|c| c.is_ascii_digit()) {
        m.hits.iter().filter(|h| m.member(h).is_some_and(|t| t.member.phone.ends_with(&query))).count()
    } else {
        let top = m.hits.first().and_then(|h| Some((h.score, &m.member(h)?.member.name)));
        m.hits
            .iter()
            .filter(|h| top.is_some_and(|(s, n)| h.score == s && m.member(h).is_some_and(|t| &t.member.name == n)))
            .count()
    };
    if equals > 1 && !m.picked {
        app.members.picked = true;
        app.toast(Notice::Member(crate::domain::member::CheckinError::Ambiguous(equals).into()));
        return vec![];
    }
    let Some(member) = m.selected_member().map(|s| s.member.id) else {
        // Nobody matches: offer the registration form, the name already filled in.
        let name = if !query.is_ascii() { query.clone() } else { String::new() };
        app.overlay = Some(Overlay::Form(Box::new(form::member(&name))));
        app.toast(Notice::NotRegistered(query));
        return vec![];
    };
    // Enter again checks out, but not within minutes of checking in: that is the same person
    // pressing twice, and a check-in is idempotent (the worker says "already in").
    let just_in = m.desk_records.iter().any(|(s, _)| {
        s.member_id == member && s.end.is_none() && app.now - s.start < chrono::Duration::minutes(REPEAT_MINUTES)
    });
    let out = m.at_desk(member) == Some(true) && !just_in;
    vec![Effect::MemberCheck { member, activity, out }]
}
