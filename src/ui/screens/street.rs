//! The street office's screen: one row per centre, or one centre's dashboard read-only.

use crate::action::Action;
use crate::app::street::{CentreRow, Street, age, stale};
use crate::domain::lang::Lang;
use crate::i18n::fill;
use crate::i18n::words::street::{W, say};
use crate::keymap::Section;
use crate::ui::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table};

/// "3 秒前", "2 分钟前", "从未".
pub fn age_text(lang: Lang, secs: Option<i64>) -> String {
    let Some(s) = secs else { return say(lang, W::Never).to_string() };
    let (n, w) = match s {
        0..60 => (s, W::SecondsAgo),
        60..3600 => (s / 60, W::MinutesAgo),
        3600..86400 => (s / 3600, W::HoursAgo),
        _ => (s / 86400, W::DaysAgo),
    };
    fill(say(lang, w), &[&n])
}

/// Hours as the desk writes them: "12.5", "40".
fn hours(h: f64) -> String {
    let r = (h * 10.0).round() / 10.0;
    if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r:.1}") }
}

/// The key hints of the street view, from the active keymap.
fn hints(street: &Street) -> String {
    let actions: &[Action] = if street.open.is_some() {
        &[Action::Back]
    } else {
        &[Action::Up, Action::Down, Action::Confirm, Action::Quit]
    };
    let mut out = String::from(" ");
    for a in actions {
        if let Some(k) = street.keymap.hint(Section::Global, *a) {
            out.push_str(&format!("{k} {}  ", crate::i18n::short(street.lang, *a)));
        }
    }
    out.trim_end().to_string()
}

/// One row's cells and whether its replica is stale.
fn cells(street: &Street, r: &CentreRow) -> (Vec<String>, bool) {
    let lang = street.lang;
    match &r.figures {
        Err(_) => (vec![r.name.clone()], true),
        Ok(f) => {
            let a = age(f.heartbeat, street.now);
            let wait = f.longest_wait.map_or("—".to_string(), |m| fill(say(lang, W::Minutes), &[&m]));
            let rooms = fill(say(lang, W::RoomUse), &[&f.room_bookings, &hours(f.room_minutes as f64 / 60.0)]);
            (
                vec![
                    r.name.clone(),
                    f.waiting.to_string(),
                    wait,
                    format!("{}/{}", f.cases_open, f.cases_overdue),
                    format!("{}/{}", f.requests_open, f.requests_overdue),
                    rooms,
                    format!("{:.0}/{:.0}", f.member_hours, f.member_target_hours),
                    age_text(lang, a),
                ],
                stale(a, street.stale_after),
            )
        }
    }
}

/// Draws the street view over the whole frame.
pub fn draw(frame: &mut Frame<'_>, street: &Street, theme: &Theme) {
    let area = frame.area();
    let [head, body, foot] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let lang = street.lang;
    if let Some((i, app)) = &street.open {
        let name = street.rows.get(*i).map_or("", |r| r.name.as_str());
        let title = format!(" {} · {name} · {} ", street.name, say(lang, W::ReadOnly));
        frame.render_widget(Paragraph::new(Span::styled(title, theme.title)), head);
        match app {
            Some(app) => crate::ui::screens::dashboard::draw(frame, body, app, theme),
            None => frame.render_widget(Paragraph::new(say(lang, W::Loading)), body),
        }
        frame.render_widget(Paragraph::new(Span::styled(hints(street), theme.key)), foot);
        return;
    }
    let took = street.refresh.map(|d| fill(say(lang, W::Refreshed), &[&d.as_millis()])).unwrap_or_default();
    let title = format!(" {} · {}  {took}", street.name, say(lang, W::Title));
    frame.render_widget(Paragraph::new(Span::styled(title, theme.title)), head);
    frame.render_widget(Paragraph::new(Span::styled(hints(street), theme.key)), foot);
    draw_rows(frame, body, street, theme);
}

fn draw_rows(frame: &mut Frame<'_>, area: Rect, street: &Street, theme: &Theme) {
    let lang = street.lang;
    if street.rows.is_empty() {
        frame.render_widget(Paragraph::new(say(lang, W::Loading)), area);
        return;
    }
    let header = [W::Centre, W::Waiting, W::Longest, W::Cases, W::Requests, W::Rooms, W::Hours, W::Replica]
        .map(|w| Cell::from(say(lang, w)));
    let rows = street.rows.iter().enumerate().map(|(i, r)| {
        let (texts, stale) = cells(street, r);
        let n = texts.len();
        let row = Row::new(texts.into_iter().enumerate().map(|(c, t)| {
            // The replica's age in the alarm colour when it is stale.
            let alarm = stale && c == 7 && n == 8;
            Cell::from(Line::from(Span::styled(t, if alarm { theme.error } else { Style::default() })))
        }));
        if i == street.selected { row.style(theme.selected) } else { row }
    });
    let name_w =
        street.rows.iter().map(|r| crate::domain::text::display_width(&r.name)).max().unwrap_or(0).clamp(6, 16) as u16;
    // Fits 80 columns with a six-wide name; wider terminals give the names the room.
    let widths = [
        Constraint::Length(name_w),
        Constraint::Length(4),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(10),
        Constraint::Length(11),
        Constraint::Length(9),
    ];
    let table =
        Table::new(rows, widths).header(Row::new(header).style(theme.title)).block(Block::bordered()).column_spacing(1);
    frame.render_widget(table, area);
    // A copy that cannot be read says why across the figures' columns of its row.
    for (i, r) in street.rows.iter().enumerate() {
        let (Err(why), y) = (&r.figures, area.y + 2 + i as u16) else { continue };
        if y + 1 >= area.y + area.height {
            break;
        }
        let x = area.x + 2 + name_w;
        let w = (area.x + area.width).saturating_sub(x + 1);
        let style = if i == street.selected { theme.selected.patch(theme.error) } else { theme.error };
        frame.render_widget(Paragraph::new(Span::styled(why.clone(), style)), Rect { x, y, width: w, height: 1 });
    }
}
