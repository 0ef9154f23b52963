//! The Catalog screen: search field, ranked list with highlighted matches, detail pane.

use crate::app::App;
use crate::app::catalog::{CatalogState, Focus};
use crate::app::input::Input;
use crate::domain::catalog::ServiceItem;
use crate::domain::lang::Lang;
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::ui_catalog::{W, say};
use crate::i18n::{self, Label, label};
use crate::search::Hit;
use crate::ui::Theme;
use crate::ui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph};

use crate::app::catalog::SPLIT_MIN_WIDTH;

/// Draws the Catalog screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let c = &app.catalog;
    let [search, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    draw_search(frame, search, app, theme);
    if c.zoomed {
        draw_detail(frame, rest, app, theme);
        return;
    }
    if area.width >= SPLIT_MIN_WIDTH {
        let [list, detail] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(rest);
        draw_list(frame, list, app, theme);
        draw_detail(frame, detail, app, theme);
    } else {
        draw_list(frame, rest, app, theme);
    }
}

fn border(focused: bool, theme: &Theme) -> Block<'static> {
    let b = Block::bordered();
    if focused { b.border_style(theme.focus_border) } else { b }
}

/// A one-line field with the cursor kept in view, and its cursor position when focused.
pub(crate) fn draw_input(
    frame: &mut Frame<'_>,
    area: Rect,
    input: &Input,
    placeholder: &str,
    focused: bool,
    theme: &Theme,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = area.width as usize;
    let chars: Vec<char> = input.text().chars().collect();
    // Scroll horizontally so the cursor stays visible: drop characters from the left.
    let mut start = 0;
    while start < input.cursor() && display_width(&chars[start..input.cursor()].iter().collect::<String>()) >= width {
        start += 1;
    }
    let shown: String = chars[start..].iter().collect();
    let line = if chars.is_empty() {
        Line::from(Span::styled(truncate_to_width(placeholder, width), theme.dim))
    } else {
        Line::from(truncate_to_width(&shown, width))
    };
    frame.render_widget(Paragraph::new(line), area);
    if focused {
        let before: String = chars[start..input.cursor()].iter().collect();
        let x = area.x + (display_width(&before) as u16).min(area.width - 1);
        frame.set_cursor_position(Position { x, y: area.y });
    }
}

fn draw_search(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let c = &app.catalog;
    let focused = c.focus == Focus::Search && !c.zoomed && app.overlay.is_none();
    let block = border(focused, theme).title(Span::styled(format!(" {} ", search_title(app.lang)), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut hint = label(app.lang, Label::SearchHint).to_string();
    if let Some(last) = &c.last {
        let recall = crate::i18n::fill(&crate::ui::keyed(app, say(app.lang, W::LastSearch)), &[last]);
        hint = format!("{recall}  {hint}");
    }
    draw_input(frame, inner, &c.query, &hint, focused, theme);
}

fn search_title(lang: Lang) -> &'static str {
    say(lang, W::Search)
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let c = &app.catalog;
    let title =
        format!(" {} {} ", label(app.lang, Label::Items), i18n::count_of(app.lang, c.hits.len(), c.items.len()));
    let block = border(c.focus == Focus::List, theme).title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if !c.loaded {
        frame.render_widget(Paragraph::new(label(app.lang, Label::Loading)).style(theme.dim), inner);
        return;
    }
    if c.hits.is_empty() {
        let text = vec![Line::from(Span::styled(crate::ui::keyed(app, label(app.lang, Label::NoMatch)), theme.dim))];
        let p = Paragraph::new(wrap(text, inner.width as usize));
        frame.render_widget(p, inner);
        return;
    }
    let height = inner.height as usize;
    // Keep the selection in view; only the visible rows are built.
    let offset = (c.selected + 1).saturating_sub(height);
    let lines: Vec<Line> = c
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, hit)| row(app, c, hit, i == c.selected, inner.width as usize, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One list row: code, then the name with matched characters highlighted.
fn row<'a>(app: &App, c: &'a CatalogState, hit: &Hit, selected: bool, width: usize, theme: &Theme) -> Line<'a> {
    let item = c.item(hit);
    let base = if selected { theme.selected } else { Style::default() };
    let code = format!("{:<7}", item.code);
    let mut spans = vec![Span::styled(code.clone(), if selected { base } else { theme.dim })];
    // A partial match or a slipped key says so before the name, so a clerk never takes a
    // suggestion for what was asked.
    let (marked, mark_width) = crate::ui::pick::mark_spans(app, hit.how, base, theme);
    spans.extend(marked);
    let mut used = display_width(&code) + mark_width;
    let room = width.saturating_sub(used);
    let name = truncate_to_width(&item.name, room);
    // When the name was cut, its last character is the ellipsis, which matched nothing.
    let ellipsis = (name != item.name).then(|| name.chars().count().saturating_sub(1));
    let mut run = String::new();
    let mut run_hl = false;
    for (i, ch) in name.chars().enumerate() {
        let hl = hit.positions.contains(&i) && Some(i) != ellipsis;
        if hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_hl { base.patch(theme.matched) } else { base }));
        }
        run_hl = hl;
        run.push(ch);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { base.patch(theme.matched) } else { base }));
    }
    used += display_width(&name);
    if selected && used < width {
        spans.push(Span::styled(" ".repeat(width - used), base));
    }
    Line::from(spans)
}

