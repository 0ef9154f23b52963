//! Key chords to actions, from `keymaps/*.toml` embedded in the binary plus a user file
//! that overrides them key by key.

mod chord;

pub use chord::{Key, KeyChord};

use crate::action::Action;
use crate::domain::field::line_of;
use std::collections::BTreeMap;
use toml::de::{DeTable, DeValue};

/// The embedded keymaps, by name.
pub const BUILTIN: &[(&str, &str)] =
    &[("default", include_str!("../../keymaps/default.toml")), ("vim", include_str!("../../keymaps/vim.toml"))];

/// Where a binding applies: everywhere, or on one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Every screen and dialog.
    Global,
    /// The service-item catalog.
    Catalog,
    /// Intake of a case (resident, then materials).
    Intake,
    /// The cases list and detail.
    Cases,
    /// The residents.
    Residents,
    /// The queue at my window.
    Queue,
    /// The appointments of a day.
    Appointments,
    /// The mediation rooms' grid.
    Rooms,
    /// The mediation cases.
    Mediation,
    /// Residents' requests on the grid.
    Requests,
    /// Party members, activities, the check-in desk, the ranking.
    Members,
    /// The supervisor's dashboard.
    Dashboard,
}

impl Section {
    /// Every section with its name in keymap files.
    pub const ALL: [(Section, &'static str); 12] = [
        (Section::Global, "global"),
        (Section::Catalog, "catalog"),
        (Section::Intake, "intake"),
        (Section::Cases, "cases"),
        (Section::Residents, "residents"),
        (Section::Queue, "queue"),
        (Section::Appointments, "appointments"),
        (Section::Rooms, "rooms"),
        (Section::Mediation, "mediation"),
        (Section::Requests, "requests"),
        (Section::Members, "members"),
        (Section::Dashboard, "dashboard"),
    ];

    /// Its name in keymap files.
    pub fn name(self) -> &'static str {
        Section::ALL.iter().find(|(s, _)| *s == self).map(|(_, n)| *n).unwrap_or("?")
    }
}

/// Whether a text field has the focus (then printable keys type, they do not command).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keys are commands.
    Normal,
    /// A text field is focused.
    Insert,
}

/// What is wrong in a keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapProblem {
    /// Not valid TOML; the parser's words.
    Syntax(String),
    /// A section other than those of `Section::ALL`.
    UnknownSection,
    /// The value names no action.
    UnknownAction(String),
    /// The key name cannot be understood.
    BadKey,
    /// The value is not a string.
    NotAString,
    /// Two names in one section mean the same key; the other spelling is given.
    Conflict(String),
}

/// A keymap error with file, line and key, so the user can fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: key `{key}`: {problem:?}")]
pub struct KeymapError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The key as written (or the section name).
    pub key: String,
    /// What is wrong.
    pub problem: KeymapProblem,
}

/// A resolved keymap.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: BTreeMap<(Section, KeyChord), Action>,
}

impl Keymap {
    /// One of the embedded keymaps (`default`, `vim`).
    pub fn builtin(name: &str) -> Option<Keymap> {
        let (_, src) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        let mut k = Keymap::default();
        // The embedded files are tested; a failure here is a build defect, not user input.
        k.merge(&format!("keymaps/{name}.toml"), src).ok()?;
        Some(k)
    }

    /// Applies a file over this keymap, key by key; `"none"` removes a binding. Nothing is
    /// applied when the file has any error.
    pub fn merge(&mut self, file: &str, src: &str) -> Result<(), KeymapError> {
        let err = |line: usize, key: &str, problem| KeymapError {
            file: file.to_string(),
            line,
            key: key.to_string(),
            problem,
        };
        let root = DeTable::parse(src).map_err(|e| {
            err(
                e.span().map(|s| line_of(src, s.start)).unwrap_or(1),
                "",
                KeymapProblem::Syntax(e.message().to_string()),
            )
        })?;
        let mut staged: Vec<(Section, KeyChord, Option<Action>)> = Vec::new();
        for (name, value) in root.get_ref().iter() {
            let line = line_of(src, name.span().start);
            let section_name: &str = name.get_ref();
            let Some((section, _)) = Section::ALL.iter().find(|(_, n)| *n == section_name) else {
                return Err(err(line, section_name, KeymapProblem::UnknownSection));
            };
            let DeValue::Table(table) = value.get_ref() else {
                return Err(err(line, section_name, KeymapProblem::UnknownSection));
            };
            let mut seen: BTreeMap<KeyChord, String> = BTreeMap::new();
            // In file order, so a conflict is reported at the later of the two lines.
            let mut entries: Vec<_> = table.iter().collect();
            entries.sort_by_key(|(k, _)| k.span().start);
            for (key, action) in entries {
                let line = line_of(src, key.span().start);
                let key_text: &str = key.get_ref();
                let chord = KeyChord::parse(key_text).ok_or_else(|| err(line, key_text, KeymapProblem::BadKey))?;
                if let Some(other) = seen.insert(chord, key_text.to_string()) {
                    return Err(err(line, key_text, KeymapProblem::Conflict(other)));
                }
                let DeValue::String(name) = action.get_ref() else {
                    return Err(err(line, key_text, KeymapProblem::NotAString));
                };
                let act = if name == "none" {
                    None
                } else {
                    Some(
                        Action::from_name(name)
                            .ok_or_else(|| err(line, key_text, KeymapProblem::UnknownAction(name.to_string())))?,
                    )
                };
                staged.push((*section, chord, act));
            }
        }
        for (section, chord, act) in staged {
            match act {
                Some(a) => self.bindings.insert((section, chord), a),
                None => self.bindings.remove(&(section, chord)),
            };
        }
        Ok(())
    }

