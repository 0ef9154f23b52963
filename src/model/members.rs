//! What storage answers about members, and how it refuses.

use super::error::StorageError;
use crate::domain::member::{CheckinError, Member, Service, halves};

/// Why a member operation did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemberOpError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A check-in rule refused it.
    #[error(transparent)]
    Rule(#[from] CheckinError),
    /// No such member, activity or record.
    #[error("not found")]
    NotFound,
    /// The identity number is already registered (to this member).
    #[error("already registered")]
    Duplicate(Box<Member>),
    /// The record was declined before.
    #[error("already declined")]
    AlreadyDeclined,
    /// Hours entered by hand broke a rule (named).
    #[error(transparent)]
    Hours(#[from] crate::domain::member::HoursProblem),
    /// Only a supervisor approves or rejects hours awaiting approval.
    #[error("supervisor only")]
    SupervisorOnly,
    /// The entry is no longer awaiting approval (someone decided it meanwhile).
    #[error("not pending")]
    NotPending,
    /// No hand entry awaits approval.
    #[error("nothing pending")]
    NothingPending,
}

/// A member with the year's totals.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MemberTotals {
    /// The member.
    pub member: Member,
    /// Half hours counted this year.
    pub half_hours: u32,
    /// Points counted this year, in halves.
    pub half_points: u32,
}

impl MemberTotals {
    /// Hours as text ("12.5").
    pub fn hours(&self) -> String {
        halves(self.half_hours)
    }

    /// Points as text.
    pub fn points(&self) -> String {
        halves(self.half_points)
    }
}

/// A work unit's totals for a year.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitTotals {
    /// Work unit.
    pub unit: String,
    /// Active members.
    pub members: u32,
    /// Half hours.
    pub half_hours: u32,
    /// Points in halves.
    pub half_points: u32,
    /// Members below the yearly target.
    pub below: u32,
}

impl UnitTotals {
    /// Hours per member, exact to one decimal (never floored to a half hour).
    pub fn average(&self) -> String {
        if self.members == 0 {
            return "0.0".into();
        }
        format!("{:.1}", f64::from(self.half_hours) / 2.0 / f64::from(self.members))
    }
}

/// One work unit's members and their service in a quarter (反馈单).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitFeedback {
    /// Work unit.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// Quarter 1–4.
    pub quarter: u32,
    /// Members with their counted records of the quarter.
    pub members: Vec<(crate::domain::member::Member, Vec<crate::domain::member::Service>)>,
    /// The day the figures were read: the issue date of the document.
    pub issued: chrono::NaiveDate,
    /// The yearly target in hours.
    pub target_hours: u32,
    /// Half hours counted per member id from 1 January to the quarter's end.
    pub year_half_hours: std::collections::BTreeMap<i64, u32>,
    /// The centre's contact phone (setting `centre_phone`); empty when unset.
    pub contact: String,
}

impl UnitFeedback {
    /// The day the figures stop at while the quarter is still running, so the unit knows
    /// the hours are not final; `None` once it is over.
    pub fn as_of(&self) -> Option<chrono::NaiveDate> {
        let (_, last) = crate::domain::member::quarter_span(self.year, self.quarter);
        (self.issued < last).then_some(self.issued)
    }

    /// Half hours a member has counted this year up to the quarter's end.
    pub fn year_to_date(&self, member_id: i64) -> u32 {
        self.year_half_hours.get(&member_id).copied().unwrap_or(0)
    }
}

/// Hours entered by hand that await a supervisor's approval, with whose they are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PendingHours {
    /// The record.
    pub record: Service,
    /// The member's name.
    pub name: String,
    /// The member's work unit.
    pub unit: String,
    /// Why it waits: above the threshold (false) or outside the entry window (true).
    pub outside_window: bool,
}
