//! The Cases screen: filtered list with deadline colours, detail with materials, due-date
//! explanation and timeline.

use crate::app::App;
use crate::app::cases::CaseDetail;
use crate::domain::case::{Case, CaseState, Channel, MaterialStatus, Urgency, due_date, urgency};
use crate::domain::resident::{mask_id, mask_phone};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::screens::{T, text};
use crate::i18n::{self};
use crate::ui::Theme;
use crate::ui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the Cases screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let c = &app.cases;
    if c.zoomed {
        draw_detail(frame, area, app, theme, true);
        return;
    }
    // The filter field, while it has focus or holds a filter.
    let area = if c.typing || !c.query.text().is_empty() {
        let [field, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
        draw_filter(frame, field, app, theme);
        rest
    } else {
        area
    };
    if area.width >= 90 {
        let [list, detail] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
        draw_list(frame, list, app, theme);
        draw_detail(frame, detail, app, theme, false);
    } else {
        draw_list(frame, area, app, theme);
    }
}

fn draw_filter(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    use crate::i18n::words::ui_cases::{W, say};
    let c = &app.cases;
    let focused = c.typing && app.overlay.is_none();
    let block = Block::bordered()
        .border_style(if focused { theme.focus_border } else { Style::default() })
        .title(Span::styled(format!(" {} ", say(app.lang, W::FindCase)), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let hint = crate::ui::keyed_in(app, crate::keymap::Section::Cases, say(app.lang, W::FindCaseHint));
    super::catalog::draw_input(frame, inner, &c.query, &hint, focused, theme);
}

/// Deadline urgency of an open, running case on the app's today.
pub fn case_urgency(app: &App, case: &Case) -> Urgency {
    match case.due {
        Some(due) if case.state.clock_runs() => urgency(&app.calendar, due, app.today()),
        _ => Urgency::Normal,
    }
}

fn urgency_style(u: Urgency, theme: &Theme) -> Style {
    match u {
        Urgency::Normal => Style::default(),
        Urgency::DueSoon => theme.warn,
        Urgency::Overdue => theme.error,
    }
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let c = &app.cases;
    let lang = app.lang;
    let colon = crate::i18n::colon(lang);
    let mut title = format!(
        " {} · {}{colon}{}",
        i18n::tab(lang, crate::app::Tab::Cases),
        text(lang, T::Filter),
        i18n::view(lang, c.view)
    );
    if c.mine {
        title.push_str(&format!(" · {}", text(lang, T::Mine)));
    }
    if let Some((_, name)) = &c.item {
        title.push_str(&format!(" · {}{colon}{name}", text(lang, T::Item)));
    }
    if let Some((_, name)) = &c.resident {
        title.push_str(&format!(" · {}{colon}{name}", text(lang, T::OfResident)));
    }
    // The count is the whole answer's; a list holding only its first pages says so.
    if c.more() {
        title.push_str(&format!(" ({}) ", i18n::count_of(lang, c.list.len(), c.total)));
    } else {
        title.push_str(&format!(" ({}) ", c.list.len()));
    }
    let border = if c.typing { Style::default() } else { theme.focus_border };
    let block = Block::bordered().border_style(border).title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if c.loaded && c.list.is_empty() {
        let empty = match c.query.text().trim() {
            "" => crate::ui::keyed_in(app, crate::keymap::Section::Cases, text(lang, T::NoCases)),
            q => {
                use crate::i18n::words::ui_cases::{W, say};
                let words = crate::ui::keyed_in(app, crate::keymap::Section::Cases, say(lang, W::NoMatch));
                crate::i18n::fill(&words, &[&q])
            }
        };
        let lines = vec![Line::from(Span::styled(empty, theme.dim))];
        frame.render_widget(Paragraph::new(wrap(lines, inner.width as usize)), inner);
        return;
    }
    // The last line tells of the cases not yet read, when there are.
    let height = (inner.height as usize).saturating_sub(usize::from(c.more() && inner.height > 1));
    let offset = (c.selected + 1).saturating_sub(height);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = c
        .list
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, case)| row(app, case, i == c.selected, width, theme))
        .collect();
    if c.more() && inner.height > 1 {
        use crate::i18n::words::ui_cases::{W, say};
        let more = crate::i18n::fill(say(lang, W::More), &[&(c.total - c.list.len())]);
        let more = crate::ui::keyed_in(app, crate::keymap::Section::Cases, &more);
        lines.resize(height, Line::default());
        lines.push(Line::from(Span::styled(truncate_to_width(&more, width), theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row<'a>(app: &App, case: &'a Case, selected: bool, width: usize, theme: &Theme) -> Line<'a> {
    let lang = app.lang;
    let u = case_urgency(app, case);
    let base = if selected { theme.selected } else { Style::default() };
    let due = match (case.due, case.notice_deadline) {
        (Some(d), _) => d.format("%m-%d").to_string(),
        (None, Some(d)) => format!("≤{}", d.format("%m-%d")),
        _ => "-".into(),
    };
    // Columns: number, state (as wide as the widest state name), applicant, item; the due
    // date is right-aligned and always shown, the item name gives way.
    let state_w = CaseState::ALL.iter().map(|s| display_width(i18n::case_state_short(lang, *s))).max().unwrap_or(8);
    let pad = |s: String, w: usize| {
        let s = truncate_to_width(&s, w);
        let fill = w.saturating_sub(display_width(&s));
        format!("{s}{} ", " ".repeat(fill))
    };
    let number = pad(case.number.clone(), 13);
    let state = pad(i18n::case_state_short(lang, case.state).to_string(), state_w);
    let name = pad(case.resident_name.clone(), 8);
    // A 容缺 promise that has passed is flagged beside the due date: someone must call.
    let flag =
        if case.promise_overdue(app.today()) { format!(" {} ", text(lang, T::RongqueOverdue)) } else { String::new() };
    let due_w = 6 + display_width(&flag);
    let used = display_width(&number) + display_width(&state) + display_width(&name);
    let item = truncate_to_width(&case.item_name, width.saturating_sub(used + due_w + 1));
    let gap = width.saturating_sub(used + display_width(&item) + display_width(&due) + display_width(&flag));
    Line::from(vec![
        Span::styled(number, if selected { base } else { theme.dim }),
        Span::styled(state, base),
        Span::styled(name, base),
        Span::styled(item, base),
        Span::styled(" ".repeat(gap), base),
        Span::styled(flag, base.patch(theme.error)),
        Span::styled(due, if u == Urgency::Normal { base } else { base.patch(urgency_style(u, theme)) }),
    ])
}

fn draw_detail(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, zoomed: bool) {
    let block = Block::bordered()
        .border_style(if zoomed { theme.focus_border } else { Style::default() })
        .title(Span::styled(format!(" {} ", i18n::label(app.lang, i18n::Label::Details)), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(d) = &app.cases.detail else {
        if app.cases.selected_case().is_some() {
            let p = Paragraph::new(i18n::label(app.lang, i18n::Label::Loading)).style(theme.dim);
            frame.render_widget(p, inner);
        }
        return;
    };
    let lines = wrap(detail_lines(app, d, zoomed, theme), inner.width as usize);
    let scroll = app.cases.detail_scroll.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// The detail pane's content: the case, its materials, the due-date reasoning, the timeline.
pub fn detail_lines(app: &App, d: &CaseDetail, zoomed: bool, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let c = &d.case;
    let colon = crate::i18n::colon(lang);
    let field =
        |t: T, v: String| Line::from(vec![Span::styled(format!("{}{colon}", text(lang, t)), theme.dim), Span::raw(v)]);
    let mut lines = Vec::new();
    let u = case_urgency(app, c);
    let mut head = vec![
        Span::styled(format!("{} ", c.number), theme.title),
        Span::styled(i18n::case_state(lang, c.state).to_string(), theme.title),
    ];
    if u != Urgency::Normal {
        head.push(Span::raw(" "));
        head.push(Span::styled(format!(" {} ", i18n::urgency(lang, u)), urgency_style(u, theme)));
    }
    if c.promise_overdue(app.today()) {
        head.push(Span::raw(" "));
        head.push(Span::styled(format!(" {} ", text(lang, T::RongqueOverdue)), theme.error));
    }
    lines.push(Line::from(head));
    lines.push(field(T::Item, format!("{}{}", c.item_name, i18n::paren(lang, &c.item_code))));
    let revealed = app.residents.revealed.shows(c.resident_id);
    let resident = app.residents.by_id(c.resident_id);
    let id = if revealed { c.resident_id_number.clone() } else { mask_id(&c.resident_id_number) };
    lines.push(field(T::Applicant, format!("{}  {id}", c.resident_name)));
    if let Some(r) = resident.filter(|r| !r.phone.is_empty()) {
        let phone = if revealed { r.phone.clone() } else { mask_phone(&r.phone) };
        lines.push(field(T::Phone, phone));
    }
    let clerk = c.operator.clone();
    lines.push(field(
        T::Channel,
        format!("{} · {}{colon}{clerk}", i18n::channel(lang, c.channel), text(lang, T::Clerk)),
    ));
    lines.push(field(T::ReceivedAt, c.received_at.format("%Y-%m-%d %H:%M").to_string()));
    if let Some(a) = c.accepted_at {
        lines.push(field(T::AcceptedAt, a.format("%Y-%m-%d %H:%M").to_string()));
    }
    let item = app.catalog.items.iter().find(|i| i.code == c.item_code);
    if let Some(item) = item {
        lines.push(field(
            T::TimeLimit,
            format!("{} · {}", i18n::handling(lang, item.handling), i18n::time_limit(lang, item.time_limit)),
        ));
    }
    if let Some(due) = c.due {
        let mut v = vec![
            Span::styled(format!("{}{colon}", text(lang, T::Due)), theme.dim),
            Span::styled(i18n::date(lang, due), urgency_style(u, theme)),
        ];
        if u != Urgency::Normal {
            v.push(Span::styled(format!(" {}", i18n::urgency(lang, u)), urgency_style(u, theme)));
        }
        // A closed case's date is history: only an open one can still move.
        let unconfirmed = match c.accepted_at {
            Some(a) if c.state.is_open() => app.calendar.unconfirmed_years(a.date(), due),
            _ => Vec::new(),
        };
        if !unconfirmed.is_empty() {
            v.push(Span::styled(i18n::provisional_mark(lang), theme.warn));
        }
        lines.push(Line::from(v));
        if !unconfirmed.is_empty() {
            lines
                .push(Line::from(Span::styled(format!("  {}", i18n::provisional_due(lang, &unconfirmed)), theme.warn)));
        }
    }
    if let Some(n) = c.notice_deadline.filter(|_| c.due.is_none()) {
        lines.push(field(T::NoticeDeadline, i18n::date(lang, n)));
    }
    if let Some(since) = c.suspended_at {
        lines.push(field(T::Suspended, since.format("%Y-%m-%d %H:%M").to_string()));
    }
    if let Some(stars) = c.rating {
        lines.push(field(T::Rating, format!("{}{}", "★".repeat(stars as usize), "☆".repeat(5 - stars as usize))));
    }
    if let Some(f) = c.follow_up_due {
        let v = if c.follow_up_done { text(lang, T::Done).to_string() } else { i18n::date(lang, f) };
        lines.push(field(T::FollowUp, v));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(text(lang, T::Materials), theme.title)));
    lines.extend(material_lines(app, d, zoomed, theme));
    if let (Some(acc), Some(item)) = (c.accepted_at, item) {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(text(lang, T::HowDue), theme.title)));
        let mut dd = due_date(&app.calendar, acc, app.closing, item.time_limit, c.suspended_days);
        // One due date on a case: the stored one. A count that comes out otherwise (the
        // calendar changed under a case an import did not recount) explains the stored date.
        let differs = c.due.filter(|&due| due != dd.due);
        if let Some(due) = differs {
            dd.notes = app.calendar.notes_between(dd.start, due);
            dd.due = due;
        }
        // Provisional as the stored date is, and only while the case is open: a closed one's
        // count is history.
        dd.provisional = if c.state.is_open() { app.calendar.unconfirmed_years(dd.start, dd.due) } else { Vec::new() };
        for l in i18n::due_explanation(lang, &dd) {
            lines.push(Line::from(Span::raw(format!("  {l}"))));
        }
        if differs.is_some() {
            lines.push(Line::from(Span::styled(
                format!("  {}", i18n::calendar_import::stored_due_stands(lang)),
                theme.warn,
            )));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(text(lang, T::Timeline), theme.title)));
    lines.extend(d.events.iter().map(|e| Line::from(Span::raw(format!("  {}", event_line(lang, e))))));
    lines
}

/// One line per material: its state, and for 代办 where the original is.
fn material_lines(app: &App, d: &CaseDetail, zoomed: bool, theme: &Theme) -> Vec<Line<'static>> {
    let (lang, c) = (app.lang, &d.case);
    let mut lines = Vec::new();
    for (i, m) in d.materials.iter().enumerate() {
        let cursor = if zoomed && i == app.cases.material { "▸" } else { " " };
        let today = app.today();
        let (status, status_style) = match m.status {
            MaterialStatus::Missing if !m.required => (text(lang, T::Optional).to_string(), theme.dim),
            MaterialStatus::Missing => (i18n::material_status(lang, m.status), theme.error),
            // A 容缺 promise that has passed is the clerk's to chase.
            MaterialStatus::Waived(d) if d < today => (i18n::material_status(lang, m.status), theme.error),
            MaterialStatus::Waived(_) => (i18n::material_status(lang, m.status), theme.warn),
            MaterialStatus::Presented => (i18n::material_status(lang, m.status), Style::default()),
        };
        let mut spans = vec![
            Span::raw(format!("{cursor}{:>2}. ", i + 1)),
            Span::raw(m.name.clone()),
            Span::raw(" · "),
            Span::styled(status, status_style),
        ];
        if c.channel == Channel::OnBehalf {
            if let Some(t) = m.original_returned {
                spans.push(Span::styled(
                    format!(" · {} {}", text(lang, T::OriginalOut), t.format("%m-%d %H:%M")),
                    theme.dim,
                ));
            } else if let Some(t) = m.original_received {
                spans.push(Span::styled(
                    format!(" · {} {}", text(lang, T::OriginalIn), t.format("%m-%d %H:%M")),
                    theme.dim,
                ));
            }
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// A timeline entry: when, who, what, to which state, why.
fn event_line(lang: crate::domain::lang::Lang, e: &crate::domain::case::CaseEvent) -> String {
    if let Some(moved) = i18n::calendar_import::date_moved(lang, &e.kind, &e.detail) {
        return format!("{} {} {moved}", e.at.format("%m-%d %H:%M"), e.operator);
    }
    let mut s = format!("{} {} {}", e.at.format("%m-%d %H:%M"), e.operator, i18n::event_kind(lang, &e.kind));
    if let Some(to) = e.to {
        s.push_str(&format!(" → {}", i18n::case_state(lang, to)));
    }
    if !e.reason.is_empty() {
        s.push_str(&format!("：{}", e.reason));
    }
    if !e.detail.is_empty() && e.kind != "intake" {
        s.push_str(&format!(" [{}]", e.detail));
    }
    if e.kind == "intake"
        && let Some(ch) = crate::domain::case::Channel::from_str_opt(&e.detail)
    {
        s.push_str(&format!(" [{}]", i18n::channel(lang, ch)));
    }
    s
}
