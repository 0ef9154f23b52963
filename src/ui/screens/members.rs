//! The Members screen: registry with a service timeline, activities, the check-in desk and
//! the ranking. Phones and ID numbers are masked unless revealed (audited).

use crate::app::App;
use crate::app::members::View;
use crate::domain::lang::Lang;
use crate::domain::member::{Service, Source, halves, report_overdue};
use crate::domain::resident::{mask_id, mask_phone};
use crate::i18n::{self, pick};
use crate::ui::Theme;
use crate::ui::rows::{cell, lazy_list, list, rcell};
use crate::ui::screens::catalog::draw_input;
use crate::ui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the Members screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    if area.height < 3 || area.width < 10 {
        return;
    }
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    draw_bar(frame, bar, app, theme);
    match app.members.view {
        View::Registry => registry(frame, body, app, theme),
        View::Activities => activities(frame, body, app, theme),
        View::Desk => desk(frame, body, app, theme),
        View::Ranking => ranking(frame, body, app, theme),
    }
}

fn draw_bar(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for v in View::ALL {
        let name = format!(" {} ", i18n::members::view(app.lang, v));
        spans.push(Span::styled(name, if v == app.members.view { theme.tab_active } else { theme.dim }));
    }
    let switch = crate::ui::with_keys(
        app,
        crate::keymap::Section::Members,
        pick(app.lang, "  {} 切换", "  {} switch"),
        &[crate::action::Action::MembersView],
    );
    spans.push(Span::styled(switch, theme.key));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn panel<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let b = Block::bordered().title(Span::styled(title, theme.title));
    if focused { b.border_style(theme.focus_border) } else { b }
}

fn search(frame: &mut Frame<'_>, area: Rect, app: &App, placeholder: &str, title: String, theme: &Theme) {
    let block = panel(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    draw_input(frame, inner, &app.members.query, placeholder, app.overlay.is_none(), theme);
}

fn split(area: Rect) -> (Rect, Option<Rect>) {
    if area.width >= 90 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
        (l, Some(r))
    } else {
        (area, None)
    }
}

