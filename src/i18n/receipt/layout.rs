//! Laying a receipt out in terminal cells: wrapping with Chinese line-breaking rules and the
//! fields, lists and rules of the page.

use super::Paper;
use crate::domain::lang::Lang;
use crate::domain::text::{display_width, sanitize};
use unicode_width::UnicodeWidthChar;

/// Data made safe for plain text: no control characters or escape sequences, trimmed.
pub(super) fn clean(s: &str) -> String {
    sanitize(s).trim().to_string()
}

/// Joins `s` into one unbreakable unit for `wrap` (word joiners between characters, spaces
/// made non-breaking); both markers are gone from the output.
pub(super) fn unbroken(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 {
            out.push(JOIN);
        }
        out.push(if c == ' ' { NBSP } else { c });
    }
    out
}

const JOIN: char = '\u{2060}';
const NBSP: char = '\u{a0}';

/// Punctuation that must not begin a line (避头点).
const NO_LINE_START: &str = "，。、；：！？）」』】》〉”’…·,.;:!?)]}%";
/// Punctuation that must not end a line (避尾点).
const NO_LINE_END: &str = "（「『【《〈“‘([{";

/// One unbreakable piece of text: a word of narrow characters, one wide character, or a
/// joined unit; `gap` says whitespace came before it.
struct Token {
    gap: bool,
    text: String,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut gap = false;
    let mut join = false;
    // Whether the last token may still take narrow characters (it is a narrow word).
    let mut open_word = false;
    for c in text.chars() {
        if c == JOIN {
            join = true;
            continue;
        }
        if c.is_whitespace() && c != NBSP {
            gap = true;
            open_word = false;
            join = false;
            continue;
        }
        let wide = c.width().unwrap_or(0) > 1;
        let glue = (join || (open_word && !wide)) && !gap;
        match out.last_mut() {
            Some(t) if glue => t.text.push(c),
            _ => out.push(Token { gap, text: c.to_string() }),
        }
        open_word = !wide;
        gap = false;
        join = false;
    }
    out
}

