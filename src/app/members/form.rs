//! The member desk's two forms (register a member, create an activity) and their checks.

use super::super::input::Input;
use super::super::overlay::Overlay;
use super::super::{App, Effect};
use crate::domain::member::{ActivityDraft, MemberDraft, MemberProblem};

/// Which form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormFor {
    /// Register a member.
    Member,
    /// Create an activity.
    Activity,
}

/// A form of text rows (member registration, new activity).
#[derive(Debug, Clone)]
pub struct FieldsForm {
    /// What it makes.
    pub purpose: FormFor,
    /// The rows.
    pub inputs: Vec<Input>,
    /// Focused row.
    pub focus: usize,
    /// Rows refused at the last save.
    pub bad: Vec<usize>,
}

impl FieldsForm {
    /// Member rows: name, ID, phone, unit, branch, address, grid, skills, intentions, channel.
    pub const MEMBER_ROWS: usize = 10;

    /// An empty member form (the name filled in when the desk offers to register).
    pub fn member(name: &str) -> FieldsForm {
        let max = [20, 18, 13, 40, 40, 60, 30, 60, 20, 2];
        let mut inputs: Vec<Input> = max.iter().map(|m| Input::new(*m)).collect();
        inputs[0].insert(name);
        FieldsForm { purpose: FormFor::Member, inputs, focus: usize::from(!name.is_empty()), bad: Vec::new() }
    }

    /// An activity form with today's date and usual defaults.
    pub fn activity(today: chrono::NaiveDate) -> FieldsForm {
        let max = [40, 2, 40, 40, 10, 5, 5, 5, 3, 100];
        let mut inputs: Vec<Input> = max.iter().map(|m| Input::new(*m)).collect();
        for (i, v) in [(1, "4".to_string()), (4, today.to_string()), (7, "30".into()), (8, "1".into())] {
            inputs[i].insert(&v);
        }
        FieldsForm { purpose: FormFor::Activity, inputs, focus: 0, bad: Vec::new() }
    }

    fn text(&self, i: usize) -> String {
        self.inputs.get(i).map(|x| x.text().to_string()).unwrap_or_default()
    }

    /// The member as typed.
    pub fn member_draft(&self) -> MemberDraft {
        let online = self.text(9);
        let online = online.trim();
        MemberDraft {
            name: self.text(0),
            id_number: self.text(1),
            phone: self.text(2),
            unit: self.text(3),
            branch: self.text(4),
            address: self.text(5),
            grid: self.text(6),
            skills: self.text(7),
            intentions: self.text(8),
            online: matches!(online, "1" | "线上" | "y" | "Y"),
        }
    }

    /// The activity as typed.
    pub fn activity_draft(&self) -> ActivityDraft {
        let mut d = ActivityDraft::default();
        for (i, f) in d.fields.iter_mut().enumerate() {
            *f = self.text(i);
        }
        d
    }
}

/// The row of a member-form problem.
pub fn problem_row(p: MemberProblem) -> usize {
    match p {
        MemberProblem::Name => 0,
        MemberProblem::Id(_) => 1,
        MemberProblem::Phone => 2,
        MemberProblem::Unit => 3,
        MemberProblem::Intention => 8,
    }
}

/// Saves the member or activity form, or marks the rows that are wrong (the form stays open).
pub(in crate::app) fn submit(app: &mut App) -> Vec<Effect> {
    let now = app.now;
    let Some(Overlay::Fields(f)) = &mut app.overlay else { return vec![] };
    let result = match f.purpose {
        FormFor::Member => f
            .member_draft()
            .validate(now.date())
            .map(Effect::RegisterMember)
            .map_err(|p| p.into_iter().map(problem_row).collect::<Vec<_>>()),
        FormFor::Activity => f.activity_draft().validate(now).map(Effect::AddActivity),
    };
    match result {
        Ok(e) => {
            f.bad.clear();
            vec![e]
        }
        Err(mut bad) => {
            bad.sort_unstable();
            bad.dedup();
            f.focus = bad.first().copied().unwrap_or(f.focus);
            f.bad = bad;
            vec![]
        }
    }
}