fn registry(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let m = &app.members;
    let [top, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    use crate::app::members::Filter;
    let which = match (m.filter, lang) {
        (Filter::All, _) => "",
        (Filter::Below, Lang::Zh) => "·未达标",
        (Filter::Below, Lang::En) => " below target",
        (Filter::ReportDue, Lang::Zh) => "·待再次报到",
        (Filter::ReportDue, Lang::En) => " due to report",
    };
    let title = match lang {
        Lang::Zh => format!(" 党员名册{which} {} / {} 人 ", m.hits.len(), m.data.members.len()),
        Lang::En => format!(" Members{which} {} / {} ", m.hits.len(), m.data.members.len()),
    } + crate::ui::keys_line(app, &[crate::action::Action::CycleFilter]).trim_start();
    let hint = pick(lang, "姓名、拼音、首字母或手机尾号", "name, pinyin, initials or phone tail");
    search(frame, top, app, hint, title, theme);
    let (left, right) = split(rest);
    let block = panel(String::new(), false, theme).title_bottom(Span::styled(
        crate::ui::keys_line(app, &{
            use crate::action::Action::*;
            [NewMember, ManualHours, MemberReport, MemberStatus]
        }),
        theme.dim,
    ));
    let inner = block.inner(left);
    frame.render_widget(block, left);
    if m.data.members.is_empty() {
        let t = pick(lang, "还没有登记党员。按 {} 登记。", "No member registered yet. Press {}.");
        let t = crate::ui::with_keys(app, crate::keymap::Section::Members, t, &[crate::action::Action::NewMember]);
        frame.render_widget(Paragraph::new(Span::styled(t, theme.dim)), inner);
    } else {
        let w = inner.width as usize;
        lazy_list(frame, inner, m.hits.len(), Some(m.selected), theme, |i| {
            let Some(t) = m.member(&m.hits[i]) else { return Default::default() };
            {
                let mut flags = Vec::new();
                if t.member.status != crate::domain::member::MemberStatus::Active {
                    flags.push(i18n::members::status(lang, t.member.status));
                } else {
                    if t.half_hours < m.data.target * 2 {
                        flags.push(pick(lang, "未达标", "below"));
                    }
                    if report_overdue(&t.member, m.data.report_months, app.today()) {
                        flags.push(pick(lang, "待报到", "report due"));
                    }
                }
                let style = if flags.is_empty() { Style::default() } else { theme.warn };
                let text = format!(
                    "{}{}{:>6}h {}",
                    cell(&t.member.name, 8),
                    cell(&t.member.unit, w.saturating_sub(26).clamp(6, 20)),
                    t.hours(),
                    flags.join(" ")
                );
                (text, style)
            }
        });
    }
    if let Some(r) = right {
        member_detail(frame, r, app, theme);
    }
}

fn member_detail(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let m = &app.members;
    let Some(t) = m.selected_member() else {
        frame.render_widget(panel(String::new(), false, theme), area);
        return;
    };
    let p = &t.member;
    let block = panel(format!(" {} ", p.name), false, theme).title_bottom(Span::styled(
        crate::ui::with_keys(
            app,
            crate::keymap::Section::Members,
            pick(lang, " {}/{} 选记录  {} 核减 ", " {}/{} record  {} decline "),
            &{
                use crate::action::Action::*;
                [DetailUp, DetailDown, DeclineRecord]
            },
        ),
        theme.dim,
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let revealed = m.revealed.contains(&p.id);
    let colon = pick(lang, "：", ": ");
    let field = |k: &str, v: String| Line::from(vec![Span::styled(format!("{k}{colon}"), theme.dim), Span::raw(v)]);
    let intentions: Vec<&str> = p.intentions.iter().map(|x| i18n::members::post(lang, *x)).collect();
    let (id, phone) =
        if revealed { (p.id_number.clone(), p.phone.clone()) } else { (mask_id(&p.id_number), mask_phone(&p.phone)) };
    let sex = if p.female { pick(lang, "女", "F") } else { pick(lang, "男", "M") };
    let channel = if p.online { pick(lang, "线上", "online") } else { pick(lang, "现场", "at the desk") };
    let overdue = report_overdue(p, m.data.report_months, app.today());
    let mut lines = vec![
        field(pick(lang, "性别 / 电话", "Sex / mobile"), format!("{sex}  {phone}")),
        field(pick(lang, "身份证号", "ID number"), id),
        field(pick(lang, "单位 / 党组织", "Unit / branch"), format!("{} {}", p.unit, p.branch)),
        field(pick(lang, "住址 / 网格", "Address / grid"), format!("{} {}", p.address, p.grid)),
        field(
            pick(lang, "报到", "Reported"),
            format!(
                "{} {channel}{}",
                p.reported_on,
                if overdue { pick(lang, "（已超期，需再次报到）", " (due to report again)") } else { "" }
            ),
        ),
        field(pick(lang, "特长 / 意向", "Skills / wishes"), format!("{} {}", p.skills, intentions.join("、"))),
        field(pick(lang, "状态", "Standing"), i18n::members::status(lang, p.status).to_string()),
        field(
            pick(lang, "本年", "This year"),
            match lang {
                Lang::Zh => format!("{} 小时 / {} 分（目标 {} 小时）", t.hours(), t.points(), m.data.target),
                Lang::En => format!("{} h / {} points (target {} h)", t.hours(), t.points(), m.data.target),
            },
        ),
    ];
    let mut lines_w = wrap(std::mem::take(&mut lines), inner.width as usize);
    lines_w.push(Line::from(Span::styled(pick(lang, "服务记录", "Service record"), theme.title)));
    let head = lines_w.len();
    let [top, timeline] = Layout::vertical([Constraint::Length(head as u16), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(lines_w), top);
    if m.records_of != Some(p.id) {
        return;
    }
    if m.records.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(pick(lang, "（暂无）", "(none)"), theme.dim)), timeline);
        return;
    }
    let rows = m.records.iter().map(|s| record_row(lang, s, theme)).collect();
    list(frame, timeline, rows, Some(m.record), theme);
}

fn record_row(lang: Lang, s: &Service, theme: &Theme) -> (String, Style) {
    let when = match (&s.source, s.end) {
        (Source::Manual { .. }, _) => s.start.format("%Y-%m-%d").to_string(),
        (_, Some(e)) => format!("{}–{}", s.start.format("%Y-%m-%d %H:%M"), e.format("%H:%M")),
        (_, None) => format!("{} {}", s.start.format("%Y-%m-%d %H:%M"), pick(lang, "在场", "in")),
    };
    let mut tags = Vec::new();
    if let Source::Manual { operator, .. } = &s.source {
        tags.push(format!("{}·{operator}", pick(lang, "补录", "manual")));
    }
    if s.auto_closed {
        tags.push(pick(lang, "自动签退", "auto-closed").to_string());
    }
    if let Some(r) = &s.declined {
        tags.push(format!("{}：{r}", pick(lang, "已核减", "declined")));
    }
    let hours = if s.end.is_some() { format!(" {}h", halves(s.half_hours)) } else { String::new() };
    let text = format!("{when}{hours} {} {}", s.what, tags.join(" "));
    let style = if s.declined.is_some() {
        theme.dim
    } else if s.auto_closed {
        theme.warn
    } else {
        Style::default()
    };
    (text, style)
}

fn activity_state(lang: Lang, a: &crate::domain::member::Activity, now: chrono::NaiveDateTime) -> &'static str {
    if now >= a.end {
        pick(lang, "已结束", "over")
    } else if now >= a.start {
        pick(lang, "进行中", "on now")
    } else if crate::domain::member::can_check_in(a, now).is_ok() {
        pick(lang, "签到中", "check-in open")
    } else {
        pick(lang, "未开始", "later")
    }
}

