//! The dashboard's summary line in words.

use crate::domain::lang::Lang;

/// The day's figures the summary shows.
#[derive(Debug, Clone, Default)]
pub struct Summary<'a> {
    /// Categories over their alarm, with how many wait ("住房3") or how long ("住房最久91分（目标30）").
    pub alarms: Vec<String>,
    /// Numbers called within the wait target today, out of those whose fate is known.
    pub within_target: (u32, u32),
    /// The wait target in minutes (0: none set).
    pub wait_target: u32,
    /// Windows left with numbers open ("2:D003").
    pub left_open: Vec<String>,
    /// Numbers issued today.
    pub issued: usize,
    /// Visits finished.
    pub done: usize,
    /// No-show rate, already formatted ("7%", "—").
    pub no_show_rate: String,
    /// Room bookings today and their hours.
    pub bookings: usize,
    /// Hours booked.
    pub booked_hours: f64,
    /// Rooms in use now.
    pub in_use: Vec<&'a str>,
    /// Member activities today and their check-ins.
    pub activities: usize,
    /// Check-ins at them.
    pub check_ins: u32,
}

/// What the summary says, most important first: (warnings, figures, member line).
pub fn summary(lang: Lang, s: &Summary<'_>) -> (Vec<String>, Vec<String>, String) {
    let zh = lang == Lang::Zh;
    let sep = if zh { "、" } else { ", " };
    let mut warnings = Vec::new();
    if !s.alarms.is_empty() {
        let a = s.alarms.join(sep);
        warnings.push(if zh { format!("⚠ 超警戒：{a}") } else { format!("⚠ over alarm: {a}") });
    }
    if !s.left_open.is_empty() {
        let l = s.left_open.join(" ");
        warnings.push(if zh {
            format!("⚠ 人员离开、号未办完：{l}（f 释放）")
        } else {
            format!("⚠ left open: {l} (f frees)")
        });
    }
    let in_use = s.in_use.join(sep);
    let mut figures = if zh {
        vec![
            format!("今日取号 {}", s.issued),
            format!("已办结 {}", s.done),
            format!("过号率 {}", s.no_show_rate),
            format!("调解室预约 {} 场 {:.1} 小时", s.bookings, s.booked_hours),
        ]
    } else {
        vec![
            format!("Numbers today {}", s.issued),
            format!("served {}", s.done),
            format!("no-show {}", s.no_show_rate),
            format!("room bookings {} ({:.1} h)", s.bookings, s.booked_hours),
        ]
    };
    if s.wait_target > 0 {
        let (n, all) = s.within_target;
        let share = if all == 0 { "—".to_string() } else { format!("{:.0}%", f64::from(n) * 100.0 / f64::from(all)) };
        let t = s.wait_target;
        figures.insert(2, if zh { format!("{t}分钟内叫号 {share}") } else { format!("called within {t}m {share}") });
    }
    if !s.in_use.is_empty() {
        figures.push(if zh { format!("使用中：{in_use}") } else { format!("in use: {in_use}") });
    }
    let members = if zh {
        format!("党员活动 {} 场，签到 {} 人次", s.activities, s.check_ins)
    } else {
        format!("member activities {}, check-ins {}", s.activities, s.check_ins)
    };
    (warnings, figures, members)
}

/// The reminder that a year's holiday notice is missing, what rests on it and how to import it
/// (`{admin_command}` is filled with the key when drawn).
pub fn calendar_gap(lang: Lang, g: &crate::model::CalendarGap) -> String {
    let y = g.year;
    match lang {
        Lang::Zh => format!(
            "⚠ {y} 年放假安排未导入：{} 件在办办件、{} 个预约、{} 个调解室预约暂按法定节假日计算。\
             导入：yichuang import calendar 文件，或按 {{admin_command}} 输入 calendar 文件路径",
            g.cases, g.appointments, g.rooms
        ),
        Lang::En => format!(
            "⚠ The {y} holiday schedule is not imported: {} open case(s), {} appointment(s) and {} room \
             booking(s) are counted on the statutory holidays only. Import it: yichuang import calendar FILE, \
             or {{admin_command}} then calendar PATH",
            g.cases, g.appointments, g.rooms
        ),
    }
}
