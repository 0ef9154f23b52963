//! Residents' requests (诉求) where the screens show them: the Requests tab (the list by state
//! and grid, overdue rows red and due-soon ones marked on the working-day calendar, the
//! highlighted request in full with its timeline) and the dashboard's line of open, overdue
//! and unsatisfied requests per grid and kind.

use crate::app::App;
use crate::app::overlay::DispatchPick;
use crate::domain::request::{Timing, timing};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::requests::Tab as T;
use crate::i18n::words::requests::{self as words, W};
use crate::model::requests::Request;
use crate::ui::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Where a request's deadline stands now (None: no deadline running, or closed).
fn timing_of(app: &App, r: &Request) -> Option<Timing> {
    match r.due_at {
        Some(due) if r.state.has_taker() => Some(timing(&app.calendar, due, app.now)),
        _ => None,
    }
}

/// Who the request is from, as storage gives it: the name, 匿名 or （保密）.
fn who(app: &App, r: &Request) -> String {
    if r.anonymous {
        words::say(app.lang, W::Anonymous).to_string()
    } else if r.hidden {
        words::say(app.lang, W::Private).to_string()
    } else {
        r.resident_name.clone().unwrap_or_default()
    }
}

/// A candidate as the detail pane and the dispatch picker show it: kind, name, why it fits
/// (skill, grid, service) and its load this month.
fn candidate_text(lang: crate::domain::lang::Lang, c: &crate::model::requests::Candidate) -> String {
    let why = if c.why.is_empty() { String::new() } else { format!(" · {}", c.why) };
    format!("{} {}{why} · {} {}", words::provider(lang, c.kind), c.name, words::say(lang, W::Load), c.load)
}

/// The highlighted request's ranked candidates, best first.
pub fn candidate_lines(app: &App) -> Vec<Line<'static>> {
    app.requests
        .candidates_of_selected()
        .iter()
        .map(|c| Line::raw(format!("  {}", candidate_text(app.lang, c))))
        .collect()
}

/// The dispatch picker: the head, every candidate (scrolled to keep the highlighted one in
/// view), the question naming the request and the taker once Enter is pressed, and the keys.
pub fn dispatch_picker(frame: &mut Frame<'_>, area: Rect, app: &App, p: &DispatchPick, theme: &Theme) {
    let lang = app.lang;
    let title = format!("{} · {}", p.label, crate::i18n::describe(lang, crate::action::Action::RequestDispatch));
    let w = area.width.saturating_sub(4).min(90);
    let list = (p.candidates.len() as u16).clamp(1, 12);
    let inner = crate::ui::dialog(frame, area, w, 6 + list, &title, theme);
    if inner.height < 3 {
        return;
    }
    let [head, _, rows, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let width = rows.width as usize;
    let h = crate::i18n::fill(words::tab(lang, T::DispatchHead), &[&p.candidates.len()]);
    frame.render_widget(Paragraph::new(Span::styled(truncate_to_width(&h, width), theme.dim)), head);
    if p.candidates.is_empty() {
        let none = Line::styled(words::tab(lang, T::NoCandidates).to_string(), theme.warn);
        frame.render_widget(Paragraph::new(crate::ui::wrap::wrap(vec![none], width)), rows);
    } else {
        let height = rows.height as usize;
        let offset = (p.selected + 1).saturating_sub(height);
        let lines: Vec<Line> = p
            .candidates
            .iter()
            .enumerate()
            .skip(offset)
            .take(height)
            .map(|(i, c)| {
                let text = truncate_to_width(&format!(" {}", candidate_text(lang, c)), width);
                let pad = " ".repeat(width.saturating_sub(display_width(&text)));
                let style = if i == p.selected { theme.selected } else { Style::default() };
                Line::from(vec![Span::styled(text, style), Span::styled(pad, style)])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), rows);
    }
    let (line, footer) = match p.chosen() {
        Some(c) if p.confirming => (
            crate::i18n::fill(words::tab(lang, T::DispatchWho), &[&p.number, &words::provider(lang, c.kind), &c.name]),
            T::DispatchAgainKeys,
        ),
        _ => (String::new(), T::DispatchKeys),
    };
    frame.render_widget(Paragraph::new(Span::styled(truncate_to_width(&line, width), theme.title)), status);
    let footer = crate::ui::keyed_in(app, crate::keymap::Section::Global, words::tab(lang, footer));
    frame.render_widget(Paragraph::new(Span::styled(truncate_to_width(&footer, width), theme.key)), keys);
}

/// Draws the Requests tab into `area`: the filter line, the list and (when wide enough) the
/// highlighted request in full.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let [filter, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    draw_filter(frame, filter, app, theme);
    let (list, detail) = if body.width >= 100 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
        (l, Some(d))
    } else if body.height >= 16 {
        let [l, d] = Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
        (l, Some(d))
    } else {
        (body, None)
    };
    draw_list(frame, list, app, theme);
    if let Some(d) = detail {
        draw_detail(frame, d, app, theme);
    }
}

