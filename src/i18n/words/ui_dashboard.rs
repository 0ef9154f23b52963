//! The words of `ui/screens/dashboard.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 窗口
    Windows,
    /// 窗口
    Win,
    /// 人员
    Staff,
    /// 状态
    Now,
    /// 办结
    Done,
    /// 中位
    Median,
    /// 未开
    Closed,
    /// 暂停
    Paused,
    /// 办理
    Serving,
    /// 空闲
    Idle,
    /// 离开
    Left,
    /// 分
    M,
    /// 排队
    Lines,
    /// 类别
    Category,
    /// 等候
    Wait,
    /// 最久
    Longest,
    /// 办件：各办理人
    CasesByClerk,
    /// 办理人
    Clerk,
    /// 在办
    Open,
    /// 将到期
    Due,
    /// 超期
    Late,
    /// 没有在办的件
    NoOpenCase,
    /// 全部
    All,
    ///  / 筛选（operator: action: entity: date:）  F3 返回总览
    FilterOperatorActionEntity,
    /// 没有符合的记录
    NoMatchingEntry,
    ///  只有管理员可更改人员
    OnlyAdminsChangeOperators,
    /// 人员
    Operators,
    /// 已停用
    Retired,
    ///  · {} 类超警戒
    OverAlarm,
    /// …… 另有 {} 人（办件页按办理人筛选）
    MoreClerks,
    /// 正在生成报表 {} {} 秒（可继续操作）
    WritingReport,
    /// 操作日志 · {} · {} 条{}
    AuditTitle,
    /// {}等{}分 (a category whose longest wait passed the target, in the summary's alarm)
    WaitedPastTarget,
    /// 今日每小时取号（暗：上周同日）
    IssuedAgainstLastWeek,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Windows => ("窗口", "Windows"),
        W::Win => ("窗口", "Win"),
        W::Staff => ("人员", "Staff"),
        W::Now => ("状态", "Now"),
        W::Done => ("办结", "Done"),
        W::Median => ("中位", "Median"),
        W::Closed => ("未开", "closed"),
        W::Paused => ("暂停", "paused"),
        W::Serving => ("办理", "serving"),
        W::Idle => ("空闲", "idle"),
        W::Left => ("离开", "left"),
        W::M => ("分", "m"),
        W::Lines => ("排队", "Lines"),
        W::Category => ("类别", "Category"),
        W::Wait => ("等候", "Wait"),
        W::Longest => ("最久", "Longest"),
        W::CasesByClerk => ("办件：各办理人", "Cases by clerk"),
        W::Clerk => ("办理人", "Clerk"),
        W::Open => ("在办", "Open"),
        W::Due => ("将到期", "Due"),
        W::Late => ("超期", "Late"),
        W::NoOpenCase => ("没有在办的件", "No open case"),
        W::All => ("全部", "all"),
        W::FilterOperatorActionEntity => (
            " {focus_search} 筛选（operator: action: entity: date:）  {toggle_audit} 切换 ",
            " {focus_search} filter (operator: action: entity: date:)  {toggle_audit} next view ",
        ),
        W::NoMatchingEntry => ("没有符合的记录", "No matching entry"),
        W::OnlyAdminsChangeOperators => (" 只有管理员可更改人员 ", " Only admins change operators "),
        W::Operators => ("人员", "Operators"),
        W::Retired => ("已停用", "retired"),
        W::OverAlarm => (" · {} 类超警戒", " · {} over alarm"),
        W::MoreClerks => ("…… 另有 {} 人（办件页按办理人筛选）", "… {} more (filter the Cases tab by clerk)"),
        W::WritingReport => ("正在生成报表 {} {} 秒（可继续操作）", "Writing the report {} {} s (keep working)"),
        W::AuditTitle => ("操作日志 · {} · {} 条{}", "Audit trail · {} · {}{} rows"),
        W::WaitedPastTarget => ("{}等{}分", "{} {}m wait"),
        W::IssuedAgainstLastWeek => {
            ("今日每小时取号（暗：上周同日）", "Numbers issued per hour (dim: same day last week)")
        }
    };
    super::super::pick(lang, zh, en)
}
