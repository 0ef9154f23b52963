//! Service cases (办件): states and transitions, materials, due dates on the working-day
//! calendar, deadline warnings and ratings.

use crate::domain::calendar::{Calendar, DayNote};
use crate::domain::catalog::{LimitUnit, Material, TimeLimit};
use chrono::{Months, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// 受理: accepted, the clock runs.
    Accepted,
    /// 办理中: being handled (at the desk or by the department).
    InProgress,
    /// 补正: a one-time notice listed what is missing; the clock has not started.
    AwaitingMaterials,
    /// 挂起: stopped with a reason; the days do not count.
    Suspended,
    /// 办结: completed.
    Completed,
    /// 退件: returned with a reason.
    Returned,
    /// 不予受理: not accepted, with a reason.
    NotAccepted,
}

impl CaseState {
    /// Every state.
    pub const ALL: [CaseState; 7] = [
        CaseState::Accepted,
        CaseState::InProgress,
        CaseState::AwaitingMaterials,
        CaseState::Suspended,
        CaseState::Completed,
        CaseState::Returned,
        CaseState::NotAccepted,
    ];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::Accepted => "accepted",
            CaseState::InProgress => "in_progress",
            CaseState::AwaitingMaterials => "awaiting_materials",
            CaseState::Suspended => "suspended",
            CaseState::Completed => "completed",
            CaseState::Returned => "returned",
            CaseState::NotAccepted => "not_accepted",
        }
    }

    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<CaseState> {
        CaseState::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Still on the desk's plate.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CaseState::Accepted | CaseState::InProgress | CaseState::AwaitingMaterials | CaseState::Suspended
        )
    }

    /// The deadline clock runs.
    pub fn clock_runs(self) -> bool {
        matches!(self, CaseState::Accepted | CaseState::InProgress)
    }
}

/// A change of state a clerk asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// Start handling: accepted → in progress.
    Start,
    /// Stop the clock with a reason.
    Suspend,
    /// Restart the clock where it stopped.
    Resume,
    /// The missing materials arrived: 补正 → accepted (the clock starts now).
    Supply,
    /// Finish: 办结.
    Complete,
    /// Give back with a reason: 退件.
    Return,
    /// Refuse with a reason: 不予受理.
    Reject,
}

impl Transition {
    /// Every transition.
    pub const ALL: [Transition; 7] = [
        Transition::Start,
        Transition::Suspend,
        Transition::Resume,
        Transition::Supply,
        Transition::Complete,
        Transition::Return,
        Transition::Reject,
    ];

    /// The word stored in case events.
    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Start => "start",
            Transition::Suspend => "suspend",
            Transition::Resume => "resume",
            Transition::Supply => "supply",
            Transition::Complete => "complete",
            Transition::Return => "return",
            Transition::Reject => "reject",
        }
    }

    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<Transition> {
        Transition::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Suspending, returning and refusing need a reason the resident can be told.
    pub fn needs_reason(self) -> bool {
        matches!(self, Transition::Suspend | Transition::Return | Transition::Reject)
    }
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// Not allowed from the current state.
    #[error("{transition:?} is not allowed from {from:?}")]
    NotAllowed { from: CaseState, transition: Transition },
    /// A reason is required and none was given.
    #[error("a reason is required")]
    ReasonRequired,
    /// Required materials are missing and not waived with a promised date.
    #[error("required materials missing")]
    MaterialsMissing { names: Vec<String> },
    /// A waived material's promised date is not after today.
    #[error("promised date must be in the future")]
    BadPromise { name: String },
    /// A waived material's promised date falls after the case's due date.
    #[error("promised date after the due date")]
    PromiseAfterDue { name: String, due: NaiveDate },
    /// The catalog does not allow this material to be 容缺 (an identity card never is).
    #[error("material may not be waived")]
    NotRongque { name: String },
    /// Someone else changed the case first; the fresh state is shown.
    #[error("changed by someone else")]
    Conflict,
    /// Rating only once, only completed cases, 1–5.
    #[error("rating not allowed")]
    Rating,
}

/// The state after `t` from `from`; `before_suspension` is where a resume returns to.
pub fn next_state(
    from: CaseState,
    t: Transition,
    before_suspension: Option<CaseState>,
) -> Result<CaseState, CaseError> {
    use CaseState::*;
    use Transition::*;
    let to = match (from, t) {
        (Accepted, Start) => InProgress,
        (Accepted | InProgress, Suspend) => Suspended,
        (Suspended, Resume) => match before_suspension {
            Some(s @ (Accepted | InProgress)) => s,
            _ => InProgress,
        },
        (AwaitingMaterials, Supply) => Accepted,
        (Accepted | InProgress, Complete) => Completed,
        (Accepted | InProgress | Suspended, Return) => Returned,
        (AwaitingMaterials, Reject) => NotAccepted,
        _ => {
            return Err(CaseError::NotAllowed { from, transition: t });
        }
    };
    Ok(to)
}

