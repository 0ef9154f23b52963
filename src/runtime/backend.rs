//! A terminal backend that sends fewer bytes, for SSH over slow links.
//!
//! ratatui sends only the cells that changed, but it moves the cursor explicitly before
//! every cell that does not follow the previous one, and it treats the cell after a wide
//! character as such a gap (terminals disagree about the width of some symbols). A line of
//! Chinese thus costs a cursor move per character, and a list row that changed in most but
//! not all cells costs a move per unchanged stretch. This backend keeps a copy of what the
//! terminal shows, so it can (a) step over the second half of a CJK ideograph, which is two
//! cells wide on every terminal, and (b) re-send a few unchanged cells where that is
//! shorter than a cursor move. Everything else is delegated to `CrosstermBackend`.
//!
//! It is also the one place every cell of every screen passes on its way to the terminal,
//! so it is where text that would act on the terminal instead of showing is taken out.

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use std::borrow::Cow;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Unchanged cells re-sent at most to avoid one cursor move (a move costs 6–8 bytes).
const MAX_FILL: u16 = 4;

/// `CrosstermBackend` with redundant cursor moves left out.
pub struct CjkBackend<W: Write> {
    inner: CrosstermBackend<W>,
    shown: Buffer,
}

impl<W: Write> CjkBackend<W> {
    /// Wraps a writer (stdout in the program, a counter in tests).
    pub fn new(writer: W) -> Self {
        CjkBackend { inner: CrosstermBackend::new(writer), shown: Buffer::empty(Rect::ZERO) }
    }

    /// What the backend believes the terminal shows (tests compare it with an emulator).
    pub fn shown(&self) -> &Buffer {
        &self.shown
    }

    /// Makes room for cells up to (w-1, h-1), keeping what is known where it was.
    fn grow(&mut self, w: u16, h: u16) {
        let area = self.shown.area;
        if w <= area.width && h <= area.height {
            return;
        }
        // `Buffer::resize` keeps the cells in memory order, which moves them to other rows:
        // copy by position instead.
        let mut bigger = Buffer::empty(Rect::new(0, 0, area.width.max(w), area.height.max(h)));
        for y in 0..area.height {
            for x in 0..area.width {
                bigger[(x, y)] = self.shown[(x, y)].clone();
            }
        }
        self.shown = bigger;
    }

    fn remember(&mut self, x: u16, y: u16, cell: &Cell) {
        self.shown[(x, y)] = cell.clone();
        // The terminal shows nothing of its own in the cell a wide character covers; what
        // was there before must never be re-sent from here.
        if cell.symbol().width() > 1 && x + 1 < self.shown.area.width {
            self.shown[(x + 1, y)].reset();
        }
    }

    /// The cells from `from` up to (not including) `to` on row `y` as the terminal shows
    /// them, if re-sending them is cheaper than a cursor move and lands exactly on `to`.
    fn fill(&self, from: u16, to: u16, y: u16) -> Option<Vec<(u16, u16, Cell)>> {
        if to <= from || to - from > MAX_FILL || y >= self.shown.area.height || to > self.shown.area.width {
            return None;
        }
        let mut out = Vec::new();
        let mut x = from;
        while x < to {
            let cell = &self.shown[(x, y)];
            let w = cell.symbol().width() as u16;
            if !(w == 1 || (w == 2 && surely_wide(cell.symbol()))) || x + w > to {
                return None;
            }
            out.push((x, y, cell.clone()));
            if w == 2 {
                out.push((x + 1, y, covered(cell)));
            }
            x += w;
        }
        Some(out)
    }
}

/// Characters a terminal acts on instead of showing: C0 and C1 controls (escape sequences,
/// bell, backspace, NUL) and the bidi controls that make the rest of a line read backwards.
/// ratatui drops graphemes holding controls, but a zero-width character such as U+202E is
/// added to the cell before it, so names from an import reach the terminal with it intact.
/// Joiners and variation selectors stay: emoji need them and they only draw.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The cell with anything that would act on the terminal left out (a blank if nothing is left).
fn harmless(cell: &Cell) -> Cow<'_, Cell> {
    if !cell.symbol().chars().any(acts_on_terminal) {
        return Cow::Borrowed(cell);
    }
    let kept: String = cell.symbol().chars().filter(|c| !acts_on_terminal(*c)).collect();
    let mut clean = cell.clone();
    clean.set_symbol(if kept.is_empty() { " " } else { &kept });
    Cow::Owned(clean)
}

/// An invisible cell for the second half of a wide character: same style, nothing printed.
fn covered(cell: &Cell) -> Cell {
    let mut c = cell.clone();
    c.set_symbol("");
    c
}

/// East Asian wide ideographs, kana, hangul and full-width forms: two cells everywhere.
/// (Emoji are also "wide" but terminals disagree on them, so they keep the explicit move.)
fn surely_wide(symbol: &str) -> bool {
    let Some(c) = symbol.chars().next() else {
        return false;
    };
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

impl<W: Write> Backend for CjkBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changed: Vec<(u16, u16, Cow<'_, Cell>)> = content.map(|(x, y, c)| (x, y, harmless(c))).collect();
        let w = changed.iter().map(|(x, ..)| x + 1).max().unwrap_or(0);
        let h = changed.iter().map(|(_, y, _)| y + 1).max().unwrap_or(0);
        self.grow(w, h);
        for (x, y, cell) in &changed {
            self.remember(*x, *y, cell);
        }
        // The inner backend moves the cursor unless a cell directly follows the previous
        // one: hand it an unbroken run wherever the terminal's cursor is already right.
        let mut out: Vec<(u16, u16, Cell)> = Vec::with_capacity(changed.len() * 2);
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in changed {
            if let Some((cx, cy)) = cursor
                && cy == y
                && cx < x
                && let Some(fill) = self.fill(cx, x, y)
            {
                out.extend(fill);
            }
            // A filler may sit where a real change follows (a wide character was replaced by
            // a narrow one); the real cell wins.
            if out.last().is_some_and(|(lx, ly, _)| (*lx, *ly) == (x, y)) {
                out.pop();
            }
            out.push((x, y, cell.clone().into_owned()));
            let w = cell.symbol().width() as u16;
            if w == 2 && surely_wide(cell.symbol()) {
                out.push((x + 1, y, covered(&cell)));
                cursor = Some((x + 2, y));
            } else {
                cursor = Some((x + w.max(1), y));
            }
        }
        self.inner.draw(out.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.shown.reset();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Only a full clear is used for the full-screen viewport; forget everything then.
        if clear_type == ClearType::All {
            self.shown.reset();
        } else {
            self.shown = Buffer::empty(Rect::ZERO);
        }
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}
