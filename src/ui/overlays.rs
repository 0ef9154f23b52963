//! Help, command palette and confirm dialogs, drawn over the screen.

use super::{Theme, centered, fence};
use crate::app::App;
use crate::app::overlay::{Overlay, Palette};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::{self, Label, label};
use crate::keymap::{KeyChord, Section};
use crate::ui::screens::catalog::draw_input;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draws the dialog on top, if any.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help(frame, area, app, *scroll, theme),
        Some(Overlay::Palette(p)) => palette(frame, area, app, p, theme),
        Some(Overlay::Confirm { action }) => confirm(frame, area, app, *action, theme),
    }
}

fn keys_text(keys: &[KeyChord]) -> String {
    keys.iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The help lines: each section's bindings, generated from the active keymap.
pub fn help_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let screen = app.section();
    let sections = [screen, Section::Global];
    let key_width = sections
        .iter()
        .flat_map(|s| app.keymap.section_bindings(*s))
        .map(|(_, keys)| display_width(&keys_text(&keys)))
        .max()
        .unwrap_or(0);
    for (section, title) in [
        (screen, i18n::tab(app.lang, app.tab).to_string()),
        (
            Section::Global,
            label(app.lang, Label::HelpGlobal).to_string(),
        ),
    ] {
        let bindings = app.keymap.section_bindings(section);
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(title, theme.title)));
        for (action, keys) in bindings {
            let k = keys_text(&keys);
            let pad = key_width.saturating_sub(display_width(&k));
            lines.push(Line::from(vec![
                Span::styled(format!("  {k}"), theme.key),
                Span::raw(" ".repeat(pad + 2)),
                Span::raw(i18n::describe(app.lang, action)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let hint = i18n::pick(
        app.lang,
        "搜索框有光标时，字母和数字直接输入；Esc 离开搜索框后可用单键命令。",
        "While the search field has the cursor, letters type; press Esc to leave it for one-key commands.",
    );
    lines.push(Line::from(Span::styled(hint, theme.dim)));
    lines.push(Line::from(Span::styled(
        format!(
            "{}: {}",
            i18n::pick(app.lang, "数据库", "Database"),
            app.session.db_path
        ),
        theme.dim,
    )));
    lines
}

fn help(frame: &mut Frame<'_>, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let w = area.width.saturating_sub(4).min(80);
    let h = area.height.saturating_sub(2);
    let r = centered(area, w, h);
    fence(frame.buffer_mut(), r);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_style(theme.focus_border)
        .title(Span::styled(
            format!(" {} ", label(app.lang, Label::HelpTitle)),
            theme.title,
        ))
        .title_bottom(Span::styled(
            format!(" {} ", label(app.lang, Label::HelpFooter)),
            theme.dim,
        ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines = crate::ui::wrap::wrap(help_lines(app, theme), inner.width as usize);
    let scroll = scroll.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

fn palette(frame: &mut Frame<'_>, area: Rect, app: &App, p: &Palette, theme: &Theme) {
    let w = area.width.saturating_sub(4).min(64);
    let h = (p.hits.len() as u16 + 4)
        .min(area.height.saturating_sub(2))
        .max(4);
    let r = Rect {
        y: area.y + 1,
        ..centered(area, w, h)
    };
    let r = r.intersection(area);
    fence(frame.buffer_mut(), r);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_style(theme.focus_border)
        .title(Span::styled(
            format!(" {} ", label(app.lang, Label::PaletteTitle)),
            theme.title,
        ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if inner.height == 0 {
        return;
    }
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    draw_input(frame, input, &p.input, "", true, theme);
    if p.hits.is_empty() {
        frame.render_widget(
            Paragraph::new(label(app.lang, Label::PaletteEmpty)).style(theme.dim),
            list,
        );
        return;
    }
    let height = list.height as usize;
    let offset = (p.selected + 1).saturating_sub(height);
    let width = list.width as usize;
    let lines: Vec<Line> = p
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, hit)| {
            let action = p.actions[hit.doc as usize];
            let keys = app
                .keymap
                .hint(app.section(), action)
                .map(|k| k.to_string())
                .unwrap_or_default();
            let desc = truncate_to_width(
                i18n::describe(app.lang, action),
                width.saturating_sub(display_width(&keys) + 2),
            );
            let pad = width.saturating_sub(display_width(&desc) + display_width(&keys) + 1);
            let style = if i == p.selected {
                theme.selected
            } else {
                ratatui::style::Style::default()
            };
            Line::from(vec![
                Span::styled(
                    format!(" {desc}{}", " ".repeat(pad.saturating_sub(1))),
                    style,
                ),
                Span::styled(keys, if i == p.selected { style } else { theme.key }),
                Span::styled(" ", style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn confirm(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    action: crate::action::Action,
    theme: &Theme,
) {
    let question = i18n::confirm_question(app.lang, action);
    let keys = label(app.lang, Label::ConfirmKeys);
    let w = (display_width(keys).max(display_width(&question)) as u16 + 6).min(area.width);
    let r = centered(area, w, 5);
    fence(frame.buffer_mut(), r);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_style(theme.warn)
        .title(Span::styled(
            format!(" {} ", label(app.lang, Label::ConfirmTitle)),
            theme.title,
        ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines = vec![
        Line::from(Span::styled(question, theme.title)).centered(),
        Line::raw(""),
        Line::from(Span::styled(keys, theme.key)).centered(),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
