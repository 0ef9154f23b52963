//! The words of `export/feedback.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 签到（未签退）
    CheckInNoCheck,
    /// 签到
    CheckIn,
    /// 补录
    EnteredByHand,
    /// 在职党员社区服务反馈单
    CommunityServiceOfWorking,
    /// 本季度无服务记录
    NoServiceThisQuarter,
    /// 小时
    H,
    /// 分
    Pts,
    /// 在职党员社区服务反馈单
    CommunityServiceFeedback,
    /// 合计
    Total,
    /// 报送单位：{}
    ToUnit,
    /// 反馈社区：{}
    FromCommunity,
    /// 联系电话：{}
    ContactPhone,
    /// 统计时段：{}（{} 至 {}）
    Period,
    /// 统计时段：{}（{} 至 {}，截至 {}）
    PeriodAsOf,
    /// 制表日期：{}
    IssuedOn,
    /// 合计：党员 {} 名，服务 {} 小时，积分 {} 分
    Summary,
    /// 小计
    Subtotal,
    /// 小计：{} 小时，{} 分
    SubtotalLine,
    /// 本年累计 {} 小时 / 年度目标 {} 小时
    YearToDateLine,
    /// 社区党组织（盖章）：
    CommunitySeal,
    /// 经办人（签字）：
    PreparedBy,
    /// 单位党组织签收（盖章）：
    UnitSeal,
    /// 签收人（签字）：
    ReceivedBy,
    /// 日期：      年    月    日
    DateBlank,
    /// 第 &P 页，共 &N 页 (a printed page's footer)
    PageOf,
    /// 社区党群服务中心 (the centre's name when none is set)
    Centre,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::CheckInNoCheck => ("签到（未签退）", "check-in (no check-out)"),
        W::CheckIn => ("签到", "check-in"),
        W::EnteredByHand => ("补录", "entered by hand"),
        W::CommunityServiceOfWorking => {
            ("在职党员社区服务反馈单", "Community service of working party members: feedback to the unit")
        }
        W::NoServiceThisQuarter => ("本季度无服务记录", "no service this quarter"),
        W::H => ("小时", "h"),
        W::Pts => ("分", "pts"),
        W::CommunityServiceFeedback => ("在职党员社区服务反馈单", "Community service feedback"),
        W::Total => ("合计", "Total"),
        W::ToUnit => ("报送单位：{}", "To: {}"),
        W::FromCommunity => ("反馈社区：{}", "Community: {}"),
        W::ContactPhone => ("联系电话：{}", "Contact phone: {}"),
        W::Period => ("统计时段：{}（{} 至 {}）", "Period: {} ({} to {})"),
        W::PeriodAsOf => ("统计时段：{}（{} 至 {}，截至 {}）", "Period: {} ({} to {}, as of {})"),
        W::IssuedOn => ("制表日期：{}", "Issued: {}"),
        W::Summary => ("合计：党员 {} 名，服务 {} 小时，积分 {} 分", "Total: {} members, {} hours, {} points"),
        W::Subtotal => ("小计", "Subtotal"),
        W::SubtotalLine => ("小计：{} 小时，{} 分", "Subtotal: {} h, {} points"),
        W::YearToDateLine => ("本年累计 {} 小时 / 年度目标 {} 小时", "Year to date {} h of the {} h yearly target"),
        W::CommunitySeal => ("社区党组织（盖章）：", "Seal of the community party organisation:"),
        W::PreparedBy => ("经办人（签字）：", "Prepared by (signature):"),
        W::UnitSeal => ("单位党组织签收（盖章）：", "Received, seal of the unit's party organisation:"),
        W::ReceivedBy => ("签收人（签字）：", "Received by (signature):"),
        W::DateBlank => ("日期：      年    月    日", "Date:"),
        W::PageOf => ("第 &P 页，共 &N 页", "Page &P of &N"),
        W::Centre => ("社区党群服务中心", "Community service centre"),
    };
    super::super::pick(lang, zh, en)
}

/// "2026年第4季度", "2026 Q4".
pub fn quarter_name(lang: Lang, year: i32, quarter: u32) -> String {
    match lang {
        Lang::Zh => format!("{year}年第{quarter}季度"),
        Lang::En => format!("{year} Q{quarter}"),
    }
}

/// The columns of a feedback sheet.
pub fn header(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Zh => [
            "单位",
            "季度",
            "姓名",
            "电话",
            "党支部",
            "报到日期",
            "服务日期",
            "服务内容",
            "时长（小时）",
            "积分",
            "来源",
        ],
        Lang::En => {
            ["Unit", "Quarter", "Name", "Phone", "Branch", "Reported", "Date", "Service", "Hours", "Points", "Source"]
        }
    }
}

/// The columns of the printed feedback sheet: the unit and quarter stand in its title, and
/// each member's subtotal row carries the year to date against the yearly target.
pub fn print_header(lang: Lang) -> [&'static str; 11] {
    match lang {
        Lang::Zh => [
            "姓名",
            "电话",
            "党支部",
            "报到日期",
            "服务日期",
            "服务内容",
            "来源",
            "时长（小时）",
            "积分",
            "本年累计（小时）",
            "年度目标（小时）",
        ],
        Lang::En => [
            "Name",
            "Phone",
            "Branch",
            "Reported",
            "Date",
            "Service",
            "Source",
            "Hours",
            "Points",
            "Year to date (h)",
            "Yearly target (h)",
        ],
    }
}

/// The space between two items of a title line: an ideographic space in Chinese, three in English.
pub fn gap(lang: Lang) -> &'static str {
    super::super::pick(lang, "\u{3000}", "   ")
}
