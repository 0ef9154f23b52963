//! A screen is one unit: its state lives in its module, and this table says how `app` reaches
//! it: which actions it offers now (for this role), how it acts on them, which messages it
//! answers, which prompts it owns and where typed text goes. Adding a screen is its module,
//! its strings, the keymap sections and one line in `registry::SCREENS`.

use super::input::InsertReport;
use super::notice::Notice;
use super::overlay::{Ask, PromptFor};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;
use crate::keymap::{KeyChord, Mode, Section};

/// Whether an offered action can be carried out now, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ready {
    /// It can.
    Yes,
    /// It cannot now; the notice says why (and is shown when the key is pressed).
    No(Notice),
}

/// An action a screen offers now, to this operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// What.
    pub action: Action,
    /// Whether it can be done now.
    pub ready: Ready,
    /// It cannot be undone: this is asked first.
    pub ask: Option<Ask>,
    /// A two-way key in its second state (signed in, paused): the hint names what it does now.
    pub on: bool,
}

impl Offer {
    /// An action that can be done now.
    pub fn yes(action: Action) -> Offer {
        Offer { action, ready: Ready::Yes, ask: None, on: false }
    }

    /// An action offered here that cannot be done now, with why.
    pub fn no(action: Action, why: Notice) -> Offer {
        Offer { action, ready: Ready::No(why), ask: None, on: false }
    }

    /// The same offer, asking first.
    pub fn asking(self, ask: Ask) -> Offer {
        Offer { ask: Some(ask), ..self }
    }

    /// The same offer, in its second state when `on`.
    pub fn on(self, on: bool) -> Offer {
        Offer { on, ..self }
    }

    /// `yes` when `why` is None.
    pub fn when(action: Action, why: Option<Notice>) -> Offer {
        match why {
            None => Offer::yes(action),
            Some(n) => Offer::no(action, n),
        }
    }

    /// Offered on this screen but not to this role: pressing its key says so, and help, the
    /// palette and the hint bar leave it out.
    pub fn denied(action: Action) -> Offer {
        Offer::no(action, Notice::Denied)
    }

    /// Whether help, the palette and the hint bar show it (it is this role's).
    pub fn shown(&self) -> bool {
        self.ready != Ready::No(Notice::Denied)
    }

    /// Whether it can be done now.
    pub fn ready(&self) -> bool {
        self.ready == Ready::Yes
    }
}

/// A prompt's answer was not understood: the prompt stays open and says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

/// How `app` reaches one screen.
pub struct Screen {
    /// The tab it sits under.
    pub tab: Tab,
    /// The action that goes to it.
    pub goto: Action,
    /// What a role must be allowed to see it (None: everyone who uses the desk).
    pub needs: Option<crate::domain::operator::Permission>,
    /// The keymap section in force on it now.
    pub section: fn(&App) -> Section,
    /// Whether a text field of it has focus (no overlay up).
    pub mode: fn(&App) -> Mode,
    /// The actions it offers now, most useful first (the hint bar shows the first that fit).
    pub offers: fn(&App) -> Vec<Offer>,
    /// Carries out an offered, ready action.
    pub act: fn(&mut App, Action) -> Vec<Effect>,
    /// Answers the messages it owns and hands back the others.
    pub answer: fn(&mut App, Msg) -> Result<Vec<Effect>, Msg>,
    /// Takes the answer to one of its prompts.
    pub submit: fn(&mut App, PromptFor, &str) -> Result<Vec<Effect>, Invalid>,
    /// Typed or pasted text for its focused field; what was cut and the field's limit.
    pub text: fn(&mut App, &str) -> Option<(InsertReport, usize)>,
    /// An editing key (←, →, Backspace …) for its focused field.
    pub edit: fn(&mut App, KeyChord),
    /// A printable key on the list (no field focused): whether it starts a new search (the
    /// screen clears and focuses its field; the key then goes to `text`).
    pub typed: fn(&mut App) -> bool,
    /// After its field's text changed: what the new text asks of the database (a search in
    /// memory asks nothing).
    pub searched: fn(&mut App) -> Vec<Effect>,
}

/// A list screen with no field, no prompts and no typing: what most entries in the registry
/// leave as it is (`Screen { tab, goto, …, ..PLAIN }`).
pub const PLAIN: Screen = Screen {
    tab: Tab::Catalog,
    goto: Action::GotoCatalog,
    needs: None,
    section: |_| Section::Global,
    mode: normal,
    offers: |_| Vec::new(),
    act: |_, _| Vec::new(),
    answer: |_, msg| Err(msg),
    submit: no_prompts,
    text: no_text,
    edit: no_edit,
    typed: no_typing,
    searched: |_| Vec::new(),
};

/// For screens without a text field.
pub fn no_text(_: &mut App, _: &str) -> Option<(InsertReport, usize)> {
    None
}

/// For screens without a text field.
pub fn no_edit(_: &mut App, _: KeyChord) {}

/// For screens where typing on the list does nothing.
pub fn no_typing(_: &mut App) -> bool {
    false
}

/// For screens without prompts.
pub fn no_prompts(_: &mut App, _: PromptFor, _: &str) -> Result<Vec<Effect>, Invalid> {
    Err(Invalid)
}

/// For screens without a text field.
pub fn normal(_: &App) -> Mode {
    Mode::Normal
}

/// Offers the cursor keys every list takes.
pub fn movement(offers: &mut Vec<Offer>, paging: bool) {
    let keys: &[Action] = if paging {
        &[Action::Up, Action::Down, Action::PageUp, Action::PageDown, Action::First, Action::Last]
    } else {
        &[Action::Up, Action::Down, Action::First, Action::Last]
    };
    offers.extend(keys.iter().map(|a| Offer::yes(*a)));
}
