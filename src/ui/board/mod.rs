//! The hall display (`yichuang board`): each window's current number in digits as large as its
//! box allows, the newest call marked (and flashing for a few seconds), the last numbers
//! called, waiting counts, the centre's notices and the clock. No keys needed.

pub mod digits;

use super::Theme;
use crate::domain::lang::Lang;
use crate::domain::queue::{Ticket, TicketState, Window, current_at, recalled_lately};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::ui_board::{W, say};
use crate::i18n::{self};
use crate::model::QueueView;
use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

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

/// What the board shows besides the queue: notices, the voice and the database's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hall {
    /// The centre's notices, shown one at a time.
    pub notices: Vec<String>,
    /// The database cannot be read just now (the queue shown is the last one read).
    pub offline: bool,
    /// How the voice stands.
    pub voice: Voice,
}

/// How the hall's voice stands, for the status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Voice {
    /// Calls are announced.
    #[default]
    On,
    /// Turned off (the setting, or no command to speak through).
    Off,
    /// Quiet hours: calls are shown, not said.
    Quiet,
    /// The last announcement failed: why.
    Failed(String),
}

/// How many of the last called numbers are listed.
pub const RECENT: usize = 6;

/// How long a new call flashes, in seconds.
pub const FLASH_SECONDS: i64 = 6;

/// How long each notice stays before the next, in seconds.
pub const NOTICE_SECONDS: i64 = 10;

/// The last numbers called anywhere, newest first.
pub fn recent(tickets: &[Ticket]) -> Vec<&Ticket> {
    let mut v: Vec<&Ticket> = tickets.iter().filter(|t| t.called_at.is_some() && t.window.is_some()).collect();
    v.sort_by_key(|t| std::cmp::Reverse(t.called_at));
    v.truncate(RECENT);
    v
}

/// The number most lately called (or called again) that is still at its window.
pub fn newest(view: &QueueView) -> Option<&Ticket> {
    view.windows.iter().filter_map(|w| current_at(&view.tickets, w)).max_by_key(|t| t.called_at)
}

/// Whether the newest call is in its flash phase now (on for half of each second during the
/// first seconds after the call).
pub fn flashing(t: &Ticket, now: NaiveDateTime) -> bool {
    let Some(at) = t.called_at else { return false };
    let since = now - at;
    t.state == TicketState::Called
        && since >= chrono::Duration::zero()
        && since < chrono::Duration::seconds(FLASH_SECONDS)
        && (since.num_milliseconds() / 500) % 2 == 0
}

/// Whether the board needs redrawing more often than once a minute (a flash is running).
pub fn animating(view: &QueueView, now: NaiveDateTime) -> bool {
    newest(view).and_then(|t| t.called_at).is_some_and(|at| now - at < chrono::Duration::seconds(FLASH_SECONDS + 1))
}

/// The windows in the grid (signed in, or holding a number whose clerk has gone) and the
/// closed ones, listed on one line below it so that they take no room from the digits.
fn shown(view: &QueueView) -> (Vec<&Window>, Vec<&Window>) {
    view.windows.iter().partition(|w| w.operator.is_some() || current_at(&view.tickets, w).is_some())
}

/// Draws the board without notices or voice state.
pub fn draw(frame: &mut Frame<'_>, b: &Board, theme: &Theme) {
    draw_hall(frame, b, &Hall::default(), theme);
}

