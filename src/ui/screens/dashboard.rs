//! The supervisor's live dashboard: windows, lines, arrivals per hour, cases per clerk, rooms and
//! member activities today. It redraws from data every session already follows.

use crate::app::{App, Lang};
use crate::domain::dashboard::{WindowNow, arrivals_per_hour, longest_wait, no_shows, windows};
use crate::domain::text::truncate_to_width;
use crate::i18n::pick;
use crate::ui::Theme;
use crate::ui::rows::{cell, list};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{BarChart, Block, Paragraph};

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
    let [summary, top, bottom] =
        Layout::vertical([Constraint::Length(2), Constraint::Percentage(50), Constraint::Min(0)]).areas(area);
    draw_summary(frame, summary, app, theme);
    let [win, lines] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
    draw_windows(frame, win, app, theme);
    draw_lines(frame, lines, app, theme);
    let [chart, clerks] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);
    draw_arrivals(frame, chart, app, theme);
    draw_clerks(frame, clerks, app, theme);
}

fn draw_summary(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
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
    let line1 = match lang {
        Lang::Zh => format!(
            "今日取号 {}  已办结 {}  过号率 {rate}  ·  调解室预约 {} 场 {:.1} 小时{}",
            tickets.len(),
            tickets.iter().filter(|t| t.state == crate::domain::queue::TicketState::Done).count(),
            bookings.len(),
            booked_min as f64 / 60.0,
            if now_in.is_empty() { String::new() } else { format!("（使用中：{}）", now_in.join("、")) }
        ),
        Lang::En => format!(
            "Numbers today {}  served {}  no-show {rate}  ·  room bookings {} ({:.1} h){}",
            tickets.len(),
            tickets.iter().filter(|t| t.state == crate::domain::queue::TicketState::Done).count(),
            bookings.len(),
            booked_min as f64 / 60.0,
            if now_in.is_empty() { String::new() } else { format!(" (in use: {})", now_in.join(", ")) }
        ),
    };
    let line2 = match lang {
        Lang::Zh => format!(
            "党员活动今日 {} 场，签到 {} 人次{}",
            acts.len(),
            checked,
            acts.iter().map(|(a, n)| format!("  {} {}/{}", a.title, n, a.capacity)).collect::<String>()
        ),
        Lang::En => format!(
            "Member activities today {}, check-ins {}{}",
            acts.len(),
            checked,
            acts.iter().map(|(a, n)| format!("  {} {}/{}", a.title, n, a.capacity)).collect::<String>()
        ),
    };
    let w = area.width as usize;
    let line2 = match progress(app) {
        Some(p) => Line::from(Span::styled(truncate_to_width(&p, w), theme.info)),
        None => Line::from(Span::styled(truncate_to_width(&line2, w), theme.dim)),
    };
    let lines = vec![Line::from(Span::styled(truncate_to_width(&line1, w), theme.title)), line2];
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_windows(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let block = panel(pick(lang, "窗口", "Windows"), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let v = &app.queue.view;
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{}{}{}{}{}",
            cell(pick(lang, "窗口", "Win"), 6),
            cell(pick(lang, "人员", "Staff"), 10),
            cell(pick(lang, "状态", "Now"), 18),
            cell(pick(lang, "办结", "Done"), 6),
            pick(lang, "办理中位", "Median")
        ),
        theme.dim,
    ))];
    for d in windows(&v.windows, &v.tickets) {
        let who = d.operator.as_deref().map(|l| app_name(app, l)).unwrap_or_else(|| "—".into());
        let (now, style) = match &d.now {
            WindowNow::Closed => (pick(lang, "未开", "closed").to_string(), theme.dim),
            WindowNow::Paused(r) => (format!("{} {r}", pick(lang, "暂停", "paused")), theme.warn),
            WindowNow::Serving(n) => (format!("{} {n}", pick(lang, "办理", "serving")), theme.info),
            WindowNow::Idle => (pick(lang, "空闲", "idle").to_string(), Style::default()),
        };
        let median = d.median_service.map(|m| format!("{m} {}", pick(lang, "分", "min"))).unwrap_or_else(|| "—".into());
        lines.push(Line::from(Span::styled(
            format!(
                "{}{}{}{}{median}",
                cell(&d.number.to_string(), 6),
                cell(&who, 10),
                cell(&now, 18),
                cell(&d.served.to_string(), 6)
            ),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The name of a signed-in login.
fn app_name(app: &App, login: &str) -> String {
    app.dashboard.names.iter().find(|(l, _)| l == login).map(|(_, n)| n.clone()).unwrap_or_else(|| login.to_string())
}

fn draw_lines(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let block = panel(pick(lang, "排队", "Lines"), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let v = &app.queue.view;
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{}{}{}",
            cell(pick(lang, "类别", "Category"), 14),
            cell(pick(lang, "等候", "Waiting"), 8),
            pick(lang, "最久", "Longest")
        ),
        theme.dim,
    ))];
    for c in &v.lines {
        let longest = longest_wait(&v.tickets, &c.code, app.now);
        let alarm = c.threshold > 0 && c.waiting > c.threshold;
        let text = format!(
            "{}{}{}{}",
            cell(&c.name, 14),
            cell(&c.waiting.to_string(), 8),
            longest.map(|m| format!("{m} {}", pick(lang, "分", "min"))).unwrap_or_else(|| "—".into()),
            if alarm { pick(lang, "  超过警戒", "  over alarm") } else { "" }
        );
        lines.push(Line::from(Span::styled(text, if alarm { theme.error } else { Style::default() })));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_arrivals(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let block = panel(pick(lang, "今日每小时取号", "Numbers issued per hour"), theme);
    let per_hour = arrivals_per_hour(&app.queue.view.tickets);
    // Office hours, widened to any hour that had numbers.
    let first = per_hour.iter().position(|n| *n > 0).unwrap_or(8).min(8);
    let last = per_hour.iter().rposition(|n| *n > 0).unwrap_or(17).max(17);
    let labels: Vec<String> = (first..=last).map(|h| format!("{h}")).collect();
    let data: Vec<(&str, u64)> =
        labels.iter().zip(first..=last).map(|(l, h)| (l.as_str(), u64::from(per_hour[h]))).collect();
    let bars = (last - first + 1) as u16;
    let inner_w = area.width.saturating_sub(2);
    let bar_width = (inner_w / bars.max(1)).saturating_sub(1).clamp(1, 5);
    let chart = BarChart::default()
        .block(block)
        .data(data.as_slice())
        .bar_width(bar_width)
        .bar_gap(1)
        .bar_style(theme.info)
        .value_style(theme.title);
    frame.render_widget(chart, area);
}

fn draw_clerks(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let block = panel(pick(lang, "办件：各办理人", "Cases by clerk"), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{}{}{}{}",
            cell(pick(lang, "办理人", "Clerk"), 10),
            cell(pick(lang, "在办", "Open"), 7),
            cell(pick(lang, "将到期", "Due"), 8),
            pick(lang, "已超期", "Overdue")
        ),
        theme.dim,
    ))];
    if app.dashboard.clerks.is_empty() {
        lines.push(Line::from(Span::styled(pick(lang, "没有在办的件", "No open case"), theme.dim)));
    }
    for (name, c) in &app.dashboard.clerks {
        let style = if c.overdue > 0 {
            theme.error
        } else if c.due_soon > 0 {
            theme.warn
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(
            format!(
                "{}{}{}{}",
                cell(name, 10),
                cell(&c.open.to_string(), 7),
                cell(&c.due_soon.to_string(), 8),
                c.overdue
            ),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// "正在生成报表 ⠙ 3 秒" while the worker writes a report.
fn progress(app: &App) -> Option<String> {
    const SPIN: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
    let since = app.report_since?;
    let secs = (app.now - since).num_seconds().max(0);
    let c = SPIN[secs as usize % SPIN.len()];
    Some(match app.lang {
        Lang::Zh => format!("正在生成报表 {c} {secs} 秒（可继续操作）"),
        Lang::En => format!("Writing the report {c} {secs} s (keep working)"),
    })
}

/// The audit trail, newest first; reveals of masked data stand out.
fn draw_audit(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let a = &app.audit;
    let filter = if a.filter_text.is_empty() { pick(lang, "全部", "all").to_string() } else { a.filter_text.clone() };
    let title = match lang {
        Lang::Zh => format!("操作日志 · {filter} · {} 条{}", a.rows.len(), if a.more { "+" } else { "" }),
        Lang::En => format!("Audit trail · {filter} · {}{} rows", a.rows.len(), if a.more { "+" } else { "" }),
    };
    let title = match progress(app) {
        Some(p) => format!("{title} · {p}"),
        None => title,
    };
    let block = panel(&title, theme).title_bottom(Span::styled(
        pick(
            lang,
            " / 筛选（operator: action: entity: date:）  F3 返回总览 ",
            " / filter (operator: action: entity: date:)  F3 dashboard ",
        ),
        theme.dim,
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if a.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(pick(lang, "没有符合的记录", "No matching entry"), theme.dim)),
            inner,
        );
        return;
    }
    let rows = a
        .rows
        .iter()
        .map(|r| {
            // Stored as 2026-11-20T09:41:00+08:00: the date and minute are what a reader needs.
            let at = r.at.get(..16).unwrap_or(&r.at).replace('T', " ");
            let text = format!(
                "{at} {}{}{} {}",
                cell(&app_name(app, &r.operator), 8),
                cell(&r.action, 24),
                cell(&format!("{}#{}", r.entity, r.entity_id), 20),
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
        pick(lang, " n 添加  r 角色/窗口  x 停用  F3 返回总览 ", " n add  r role/window  x retire  F3 dashboard ")
    } else {
        pick(lang, " 只有管理员可更改人员  F3 返回总览 ", " Only admins change operators  F3 dashboard ")
    };
    let block = panel(pick(lang, "人员", "Operators"), theme).title_bottom(Span::styled(hint, theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = a
        .operators
        .iter()
        .map(|o| {
            let window = o.window.map(|n| crate::i18n::window(lang, n)).unwrap_or_default();
            let state = if o.retired { pick(lang, "已停用", "retired") } else { "" };
            let text = format!(
                "{}{}{}{}{state}",
                cell(&o.login, 14),
                cell(&o.name, 10),
                cell(crate::i18n::role(lang, o.role), 14),
                cell(&window, 10)
            );
            (text, if o.retired { theme.dim } else { Style::default() })
        })
        .collect();
    list(frame, inner, rows, Some(a.operator), theme);
}
