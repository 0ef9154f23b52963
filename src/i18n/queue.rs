//! Words of the queue, windows and appointments.

use super::pick;
use crate::app::Lang;
use crate::domain::appointment::{AppointmentState, BookingError};
use crate::domain::queue::{Outcome, TicketState, Why};
use crate::storage::QueueError;

/// A ticket state.
pub fn ticket_state(lang: Lang, s: TicketState) -> &'static str {
    match s {
        TicketState::Waiting => pick(lang, "等候", "waiting"),
        TicketState::Called => pick(lang, "已呼叫", "called"),
        TicketState::Serving => pick(lang, "办理中", "serving"),
        TicketState::Parked => pick(lang, "暂离", "parked"),
        TicketState::Done => pick(lang, "已完成", "done"),
        TicketState::NoShow => pick(lang, "过号", "no-show"),
        TicketState::Expired => pick(lang, "已作废", "expired"),
    }
}

/// A visit's outcome.
pub fn outcome(lang: Lang, o: Outcome) -> &'static str {
    match o {
        Outcome::Consultation => pick(lang, "咨询", "consultation"),
        Outcome::CaseAccepted => pick(lang, "受理办件", "case accepted"),
        Outcome::CertificateCollected => pick(lang, "领取证件", "certificate collected"),
        Outcome::Other => pick(lang, "其他", "other"),
    }
}

/// Why a ticket is next, as the clerk sees it: "绿色通道 · 80岁", "预约 09:30", "最早取号".
pub fn why(lang: Lang, w: &Why) -> String {
    match (lang, w) {
        (Lang::Zh, Why::Green { reason, age: Some(a) }) if !reason.contains(&a.to_string()) => {
            format!("绿色通道 · {reason} · {a}岁")
        }
        (Lang::Zh, Why::Green { reason, .. }) => format!("绿色通道 · {reason}"),
        (Lang::En, Why::Green { reason, age: Some(a) }) => format!("green channel · {reason} · age {a}"),
        (Lang::En, Why::Green { reason, .. }) => format!("green channel · {reason}"),
        (Lang::Zh, Why::Appointment { at }) => format!("预约 {}", at.format("%H:%M")),
        (Lang::En, Why::Appointment { at }) => format!("appointment {}", at.format("%H:%M")),
        (Lang::Zh, Why::Earliest) => "最早取号".into(),
        (Lang::En, Why::Earliest) => "earliest ticket".into(),
    }
}

/// An appointment's state.
pub fn appointment_state(lang: Lang, s: AppointmentState) -> &'static str {
    match s {
        AppointmentState::Booked => pick(lang, "已预约", "booked"),
        AppointmentState::Cancelled => pick(lang, "已取消", "cancelled"),
        AppointmentState::CheckedIn => pick(lang, "已签到", "checked in"),
        AppointmentState::Late => pick(lang, "迟到（按普通号）", "late (walk-in)"),
        AppointmentState::NoShow => pick(lang, "爽约", "no-show"),
    }
}

/// A refused booking.
pub fn booking_error(lang: Lang, e: &BookingError) -> &'static str {
    match e {
        BookingError::NotWorkingDay => pick(
            lang,
            "该日不是工作日（周末或法定节假日），请选择其他日期",
            "That day is not a working day; choose another",
        ),
        BookingError::Past => pick(lang, "该时段已过，不能预约", "That slot is in the past"),
        BookingError::TooFar => pick(lang, "最多只能预约 14 天以内", "Bookings open at most 14 days ahead"),
        BookingError::NoSuchSlot => pick(lang, "没有这个时段", "There is no such slot"),
        BookingError::Full => pick(lang, "该时段已约满，请选择其他时段", "That slot is full; choose another"),
        BookingError::NoCapacity => {
            pick(lang, "没有窗口办理该类别，暂不能预约", "No window serves this category, so it takes no bookings")
        }
        BookingError::NotToday => {
            pick(lang, "只能为今天且尚未签到的预约签到", "Only today's bookings that are not checked in can check in")
        }
        BookingError::TooEarly => {
            pick(lang, "签到时间为预约时段前 30 分钟至后 15 分钟", "Check-in opens 30 minutes before the slot")
        }
    }
}

/// A refused queue operation.
pub fn queue_error(lang: Lang, e: &QueueError) -> String {
    let zh = lang == Lang::Zh;
    match e {
        QueueError::Storage(e) => super::storage_error(lang, e),
        QueueError::UnknownCategory(c) => {
            if zh {
                format!(
                    "没有“{c}”这个类别或事项（或已停用）。可用类别编码、取号字母、类别名或事项编码，如 SB、A、社保、SB-001"
                )
            } else {
                format!(
                    "No category or item “{c}” (or it is retired). Use a code, letter, name or item code: SB, A, 社保, SB-001"
                )
            }
        }
        QueueError::NoWindow(n) => {
            if zh {
                format!("没有 {n} 号窗口")
            } else {
                format!("There is no window {n}")
            }
        }
        QueueError::WindowTaken { window, operator } => {
            if zh {
                format!("{window} 号窗口已由 {operator} 签到，不能重复签到")
            } else {
                format!("Window {window} is signed in by {operator}")
            }
        }
        QueueError::NotSignedIn => {
            pick(lang, "您尚未在窗口签到，请先按 w 签到", "You are not signed in at a window; press w first").into()
        }
        QueueError::Paused(r) => {
            if zh {
                format!("窗口已暂停（{r}），请先恢复")
            } else {
                format!("The window is paused ({r}); resume it first")
            }
        }
        QueueError::NobodyWaiting => pick(lang, "没有等候的号", "Nobody is waiting").into(),
        QueueError::NoTicket => pick(lang, "找不到这个号（只能处理今天的号）", "No such ticket today").into(),
        QueueError::WrongState(s) => {
            if zh {
                format!("该号{}，不能这样操作", ticket_state(lang, *s))
            } else {
                format!("That ticket is {}; this cannot be done", ticket_state(lang, *s))
            }
        }
        QueueError::Conflict => {
            pick(lang, "该号刚被其他窗口处理，已刷新", "Another window just handled this ticket; refreshed").into()
        }
        QueueError::ReasonRequired => pick(lang, "请填写原因", "Give a reason").into(),
        QueueError::Booking(b) => booking_error(lang, b).into(),
    }
}

/// A ticket issued at the kiosk, for the shell.
pub fn issued(lang: Lang, number: &str, category: &str, position: usize, wait: u32) -> String {
    match lang {
        Lang::Zh => format!("{number}  {category}  前面还有 {} 人，预计等候约 {wait} 分钟", position.saturating_sub(1)),
        Lang::En => format!("{number}  {category}  {} ahead, about {wait} min", position.saturating_sub(1)),
    }
}
