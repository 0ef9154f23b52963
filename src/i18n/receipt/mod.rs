//! Receipts: 受理回执 and 一次性告知单 as plain text (48-column receipt printer or A4).
//!
//! Every line fits the paper in terminal cells (CJK characters take two), long names wrap onto
//! indented continuation lines instead of being cut, and nothing but plain text comes out.

use crate::domain::case::{Case, CaseMaterial, Channel, MaterialStatus};
use crate::domain::catalog::{DeskRole, LimitUnit, ServiceItem};
use crate::domain::lang::Lang;
use crate::domain::resident::{Resident, mask_id, mask_phone};
use crate::domain::text::display_width;
use crate::i18n::{handling, material_form, pick, time_limit};
use chrono::{NaiveDate, NaiveDateTime};

mod layout;

use layout::{Doc, clean, unbroken};

/// Paper the receipt is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 48-column thermal receipt printer.
    Receipt48,
    /// A4 page, 80 columns of monospace text.
    A4,
}

impl Paper {
    /// Width of a line in terminal cells.
    pub fn width(self) -> usize {
        match self {
            Paper::Receipt48 => 48,
            Paper::A4 => 80,
        }
    }
}

/// Everything a receipt shows (the caller gathers it; nothing here touches the database).
#[derive(Debug, Clone)]
pub struct ReceiptData<'a> {
    /// The service centre, e.g. 幸福里社区党群服务中心.
    pub centre: &'a str,
    /// The case.
    pub case: &'a Case,
    /// The case's service item.
    pub item: &'a ServiceItem,
    /// The applicant.
    pub resident: &'a Resident,
    /// The case's materials checklist.
    pub materials: &'a [CaseMaterial],
    /// Display name of the clerk, e.g. 王芳.
    pub clerk: &'a str,
    /// The counter window the case was taken in at.
    pub window: Option<u16>,
    /// When the receipt is printed.
    pub printed_at: NaiveDateTime,
    /// A reprint (补打): when the first was printed.
    pub first_printed: Option<NaiveDateTime>,
    /// The centre's enquiry phone; may be empty.
    pub phone: &'a str,
    /// Years the due date was counted into without their holiday notice (provisional date).
    pub provisional: &'a [i32],
}

/// 受理回执: what was accepted, from whom, with which materials, and when it will be done.
pub fn acceptance(lang: Lang, paper: Paper, d: &ReceiptData<'_>) -> String {
    let mut doc = Doc::new(lang, paper);
    doc.heading(d.centre, &title(lang, d, pick(lang, "受 理 回 执", "ACCEPTANCE RECEIPT")));

    let case = d.case;
    doc.field(pick(lang, "编    号", "Case no."), &case.number);
    doc.field(pick(lang, "事    项", "Item"), &item_name(lang, d.item));
    doc.field(pick(lang, "事项编码", "Item code"), &d.item.code);
    doc.field(pick(lang, "办件类型", "Handling"), &capitalised(handling(lang, d.item.handling)));
    doc.field(pick(lang, "实施部门", "Department"), &d.item.department);
    doc.field(pick(lang, "办理方式", "Channel"), channel(lang, case.channel));
    doc.rule('-');
    applicant(&mut doc, d.resident);
    let accepted = case.accepted_at.unwrap_or(case.received_at);
    if case.accepted_at.is_some_and(|a| a != case.received_at) {
        doc.field(pick(lang, "收件时间", "Received"), &datetime(lang, case.received_at));
    }
    doc.field(pick(lang, "受理时间", "Accepted"), &datetime(lang, accepted));
    doc.field(pick(lang, "办理时限", "Time limit"), &time_limit(lang, d.item.time_limit));
    if let Some(due) = case.due {
        if d.provisional.is_empty() {
            doc.field(pick(lang, "预计办结", "Due by"), &date(lang, due));
        } else {
            let mark = crate::i18n::provisional_mark(lang);
            doc.field(pick(lang, "预计办结", "Due by"), &format!("{}{mark}", date(lang, due)));
            doc.line(&crate::i18n::provisional_due(lang, d.provisional));
        }
    }

    let waived = received_and_promised(&mut doc, d);
    doc.rule('-');
    doc.line(pick(lang, "办理说明", "WHAT HAPPENS NEXT"));
    let mut steps = vec![next_step(lang, d.item)];
    if waived > 0 {
        steps.push(
            pick(
                lang,
                "容缺受理的材料请于承诺日期前补交，未按期补交的，办件可能暂停办理。",
                "Please bring the materials accepted on promise by the dates shown; \
                 otherwise handling may be paused.",
            )
            .to_string(),
        );
    }
    steps.push(
        pick(
            lang,
            "请妥善保管本回执，可凭编号到窗口或来电查询办理进度。",
            "Keep this receipt: quote the case number at the window or by phone to ask \
             about progress.",
        )
        .to_string(),
    );
    for (i, s) in steps.iter().enumerate() {
        doc.numbered(i + 1, steps.len(), s);
    }

    footer(&mut doc, d);
    signature(&mut doc, case.channel, pick(lang, "签字", "signature"));
    doc.finish()
}