/// A case as the desk sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    /// Row id.
    pub id: i64,
    /// Per-day number, e.g. `20261121-0007`.
    pub number: String,
    /// Service item code.
    pub item_code: String,
    /// Service item name.
    pub item_name: String,
    /// Resident row id.
    pub resident_id: i64,
    /// Resident name.
    pub resident_name: String,
    /// Resident identity number (shown masked).
    pub resident_id_number: String,
    /// Login of the clerk who took it in.
    pub operator: String,
    /// How it came.
    pub channel: Channel,
    /// Where it stands.
    pub state: CaseState,
    /// The state a resume returns to.
    pub before_suspension: Option<CaseState>,
    /// When the resident came to the desk.
    pub received_at: NaiveDateTime,
    /// When the clock started (none while awaiting materials).
    pub accepted_at: Option<NaiveDateTime>,
    /// Due date (none while awaiting materials).
    pub due: Option<NaiveDate>,
    /// Last day to bring what the one-time notice listed.
    pub notice_deadline: Option<NaiveDate>,
    /// Working days spent suspended so far.
    pub suspended_days: u32,
    /// When the current suspension began.
    pub suspended_at: Option<NaiveDateTime>,
    /// When it was completed.
    pub completed_at: Option<NaiveDateTime>,
    /// 1–5 stars, once completed.
    pub rating: Option<u8>,
    /// Due date of the follow-up of a bad rating.
    pub follow_up_due: Option<NaiveDate>,
    /// The follow-up was done.
    pub follow_up_done: bool,
    /// The earliest date a 容缺 material not yet brought was promised by.
    pub promised_by: Option<NaiveDate>,
    /// Optimistic lock: a change names the version it saw.
    pub version: i64,
}

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseEvent {
    /// When.
    pub at: NaiveDateTime,
    /// Who.
    pub operator: String,
    /// What: a transition word, or intake, notice, rate, follow_up, supplied, original_in, original_out.
    pub kind: String,
    /// State before, if it changed.
    pub from: Option<CaseState>,
    /// State after, if it changed.
    pub to: Option<CaseState>,
    /// Reason given.
    pub reason: String,
    /// Anything else worth showing (material name, stars).
    pub detail: String,
}

/// How a case came to the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// At the window.
    Window,
    /// With an appointment.
    Appointment,
    /// 代办: handled on the resident's behalf (originals are kept and returned).
    OnBehalf,
    /// 上门: on a home visit.
    HomeVisit,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 4] = [Channel::Window, Channel::Appointment, Channel::OnBehalf, Channel::HomeVisit];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Window => "window",
            Channel::Appointment => "appointment",
            Channel::OnBehalf => "on_behalf",
            Channel::HomeVisit => "home_visit",
        }
    }

    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What happened to one required or optional material at intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "promised")]
pub enum MaterialStatus {
    /// 已提交.
    Presented,
    /// 缺少.
    Missing,
    /// 容缺: accepted without it, to be brought by the promised date.
    Waived(NaiveDate),
}

/// One line of a case's materials checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseMaterial {
    /// Name, from the item.
    pub name: String,
    /// Required by the item.
    pub required: bool,
    /// At intake.
    pub status: MaterialStatus,
    /// For 代办: when the original was received and returned.
    pub original_received: Option<NaiveDateTime>,
    /// When the original went back to the resident.
    pub original_returned: Option<NaiveDateTime>,
}

impl CaseMaterial {
    /// Material `m` of the item as intake records it: `status`, no original held.
    pub fn at_intake(m: &Material, status: MaterialStatus) -> CaseMaterial {
        CaseMaterial {
            name: m.name.clone(),
            required: m.required,
            status,
            original_received: None,
            original_returned: None,
        }
    }
}

/// What intake decides from the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeOutcome {
    /// Everything required is presented or waived: accept.
    Accept,
    /// Something required is missing: hand over the one-time notice of exactly these.
    Notice(Vec<String>),
}

/// Checks a checklist at intake against the item's materials `spec`: a material may be
/// waived only when the catalog allows it (never an identity card), with a promised date after
/// `today` and no later than `due`, the due date if accepted now; required materials must be
/// presented or waived.
pub fn intake_outcome(
    materials: &[CaseMaterial],
    spec: &[Material],
    today: NaiveDate,
    due: NaiveDate,
) -> Result<IntakeOutcome, CaseError> {
    for m in materials {
        let MaterialStatus::Waived(d) = m.status else { continue };
        if !spec.iter().any(|s| s.name == m.name && s.may_be_rongque()) {
            return Err(CaseError::NotRongque { name: m.name.clone() });
        }
        if d <= today {
            return Err(CaseError::BadPromise { name: m.name.clone() });
        }
        if d > due {
            return Err(CaseError::PromiseAfterDue { name: m.name.clone(), due });
        }
    }
    let missing: Vec<String> = materials
        .iter()
        .filter(|m| m.required && m.status == MaterialStatus::Missing)
        .map(|m| m.name.clone())
        .collect();
    Ok(if missing.is_empty() { IntakeOutcome::Accept } else { IntakeOutcome::Notice(missing) })
}

