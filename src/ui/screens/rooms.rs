//! The Rooms screen: a day grid (rows = half hours, columns = rooms) or a week view. Anyone
//! sees that a room is taken and by which mediator; only that mediator (and supervisors) see
//! what for. A booking being drafted or moved shows its conflicts before it is saved.

use crate::app::App;
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::ui_rooms::{W, say};
use crate::i18n::{self};
use crate::ui::Theme;
use chrono::{Datelike, Duration};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The keys that work here now for this operator, as the keymap binds them.
fn hints(app: &App) -> String {
    use crate::action::Action::*;
    let offers = (crate::app::rooms::SCREEN.offers)(app);
    let shown = |a: &crate::action::Action| offers.iter().any(|o| o.action == *a && o.ready());
    let keys = [Book, MoveRoomBooking, CancelBooking, EditBooking, NextDay, GoToDate, ToggleWeek];
    crate::ui::keys_line(app, &keys.into_iter().filter(shown).collect::<Vec<_>>())
}

/// Draws the Rooms screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let r = &app.rooms;
    let lang = app.lang;
    let day = r.day.unwrap_or(app.now.date());
    let working = app.calendar.is_working_day(day);
    let mut title = format!(" {} ", i18n::date(lang, day));
    let note = i18n::calendar::day_note(lang, &app.calendar, day);
    if !note.is_empty() {
        title.push_str(&format!("· {note} "));
    }
    if !working {
        title.push_str(say(lang, W::NotAWorkingDay));
    }
    let problem = r
        .draft
        .as_ref()
        .and_then(|_| r.draft_problem((&app.calendar, app.horizons.rooms), &app.session.operator.login, app.now));
    let footer = match (&r.draft, &problem) {
        (Some(_), Some(p)) => Span::styled(
            format!(" {} ", i18n::rooms::room_error(lang, &crate::model::RoomOpError::Rule(p.clone()))),
            theme.error,
        ),
        (Some(d), None) => Span::styled(
            format!(
                " {}–{} · {} ",
                d.start.format("%H:%M"),
                d.end.format("%H:%M"),
                crate::ui::keyed_in(app, crate::keymap::Section::Rooms, say(lang, W::FreeSavesDrops))
            ),
            theme.info,
        ),
        (None, _) => Span::styled(hints(app), theme.dim),
    };
    let block = Block::bordered()
        .border_style(theme.focus_border)
        .title(Span::styled(title, if working { theme.title } else { theme.warn }))
        .title_bottom(footer);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    if r.rooms.is_empty() {
        let text = say(lang, W::NoRoomsYetA);
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim)), inner);
        return;
    }
    if r.week {
        week(frame, inner, app, theme);
    } else {
        grid(frame, inner, app, theme);
    }
}

