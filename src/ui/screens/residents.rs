//! The Residents screen, and the resident rows shared with intake.

use crate::app::App;
use crate::domain::resident::{Resident, age_on, mask_id, mask_phone};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::screens::{T, text};
use crate::i18n::{self};
use crate::search::Hit;
use crate::ui::Theme;
use crate::ui::screens::catalog::draw_input;
use crate::ui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the Residents screen into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let r = &app.residents;
    let [search, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
    let focused = r.searching && app.overlay.is_none();
    let block = Block::bordered()
        .border_style(if focused { theme.focus_border } else { Style::default() })
        .title(Span::styled(format!(" {} ", text(app.lang, T::SearchResidents)), theme.title));
    let inner = block.inner(search);
    frame.render_widget(block, search);
    draw_input(frame, inner, &r.query, text(app.lang, T::ResidentHint), focused, theme);
    let (list, detail) = if rest.width >= 90 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
        (l, Some(d))
    } else {
        (rest, None)
    };
    let block = Block::bordered().border_style(if r.searching { Style::default() } else { theme.focus_border }).title(
        Span::styled(
            format!(" {} {} / {} ", i18n::tab(app.lang, crate::app::Tab::Residents), r.hits.len(), r.len()),
            theme.title,
        ),
    );
    let inner = block.inner(list);
    frame.render_widget(block, list);
    draw_rows(
        frame,
        inner,
        app,
        &r.hits,
        r.selected,
        &crate::ui::keyed_in(app, crate::keymap::Section::Residents, text(app.lang, T::NoResidents)),
        theme,
    );
    if let Some(d) = detail {
        let block = Block::bordered()
            .title(Span::styled(format!(" {} ", i18n::label(app.lang, i18n::Label::Details)), theme.title));
        let inner = block.inner(d);
        frame.render_widget(block, d);
        if let Some(res) = r.selected_resident() {
            let lines = wrap(detail_lines(app, &res, theme), inner.width as usize);
            frame.render_widget(Paragraph::new(lines), inner);
        }
    }
}

/// Resident rows: name with matched characters, masked ID and mobile, estate.
pub fn draw_rows(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    hits: &[Hit],
    selected: usize,
    empty: &str,
    theme: &Theme,
) {
    crate::ui::pick::scrolled(frame, area, hits, selected, empty, theme, |h, here, width| {
        let res = app.residents.resident(h);
        let base = if here { theme.selected } else { Style::default() };
        let mut spans = Vec::new();
        for (ci, ch) in res.name.chars().enumerate() {
            let st = if h.positions.contains(&ci) { base.patch(theme.matched) } else { base };
            spans.push(Span::styled(ch.to_string(), st));
        }
        let used = display_width(&res.name);
        spans.push(Span::styled(" ".repeat(8usize.saturating_sub(used) + 1), base));
        let (marked, mark_width) = crate::ui::pick::mark_spans(app, h.how, base, theme);
        spans.extend(marked);
        let revealed = app.residents.revealed.shows(res.id);
        let id = if revealed { res.id_number.clone() } else { mask_id(&res.id_number) };
        let phone = if res.phone.is_empty() {
            String::new()
        } else if revealed {
            res.phone.clone()
        } else {
            mask_phone(&res.phone)
        };
        let rest = format!("{id} {phone:<11} {}", res.address.estate);
        let lead = used.max(8) + 1 + mark_width;
        let rest = truncate_to_width(&rest, width.saturating_sub(lead));
        let total = lead + display_width(&rest);
        spans.push(Span::styled(rest, base));
        if here && total < width {
            spans.push(Span::styled(" ".repeat(width - total), base));
        }
        Line::from(spans)
    });
}

/// Everything the desk knows of a resident, masked unless revealed.
pub fn detail_lines(app: &App, r: &Resident, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let colon = crate::i18n::colon(lang);
    let field =
        |t: T, v: String| Line::from(vec![Span::styled(format!("{}{colon}", text(lang, t)), theme.dim), Span::raw(v)]);
    let revealed = app.residents.revealed.shows(r.id);
    let mut lines = vec![Line::from(Span::styled(r.name.clone(), theme.title))];
    let sex = match r.is_male() {
        Some(true) => text(lang, T::Male),
        Some(false) => text(lang, T::Female),
        None => "",
    };
    let age = r.birth().map(|b| age_on(b, app.today()).to_string()).unwrap_or_default();
    lines.push(field(T::Sex, format!("{sex} · {}{colon}{age}", text(lang, T::Age))));
    lines.push(field(T::IdNumber, if revealed { r.id_number.clone() } else { mask_id(&r.id_number) }));
    if !r.phone.is_empty() {
        lines.push(field(T::Phone, if revealed { r.phone.clone() } else { mask_phone(&r.phone) }));
    }
    lines.push(field(T::Address, r.address.display()));
    if !r.grid.is_empty() {
        lines.push(field(T::Grid, r.grid.clone()));
    }
    if !r.tags.is_empty() {
        let tags: Vec<&str> = r.tags.iter().map(|t| i18n::tag(lang, *t)).collect();
        lines.push(field(T::Tags, tags.join(crate::i18n::list_separator(lang))));
    }
    lines.push(Line::raw(""));
    if !revealed {
        lines.push(Line::from(Span::styled(
            crate::ui::keyed_in(app, crate::keymap::Section::Residents, text(lang, T::RevealHint)),
            theme.dim,
        )));
    }
    lines.push(Line::from(Span::styled(
        crate::ui::keyed_in(app, crate::keymap::Section::Residents, text(lang, T::CasesHint)),
        theme.dim,
    )));
    lines
}
