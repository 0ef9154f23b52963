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
    let (width, height) = (area.width as usize, area.height as usize);
    let offset = selected.map(|s| (s + 1).saturating_sub(height)).unwrap_or(0);
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (text, style))| {
            let style = if Some(i) == selected { theme.selected } else { style };
            let text = truncate_to_width(&text, width);
            let pad = width.saturating_sub(display_width(&text));
            Line::from(vec![Span::styled(text, style), Span::styled(" ".repeat(pad), style)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
