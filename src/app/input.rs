//! A single-line text field: cursor, editing keys, sanitised and bounded input.

use crate::domain::text;
use crate::keymap::{Key, KeyChord};

/// What happened to text put into a field, so the user can be told.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InsertReport {
    /// Some of it did not fit and was dropped.
    pub truncated: bool,
    /// Control characters or escape sequences were removed.
    pub cleaned: bool,
}

/// A one-line text field holding at most `max` characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
    max: usize,
}

impl Input {
    /// An empty field.
    pub fn new(max: usize) -> Self {
        Input { text: String::new(), cursor: 0, max }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Cursor position in characters.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Most characters the field takes.
    pub fn max(&self) -> usize {
        self.max
    }

    /// Empties the field.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.text.char_indices().nth(char_idx).map(|(b, _)| b).unwrap_or(self.text.len())
    }

    /// Inserts typed or pasted text at the cursor, cleaned and cut to the field's size.
    pub fn insert(&mut self, raw: &str) -> InsertReport {
        let clean = text::sanitize(raw);
        let mut report = InsertReport { cleaned: clean != raw && text::has_unsafe_chars(raw), truncated: false };
        let room = self.max.saturating_sub(self.text.chars().count());
        let take: String = clean.chars().take(room).collect();
        report.truncated = clean.chars().count() > room;
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &take);
        self.cursor += take.chars().count();
        report
    }

    /// Applies an editing key; returns true when it was one (whether or not text changed).
    pub fn edit(&mut self, chord: KeyChord) -> bool {
        let len = self.text.chars().count();
        match (chord.key, chord.ctrl) {
            (Key::Left, false) => self.cursor = self.cursor.saturating_sub(1),
            (Key::Right, false) => self.cursor = (self.cursor + 1).min(len),
            (Key::Home, false) | (Key::Char('a'), true) => self.cursor = 0,
            (Key::End, false) | (Key::Char('e'), true) => self.cursor = len,
            (Key::Backspace, false) => {
                if self.cursor > 0 {
                    let at = self.byte_at(self.cursor - 1);
                    self.text.remove(at);
                    self.cursor -= 1;
                }
            }
            (Key::Delete, false) => {
                if self.cursor < len {
                    let at = self.byte_at(self.cursor);
                    self.text.remove(at);
                }
            }
            (Key::Char('u'), true) => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            (Key::Char('k'), true) => {
                let at = self.byte_at(self.cursor);
                self.text.truncate(at);
            }
            (Key::Char('w'), true) => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = start;
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_and_editing_cjk() {
        let mut i = Input::new(10);
        i.insert("医保");
        i.edit(KeyChord::plain(Key::Left));
        i.insert("疗");
        assert_eq!((i.text(), i.cursor()), ("医疗保", 2));
        i.edit(KeyChord::plain(Key::Backspace));
        assert_eq!(i.text(), "医保");
        i.edit(KeyChord::plain(Key::End));
        i.edit(KeyChord::plain(Key::Delete));
        assert_eq!(i.text(), "医保");
        i.edit(KeyChord::ctrl(Key::Char('u')));
        assert_eq!((i.text(), i.cursor()), ("", 0));
    }

    #[test]
    fn paste_is_cleaned_and_bounded() {
        let mut i = Input::new(5);
        let r = i.insert("ab\u{1b}[31mcdefgh");
        assert_eq!(i.text(), "abcde");
        assert!(r.truncated && r.cleaned);
        let mut i = Input::new(200);
        let r = i.insert(&"x".repeat(10_000));
        assert_eq!(i.text().len(), 200);
        assert!(r.truncated && !r.cleaned);
    }

    #[test]
    fn delete_word() {
        let mut i = Input::new(50);
        i.insert("ylbx cbdj");
        i.edit(KeyChord::ctrl(Key::Char('w')));
        assert_eq!(i.text(), "ylbx ");
    }
}