/// Working days a resident has to bring what a one-time notice lists (行政许可法 §32 window).
pub const NOTICE_WINDOW_DAYS: u32 = 5;

/// Working days within which a bad rating must be followed up.
pub const FOLLOW_UP_DAYS: u32 = 5;

/// How a due date was reached, step by step, for the detail pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDate {
    /// The due date.
    pub due: NaiveDate,
    /// The limit applied.
    pub limit: TimeLimit,
    /// The day counting started from (acceptance, or the next working day for a late 即办件).
    pub start: NaiveDate,
    /// Accepted after closing time or on a day off (即办件 roll to the next working day).
    pub after_hours: bool,
    /// Working days added for suspensions.
    pub suspended_days: u32,
    /// A calendar-day or month limit that ended on a day off and moved to the next working day.
    pub rolled_from: Option<NaiveDate>,
    /// Weekends, holidays and makeup days between start and due date.
    pub notes: Vec<DayNote>,
    /// Years the count crossed whose holiday notice is not imported: counted on the law's
    /// statutory holidays only, so the date may still move when the notice comes.
    pub provisional: Vec<i32>,
}

impl DueDate {
    /// Whether the date rests on a year whose notice is not imported yet.
    pub fn is_provisional(&self) -> bool {
        !self.provisional.is_empty()
    }
}

/// The due date of a case accepted at `accepted`, with `limit`, after `suspended_days`
/// working days of suspension. Counting starts on the first working day after acceptance;
/// a limit in calendar days or months that ends on a day off moves to the next working day.
pub fn due_date(
    cal: &Calendar,
    accepted: NaiveDateTime,
    closing: NaiveTime,
    limit: TimeLimit,
    suspended_days: u32,
) -> DueDate {
    let day = accepted.date();
    let after_hours = accepted.time() >= closing || !cal.is_working_day(day);
    let mut rolled_from = None;
    let base = match limit.unit {
        LimitUnit::Immediate => {
            if after_hours {
                cal.next_working_day(day)
            } else {
                day
            }
        }
        LimitUnit::WorkingDays => cal.add_working_days(day, limit.n as u32),
        LimitUnit::CalendarDays | LimitUnit::Months => {
            let end = if limit.unit == LimitUnit::Months {
                day.checked_add_months(Months::new(limit.n as u32)).unwrap_or(day)
            } else {
                day + chrono::Days::new(limit.n as u64)
            };
            let moved = cal.this_or_next_working_day(end);
            if moved != end {
                rolled_from = Some(end);
            }
            moved
        }
    };
    let due = cal.add_working_days(base, suspended_days);
    DueDate {
        due,
        limit,
        start: day,
        after_hours: after_hours && limit.unit == LimitUnit::Immediate,
        suspended_days,
        rolled_from,
        notes: cal.notes_between(day, due),
        provisional: cal.unconfirmed_years(day, due),
    }
}

/// How close a case is to its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Nothing to worry about.
    Normal,
    /// Due today or on the next working day.
    DueSoon,
    /// Past its due date.
    Overdue,
}

/// Urgency of an open case due on `due`, seen on `today`.
pub fn urgency(cal: &Calendar, due: NaiveDate, today: NaiveDate) -> Urgency {
    if today > due {
        Urgency::Overdue
    } else if cal.working_days_between(today, due) <= 1 {
        Urgency::DueSoon
    } else {
        Urgency::Normal
    }
}

/// Whether `text` is a whole case number as the receipt prints it (day, dash, counter:
/// `20261130-0007`): what a barcode reader types before its Enter.
pub fn is_case_number(text: &str) -> bool {
    let Some((day, n)) = text.trim().split_once('-') else { return false };
    day.len() == 8 && n.len() >= 4 && n.len() <= 6 && (day.bytes().chain(n.bytes())).all(|b| b.is_ascii_digit())
}

impl Case {
    /// A 容缺 promise of this open case has passed on `today` without the material.
    pub fn promise_overdue(&self, today: NaiveDate) -> bool {
        self.state.is_open() && self.promised_by.is_some_and(|d| d < today)
    }
}

/// 好差评: five levels; 1 and 2 are bad and open a follow-up.
pub fn rating_is_bad(stars: u8) -> bool {
    stars <= 2
}

#[cfg(test)]
mod tests;
