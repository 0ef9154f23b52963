//! The supervisor's live dashboard: windows, lines, arrivals per hour, cases per clerk, rooms and
//! member activities today. It redraws from data every session already follows.

use crate::app::App;
use crate::app::dashboard::{Alarm, alarm, geometry, ordered_lines, pages};
use crate::domain::dashboard::{
    WindowDay, WindowNow, arrivals_per_hour, longest_wait, no_shows, windows, within_target,
};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::ui_dashboard::{W, say};
use crate::ui::Theme;
use crate::ui::rows::{cell, list, rcell};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph};

fn panel<'a>(title: &str, theme: &Theme) -> Block<'a> {
    Block::bordered().title(Span::styled(format!(" {title} "), theme.title))
}

/// Draws the dashboard into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if area.height < 4 || area.width < 20 {
        return;
    }
    if app.audit.on {
        return draw_audit(frame, area, app, theme);
    }
    if app.audit.operators_on {
        return draw_operators(frame, area, app, theme);
    }
    if app.members.approvals.on {
        return super::member_approvals::draw(frame, area, app, theme);
    }
    let v = &app.queue.view;
    // A missing holiday notice comes first: due dates and bookings rest on it.
    let gaps: Vec<Line> = app
        .dashboard
        .gaps
        .iter()
        .map(|g| {
            Line::from(Span::styled(
                crate::ui::keyed(app, &crate::i18n::dashboard::calendar_gap(app.lang, g)),
                theme.warn,
            ))
        })
        .chain(super::member_approvals::line(app, theme))
        .chain(super::requests::dashboard_line(app, theme))
        .chain(replica_line(app, theme))
        .collect();
    let gaps = crate::ui::wrap::wrap(gaps, area.width as usize);
    let gap_h = (gaps.len() as u16).min(area.height.saturating_sub(4) / 2);
    let [gap_area, area] = Layout::vertical([Constraint::Length(gap_h), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(gaps), gap_area);
    let g = geometry(area.height, v.windows.len(), v.lines.len());
    let [summary, top, bottom] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(g.top), Constraint::Min(0)]).areas(area);
    // Each window's day, worked out once a frame for the summary and the windows panel.
    let days = windows(&v.windows, &v.tickets);
    draw_summary(frame, summary, app, &days, theme);
    let [win, lines] = Layout::horizontal([Constraint::Percentage(54), Constraint::Percentage(46)]).areas(top);
    draw_windows(frame, win, app, &days, theme);
    draw_lines(frame, lines, app, g.rows, theme);
    let [chart, clerks] = Layout::horizontal([Constraint::Percentage(54), Constraint::Percentage(46)]).areas(bottom);
    draw_arrivals(frame, chart, app, theme);
    draw_clerks(frame, clerks, app, theme);
}

/// "异地副本：3 秒前", in the alarm colour once the heartbeat is a minute old; nothing when
/// replication never ran on this file. Read from the local heartbeat only: no network here.
fn replica_line(app: &App, theme: &Theme) -> Option<Line<'static>> {
    let age = (app.now - app.dashboard.replica_beat?).num_seconds();
    let style = if age > crate::model::replica::STALE_SECONDS { theme.error } else { theme.info };
    Some(Line::from(Span::styled(crate::i18n::words::replica::dashboard_line(app.lang, age), style)))
}

/// Lays out pieces of text over `lines` lines of `width` cells, two spaces apart, never
/// cutting one: what does not fit is left out (the most important pieces come first).
fn flow(pieces: Vec<(String, Style)>, width: usize, lines: usize) -> Vec<Line<'static>> {
    let mut out: Vec<Vec<Span<'static>>> = vec![Vec::new(); lines];
    let mut used = vec![0usize; lines];
    for (i, (mut text, style)) in pieces.into_iter().enumerate() {
        // The first piece (the alarm, when there is one) is never left out: cut if it must be.
        if i == 0 && display_width(&text) > width {
            text = truncate_to_width(&text, width);
        }
        let w = display_width(&text);
        let Some(i) = (0..lines).find(|&i| used[i] + if used[i] == 0 { w } else { w + 2 } <= width) else {
            continue;
        };
        if used[i] > 0 {
            out[i].push(Span::raw("  "));
            used[i] += 2;
        }
        used[i] += w;
        out[i].push(Span::styled(text, style));
    }
    out.into_iter().map(Line::from).collect()
}

