//! The Queue screen: my window's current number in big digits, the line it calls from with
//! the reason each is where it is, and every category's waiting count.

use crate::app::App;
use crate::domain::queue::{CallReason, MAX_RECALLS, TicketState, Window, current_at, estimated_wait};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::ui_queue::{W, say};
use crate::i18n::{self};
use crate::ui::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tui_big_text::{BigText, PixelSize};

/// Draws the Queue screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let [top, rest] = Layout::vertical([Constraint::Length(8), Constraint::Min(0)]).areas(area);
    current_box(frame, top, app, theme);
    if rest.width >= 90 {
        let [list, lines] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(rest);
        line_list(frame, list, app, theme);
        categories(frame, lines, app, theme);
    } else {
        line_list(frame, rest, app, theme);
    }
}

/// The window's title and its state: 未签到, 暂停 with the reason, 服务中 only while a number
/// is open there, 空闲 otherwise.
fn window_state(app: &App, w: Option<&Window>) -> (String, Style, String) {
    let lang = app.lang;
    match w {
        None => match app.session.operator.window {
            Some(n) => {
                let hint = crate::ui::keyed_in(app, crate::keymap::Section::Queue, say(lang, W::NotSignedInPress));
                (i18n::window(lang, n), Style::default(), hint)
            }
            None => (say(lang, W::NoWindowNumberSet).to_string(), Style::default(), String::new()),
        },
        Some(w) => {
            let head = format!("{} {}", i18n::window(lang, w.number), w.name);
            let open = current_at(&app.queue.view.tickets, w).is_some();
            let state = match (&w.paused, open) {
                (Some(r), _) => format!("{} {r}", say(lang, W::Paused)),
                (None, true) => say(lang, W::Open).to_string(),
                (None, false) => say(lang, W::Idle).to_string(),
            };
            (head, Style::default(), state)
        }
    }
}

/// The question before calling a number out of turn: the reasons, 1–4, and how to go back.
pub(crate) fn out_of_turn_menu(frame: &mut Frame<'_>, area: Rect, app: &App, number: &str, theme: &Theme) {
    let lang = app.lang;
    let ask = crate::app::overlay::Ask::OutOfTurn(number.to_string());
    let question = i18n::confirm_question(lang, crate::action::Action::Confirm, &ask);
    let width = (display_width(&question) as u16 + 6).max(44).min(area.width);
    let title = i18n::label(lang, i18n::Label::ConfirmTitle);
    let inner = crate::ui::dialog(frame, area, width, 9, title, theme);
    let mut lines = vec![
        Line::from(Span::styled(question, theme.title)),
        Line::from(Span::styled(say(lang, W::PickAReason), theme.dim)),
    ];
    lines.extend(CallReason::ALL.iter().enumerate().map(|(i, r)| {
        Line::from(vec![Span::styled(format!(" {} ", i + 1), theme.key), Span::raw(i18n::queue::call_reason(lang, *r))])
    }));
    let cancel = crate::i18n::words::ui_overlays::say(lang, crate::i18n::words::ui_overlays::W::Cancel);
    lines.push(Line::from(Span::styled(crate::ui::keyed_in(app, crate::keymap::Section::Global, cancel), theme.dim)));
    frame.render_widget(Paragraph::new(lines), inner);
}

