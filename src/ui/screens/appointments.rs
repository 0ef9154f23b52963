//! The Appointments screen: one day of one category, each slot with its places and bookings.

use crate::app::App;
use crate::app::appointments::Row;
use crate::domain::appointment::AppointmentState;
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::ui_appointments::{W, say};
use crate::i18n::{self};
use crate::ui::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the Appointments screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let lang = app.lang;
    let a = &app.appointments;
    let day = a.day.unwrap_or(app.now.date());
    let cat = a
        .category
        .as_ref()
        .and_then(|c| app.catalog.categories.iter().find(|x| &x.code == c))
        .map(|c| format!("{} {}", c.prefix, c.name))
        .unwrap_or_default();
    let working = app.calendar.is_working_day(day);
    let weekday = crate::i18n::date(lang, day);
    let note = if working { "" } else { say(lang, W::NotAWorkingDay) };
    let day_note = crate::i18n::calendar::day_note(lang, &app.calendar, day);
    let day_note = if day_note.is_empty() { day_note } else { format!(" · {day_note}") };
    let title = format!(" {weekday}{day_note} · {cat}{note} ");
    let hint = crate::ui::keys_line(app, &{
        use crate::action::Action::*;
        [NextDay, CycleFilter, Book, CheckIn, CancelBooking]
    });
    let block = Block::bordered()
        .border_style(theme.focus_border)
        .title(Span::styled(title, if working { theme.title } else { theme.warn }))
        .title_bottom(Span::styled(hint, theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let height = inner.height as usize;
    let offset = (a.selected + 1).saturating_sub(height);
    let width = inner.width as usize;
    let lines: Vec<Line> = a
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let base = if i == a.selected { theme.selected } else { Style::default() };
            let (text, style) = match row {
                Row::Slot(s) => {
                    let full = s.booked >= s.capacity;
                    // Past, a day off, past the horizon or in an unknown year: the booking rule says.
                    let h = app.horizons.appointments;
                    let past = crate::domain::appointment::can_book(&app.calendar, day, s.at, app.now, h).is_err();
                    let places = format!("{}/{}", s.booked, s.capacity);
                    let state = if !working || past {
                        say(lang, W::Closed)
                    } else if full {
                        say(lang, W::Full)
                    } else {
                        say(lang, W::Open)
                    };
                    let style = if full || past || !working { base.patch(theme.dim) } else { base.patch(theme.title) };
                    (format!("{}  {places}  {state}", s.at.format("%H:%M")), style)
                }
                Row::Booking(b) => {
                    let ticket = b.ticket.as_ref().map(|t| format!(" · {t}")).unwrap_or_default();
                    let style = match b.state {
                        AppointmentState::Cancelled | AppointmentState::NoShow => base.patch(theme.dim),
                        AppointmentState::CheckedIn => base,
                        _ => base,
                    };
                    // Two bookings of namesakes are told apart by the ID tail.
                    let tail = app
                        .residents
                        .by_id(b.resident_id)
                        .map(|r| format!(" {}", crate::app::pick::id_tail(&r.id_number)))
                        .unwrap_or_default();
                    (
                        format!(
                            "       {}{tail}  {}{ticket}",
                            b.resident_name,
                            i18n::queue::appointment_state(lang, b.state)
                        ),
                        style,
                    )
                }
            };
            let text = truncate_to_width(&text, width);
            let pad = width.saturating_sub(display_width(&text));
            Line::from(vec![Span::styled(text, style), Span::styled(" ".repeat(pad), base)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
