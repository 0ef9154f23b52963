//! The feedback report (反馈单) to a work unit, as words: the plain-text document and the
//! names its spreadsheet uses. `export::feedback` writes the files.

use super::fill;
use super::words::export_feedback::{W, say};
use crate::domain::lang::Lang;
use crate::domain::member::{Member, MemberStatus, Service, Source, halves, quarter_span};
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

/// A member's name as the unit reads it: marked when they have since moved away or
/// transferred (their hours of the quarter still count).
pub fn member_name(lang: Lang, m: &Member) -> String {
    match m.status {
        MemberStatus::Active => m.name.clone(),
        s => format!("{}（{}）", m.name, super::members::status(lang, s)),
    }
}

/// Members, half hours and half points of the whole unit.
pub fn unit_sums(fb: &UnitFeedback) -> (usize, u32, u32) {
    let (h, p) = fb.members.iter().fold((0, 0), |(h, p), (_, rs)| {
        let (a, b) = sums(rs);
        (h + a, p + b)
    });
    (fb.members.len(), h, p)
}

/// The lines under the document's name: to whom, which period (and "as of" while it runs),
/// from which community with its phone, the issue date, and the unit's totals.
pub fn heading(lang: Lang, fb: &UnitFeedback, community: &str) -> Vec<String> {
    let (first, last) = quarter_span(fb.year, fb.quarter);
    let quarter = super::words::export_feedback::quarter_name(lang, fb.year, fb.quarter);
    let period = match fb.as_of() {
        Some(d) => fill(say(lang, W::PeriodAsOf), &[&quarter, &first, &last, &d]),
        None => fill(say(lang, W::Period), &[&quarter, &first, &last]),
    };
    // The screens pass the setting as it is; a centre without a name still signs as one.
    let community = if community.trim().is_empty() { say(lang, W::Centre) } else { community.trim() };
    let mut from = fill(say(lang, W::FromCommunity), &[&community]);
    if !fb.contact.trim().is_empty() {
        from.push_str(super::words::export_feedback::gap(lang));
        from.push_str(&fill(say(lang, W::ContactPhone), &[&fb.contact.trim()]));
    }
    let (n, h, p) = unit_sums(fb);
    vec![
        fill(say(lang, W::ToUnit), &[&fb.unit]),
        period,
        from,
        fill(say(lang, W::IssuedOn), &[&fb.issued]),
        fill(say(lang, W::Summary), &[&n, &halves(h), &halves(p)]),
    ]
}

/// The report as plain text, ready to print or send.
pub fn text(lang: Lang, fb: &UnitFeedback, community: &str) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(say(lang, W::CommunityServiceOfWorking).into());
    line(String::new());
    let mut head = heading(lang, fb, community);
    let summary = head.pop().unwrap_or_default();
    head.into_iter().for_each(&mut line);
    let what_width =
        fb.members.iter().flat_map(|(_, rs)| rs.iter().map(|r| r.what.width())).max().unwrap_or(0).clamp(8, 40);
    for (i, (m, records)) in fb.members.iter().enumerate() {
        line(String::new());
        let branch = if m.branch.is_empty() { "—" } else { m.branch.as_str() };
        let name = member_name(lang, m);
        if zh {
            line(format!("{}. {name}  电话 {}  党支部：{branch}  报到日期：{}", i + 1, phone(m), m.reported_on));
        } else {
            line(format!("{}. {name}  phone {}  branch: {branch}  reported: {}", i + 1, phone(m), m.reported_on));
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
        line(format!("   {}", fill(say(lang, W::SubtotalLine), &[&halves(h), &halves(p)])));
        let ytd = halves(fb.year_to_date(m.id));
        line(format!("   {}", fill(say(lang, W::YearToDateLine), &[&ytd, &fb.target_hours])));
    }
    line(String::new());
    line(summary);
    line(String::new());
    for w in [W::CommunitySeal, W::PreparedBy, W::DateBlank] {
        line(say(lang, w).into());
    }
    out
}