fn current_box(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let login = &app.session.operator.login;
    let w = app.queue.my_window(login);
    let (head, _, state) = window_state(app, w);
    let state_style = if w.is_some_and(|w| w.paused.is_some()) { theme.warn } else { theme.dim };
    let block = Block::bordered()
        .border_style(theme.focus_border)
        .title(Span::styled(format!(" {head} "), theme.title))
        .title(Line::from(Span::styled(format!(" {state} "), state_style)).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let Some(t) = app.queue.current(login) else {
        let hint = if w.is_some() {
            crate::ui::keyed_in(app, crate::keymap::Section::Queue, say(lang, W::NoNumberAtThe))
        } else {
            String::new()
        };
        frame.render_widget(Paragraph::new(Span::styled(hint, theme.dim)), inner);
        return;
    };
    let big_w = (t.number.chars().count() as u16) * 4;
    let [digits, info] = Layout::horizontal([Constraint::Length(big_w + 2), Constraint::Min(0)]).areas(inner);
    if digits.height >= 4 && digits.width >= big_w {
        let big = BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(theme.title)
            .lines(vec![t.number.clone().into()])
            .build();
        frame.render_widget(big, Rect { x: digits.x + 1, width: big_w, height: 4, ..digits });
    } else {
        frame.render_widget(Paragraph::new(Span::styled(t.number.clone(), theme.title)), digits);
    }
    let colon = crate::i18n::colon(lang);
    let cat = app.catalog.categories.iter().find(|c| c.code == t.category).map(|c| c.name.clone()).unwrap_or_default();
    let since = t.called_at.map(|c| (app.now - c).num_minutes().max(0)).unwrap_or(0);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(i18n::queue::ticket_state(lang, t.state).to_string(), theme.title),
            Span::raw(format!(" · {cat} · {}", i18n::queue::why(lang, &crate::domain::queue::why(t)))),
        ]),
        Line::raw(format!(
            "{}{colon}{}  {}{colon}{} {}",
            say(lang, W::Issued),
            t.issued_at.format("%H:%M"),
            say(lang, W::Called),
            since,
            say(lang, W::MinAgo)
        )),
    ];
    if t.state == TicketState::Called || t.recalls > 0 {
        let style = if t.recalls > 0 { theme.warn } else { theme.dim };
        lines.push(Line::from(Span::styled(i18n::queue::call_count(lang, t.recalls), style)));
        // The last recall is used up: the next press records a no-show (it asks first).
        if t.state == TicketState::Called && t.recalls >= MAX_RECALLS {
            let warn = crate::ui::keyed_in(app, crate::keymap::Section::Queue, say(lang, W::NextRecallIsNoShow));
            lines.push(Line::from(Span::styled(warn, theme.error)));
        }
    }
    // Every case of the visit (two items in one visit keep both), then the slips printed.
    let sep = crate::i18n::list_separator(lang);
    if !t.cases.is_empty() {
        let text = crate::i18n::fill(say(lang, W::ACaseWasTaken), &[&t.cases.join(sep)]);
        lines.push(Line::from(Span::styled(crate::ui::keyed_in(app, crate::keymap::Section::Queue, &text), theme.dim)));
    } else if !t.slips.is_empty() {
        let text = crate::i18n::fill(say(lang, W::SlipPrinted), &[&t.slips.join(sep)]);
        lines.push(Line::from(Span::styled(crate::ui::keyed_in(app, crate::keymap::Section::Queue, &text), theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), info);
}

fn line_list(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let login = &app.session.operator.login;
    let rows = app.queue.rows(login);
    let mine = app.queue.my_window(login);
    let title = format!(" {} ({}) ", say(lang, W::ToCall), rows.iter().filter(|r| r.1.is_some()).count());
    let block = Block::bordered().title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if rows.is_empty() {
        let text = crate::ui::keyed_in(app, crate::keymap::Section::Queue, say(lang, W::NobodyWaitingAIssues));
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim)), inner);
        return;
    }
    let height = inner.height as usize;
    let offset = (app.queue.selected + 1).saturating_sub(height);
    let open = app.queue.view.windows.iter().filter(|w| w.is_open()).count().max(1);
    let width = inner.width as usize;
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (t, why))| {
            let base = if i == app.queue.selected { theme.selected } else { Style::default() };
            let label = match why {
                Some(w) => i18n::queue::why(lang, w),
                None => i18n::queue::ticket_state(lang, t.state).to_string(),
            };
            let median =
                app.queue.view.lines.iter().find(|l| l.code == t.category).map(|l| l.median_minutes).unwrap_or(10);
            // The head of the line is called next: no estimate, as on the kiosk ticket.
            let wait = if t.state == TicketState::Waiting && mine.is_some() && i > 0 {
                format!("~{}′", estimated_wait(i + 1, open, median))
            } else {
                String::new()
            };
            let text = format!("{:<6}{} {}  {}", t.number, t.issued_at.format("%H:%M"), label, wait);
            let text = truncate_to_width(&text, width);
            let pad = width.saturating_sub(display_width(&text));
            let style = if why.is_none() {
                base.patch(theme.dim)
            } else if matches!(why, Some(crate::domain::queue::Why::Green { .. })) {
                base.patch(theme.warn)
            } else {
                base
            };
            Line::from(vec![Span::styled(text, style), Span::styled(" ".repeat(pad), base)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn categories(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let block = Block::bordered().title(Span::styled(say(lang, W::WaitingByCategory), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line> = app
        .queue
        .view
        .lines
        .iter()
        .filter(|l| l.waiting > 0 || l.open_windows > 0)
        .map(|l| {
            let alarm = l.waiting >= l.threshold;
            let style = if alarm { theme.error } else { Style::default() };
            Line::from(vec![
                Span::styled(format!("{} {}", l.prefix, truncate_to_width(&l.name, 10)), style),
                Span::raw(format!(
                    "  {} {}  {}{} {}′",
                    l.waiting,
                    say(lang, W::Waiting),
                    say(lang, W::Windows),
                    l.open_windows,
                    l.median_minutes
                )),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