fn draw_detail(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let c = &app.catalog;
    let block =
        border(c.zoomed, theme).title(Span::styled(format!(" {} ", label(app.lang, Label::Details)), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(item) = c.selected_item() else {
        return;
    };
    let lines = wrap(detail_text(app, item, theme).lines, inner.width as usize);
    let scroll = c.detail_scroll.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// The detail pane's content: everything a clerk tells a resident.
pub fn detail_text<'a>(app: &App, item: &'a ServiceItem, theme: &Theme) -> Text<'a> {
    let lang = app.lang;
    let field = |l: Label, v: String| {
        Line::from(vec![
            Span::styled(format!("{}{}", label(lang, l), crate::i18n::colon(lang)), theme.dim),
            Span::raw(v),
        ])
    };
    let cat = app.catalog.category(&item.category);
    let cat_text = match cat {
        Some(c) => crate::i18n::words::ui_catalog::category(lang, &c.name, &c.name_en, c.prefix),
        None => item.category.clone(),
    };
    let mut lines = vec![Line::from(Span::styled(item.name.as_str(), theme.title))];
    if lang == Lang::En {
        lines.push(Line::from(Span::styled(item.name_en.as_str(), theme.dim)));
    }
    lines.push(field(Label::Code, item.code.clone()));
    lines.push(field(Label::Category, cat_text));
    lines.push(field(Label::Department, item.department.clone()));
    lines.push(field(
        Label::Handling,
        format!("{} · {}", i18n::handling(lang, item.handling), i18n::time_limit(lang, item.time_limit)),
    ));
    lines.push(field(Label::DeskRole, i18n::desk_role(lang, item.desk_role).to_string()));
    lines.push(field(Label::Fee, item.fee.clone()));
    lines.push(Line::from(Span::styled(
        i18n::fill(say(lang, W::MaterialsCount), &[&label(lang, Label::Materials), &item.materials.len()]),
        theme.title,
    )));
    for (i, m) in item.materials.iter().enumerate() {
        let need = if m.required { label(lang, Label::Required) } else { label(lang, Label::Optional) };
        let mut spans = vec![
            Span::raw(format!("{:>2}. ", i + 1)),
            Span::raw(m.name.as_str()),
            Span::styled(format!(" · {} · {need}", i18n::material_form(lang, m.form, m.count)), theme.dim),
        ];
        if !m.required {
            spans[1] = Span::styled(m.name.as_str(), theme.dim);
        }
        lines.push(Line::from(spans));
        if !m.note.is_empty() {
            lines.push(Line::from(Span::styled(format!("    {}", m.note), theme.dim)));
        }
    }
    if !item.notes.is_empty() {
        lines.push(field(Label::Notes, item.notes.clone()));
    }
    if !item.keywords.is_empty() {
        lines.push(field(Label::Keywords, item.keywords.join(crate::i18n::list_separator(lang))));
    }
    Text::from(lines)
}
