//! The resident registration form: one text field per part, tags as toggles.

use super::input::Input;
use crate::domain::resident::{Address, ResidentDraft, ResidentProblem, Tag};

/// The fields of the form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 姓名.
    Name,
    /// 身份证号.
    IdNumber,
    /// 手机.
    Phone,
    /// 小区.
    Estate,
    /// 楼栋.
    Building,
    /// 单元.
    Unit,
    /// 室.
    Room,
    /// 网格.
    Grid,
    /// Tags (toggled with Space, moved with ←/→).
    Tags,
}

impl Field {
    /// Every field in form order.
    pub const ALL: [Field; 9] = [
        Field::Name,
        Field::IdNumber,
        Field::Phone,
        Field::Estate,
        Field::Building,
        Field::Unit,
        Field::Room,
        Field::Grid,
        Field::Tags,
    ];
}

/// The form's state.
#[derive(Debug, Clone)]
pub struct ResidentForm {
    /// One input per text field, in `Field::ALL` order (tags excluded).
    pub inputs: Vec<Input>,
    /// Tags switched on.
    pub tags: Vec<Tag>,
    /// The tag under the cursor when the Tags row is focused.
    pub tag_cursor: usize,
    /// Focused field.
    pub focus: usize,
    /// Problems of the last save attempt.
    pub problems: Vec<ResidentProblem>,
}

impl Default for ResidentForm {
    fn default() -> Self {
        let max = [20, 22, 16, 30, 30, 30, 30, 30];
        ResidentForm {
            inputs: max.iter().map(|m| Input::new(*m)).collect(),
            tags: Vec::new(),
            tag_cursor: 0,
            focus: 0,
            problems: Vec::new(),
        }
    }
}

impl ResidentForm {
    /// A form pre-filled from what was typed in a search (an ID number, a phone or a name).
    pub fn prefilled(query: &str) -> ResidentForm {
        let mut f = ResidentForm::default();
        let q = query.trim();
        let digits = q.chars().filter(|c| !c.is_whitespace()).count();
        let idx = if q.chars().all(|c| c.is_ascii_digit() || c == 'x' || c == 'X' || c == ' ') && digits >= 15 {
            1
        } else if q.chars().all(|c| c.is_ascii_digit()) && digits == 11 {
            2
        } else {
            0
        };
        if !q.is_empty() {
            f.inputs[idx].insert(q);
        }
        f
    }

    /// The focused field.
    pub fn field(&self) -> Field {
        Field::ALL[self.focus.min(Field::ALL.len() - 1)]
    }

    /// The focused text input, if the focus is on a text field.
    pub fn input_mut(&mut self) -> Option<&mut Input> {
        self.inputs.get_mut(self.focus)
    }

    /// Moves the focus by one field (wrapping).
    pub fn step(&mut self, forward: bool) {
        let n = Field::ALL.len();
        self.focus = if forward { (self.focus + 1) % n } else { (self.focus + n - 1) % n };
    }

    /// Toggles the tag under the cursor.
    pub fn toggle_tag(&mut self) {
        let t = Tag::ALL[self.tag_cursor % Tag::ALL.len()];
        if let Some(pos) = self.tags.iter().position(|x| *x == t) {
            self.tags.remove(pos);
        } else {
            self.tags.push(t);
        }
    }

    /// What the form holds, for validation.
    pub fn draft(&self) -> ResidentDraft {
        let t = |i: usize| self.inputs[i].text().to_string();
        ResidentDraft {
            name: t(0),
            id_number: t(1),
            phone: t(2),
            address: Address { estate: t(3), building: t(4), unit: t(5), room: t(6) },
            grid: t(7),
            tags: self.tags.clone(),
        }
    }

    /// Focuses the first field with a problem.
    pub fn focus_first_problem(&mut self) {
        let field = match self.problems.first() {
            Some(ResidentProblem::EmptyName | ResidentProblem::LongName) => 0,
            Some(ResidentProblem::Id(_)) => 1,
            Some(ResidentProblem::Phone) => 2,
            Some(ResidentProblem::LongAddress) => 3,
            None => return,
        };
        self.focus = field;
    }
}
