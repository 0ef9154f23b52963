//! Block digits of any size: a 5×7 font scaled to the box, drawn in quadrant block characters
//! (each cell two pixels wide and two tall) so that the number can fill a window's box at any
//! TV resolution, not only at tui-big-text's three fixed sizes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Font pixels across and down one character.
const COLS: u16 = 5;
const ROWS: u16 = 7;

/// A size: each font pixel is `px` half-cells wide and `py` half-rows tall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Half-cells across a font pixel.
    pub px: u16,
    /// Half-rows down a font pixel.
    pub py: u16,
}

impl Scale {
    /// Cells across `chars` characters (one font pixel between characters).
    pub fn width(self, chars: u16) -> u16 {
        ((chars * (COLS + 1)).saturating_sub(1) * self.px).div_ceil(2)
    }

    /// Rows down.
    pub fn height(self) -> u16 {
        (ROWS * self.py).div_ceil(2)
    }

    /// How big it looks: the shorter side of a font pixel in half-cell widths (a row is about
    /// two cells' width tall, so a half-row is about one cell wide).
    pub fn looks(self) -> u16 {
        self.px.min(self.py * 2)
    }
}

/// The largest scale at which `chars` characters fit in `w`×`h` cells, with pixels no wider
/// than tall and at most twice as tall as wide (so digits stay digits); None when even the
/// smallest does not fit.
pub fn fit(chars: u16, w: u16, h: u16) -> Option<Scale> {
    let across = (chars * (COLS + 1)).saturating_sub(1).max(1);
    let px_max = (w * 2) / across;
    let py_max = (h * 2) / ROWS;
    if px_max == 0 || py_max == 0 {
        return None;
    }
    // A half-row is about two half-cells' width tall: a square pixel has px = 2·py.
    let px = px_max.min(py_max * 2);
    let py = py_max.min(px);
    Some(Scale { px, py })
}

/// Draws `text` at `scale`, centred in `area`.
pub fn draw(buf: &mut Buffer, area: Rect, text: &str, scale: Scale, style: Style) {
    let chars: Vec<char> = text.chars().collect();
    let (w, h) = (scale.width(chars.len() as u16), scale.height());
    let x0 = area.x + area.width.saturating_sub(w) / 2;
    let y0 = area.y + area.height.saturating_sub(h) / 2;
    let on = |hx: u16, hy: u16| -> bool {
        let (fx, fy) = (hx / scale.px, hy / scale.py);
        let (ci, col) = (fx / (COLS + 1), fx % (COLS + 1));
        if col == COLS || fy >= ROWS {
            return false;
        }
        chars.get(ci as usize).is_some_and(|&c| glyph(c)[fy as usize] >> (COLS - 1 - col) & 1 == 1)
    };
    for cy in 0..h.min(area.height) {
        for cx in 0..w.min(area.width) {
            let bits = [(0, 0), (1, 0), (0, 1), (1, 1)].map(|(dx, dy)| on(cx * 2 + dx, cy * 2 + dy));
            let sym = quadrant(bits);
            if sym != " " {
                buf[(x0 + cx, y0 + cy)].set_symbol(sym).set_style(style);
            }
        }
    }
}

/// The block character of four quadrants: top-left, top-right, bottom-left, bottom-right.
fn quadrant(q: [bool; 4]) -> &'static str {
    match q {
        [false, false, false, false] => " ",
        [true, false, false, false] => "▘",
        [false, true, false, false] => "▝",
        [true, true, false, false] => "▀",
        [false, false, true, false] => "▖",
        [true, false, true, false] => "▌",
        [false, true, true, false] => "▞",
        [true, true, true, false] => "▛",
        [false, false, false, true] => "▗",
        [true, false, false, true] => "▚",
        [false, true, false, true] => "▐",
        [true, true, false, true] => "▜",
        [false, false, true, true] => "▄",
        [true, false, true, true] => "▙",
        [false, true, true, true] => "▟",
        [true, true, true, true] => "█",
    }
}

/// The 5×7 pixels of a character, a row a byte (bit 4 the left column); digits, capitals and
/// the dash, everything else blank.
fn glyph(c: char) -> [u8; 7] {
    match c.to_ascii_uppercase() {
        '0' => [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E],
        '1' => [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        '2' => [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
        '3' => [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        '4' => [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02],
        '5' => [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        '6' => [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
        '7' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        '8' => [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E],
        '9' => [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
        'A' => [0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        'B' => [0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E],
        'C' => [0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E],
        'D' => [0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C],
        'E' => [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F],
        'F' => [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10],
        'G' => [0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F],
        'H' => [0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        'I' => [0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E],
        'J' => [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C],
        'K' => [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
        'L' => [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F],
        'M' => [0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11],
        'N' => [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
        'O' => [0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
        'P' => [0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10],
        'Q' => [0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D],
        'R' => [0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11],
        'S' => [0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E],
        'T' => [0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
        'U' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
        'V' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04],
        'W' => [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A],
        'X' => [0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11],
        'Y' => [0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04],
        'Z' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F],
        '-' => [0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00],
        _ => [0; 7],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digits_grow_with_the_box_and_keep_their_shape() {
        let s = fit(4, 158, 12).unwrap();
        assert!(s.height() * 2 >= 14, "{s:?}");
        // A wide box and a narrow tall one: the pixels stay between square and twice as tall.
        for s in [s, fit(4, 51, 40).unwrap()] {
            assert!(s.px <= 2 * s.py && s.py <= s.px, "no wider than tall, at most twice as tall: {s:?}");
        }
        assert!(fit(4, 10, 3).is_none());
        let small = fit(4, 18, 7).unwrap();
        assert!(small.width(4) <= 18 && small.height() <= 7, "{small:?}");
    }
}