    /// The action for `chord` on a screen: the screen's own binding first, then the global
    /// one. In insert mode, printable characters and editing keys are left to the field.
    pub fn resolve(&self, section: Section, mode: Mode, chord: KeyChord) -> Option<Action> {
        if mode == Mode::Insert && (chord.text_char().is_some() || is_editing_key(chord)) {
            return None;
        }
        self.bindings.get(&(section, chord)).or_else(|| self.bindings.get(&(Section::Global, chord))).copied()
    }

    /// The chords bound to `action` where `section` applies, screen bindings first.
    pub fn keys_for(&self, section: Section, action: Action) -> Vec<KeyChord> {
        let mut out: Vec<KeyChord> = Vec::new();
        for s in [section, Section::Global] {
            for ((bs, chord), a) in &self.bindings {
                if *bs == s && *a == action && !out.contains(chord) {
                    // A global binding hidden by a screen binding does not apply here.
                    if s == Section::Global
                        && section != Section::Global
                        && self.bindings.contains_key(&(section, *chord))
                    {
                        continue;
                    }
                    out.push(*chord);
                }
            }
        }
        out.sort_by_key(|c| (c.text_char().is_some(), c.ctrl, *c));
        out
    }

    /// Actions bound in one section with their chords, in `Action::ALL` order (for help).
    pub fn section_bindings(&self, section: Section) -> Vec<(Action, Vec<KeyChord>)> {
        let mut out: Vec<(Action, Vec<KeyChord>)> = Vec::new();
        for (a, _) in Action::ALL {
            let mut keys: Vec<KeyChord> =
                self.bindings.iter().filter(|((s, _), b)| *s == section && *b == a).map(|((_, c), _)| *c).collect();
            keys.sort_by_key(|c| (c.text_char().is_some(), c.ctrl, *c));
            if !keys.is_empty() {
                out.push((*a, keys));
            }
        }
        out
    }

    /// The first chord for `action`, for hints in the status line.
    pub fn hint(&self, section: Section, action: Action) -> Option<KeyChord> {
        self.keys_for(section, action).into_iter().next()
    }

    /// The first chord for `action` that still works while a text field has focus.
    pub fn hint_in_field(&self, section: Section, action: Action) -> Option<KeyChord> {
        self.keys_for(section, action).into_iter().find(|c| c.text_char().is_none() && !is_editing_key(*c))
    }
}

/// Keys a text field needs for editing, so they never reach the keymap while typing.
pub fn is_editing_key(c: KeyChord) -> bool {
    if c.alt {
        return false;
    }
    match c.key {
        Key::Left | Key::Right | Key::Home | Key::End | Key::Backspace | Key::Delete => !c.shift,
        Key::Char('a' | 'e' | 'u' | 'w' | 'k') => c.ctrl,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load() {
        for (name, _) in BUILTIN {
            assert!(Keymap::builtin(name).is_some(), "{name}");
        }
    }

    #[test]
    fn printable_keys_go_to_the_field_first() {
        let k = Keymap::builtin("vim").unwrap();
        let q = KeyChord::plain(Key::Char('q'));
        assert_eq!(k.resolve(Section::Catalog, Mode::Normal, q), Some(Action::Quit));
        assert_eq!(k.resolve(Section::Catalog, Mode::Insert, q), None);
        let down = KeyChord::plain(Key::Down);
        assert_eq!(k.resolve(Section::Catalog, Mode::Insert, down), Some(Action::Down));
        let home = KeyChord::plain(Key::Home);
        assert_eq!(Keymap::builtin("default").unwrap().resolve(Section::Catalog, Mode::Insert, home), None);
    }

    #[test]
    fn user_file_overrides_key_by_key() {
        let mut k = Keymap::builtin("default").unwrap();
        k.merge("mine.toml", "[global]\nf2 = \"help\"\nf1 = \"none\"\n").unwrap();
        let f = |n| KeyChord::plain(Key::F(n));
        assert_eq!(k.resolve(Section::Catalog, Mode::Normal, f(2)), Some(Action::Help));
        assert_eq!(k.resolve(Section::Catalog, Mode::Normal, f(1)), None);
        assert_eq!(k.resolve(Section::Catalog, Mode::Normal, f(10)), Some(Action::Quit));
    }

    #[test]
    fn a_broken_file_changes_nothing() {
        let mut k = Keymap::builtin("default").unwrap();
        let e = k.merge("mine.toml", "[global]\nf5 = \"help\"\nf6 = \"fly\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (3, "f6"));
        assert_eq!(k.resolve(Section::Global, Mode::Normal, KeyChord::plain(Key::F(5))), None);
    }
}
