//! What storage answers about residents' requests on the grid, and how it refuses.

use super::error::StorageError;
use crate::domain::request::{Kind, Provider, Rating, Source, State, StepError, Urgency};
pub use crate::domain::request::{RequestLine, RequestReport};
use chrono::NaiveDateTime;
use serde::Serialize;

/// Why a request operation did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestOpError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The step does not follow from where the request stands.
    #[error("not now")]
    Step(#[from] StepError),
    /// No such request (or not one this operator may read).
    #[error("not found")]
    NotFound,
    /// Only a complaint may leave the resident out.
    #[error("anonymous only for complaints")]
    AnonymousNotComplaint,
    /// No text: what the resident asks for is the request.
    #[error("empty text")]
    EmptyText,
    /// No such resident.
    #[error("no such resident")]
    NoResident,
    /// No such service on the menu.
    #[error("no such service")]
    NoService(String),
    /// No such grid.
    #[error("no such grid")]
    NoGrid(String),
    /// No such taker (grid staff, member, partner or department).
    #[error("no such taker")]
    NoTaker(String),
    /// Not this operator's to record: who took it, and who dispatched it (their name), say
    /// who may (`may_record`).
    #[error("not yours")]
    NotYours {
        /// Grid staff, member, partner or department.
        kind: Provider,
        /// The taker's name.
        taker: String,
        /// The dispatcher's name (their login when no longer on file).
        dispatcher: String,
    },
    /// Someone else changed it first; read it again.
    #[error("changed meanwhile")]
    Stale,
    /// A return or escalation needs its reason.
    #[error("reason needed")]
    NoReason,
    /// The member's hours broke a rule of hand-entered hours.
    #[error(transparent)]
    Hours(#[from] crate::domain::member::HoursProblem),
    /// A photo path names no image file; nothing was stored.
    #[error("photo {path}: {problem:?}")]
    Photo {
        /// The path as typed.
        path: String,
        /// What is wrong with it.
        problem: PhotoProblem,
    },
    /// A grid layout file could not be read.
    #[error("layout line {line}: {what}")]
    Layout {
        /// 1-based line (0: the file as a whole).
        line: usize,
        /// What is wrong, in the file's own words.
        what: String,
    },
}

/// Who a request is dispatched to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Taker {
    /// Grid staff, member, partner or department.
    pub kind: Provider,
    /// Grid staff's login.
    pub login: Option<String>,
    /// The member's row id.
    pub member_id: Option<i64>,
    /// The partner's or department's row id.
    pub contact_id: Option<i64>,
    /// As shown.
    pub name: String,
    /// Called in by escalation (吹哨).
    pub escalated: bool,
    /// Dispatched by (login).
    pub by: String,
    /// The dispatcher's name (their login when no longer on file).
    pub by_name: String,
    /// This dispatch's deadline.
    pub due_at: NaiveDateTime,
    /// Accepted at.
    pub accepted_at: Option<NaiveDateTime>,
}

/// One request as an operator may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    /// Row id.
    pub id: i64,
    /// Number on the receipt (SQ + date + sequence).
    pub number: String,
    /// Kind.
    pub kind: Kind,
    /// Menu service code.
    pub service: Option<String>,
    /// Menu service name.
    pub service_name: Option<String>,
    /// The resident's row id (None: anonymous, or hidden from this reader).
    pub resident_id: Option<i64>,
    /// The resident's name (None: anonymous, or hidden from this reader).
    pub resident_name: Option<String>,
    /// The resident is kept from this reader (a complaint they neither dispatch nor take).
    pub hidden: bool,
    /// Anonymous complaint.
    pub anonymous: bool,
    /// Where.
    pub place: String,
    /// Grid.
    pub grid: String,
    /// What the resident said.
    pub text: String,
    /// Urgency.
    pub urgency: Urgency,
    /// Photo file paths.
    pub photos: Vec<String>,
    /// Where it was taken.
    pub source: Source,
    /// State.
    pub state: State,
    /// Reopened once after an unsatisfied rating (重办).
    pub reopened: bool,
    /// The latest rating.
    pub rating: Option<Rating>,
    /// The open dispatch's deadline.
    pub due_at: Option<NaiveDateTime>,
    /// Completed at (the latest completion).
    pub done_at: Option<NaiveDateTime>,
    /// Closed (rated) at.
    pub closed_at: Option<NaiveDateTime>,
    /// Taken by (login).
    pub created_by: String,
    /// Taken at.
    pub created_at: NaiveDateTime,
    /// The current (or last) taker.
    pub taker: Option<Taker>,
    /// Optimistic-lock version.
    pub version: i64,
}

/// An entry of a request's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestEvent {
    /// When.
    pub at: NaiveDateTime,
    /// Who (login).
    pub operator: String,
    /// Their name (the login when no longer on file).
    pub name: String,
    /// What: taken, dispatch, accept, start, done, rate, return, escalate, reopen, supervisor.
    pub kind: String,
    /// The detail given.
    pub note: String,
}

/// Which requests a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    /// One state only.
    pub state: Option<State>,
    /// One grid only.
    pub grid: Option<String>,
    /// Open ones only (not rated).
    pub open: bool,
    /// Number, text, place or resident name contains this.
    pub text: String,
    /// At most this many, newest first.
    pub limit: usize,
}

/// Who reads: complaints show their resident only to the grid's leader, whoever dispatched or
/// takes it, and supervisors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// Login.
    pub login: String,
    /// Supervisor or admin.
    pub supervisor: bool,
}

