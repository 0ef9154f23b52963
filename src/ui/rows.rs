//! Text rows measured in terminal cells: padded columns and a scrolled list with a selection.

use crate::domain::text::{display_width, truncate_to_width};
use crate::ui::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Pads or cuts to a number of terminal cells.
pub fn cell(s: &str, w: usize) -> String {
    let t = truncate_to_width(s, w);
    let pad = w.saturating_sub(display_width(&t));
    format!("{t}{}", " ".repeat(pad))
}

/// Right-aligns in a number of terminal cells.
pub fn rcell(s: &str, w: usize) -> String {
    let t = truncate_to_width(s, w);
    format!("{}{t}", " ".repeat(w.saturating_sub(display_width(&t))))
}

/// Rows with the selected one highlighted across the width, scrolled so it stays in view.
pub fn list(frame: &mut Frame<'_>, area: Rect, rows: Vec<(String, Style)>, selected: Option<usize>, theme: &Theme) {
    let total = rows.len();
    let mut rows = rows.into_iter().map(Some).collect::<Vec<_>>();
    lazy_list(frame, area, total, selected, theme, |i| rows[i].take().unwrap_or_default());
}

/// Like [`list`], but formats only the rows on screen: `row(i)` makes row `i` of `total`
/// (a list of 10,000 members formatted whole on every frame costs 15 ms).
pub fn lazy_list(
    frame: &mut Frame<'_>,
    area: Rect,
    total: usize,
    selected: Option<usize>,
    theme: &Theme,
    mut row: impl FnMut(usize) -> (String, Style),
) {
    let (width, height) = (area.width as usize, area.height as usize);
    let offset = selected.map(|s| (s + 1).saturating_sub(height)).unwrap_or(0);
    let lines: Vec<Line> = (offset..total.min(offset + height))
        .map(|i| {
            let (text, style) = row(i);
            let style = if Some(i) == selected { theme.selected } else { style };
            let text = truncate_to_width(&text, width);
            let pad = width.saturating_sub(display_width(&text));
            Line::from(vec![Span::styled(text, style), Span::styled(" ".repeat(pad), style)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
