//! The hall display (`yichuang board`): each open window's current number in large digits,
//! the last numbers called, waiting counts and the clock. No keys needed.

use super::Theme;
use crate::domain::lang::Lang;
use crate::domain::queue::{Ticket, Window, recalled_lately};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::ui_board::{W, say};
use crate::i18n::{self};
use crate::model::QueueView;
use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tui_big_text::{BigText, PixelSize};

/// What the board shows.
#[derive(Debug, Clone, Default)]
pub struct Board {
    /// Today's queue.
    pub view: QueueView,
    /// Centre name.
    pub centre: String,
    /// Local time.
    pub now: NaiveDateTime,
    /// Language of the labels.
    pub lang: Lang,
}

/// How many of the last called numbers are listed.
pub const RECENT: usize = 6;

/// The last numbers called anywhere, newest first.
pub fn recent(tickets: &[Ticket]) -> Vec<&Ticket> {
    let mut v: Vec<&Ticket> = tickets.iter().filter(|t| t.called_at.is_some() && t.window.is_some()).collect();
    v.sort_by_key(|t| std::cmp::Reverse(t.called_at));
    v.truncate(RECENT);
    v
}

/// Draws the board.
pub fn draw(frame: &mut Frame<'_>, b: &Board, theme: &Theme) {
    let area = frame.area();
    if area.width < 20 || area.height < 8 {
        let text = format!("{} {}", b.now.format("%H:%M"), truncate_to_width(&b.centre, area.width as usize));
        frame.render_widget(Paragraph::new(truncate_to_width(&text, area.width as usize)), area);
        return;
    }
    let lang = b.lang;
    let [top, windows, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(6), Constraint::Length(4)]).areas(area);
    let clock = b.now.format("%H:%M").to_string();
    let title = say(lang, W::PleaseWatchForYour);
    let left = format!(" {} · {title}", b.centre);
    let pad = (top.width as usize).saturating_sub(display_width(&left) + display_width(&clock) + 1);
    let line = Line::from(vec![
        Span::styled(truncate_to_width(&left, (top.width as usize).saturating_sub(7)), theme.title),
        Span::raw(" ".repeat(pad)),
        Span::styled(clock, theme.title),
    ]);
    frame.render_widget(Paragraph::new(line), top);

    // A window whose clerk's session ended mid-visit stays up: its resident is still waiting.
    let open: Vec<&Window> = b
        .view
        .windows
        .iter()
        .filter(|w| w.operator.is_some() || crate::domain::queue::current_at(&b.view.tickets, w).is_some())
        .collect();
    if open.is_empty() {
        let p = Paragraph::new(say(lang, W::NoWindowIsOpen)).centered().style(theme.dim);
        frame.render_widget(p, windows);
    } else {
        let per_row = match (windows.width / 26).max(1) as usize {
            n if n >= open.len() => open.len(),
            n => n,
        };
        let rows = open.len().div_ceil(per_row);
        let row_areas = Layout::vertical(vec![Constraint::Ratio(1, rows as u32); rows]).split(windows);
        for (ri, chunk) in open.chunks(per_row).enumerate() {
            let cols = Layout::horizontal(vec![Constraint::Ratio(1, per_row as u32); per_row]).split(row_areas[ri]);
            for (ci, w) in chunk.iter().enumerate() {
                window_box(frame, cols[ci], b, w, theme);
            }
        }
    }

    let [recent_area, waiting_area] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);
    let block = Block::bordered().title(Span::styled(say(lang, W::LastCalled), theme.title));
    let inner = block.inner(recent_area);
    frame.render_widget(block, recent_area);
    // A recalled number comes first again (its call is the newest) and is marked for a while.
    let spans: Vec<Span> = recent(&b.view.tickets)
        .iter()
        .flat_map(|t| {
            let w = t.window.unwrap_or(0);
            let text = format!("{}→{}", t.number, i18n::window(lang, w));
            if recalled_lately(t, b.now) {
                vec![Span::styled(format!("{text} {}", say(lang, W::CallingAgain)), theme.warn), Span::raw("  ")]
            } else {
                vec![Span::raw(format!("{text}  "))]
            }
        })
        .collect();
    let lines = crate::ui::wrap::wrap(vec![Line::from(spans)], inner.width as usize);
    frame.render_widget(Paragraph::new(lines), inner);
    let block = Block::bordered().title(Span::styled(say(lang, W::Waiting), theme.title));
    let inner = block.inner(waiting_area);
    frame.render_widget(block, waiting_area);
    let spans: Vec<Span> = b
        .view
        .lines
        .iter()
        .filter(|l| l.waiting > 0)
        .map(|l| {
            let style = if l.waiting >= l.threshold { theme.warn } else { ratatui::style::Style::default() };
            Span::styled(format!("{}{} {}  ", l.prefix, l.name, l.waiting), style)
        })
        .collect();
    let lines = crate::ui::wrap::wrap(vec![Line::from(spans)], inner.width as usize);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn window_box(frame: &mut Frame<'_>, area: Rect, b: &Board, w: &Window, theme: &Theme) {
    let lang = b.lang;
    let title = format!(" {} {} ", i18n::window(lang, w.number), w.name);
    let current = crate::domain::queue::current_at(&b.view.tickets, w);
    let again = current.is_some_and(|t| recalled_lately(t, b.now));
    let mut block = Block::bordered().border_style(theme.focus_border).title(Span::styled(title, theme.title));
    if again {
        let mark = Line::from(Span::styled(format!(" {} ", say(lang, W::CallingAgain)), theme.warn)).centered();
        block = block.border_style(theme.warn).title_bottom(mark);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let text = match (&w.paused, current) {
        (_, Some(t)) if w.operator.is_none() => {
            let lines = vec![
                Line::from(Span::styled(t.number.clone(), theme.title)),
                Line::from(Span::styled(say(lang, W::StaffAwayPleaseWait), theme.warn)),
            ];
            let y = inner.y + inner.height.saturating_sub(2) / 2;
            let r = Rect { y, height: 2.min(inner.height), ..inner };
            frame.render_widget(Paragraph::new(lines).centered(), r);
            return;
        }
        (Some(_), _) => {
            let p = Paragraph::new(say(lang, W::Paused)).centered().style(theme.warn);
            frame.render_widget(p, inner);
            return;
        }
        (None, Some(t)) => t.number.clone(),
        (None, None) => "---".to_string(),
    };
    // The biggest digits that fit: 8×8 cells a character, then 4 wide × 8 tall, then 4×4,
    // then plain text.
    let chars = text.chars().count() as u16;
    let size = if inner.width >= chars * 8 && inner.height >= 8 {
        Some((PixelSize::Full, 8))
    } else if inner.width >= chars * 4 && inner.height >= 8 {
        Some((PixelSize::HalfWidth, 8))
    } else if inner.width >= chars * 4 && inner.height >= 4 {
        Some((PixelSize::Quadrant, 4))
    } else {
        None
    };
    match size {
        Some((size, h)) => {
            let y = inner.y + inner.height.saturating_sub(h) / 2;
            let r = Rect { y, height: h.min(inner.height), ..inner };
            let big =
                BigText::builder().pixel_size(size).style(theme.title).lines(vec![text.into()]).centered().build();
            frame.render_widget(big, r);
        }
        None => frame.render_widget(Paragraph::new(text).centered().style(theme.title), inner),
    }
}
