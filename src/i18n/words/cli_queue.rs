//! The words of `cli/queue.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 等候
    Waiting,
    /// 未开
    Closed,
    /// 暂停
    Paused,
    /// 已闭厅，未叫号码作废：
    ClosedNumbersExpired,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Waiting => ("等候", "waiting"),
        W::Closed => ("未开", "closed"),
        W::Paused => ("暂停", "paused"),
        W::ClosedNumbersExpired => ("已闭厅，未叫号码作废：", "Closed; numbers expired: "),
    };
    super::super::pick(lang, zh, en)
}
