//! Dialogs drawn over the screen: help, command palette, confirmation.

use super::Tab;
use super::input::{Input, InsertReport};
use crate::action::Action;
use crate::domain::operator::Permission;
use crate::search::{Document, Hit, Index};

/// The dialog on top, if any.
#[derive(Debug)]
pub enum Overlay {
    /// Keys that work here, generated from the keymap.
    Help {
        /// First line shown.
        scroll: u16,
    },
    /// A result too long for the status line (a calendar import's dates, moved cases and
    /// bookings to rebook), read and closed.
    Report {
        /// What it reports on.
        title: String,
        /// Its lines.
        lines: Vec<String>,
        /// First line shown.
        scroll: u16,
    },
    /// Fuzzy search over actions.
    Palette(Box<Palette>),
    /// Asks before doing something that cannot be undone.
    Confirm {
        /// What happens on yes.
        action: Action,
        /// What is asked.
        ask: Ask,
    },
    /// Asks for a reason, a rating or a note before a case changes.
    Prompt(Prompt),
    /// A form of fields: a resident, a party member, an activity, a mediation case.
    Form(Box<super::form::Form>),
    /// Shows what intake will do (accept, or hand over the one-time notice) before it does.
    ConfirmIntake(super::IntakePreview),
    /// Free a window whose clerk has gone: names the window, the clerk and the open numbers.
    FreeWindow(FreeWindow),
    /// Who a request is dispatched to: its ranked candidates, picked with ↑/↓.
    Dispatch(DispatchPick),
    /// How a visit ended: 1–4 picks the outcome.
    Outcome {
        /// Ticket.
        id: i64,
        /// Version seen.
        version: i64,
        /// Number, for the title.
        number: String,
    },
}

/// What a key that cannot be undone asks before it acts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// "Do this?", in the action's own words.
    Plain,
    /// Signing out with this number still open at the window.
    OpenNumber(String),
    /// The last recall allowed: this number becomes a no-show (过号) if it is pressed once more.
    LastRecall(String),
    /// Calling this waiting number before those ahead of it.
    OutOfTurn(String),
    /// Leaving the materials of this item's intake: this many ticks are cleared.
    DropTicks(String, usize),
    /// Printing this item's slip records this number's visit as a consultation.
    Consultation(String, String),
    /// The action, for the person or record named here.
    Of(String),
}

/// What a prompt's text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    /// 挂起 reason.
    Suspend,
    /// 退件 reason.
    Return,
    /// 不予受理 reason.
    Reject,
    /// 1–5 stars.
    Rate,
    /// What the follow-up of a bad rating found.
    FollowUp,
    /// The category (or window) a ticket goes to.
    Transfer,
    /// The category or item of a number to issue.
    Take,
    /// The category or item of a green-channel number, then its reason.
    TakeGreen,
    /// Why the window pauses.
    Pause,
    /// Who the slot is booked for (a resident search).
    BookFor,
    /// Why a booking is cancelled.
    CancelBooking,
    /// What a room booking is for (or a mediation case number).
    RoomPurpose,
    /// The date the rooms' grid goes to.
    RoomDate,
    /// A booking's new purpose or case number.
    RoomEdit,
    /// Why a weekly series is cancelled from one date on.
    CancelRoomSeries,
    /// Why a room booking is cancelled.
    CancelRoom,
    /// The agreement reached.
    Agree,
    /// Why mediation failed.
    Fail,
    /// Why mediation stopped.
    Terminate,
    /// Performance (1 已履行, 2 部分, 3 未履行) and what the visit found.
    MediationVisit,
    /// Hours entered by hand for a member: "date hours [points per hour] reason".
    ManualHours,
    /// A work unit's roster to import: "FILE… [确认]".
    ImportRoster,
    /// Decline a service record with a reason.
    DeclineRecord,
    /// A member's standing: 1 active, 2 moved away, 3 transferred.
    MemberStatus,
    /// The quarter whose feedback reports to write ("2026Q4"; empty: this quarter).
    Feedback,
    /// Why hand-entered hours awaiting approval are rejected.
    RejectHours,
    /// The audit filter: "operator:wangfang action:reveal entity:case date:2026-11-20".
    AuditFilter,
    /// Which report: "d" or "m", then a date (empty: today's daily report).
    Report,
    /// A new operator: "login 姓名 role [window]".
    OperatorAdd,
    /// The selected operator's "role [window]".
    OperatorSet,
    /// Retire the selected operator: type their login to confirm.
    OperatorRetire,
    /// A target or threshold: "wait 30", "hours 50", "months 6", "threshold SB 10".
    Target,
    /// An administration command: windows, rooms, calendar import.
    Admin,
    /// A member's hours for a request done (empty: none).
    RequestDone,
    /// Why the taker sends a request back.
    RequestReturn,
    /// Department, working days and reason of a 吹哨.
    RequestEscalate,
    /// The resident's rating: 1 满意, 2 基本满意, 3 不满意.
    RequestRate,
    /// Who a new request is from (a resident search).
    RequestFor,
}

