//! Line wrapping by terminal cells, so a CJK character never straddles a pane's border.

use crate::domain::text::display_width;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Punctuation that must not begin a line.
const NO_LINE_START: &str = "，。、；：！？）」』】》〉”’…·";

/// Longest run of ASCII letters moved whole to the next line instead of being split.
const MAX_WORD: usize = 24;

/// Wraps each line to `width` cells: Chinese text breaks between any two characters,
/// English words move whole to the next line when they fit on one.
pub fn wrap(lines: Vec<Line<'_>>, width: usize) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for line in lines {
        let base = line.style;
        let cells: Vec<(char, Style)> =
            line.spans.iter().flat_map(|s| s.content.chars().map(move |c| (c, base.patch(s.style)))).collect();
        if display_width(&line.to_string()) <= width {
            out.push(build(&cells));
            continue;
        }
        let mut cur: Vec<(char, Style)> = Vec::new();
        let mut cur_w = 0;
        for (c, st) in cells {
            let w = c.width().unwrap_or(0);
            if cur_w + w > width && !cur.is_empty() {
                let mut carry = Vec::new();
                // Chinese typesetting never starts a line with closing punctuation (避头点):
                // take the character before it along.
                if NO_LINE_START.contains(c) && cur.len() > 1 {
                    carry = cur.split_off(cur.len() - 1);
                } else if c.is_ascii_alphanumeric()
                    && let Some(k) = cur.iter().rposition(|(ch, _)| *ch == ' ')
                {
                    let tail = &cur[k + 1..];
                    if k > 0 && tail.len() < MAX_WORD && tail.iter().all(|(ch, _)| ch.is_ascii_graphic()) {
                        carry = cur.split_off(k + 1);
                    }
                }
                while cur.last().is_some_and(|(ch, _)| *ch == ' ') {
                    cur.pop();
                }
                out.push(build(&cur));
                cur = carry;
                cur_w = cur.iter().map(|(ch, _)| ch.width().unwrap_or(0)).sum();
                if cur.is_empty() && c == ' ' {
                    continue;
                }
            }
            cur.push((c, st));
            cur_w += w;
        }
        if !cur.is_empty() {
            out.push(build(&cur));
        }
    }
    out
}

fn build(cells: &[(char, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut style = cells.first().map(|c| c.1).unwrap_or_default();
    for &(c, st) in cells {
        if st != style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        style = st;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: Vec<Line<'static>>) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn cjk_never_overflows() {
        let out = texts(wrap(vec![Line::from("供养亲属居民身份证 · 原件 1 份 · 视情况")], 38));
        assert!(out.iter().all(|l| display_width(l) <= 38), "{out:?}");
        assert_eq!(out.len(), 2, "{out:?}");
        let out = texts(wrap(vec![Line::from("医疗保险")], 3));
        assert_eq!(out, vec!["医", "疗", "保", "险"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let out = texts(wrap(vec![Line::from("资格认证、养老金")], 8));
        assert_eq!(out, vec!["资格认", "证、养老", "金"]);
    }

    #[test]
    fn english_words_move_whole() {
        let out = texts(wrap(vec![Line::from("original and copy required")], 12));
        assert_eq!(out, vec!["original and", "copy", "required"]);
    }
}