/// 一次性告知单: exactly the required materials still missing, and by when to bring them.
pub fn notice(lang: Lang, paper: Paper, d: &ReceiptData<'_>) -> String {
    let mut doc = Doc::new(lang, paper);
    doc.heading(d.centre, &title(lang, d, pick(lang, "一 次 性 告 知 单", "ONE-TIME NOTICE OF MISSING MATERIALS")));

    let case = d.case;
    let item = item_name(lang, d.item);
    doc.field(pick(lang, "编    号", "Case no."), &case.number);
    doc.field(pick(lang, "事    项", "Item"), &item);
    doc.field(pick(lang, "事项编码", "Item code"), &d.item.code);
    doc.rule('-');
    applicant(&mut doc, d.resident);
    doc.field(pick(lang, "收件时间", "Received"), &datetime(lang, case.received_at));
    doc.rule('-');

    let name = clean(&d.resident.name);
    match lang {
        Lang::Zh => {
            doc.line(&format!("{name}："));
            doc.paragraph(
                &format!(
                    "您申请办理的“{item}”事项，申请材料尚不齐全。根据《中华人民共和国行政许可法》\
                     第三十二条的规定，现将需要补齐的全部材料一次性告知如下："
                ),
                4,
            );
        }
        Lang::En => {
            doc.line(&format!("To {name}:"));
            doc.paragraph(
                &format!(
                    "Your application for \"{item}\" is not yet complete. Under Article 32 of \
                     the Administrative Licensing Law of the People's Republic of China, this \
                     notice tells you, once and in full, every material still required:"
                ),
                0,
            );
        }
    }

    let missing: Vec<&CaseMaterial> =
        d.materials.iter().filter(|m| m.required && m.status == MaterialStatus::Missing).collect();
    doc.rule('-');
    doc.line(&match lang {
        Lang::Zh => format!("需补齐的材料（共 {} 项）", missing.len()),
        Lang::En => format!("STILL REQUIRED ({})", missing.len()),
    });
    if missing.is_empty() {
        doc.line(pick(lang, "（无）", "(none)"));
    }
    materials(&mut doc, d, &missing, true);
    received_and_promised(&mut doc, d);
    doc.rule('-');
    let limit = time_limit(lang, d.item.time_limit);
    let immediate = d.item.time_limit.unit == LimitUnit::Immediate;
    let text = match (lang, case.notice_deadline) {
        (Lang::Zh, Some(by)) => format!("请于 {} 前补齐上述材料。", date(lang, by)),
        (Lang::Zh, None) => "请补齐上述材料后再来窗口办理。".to_string(),
        (Lang::En, Some(by)) => format!("Please bring them by {}.", date(lang, by)),
        (Lang::En, None) => "Please come back to the window with them.".to_string(),
    };
    let then = match (lang, immediate) {
        (Lang::Zh, false) => {
            format!("材料补齐后即予受理，办理时限（{limit}）自受理之日起计算。")
        }
        (Lang::Zh, true) => "材料补齐后即予受理，当场办结。".to_string(),
        (Lang::En, false) => format!(
            "Once they are complete, your application is accepted and the time limit \
             ({limit}) starts from that day."
        ),
        (Lang::En, true) => {
            "Once they are complete, your application is accepted and completed on the spot.".to_string()
        }
    };
    doc.paragraph(&format!("{text}{}{then}", pick(lang, "", " ")), 0);

    footer(&mut doc, d);
    signature(&mut doc, case.channel, pick(lang, "签收", "signature"));
    doc.finish()
}

