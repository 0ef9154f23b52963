//! Words of the queue, windows and appointments.

use super::pick;
use crate::domain::appointment::{AppointmentState, BookingError};
use crate::domain::lang::Lang;
use crate::domain::queue::{CallReason, Outcome, TicketState, Why};
use crate::model::QueueError;

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
        Outcome::Notice => pick(lang, "一次性告知", "one-time notice"),
        Outcome::CertificateCollected => pick(lang, "领取证件", "certificate collected"),
        Outcome::Other => pick(lang, "其他", "other"),
        Outcome::Request => pick(lang, "登记诉求", "request registered"),
    }
}

/// Why a number was called out of turn.
pub fn call_reason(lang: Lang, r: CallReason) -> &'static str {
    match r {
        CallReason::Priority => pick(lang, "老弱病残孕优先", "priority (elderly, disabled, pregnant)"),
        CallReason::AppointmentDue => pick(lang, "预约已到时", "appointment time reached"),
        CallReason::TransferredHere => pick(lang, "转来本窗口", "transferred to this window"),
        CallReason::Other => pick(lang, "其他", "other"),
    }
}

/// Why a ticket is where it is, as the clerk sees it: "绿色通道 · 80岁", "预约 09:30",
/// "转自 1号窗口 · 社保", "过号重排", "现场取号", "最早取号" (the head of the line only).
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
        (_, Why::Transferred(t)) => {
            let from = match t.window {
                Some(n) => format!("{} · {}", super::window(lang, n), t.category),
                None => t.category.clone(),
            };
            match lang {
                Lang::Zh => format!("转自 {from}"),
                Lang::En => format!("transferred from {from}"),
            }
        }
        (_, Why::Reinstated) => pick(lang, "过号重排", "back in line after a no-show").into(),
        (_, Why::WalkIn) => pick(lang, "现场取号", "walk-in").into(),
        (Lang::Zh, Why::Earliest) => "最早取号".into(),
        (Lang::En, Why::Earliest) => "earliest ticket".into(),
        (Lang::Zh, Why::OutOfTurn(r)) => format!("提前叫号 · {}", call_reason(lang, *r)),
        (Lang::En, Why::OutOfTurn(r)) => format!("out of turn · {}", call_reason(lang, *r)),
    }
}

/// The question asked before a queue key that cannot be undone, when it is one of the queue's.
pub fn ask(lang: Lang, a: crate::action::Action, ask: &crate::app::overlay::Ask) -> Option<String> {
    use crate::action::Action;
    use crate::app::overlay::Ask;
    let zh = lang == Lang::Zh;
    Some(match ask {
        Ask::OpenNumber(n) => {
            let (zh_do, en_do, zh_q, en_q) = match a {
                Action::PauseWindow => ("暂停后，", "Pausing puts", "仍要暂停？", "Pause?"),
                Action::Quit => ("退出会签退，", "Quitting signs out and puts", "仍要退出？", "Quit?"),
                _ => ("签退后，", "Signing out puts", "仍要签退？", "Sign out?"),
            };
            if zh {
                format!("{n} 还没有办结：{zh_do}{n} 回到队列原位，由开放的窗口接着叫。{zh_q}")
            } else {
                format!("{n} is still open. {en_do} {n} back in line, in its place, for an open window. {en_q}")
            }
        }
        Ask::LastRecall(n) => {
            if zh {
                format!("{n} 已重呼 3 次仍未到：这次不再呼叫，而是记为过号（之后仍可重新排队）。确定？")
            } else {
                format!(
                    "{n} was recalled 3 times and has not come: this time it is recorded as a no-show, not called (it can be put back in line). Go on?"
                )
            }
        }
        Ask::OutOfTurn(n) => {
            if zh {
                format!("{n} 前面还有人在等。为什么先叫 {n}？")
            } else {
                format!("Others are ahead of {n}. Why call {n} first?")
            }
        }
        Ask::Plain | Ask::Consultation(..) | Ask::DropTicks(..) | Ask::Of(_) => return None,
    })
}