fn activities(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let m = &app.members;
    let (left, right) = split(area);
    let block =
        panel(format!(" {} ({}) ", i18n::members::view(lang, View::Activities), m.activities.len()), true, theme)
            .title_bottom(Span::styled(
                crate::ui::with_keys(
                    app,
                    crate::keymap::Section::Members,
                    pick(lang, " {} 签到台  {} 新建活动 ", " {} check-in desk  {} new activity "),
                    &{
                        use crate::action::Action::*;
                        [Confirm, NewMember]
                    },
                ),
                theme.dim,
            ));
    let inner = block.inner(left);
    frame.render_widget(block, left);
    if m.activities.is_empty() {
        let t = pick(lang, "近期没有活动。按 {} 新建。", "No activity around today. Press {} to create one.");
        let t = crate::ui::with_keys(app, crate::keymap::Section::Members, t, &[crate::action::Action::NewMember]);
        frame.render_widget(Paragraph::new(Span::styled(t, theme.dim)), inner);
    } else {
        let rows = m
            .activities
            .iter()
            .map(|(a, n)| {
                let state = activity_state(lang, a, app.now);
                let style = if a.end <= app.now { theme.dim } else { Style::default() };
                let text = format!(
                    "{}–{} {} {:>7} {}",
                    a.start.format("%m-%d %H:%M"),
                    a.end.format("%H:%M"),
                    cell(state, 7),
                    format!("{n}/{}", a.capacity),
                    a.title
                );
                (text, style)
            })
            .collect();
        list(frame, inner, rows, Some(m.activity), theme);
    }
    if let (Some(r), Some((a, n))) = (right, m.activities.get(m.activity)) {
        let block = panel(format!(" {} ", a.title), false, theme);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let colon = pick(lang, "：", ": ");
        let field = |k: &str, v: String| Line::from(vec![Span::styled(format!("{k}{colon}"), theme.dim), Span::raw(v)]);
        let lines = vec![
            field(pick(lang, "类别", "Category"), i18n::members::post(lang, a.category).to_string()),
            field(
                pick(lang, "时间", "When"),
                format!("{}–{}", a.start.format("%Y-%m-%d %H:%M"), a.end.format("%H:%M")),
            ),
            field(pick(lang, "地点", "Place"), a.place.clone()),
            field(pick(lang, "组织方", "Organiser"), a.organiser.clone()),
            field(pick(lang, "名额", "Places"), format!("{n}/{}", a.capacity)),
            field(pick(lang, "每小时积分", "Points/hour"), a.rate.to_string()),
            field(pick(lang, "需求/微心愿", "Needs"), a.needs.clone()),
            field(pick(lang, "状态", "State"), activity_state(lang, a, app.now).to_string()),
        ];
        frame.render_widget(Paragraph::new(wrap(lines, inner.width as usize)), inner);
    }
}

