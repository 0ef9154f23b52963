//! The frame around every screen: tabs, status line (where messages show), key hints.

use super::Theme;
use crate::action::Action;
use crate::app::notice::Level;
use crate::app::{App, DbStatus};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::{self, Label, label};
use crate::keymap::Mode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The tab bar: the program's name, then one title per tab the role may see.
pub fn tabs(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = vec![Span::styled(format!(" {} ", label(app.lang, Label::AppName)), theme.title)];
    for t in app.tabs() {
        let style = if t == app.tab { theme.tab_active } else { Style::default() };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {} ", i18n::tab(app.lang, t)), style));
    }
    if app.session.demo {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(format!(" {} ", label(app.lang, Label::Demo)), theme.warn));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Operator, role and window on the left; database state and clock on the right. A message
/// takes the left part while it lasts (one place, never over a border or the key hints),
/// the counters giving it room first.
pub fn status(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let op = &app.session.operator;
    let toast = app.toasts.last();
    let (mut left, left_style) = match toast {
        Some(t) => {
            let style = match t.level {
                Level::Info => theme.info,
                Level::Warn => theme.warn,
                Level::Error => theme.error,
            };
            (format!(" {} ", crate::ui::keyed(app, &i18n::notice(app.lang, &t.notice))), style)
        }
        None => (format!(" {} · {}", op.name, i18n::role(app.lang, op.role)), theme.status),
    };
    if let (None, Some(w)) = (toast, op.window) {
        left.push_str(" · ");
        left.push_str(&i18n::window(app.lang, w));
    }
    let (db, db_style) = match &app.db {
        DbStatus::Ok => (label(app.lang, Label::DbOk), theme.status),
        DbStatus::Loading => (label(app.lang, Label::DbLoading), theme.status),
        DbStatus::Error(_) => (label(app.lang, Label::DbError), theme.error),
        DbStatus::Stopped => (label(app.lang, Label::DbStopped), theme.error),
    };
    let clock = app.now.format("%m-%d %H:%M").to_string();
    // Deadline counters for those who handle cases: the reason to look at the Cases tab.
    let counts = app.cases.counts;
    let mut counters: Vec<(String, Style)> = Vec::new();
    if app.may_handle_cases() && app.cases.loaded {
        use crate::i18n::screens::{T, text};
        counters.push((format!(" {} {} ", text(app.lang, T::Open), counts.open), theme.status));
        let soon_style = if counts.due_soon > 0 { theme.warn } else { theme.status };
        counters.push((format!(" {} {} ", text(app.lang, T::DueSoon), counts.due_soon), soon_style));
        let over_style = if counts.overdue > 0 { theme.error } else { theme.status };
        counters.push((format!(" {} {} ", text(app.lang, T::Overdue), counts.overdue), over_style));
        // Only when there is one: a 容缺 promise past is rare and needs a call to the resident.
        if counts.promise_overdue > 0 {
            counters.push((format!(" {} {} ", text(app.lang, T::RongqueOverdue), counts.promise_overdue), theme.error));
        }
    }
    let width = area.width as usize;
    let mut counters_w: usize = counters.iter().map(|(t, _)| display_width(t)).sum();
    let mut fixed_w = display_width(db) + display_width(&clock) + 4;
    if toast.is_some() && display_width(&left) + fixed_w + counters_w > width {
        counters.clear();
        counters_w = 0;
    }
    // A long message on a narrow terminal takes the whole line for its few seconds, unless
    // the database is in trouble (that stays in sight).
    let db_ok = matches!(app.db, DbStatus::Ok | DbStatus::Loading);
    let keep_right = !(toast.is_some() && db_ok && display_width(&left) + fixed_w > width);
    if !keep_right {
        fixed_w = 0;
    }
    let right_w = fixed_w + counters_w;
    let left = truncate_to_width(&left, width.saturating_sub(right_w));
    let pad = width.saturating_sub(display_width(&left) + right_w);
    let mut spans = vec![Span::styled(left, left_style), Span::styled(" ".repeat(pad), theme.status)];
    for (t, st) in counters {
        spans.push(Span::styled(t, st));
    }
    if keep_right {
        spans.push(Span::styled(format!(" {db} "), db_style));
        spans.push(Span::styled(format!(" {clock} "), theme.status));
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line).style(theme.status), area);
}

/// The keys that work here, from the active keymap: what this screen offers this role and
/// can be done now (most useful first), with room always kept for help; then the palette and
/// quit where they fit.
pub fn hints(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let section = app.section();
    let insert = app.mode() == Mode::Insert;
    let actions: Vec<(Action, bool)> = match &app.overlay {
        Some(_) => vec![(Action::Up, false), (Action::Confirm, false), (Action::Back, false)],
        None => {
            let (here, _) = app.offers();
            let shown = here.into_iter().filter(|o| o.ready() && o.shown() && !o.action.is_movement());
            shown.map(|o| (o.action, o.on)).collect()
        }
    };
    let hint_on = |a: Action, on: bool| {
        let key = if insert { app.keymap.hint_in_field(section, a) } else { app.keymap.hint(section, a) };
        let words = if on { i18n::short_on(app.lang, a) } else { None };
        key.map(|k| (k.to_string(), words.unwrap_or_else(|| i18n::short(app.lang, a)).to_string()))
    };
    let hint = |a: Action| hint_on(a, false);
    let width = |(k, d): &(String, String)| display_width(k) + display_width(d) + 3;
    let help = if app.overlay.is_none() { hint(Action::Help) } else { None };
    let mut room = (area.width as usize).saturating_sub(help.as_ref().map(width).unwrap_or(0));
    let mut chosen: Vec<(String, String)> = Vec::new();
    let fit = |h: (String, String), room: &mut usize, chosen: &mut Vec<(String, String)>| {
        // Pairs (scroll up / down) share a word: the first stands for both.
        if width(&h) <= *room && !chosen.iter().any(|(_, d)| *d == h.1) {
            *room -= width(&h);
            chosen.push(h);
        }
    };
    // What the undo key would take back comes first: it is the way out of a slip.
    if let (None, Some((what, _))) = (&app.overlay, app.undo.offered.filter(|_| app.undo.ready(app.now)))
        && let Some(k) = app.keymap.hint(section, Action::Undo)
    {
        fit((k.to_string(), i18n::undo_hint(app.lang, what)), &mut room, &mut chosen);
    }
    for (a, on) in actions {
        if let Some(h) = hint_on(a, on) {
            fit(h, &mut room, &mut chosen);
        }
    }
    chosen.extend(help);
    if app.overlay.is_none() {
        for a in [Action::Palette, Action::Quit] {
            if let Some(h) = hint(a) {
                fit(h, &mut room, &mut chosen);
            }
        }
    }
    let mut spans = Vec::new();
    for (k, d) in chosen {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(k, theme.key));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(d, theme.dim));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