/// The title, marked 补打 on a reprint so that two papers for one case are told apart.
fn title(lang: Lang, d: &ReceiptData<'_>, title: &str) -> String {
    match (d.first_printed, lang) {
        (None, _) => title.to_string(),
        (Some(_), Lang::Zh) => format!("{title}（补打）"),
        (Some(_), Lang::En) => format!("{title} (REPRINT)"),
    }
}

/// Everything a what-to-bring slip shows: no case, no resident.
#[derive(Debug, Clone)]
pub struct SlipData<'a> {
    /// The service centre.
    pub centre: &'a str,
    /// The item asked about.
    pub item: &'a ServiceItem,
    /// Display name of the clerk.
    pub clerk: &'a str,
    /// The clerk's window.
    pub window: Option<u16>,
    /// When it is printed.
    pub printed_at: NaiveDateTime,
    /// The centre's enquiry phone; may be empty.
    pub phone: &'a str,
}

/// 办事告知单 ("what to bring"): the one-time notice of every material of an item, with when
/// each applies, which are optional and which may be promised (容缺), the time limit and fee,
/// for a resident who asked and will come back.
pub fn what_to_bring(lang: Lang, paper: Paper, d: &SlipData<'_>) -> String {
    let mut doc = Doc::new(lang, paper);
    doc.heading(d.centre, pick(lang, "办 事 告 知 单（一次性告知）", "WHAT TO BRING (ONE-TIME NOTICE)"));
    let item = d.item;
    doc.field(pick(lang, "事    项", "Item"), &item_name(lang, item));
    doc.field(pick(lang, "事项编码", "Item code"), &item.code);
    doc.field(pick(lang, "办件类型", "Handling"), &capitalised(handling(lang, item.handling)));
    doc.field(pick(lang, "实施部门", "Department"), &item.department);
    doc.field(pick(lang, "办理时限", "Time limit"), &time_limit(lang, item.time_limit));
    doc.field(pick(lang, "收费标准", "Fee"), &item.fee);
    let (required, optional): (Vec<_>, Vec<_>) = item.materials.iter().partition(|m| m.required);
    for (list, heading) in [
        (&required, pick(lang, "必须提交的材料", "REQUIRED")),
        (&optional, pick(lang, "可选材料（符合所注情形时提交）", "OPTIONAL (ONLY WHERE THE NOTE APPLIES)")),
    ] {
        if list.is_empty() {
            continue;
        }
        doc.rule('-');
        doc.line(&match lang {
            Lang::Zh => format!("{heading}（共 {} 项）", list.len()),
            Lang::En => format!("{heading} ({})", list.len()),
        });
        for (i, m) in list.iter().enumerate() {
            let mut extra = Vec::new();
            if !m.note.trim().is_empty() {
                extra.push(match lang {
                    Lang::Zh => format!("（{}）", clean(&m.note)),
                    Lang::En => format!("({})", clean(&m.note)),
                });
            }
            if !m.required {
                extra.push(pick(lang, "可选", "Optional").to_string());
            }
            if m.required && m.may_be_rongque() {
                extra.push(
                    pick(lang, "可容缺受理，承诺日期前补交", "May be brought later on a promise (容缺)").to_string(),
                );
            }
            doc.material(i + 1, list.len(), &m.name, &material_form(lang, m.form, m.count), &extra);
        }
    }
    doc.rule('-');
    doc.line(pick(lang, "办理说明", "WHAT HAPPENS NEXT"));
    let steps = [
        pick(
            lang,
            "请备齐上述必须提交的材料后到窗口办理；材料齐全即予受理。",
            "Bring the required materials to the window; a complete application is accepted on the spot.",
        )
        .to_string(),
        next_step(lang, item),
    ];
    for (i, s) in steps.iter().enumerate() {
        doc.numbered(i + 1, steps.len(), s);
    }
    desk(&mut doc, (d.clerk, d.window, d.centre, d.phone), false);
    doc.field(pick(lang, "打印时间", "Printed"), &datetime(lang, d.printed_at));
    doc.rule('=');
    doc.finish()
}

