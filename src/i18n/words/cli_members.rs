//! The words of `cli/members.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 社区
    Community,
    /// 补录超过 {} 小时须主管审批
    ApprovalAbove,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Community => ("社区", "Community"),
        W::ApprovalAbove => (
            "补录超过 {} 小时须主管审批（审批前不计入）",
            "Hand entries above {} hours need a supervisor's approval (not counted before)",
        ),
    };
    super::super::pick(lang, zh, en)
}
