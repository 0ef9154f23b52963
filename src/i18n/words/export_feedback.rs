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