/// "筛选：未结 · text" with the field when it has focus.
fn draw_filter(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    use crate::app::requests::View;
    let (lang, r) = (app.lang, &app.requests);
    let view = match r.view {
        View::Open => words::tab(lang, T::Open).to_string(),
        View::In(s) => words::state(lang, s).to_string(),
        View::All => words::say(lang, W::All).to_string(),
    };
    let head = format!("{}{}{view} · ", words::tab(lang, T::Filter), crate::i18n::colon(lang));
    let w = display_width(&head) as u16;
    frame.render_widget(Paragraph::new(Span::styled(truncate_to_width(&head, area.width as usize), theme.dim)), area);
    if area.width > w + 1 {
        let field = Rect { x: area.x + w, width: area.width - w, ..area };
        super::catalog::draw_input(frame, field, &r.query, words::tab(lang, T::FilterHint), r.typing, theme);
    }
}

/// One row: number, state (due soon / overdue), kind, grid, resident, text.
fn row(app: &App, r: &Request, width: usize, selected: bool, theme: &Theme) -> Line<'static> {
    let lang = app.lang;
    let t = timing_of(app, r);
    let mut style = match t {
        Some(Timing::Overdue) => theme.error,
        Some(Timing::DueSoon) => theme.warn,
        _ => Style::default(),
    };
    if selected {
        style = style.patch(theme.selected);
    }
    let mark = match t {
        Some(Timing::Overdue) => format!("·{}", words::say(lang, W::Overdue)),
        Some(Timing::DueSoon) => format!("·{}", words::say(lang, W::DueSoon)),
        _ => String::new(),
    };
    let grid = if r.grid.is_empty() { words::say(lang, W::Unassigned) } else { r.grid.as_str() };
    let text = format!(
        "{} {}{mark} {} {grid} {} {}",
        r.number,
        words::state(lang, r.state),
        words::kind(lang, r.kind),
        who(app, r),
        r.text
    );
    let text = truncate_to_width(&text, width);
    let pad = width.saturating_sub(display_width(&text));
    Line::from(vec![Span::styled(text, style), Span::styled(" ".repeat(pad), style)])
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    use crate::action::Action::*;
    let (lang, r) = (app.lang, &app.requests);
    let hint = crate::ui::keys_line(
        app,
        &[RequestDispatch, RequestAccept, RequestStart, RequestDone, RequestRate, FocusSearch, CycleFilter],
    );
    let block = Block::bordered()
        .border_style(theme.focus_border)
        .title(Span::styled(
            format!(
                " {} ({}{}) ",
                crate::i18n::tab(lang, crate::app::Tab::Requests),
                r.list.len(),
                if r.more { "+" } else { "" }
            ),
            theme.title,
        ))
        .title_bottom(Span::styled(hint, theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if r.list.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(words::say(lang, W::None), theme.dim)), inner);
        return;
    }
    let (width, height) = (inner.width as usize, inner.height as usize);
    let offset = (r.selected + 1).saturating_sub(height);
    let mut lines: Vec<Line> = r
        .list
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, x)| row(app, x, width, i == r.selected, theme))
        .collect();
    if r.more && lines.len() < height {
        lines.push(Line::styled(words::tab(lang, T::More), theme.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The highlighted request in full: the same one the list highlights and every key acts on.
fn draw_detail(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let (lang, r) = (app.lang, &app.requests);
    let Some(x) = r.selected_request() else {
        let block = Block::bordered();
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Paragraph::new(Span::styled(words::tab(lang, T::PickOne), theme.dim)), inner);
        return;
    };
    let title = match &x.resident_name {
        Some(n) => format!(" {} · {n} ", x.number),
        None => format!(" {} · {} ", x.number, who(app, x)),
    };
    let block = Block::bordered().title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(t @ (Timing::Overdue | Timing::DueSoon)) = timing_of(app, x) {
        let style = if t == Timing::Overdue { theme.error } else { theme.warn };
        lines.push(Line::styled(words::timing(lang, t).to_string(), style));
    }
    let events = r.events_of_selected();
    lines.extend(words::detail(lang, x, events).into_iter().map(Line::raw));
    if !r.candidates_of_selected().is_empty() && x.state != crate::domain::request::State::Rated {
        lines.push(Line::styled(words::tab(lang, T::CandidatesHead), theme.dim));
        lines.extend(candidate_lines(app));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((r.detail_scroll, 0)), inner);
}

/// The dashboard's requests line: each grid and kind with open requests, as open/overdue/
/// unsatisfied, red when any is overdue; nothing when no request is open.
pub fn dashboard_line(app: &App, theme: &Theme) -> Option<Line<'static>> {
    let counts = &app.dashboard.requests;
    if counts.iter().all(|c| c.open == 0 && c.unsatisfied == 0) {
        return None;
    }
    let overdue: u32 = counts.iter().map(|c| c.overdue).sum();
    let lang = app.lang;
    let parts: Vec<String> = counts
        .iter()
        .filter(|c| c.open > 0 || c.unsatisfied > 0)
        .map(|c| {
            let grid = if c.grid.is_empty() { words::say(lang, W::Unassigned) } else { c.grid.as_str() };
            format!("{grid}·{} {}/{}/{}", words::kind(lang, c.kind), c.open, c.overdue, c.unsatisfied)
        })
        .collect();
    let text = format!("{}  {}", words::say(lang, W::DashboardHead), parts.join("  "));
    Some(Line::from(Span::styled(text, if overdue > 0 { theme.error } else { theme.info })))
}
