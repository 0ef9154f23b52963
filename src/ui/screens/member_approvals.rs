//! The supervisor's queue of hand-entered hours awaiting approval, on the dashboard tab.

use crate::app::App;
use crate::domain::member::halves;
use crate::i18n::words::ui_members::{W, say};
use crate::ui::Theme;
use crate::ui::rows::{cell, list, rcell};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the queue into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    use crate::action::Action::*;
    let (lang, a) = (app.lang, &app.members.approvals);
    let title = crate::i18n::fill(say(lang, W::ApprovalsTitle), &[&a.list.len()]);
    let keys = crate::ui::keys_line(app, &[ApproveHours, RejectHours, PendingHours]);
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.focus_border)
        .title_bottom(Span::styled(keys, theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if a.list.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(say(lang, W::NoneAwaitingApproval), theme.dim)), inner);
        return;
    }
    let rows = a
        .list
        .iter()
        .map(|p| {
            let s = &p.record;
            let by = match &s.source {
                crate::domain::member::Source::Manual { operator, .. } => operator.as_str(),
                crate::domain::member::Source::CheckIn => "",
            };
            let why = if p.outside_window { say(lang, W::OutsideWindow) } else { say(lang, W::AboveThreshold) };
            let text = format!(
                "{} {}{}{}h ×{} {} · {}·{by} · {why}",
                s.start.date(),
                cell(&p.name, 8),
                cell(&p.unit, 14),
                rcell(&halves(s.half_hours), 5),
                s.rate,
                s.what,
                say(lang, W::EnteredBy),
            );
            (text, Style::default())
        })
        .collect();
    list(frame, inner, rows, Some(a.selected), theme);
}

/// The dashboard's line about the queue, when something waits.
pub fn line(app: &App, theme: &Theme) -> Option<Line<'static>> {
    let n = app.members.approvals.list.len();
    (n > 0).then(|| {
        let t = crate::i18n::fill(say(app.lang, W::PendingOnDashboard), &[&n]);
        Line::from(Span::styled(crate::ui::keyed(app, &t), theme.warn))
    })
}
