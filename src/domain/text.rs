//! Text safety: every stored or displayed string passes through here.

use unicode_width::UnicodeWidthChar;

/// Longest text any single-line field accepts, in characters.
pub const MAX_FIELD_CHARS: usize = 200;

/// Removes control characters and terminal escape sequences (CSI, OSC, DCS …) from `input`.
///
/// Tabs and newlines become single spaces, so that pasted text stays on one line and cannot
/// move the cursor of the terminal that later shows it.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI and OSC introducers start sequences too.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_until_st(&mut chars),
            '\t' | '\n' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() => {}
            // Bidi overrides and zero-width formatting can disguise text on screen.
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            '\u{feff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_until_final(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            skip_until_st(chars);
        }
        Some(_) => {
            // Two-character escapes such as ESC c (reset) or ESC 7.
            chars.next();
        }
        None => {}
    }
}

/// Skips CSI parameters up to and including the final byte (0x40..=0x7e).
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// Skips a string sequence up to BEL or ST (ESC \ or 0x9c).
fn skip_until_st(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// Sanitises and trims `input`, then keeps at most `max_chars` characters.
///
/// Returns the clean text and whether anything was cut off.
pub fn clean_field(input: &str, max_chars: usize) -> (String, bool) {
    let clean = sanitize(input);
    let trimmed = clean.trim();
    let mut out: String = trimmed.chars().take(max_chars).collect();
    let truncated = trimmed.chars().count() > max_chars;
    if truncated {
        out = out.trim_end().to_string();
    }
    (out, truncated)
}

/// True when `input` contains something `sanitize` would remove or change.
pub fn has_unsafe_chars(input: &str) -> bool {
    input.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    })
}

/// Width of `s` in terminal cells (CJK characters take two).
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `s` followed by spaces up to `w` terminal cells (never cut), so CJK columns line up.
pub fn pad_to_width(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(display_width(s))))
}

/// The longest prefix of `s` that fits in `max` cells, with `…` when something was cut.
pub fn truncate_to_width(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Rows as lines of a table: every column but the last padded to its widest cell in terminal
/// cells (CJK counts two), two spaces between columns, so each column starts at the same
/// display column on every line.
pub fn columns(rows: &[Vec<String>]) -> Vec<String> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            let w = display_width(c);
            match widths.get_mut(i) {
                Some(m) => *m = (*m).max(w),
                None => widths.push(w),
            }
        }
    }
    rows.iter()
        .map(|row| {
            let last = row.len().saturating_sub(1);
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, c)| if i == last { c.clone() } else { pad_to_width(c, widths[i]) })
                .collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_csi_osc_and_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m"), "ared");
        assert_eq!(sanitize("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]8;;http://e\u{1b}\\link"), "xlink");
        assert_eq!(sanitize("a\u{0}b\u{7}c\u{8}"), "abc");
        assert_eq!(sanitize("医疗\n保险\t"), "医疗 保险 ");
        assert_eq!(sanitize("\u{1b}cboom"), "boom");
        assert_eq!(sanitize("a\u{202e}b"), "ab");
    }

    #[test]
    fn clean_field_bounds_length() {
        let long = "字".repeat(10_000);
        let (out, cut) = clean_field(&long, 200);
        assert_eq!(out.chars().count(), 200);
        assert!(cut);
        assert_eq!(clean_field("  医保 ", 200), ("医保".to_string(), false));
    }

    #[test]
    fn widths_count_cjk_as_two() {
        assert_eq!(display_width("医保ab"), 6);
        assert_eq!(truncate_to_width("医疗保险", 5), "医疗…");
        assert_eq!(truncate_to_width("医疗保险", 8), "医疗保险");
        assert_eq!(truncate_to_width("医疗保险", 0), "");
        assert_eq!(truncate_to_width("医疗保险", 1), "…");
    }

    #[test]
    fn columns_line_up_in_cells() {
        let rows =
            vec![vec!["王芳".to_string(), "a".into(), "x".into()], vec!["Li".into(), "区税务局".into(), "y".into()]];
        assert_eq!(columns(&rows), ["王芳  a         x", "Li    区税务局  y"]);
    }
}
