//! The Members screen: registry with a service timeline, activities, the check-in desk and
//! the ranking. Phones and ID numbers are masked unless revealed (audited).

use crate::app::App;
use crate::app::members::View;
use crate::domain::lang::Lang;
use crate::domain::member::{Service, Source, halves, report_overdue};
use crate::domain::resident::{mask_id, mask_phone};
use crate::i18n::words::ui_members::{W, say};
use crate::i18n::{self};
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
    let switch = crate::ui::keyed_in(app, crate::keymap::Section::Members, say(app.lang, W::Switch));
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
    let which = match m.filter {
        Filter::All => "",
        Filter::Below => say(lang, W::BelowTarget),
        Filter::ReportDue => say(lang, W::DueToReport),
    };
    let title = i18n::fill(say(lang, W::RegistryTitle), &[&which, &m.hits.len(), &m.data.members.len()])
        + crate::ui::keys_line(app, &[crate::action::Action::CycleFilter]).trim_start();
    let hint = say(lang, W::NamePinyinInitialsOr);
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
        let t = say(lang, W::NoMemberRegisteredYet);
        let t = crate::ui::keyed_in(app, crate::keymap::Section::Members, t);
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
                        flags.push(say(lang, W::Below));
                    }
                    if report_overdue(&t.member, m.data.report_months, app.today()) {
                        flags.push(say(lang, W::ReportDue));
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
        crate::ui::keyed_in(app, crate::keymap::Section::Members, say(lang, W::RecordDecline)),
        theme.dim,
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let revealed = m.revealed.shows(p.id);
    let colon = crate::i18n::colon(lang);
    let field = |k: &str, v: String| Line::from(vec![Span::styled(format!("{k}{colon}"), theme.dim), Span::raw(v)]);
    let intentions: Vec<&str> = p.intentions.iter().map(|x| i18n::members::post(lang, *x)).collect();
    let (id, phone) =
        if revealed { (p.id_number.clone(), p.phone.clone()) } else { (mask_id(&p.id_number), mask_phone(&p.phone)) };
    let sex = if p.female { say(lang, W::F) } else { say(lang, W::M) };
    let channel = if p.online { say(lang, W::Online) } else { say(lang, W::AtTheDesk) };
    let overdue = report_overdue(p, m.data.report_months, app.today());
    let mut lines = vec![
        field(say(lang, W::SexMobile), format!("{sex}  {phone}")),
        field(say(lang, W::IdNumber), id),
        field(say(lang, W::UnitBranch), format!("{} {}", p.unit, p.branch)),
        field(say(lang, W::AddressGrid), format!("{} {}", p.address, p.grid)),
        field(
            say(lang, W::Reported),
            format!("{} {channel}{}", p.reported_on, if overdue { say(lang, W::DueToReportAgain) } else { "" }),
        ),
        field(say(lang, W::SkillsWishes), format!("{} {}", p.skills, intentions.join("、"))),
        field(say(lang, W::Standing), i18n::members::status(lang, p.status).to_string()),
        field(
            say(lang, W::ThisYear),
            i18n::fill(say(lang, W::HoursPointsTarget), &[&t.hours(), &t.points(), &m.data.target]),
        ),
    ];
    let mut lines_w = wrap(std::mem::take(&mut lines), inner.width as usize);
    lines_w.push(Line::from(Span::styled(say(lang, W::ServiceRecord), theme.title)));
    let head = lines_w.len();
    let [top, timeline] = Layout::vertical([Constraint::Length(head as u16), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(lines_w), top);
    if m.records_of != Some(p.id) {
        return;
    }
    if m.timeline().is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(say(lang, W::None), theme.dim)), timeline);
        return;
    }
    let rows = m.timeline().iter().map(|s| record_row(lang, s, theme)).collect();
    list(frame, timeline, rows, Some(m.record), theme);
}