fn grid(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let r = &app.rooms;
    let lang = app.lang;
    let day = r.day.unwrap_or(app.now.date());
    let time_w = 6usize;
    let n = r.rooms.len();
    let col_w = ((area.width as usize).saturating_sub(time_w) / n.max(1)).max(4);
    let mut lines = Vec::new();
    let mut head = vec![Span::raw(" ".repeat(time_w))];
    for room in &r.rooms {
        let name = truncate_to_width(&room.name, col_w - 1);
        let pad = col_w.saturating_sub(display_width(&name));
        head.push(Span::styled(format!("{name}{}", " ".repeat(pad)), theme.title));
    }
    lines.push(Line::from(head));
    let rows = r.rows();
    let height = (area.height as usize).saturating_sub(1);
    let offset = (r.row + 1).saturating_sub(height);
    let draft = r.draft.as_ref();
    for row in (0..rows).skip(offset).take(height) {
        let at = r.row_time(day, row);
        let mut spans = vec![Span::styled(format!("{} ", at.format("%H:%M")), theme.dim)];
        spans.push(Span::raw(" "));
        for (c, room) in r.rooms.iter().enumerate() {
            let cursor = row == r.row && c == r.col && draft.is_none();
            let in_draft = draft.is_some_and(|d| d.room == c && d.start <= at && at < d.end);
            let open = at.time() >= room.opens && at.time() < room.closes;
            let (text, style) = if in_draft {
                (say(lang, W::New).to_string(), theme.selected)
            } else if let Some(b) = r.booking_at(c, at) {
                let first = b.start >= at && b.start < at + Duration::minutes(30);
                let label = if first {
                    match &b.purpose {
                        Some(p) if !p.is_empty() => format!("█ {} {p}", b.mediator_name),
                        _ => format!("█ {} · {}", say(lang, W::Taken), b.mediator_name),
                    }
                } else {
                    "█".to_string()
                };
                let mine = b.mediator == app.session.operator.login;
                (label, if mine { theme.info } else { theme.warn })
            } else if open {
                ("·".to_string(), theme.dim)
            } else {
                (" ".to_string(), Style::default())
            };
            let text = truncate_to_width(&text, col_w - 1);
            let pad = col_w.saturating_sub(display_width(&text));
            let style = if cursor { style.patch(theme.selected) } else { style };
            spans.push(Span::styled(format!("{text}{}", " ".repeat(pad)), style));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The week: for each day, each room by its full name with its hours and every booking's
/// times, mediator and (for those who may see it) purpose.
fn week(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let r = &app.rooms;
    let lang = app.lang;
    let day = r.day.unwrap_or(app.now.date());
    let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
    let name_w = r.rooms.iter().map(|room| display_width(&room.name)).max().unwrap_or(0);
    let mut lines = Vec::new();
    for i in 0..7 {
        let d = monday + Duration::days(i);
        let working = app.calendar.is_working_day(d);
        let style = if d == day {
            theme.selected
        } else if working {
            theme.title
        } else {
            theme.dim
        };
        let mut head = vec![Span::styled(format!("{} {}", d.format("%m-%d"), i18n::rooms::weekday(lang, d)), style)];
        if let Some(note) = i18n::calendar::day_short(lang, &app.calendar, d) {
            head.push(Span::styled(format!(" {note}"), if working { theme.warn } else { theme.dim }));
        } else if !working {
            head.push(Span::styled(format!(" {}", say(lang, W::Off)), theme.dim));
        }
        lines.push(Line::from(head));
        if !working {
            continue;
        }
        for room in &r.rooms {
            let taken: Vec<_> = r.bookings.iter().filter(|b| b.room_id == room.id && b.start.date() == d).collect();
            let pad = " ".repeat(name_w.saturating_sub(display_width(&room.name)));
            let mut spans = vec![Span::raw(format!("  {}{pad}  ", room.name))];
            if taken.is_empty() {
                spans.push(Span::styled(say(lang, W::Free), theme.dim));
            } else {
                let minutes: i64 = taken.iter().map(|b| (b.end - b.start).num_minutes()).sum();
                let sum = format!("{}{} · {}", taken.len(), say(lang, W::Sessions), i18n::rooms::hours(lang, minutes));
                spans.push(Span::styled(sum, theme.warn));
                for b in taken {
                    let what = match &b.purpose {
                        Some(p) if !p.is_empty() => p.clone(),
                        Some(_) => String::new(),
                        None => say(lang, W::Taken).to_string(),
                    };
                    let mine = b.mediator == app.session.operator.login;
                    let text =
                        format!("  {}–{} {} {what}", b.start.format("%H:%M"), b.end.format("%H:%M"), b.mediator_name);
                    spans.push(Span::styled(
                        text.trim_end().to_string(),
                        if mine { theme.info } else { Style::default() },
                    ));
                }
            }
            lines.push(Line::from(spans));
        }
    }
    let height = area.height as usize;
    let lines = crate::ui::wrap::wrap(lines, area.width as usize);
    // The chosen day stays in sight when the week is taller than the screen.
    let chosen = (day - monday).num_days() as usize * (r.rooms.len() + 1);
    let skip = (chosen + r.rooms.len() + 1).saturating_sub(height).min(chosen);
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), area);
}
