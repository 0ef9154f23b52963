//! Every form, drawn one way: a label column, the field, what the row expects beside it (in
//! red where the last save refused it), why the save was refused, and the keys.

use super::Theme;
use super::dialog;
use crate::app::App;
use crate::app::form::{Form, FormKind, Row};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::screens::{T, text};
use crate::i18n::words::ui_form::{W, say};
use crate::i18n::{self, form as words};
use crate::ui::screens::catalog::draw_input;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the form `f` over `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, f: &Form, theme: &Theme) {
    let lang = app.lang;
    let rows = f.rows.len() as u16;
    // The activity form lists the post categories its row 2 asks for by number.
    let posts = if f.kind == FormKind::Activity { 2 } else { 0 };
    let hints = (0..f.rows.len()).any(|r| !words::hint(lang, f.kind, r).is_empty());
    let w = area.width.saturating_sub(4).min(if hints { 96 } else { 72 });
    let h = rows + 3 + posts + f.problems.len() as u16;
    let inner = dialog(frame, area, w, h, words::title(lang, f.kind), theme);
    if inner.height == 0 || inner.width < 16 {
        return;
    }
    // As wide as the longest label and a gap, but never more than a third of the dialog.
    let longest = (0..f.rows.len()).map(|r| display_width(words::label(lang, f.kind, r))).max().unwrap_or(0);
    let label_w = (longest as u16 + 2).min(inner.width / 3);
    let field_w = if hints { (inner.width - label_w).min(34) } else { inner.width - label_w };
    let bottom = inner.y + inner.height;
    for (n, row) in f.rows.iter().enumerate() {
        let y = inner.y + n as u16;
        if y >= bottom {
            return;
        }
        let (focused, bad) = (n == f.focus, f.bad.contains(&n));
        let style = if bad {
            theme.error
        } else if focused {
            theme.key
        } else {
            theme.dim
        };
        let label = truncate_to_width(words::label(lang, f.kind, n), label_w as usize);
        frame.render_widget(
            Paragraph::new(Span::styled(label, style)),
            Rect { x: inner.x, y, width: label_w, height: 1 },
        );
        // Toggles have no hint beside them: they take the whole width.
        let width = if matches!(row, Row::Toggles { .. }) { inner.width - label_w } else { field_w };
        let fr = Rect { x: inner.x + label_w, y, width, height: 1 };
        if f.locked.contains(&n) {
            // Shown as it is on file, not as a field to type in; an ID number masked, as on
            // every screen a clerk reads.
            let shown = if f.kind == FormKind::ResidentEdit && n == 1 {
                crate::domain::resident::mask_id(&f.text(n))
            } else if f.kind == FormKind::Request && n == 1 && f.text(n).is_empty() {
                // Nobody picked: an anonymous complaint.
                use crate::i18n::words::requests::{Tab, tab};
                tab(lang, Tab::AnonymousFrom).to_string()
            } else {
                f.text(n)
            };
            frame.render_widget(Paragraph::new(Span::styled(shown, theme.dim)), fr);
        } else {
            draw_row(frame, fr, app, f, n, row, theme);
        }
        let hint_x = inner.x + label_w + field_w + 1;
        let locked = f.locked.contains(&n);
        let hint = if locked { words::locked(lang, f.kind) } else { words::hint(lang, f.kind, n) };
        if hints && hint_x < inner.x + inner.width && !hint.is_empty() {
            let r = Rect { x: hint_x, y, width: inner.x + inner.width - hint_x, height: 1 };
            frame.render_widget(Paragraph::new(Span::styled(hint, if bad { theme.error } else { theme.dim })), r);
        }
    }
    let mut lines = Vec::new();
    if posts > 0 {
        use crate::domain::member::Post;
        let all: Vec<String> =
            Post::ALL.iter().enumerate().map(|(i, p)| format!("{} {}", i + 1, i18n::members::post(lang, *p))).collect();
        let wrapped = crate::ui::wrap::wrap(vec![Line::styled(all.join("  "), theme.dim)], inner.width as usize);
        lines.extend(wrapped.into_iter().take(2));
    }
    for p in &f.problems {
        lines.push(Line::styled(words::problem(lang, p), theme.error));
    }
    lines.push(footer(app, f, theme));
    for (i, line) in lines.into_iter().enumerate() {
        let y = inner.y + rows + i as u16;
        if y >= bottom {
            break;
        }
        frame.render_widget(Paragraph::new(line), Rect { x: inner.x, y, width: inner.width, height: 1 });
    }
}

/// One row's field: a text input, a choice between arrows, or toggles.
fn draw_row(frame: &mut Frame<'_>, r: Rect, app: &App, f: &Form, n: usize, row: &Row, theme: &Theme) {
    let focused = n == f.focus;
    match row {
        Row::Text(input) => draw_input(frame, r, input, "", focused, theme),
        Row::Choice { chosen, .. } => {
            let v = format!("◀ {} ▶", words::option(app.lang, f.kind, n, *chosen));
            frame.render_widget(
                Paragraph::new(Span::styled(v, if focused { theme.selected } else { Style::default() })),
                r,
            );
        }
        Row::Toggles { on, cursor } => {
            let spans: Vec<Span> = on
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let mark = if *b { "[x]" } else { "[ ]" };
                    let st = if focused && i == *cursor { theme.selected } else { Style::default() };
                    Span::styled(format!("{mark}{} ", words::option(app.lang, f.kind, n, i)), st)
                })
                .collect();
            frame.render_widget(Paragraph::new(Line::from(spans)), r);
        }
    }
}

/// The keys of the focused row, from the active keymap.
fn footer(app: &App, f: &Form, theme: &Theme) -> Line<'static> {
    let lang = app.lang;
    if !f.bad.is_empty() && f.problems.is_empty() {
        let t = say(lang, W::FixTheFieldsIn);
        return Line::styled(t, theme.error);
    }
    let keys = match f.rows.get(f.focus) {
        Some(Row::Toggles { .. }) => text(lang, T::TagsHint).to_string(),
        _ if f.kind.enter_saves() => crate::ui::keyed_in(app, crate::keymap::Section::Global, text(lang, T::FormKeys)),
        _ => crate::ui::keyed_in(app, crate::keymap::Section::Global, text(lang, T::LongFormKeys)),
    };
    Line::styled(keys, theme.key)
}
