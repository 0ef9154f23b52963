//! Everything a key can do: one enum for keymap files, help and the command palette.

/// A user-level command. Keymap files name these in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Quit yichuang (asks first).
    Quit,
    /// Show the keys that work here.
    Help,
    /// Open the command palette.
    Palette,
    /// Go to the next tab.
    NextTab,
    /// Go to the previous tab.
    PrevTab,
    /// Go to the service-item catalog.
    GotoCatalog,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move the selection a page up.
    PageUp,
    /// Move the selection a page down.
    PageDown,
    /// Jump to the first row.
    First,
    /// Jump to the last row.
    Last,
    /// Accept, open or confirm.
    Confirm,
    /// Go back: close, clear or leave the field.
    Back,
    /// Put the cursor in the search field.
    FocusSearch,
    /// Empty the search field.
    ClearSearch,
    /// Scroll the detail pane up.
    DetailUp,
    /// Scroll the detail pane down.
    DetailDown,
    /// Switch between Chinese and English.
    ToggleLang,
}

impl Action {
    /// Every action with its name in keymap files, in help order.
    pub const ALL: &'static [(Action, &'static str)] = &[
        (Action::Help, "help"),
        (Action::Palette, "palette"),
        (Action::Quit, "quit"),
        (Action::NextTab, "next_tab"),
        (Action::PrevTab, "prev_tab"),
        (Action::GotoCatalog, "goto_catalog"),
        (Action::Up, "up"),
        (Action::Down, "down"),
        (Action::PageUp, "page_up"),
        (Action::PageDown, "page_down"),
        (Action::First, "first"),
        (Action::Last, "last"),
        (Action::Confirm, "confirm"),
        (Action::Back, "back"),
        (Action::FocusSearch, "focus_search"),
        (Action::ClearSearch, "clear_search"),
        (Action::DetailUp, "detail_up"),
        (Action::DetailDown, "detail_down"),
        (Action::ToggleLang, "toggle_lang"),
    ];

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        Action::ALL
            .iter()
            .find(|(a, _)| *a == self)
            .map(|(_, n)| *n)
            .unwrap_or("?")
    }

    /// Parses a keymap-file name.
    pub fn from_name(s: &str) -> Option<Action> {
        Action::ALL.iter().find(|(_, n)| *n == s).map(|(a, _)| *a)
    }

    /// Actions worth offering in the command palette (not bare cursor movement).
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last
                | Action::Confirm
                | Action::Back
                | Action::Palette
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (a, n) in Action::ALL {
            assert_eq!(Action::from_name(n), Some(*a));
            assert_eq!(a.name(), *n);
        }
        assert_eq!(Action::from_name("explode"), None);
    }
}