fn draw_summary(frame: &mut Frame<'_>, area: Rect, app: &App, days: &[WindowDay], theme: &Theme) {
    let lang = app.lang;
    let tickets = &app.queue.view.tickets;
    let (no, called) = no_shows(tickets);
    let rate =
        if called == 0 { "—".to_string() } else { format!("{:.0}%", f64::from(no) * 100.0 / f64::from(called)) };
    let bookings = &app.dashboard.bookings;
    let booked_min: i64 = bookings.iter().map(|b| (b.end - b.start).num_minutes()).sum();
    let now_in: Vec<&str> = bookings
        .iter()
        .filter(|b| b.start <= app.now && app.now < b.end)
        .filter_map(|b| app.rooms.rooms.iter().find(|r| r.id == b.room_id).map(|r| r.name.as_str()))
        .collect();
    let today = app.today();
    let acts: Vec<_> = app.members.activities.iter().filter(|(a, _)| a.start.date() == today).collect();
    let checked: u32 = acts.iter().map(|(_, n)| *n).sum();
    let summary = crate::i18n::dashboard::Summary {
        alarms: alarms(app),
        within_target: within_target(tickets, app.dashboard.yardstick.wait_target, app.now),
        wait_target: app.dashboard.yardstick.wait_target,
        left_open: days
            .iter()
            .filter_map(|d| match &d.now {
                WindowNow::Left(n) => Some(format!("{}:{n}", d.number)),
                _ => None,
            })
            .collect(),
        issued: tickets.len(),
        done: tickets.iter().filter(|t| t.state == crate::domain::queue::TicketState::Done).count(),
        no_show_rate: rate,
        bookings: bookings.len(),
        booked_hours: booked_min as f64 / 60.0,
        in_use: now_in,
        activities: acts.len(),
        check_ins: checked,
    };
    let (warnings, figures, members) = crate::i18n::dashboard::summary(lang, &summary);
    // The alarm first, then whatever a left-open window needs, then the figures.
    let mut pieces: Vec<(String, Style)> = Vec::new();
    for (i, w) in warnings.into_iter().enumerate() {
        pieces.push((w, if i == 0 && !summary.alarms.is_empty() { theme.error } else { theme.warn }));
    }
    pieces.extend(figures.into_iter().map(|f| (f, theme.title)));
    pieces.push((members, theme.dim));
    for (a, n) in &acts {
        pieces.push((format!("{} {}/{}", a.title, n, a.capacity), theme.dim));
    }
    let w = area.width as usize;
    let lines = match progress(app) {
        Some(p) => {
            let mut l = flow(pieces, w, 1);
            l.push(Line::from(Span::styled(truncate_to_width(&p, w), theme.info)));
            l
        }
        None => flow(pieces, w, 2),
    };
    frame.render_widget(Paragraph::new(lines), area);
}

/// Each red line in words: how many wait, or how long the longest has waited (the target is
/// in the service-level figure beside it).
fn alarms(app: &App) -> Vec<String> {
    let lines = ordered_lines(app, &app.queue.view.lines);
    lines
        .iter()
        .filter_map(|l| match alarm(app, l)? {
            Alarm::Count => Some(format!("{}{}", l.name, l.waiting)),
            Alarm::Wait(m) => Some(crate::i18n::fill(say(app.lang, W::WaitedPastTarget), &[&l.name, &m])),
        })
        .collect()
}

/// "first–last/total" when a panel shows only part of its rows.
fn range(first: usize, shown: usize, total: usize) -> String {
    if shown >= total { String::new() } else { format!(" {}–{}/{total}", first + 1, first + shown) }
}

fn draw_windows(frame: &mut Frame<'_>, area: Rect, app: &App, days: &[WindowDay], theme: &Theme) {
    let lang = app.lang;
    let rows_h = area.height.saturating_sub(3) as usize;
    let selected = app.audit.window.min(days.len().saturating_sub(1));
    let first = (selected + 1).saturating_sub(rows_h.max(1));
    let more = range(first, rows_h, days.len());
    let arrows = if more.is_empty() { "" } else { " ↑↓" };
    let block = panel(&format!("{}{more}{arrows}", say(lang, W::Windows)), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return;
    }
    // Columns fit the panel: wide panels get roomier ones; the state takes what is left.
    let w = inner.width as usize;
    let (num, staff, done, median) = if w >= 60 { (6, 10, 6, 8) } else { (4, 8, 4, 6) };
    let state = w.saturating_sub(num + staff + done + median + 4).max(6);
    let row = |a: &str, b: &str, c: &str, d: &str, e: &str| {
        format!("{} {} {} {} {}", cell(a, num), cell(b, staff), cell(c, state), rcell(d, done), rcell(e, median))
    };
    let header =
        row(say(lang, W::Win), say(lang, W::Staff), say(lang, W::Now), say(lang, W::Done), say(lang, W::Median));
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(Span::styled(header, theme.dim)), head);
    let rows = days
        .iter()
        .map(|d| {
            let who = d.operator.as_deref().map(|l| name_of(app, l)).unwrap_or_else(|| "—".into());
            let (now, style) = match &d.now {
                WindowNow::Closed => (say(lang, W::Closed).to_string(), theme.dim),
                WindowNow::Paused(r) => (format!("{} {r}", say(lang, W::Paused)), theme.warn),
                WindowNow::Serving(n) => (format!("{} {n}", say(lang, W::Serving)), theme.info),
                WindowNow::Idle => (say(lang, W::Idle).to_string(), Style::default()),
                WindowNow::Left(n) => (format!("{} {n}", say(lang, W::Left)), theme.error),
            };
            let median = d.median_service.map(|m| format!("{m}{}", say(lang, W::M))).unwrap_or_else(|| "—".into());
            (row(&d.number.to_string(), &who, &now, &d.served.to_string(), &median), style)
        })
        .collect();
    list(frame, body, rows, Some(selected), theme);
}