/// How many times the number at the window has been called: "第 2 次呼叫（重呼 1/3）".
pub fn call_count(lang: Lang, recalls: u8) -> String {
    let max = crate::domain::queue::MAX_RECALLS;
    match lang {
        Lang::Zh => format!("第 {} 次呼叫（重呼 {recalls}/{max}）", recalls + 1),
        Lang::En => format!("call {} (recall {recalls} of {max})", recalls + 1),
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
pub fn booking_error(lang: Lang, e: &BookingError) -> String {
    let words = match e {
        BookingError::TooFar { last, days } => {
            let t = pick(
                lang,
                "最多可预约到 {}（{} 天内），请选择更早的日期",
                "Appointments open up to {} ({} days ahead); choose an earlier day",
            );
            return super::fill(t, &[last, days]);
        }
        BookingError::UnknownYear(year) => return super::calendar::unknown_year(lang, *year),
        BookingError::NotWorkingDay => pick(
            lang,
            "该日不是工作日（周末或法定节假日），请选择其他日期",
            "That day is not a working day; choose another",
        ),
        BookingError::Past => pick(lang, "该时段已过，不能预约", "That slot is in the past"),
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
    };
    words.to_string()
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
        // Raced to the database's own rule: another session called to this window a moment ago.
        QueueError::WindowBusy { number, .. } if number.is_empty() => pick(
            lang,
            "这个窗口刚刚叫了另一个号：先办完它，再叫下一位",
            "Another number was just called to this window: finish it before calling the next",
        )
        .to_string(),
        QueueError::WindowBusy { window, number } => {
            if zh {
                format!("{window} 号窗口的 {number} 还没有办结：先办毕、过号或转出它，再叫下一位")
            } else {
                format!(
                    "{number} is still open at window {window}: finish it, mark it a no-show or transfer it before calling the next"
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
        QueueError::Booking(b) => booking_error(lang, b),
        QueueError::NothingToFree(n) => {
            if zh {
                format!("{n} 号窗口没有人签到，也没有未办完的号，无需释放")
            } else {
                format!("Window {n} has nobody signed in and no number open; nothing to free")
            }
        }
        QueueError::DecideOpen { window, numbers } => {
            let n = numbers.join("、");
            if zh {
                format!(
                    "{window} 号窗口还有未办完的号 {n}：请说明如何处理，重新排队（--back-in-line）或记为过号（--no-show）"
                )
            } else {
                format!(
                    "Window {window} still has {n} open: say what becomes of it, back in line (--back-in-line) or no-show (--no-show)"
                )
            }
        }
    }
}

/// What freeing a window did.
pub fn freed(lang: Lang, f: &crate::model::Freed) -> String {
    use crate::domain::queue::OpenFate;
    let zh = lang == Lang::Zh;
    let mut out = if zh { format!("已释放 {} 号窗口", f.window) } else { format!("Window {} freed", f.window) };
    if let Some(o) = &f.signed_out {
        out.push_str(&if zh { format!("，{o} 已签退") } else { format!("; {o} signed out") });
    }
    let n = f.numbers.join(if zh { "、" } else { ", " });
    match f.fate {
        Some(OpenFate::BackInLine) => out.push_str(&if zh {
            format!("，{n} 重新排队（保留原位置）")
        } else {
            format!("; {n} back in line (place kept)")
        }),
        Some(OpenFate::NoShow) => {
            out.push_str(&if zh { format!("，{n} 记为过号") } else { format!("; {n} recorded as no-show") })
        }
        None => {}
    }
    out
}

/// A ticket issued at the kiosk, for the shell. With nobody ahead the next call is theirs, and
/// no wait is estimated (the window may still be busy, but nobody is in front of them).
pub fn issued(lang: Lang, number: &str, category: &str, position: usize, wait: u32) -> String {
    match (lang, position.saturating_sub(1)) {
        (Lang::Zh, 0) => format!("{number}  {category}  前面没有人在等，下一个就叫您，请留意叫号"),
        (Lang::En, 0) => format!("{number}  {category}  nobody ahead: you are called next, watch the board"),
        (Lang::Zh, ahead) => format!("{number}  {category}  前面还有 {ahead} 人，预计等候约 {wait} 分钟"),
        (Lang::En, ahead) => format!("{number}  {category}  {ahead} ahead, about {wait} min"),
    }
}

/// The free-window dialog: title, what is the case, and the keys with what each does.
pub fn free_dialog(
    lang: Lang,
    f: &crate::app::overlay::FreeWindow,
    name: Option<&str>,
) -> (String, Vec<String>, Vec<(&'static str, &'static str)>) {
    let zh = lang == Lang::Zh;
    let title = if zh { format!("释放 {} 号窗口", f.window) } else { format!("Free window {}", f.window) };
    let mut facts = Vec::new();
    match name {
        Some(n) => facts.push(if zh {
            format!("{n} 仍显示签到在此窗口，将被签退。")
        } else {
            format!("{n} is still shown signed in here and will be signed out.")
        }),
        None => facts.push(pick(lang, "此窗口已无人签到。", "Nobody is signed in here.").to_string()),
    }
    let choices = if f.numbers.is_empty() {
        facts.push(pick(lang, "没有未办完的号。", "No number is open.").to_string());
        vec![("y", pick(lang, "释放", "free it")), ("{back}", pick(lang, "取消", "cancel"))]
    } else {
        let n = f.numbers.join(if zh { "、" } else { ", " });
        facts.push(if zh {
            format!("未办完的号：{n}。如何处理？")
        } else {
            format!("Still open: {n}. What becomes of them?")
        });
        vec![
            (
                "1",
                pick(
                    lang,
                    "重新排队（保留原位置，居民还在大厅）",
                    "back in line (place kept: the resident is still here)",
                ),
            ),
            ("2", pick(lang, "记为过号（居民已离开）", "no-show (the resident has gone)")),
            ("{back}", pick(lang, "取消", "cancel")),
        ]
    };
    (title, facts, choices)
}
