//! The Mediation screen: my cases (all for supervisors), with parties masked in the list and
//! the full record, sessions and follow-ups in the detail.

use crate::app::App;
use crate::domain::mediation::{MediationState, confirmation_deadline};
use crate::domain::resident::mask_phone;
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::ui_mediation::{W, say};
use crate::i18n::{self};
use crate::ui::Theme;
use crate::ui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Masks a name for lists: 王*国, 张*.
fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.len() {
        0 | 1 => name.to_string(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// Draws the Mediation screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let m = &app.mediation;
    let (list, detail) = if area.width >= 90 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
        (l, Some(d))
    } else {
        (area, None)
    };
    draw_list(frame, list, app, theme);
    if let (Some(d), Some(c)) = (detail, m.selected_case()) {
        draw_detail(frame, d, app, c, theme);
    }
}

/// The cases, parties' names masked, the key names of the keymap in the frame.
fn draw_list(frame: &mut Frame<'_>, list: Rect, app: &App, theme: &Theme) {
    let (lang, m) = (app.lang, &app.mediation);
    let hint = crate::ui::keys_line(app, &{
        use crate::action::Action::*;
        [NewMediation, MediationStart, MediationAgree, MediationFail, MediationTerminate, MediationVisit, Reveal]
    });
    let block = Block::bordered()
        .border_style(theme.focus_border)
        .title(Span::styled(
            format!(" {} ({}) ", i18n::tab(lang, crate::app::Tab::Mediation), m.list.len()),
            theme.title,
        ))
        .title_bottom(Span::styled(hint, theme.dim));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if m.list.is_empty() {
        let t = say(lang, W::NoMediationCaseYet);
        let t = crate::ui::keyed_in(app, crate::keymap::Section::Mediation, t);
        frame.render_widget(Paragraph::new(Span::styled(t, theme.dim)), inner);
    } else {
        let width = inner.width as usize;
        let height = inner.height as usize;
        let offset = (m.selected + 1).saturating_sub(height);
        let lines: Vec<Line> = m
            .list
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, c)| {
                let base = if i == m.selected { theme.selected } else { Style::default() };
                let names: Vec<String> = c.parties.iter().map(|p| mask_name(&p.name)).collect();
                // An agreement not yet fully kept is due a follow-up visit.
                let visit = c.state == MediationState::Agreed
                    && c.performance != Some(crate::domain::mediation::Performance::Done);
                let state = if visit {
                    format!("{}·{}", i18n::rooms::mediation_state(lang, c.state), say(lang, W::VisitDue))
                } else {
                    i18n::rooms::mediation_state(lang, c.state).to_string()
                };
                let text =
                    format!("{} {} {} {}", c.number, state, i18n::rooms::dispute(lang, c.dispute), names.join(" / "));
                let text = truncate_to_width(&text, width);
                let pad = width.saturating_sub(display_width(&text));
                Line::from(vec![Span::styled(text, base), Span::styled(" ".repeat(pad), base)])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// The selected case in full, with its sessions and timeline.
fn draw_detail(frame: &mut Frame<'_>, d: Rect, app: &App, c: &crate::domain::mediation::MediationCase, theme: &Theme) {
    let (lang, m) = (app.lang, &app.mediation);
    let block = Block::bordered().title(Span::styled(format!(" {} ", c.number), theme.title));
    let inner = block.inner(d);
    frame.render_widget(block, d);
    let colon = crate::i18n::colon(lang);
    let field = |k: &str, v: String| Line::from(vec![Span::styled(format!("{k}{colon}"), theme.dim), Span::raw(v)]);
    let mut lines = vec![
        field(say(lang, W::State), i18n::rooms::mediation_state(lang, c.state).to_string()),
        field(say(lang, W::Dispute), i18n::rooms::dispute(lang, c.dispute).to_string()),
        field(say(lang, W::Source), i18n::rooms::source(lang, c.source).to_string()),
        field(say(lang, W::Mediator), c.mediator_name.clone()),
        field(say(lang, W::Received), c.created_at.format("%Y-%m-%d %H:%M").to_string()),
    ];
    let revealed = m.revealed.shows(c.id);
    for p in &c.parties {
        let contact = match (p.contact.is_empty(), revealed) {
            (true, _) => String::new(),
            (false, true) => format!(" {}", p.contact),
            (false, false) => format!(" {}", mask_phone(&p.contact)),
        };
        lines.push(field(i18n::rooms::party_role(lang, p.role), format!("{}{contact}", p.name)));
    }
    lines.push(field(say(lang, W::Summary), c.summary.clone()));
    if !c.outcome.is_empty() {
        let k = if c.state == MediationState::Agreed { say(lang, W::Agreement) } else { say(lang, W::Outcome) };
        lines.push(field(k, c.outcome.clone()));
    }
    if let (MediationState::Agreed, Some(t)) = (c.state, c.agreed_at) {
        let deadline = confirmation_deadline(t);
        let left = (deadline - app.today()).num_days();
        let v = if left >= 0 {
            format!("{}（{} {left} {}）", i18n::date(lang, deadline), say(lang, W::In), say(lang, W::Days))
        } else {
            format!("{}（{}）", i18n::date(lang, deadline), say(lang, W::Passed))
        };
        lines.push(field(say(lang, W::JudicialConfirmationBy), v));
    }
    if let Some(p) = c.performance {
        lines.push(field(say(lang, W::Performance), i18n::rooms::performance(lang, p).to_string()));
    }
    for b in &m.sessions {
        lines
            .push(field(say(lang, W::Session), format!("{}–{}", b.start.format("%m-%d %H:%M"), b.end.format("%H:%M"))));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(say(lang, W::Timeline), theme.title)));
    for e in &m.events {
        lines.push(Line::raw(format!(
            "  {} {} {} {}",
            e.at.format("%m-%d %H:%M"),
            e.operator,
            i18n::rooms::mediation_event(lang, &e.kind),
            i18n::rooms::mediation_detail(lang, &e.kind, &e.detail)
        )));
    }
    frame.render_widget(Paragraph::new(wrap(lines, inner.width as usize)), inner);
}
