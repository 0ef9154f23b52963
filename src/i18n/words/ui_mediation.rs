//! The words of `ui/screens/mediation.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 还没有调解案件。按 {} 登记。
    NoMediationCaseYet,
    /// 待回访
    VisitDue,
    /// 状态
    State,
    /// 纠纷类型
    Dispute,
    /// 案件来源
    Source,
    /// 调解员
    Mediator,
    /// 受理时间
    Received,
    /// 纠纷简要情况
    Summary,
    /// 协议内容
    Agreement,
    /// 结果
    Outcome,
    /// 还剩
    In,
    /// 天
    Days,
    /// 已过
    Passed,
    /// 司法确认申请期限
    JudicialConfirmationBy,
    /// 履行情况
    Performance,
    /// 调解场次
    Session,
    /// 办理记录
    Timeline,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::NoMediationCaseYet => {
            ("还没有调解案件。按 {new_mediation} 登记。", "No mediation case yet. Press {new_mediation} to open one.")
        }
        W::VisitDue => ("待回访", "visit due"),
        W::State => ("状态", "State"),
        W::Dispute => ("纠纷类型", "Dispute"),
        W::Source => ("案件来源", "Source"),
        W::Mediator => ("调解员", "Mediator"),
        W::Received => ("受理时间", "Received"),
        W::Summary => ("纠纷简要情况", "Summary"),
        W::Agreement => ("协议内容", "Agreement"),
        W::Outcome => ("结果", "Outcome"),
        W::In => ("还剩", "in"),
        W::Days => ("天", "days"),
        W::Passed => ("已过", "passed"),
        W::JudicialConfirmationBy => ("司法确认申请期限", "Judicial confirmation by"),
        W::Performance => ("履行情况", "Performance"),
        W::Session => ("调解场次", "Session"),
        W::Timeline => ("办理记录", "Timeline"),
    };
    super::super::pick(lang, zh, en)
}