fn record_row(lang: Lang, s: &Service, theme: &Theme) -> (String, Style) {
    let when = match (&s.source, s.end) {
        (Source::Manual { .. }, _) => s.start.format("%Y-%m-%d").to_string(),
        (_, Some(e)) => format!("{}–{}", s.start.format("%Y-%m-%d %H:%M"), e.format("%H:%M")),
        (_, None) => format!("{} {}", s.start.format("%Y-%m-%d %H:%M"), say(lang, W::In)),
    };
    let mut tags = Vec::new();
    if let Source::Manual { operator, .. } = &s.source {
        tags.push(format!("{}·{operator}", say(lang, W::Manual)));
    }
    if s.late {
        tags.push(say(lang, W::Late).to_string());
    }
    if s.auto_closed {
        tags.push(say(lang, W::AutoClosed).to_string());
    }
    if s.pending {
        tags.push(say(lang, W::Pending).to_string());
    }
    if let Some(r) = &s.declined {
        tags.push(format!("{}：{r}", say(lang, W::Declined)));
    }
    let hours = if s.end.is_some() { format!(" {}h", halves(s.half_hours)) } else { String::new() };
    let text = format!("{when}{hours} {} {}", s.what, tags.join(" "));
    let style = if s.declined.is_some() || s.pending {
        theme.dim
    } else if s.auto_closed || s.late {
        theme.warn
    } else {
        Style::default()
    };
    (text, style)
}

fn activity_state(lang: Lang, a: &crate::domain::member::Activity, now: chrono::NaiveDateTime) -> &'static str {
    if now >= a.end {
        say(lang, W::Over)
    } else if now >= a.start {
        say(lang, W::OnNow)
    } else if crate::domain::member::can_check_in(a, now).is_ok() {
        say(lang, W::CheckInOpen)
    } else {
        say(lang, W::Later)
    }
}

fn activities(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let m = &app.members;
    let (left, right) = split(area);
    let block =
        panel(format!(" {} ({}) ", i18n::members::view(lang, View::Activities), m.activities.len()), true, theme)
            .title_bottom(Span::styled(
                crate::ui::keyed_in(app, crate::keymap::Section::Members, say(lang, W::CheckInDeskNew)),
                theme.dim,
            ));
    let inner = block.inner(left);
    frame.render_widget(block, left);
    if m.activities.is_empty() {
        let t = say(lang, W::NoActivityAroundToday);
        let t = crate::ui::keyed_in(app, crate::keymap::Section::Members, t);
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
        let colon = crate::i18n::colon(lang);
        let field = |k: &str, v: String| Line::from(vec![Span::styled(format!("{k}{colon}"), theme.dim), Span::raw(v)]);
        let lines = vec![
            field(say(lang, W::Category), i18n::members::post(lang, a.category).to_string()),
            field(say(lang, W::When), format!("{}–{}", a.start.format("%Y-%m-%d %H:%M"), a.end.format("%H:%M"))),
            field(say(lang, W::Place), a.place.clone()),
            field(say(lang, W::Organiser), a.organiser.clone()),
            field(say(lang, W::Places), format!("{n}/{}", a.capacity)),
            field(say(lang, W::PointsHour), a.rate.to_string()),
            field(say(lang, W::Needs), a.needs.clone()),
            field(say(lang, W::State), activity_state(lang, a, app.now).to_string()),
        ];
        frame.render_widget(Paragraph::new(wrap(lines, inner.width as usize)), inner);
    }
}

/// Members as the desk lists them: the shared candidate row, their unit and whether they are in.
struct AtTheDesk<'a> {
    app: &'a App,
}

impl crate::app::pick::People for AtTheDesk<'_> {
    fn person(&self, hit: &crate::search::Hit) -> Option<crate::app::pick::Person> {
        let (app, m) = (self.app, &self.app.members);
        let mut p = m.person(hit)?;
        let state = match m.at_desk(p.id) {
            Some(true) => crate::ui::keyed(app, say(app.lang, W::InEnterChecksOut)),
            Some(false) => say(app.lang, W::CheckedOut).to_string(),
            None => String::new(),
        };
        // Whether they are in matters most here: before the unit, which may be cut.
        if !state.is_empty() {
            p.place = format!("{state} · {}", p.place);
        }
        Some(p)
    }
}

