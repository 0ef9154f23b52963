//! The member desk's two forms (register a member, create an activity) and their checks.

use super::super::form::{Form, FormKind};
use super::super::overlay::Overlay;
use super::super::{App, Effect};
use crate::domain::member::{ActivityDraft, MemberDraft, MemberProblem};

/// Member rows: name, ID, phone, unit, branch, address, grid, skills, intentions, channel.
pub const MEMBER_ROWS: usize = 10;

/// An empty member form (the name filled in when the desk offers to register).
pub fn member(name: &str) -> Form {
    let mut f = Form::texts(FormKind::Member, &[20, 18, 13, 40, 40, 60, 30, 60, 20, 2]);
    f.fill(0, name);
    f.focus = usize::from(!name.is_empty());
    f
}

/// An activity form with today's date and usual defaults.
pub fn activity(today: chrono::NaiveDate) -> Form {
    let mut f = Form::texts(FormKind::Activity, &[40, 2, 40, 40, 10, 5, 5, 5, 3, 100]);
    for (i, v) in [(1, "4".to_string()), (4, today.to_string()), (7, "30".into()), (8, "1".into())] {
        f.fill(i, &v);
    }
    f
}

/// The member as typed.
pub fn member_draft(f: &Form) -> MemberDraft {
    let online = f.text(9);
    let online = online.trim();
    MemberDraft {
        name: f.text(0),
        id_number: f.text(1),
        phone: f.text(2),
        unit: f.text(3),
        branch: f.text(4),
        address: f.text(5),
        grid: f.text(6),
        skills: f.text(7),
        intentions: f.text(8),
        online: matches!(online, "1" | "线上" | "y" | "Y"),
    }
}

/// The activity as typed.
pub fn activity_draft(f: &Form) -> ActivityDraft {
    let mut d = ActivityDraft::default();
    for (i, field) in d.fields.iter_mut().enumerate() {
        *field = f.text(i);
    }
    d
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

/// Checks the member or activity form as it stands (after a refused save): rows fixed since
/// are no longer marked.
pub(in crate::app) fn recheck(f: &mut Form, now: chrono::NaiveDateTime) {
    let bad = match f.kind {
        FormKind::Activity => activity_draft(f).validate(now).err().unwrap_or_default(),
        _ => member_draft(f)
            .validate(now.date())
            .err()
            .map(|p| p.into_iter().map(problem_row).collect())
            .unwrap_or_default(),
    };
    f.recheck(bad, Vec::new());
}

/// Saves the member or activity form, or marks the rows that are wrong (the form stays open).
pub(in crate::app) fn submit(app: &mut App) -> Vec<Effect> {
    let now = app.now;
    let Some(Overlay::Form(f)) = &mut app.overlay else { return vec![] };
    let result = match f.kind {
        FormKind::Activity => activity_draft(f).validate(now).map(Effect::AddActivity),
        _ => member_draft(f)
            .validate(now.date())
            .map(Effect::RegisterMember)
            .map_err(|p| p.into_iter().map(problem_row).collect::<Vec<_>>()),
    };
    match result {
        Ok(e) => {
            f.bad.clear();
            vec![e]
        }
        Err(bad) => {
            f.refuse(bad, Vec::new());
            vec![]
        }
    }
}
