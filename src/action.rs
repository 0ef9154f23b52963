//! Everything a key can do: one enum for keymap files, help and the command palette.

/// A user-level command. Keymap files name these in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Quit yichuang (asks first).
    Quit,
    /// Take back my last change made by a key that did not ask (if nobody changed it since).
    Undo,
    /// Show the keys that work here.
    Help,
    /// Open the command palette.
    Palette,
    /// Go to the next tab.
    NextTab,
    /// Go to the previous tab.
    PrevTab,
    /// Go to the service-item catalog.
    GotoCatalog,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move the selection a page up.
    PageUp,
    /// Move the selection a page down.
    PageDown,
    /// Jump to the first row.
    First,
    /// Jump to the last row.
    Last,
    /// Accept, open or confirm.
    Confirm,
    /// Go back: close, clear or leave the field.
    Back,
    /// Put the cursor in the search field.
    FocusSearch,
    /// Empty the search field.
    ClearSearch,
    /// Scroll the detail pane up.
    DetailUp,
    /// Scroll the detail pane down.
    DetailDown,
    /// Switch between Chinese and English.
    ToggleLang,
    /// Go to the cases list.
    GotoCases,
    /// Go to the residents.
    GotoResidents,
    /// Register a new resident.
    NewResident,
    /// Change the selected resident's record (name and ID number: supervisors only).
    EditResident,
    /// Show the full identity number and phone of the resident (audited).
    Reveal,
    /// Cycle the cases filter: open, due soon, overdue, awaiting materials, completed, all.
    CycleFilter,
    /// Show only my cases, or everyone's.
    ToggleMine,
    /// Show only cases of the selected case's item, or of every item.
    ToggleItem,
    /// Start handling the case (受理 → 办理中).
    CaseStart,
    /// Suspend the case with a reason (挂起).
    CaseSuspend,
    /// Resume a suspended case.
    CaseResume,
    /// The missing materials arrived (补正 → 受理).
    CaseSupply,
    /// Complete the case (办结).
    CaseComplete,
    /// Return the case with a reason (退件).
    CaseReturn,
    /// Refuse the case with a reason (不予受理).
    CaseReject,
    /// Record the resident's rating (好差评).
    CaseRate,
    /// Record the follow-up of a bad rating.
    CaseFollowUp,
    /// Print the receipt of the case: acceptance receipt or one-time notice.
    PrintReceipt,
    /// Print the item's what-to-bring slip (no case); a consultation of the number served.
    PrintSlip,
    /// Change the status of the material under the cursor (presented, missing, 容缺).
    ToggleMaterial,
    /// Promise the waived material a working day later.
    LaterPromise,
    /// Promise the waived material a working day earlier.
    EarlierPromise,
    /// Change how the case came: window, appointment, 代办, home visit.
    CycleChannel,
    /// Record an original handed over or given back (代办), or a 容缺 material brought.
    MaterialHandled,
    /// Next field of a form.
    NextField,
    /// Previous field of a form.
    PrevField,
    /// Save the form or submit the intake.
    Submit,
    /// Go to the queue.
    GotoQueue,
    /// Call the next number to my window.
    CallNext,
    /// Call the current number again (after three, a no-show).
    Recall,
    /// The resident is at my window.
    Serve,
    /// Finish the visit with its outcome.
    FinishVisit,
    /// The resident stepped away (to copy a document).
    Park,
    /// Call back the parked number under the cursor.
    CallBack,
    /// The current number did not come (过号).
    NoShow,
    /// Put the no-show under the cursor back in line.
    Reinstate,
    /// Send the current number to another category.
    TransferTicket,
    /// Issue a number at the front desk.
    TakeNumber,
    /// Issue a green-channel number (绿色通道) with its reason.
    TakeGreen,
    /// Sign in at my window, or out.
    SignInOut,
    /// Pause my window with a reason, or resume it.
    PauseWindow,
    /// Go to the appointments.
    GotoAppointments,
    /// Show the previous day.
    PrevDay,
    /// Show the next day.
    NextDay,
    /// Book the slot under the cursor for a resident.
    Book,
    /// Cancel the booking under the cursor (with a reason).
    CancelBooking,
    /// Check in the booking under the cursor: a priority number.
    CheckIn,
    /// Go to the mediation rooms.
    GotoRooms,
    /// Go to the mediation cases.
    GotoMediation,
    /// Day grid or week view.
    ToggleWeek,
    /// Move the room to the left.
    RoomLeft,
    /// Move the room to the right.
    RoomRight,
    /// Make the booking 15 minutes longer.
    Longer,
    /// Make the booking 15 minutes shorter.
    Shorter,
    /// Move my booking under the cursor.
    MoveRoomBooking,
    /// Show the rooms of a date typed in (2027-02-03).
    GoToDate,
    /// Change the purpose or case link of my booking under the cursor.
    EditBooking,
    /// Move the booking under the cursor and the later dates of its weekly series.
    MoveSeries,
    /// Cancel the booking under the cursor and the later dates of its weekly series.
    CancelSeries,
    /// Open a new mediation case.
    NewMediation,
    /// Begin mediating.
    MediationStart,
    /// Record the agreement.
    MediationAgree,
    /// Mediation failed (with a reason).
    MediationFail,
    /// Stop mediation (with a reason).
    MediationTerminate,
    /// Record a follow-up visit and how the agreement is kept.
    MediationVisit,
    /// Go to the residents' requests (诉求).
    GotoRequests,
    /// Dispatch the request to one of the ranked candidates (派单).
    RequestDispatch,
    /// The taker accepts the request (接单).
    RequestAccept,
    /// The taker starts on it (处理中).
    RequestStart,
    /// The taker reports it done (办结; a member's hours with it).
    RequestDone,
    /// The taker cannot do it: back to dispatch, with the reason (退回).
    RequestReturn,
    /// Call a department in (吹哨): department, working days, reason.
    RequestEscalate,
    /// The resident's rating: 满意, 基本满意, 不满意.
    RequestRate,
    /// Take a new request: who from, then what, where and how urgent.
    NewRequest,
    /// Go to the party members.
    GotoMembers,
    /// Next part of the Members screen: registry, activities, check-in desk, ranking.
    MembersView,
    /// Register a party member (on Activities: create an activity).
    NewMember,
    /// Enter hours by hand for the member, with a reason.
    ManualHours,
    /// Import a work unit's 报到 roster (.xlsx, .xls, .csv): a preview first, then one batch.
    ImportRoster,
    /// Decline the selected service record, with a reason (it is kept).
    DeclineRecord,
    /// Record that the member reported (报到) again today.
    MemberReport,
    /// Change the member's standing: active, moved away, transferred.
    MemberStatus,
    /// Write a quarter's feedback reports, one per work unit.
    Feedback,
    /// Go to the supervisor's dashboard.
    GotoDashboard,
    /// Dashboard / audit trail.
    ToggleAudit,
    /// Write the daily or monthly report (XLSX and CSV) in the background.
    WriteReport,
    /// Add an operator (admins).
    OperatorAdd,
    /// Change the selected operator's role and window (admins).
    OperatorSet,
    /// Retire the selected operator (admins; history is kept).
    OperatorRetire,
    /// Set a target or threshold (wait minutes, member hours, report months, category alarm).
    SetTarget,
    /// Administration: windows and their categories, rooms, the holiday calendar.
    AdminCommand,
    /// Free the selected window: sign out a clerk who has gone and settle a number left open.
    FreeWindow,
    /// Show or leave the hand-entered hours awaiting a supervisor's approval.
    PendingHours,
    /// Approve the selected hours awaiting approval.
    ApproveHours,
    /// Reject the selected hours awaiting approval (with a reason).
    RejectHours,
}

