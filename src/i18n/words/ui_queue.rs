//! The words of `ui/screens/queue.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 未签到，按 {sign_in_out} 签到
    NotSignedInPress,
    /// 未签到
    NotSignedIn,
    /// 空闲
    Idle,
    /// 再按 {recall} 不再呼叫，记为过号
    NextRecallIsNoShow,
    /// 选择原因：
    PickAReason,
    /// 未设置窗口号
    NoWindowNumberSet,
    /// 暂停：
    Paused,
    /// 服务中
    Open,
    /// 没有在办的号。按 {} 呼叫下一位。
    NoNumberAtThe,
    /// 取号
    Issued,
    /// 呼叫
    Called,
    /// 分钟前
    MinAgo,
    /// 已受理办件，按 {finish_visit} 办毕
    ACaseWasTaken,
    /// What-to-bring slips printed during the visit.
    SlipPrinted,
    /// 待叫号
    ToCall,
    /// 没有等候的号。按 {take_number} 取号，{take_green} 绿色通道取号。
    NobodyWaitingAIssues,
    ///  各类等候
    WaitingByCategory,
    /// 人
    Waiting,
    /// 窗口
    Windows,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::NotSignedInPress => ("未签到，按 {sign_in_out} 签到", "not signed in: press {sign_in_out}"),
        W::NotSignedIn => ("未签到", "not signed in"),
        W::Idle => ("空闲", "idle"),
        W::NextRecallIsNoShow => {
            ("再按 {recall} 不再呼叫，记为过号", "{recall} once more records a no-show instead of calling")
        }
        W::PickAReason => ("选择原因（记入记录）：", "Pick the reason (it is recorded):"),
        W::NoWindowNumberSet => ("未设置窗口号", "no window number set"),
        W::Paused => ("暂停：", "paused: "),
        W::Open => ("服务中", "serving"),
        W::NoNumberAtThe => {
            ("没有在办的号。按 {call_next} 呼叫下一位。", "No number at the window. {call_next} calls the next.")
        }
        W::Issued => ("取号", "issued"),
        W::Called => ("呼叫", "called"),
        W::MinAgo => ("分钟前", "min ago"),
        W::ACaseWasTaken => ("本次办件：{}；{finish_visit} 办毕", "Cases of this visit: {}; {finish_visit} finishes"),
        W::SlipPrinted => (
            "已打印告知单：{}；{finish_visit} 办毕（咨询）",
            "Slips printed: {}; {finish_visit} finishes (consultation)",
        ),
        W::ToCall => ("待叫号", "To call"),
        W::NobodyWaitingAIssues => (
            "没有等候的号。按 {take_number} 取号，{take_green} 绿色通道取号。",
            "Nobody waiting. {take_number} issues a number, {take_green} a green-channel one.",
        ),
        W::WaitingByCategory => (" 各类等候 ", " Waiting by category "),
        W::Waiting => ("人", "waiting"),
        W::Windows => ("窗口", "windows "),
    };
    super::super::pick(lang, zh, en)
}
