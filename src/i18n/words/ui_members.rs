//! The words of `ui/screens/members.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    ///   {} 切换
    Switch,
    /// 姓名、拼音、首字母或手机尾号
    NamePinyinInitialsOr,
    /// 还没有登记党员。按 {} 登记。
    NoMemberRegisteredYet,
    /// 未达标
    Below,
    /// 待报到
    ReportDue,
    ///  {}/{} 选记录  {} 核减
    RecordDecline,
    /// 女
    F,
    /// 男
    M,
    /// 线上
    Online,
    /// 现场
    AtTheDesk,
    /// 性别 / 电话
    SexMobile,
    /// 身份证号
    IdNumber,
    /// 单位 / 党组织
    UnitBranch,
    /// 住址 / 网格
    AddressGrid,
    /// 报到
    Reported,
    /// （已超期，需再次报到）
    DueToReportAgain,
    /// 特长 / 意向
    SkillsWishes,
    /// 状态
    Standing,
    /// 本年
    ThisYear,
    /// 服务记录
    ServiceRecord,
    /// （暂无）
    None,
    /// 在场
    In,
    /// 补录
    Manual,
    /// 自动签退
    AutoClosed,
    /// 已核减
    Declined,
    /// 已结束
    Over,
    /// 进行中
    OnNow,
    /// 签到中
    CheckInOpen,
    /// 未开始
    Later,
    ///  {} 签到台  {} 新建活动
    CheckInDeskNew,
    /// 近期没有活动。按 {} 新建。
    NoActivityAroundToday,
    /// 类别
    Category,
    /// 时间
    When,
    /// 地点
    Place,
    /// 组织方
    Organiser,
    /// 名额
    Places,
    /// 每小时积分
    PointsHour,
    /// 需求/微心愿
    Needs,
    /// 状态
    State,
    /// 没有选中活动：{} 到“活动”，选一个后按 {}。
    NoActivityChosenTo,
    /// 输入姓名/拼音首字母/手机尾号，{} 签到（再按签退）
    NameInitialsOrPhone,
    /// 请党员报姓名或手机尾号，输入后按 Enter。未登记的，按 Enter 打开登记表。
    AskForAName,
    /// 没有这个人：按 Enter 登记
    NobodyByThatEnter,
    /// 在场，Enter 签退
    InEnterChecksOut,
    /// 已签退
    CheckedOut,
    /// 本场签到
    ThisActivity,
    /// 在场
    Here,
    ///  自动签退
    AutoClosed2,
    ///  F9 生成季度反馈单
    F9QuarterlyFeedback,
    /// 姓名
    Name,
    /// 单位
    Unit,
    /// 时长
    Hours,
    /// 积分
    Points,
    /// 按单位
    ByWorkUnit,
    /// 人数
    N,
    /// 时长
    Hours2,
    /// 人均
    Avg,
    /// ·未达标
    BelowTarget,
    /// ·待再次报到
    DueToReport,
    ///  党员名册{} {} / {} 人
    RegistryTitle,
    /// {} 小时 / {} 分（目标 {} 小时）
    HoursPointsTarget,
    ///  {} {}–{} {} 已签到 {}/{} 在场 {}
    DeskTitle,
    ///  {} 年服务时长（目标 {} 小时）
    YearHoursTitle,
    /// 迟到
    Late,
    /// 待审批
    Pending,
    ///  待审批的补录时长（{} 条）
    ApprovalsTitle,
    /// 没有待审批的补录。
    NoneAwaitingApproval,
    /// 超出本季度和上季度
    OutsideWindow,
    /// 超过审批门槛
    AboveThreshold,
    /// 待审批补录 {} 条：按 {pending_hours} 查看
    PendingOnDashboard,
    /// 录入
    EnteredBy,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Switch => ("  {members_view} 切换", "  {members_view} switch"),
        W::NamePinyinInitialsOr => ("姓名、拼音、首字母或手机尾号", "name, pinyin, initials or phone tail"),
        W::NoMemberRegisteredYet => {
            ("还没有登记党员。按 {new_member} 登记。", "No member registered yet. Press {new_member}.")
        }
        W::Below => ("未达标", "below"),
        W::ReportDue => ("待报到", "report due"),
        W::RecordDecline => (
            " {detail_up}/{detail_down} 选记录  {decline_record} 核减 ",
            " {detail_up}/{detail_down} record  {decline_record} decline ",
        ),
        W::F => ("女", "F"),
        W::M => ("男", "M"),
        W::Online => ("线上", "online"),
        W::AtTheDesk => ("现场", "at the desk"),
        W::SexMobile => ("性别 / 电话", "Sex / mobile"),
        W::IdNumber => ("身份证号", "ID number"),
        W::UnitBranch => ("单位 / 党组织", "Unit / branch"),
        W::AddressGrid => ("住址 / 网格", "Address / grid"),
        W::Reported => ("报到", "Reported"),
        W::DueToReportAgain => ("（已超期，需再次报到）", " (due to report again)"),
        W::SkillsWishes => ("特长 / 意向", "Skills / wishes"),
        W::Standing => ("状态", "Standing"),
        W::ThisYear => ("本年", "This year"),
        W::ServiceRecord => ("服务记录", "Service record"),
        W::None => ("（暂无）", "(none)"),
        W::In => ("在场", "in"),
        W::Manual => ("补录", "manual"),
        W::AutoClosed => ("自动签退", "auto-closed"),
        W::Declined => ("已核减", "declined"),
        W::Over => ("已结束", "over"),
        W::OnNow => ("进行中", "on now"),
        W::CheckInOpen => ("签到中", "check-in open"),
        W::Later => ("未开始", "later"),
        W::CheckInDeskNew => {
            (" {confirm} 签到台  {new_member} 新建活动 ", " {confirm} check-in desk  {new_member} new activity ")
        }
        W::NoActivityAroundToday => {
            ("近期没有活动。按 {new_member} 新建。", "No activity around today. Press {new_member} to create one.")
        }
        W::Category => ("类别", "Category"),
        W::When => ("时间", "When"),
        W::Place => ("地点", "Place"),
        W::Organiser => ("组织方", "Organiser"),
        W::Places => ("名额", "Places"),
        W::PointsHour => ("每小时积分", "Points/hour"),
        W::Needs => ("需求/微心愿", "Needs"),
        W::State => ("状态", "State"),
        W::NoActivityChosenTo => (
            "没有选中活动：{members_view} 到“活动”，选一个后按 {confirm}。",
            "No activity chosen: {members_view} to Activities, pick one, {confirm}.",
        ),
        W::NameInitialsOrPhone => (
            "输入姓名/拼音首字母/手机尾号，{confirm} 签到（再按签退）",
            "name, initials or phone tail; {confirm} checks in (again: out)",
        ),
        W::AskForAName => (
            "请党员报姓名或手机尾号，输入后按 {confirm}。未登记的，按 {confirm} 打开登记表。",
            "Ask for a name or phone tail, type it, press {confirm}. Not registered? {confirm} opens the form.",
        ),
        W::NobodyByThatEnter => ("没有这个人：按 {confirm} 登记", "Nobody by that: {confirm} to register"),
        W::InEnterChecksOut => ("在场，{confirm} 签退", "in: {confirm} checks out"),
        W::CheckedOut => ("已签退", "checked out"),
        W::ThisActivity => ("本场签到", "This activity"),
        W::Here => ("在场", "here"),
        W::AutoClosed2 => (" 自动签退", " auto-closed"),
        W::F9QuarterlyFeedback => (" {feedback} 生成季度反馈单 ", " {feedback} quarterly feedback "),
        W::Name => ("姓名", "Name"),
        W::Unit => ("单位", "Unit"),
        W::Hours => ("时长", "Hours"),
        W::Points => ("积分", "Points"),
        W::ByWorkUnit => ("按单位", "By work unit"),
        W::N => ("人数", "n"),
        W::Hours2 => ("时长", "hours"),
        W::Avg => ("人均", "avg"),
        W::BelowTarget => ("·未达标", " below target"),
        W::DueToReport => ("·待再次报到", " due to report"),
        W::RegistryTitle => (" 党员名册{} {} / {} 人 ", " Members{} {} / {} "),
        W::HoursPointsTarget => ("{} 小时 / {} 分（目标 {} 小时）", "{} h / {} points (target {} h)"),
        W::DeskTitle => (" {} {}–{} {} 已签到 {}/{} 在场 {} ", " {} {}–{} {} in {}/{} here {} "),
        W::YearHoursTitle => (" {} 年服务时长（目标 {} 小时） ", " {} hours (target {} h) "),
        W::Late => ("迟到", "late"),
        W::Pending => ("待审批", "awaiting approval"),
        W::ApprovalsTitle => (" 待审批的补录时长（{} 条） ", " Hand-entered hours awaiting approval ({}) "),
        W::NoneAwaitingApproval => ("没有待审批的补录。", "Nothing awaits approval."),
        W::OutsideWindow => ("早于上季度", "before last quarter"),
        W::AboveThreshold => ("超过审批门槛", "above the threshold"),
        W::PendingOnDashboard => (
            "待审批补录 {} 条（审批前不计入时长）：按 {pending_hours} 查看",
            "{} hand entries await approval (not counted until approved): {pending_hours} to see them",
        ),
        W::EnteredBy => ("录入", "by"),
    };
    super::super::pick(lang, zh, en)
}
