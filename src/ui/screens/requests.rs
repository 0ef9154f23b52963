//! Residents' requests (诉求) where the screens show them: the dashboard's line of open,
//! overdue and unsatisfied requests per grid and kind.

use crate::app::App;
use crate::i18n::words::requests::{self as words, W};
use crate::ui::Theme;
use ratatui::text::{Line, Span};

/// The dashboard's requests line: each grid and kind with open requests, as open/overdue/
/// unsatisfied, red when any is overdue; nothing when no request is open.
pub fn dashboard_line(app: &App, theme: &Theme) -> Option<Line<'static>> {
    let counts = &app.dashboard.requests;
    if counts.iter().all(|c| c.open == 0 && c.unsatisfied == 0) {
        return None;
    }
    let overdue: u32 = counts.iter().map(|c| c.overdue).sum();
    let lang = app.lang;
    let parts: Vec<String> = counts
        .iter()
        .filter(|c| c.open > 0 || c.unsatisfied > 0)
        .map(|c| {
            let grid = if c.grid.is_empty() { words::say(lang, W::Unassigned) } else { c.grid.as_str() };
            format!("{grid}·{} {}/{}/{}", words::kind(lang, c.kind), c.open, c.overdue, c.unsatisfied)
        })
        .collect();
    let text = format!("{}  {}", words::say(lang, W::DashboardHead), parts.join("  "));
    Some(Line::from(Span::styled(text, if overdue > 0 { theme.error } else { theme.info })))
}
