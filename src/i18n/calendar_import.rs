//! Words of a calendar import: each date it added, changed, removed or kept, the cases it
//! moved and the bookings a clerk has to rebook; and the timeline line of a moved date.

use super::pick;
use crate::domain::calendar::{CalendarDay, DayKind};
use crate::domain::lang::Lang;
use crate::model::{CalendarImport, DueKind, Rebook, RebookWhat};

fn kind(lang: Lang, k: DayKind) -> &'static str {
    match k {
        DayKind::Off => pick(lang, "放假", "day off"),
        DayKind::Work => pick(lang, "调休上班", "makeup working day"),
    }
}

fn day(lang: Lang, d: &CalendarDay) -> String {
    format!("{} {} {}", d.date, d.name, kind(lang, d.kind))
}

fn which(lang: Lang, k: DueKind) -> &'static str {
    match k {
        DueKind::Due => pick(lang, "到期日", "due date"),
        DueKind::NoticeDeadline => pick(lang, "补正期限", "deadline for materials"),
    }
}

fn rebook(lang: Lang, b: &Rebook) -> String {
    let when = b.at.format("%Y-%m-%d %H:%M");
    match (&b.what, lang) {
        (RebookWhat::Appointment { id, category }, Lang::Zh) => format!("预约 #{id} {category} {when} {}", b.who),
        (RebookWhat::Appointment { id, category }, Lang::En) => {
            format!("appointment #{id} {category} {when} {}", b.who)
        }
        (RebookWhat::Room { id, room }, Lang::Zh) => format!("调解室 {room} #{id} {when} {}", b.who),
        (RebookWhat::Room { id, room }, Lang::En) => format!("room {room} #{id} {when} {}", b.who),
    }
}

/// The whole report, one line each: the counts, then every date added, changed, removed or
/// kept, the cases whose dates moved and the bookings to rebook. `to_remove` names how to ask
/// for the kept dates to go (`--replace-year` on the command line).
pub fn report(lang: Lang, file: &str, r: &CalendarImport, to_remove: &str) -> Vec<String> {
    let mut out = vec![head(lang, file, r)];
    out.extend(dates(lang, r));
    out.extend(consequences(lang, r, to_remove));
    out
}

/// The same lines with what needs doing first (cases moved, bookings to rebook, dates kept) and
/// the dates after, for a one-line result that may be cut short.
pub fn report_short_first(lang: Lang, file: &str, r: &CalendarImport, to_remove: &str) -> Vec<String> {
    let mut out = vec![head(lang, file, r)];
    out.extend(consequences(lang, r, to_remove));
    out.extend(dates(lang, r));
    out
}

fn head(lang: Lang, file: &str, r: &CalendarImport) -> String {
    let (a, c, d, k, u) = (r.added.len(), r.changed.len(), r.removed.len(), r.kept.len(), r.unchanged);
    match lang {
        Lang::Zh => format!("节假日 {file}：新增 {a}，修改 {c}，删除 {d}，保留 {k}，未变 {u}。"),
        Lang::En => format!("Calendar {file}: {a} added, {c} changed, {d} removed, {k} kept, {u} unchanged."),
    }
}

/// Every date added, changed, removed or kept.
fn dates(lang: Lang, r: &CalendarImport) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out: Vec<String> =
        r.added.iter().map(|x| format!("{} {}", pick(lang, "新增", "added"), day(lang, x))).collect();
    out.extend(r.changed.iter().map(|(was, now)| {
        if zh {
            format!("修改 {}（原为 {} {}）", day(lang, now), was.name, kind(lang, was.kind))
        } else {
            format!("changed {} (was {} {})", day(lang, now), was.name, kind(lang, was.kind))
        }
    }));
    out.extend(r.removed.iter().map(|x| format!("{} {}", pick(lang, "删除", "removed"), day(lang, x))));
    out.extend(r.kept.iter().map(|x| {
        if zh {
            format!("保留 {}（文件未列出）", day(lang, x))
        } else {
            format!("kept {} (not in the file)", day(lang, x))
        }
    }));
    out
}

/// How to remove the kept dates, the cases moved and the bookings to rebook.
fn consequences(lang: Lang, r: &CalendarImport, to_remove: &str) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    let k = r.kept.len();
    if k > 0 {
        out.push(if zh {
            format!("文件未列出的 {k} 个日期已保留；如要删除，请加 {to_remove} 重新导入。")
        } else {
            format!("{k} date(s) not in the file were kept; import again with {to_remove} to remove them.")
        });
    }
    if !r.moved.is_empty() {
        let n = r.moved.len();
        out.push(if zh { format!("调整日期的在办件 {n} 件：") } else { format!("{n} open case(s) moved:") });
        out.extend(r.moved.iter().map(|m| format!("  {} {} {} → {}", m.number, which(lang, m.kind), m.old, m.new)));
    }
    if !r.to_rebook.is_empty() {
        let n = r.to_rebook.len();
        out.push(if zh {
            format!("落在新放假日的预约 {n} 个，未移动、未取消，请联系改约：")
        } else {
            format!("{n} booking(s) now fall on a day off; none moved or cancelled, please rebook:")
        });
        out.extend(r.to_rebook.iter().map(|b| format!("  {}", rebook(lang, b))));
    }
    out
}

/// The timeline line of a date a calendar import moved ("due_changed", "notice_changed"), from
/// the event's detail "OLD NEW YEARS"; None for any other event.
pub fn date_moved(lang: Lang, kind: &str, detail: &str) -> Option<String> {
    let k = match kind {
        "due_changed" => DueKind::Due,
        "notice_changed" => DueKind::NoticeDeadline,
        _ => return None,
    };
    let mut w = detail.split(' ');
    let (old, new, years) = (w.next()?, w.next()?, w.next().unwrap_or_default().replace(',', "、"));
    Some(match lang {
        Lang::Zh => format!("{}由 {old} 调整为 {new}（{years} 年放假安排）", which(lang, k)),
        Lang::En => format!("{} moved from {old} to {new} ({years} holiday schedule)", which(lang, k)),
    })
}

/// Under a stored due date the current calendar would count otherwise.
pub fn stored_due_stands(lang: Lang) -> &'static str {
    pick(
        lang,
        "此到期日按登记时的日历计算，现行日历计数不同；以登记的到期日为准",
        "This due date was counted on the calendar of the day it was set; today's calendar counts otherwise. The stored date stands.",
    )
}