/// Applicant, masked identity number and masked phone.
fn applicant(doc: &mut Doc, r: &Resident) {
    let lang = doc.lang;
    doc.field(pick(lang, "申 请 人", "Applicant"), &r.name);
    doc.field(pick(lang, "证件号码", "ID number"), &mask_id(&r.id_number));
    if !r.phone.trim().is_empty() {
        doc.field(pick(lang, "联系电话", "Phone"), &mask_phone(&r.phone));
    }
}

/// Clerk, window, centre and enquiry phone after a rule; a case's receipt names the window and
/// centre as where it was accepted (受理), a slip as where it was given.
fn desk(doc: &mut Doc, (clerk, window, centre, phone): (&str, Option<u16>, &str, &str), accepted: bool) {
    let lang = doc.lang;
    doc.rule('-');
    doc.field(pick(lang, "经 办 人", "Clerk"), clerk);
    if let Some(w) = window {
        let w = match lang {
            Lang::Zh => crate::i18n::window(lang, w),
            Lang::En => w.to_string(),
        };
        doc.field(if accepted { pick(lang, "受理窗口", "Window") } else { pick(lang, "窗    口", "Window") }, &w);
    }
    doc.field(if accepted { pick(lang, "受理单位", "Centre") } else { pick(lang, "服务单位", "Centre") }, centre);
    if !phone.trim().is_empty() {
        doc.field(pick(lang, "咨询电话", "Enquiries"), phone);
    }
}

/// Clerk, window, centre, enquiry phone and print time (a reprint gives both times).
fn footer(doc: &mut Doc, d: &ReceiptData<'_>) {
    let lang = doc.lang;
    desk(doc, (d.clerk, d.window, d.centre, d.phone), true);
    match d.first_printed {
        Some(first) => {
            doc.field(pick(lang, "首次打印", "First printed"), &datetime(lang, first));
            doc.field(pick(lang, "补打时间", "Reprinted"), &datetime(lang, d.printed_at));
        }
        None => doc.field(pick(lang, "打印时间", "Printed"), &datetime(lang, d.printed_at)),
    }
}

/// The signature and date lines, then the closing rule.
fn signature(doc: &mut Doc, channel: Channel, what: &str) {
    let lang = doc.lang;
    let who = match (lang, channel) {
        (Lang::Zh, Channel::OnBehalf) => "代办人",
        (Lang::Zh, _) => "申请人",
        (Lang::En, Channel::OnBehalf) => "Agent's",
        (Lang::En, _) => "Applicant's",
    };
    let sig = match lang {
        Lang::Zh => format!("{who}{what}：{}", "_".repeat(24)),
        Lang::En => format!("{who} {what}: {}", "_".repeat(24)),
    };
    let day = pick(lang, "日期：______年____月____日", "Date: ______________");
    doc.rule('-');
    doc.blank();
    if display_width(&sig) + 4 + display_width(day) <= doc.width {
        doc.push(format!("{sig}    {day}"));
    } else {
        doc.line(&sig);
        doc.blank();
        doc.line(day);
    }
    doc.blank();
    doc.rule('=');
}

/// The materials received, then (if any) those accepted on a promise (容缺) with their dates:
/// a promised material is never listed as received. Returns how many are promised.
fn received_and_promised(doc: &mut Doc, d: &ReceiptData<'_>) -> usize {
    let lang = doc.lang;
    let received: Vec<&CaseMaterial> = d.materials.iter().filter(|m| m.status == MaterialStatus::Presented).collect();
    let promised: Vec<&CaseMaterial> =
        d.materials.iter().filter(|m| matches!(m.status, MaterialStatus::Waived(_))).collect();
    doc.rule('-');
    doc.line(&match lang {
        Lang::Zh => format!("已收取的材料（共 {} 项）", received.len()),
        Lang::En => format!("ALREADY RECEIVED ({})", received.len()),
    });
    if received.is_empty() {
        doc.line(pick(lang, "（无）", "(none)"));
    }
    materials(doc, d, &received, false);
    if !promised.is_empty() {
        doc.rule('-');
        doc.line(&match lang {
            Lang::Zh => format!("容缺受理、尚未收取的材料（共 {} 项）", promised.len()),
            Lang::En => format!("ACCEPTED ON PROMISE, NOT YET RECEIVED ({})", promised.len()),
        });
        materials(doc, d, &promised, true);
    }
    promised.len()
}