/// Wraps `text` to `first` cells on the first line and `rest` on the others: Chinese breaks
/// between characters, English between words; no line starts with closing punctuation or
/// ends with opening punctuation; a piece longer than a line is split by characters.
pub(super) fn wrap(text: &str, first: usize, rest: usize) -> Vec<String> {
    let limit = |n: usize| (if n == 0 { first } else { rest }).max(2);
    let mut lines: Vec<String> = Vec::new();
    let mut cur: Vec<Token> = Vec::new();
    let line_text = |toks: &[Token]| {
        let mut s = String::new();
        for (i, t) in toks.iter().enumerate() {
            if i > 0 && t.gap {
                s.push(' ');
            }
            s.push_str(&t.text);
        }
        s
    };
    for mut tok in tokens(text) {
        let cur_w = display_width(&line_text(&cur));
        let sep = usize::from(tok.gap && !cur.is_empty());
        if cur_w + sep + display_width(&tok.text) <= limit(lines.len()) {
            cur.push(tok);
            continue;
        }
        // Break before `tok`, taking the last piece along when punctuation would dangle.
        let mut carry = Vec::new();
        if cur.len() > 1 {
            let starts_bad = tok.text.chars().next().is_some_and(|c| NO_LINE_START.contains(c));
            let ends_bad = cur.last().and_then(|t| t.text.chars().last()).is_some_and(|c| NO_LINE_END.contains(c));
            if (starts_bad && !tok.gap) || ends_bad {
                carry.extend(cur.pop());
            }
        }
        if !cur.is_empty() {
            lines.push(line_text(&cur));
        }
        cur = carry;
        if let Some(t) = cur.first_mut() {
            t.gap = false;
        } else {
            tok.gap = false;
        }
        let cur_w = display_width(&line_text(&cur));
        let sep = usize::from(tok.gap && !cur.is_empty());
        if cur_w + sep + display_width(&tok.text) <= limit(lines.len()) {
            cur.push(tok);
            continue;
        }
        // Too long for any line: split it by characters.
        let mut piece = Token { gap: tok.gap && !cur.is_empty(), text: String::new() };
        for c in tok.text.chars() {
            let used = display_width(&line_text(&cur))
                + usize::from(piece.gap && !cur.is_empty())
                + display_width(&piece.text);
            if used + c.width().unwrap_or(0) > limit(lines.len()) && !(cur.is_empty() && piece.text.is_empty()) {
                if !piece.text.is_empty() {
                    cur.push(piece);
                }
                lines.push(line_text(&cur));
                cur = Vec::new();
                piece = Token { gap: false, text: String::new() };
            }
            piece.text.push(c);
        }
        if !piece.text.is_empty() {
            cur.push(piece);
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(line_text(&cur));
    }
    lines.into_iter().map(|l| l.replace(NBSP, " ").trim_end().to_string()).collect()
}

/// A receipt being laid out, line by line.
pub(super) struct Doc {
    pub(super) lang: Lang,
    pub(super) width: usize,
    /// Cells taken by a field's label and colon.
    label_w: usize,
    lines: Vec<String>,
}

impl Doc {
    pub(super) fn new(lang: Lang, paper: Paper) -> Doc {
        Doc {
            lang,
            width: paper.width(),
            label_w: match lang {
                Lang::Zh => 10,
                Lang::En => 12,
            },
            lines: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, s: String) {
        self.lines.push(s.trim_end().to_string());
    }

    pub(super) fn blank(&mut self) {
        self.lines.push(String::new());
    }

    pub(super) fn rule(&mut self, c: char) {
        self.push(c.to_string().repeat(self.width));
    }

    /// Wrapped text, flush left.
    pub(super) fn line(&mut self, text: &str) {
        self.paragraph(text, 0);
    }

    /// Wrapped text with the first line indented by `indent` cells.
    pub(super) fn paragraph(&mut self, text: &str, indent: usize) {
        for (i, l) in wrap(&clean(text), self.width - indent, self.width).into_iter().enumerate() {
            let pad = if i == 0 { indent } else { 0 };
            self.push(format!("{}{l}", " ".repeat(pad)));
        }
    }

    /// Centre name and title, centred, then a double rule.
    pub(super) fn heading(&mut self, centre: &str, title: &str) {
        for text in [centre, title] {
            for l in wrap(&clean(text), self.width, self.width) {
                let pad = (self.width - display_width(&l).min(self.width)) / 2;
                self.push(format!("{}{l}", " ".repeat(pad)));
            }
        }
        self.rule('=');
    }

    /// `标签：值`, the value wrapped under itself.
    pub(super) fn field(&mut self, label: &str, value: &str) {
        let value = clean(value);
        if value.is_empty() {
            return;
        }
        let label = match self.lang {
            Lang::Zh => format!("{label}："),
            Lang::En => format!("{label}:"),
        };
        // The full-width colon already leaves room before the value.
        let gap = match self.lang {
            Lang::Zh => 0,
            Lang::En => 1,
        };
        let col = self.label_w.max(display_width(&label) + gap);
        let avail = self.width - col;
        for (i, l) in wrap(&value, avail, avail).into_iter().enumerate() {
            let head =
                if i == 0 { format!("{label}{}", " ".repeat(col - display_width(&label))) } else { " ".repeat(col) };
            self.push(format!("{head}{l}"));
        }
    }

    /// `1. text` with continuation lines under the text.
    pub(super) fn numbered(&mut self, n: usize, total: usize, text: &str) {
        let mark = number(n, total);
        let col = display_width(&mark);
        let avail = self.width - col;
        for (i, l) in wrap(&clean(text), avail, avail).into_iter().enumerate() {
            let head = if i == 0 { mark.clone() } else { " ".repeat(col) };
            self.push(format!("{head}{l}"));
        }
    }

    /// `1. name          原件 1 份`, the detail right-aligned, then the extra lines.
    pub(super) fn material(&mut self, n: usize, total: usize, name: &str, detail: &str, extra: &[String]) {
        let mark = number(n, total);
        let col = display_width(&mark);
        let avail = self.width - col;
        let indent = " ".repeat(col);
        let mut names = wrap(&clean(name), avail, avail);
        let detail = clean(detail);
        let dw = display_width(&detail);
        let last = names.pop().unwrap_or_default();
        for (i, l) in names.iter().enumerate() {
            let head = if i == 0 { &mark } else { &indent };
            self.push(format!("{head}{l}"));
        }
        let head = if names.is_empty() { &mark } else { &indent };
        let lw = display_width(&last);
        if detail.is_empty() {
            self.push(format!("{head}{last}"));
        } else if lw + 2 + dw <= avail {
            self.push(format!("{head}{last}{}{detail}", " ".repeat(avail - lw - dw)));
        } else {
            self.push(format!("{head}{last}"));
            for l in wrap(&detail, avail, avail) {
                let pad = avail - display_width(&l).min(avail);
                self.push(format!("{indent}{}{l}", " ".repeat(pad)));
            }
        }
        for e in extra {
            for l in wrap(&clean(e), avail, avail) {
                self.push(format!("{indent}{l}"));
            }
        }
    }

    pub(super) fn finish(self) -> String {
        let mut out = self.lines.join("\n");
        out.push('\n');
        out
    }
}

/// `1. ` padded so that the numbers of a list line up (` 1. ` when there are ten or more).
fn number(n: usize, total: usize) -> String {
    let digits = total.max(1).to_string().len();
    format!("{n:>digits$}. ")
}