fn desk(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let m = &app.members;
    let Some((a, _)) = m.desk_activity() else {
        let t = say(lang, W::NoActivityChosenTo);
        let t = crate::ui::keyed_in(app, crate::keymap::Section::Members, t);
        frame.render_widget(Paragraph::new(Span::styled(t, theme.warn)), area);
        return;
    };
    let inside = m.desk_records.iter().filter(|(s, _)| s.end.is_none()).count();
    let counted = m.desk_records.iter().filter(|(s, _)| s.declined.is_none()).count();
    let (start, end) = (a.start.format("%H:%M"), a.end.format("%H:%M"));
    let title =
        i18n::fill(say(lang, W::DeskTitle), &[&a.title, &start, &end, &a.place, &counted, &a.capacity, &inside]);
    let [top, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let hint = say(lang, W::NameInitialsOrPhone);
    let hint = crate::ui::keyed_in(app, crate::keymap::Section::Members, hint);
    search(frame, top, app, &hint, title, theme);
    let (left, right) = split(rest);
    let block = panel(String::new(), false, theme);
    let inner = block.inner(left);
    frame.render_widget(block, left);
    if m.query.text().trim().is_empty() {
        let t = crate::ui::keyed(app, say(lang, W::AskForAName));
        frame.render_widget(Paragraph::new(wrap(vec![Line::styled(t, theme.dim)], inner.width as usize)), inner);
    } else if m.hits.is_empty() {
        let t = crate::ui::keyed(app, say(lang, W::NobodyByThatEnter));
        frame.render_widget(Paragraph::new(Span::styled(t, theme.warn)), inner);
    } else {
        // Namesakes at the door are told apart by ID tail and age, as everywhere a person is picked.
        let people = AtTheDesk { app };
        crate::ui::pick::draw(frame, inner, app, &people, &m.hits, m.selected, "", theme);
    }
    if let Some(r) = right {
        let block = panel(format!(" {} ", say(lang, W::ThisActivity)), false, theme);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let rows = m
            .desk_records
            .iter()
            .rev()
            .map(|(s, name)| {
                // Two of one name at the same door are told apart by their units.
                let twin = m.desk_records.iter().any(|(o, n)| n == name && o.member_id != s.member_id);
                let unit = twin
                    .then(|| m.data.members.iter().find(|t| t.member.id == s.member_id).map(|t| t.member.unit.as_str()))
                    .flatten()
                    .map(|u| format!("（{u}）"))
                    .unwrap_or_default();
                let name = format!("{name}{unit}");
                let out = match s.end {
                    Some(e) => format!("{} {}h", e.format("%H:%M"), halves(s.half_hours)),
                    None => say(lang, W::Here).to_string(),
                };
                let flag = if s.auto_closed { say(lang, W::AutoClosed2) } else { "" };
                let late = if s.late { format!(" {}", say(lang, W::Late)) } else { String::new() };
                let style = if s.end.is_none() { theme.info } else { Style::default() };
                (
                    format!(
                        "{}{}{late} → {out}{flag}",
                        cell(&name, if twin { 24 } else { 8 }),
                        s.start.format("%H:%M")
                    ),
                    style,
                )
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
    let title = i18n::fill(say(lang, W::YearHoursTitle), &[&year, &m.data.target]);
    let block = panel(title, true, theme)
        .title_bottom(Span::styled(crate::ui::keyed(app, say(lang, W::F9QuarterlyFeedback)), theme.dim));
    let inner = block.inner(left);
    frame.render_widget(block, left);
    let ranked = m.ranking();
    let header = format!(
        "{} {}{}{}{}",
        rcell("#", 3),
        cell(say(lang, W::Name), 8),
        cell(say(lang, W::Unit), 14),
        rcell(say(lang, W::Hours), 7),
        rcell(say(lang, W::Points), 7)
    );
    let mut header = Some(header);
    lazy_list(frame, inner, ranked.len() + 1, Some(m.rank + 1), theme, |row| {
        if row == 0 {
            return (header.take().unwrap_or_default(), theme.dim);
        }
        let (i, t) = (row - 1, &ranked[row - 1]);
        {
            let below = t.half_hours < m.data.target * 2;
            let flag = if below { say(lang, W::Below) } else { "" };
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
        let block = panel(format!(" {} ", say(lang, W::ByWorkUnit)), false, theme);
        let inner = block.inner(r);
        frame.render_widget(block, r);
        let mut rows = vec![(
            format!(
                "{}{}{}{}{}",
                cell(say(lang, W::Unit), 16),
                rcell(say(lang, W::N), 5),
                rcell(say(lang, W::Hours2), 9),
                rcell(say(lang, W::Avg), 8),
                rcell(say(lang, W::Below), 8)
            ),
            theme.dim,
        )];
        rows.extend(m.data.units.iter().map(|u| {
            (
                format!(
                    "{}{:>5}{:>9}{:>8}{:>8}",
                    cell(&u.unit, 16),
                    u.members,
                    halves(u.half_hours),
                    u.average(),
                    u.below
                ),
                Style::default(),
            )
        }));
        list(frame, inner, rows, None, theme);
    }
}
