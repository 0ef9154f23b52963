//! One form for every dialog of fields: a resident's registration, a party member's, a new
//! activity, a new mediation case. Rows are text, a choice among a few, or toggles; the form
//! moves the focus, takes typed and pasted text, and marks the rows the last save refused.
//! What a form's rows mean and how they are checked belongs to its screen.

use super::input::{Input, InsertReport};
use crate::action::Action;
use crate::domain::mediation::MediationError;
use crate::domain::resident::ResidentProblem;
use crate::keymap::{Key, KeyChord};

/// Which form: its rows, title and checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Register a resident.
    Resident,
    /// Change a resident's record (the same rows as registration).
    ResidentEdit,
    /// Register a party member.
    Member,
    /// Create an activity.
    Activity,
    /// Open a mediation case.
    Mediation,
    /// Take a resident's request (诉求).
    Request,
}

impl FormKind {
    /// Enter saves from any row; otherwise it moves on and saves on the last (long forms).
    pub fn enter_saves(self) -> bool {
        matches!(self, FormKind::Resident | FormKind::ResidentEdit | FormKind::Mediation | FormKind::Request)
    }
}

/// One row of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A line of text.
    Text(Input),
    /// One of `of` options (←/→ or Space).
    Choice {
        /// The option chosen.
        chosen: usize,
        /// How many there are.
        of: usize,
    },
    /// Options switched on and off (←/→ moves, Space toggles).
    Toggles {
        /// Which are on.
        on: Vec<bool>,
        /// The option under the cursor.
        cursor: usize,
    },
}

/// What the last save refused, for the form to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A resident's field.
    Resident(ResidentProblem),
    /// A mediation case's parties or text.
    Mediation(MediationError),
    /// Storage refused a resident's edit (another resident's ID number, not a supervisor).
    Edit(crate::model::ResidentEditError),
}

/// A form's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Which form.
    pub kind: FormKind,
    /// Its rows.
    pub rows: Vec<Row>,
    /// The focused row.
    pub focus: usize,
    /// Rows the last save refused.
    pub bad: Vec<usize>,
    /// Why, where the screen says more than the row.
    pub problems: Vec<Problem>,
    /// Rows shown but not editable by this operator (a clerk sees a resident's name and ID).
    pub locked: Vec<usize>,
}

impl Form {
    /// A form of text rows of these lengths.
    pub fn texts(kind: FormKind, max: &[usize]) -> Form {
        Form::new(kind, max.iter().map(|m| Row::Text(Input::new(*m))).collect())
    }

    /// A form of these rows, focus on the first.
    pub fn new(kind: FormKind, rows: Vec<Row>) -> Form {
        Form { kind, rows, focus: 0, bad: Vec::new(), problems: Vec::new(), locked: Vec::new() }
    }

    /// The text of row `i` ("" for other rows).
    pub fn text(&self, i: usize) -> String {
        match self.rows.get(i) {
            Some(Row::Text(input)) => input.text().to_string(),
            _ => String::new(),
        }
    }

    /// The option chosen in row `i` (0 for other rows).
    pub fn chosen(&self, i: usize) -> usize {
        match self.rows.get(i) {
            Some(Row::Choice { chosen, .. }) => *chosen,
            _ => 0,
        }
    }

    /// The options switched on in row `i`.
    pub fn toggled(&self, i: usize) -> Vec<usize> {
        match self.rows.get(i) {
            Some(Row::Toggles { on, .. }) => on.iter().enumerate().filter(|(_, b)| **b).map(|(i, _)| i).collect(),
            _ => Vec::new(),
        }
    }

    /// Puts `text` in row `i` (a pre-filled field).
    pub fn fill(&mut self, i: usize, text: &str) {
        if let Some(Row::Text(input)) = self.rows.get_mut(i) {
            input.clear();
            input.insert(text);
        }
    }

    /// The focused row's text field, if it is one this operator may change.
    pub fn input_mut(&mut self) -> Option<&mut Input> {
        if self.locked.contains(&self.focus) {
            return None;
        }
        match self.rows.get_mut(self.focus) {
            Some(Row::Text(input)) => Some(input),
            _ => None,
        }
    }

    /// Whether a text field has the focus (printable keys type).
    pub fn typing(&self) -> bool {
        matches!(self.rows.get(self.focus), Some(Row::Text(_)))
    }

    /// Typed or pasted text for the focused field; what was cut and the field's limit.
    pub fn insert(&mut self, text: &str) -> Option<(InsertReport, usize)> {
        let input = self.input_mut()?;
        Some((input.insert(text), input.max()))
    }

    /// Marks the refused rows and moves the focus to the first.
    pub fn refuse(&mut self, mut bad: Vec<usize>, problems: Vec<Problem>) {
        bad.sort_unstable();
        bad.dedup();
        self.focus = bad.first().copied().unwrap_or(self.focus);
        self.bad = bad;
        self.problems = problems;
    }

    /// Shows what a check of the fields as they are now finds, without moving the focus: a
    /// refusal goes away as soon as the field is fixed, not at the next save.
    pub fn recheck(&mut self, mut bad: Vec<usize>, problems: Vec<Problem>) {
        bad.sort_unstable();
        bad.dedup();
        self.bad = bad;
        self.problems = problems;
    }

    /// Whether the last save refused something (a check after each edit is worth it then).
    pub fn refused(&self) -> bool {
        !self.bad.is_empty() || !self.problems.is_empty()
    }

    /// A key for the form: moves, chooses, toggles or edits. Returns what is left for the
    /// caller: save, close, or nothing.
    pub fn key(&mut self, chord: KeyChord, action: Option<Action>) -> FormKey {
        let n = self.rows.len().max(1);
        match action {
            Some(Action::Back) => return FormKey::Close,
            Some(Action::NextTab | Action::Down) => self.focus = (self.focus + 1) % n,
            Some(Action::PrevTab | Action::Up) => self.focus = (self.focus + n - 1) % n,
            Some(Action::Confirm) if !self.kind.enter_saves() && self.focus + 1 < n => self.focus += 1,
            Some(Action::Confirm | Action::Submit) => return FormKey::Save,
            _ => return self.edit(chord),
        }
        FormKey::Nothing
    }

    /// A key on the focused row that is not a form command.
    fn edit(&mut self, chord: KeyChord) -> FormKey {
        if self.locked.contains(&self.focus) {
            return FormKey::Nothing;
        }
        match self.rows.get_mut(self.focus) {
            Some(Row::Text(input)) => match chord.text_char() {
                Some(c) => return FormKey::Typed(c),
                None => {
                    input.edit(chord);
                }
            },
            Some(Row::Choice { chosen, of }) => {
                let of = (*of).max(1);
                match chord.key {
                    Key::Right | Key::Char(' ') => *chosen = (*chosen + 1) % of,
                    Key::Left => *chosen = (*chosen + of - 1) % of,
                    _ => {}
                }
            }
            Some(Row::Toggles { on, cursor }) => {
                let n = on.len().max(1);
                match chord.key {
                    Key::Left => *cursor = (*cursor + n - 1) % n,
                    Key::Right => *cursor = (*cursor + 1) % n,
                    Key::Char(' ') => {
                        if let Some(b) = on.get_mut(*cursor) {
                            *b = !*b;
                        }
                    }
                    _ => {}
                }
            }
            None => {}
        }
        FormKey::Nothing
    }
}

/// What a key in a form leaves for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    /// Handled by the form.
    Nothing,
    /// Save (the screen checks and stores).
    Save,
    /// Close without saving.
    Close,
    /// A printable character for the focused field (it goes through the same path as a paste).
    Typed(char),
}
