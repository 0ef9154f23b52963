//! The candidate list: everyone a name matches, each with a masked ID tail and an age, the
//! highlighted one marked. Booking, intake and the member desk draw people this one way.

use super::Theme;
use crate::app::App;
use crate::app::pick::{People, Person};
use crate::domain::resident::mask_phone;
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::words::ui_pick::{W, say};
use crate::search::{Hit, Match};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// "陈芳 ****1234 45岁": the words that tell one namesake from another.
pub fn label(app: &App, p: &Person) -> String {
    match p.age(app.today()) {
        Some(age) => format!("{} {} {}", p.name, p.tail(), crate::i18n::fill(say(app.lang, W::Age), &[&age])),
        None => format!("{} {}", p.name, p.tail()),
    }
}

/// The mark beside a search hit that was not found exactly as typed: partial, a slipped key,
/// or which number's tail matched.
pub fn mark(app: &App, how: Match) -> Option<&'static str> {
    let w = match how {
        Match::Exact => return None,
        Match::Partial => W::MarkPartial,
        Match::Typo => W::MarkTypo,
        Match::IdTail => W::MarkIdTail,
        Match::PhoneTail => W::MarkPhoneTail,
    };
    Some(say(app.lang, w))
}

/// The mark of a hit as spans (`[部分匹配] `), or none for an exact match.
pub fn mark_spans(app: &App, how: Match, base: Style, theme: &Theme) -> (Vec<Span<'static>>, usize) {
    match mark(app, how) {
        Some(m) => {
            // The two tail marks pad to one width, so the numbers after them line up.
            let tails = [Match::IdTail, Match::PhoneTail].map(|t| mark(app, t).map_or(0, display_width));
            let pad = if matches!(how, Match::IdTail | Match::PhoneTail) { tails[0].max(tails[1]) } else { 0 };
            let text = format!("[{m}]{} ", " ".repeat(pad.saturating_sub(display_width(m))));
            let width = display_width(&text);
            (vec![Span::styled(text, base.patch(theme.matched))], width)
        }
        None => (Vec::new(), 0),
    }
}

/// How many candidates share the highlighted one's name (2 or more: namesakes to tell apart).
pub fn namesakes(people: &dyn People, hits: &[Hit], selected: usize) -> usize {
    let Some(name) = hits.get(selected).and_then(|h| people.person(h)).map(|p| p.name) else { return 0 };
    hits.iter().filter(|h| people.person(h).is_some_and(|p| p.name == name)).count()
}

/// Draws the candidates into `area` (`empty` when there are none), the highlighted one in view.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    people: &dyn People,
    hits: &[Hit],
    selected: usize,
    empty: &str,
    theme: &Theme,
) {
    scrolled(frame, area, hits, selected, empty, theme, |h, here, width| match people.person(h) {
        Some(p) => row(app, &p, h.how, here, width, theme),
        None => Line::raw(""),
    });
}

/// Draws one line per hit into `area` (`empty` when there are none), scrolled so that the
/// highlighted one is in view; `line` draws a hit, told whether it is highlighted and the width.
pub fn scrolled(
    frame: &mut Frame<'_>,
    area: Rect,
    hits: &[Hit],
    selected: usize,
    empty: &str,
    theme: &Theme,
    line: impl Fn(&Hit, bool, usize) -> Line<'static>,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    if hits.is_empty() {
        let lines = vec![Line::from(Span::styled(empty.to_string(), theme.dim))];
        frame.render_widget(Paragraph::new(super::wrap::wrap(lines, area.width as usize)), area);
        return;
    }
    let height = area.height as usize;
    let offset = (selected + 1).saturating_sub(height);
    let width = area.width as usize;
    let lines: Vec<Line> =
        hits.iter().enumerate().skip(offset).take(height).map(|(i, h)| line(h, i == selected, width)).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// One candidate: ▸ name (matched characters marked), ID tail, age, masked mobile, place.
fn row(app: &App, p: &Person, how: Match, here: bool, width: usize, theme: &Theme) -> Line<'static> {
    let base = if here { theme.selected } else { Style::default() };
    let mut spans = vec![Span::styled(if here { "▸ " } else { "  " }, base)];
    for (ci, ch) in p.name.chars().enumerate() {
        let st = if p.positions.contains(&ci) { base.patch(theme.matched) } else { base };
        spans.push(Span::styled(ch.to_string(), st));
    }
    let used = display_width(&p.name);
    spans.push(Span::styled(" ".repeat(8usize.saturating_sub(used) + 1), base));
    let (marked, mark_width) = mark_spans(app, how, base, theme);
    spans.extend(marked);
    let age = p.age(app.today()).map(|a| crate::i18n::fill(say(app.lang, W::Age), &[&a])).unwrap_or_default();
    let phone = if p.phone.is_empty() { String::new() } else { mask_phone(&p.phone) };
    let rest = format!("{} {} {phone:<11} {}", p.tail(), super::rows::cell(&age, 6), p.place);
    let lead = 2 + used.max(8) + 1 + mark_width;
    let rest = truncate_to_width(&rest, width.saturating_sub(lead));
    let total = lead + display_width(&rest);
    spans.push(Span::styled(rest, base));
    if here && total < width {
        spans.push(Span::styled(" ".repeat(width - total), base));
    }
    Line::from(spans)
}