/// A possible taker for a request, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// Grid staff, member, partner or department.
    pub kind: Provider,
    /// What `request dispatch --to` takes: `grid:LOGIN`, `member:ID`, `partner:NAME`, `department:NAME`.
    pub key: String,
    /// As shown.
    pub name: String,
    /// Why it fits: the grid, the skill, the service.
    pub why: String,
    /// Requests taken this month.
    pub load: u32,
}

/// Counts of one grid and kind for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestCount {
    /// Grid ('' when none).
    pub grid: String,
    /// Kind.
    pub kind: Kind,
    /// Open (not rated).
    pub open: u32,
    /// Open and past their deadline.
    pub overdue: u32,
    /// Rated unsatisfied (latest rating), open or not.
    pub unsatisfied: u32,
}

/// A grid as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grid {
    /// Name (第一网格).
    pub name: String,
    /// Grid leader's login.
    pub leader: String,
    /// Staff logins.
    pub staff: Vec<String>,
    /// (estate, building; '' for the whole estate).
    pub places: Vec<(String, String)>,
}

/// What a grid layout import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GridImport {
    /// Grids created or updated.
    pub grids: usize,
    /// Estates/buildings assigned.
    pub places: usize,
    /// Residents whose grid followed their address.
    pub residents: usize,
}

/// A request as taken, before the database numbers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    /// Kind.
    pub kind: Kind,
    /// Menu service code.
    pub service: Option<String>,
    /// The resident (None: an anonymous complaint).
    pub resident_id: Option<i64>,
    /// Where ('' = the resident's address).
    pub place: String,
    /// Grid (None = from the resident's record or the place).
    pub grid: Option<String>,
    /// What the resident said.
    pub text: String,
    /// Urgency.
    pub urgency: Urgency,
    /// Photo file paths.
    pub photos: Vec<String>,
    /// Where it was taken.
    pub source: Source,
    /// The queue number of the visit (at the window).
    pub ticket_id: Option<i64>,
}

/// Who a dispatch goes to, as typed: `grid:LOGIN`, `member:ID`, `partner:NAME`, `department:NAME`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakerRef {
    /// Grid staff by login.
    Grid(String),
    /// A member by row id.
    Member(i64),
    /// A partner or department by name.
    Contact(Provider, String),
}

impl TakerRef {
    /// Parses the typed form; a bare number is a member.
    pub fn parse(s: &str) -> Option<TakerRef> {
        let s = s.trim();
        if let Ok(id) = s.parse::<i64>() {
            return Some(TakerRef::Member(id));
        }
        let (kind, rest) = s.split_once(':')?;
        let rest = rest.trim();
        if rest.is_empty() {
            return None;
        }
        match Provider::from_str_opt(kind.trim())? {
            Provider::Grid => Some(TakerRef::Grid(rest.to_string())),
            Provider::Member => rest.parse().ok().map(TakerRef::Member),
            p => Some(TakerRef::Contact(p, rest.to_string())),
        }
    }
}

/// Who records a taker's steps (accept, start, return, done): grid staff record their own (or
/// their dispatcher, or a supervisor); a member's are recorded on their word by the member
/// desk, the dispatcher or a supervisor; a partner's or department's by the dispatcher (the
/// desk that called them in) or a supervisor. `role` is None for a login not on file.
pub fn may_record(
    kind: Provider,
    taker_login: Option<&str>,
    dispatcher: &str,
    login: &str,
    role: Option<crate::domain::operator::Role>,
) -> bool {
    use crate::domain::operator::{Permission, Role};
    if login == dispatcher || role.is_some_and(|r| r.may(Permission::Supervise)) {
        return true;
    }
    match kind {
        Provider::Grid => taker_login == Some(login),
        Provider::Member => role == Some(Role::MemberDesk),
        Provider::Partner | Provider::Department => false,
    }
}

impl Taker {
    /// Why `login` (of `role`) may not record this taker's steps, if they may not.
    pub fn refuses(&self, login: &str, role: crate::domain::operator::Role) -> Option<RequestOpError> {
        (!may_record(self.kind, self.login.as_deref(), &self.by, login, Some(role))).then(|| RequestOpError::NotYours {
            kind: self.kind,
            taker: self.name.clone(),
            dispatcher: self.by_name.clone(),
        })
    }
}

/// Why a request's photo path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoProblem {
    /// No such file (or it cannot be reached).
    Missing,
    /// A folder or something else, not a file.
    NotAFile,
    /// Not a picture by its ending (.jpg, .png …).
    NotImage,
}

/// File endings of the pictures a request keeps.
pub const PHOTO_ENDINGS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "bmp", "tif", "tiff"];

/// The photo paths typed into one field: separated by spaces, commas or semicolons.
pub fn photo_paths(typed: &str) -> Vec<String> {
    typed
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | ';' | '；'))
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Where a grid stands among the centre's grids by its name: 第一网格 → 1, 第十二网格 → 12,
/// 3号网格 → 3; None when the name carries no number (those follow, in layout order).
pub fn grid_number(name: &str) -> Option<u32> {
    let digits: String = name.chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let numeral = |c: char| "零一二三四五六七八九".chars().position(|x| x == c).map(|n| n as u32);
    let rest = name.strip_prefix('第').unwrap_or(name);
    let mut chars = rest.chars().peekable();
    let (mut value, mut seen) = (0u32, false);
    while let Some(&c) = chars.peek() {
        match (c, numeral(c)) {
            ('十', _) => value = value.max(1) * 10,
            ('百', _) => value = value.max(1) * 100,
            (_, Some(n)) => value = if value % 10 == 0 && value > 0 { value + n } else { value * 10 + n },
            _ => break,
        }
        seen = true;
        chars.next();
    }
    seen.then_some(value)
}