impl PromptFor {
    /// The screen whose prompt this is: it takes the answer.
    pub fn owner(self) -> Tab {
        use PromptFor::*;
        match self {
            Suspend | Return | Reject | Rate | FollowUp => Tab::Cases,
            Transfer | Take | TakeGreen | Pause => Tab::Queue,
            BookFor | CancelBooking => Tab::Appointments,
            RoomPurpose | CancelRoom | RoomDate | RoomEdit | CancelRoomSeries => Tab::Rooms,
            Agree | Fail | Terminate | MediationVisit => Tab::Mediation,
            ManualHours | DeclineRecord | MemberStatus | Feedback | RejectHours | ImportRoster => Tab::Members,
            AuditFilter | Report | OperatorAdd | OperatorSet | OperatorRetire | Target | Admin => Tab::Dashboard,
            RequestDone | RequestReturn | RequestEscalate | RequestRate | RequestFor => Tab::Requests,
        }
    }
}

impl PromptFor {
    /// What the answer's effect needs (`effect::required`): a prompt whose answer this role
    /// could not send is never opened. No wildcard arm: a new prompt needs a decision here.
    pub fn needs(self) -> Permission {
        use PromptFor::*;
        match self {
            Suspend | Return | Reject | Rate | FollowUp | BookFor | CancelBooking | Transfer | Pause => {
                Permission::Cases
            }
            Take | TakeGreen => Permission::TakeNumber,
            RoomPurpose | CancelRoom | RoomEdit | CancelRoomSeries | Agree | Fail | Terminate | MediationVisit => {
                Permission::Mediation
            }
            // Going to a date only moves the view: whoever sees the rooms may.
            RoomDate => Permission::ReadCatalog,
            ManualHours | DeclineRecord | MemberStatus | Feedback | ImportRoster => Permission::Members,
            AuditFilter | Report | Target | Admin | RejectHours => Permission::Supervise,
            OperatorAdd | OperatorSet | OperatorRetire => Permission::Administer,
            RequestEscalate => Permission::Dispatch,
            RequestDone | RequestReturn | RequestRate | RequestFor => Permission::Requests,
        }
    }
}

impl Overlay {
    /// What sending this dialog's answer needs, for the dialogs that send one.
    pub fn needs(&self) -> Option<Permission> {
        use super::form::FormKind;
        match self {
            Overlay::Prompt(p) => Some(p.purpose.needs()),
            Overlay::Form(f) => Some(match f.kind {
                FormKind::Resident | FormKind::ResidentEdit => Permission::Cases,
                FormKind::Member | FormKind::Activity => Permission::Members,
                FormKind::Mediation => Permission::Mediation,
                FormKind::Request => Permission::Requests,
            }),
            Overlay::FreeWindow(_) => Some(Permission::Supervise),
            Overlay::Dispatch(_) => Some(Permission::Dispatch),
            Overlay::ConfirmIntake(_) | Overlay::Outcome { .. } => Some(Permission::Cases),
            Overlay::Help { .. } | Overlay::Report { .. } | Overlay::Palette(_) | Overlay::Confirm { .. } => None,
        }
    }
}

/// A one-line question about the selected case.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// What the answer is for.
    pub purpose: PromptFor,
    /// The case or ticket, and the version the clerk saw (0 when none).
    pub id: i64,
    /// Version seen.
    pub version: i64,
    /// Case number, for the title.
    pub number: String,
    /// The answer.
    pub input: Input,
    /// The last answer was refused (empty, or not 1–5).
    pub invalid: bool,
    /// The slot being booked (day, time, category).
    pub slot: Option<(chrono::NaiveDate, chrono::NaiveTime, String)>,
    /// The answer is a person: the candidates for what is typed, and the one picked.
    pub pick: Option<super::pick::Picking>,
}