/// Draws the board.
pub fn draw_hall(frame: &mut Frame<'_>, b: &Board, hall: &Hall, theme: &Theme) {
    let area = frame.area();
    if area.width < 20 || area.height < 8 {
        let text = format!("{} {}", b.now.format("%H:%M"), truncate_to_width(&b.centre, area.width as usize));
        frame.render_widget(Paragraph::new(truncate_to_width(&text, area.width as usize)), area);
        return;
    }
    let lang = b.lang;
    let bottom_h = if area.height >= 20 { 4 } else { 3 };
    let [top, windows, bottom, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(bottom_h),
        Constraint::Length(1),
    ])
    .areas(area);
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

    let (open, closed) = shown(&b.view);
    let windows = if closed.is_empty() {
        windows
    } else {
        let [grid_area, strip] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(windows);
        let mut pieces = vec![vec![Span::styled(format!(" {}", say(lang, W::NotOpen)), theme.dim)]];
        pieces.extend(
            closed
                .iter()
                .map(|w| vec![Span::styled(format!("{} {}", i18n::window(lang, w.number), w.name), theme.dim)]),
        );
        let line = pack(pieces, strip.width as usize).into_iter().next().unwrap_or_default();
        frame.render_widget(Paragraph::new(line), strip);
        grid_area
    };
    if open.is_empty() {
        let p = Paragraph::new(say(lang, W::NoWindowIsOpen)).centered().style(theme.dim);
        frame.render_widget(p, windows);
    } else {
        let (cols, rows) = grid(open.len(), windows);
        let row_areas = Layout::vertical(vec![Constraint::Ratio(1, rows as u32); rows]).split(windows);
        let newest = newest(&b.view).map(|t| t.id);
        for (ri, chunk) in open.chunks(cols).enumerate() {
            let cells = Layout::horizontal(vec![Constraint::Ratio(1, cols as u32); cols]).split(row_areas[ri]);
            for (ci, w) in chunk.iter().enumerate() {
                window_box(frame, cells[ci], b, w, newest, theme);
            }
        }
    }

    let [recent_area, waiting_area] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);
    let block = Block::bordered().title(Span::styled(say(lang, W::LastCalled), theme.title));
    let inner = block.inner(recent_area);
    frame.render_widget(block, recent_area);
    // Each "number→window" is one piece: a line never ends between a number and its window.
    let pieces: Vec<Vec<Span>> = recent(&b.view.tickets)
        .iter()
        .map(|t| {
            let text = format!("{}→{}", t.number, i18n::window(lang, t.window.unwrap_or(0)));
            if recalled_lately(t, b.now) {
                vec![Span::styled(format!("{text} {}", say(lang, W::CallingAgain)), theme.warn)]
            } else {
                vec![Span::raw(text)]
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(pack(pieces, inner.width as usize)), inner);
    let block = Block::bordered().title(Span::styled(say(lang, W::Waiting), theme.title));
    let inner = block.inner(waiting_area);
    frame.render_widget(block, waiting_area);
    let pieces: Vec<Vec<Span>> = b
        .view
        .lines
        .iter()
        .filter(|l| l.waiting > 0)
        .map(|l| {
            let style = if l.waiting >= l.threshold { theme.warn } else { Style::default() };
            vec![Span::styled(format!("{}{} {}", l.prefix, l.name, l.waiting), style)]
        })
        .collect();
    frame.render_widget(Paragraph::new(pack(pieces, inner.width as usize)), inner);
    status_line(frame, status, b, hall, theme);
}

/// The bottom line: the notice of the moment on the left, the voice's or the database's
/// trouble on the right.
fn status_line(frame: &mut Frame<'_>, area: Rect, b: &Board, hall: &Hall, theme: &Theme) {
    let lang = b.lang;
    let trouble = if hall.offline {
        Some((say(lang, W::Offline).to_string(), theme.error))
    } else {
        match &hall.voice {
            Voice::On => None,
            Voice::Off => Some((say(lang, W::VoiceOff).to_string(), theme.dim)),
            Voice::Quiet => Some((say(lang, W::QuietHours).to_string(), theme.dim)),
            Voice::Failed(why) => Some((i18n::fill(say(lang, W::VoiceFailed), &[why]), theme.warn)),
        }
    };
    let right = trouble.as_ref().map_or(0, |(t, _)| display_width(t) + 1);
    let width = area.width as usize;
    let notice = notice_now(&hall.notices, b.now).unwrap_or_default();
    let left = truncate_to_width(&format!(" {notice}"), width.saturating_sub(right));
    let mut spans = vec![Span::styled(left.clone(), theme.info)];
    if let Some((t, style)) = trouble {
        spans.push(Span::raw(" ".repeat(width.saturating_sub(display_width(&left) + right))));
        spans.push(Span::styled(truncate_to_width(&t, width), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The notice shown at `now`: each in turn for [`NOTICE_SECONDS`].
pub fn notice_now(notices: &[String], now: NaiveDateTime) -> Option<&str> {
    if notices.is_empty() {
        return None;
    }
    let slot = now.and_utc().timestamp().div_euclid(NOTICE_SECONDS) as usize;
    notices.get(slot % notices.len()).map(String::as_str)
}

/// Lays pieces out on lines `width` wide, two spaces apart, never breaking a piece; a piece
/// wider than a line is cut at its end.
fn pack(pieces: Vec<Vec<Span<'static>>>, width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    let mut cur: Vec<Span> = Vec::new();
    let mut used = 0;
    for piece in pieces {
        let w: usize = piece.iter().map(|s| display_width(&s.content)).sum();
        if used > 0 && used + 2 + w > width {
            lines.push(Line::from(std::mem::take(&mut cur)));
            used = 0;
        }
        if used > 0 {
            cur.push(Span::raw("  "));
            used += 2;
        }
        for s in piece {
            let room = width.saturating_sub(used);
            let text = truncate_to_width(&s.content, room);
            used += display_width(&text);
            cur.push(Span::styled(text, s.style));
        }
    }
    if !cur.is_empty() {
        lines.push(Line::from(cur));
    }
    lines
}

/// The columns and rows for `n` windows in `area`: the arrangement whose smallest box holds
/// the largest digits (a wide TV stacks rows of wide boxes, a portrait one a column).
pub fn grid(n: usize, area: Rect) -> (usize, usize) {
    let n = n.max(1);
    let mut best = (1, n);
    let mut best_score = (0, 0, 0);
    for cols in 1..=n {
        let rows = n.div_ceil(cols);
        let (w, h) = (area.width / cols as u16, area.height / rows as u16);
        let looks = digits::fit(4, w.saturating_sub(2), h.saturating_sub(2)).map_or(0, |s| s.looks());
        let height = digits::fit(4, w.saturating_sub(2), h.saturating_sub(2)).map_or(0, |s| s.height());
        // Fewer empty places break a tie, then the taller digits.
        let score = (looks, usize::MAX - (cols * rows - n), height as usize);
        if score > best_score {
            best_score = score;
            best = (cols, rows);
        }
    }
    best
}

fn window_box(frame: &mut Frame<'_>, area: Rect, b: &Board, w: &Window, newest: Option<i64>, theme: &Theme) {
    let lang = b.lang;
    let title = format!(" {} {} ", i18n::window(lang, w.number), w.name);
    let current = current_at(&b.view.tickets, w);
    let is_newest = current.is_some_and(|t| Some(t.id) == newest);
    let flash = is_newest && current.is_some_and(|t| flashing(t, b.now));
    let mut block = Block::bordered().border_style(theme.focus_border).title(Span::styled(title, theme.title));
    let mut digits_style = theme.title;
    if let Some(t) = current.filter(|t| recalled_lately(t, b.now)) {
        let text = i18n::fill(say(lang, W::CalledAgainTimes), &[&(u32::from(t.recalls) + 1)]);
        block = block
            .border_style(theme.warn)
            .title_bottom(Line::from(Span::styled(format!(" {text} "), theme.warn)).centered());
    } else if is_newest && current.is_some_and(|t| t.state == TicketState::Called) {
        let mark = Line::from(Span::styled(format!(" {} ", say(lang, W::NowCalling)), theme.warn)).centered();
        block = block.border_style(theme.warn).title_bottom(mark);
    }
    if is_newest {
        digits_style = digits_style.add_modifier(Modifier::BOLD);
        block = block.border_type(ratatui::widgets::BorderType::Double);
    }
    let inner = block.inner(area);
    if flash {
        frame.render_widget(Clear, area);
        frame.render_widget(Block::new().style(theme.selected), area);
        digits_style = theme.selected.add_modifier(Modifier::BOLD);
    }
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let (number, note): (Option<&str>, Vec<Line>) = match (&w.paused, current) {
        (_, Some(t)) if w.operator.is_none() => {
            (Some(&t.number), vec![Line::from(Span::styled(say(lang, W::StaffAwayPleaseWait), theme.warn))])
        }
        (Some(reason), _) => {
            let mut lines =
                vec![Line::from(Span::styled(say(lang, W::Paused), theme.warn.add_modifier(Modifier::BOLD)))];
            if !reason.trim().is_empty() {
                lines.push(Line::from(Span::styled(reason.clone(), theme.warn)));
            }
            (None, lines)
        }
        (None, Some(t)) => (Some(&t.number), vec![]),
        (None, None) if w.operator.is_none() => {
            (None, vec![Line::from(Span::styled(say(lang, W::NotOpen), theme.dim.add_modifier(Modifier::BOLD)))])
        }
        (None, None) => (Some("---"), vec![]),
    };
    let note_h = (note.len() as u16).min(inner.height);
    let Some(number) = number else {
        let y = inner.y + inner.height.saturating_sub(note_h) / 2;
        frame.render_widget(Paragraph::new(note).centered(), Rect { y, height: note_h, ..inner });
        return;
    };
    let digits_area = Rect { height: inner.height - note_h, ..inner };
    if note_h > 0 {
        let r = Rect { y: inner.y + inner.height - note_h, height: note_h, ..inner };
        frame.render_widget(Paragraph::new(note).centered(), r);
    }
    let chars = number.chars().count() as u16;
    match digits::fit(chars, digits_area.width, digits_area.height) {
        Some(scale) => digits::draw(frame.buffer_mut(), digits_area, number, scale, digits_style),
        None => {
            let y = digits_area.y + digits_area.height.saturating_sub(1) / 2;
            let r = Rect { y, height: 1.min(digits_area.height), ..digits_area };
            frame.render_widget(Paragraph::new(number.to_string()).centered().style(digits_style), r);
        }
    }
}