/// The name of a login, as the dashboard shows people.
pub fn name_of(app: &App, login: &str) -> String {
    app.dashboard.names.iter().find(|(l, _)| l == login).map(|(_, n)| n.clone()).unwrap_or_else(|| login.to_string())
}

fn draw_lines(frame: &mut Frame<'_>, area: Rect, app: &App, rows_h: usize, theme: &Theme) {
    let lang = app.lang;
    let v = &app.queue.view;
    let ordered = ordered_lines(app, &v.lines);
    let pages = pages(ordered.len(), rows_h);
    let page = app.audit.lines_page.min(pages - 1);
    let first = page * rows_h.max(1);
    let shown: Vec<_> = ordered.iter().skip(first).take(rows_h).collect();
    let alarms = ordered.iter().filter(|l| alarm(app, l).is_some()).count();
    let mut title = say(lang, W::Lines).to_string();
    if alarms > 0 {
        title.push_str(&crate::i18n::fill(say(lang, W::OverAlarm), &[&alarms]));
    }
    if pages > 1 {
        title.push_str(&format!("{} PgUp/PgDn", range(first, shown.len(), ordered.len())));
    }
    let block = panel(&title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return;
    }
    let w = inner.width as usize;
    let (wait, longest) = (5, 7);
    let name = w.saturating_sub(2 + wait + longest + 2).max(4);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let header = format!(
        "  {} {} {}",
        cell(say(lang, W::Category), name),
        rcell(say(lang, W::Wait), wait),
        rcell(say(lang, W::Longest), longest)
    );
    frame.render_widget(Paragraph::new(Span::styled(header, theme.dim)), head);
    let lines: Vec<Line> = shown
        .iter()
        .map(|c| {
            let longest_min = longest_wait(&v.tickets, &c.code, app.now);
            let on = alarm(app, c).is_some();
            let text = format!(
                "{}{} {} {}",
                if on { "⚠ " } else { "  " },
                cell(&format!("{}{}", c.prefix, c.name), name),
                rcell(&c.waiting.to_string(), wait),
                rcell(&longest_min.map(|m| format!("{m}{}", say(lang, W::M))).unwrap_or_else(|| "—".into()), longest)
            );
            Line::from(Span::styled(text, if on { theme.error } else { Style::default() }))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

/// Numbers issued each hour today, each beside the same hour of the same weekday last week.
fn draw_arrivals(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let block = panel(say(lang, W::IssuedAgainstLastWeek), theme);
    let per_hour = arrivals_per_hour(&app.queue.view.tickets);
    let last_week = &app.dashboard.yardstick.last_week;
    let busy = |h: usize| per_hour[h] > 0 || last_week[h] > 0;
    // Office hours, widened to any hour that had numbers; on a narrow panel, quiet hours at
    // either end give way so that each pair of bars keeps room for a two-digit hour.
    let mut first = (0..24).find(|&h| busy(h)).unwrap_or(8).min(8);
    let mut last = (0..24).rev().find(|&h| busy(h)).unwrap_or(17).max(17);
    let fits = (area.width.saturating_sub(2) / 3) as usize;
    while last - first + 1 > fits && first < last {
        match (busy(first), busy(last)) {
            (false, _) => first += 1,
            (_, false) => last -= 1,
            _ => break,
        }
    }
    let hours = (last - first + 1) as u16;
    let inner_w = area.width.saturating_sub(2);
    let bar_width = ((inner_w / hours.max(1)).saturating_sub(1) / 2).clamp(1, 3);
    let mut chart =
        BarChart::default().block(block).bar_width(bar_width).bar_gap(0).group_gap(1).value_style(theme.title);
    for h in first..=last {
        let bars = [
            Bar::default().value(u64::from(per_hour[h])).style(theme.info),
            Bar::default().value(u64::from(last_week[h])).style(theme.dim).text_value(String::new()),
        ];
        chart = chart.data(BarGroup::default().label(Line::from(h.to_string())).bars(&bars));
    }
    frame.render_widget(chart, area);
}

fn draw_clerks(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let block = panel(say(lang, W::CasesByClerk), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let (n1, n2, n3) = (6, 6, 6);
    let name = w.saturating_sub(n1 + n2 + n3 + 3).max(4);
    let row = |a: &str, b: &str, c: &str, d: &str| {
        format!("{} {} {} {}", cell(a, name), rcell(b, n1), rcell(c, n2), rcell(d, n3))
    };
    let mut lines = vec![Line::from(Span::styled(
        row(say(lang, W::Clerk), say(lang, W::Open), say(lang, W::Due), say(lang, W::Late)),
        theme.dim,
    ))];
    if app.dashboard.clerks.is_empty() {
        lines.push(Line::from(Span::styled(say(lang, W::NoOpenCase), theme.dim)));
    }
    // The most urgent first, so what does not fit is what matters least.
    let mut clerks: Vec<_> = app.dashboard.clerks.iter().collect();
    clerks.sort_by_key(|(_, c)| (std::cmp::Reverse(c.overdue), std::cmp::Reverse(c.due_soon)));
    let room = (inner.height as usize).saturating_sub(1);
    let cut = clerks.len() > room;
    for (name, c) in clerks.iter().take(if cut { room.saturating_sub(1) } else { room }) {
        let style = if c.overdue > 0 {
            theme.error
        } else if c.due_soon > 0 {
            theme.warn
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(
            row(name, &c.open.to_string(), &c.due_soon.to_string(), &c.overdue.to_string()),
            style,
        )));
    }
    if cut {
        let rest = clerks.len() - room.saturating_sub(1);
        let more = crate::i18n::fill(say(lang, W::MoreClerks), &[&rest]);
        lines.push(Line::from(Span::styled(truncate_to_width(&more, w), theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "正在生成报表 ⠙ 3 秒" while the worker writes a report.
fn progress(app: &App) -> Option<String> {
    const SPIN: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
    let since = app.report_since?;
    let secs = (app.now - since).num_seconds().max(0);
    let c = SPIN[secs as usize % SPIN.len()];
    Some(crate::i18n::fill(say(app.lang, W::WritingReport), &[&c, &secs]))
}

/// The audit trail, newest first; reveals of masked data stand out.
fn draw_audit(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let a = &app.audit;
    let filter = if a.filter_text.is_empty() { say(lang, W::All).to_string() } else { a.filter_text.clone() };
    let more = if a.more { "+" } else { "" };
    let title = crate::i18n::fill(say(lang, W::AuditTitle), &[&filter, &a.rows.len(), &more]);
    let title = match progress(app) {
        Some(p) => format!("{title} · {p}"),
        None => title,
    };
    let block = panel(&title, theme)
        .title_bottom(Span::styled(crate::ui::keyed(app, say(lang, W::FilterOperatorActionEntity)), theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if a.rows.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(say(lang, W::NoMatchingEntry), theme.dim)), inner);
        return;
    }
    let rows = a
        .rows
        .iter()
        .map(|r| {
            // Stored as 2026-11-20T09:41:00+08:00: the date and minute are what a reader needs.
            let at = r.at.get(..16).unwrap_or(&r.at).replace('T', " ");
            let text = format!(
                "{at} {} {} {} {}",
                cell(&name_of(app, &r.operator), 8),
                cell(crate::i18n::words::audit_actions::name(lang, &r.action), 18),
                cell(&format!("{}#{}", r.entity, r.entity_id), 16),
                r.summary
            );
            (text, if r.action.contains("reveal") { theme.warn } else { Style::default() })
        })
        .collect();
    list(frame, inner, rows, Some(a.selected), theme);
}

/// The operators: role, window, retired; admins change them with n, r and x.
fn draw_operators(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let a = &app.audit;
    let admin = app.session.operator.role.may(crate::domain::operator::Permission::Administer);
    let hint = if admin {
        crate::ui::keys_line(app, &{
            use crate::action::Action::*;
            [OperatorAdd, OperatorSet, OperatorRetire, ToggleAudit]
        })
    } else {
        say(lang, W::OnlyAdminsChangeOperators).to_string()
            + crate::ui::keys_line(app, &[crate::action::Action::ToggleAudit]).trim_start()
    };
    let block = panel(say(lang, W::Operators), theme).title_bottom(Span::styled(hint, theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = a
        .operators
        .iter()
        .map(|o| {
            let window = o.window.map(|n| crate::i18n::window(lang, n)).unwrap_or_default();
            let state = if o.retired { say(lang, W::Retired) } else { "" };
            let text = format!(
                "{} {} {} {} {state}",
                cell(&o.login, 14),
                cell(&o.name, 10),
                cell(crate::i18n::role(lang, o.role), 12),
                cell(&window, 10)
            );
            (text, if o.retired { theme.dim } else { Style::default() })
        })
        .collect();
    list(frame, inner, rows, Some(a.operator), theme);
}
