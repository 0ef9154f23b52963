//! Key chords: what a key press is, how it is written in keymap files, and how it is shown.

use std::fmt;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A printable character (already shifted: `G`, `?`).
    Char(char),
    /// Function key F1–F24.
    F(u8),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab as terminals report it.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
}

/// A key with the modifiers held down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    /// The key.
    pub key: Key,
    /// Control held.
    pub ctrl: bool,
    /// Alt (Meta) held.
    pub alt: bool,
    /// Shift held (never set for `Char`: the character carries it).
    pub shift: bool,
}

impl KeyChord {
    /// A plain key.
    pub const fn plain(key: Key) -> Self {
        KeyChord { key, ctrl: false, alt: false, shift: false }
    }

    /// Control + key.
    pub const fn ctrl(key: Key) -> Self {
        KeyChord { key, ctrl: true, alt: false, shift: false }
    }

    /// Builds a chord the way terminals report it, normalising shift and case.
    pub fn new(key: Key, ctrl: bool, alt: bool, shift: bool) -> Self {
        match key {
            // Ctrl-letter arrives lowercase or uppercase depending on the terminal.
            Key::Char(c) if ctrl && c.is_ascii_alphabetic() => {
                KeyChord { key: Key::Char(c.to_ascii_lowercase()), ctrl, alt, shift: false }
            }
            Key::Char(_) => KeyChord { key, ctrl, alt, shift: false },
            Key::BackTab => KeyChord { key: Key::Tab, ctrl, alt, shift: true },
            _ => KeyChord { key, ctrl, alt, shift },
        }
    }

    /// A character that goes into a focused text field rather than to the keymap.
    pub fn text_char(&self) -> Option<char> {
        match self.key {
            Key::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// Parses a keymap-file name such as `ctrl-p`, `F1`, `shift-tab`, `?`, `G`, `pagedown`.
    pub fn parse(s: &str) -> Option<KeyChord> {
        if s.is_empty() || s.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return None;
        }
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = s;
        // A lone "-" is the minus key, and "ctrl--" is Ctrl with minus.
        loop {
            let lower = rest.to_ascii_lowercase();
            let strip = |p: &str| lower.starts_with(p) && rest.len() > p.len();
            if strip("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if strip("c-") {
                ctrl = true;
                rest = &rest[2..];
            } else if strip("alt-") {
                alt = true;
                rest = &rest[4..];
            } else if strip("shift-") {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let first = chars.next()?;
        let key = if chars.next().is_none() {
            if shift && first.is_ascii_alphabetic() {
                shift = false;
                Key::Char(first.to_ascii_uppercase())
            } else {
                Key::Char(first)
            }
        } else {
            let lower = rest.to_ascii_lowercase();
            match lower.as_str() {
                "enter" | "return" => Key::Enter,
                "esc" | "escape" => Key::Esc,
                "tab" => Key::Tab,
                "backtab" => {
                    shift = true;
                    Key::Tab
                }
                "backspace" | "bs" => Key::Backspace,
                "delete" | "del" => Key::Delete,
                "insert" | "ins" => Key::Insert,
                "up" => Key::Up,
                "down" => Key::Down,
                "left" => Key::Left,
                "right" => Key::Right,
                "home" => Key::Home,
                "end" => Key::End,
                "pageup" | "pgup" => Key::PageUp,
                "pagedown" | "pgdn" => Key::PageDown,
                "space" => Key::Char(' '),
                "minus" => Key::Char('-'),
                f if f.starts_with('f') => {
                    let n: u8 = f[1..].parse().ok()?;
                    if !(1..=24).contains(&n) {
                        return None;
                    }
                    Key::F(n)
                }
                _ => return None,
            }
        };
        if shift && matches!(key, Key::Char(_)) {
            // Shift with a symbol: the terminal sends the shifted symbol itself.
            return None;
        }
        Some(KeyChord::new(key, ctrl, alt, shift))
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        if self.shift {
            f.write_str("Shift-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("Space"),
            Key::Char(c) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            Key::Char(c) => write!(f, "{c}"),
            Key::F(n) => write!(f, "F{n}"),
            Key::Enter => f.write_str("Enter"),
            Key::Esc => f.write_str("Esc"),
            Key::Tab => f.write_str("Tab"),
            Key::BackTab => f.write_str("Shift-Tab"),
            Key::Backspace => f.write_str("Backspace"),
            Key::Delete => f.write_str("Del"),
            Key::Insert => f.write_str("Ins"),
            Key::Up => f.write_str("↑"),
            Key::Down => f.write_str("↓"),
            Key::Left => f.write_str("←"),
            Key::Right => f.write_str("→"),
            Key::Home => f.write_str("Home"),
            Key::End => f.write_str("End"),
            Key::PageUp => f.write_str("PgUp"),
            Key::PageDown => f.write_str("PgDn"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_normalises() {
        assert_eq!(KeyChord::parse("ctrl-p"), Some(KeyChord::ctrl(Key::Char('p'))));
        assert_eq!(KeyChord::parse("Ctrl-P"), Some(KeyChord::ctrl(Key::Char('p'))));
        assert_eq!(KeyChord::parse("C-p"), KeyChord::parse("ctrl-p"));
        assert_eq!(KeyChord::parse("F1"), Some(KeyChord::plain(Key::F(1))));
        assert_eq!(KeyChord::parse("shift-tab"), KeyChord::parse("backtab"));
        assert_eq!(KeyChord::parse("shift-g"), Some(KeyChord::plain(Key::Char('G'))));
        assert_eq!(KeyChord::parse("-"), Some(KeyChord::plain(Key::Char('-'))));
        assert_eq!(KeyChord::parse("ctrl--"), Some(KeyChord::ctrl(Key::Char('-'))));
        assert_eq!(KeyChord::parse("pgdn"), Some(KeyChord::plain(Key::PageDown)));
        for bad in ["", "F0", "F25", "ctrl-", "hyper-x", "shift-?", "foo", "a b"] {
            assert_eq!(KeyChord::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn terminal_reports_match_file_names() {
        assert_eq!(KeyChord::new(Key::Char('P'), true, false, true), KeyChord::parse("ctrl-p").unwrap());
        assert_eq!(KeyChord::new(Key::BackTab, false, false, true), KeyChord::parse("shift-tab").unwrap());
        assert_eq!(KeyChord::new(Key::Char('?'), false, false, true), KeyChord::parse("?").unwrap());
    }

    #[test]
    fn displays_readably() {
        assert_eq!(KeyChord::parse("ctrl-p").unwrap().to_string(), "Ctrl-P");
        assert_eq!(KeyChord::parse("f10").unwrap().to_string(), "F10");
        assert_eq!(KeyChord::parse("down").unwrap().to_string(), "↓");
    }
}