/// Numbered materials with form and count; waived ones say 容缺 and the promised date.
fn materials(doc: &mut Doc, d: &ReceiptData<'_>, list: &[&CaseMaterial], with_note: bool) {
    let lang = doc.lang;
    for (i, m) in list.iter().enumerate() {
        let spec = d.item.materials.iter().find(|s| s.name == m.name);
        let detail = spec.map(|s| material_form(lang, s.form, s.count)).unwrap_or_default();
        let mut extra = Vec::new();
        if with_note && let Some(s) = spec.filter(|s| !s.note.trim().is_empty()) {
            extra.push(match lang {
                Lang::Zh => format!("（{}）", clean(&s.note)),
                Lang::En => format!("({})", clean(&s.note)),
            });
        }
        if let MaterialStatus::Waived(by) = m.status {
            extra.push(match lang {
                Lang::Zh => format!("容缺受理，承诺于 {} 前补交", date(lang, by)),
                Lang::En => format!("Accepted on promise: bring by {}", date(lang, by)),
            });
        }
        doc.material(i + 1, list.len(), &m.name, &detail, &extra);
    }
}

/// What the desk does with the case next.
fn next_step(lang: Lang, item: &ServiceItem) -> String {
    let dept = clean(&item.department);
    let immediate = item.time_limit.unit == LimitUnit::Immediate;
    match (lang, item.desk_role, immediate) {
        (Lang::Zh, DeskRole::Forward, _) => {
            format!("本窗口收件后报送{dept}审核办理，办结后将通知您。")
        }
        (Lang::Zh, DeskRole::OnTheSpot, true) => "本窗口当场办结。".to_string(),
        (Lang::Zh, DeskRole::OnTheSpot, false) => "由本窗口办理，办结后将通知您领取结果。".to_string(),
        (Lang::En, DeskRole::Forward, _) => {
            let dept = unbroken(&dept);
            format!(
                "This desk forwards your application to {dept}, which decides on it; we will \
             tell you when it is done."
            )
        }
        (Lang::En, DeskRole::OnTheSpot, true) => "This desk completes your application on the spot.".to_string(),
        (Lang::En, DeskRole::OnTheSpot, false) => {
            "This desk handles your application and will tell you when the result is ready.".to_string()
        }
    }
}

fn item_name(lang: Lang, item: &ServiceItem) -> String {
    match lang {
        Lang::En if !item.name_en.trim().is_empty() => clean(&item.name_en),
        _ => clean(&item.name),
    }
}

fn channel(lang: Lang, c: Channel) -> &'static str {
    match c {
        Channel::Window => pick(lang, "窗口办理", "At the window"),
        Channel::Appointment => pick(lang, "预约办理", "By appointment"),
        Channel::OnBehalf => pick(lang, "代办", "On the resident's behalf"),
        Channel::HomeVisit => pick(lang, "上门办理", "Home visit"),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `2026年11月25日` / `25 Nov 2026`, never broken across lines.
fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => unbroken(&d.format("%Y年%m月%d日").to_string()),
        Lang::En => unbroken(&d.format("%-d %b %Y").to_string()),
    }
}

/// `2026年11月20日 09:41` / `20 Nov 2026 09:41`.
fn datetime(lang: Lang, t: NaiveDateTime) -> String {
    format!("{} {}", date(lang, t.date()), t.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::layout::wrap;
    use super::*;

    #[test]
    fn chinese_breaks_anywhere_but_before_closing_punctuation() {
        let lines = wrap("一二三四五。六七", 10, 10);
        assert_eq!(lines, ["一二三四", "五。六七"]);
        let lines = wrap("一二三（四五", 8, 8);
        assert_eq!(lines, ["一二三", "（四五"]);
    }

    #[test]
    fn english_breaks_between_words_and_long_words_are_split() {
        assert_eq!(wrap("one two three", 8, 8), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4, 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4, 4), [""]);
    }

    #[test]
    fn dates_stay_whole() {
        let d = date(Lang::Zh, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        let lines = wrap(&format!("请于 {d} 前补齐"), 16, 16);
        assert_eq!(lines, ["请于", "2026年11月27日", "前补齐"]);
        let d = date(Lang::En, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert_eq!(wrap(&format!("by {d}"), 12, 12), ["by", "27 Nov 2026"]);
    }

    #[test]
    fn first_line_may_be_shorter() {
        assert_eq!(wrap("一二三四五六", 4, 8), ["一二", "三四五六"]);
    }
}
