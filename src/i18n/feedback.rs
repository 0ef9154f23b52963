//! The feedback report (反馈单) to a work unit, as words: the plain-text document and the
//! names its spreadsheet uses. `export::feedback` writes the files.

use super::words::export_feedback::{W, say};
use crate::domain::lang::Lang;
use crate::domain::member::{Member, Service, Source, halves, quarter_span};
use crate::domain::resident::mask_phone;
use crate::model::UnitFeedback;
use unicode_width::UnicodeWidthStr;

pub fn source_name(lang: Lang, s: &Service) -> &'static str {
    match s.source {
        // Flagged so the unit knows nobody confirmed when the member left.
        Source::CheckIn if s.auto_closed => say(lang, W::CheckInNoCheck),
        Source::CheckIn => say(lang, W::CheckIn),
        Source::Manual { .. } => say(lang, W::EnteredByHand),
    }
}

pub fn phone(m: &Member) -> String {
    if m.phone.is_empty() { String::new() } else { mask_phone(&m.phone) }
}

/// Half hours and half points of some records.
pub fn sums(records: &[Service]) -> (u32, u32) {
    records.iter().fold((0, 0), |(h, p), s| (h + s.half_hours, p + s.half_points()))
}

/// Pads to a width in terminal cells, so columns line up with CJK text in a fixed-width font.
pub fn pad(s: &str, cells: usize) -> String {
    format!("{s}{}", " ".repeat(cells.saturating_sub(s.width())))
}

/// The report as plain text, ready to print or send.
pub fn text(lang: Lang, fb: &UnitFeedback, community: &str) -> String {
    let (first, last) = quarter_span(fb.year, fb.quarter);
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(say(lang, W::CommunityServiceOfWorking).into());
    line(String::new());
    if zh {
        line(format!("报送单位：{}", fb.unit));
        line(format!("反馈社区：{community}"));
        line(format!(
            "统计时段：{}（{first} 至 {last}）",
            super::words::export_feedback::quarter_name(lang, fb.year, fb.quarter)
        ));
    } else {
        line(format!("To:        {}", fb.unit));
        line(format!("Community: {community}"));
        line(format!(
            "Period:    {} ({first} to {last})",
            super::words::export_feedback::quarter_name(lang, fb.year, fb.quarter)
        ));
    }
    let what_width =
        fb.members.iter().flat_map(|(_, rs)| rs.iter().map(|r| r.what.width())).max().unwrap_or(0).clamp(8, 40);
    let (mut unit_h, mut unit_p) = (0, 0);
    for (i, (m, records)) in fb.members.iter().enumerate() {
        line(String::new());
        let branch = if m.branch.is_empty() { "—" } else { m.branch.as_str() };
        if zh {
            line(format!("{}. {}  电话 {}  党支部：{branch}  报到日期：{}", i + 1, m.name, phone(m), m.reported_on));
        } else {
            line(format!("{}. {}  phone {}  branch: {branch}  reported: {}", i + 1, m.name, phone(m), m.reported_on));
        }
        if records.is_empty() {
            line(format!("   {}", say(lang, W::NoServiceThisQuarter)));
        }
        for r in records {
            let hours = format!("{} {}", halves(r.half_hours), say(lang, W::H));
            let points = format!("{} {}", halves(r.half_points()), say(lang, W::Pts));
            line(format!(
                "   {}  {}  {}  {}  {}",
                r.start.date(),
                pad(&r.what, what_width),
                pad(&hours, 8),
                pad(&points, 8),
                source_name(lang, r)
            ));
        }
        let (h, p) = sums(records);
        unit_h += h;
        unit_p += p;
        if zh {
            line(format!("   小计：{} 小时，{} 分", halves(h), halves(p)));
        } else {
            line(format!("   Subtotal: {} h, {} points", halves(h), halves(p)));
        }
    }
    line(String::new());
    if zh {
        line(format!("合计：党员 {} 名，服务 {} 小时，积分 {} 分", fb.members.len(), halves(unit_h), halves(unit_p)));
        line(String::new());
        line("社区党组织（盖章）：".into());
        line("日期：      年    月    日".into());
    } else {
        line(format!("Total: {} members, {} hours, {} points", fb.members.len(), halves(unit_h), halves(unit_p)));
        line(String::new());
        line("Seal of the community party organisation:".into());
        line("Date:".into());
    }
    out
}
