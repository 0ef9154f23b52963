//! The words of `export/report.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 板块
    Section,
    /// 维度
    By,
    /// 编号
    Key,
    /// 名称
    Name,
    /// 取号
    Issued,
    /// 办结
    Served,
    /// 过号
    NoShow,
    /// 等候中位数(分)
    WaitMedianMin,
    /// 等候P90(分)
    WaitP90Min,
    /// 办理中位数(分)
    ServiceMedianMin,
    /// 办理P90(分)
    ServiceP90Min,
    /// 超
    Over,
    /// 分钟占比
    MinShare,
    /// 全部
    All,
    /// 窗口
    Window,
    /// 工作人员
    Clerk,
    /// 业务类别
    Category,
    /// 排队叫号
    Queue,
    /// 受理
    Accepted,
    /// 办结
    Completed,
    /// 按期办结
    OnTime,
    /// 超期
    Overdue,
    /// 按期办结率
    OnTimeRate,
    /// 评价数
    Ratings,
    /// 平均评价
    AverageRating,
    /// 事项
    Item,
    /// 办件
    Cases,
    /// 数量
    Count,
    /// 小时
    Hours,
    /// 纠纷类型
    DisputeType,
    /// 调解状态
    State,
    /// 调解室预约
    RoomBookings,
    /// 调解室
    Rooms,
    /// 工作单位
    WorkUnit,
    /// 服务记录
    Records,
    /// 时长(小时)
    Hours2,
    /// 积分
    Points,
    /// 党员服务
    Members,
    /// 社区党群服务中心 (the centre's name when none is set)
    Centre,
    /// 统计时段：{} 至 {}
    Period,
    /// （截至 {}）
    AsOf,
    /// 制表日期：{}
    IssuedOn,
    /// 第 &P 页，共 &N 页 (a printed page's footer)
    PageOf,
    /// 合计
    Total,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Section => ("板块", "section"),
        W::By => ("维度", "by"),
        W::Key => ("编号", "key"),
        W::Name => ("名称", "name"),
        W::Issued => ("取号", "issued"),
        W::Served => ("办结", "served"),
        W::NoShow => ("过号", "no-show"),
        W::WaitMedianMin => ("等候中位数(分)", "wait median (min)"),
        W::WaitP90Min => ("等候P90(分)", "wait p90 (min)"),
        W::ServiceMedianMin => ("办理中位数(分)", "service median (min)"),
        W::ServiceP90Min => ("办理P90(分)", "service p90 (min)"),
        W::Over => ("超", "over "),
        W::MinShare => ("分钟占比", " min share"),
        W::All => ("全部", "all"),
        W::Window => ("窗口", "window"),
        W::Clerk => ("工作人员", "clerk"),
        W::Category => ("业务类别", "category"),
        W::Queue => ("排队叫号", "Queue"),
        W::Accepted => ("受理", "accepted"),
        W::Completed => ("办结", "completed"),
        W::OnTime => ("按期办结", "on time"),
        W::Overdue => ("超期", "overdue"),
        W::OnTimeRate => ("按期办结率", "on-time rate"),
        W::Ratings => ("评价数", "ratings"),
        W::AverageRating => ("平均评价", "average rating"),
        W::Item => ("事项", "item"),
        W::Cases => ("办件", "Cases"),
        W::Count => ("数量", "count"),
        W::Hours => ("小时", "hours"),
        W::DisputeType => ("纠纷类型", "dispute type"),
        W::State => ("调解状态", "state"),
        W::RoomBookings => ("调解室预约", "room bookings"),
        W::Rooms => ("调解室", "Rooms"),
        W::WorkUnit => ("工作单位", "work unit"),
        W::Records => ("服务记录", "records"),
        W::Hours2 => ("时长(小时)", "hours"),
        W::Points => ("积分", "points"),
        W::Members => ("党员服务", "Members"),
        W::Centre => ("社区党群服务中心", "Community service centre"),
        W::Period => ("统计时段：{} 至 {}", "Period: {} to {}"),
        W::AsOf => ("（截至 {}）", " (as of {})"),
        W::IssuedOn => ("制表日期：{}", "Issued: {}"),
        W::PageOf => ("第 &P 页，共 &N 页", "Page &P of &N"),
        W::Total => ("合计", "Total"),
    };
    super::super::pick(lang, zh, en)
}

/// The report's name: "2026年11月 工作月报", "2026-11-20 工作日报"; "Monthly report, November 2026".
pub fn report_name(lang: Lang, from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match (lang, from == to) {
        (Lang::Zh, true) => format!("{from} 工作日报"),
        (Lang::Zh, false) => format!("{}年{}月 工作月报", from.year(), from.month()),
        (Lang::En, true) => format!("Daily report, {from}"),
        (Lang::En, false) => format!("Monthly report, {}", from.format("%B %Y")),
    }
}

/// The space between two items of a title line: an ideographic space in Chinese, three in English.
pub fn gap(lang: Lang) -> &'static str {
    super::super::pick(lang, "\u{3000}", "   ")
}
