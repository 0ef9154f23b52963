//! Drawing: reads `&App` and nothing else; never mutates, never queries.

pub mod board;
mod chrome;
mod form;
mod overlays;
pub mod pick;
pub mod rows;
pub mod screens;
pub mod theme;
pub mod wrap;

use crate::action::Action;
use crate::app::{App, Tab};
use crate::domain::text::truncate_to_width;
use crate::i18n::{Label, label};
use crate::keymap::Section;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
pub use theme::Theme;

/// Smallest terminal that shows the full layout; below it a one-line notice is drawn.
pub const MIN_WIDTH: u16 = 24;
/// Smallest height with the full layout.
pub const MIN_HEIGHT: u16 = 6;

/// Draws one frame of the application.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = truncate_to_width(label(app.lang, Label::TooSmall), area.width as usize);
        frame.render_widget(Paragraph::new(Line::from(text)), Rect { height: area.height.min(1), ..area });
        return;
    }
    let [tabs, body, status, hints] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    chrome::tabs(frame, tabs, app, theme);
    match (app.tab, &app.intake) {
        (Tab::Catalog, Some(i)) => screens::intake::draw(frame, body, app, i, theme),
        (Tab::Catalog, None) => screens::catalog::draw(frame, body, app, theme),
        (Tab::Cases, _) => screens::cases::draw(frame, body, app, theme),
        (Tab::Residents, _) => screens::residents::draw(frame, body, app, theme),
        (Tab::Queue, _) => screens::queue::draw(frame, body, app, theme),
        (Tab::Appointments, _) => screens::appointments::draw(frame, body, app, theme),
        (Tab::Rooms, _) => screens::rooms::draw(frame, body, app, theme),
        (Tab::Mediation, _) => screens::mediation::draw(frame, body, app, theme),
        (Tab::Requests, _) => screens::requests::draw(frame, body, app, theme),
        (Tab::Members, _) => screens::members::draw(frame, body, app, theme),
        (Tab::Dashboard, _) => screens::dashboard::draw(frame, body, app, theme),
    }
    chrome::status(frame, status, app, theme);
    chrome::hints(frame, hints, app, theme);
    overlays::draw(frame, area, app, theme);
}

/// Blanks a wide character that straddles the left edge of `r`, which is about to be
/// drawn over: half a CJK character would hide the dialog's border on the terminal.
pub(crate) fn fence(buf: &mut ratatui::buffer::Buffer, r: Rect) {
    if r.x == 0 {
        return;
    }
    for y in r.y..r.y.saturating_add(r.height) {
        if let Some(cell) = buf.cell_mut((r.x - 1, y))
            && crate::domain::text::display_width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// " key word  key word " for those of `actions` the active keymap binds on this screen.
pub(crate) fn keys_line(app: &App, actions: &[Action]) -> String {
    let section = app.section();
    let mut out = String::from(" ");
    for a in actions {
        if let Some(k) = app.keymap.hint(section, *a) {
            out.push_str(&format!("{k} {}  ", crate::i18n::short(app.lang, *a)));
        }
    }
    format!("{} ", out.trim_end())
}

/// A box with a title over the screen; returns its inner area.
pub(crate) fn dialog(frame: &mut Frame<'_>, area: Rect, w: u16, h: u16, title: &str, theme: &Theme) -> Rect {
    let r = centered(area, w, h);
    fence(frame.buffer_mut(), r);
    frame.render_widget(ratatui::widgets::Clear, r);
    let block = ratatui::widgets::Block::bordered()
        .border_style(theme.focus_border)
        .title(ratatui::text::Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

/// `text` with each `{action_name}` (as keymap files name actions) replaced by the key the
/// active keymap binds to it on this screen, else wherever it is bound: words that name keys
/// never go stale under another keymap.
pub(crate) fn keyed(app: &App, text: &str) -> String {
    keyed_in(app, app.section(), text)
}

/// [`keyed`] for the keys of one section (a dialog's keys are the global ones).
pub(crate) fn keyed_in(app: &App, section: Section, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match Action::from_name(name).and_then(|a| key_of(app, section, a)) {
            Some(key) => out.push_str(&key),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The key of `a` in `section`, else wherever it is bound, else the palette's (an action the
/// user's keymap leaves unbound is still reachable from there).
fn key_of(app: &App, section: Section, a: Action) -> Option<String> {
    let here = app.keymap.hint(section, a);
    let any = || Section::ALL.iter().find_map(|(s, _)| app.keymap.hint(*s, a));
    let palette = || app.keymap.hint(Section::Global, Action::Palette);
    here.or_else(any).or_else(palette).map(|k| k.to_string())
}