impl Prompt {
    /// An empty prompt of at most `max` characters about a record (id, version, number shown).
    pub fn new(purpose: PromptFor, id: i64, version: i64, number: String, max: usize) -> Prompt {
        Prompt { purpose, id, version, number, input: Input::new(max), invalid: false, slot: None, pick: None }
    }
}

/// The command palette.
#[derive(Debug)]
pub struct Palette {
    /// What was typed.
    pub input: Input,
    /// Actions offered, in `Action::ALL` order.
    pub actions: Vec<Action>,
    index: Index,
    /// Ranked matches.
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
}

impl Palette {
    /// Opens the palette; `describe` gives each action's words in the current language and
    /// in the other one, both searchable.
    pub fn new(offered: &[Action], describe: impl Fn(Action) -> (String, String)) -> Palette {
        // Only what this operator can do on this screen, in help order.
        let actions: Vec<Action> =
            Action::ALL.iter().map(|(a, _)| *a).filter(|a| a.in_palette() && offered.contains(a)).collect();
        let docs = actions
            .iter()
            .map(|a| {
                let (here, other) = describe(*a);
                Document { name: here, code: a.name().to_string(), keywords: vec![other], ..Default::default() }
            })
            .collect();
        let mut p = Palette { input: Input::new(60), actions, index: Index::new(docs), hits: Vec::new(), selected: 0 };
        p.research();
        p
    }

    /// Re-ranks after the input changed.
    pub fn research(&mut self) {
        self.hits = self.index.search(self.input.text(), usize::MAX);
        self.selected = 0;
    }

    /// The action under the cursor.
    pub fn chosen(&self) -> Option<Action> {
        self.hits.get(self.selected).map(|h| self.actions[h.doc as usize])
    }

    /// Moves the selection, staying inside the list.
    pub fn move_by(&mut self, delta: isize) {
        if !self.hits.is_empty() {
            self.selected = (self.selected as isize + delta).clamp(0, self.hits.len() as isize - 1) as usize;
        }
    }
}

impl Overlay {
    /// Typed or pasted text for the dialog's focused field; what was cut and the field's limit.
    pub fn insert(&mut self, text: &str) -> Option<(InsertReport, usize)> {
        match self {
            Overlay::Palette(p) => {
                let r = p.input.insert(text);
                p.research();
                Some((r, p.input.max()))
            }
            Overlay::Prompt(p) => {
                p.invalid = false;
                Some((p.input.insert(text), p.input.max()))
            }
            Overlay::Form(f) => f.insert(text),
            _ => None,
        }
    }
}

/// A window to free: who is signed in there and which numbers are open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeWindow {
    /// Window number.
    pub window: u16,
    /// The clerk signed in there, if any.
    pub operator: Option<String>,
    /// Numbers open there (called, being served, parked).
    pub numbers: Vec<String>,
}

/// The dispatch picker: every ranked candidate for one request, the one highlighted, and
/// whether Enter was pressed once (the dialog then names the request and the taker and waits
/// for a second).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DispatchPick {
    /// The request.
    pub id: i64,
    /// Its version seen.
    pub version: i64,
    /// Its number and resident, as the title names them.
    pub label: String,
    /// Its number alone, for the question.
    pub number: String,
    /// Best first.
    pub candidates: Vec<crate::model::requests::Candidate>,
    /// Index into `candidates`.
    pub selected: usize,
    /// Enter was pressed once.
    pub confirming: bool,
}

impl DispatchPick {
    /// Moves the highlight, staying inside the list; a pending question is dropped.
    pub fn move_by(&mut self, delta: isize) {
        if !self.candidates.is_empty() {
            let last = self.candidates.len() as isize - 1;
            self.selected = (self.selected as isize).saturating_add(delta).clamp(0, last) as usize;
        }
        self.confirming = false;
    }

    /// The highlighted candidate.
    pub fn chosen(&self) -> Option<&crate::model::requests::Candidate> {
        self.candidates.get(self.selected)
    }
}