impl Action {
    /// Every action with its name in keymap files, in help order.
    pub const ALL: &'static [(Action, &'static str)] = &[
        (Action::Help, "help"),
        (Action::Palette, "palette"),
        (Action::Quit, "quit"),
        (Action::Undo, "undo"),
        (Action::NextTab, "next_tab"),
        (Action::PrevTab, "prev_tab"),
        (Action::GotoCatalog, "goto_catalog"),
        (Action::Up, "up"),
        (Action::Down, "down"),
        (Action::PageUp, "page_up"),
        (Action::PageDown, "page_down"),
        (Action::First, "first"),
        (Action::Last, "last"),
        (Action::Confirm, "confirm"),
        (Action::Back, "back"),
        (Action::FocusSearch, "focus_search"),
        (Action::ClearSearch, "clear_search"),
        (Action::DetailUp, "detail_up"),
        (Action::DetailDown, "detail_down"),
        (Action::ToggleLang, "toggle_lang"),
        (Action::GotoCases, "goto_cases"),
        (Action::GotoResidents, "goto_residents"),
        (Action::NewResident, "new_resident"),
        (Action::EditResident, "edit_resident"),
        (Action::Reveal, "reveal"),
        (Action::CycleFilter, "cycle_filter"),
        (Action::ToggleMine, "toggle_mine"),
        (Action::ToggleItem, "toggle_item"),
        (Action::CaseStart, "case_start"),
        (Action::CaseSuspend, "case_suspend"),
        (Action::CaseResume, "case_resume"),
        (Action::CaseSupply, "case_supply"),
        (Action::CaseComplete, "case_complete"),
        (Action::CaseReturn, "case_return"),
        (Action::CaseReject, "case_reject"),
        (Action::CaseRate, "case_rate"),
        (Action::CaseFollowUp, "case_follow_up"),
        (Action::PrintReceipt, "print_receipt"),
        (Action::PrintSlip, "print_slip"),
        (Action::ToggleMaterial, "toggle_material"),
        (Action::LaterPromise, "later_promise"),
        (Action::EarlierPromise, "earlier_promise"),
        (Action::CycleChannel, "cycle_channel"),
        (Action::MaterialHandled, "material_handled"),
        (Action::NextField, "next_field"),
        (Action::PrevField, "prev_field"),
        (Action::Submit, "submit"),
        (Action::GotoQueue, "goto_queue"),
        (Action::CallNext, "call_next"),
        (Action::Recall, "recall"),
        (Action::Serve, "serve"),
        (Action::FinishVisit, "finish_visit"),
        (Action::Park, "park"),
        (Action::CallBack, "call_back"),
        (Action::NoShow, "no_show"),
        (Action::Reinstate, "reinstate"),
        (Action::TransferTicket, "transfer_ticket"),
        (Action::TakeNumber, "take_number"),
        (Action::TakeGreen, "take_green"),
        (Action::SignInOut, "sign_in_out"),
        (Action::PauseWindow, "pause_window"),
        (Action::GotoAppointments, "goto_appointments"),
        (Action::PrevDay, "prev_day"),
        (Action::NextDay, "next_day"),
        (Action::Book, "book"),
        (Action::CancelBooking, "cancel_booking"),
        (Action::CheckIn, "check_in"),
        (Action::GotoRooms, "goto_rooms"),
        (Action::GotoMediation, "goto_mediation"),
        (Action::ToggleWeek, "toggle_week"),
        (Action::RoomLeft, "room_left"),
        (Action::RoomRight, "room_right"),
        (Action::Longer, "longer"),
        (Action::Shorter, "shorter"),
        (Action::MoveRoomBooking, "move_booking"),
        (Action::GoToDate, "go_to_date"),
        (Action::EditBooking, "edit_booking"),
        (Action::MoveSeries, "move_series"),
        (Action::CancelSeries, "cancel_series"),
        (Action::NewMediation, "new_mediation"),
        (Action::MediationStart, "mediation_start"),
        (Action::MediationAgree, "mediation_agree"),
        (Action::MediationFail, "mediation_fail"),
        (Action::MediationTerminate, "mediation_terminate"),
        (Action::MediationVisit, "mediation_visit"),
        (Action::GotoRequests, "goto_requests"),
        (Action::RequestDispatch, "request_dispatch"),
        (Action::RequestAccept, "request_accept"),
        (Action::RequestStart, "request_start"),
        (Action::RequestDone, "request_done"),
        (Action::RequestReturn, "request_return"),
        (Action::RequestEscalate, "request_escalate"),
        (Action::RequestRate, "request_rate"),
        (Action::NewRequest, "new_request"),
        (Action::GotoMembers, "goto_members"),
        (Action::MembersView, "members_view"),
        (Action::NewMember, "new_member"),
        (Action::ManualHours, "manual_hours"),
        (Action::ImportRoster, "import_roster"),
        (Action::DeclineRecord, "decline_record"),
        (Action::MemberReport, "member_report"),
        (Action::MemberStatus, "member_status"),
        (Action::Feedback, "feedback"),
        (Action::GotoDashboard, "goto_dashboard"),
        (Action::ToggleAudit, "toggle_audit"),
        (Action::WriteReport, "write_report"),
        (Action::OperatorAdd, "operator_add"),
        (Action::OperatorSet, "operator_set"),
        (Action::OperatorRetire, "operator_retire"),
        (Action::SetTarget, "set_target"),
        (Action::AdminCommand, "admin_command"),
        (Action::FreeWindow, "free_window"),
        (Action::PendingHours, "pending_hours"),
        (Action::ApproveHours, "approve_hours"),
        (Action::RejectHours, "reject_hours"),
    ];

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        Action::ALL.iter().find(|(a, _)| *a == self).map(|(_, n)| *n).unwrap_or("?")
    }

    /// Parses a keymap-file name.
    pub fn from_name(s: &str) -> Option<Action> {
        Action::ALL.iter().find(|(_, n)| *n == s).map(|(a, _)| *a)
    }

    /// Bare cursor movement: every list takes it, so the hint bar leaves it out.
    pub fn is_movement(self) -> bool {
        matches!(self, Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First | Action::Last)
    }

    /// Actions worth offering in the command palette (not bare cursor movement).
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last
                | Action::Confirm
                | Action::Back
                | Action::Palette
                | Action::NextField
                | Action::PrevField
                | Action::ToggleMaterial
                | Action::LaterPromise
                | Action::EarlierPromise
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (a, n) in Action::ALL {
            assert_eq!(Action::from_name(n), Some(*a));
            assert_eq!(a.name(), *n);
        }
        assert_eq!(Action::from_name("explode"), None);
    }
}