fn desk(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let m = &app.members;
    let Some((a, _)) = m.desk_activity() else {
        let t = pick(
            lang,
            "没有选中活动：{} 到“活动”，选一个后按 {}。",
            "No activity chosen: {} to Activities, pick one, {}.",
        );
        let t = crate::ui::with_keys(
            app,
            crate::keymap::Section::Members,
            t,
            &[crate::action::Action::MembersView, crate::action::Action::Confirm],
        );
        frame.render_widget(Paragraph::new(Span::styled(t, theme.warn)), area);
        return;
    };
    let inside = m.desk_records.iter().filter(|(s, _)| s.end.is_none()).count();
    let counted = m.desk_records.iter().filter(|(s, _)| s.declined.is_none()).count();
    let title = match lang {
        Lang::Zh => format!(
            " {} {}–{} {} 已签到 {counted}/{} 在场 {inside} ",
            a.title,
            a.start.format("%H:%M"),
            a.end.format("%H:%M"),
            a.place,
            a.capacity
        ),
        Lang::En => format!(
            " {} {}–{} {} in {counted}/{} here {inside} ",
            a.title,
            a.start.format("%H:%M"),
            a.end.format("%H:%M"),
            a.place,
            a.capacity
        ),
    };
    let [top, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let hint = pick(
        lang,
        "输入姓名/拼音首字母/手机尾号，{} 签到（再按签退）",
        "name, initials or phone tail; {} checks in (again: out)",
    );
    let hint = crate::ui::with_keys(app, crate::keymap::Section::Members, hint, &[crate::action::Action::Confirm]);
    search(frame, top, app, &hint, title, theme);
    let (left, right) = split(rest);
    let block = panel(String::new(), false, theme);
    let inner = block.inner(left);
    frame.render_widget(block, left);
    if m.query.text().trim().is_empty() {
        let t = pick(
            lang,
            "请党员报姓名或手机尾号，输入后按 Enter。未登记的，按 Enter 打开登记表。",
            "Ask for a name or phone tail, type it, press Enter. Not registered? Enter opens the form.",
        );
        frame.render_widget(Paragraph::new(wrap(vec![Line::styled(t, theme.dim)], inner.width as usize)), inner);
    } else if m.hits.is_empty() {
        let t = pick(lang, "没有这个人：按 Enter 登记", "Nobody by that: Enter to register");
        frame.render_widget(Paragraph::new(Span::styled(t, theme.warn)), inner);
    } else {
        lazy_list(frame, inner, m.hits.len(), Some(m.selected), theme, |i| {
            let Some(t) = m.member(&m.hits[i]) else { return Default::default() };
            {
                let state = match m.at_desk(t.member.id) {
                    Some(true) => pick(lang, "在场，Enter 签退", "in: Enter checks out"),
                    Some(false) => pick(lang, "已签退", "checked out"),
                    None => "",
                };
                let text = format!(
                    "{}{}{} {state}",
                    cell(&t.member.name, 8),
                    cell(&mask_phone(&t.member.phone), 13),
                    cell(&t.member.unit, 14)
                );
                (text, Style::default())
            }
        });
    }
    if let Some(r) = right {
        let block = panel(format!(" {} ", pick(lang, "本场签到", "This activity")), false, theme);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let rows = m
            .desk_records
            .iter()
            .rev()
            .map(|(s, name)| {
                let out = match s.end {
                    Some(e) => format!("{} {}h", e.format("%H:%M"), halves(s.half_hours)),
                    None => pick(lang, "在场", "here").to_string(),
                };
                let flag = if s.auto_closed { pick(lang, " 自动签退", " auto-closed") } else { "" };
                let style = if s.end.is_none() { theme.info } else { Style::default() };
                (format!("{}{} → {out}{flag}", cell(name, 8), s.start.format("%H:%M")), style)
            })
            .collect();
        list(frame, inner, rows, None, theme);
    }
}

fn ranking(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let m = &app.members;
    let year = chrono::Datelike::year(&app.today());
    // Narrow terminals stack the unit table under the members instead of beside them.
    let (left, right) = match split(area) {
        (l, Some(r)) => (l, Some(r)),
        (a, None) if a.height >= 16 => {
            let [l, r] = Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(a);
            (l, Some(r))
        }
        other => other,
    };
    let title = match lang {
        Lang::Zh => format!(" {year} 年服务时长（目标 {} 小时） ", m.data.target),
        Lang::En => format!(" {year} hours (target {} h) ", m.data.target),
    };
    let block = panel(title, true, theme)
        .title_bottom(Span::styled(pick(lang, " F9 生成季度反馈单 ", " F9 quarterly feedback "), theme.dim));
    let inner = block.inner(left);
    frame.render_widget(block, left);
    let ranked = m.ranking();
    let header = format!(
        "{} {}{}{}{}",
        rcell("#", 3),
        cell(pick(lang, "姓名", "Name"), 8),
        cell(pick(lang, "单位", "Unit"), 14),
        rcell(pick(lang, "时长", "Hours"), 7),
        rcell(pick(lang, "积分", "Points"), 7)
    );
    let mut header = Some(header);
    lazy_list(frame, inner, ranked.len() + 1, Some(m.rank + 1), theme, |row| {
        if row == 0 {
            return (header.take().unwrap_or_default(), theme.dim);
        }
        let (i, t) = (row - 1, &ranked[row - 1]);
        {
            let below = t.half_hours < m.data.target * 2;
            let flag = if below { pick(lang, "未达标", "below") } else { "" };
            let text = format!(
                "{:>3} {}{}{:>6}h {:>6} {flag}",
                i + 1,
                cell(&t.member.name, 8),
                cell(&t.member.unit, 14),
                t.hours(),
                t.points()
            );
            (text, if below { theme.warn } else { Style::default() })
        }
    });
    if let Some(r) = right {
        let block = panel(format!(" {} ", pick(lang, "按单位", "By work unit")), false, theme);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let mut rows = vec![(
            format!(
                "{}{}{}{}{}",
                cell(pick(lang, "单位", "Unit"), 16),
                rcell(pick(lang, "人数", "n"), 5),
                rcell(pick(lang, "时长", "hours"), 9),
                rcell(pick(lang, "人均", "avg"), 8),
                rcell(pick(lang, "未达标", "below"), 8)
            ),
            theme.dim,
        )];
        rows.extend(m.data.units.iter().map(|u| {
            let avg = u.half_hours.checked_div(u.members).unwrap_or(0);
            (
                format!(
                    "{}{:>5}{:>9}{:>8}{:>8}",
                    cell(&u.unit, 16),
                    u.members,
                    halves(u.half_hours),
                    halves(avg),
                    u.below
                ),
                Style::default(),
            )
        }));
        list(frame, inner, rows, None, theme);
    }
}
