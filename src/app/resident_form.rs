//! The residents' registration and edit forms: the rows, what a search that found nobody fills
//! in, checking them as they are typed, and saving.

use super::form::{Form, FormKind, Problem, Row};
use super::notice::Notice;
use super::overlay::Overlay;
use super::{App, Effect};
use crate::domain::resident::{Address, Resident, ResidentDraft, ResidentProblem, Tag};
use crate::model::ResidentEditError;

/// The registration form's rows: name, ID number, mobile, estate, building, entrance, flat,
/// grid, then the tags.
pub const FORM_ROWS: usize = 9;

/// Where a search that found nobody goes in the registration form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryIs {
    /// Nothing typed.
    Empty,
    /// A name (anything but digits).
    Name,
    /// An ID number, or most of one (12 or more digits, the last may be X).
    IdNumber,
    /// A mobile (11 digits starting with 1).
    Phone,
    /// A few digits (a tail, a room number): no field of its own, and never a name.
    Digits,
}

/// What a search for a resident looks like.
pub fn query_is(query: &str) -> QueryIs {
    let q: String = query.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let body = q.strip_suffix(['x', 'X']).unwrap_or(&q);
    if q.is_empty() {
        QueryIs::Empty
    } else if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        if q.len() == 11 && q.starts_with('1') && body.len() == q.len() {
            QueryIs::Phone
        } else if q.len() >= 12 {
            QueryIs::IdNumber
        } else {
            QueryIs::Digits
        }
    } else {
        QueryIs::Name
    }
}

/// The registration form, pre-filled from what was typed in a search (an ID number, a mobile
/// or a name goes to its own field; a few digits go nowhere).
pub fn form(query: &str) -> Form {
    let mut f = Form::new(FormKind::Resident, rows());
    let q = query.trim();
    let row = match query_is(q) {
        QueryIs::Name => Some(0),
        QueryIs::IdNumber => Some(1),
        QueryIs::Phone => Some(2),
        QueryIs::Empty | QueryIs::Digits => None,
    };
    if let Some(row) = row {
        f.fill(row, q);
    }
    f
}

/// Opens the registration form for what was searched; a few digits that are no ID number or
/// mobile are not taken for a name, and a toast says what to fill in.
pub(super) fn open_form(app: &mut App, query: &str) {
    app.overlay = Some(Overlay::Form(Box::new(form(query))));
    if query_is(query) == QueryIs::Digits {
        app.toast(Notice::DigitsNotAName(query.trim().to_string()));
    }
}

/// The rows of the registration and edit forms.
fn rows() -> Vec<Row> {
    let mut rows: Vec<Row> =
        [20, 22, 16, 30, 30, 30, 30, 30].iter().map(|m| Row::Text(super::input::Input::new(*m))).collect();
    rows.push(Row::Toggles { on: vec![false; Tag::ALL.len()], cursor: 0 });
    rows
}

/// The edit form, filled with the record as it is; a clerk sees the name and ID number but
/// cannot change them (they say who the person is in every case on file).
pub fn edit_form(r: &Resident, supervisor: bool) -> Form {
    let mut f = Form::new(FormKind::ResidentEdit, rows());
    let a = &r.address;
    for (i, v) in
        [&r.name, &r.id_number, &r.phone, &a.estate, &a.building, &a.unit, &a.room, &r.grid].into_iter().enumerate()
    {
        f.fill(i, v);
    }
    if let Some(Row::Toggles { on, .. }) = f.rows.get_mut(8) {
        for (i, t) in Tag::ALL.iter().enumerate() {
            on[i] = r.tags.contains(t);
        }
    }
    if !supervisor {
        f.locked = vec![0, 1];
        f.focus = 2;
    }
    f
}

/// What the registration form holds, for validation.
pub fn draft(f: &Form) -> ResidentDraft {
    ResidentDraft {
        name: f.text(0),
        id_number: f.text(1),
        phone: f.text(2),
        address: Address { estate: f.text(3), building: f.text(4), unit: f.text(5), room: f.text(6) },
        grid: f.text(7),
        tags: f.toggled(8).into_iter().filter_map(|i| Tag::ALL.get(i).copied()).collect(),
    }
}

/// The row a problem of the registration form is about.
fn problem_row(p: &ResidentProblem) -> usize {
    match p {
        ResidentProblem::EmptyName | ResidentProblem::LongName => 0,
        ResidentProblem::Id(_) => 1,
        ResidentProblem::Phone => 2,
        ResidentProblem::LongAddress => 3,
    }
}

/// The row a refused edit is about.
pub(super) fn edit_row(e: &ResidentEditError) -> usize {
    match e {
        ResidentEditError::DuplicateId(_) => 1,
        _ => 0,
    }
}

/// Saves the registration (or edit) form, or shows what is wrong in it.
pub(super) fn submit_form(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let editing = app.residents.editing.clone();
    let Some(Overlay::Form(f)) = &mut app.overlay else { return vec![] };
    match (draft(f).validate(today), f.kind, editing) {
        (Ok(r), FormKind::ResidentEdit, Some(opened)) => {
            let id = opened.id;
            vec![Effect::EditResident(Box::new((opened, Resident { id, ..r })))]
        }
        (Ok(r), _, _) => vec![Effect::RegisterResident(r)],
        (Err(problems), _, _) => {
            let rows = problems.iter().map(problem_row).collect();
            f.refuse(rows, problems.into_iter().map(Problem::Resident).collect());
            vec![]
        }
    }
}

/// Checks the form as it stands after a refused save: what is fixed is no longer marked. A
/// refusal from storage stays until its own field is edited.
pub(super) fn recheck(f: &mut Form, today: chrono::NaiveDate) {
    let stored: Vec<Problem> =
        f.problems.iter().filter(|p| matches!(p, Problem::Edit(e) if edit_row(e) != f.focus)).cloned().collect();
    let found = draft(f).validate(today).err().unwrap_or_default();
    let mut rows: Vec<usize> = found.iter().map(problem_row).collect();
    rows.extend(stored.iter().filter_map(|p| match p {
        Problem::Edit(e) => Some(edit_row(e)),
        _ => None,
    }));
    let mut problems: Vec<Problem> = found.into_iter().map(Problem::Resident).collect();
    problems.extend(stored);
    f.recheck(rows, problems);
}
