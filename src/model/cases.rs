//! What storage answers about cases, and how it refuses.

use super::error::StorageError;
use crate::domain::case::{CaseError, CaseMaterial, CaseState, Channel};
use chrono::{NaiveDate, NaiveTime};

/// Why a case operation did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseOpError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A rule of the case refused it.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// No such case (or item, or resident).
    #[error("not found")]
    NotFound,
}

/// What a clerk fills in at intake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeRequest {
    /// The service item.
    pub item_code: String,
    /// The resident.
    pub resident_id: i64,
    /// How the case came.
    pub channel: Channel,
    /// The checklist, one line per material of the item.
    pub materials: Vec<CaseMaterial>,
}

/// Which cases a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// Only these states (empty: all).
    pub states: Vec<CaseState>,
    /// Only this clerk's.
    pub operator: Option<String>,
    /// Only those past due on this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only this item.
    pub item_code: Option<String>,
    /// Only this resident.
    pub resident_id: Option<i64>,
    /// Only running cases due on this day or the next working day (将到期).
    pub due_soon_on: Option<NaiveDate>,
    /// Only those whose number starts with, or whose resident's or item's name contains, this.
    pub text: Option<String>,
    /// Also those of these items (the caller's catalog search matched them, pinyin included).
    pub text_items: Vec<String>,
    /// Rows a reload reads from the top (0: one page), so the pages already shown stay.
    pub rows: usize,
}

/// Where a page of cases ends: (due date or "9999", id), the order of the list.
pub type CaseKey = (String, i64);

/// Cases a list reads at a time.
pub const CASE_PAGE: usize = 500;

/// Counts for the status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct CaseCounts {
    /// Open cases.
    pub open: usize,
    /// Running cases due today or on the next working day.
    pub due_soon: usize,
    /// Running cases past due.
    pub overdue: usize,
    /// Open cases with a 容缺 promise past and the material not brought.
    pub promise_overdue: usize,
}

/// The default closing time of the desk (setting `closing_time`).
pub const DEFAULT_CLOSING: NaiveTime = NaiveTime::from_hms_opt(17, 30, 0).unwrap();

/// What happened to one material line after intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaterialEvent {
    /// A 容缺 material was brought.
    Supplied,
    /// 代办: the original was handed to the desk.
    OriginalReceived,
    /// 代办: the original went back to the resident.
    OriginalReturned,
}
