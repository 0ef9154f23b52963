//! Words of residents and cases: states, channels, materials, errors, notices.

use super::pick;
use crate::app::cases::CaseView;
use crate::app::overlay::PromptFor;
use crate::domain::case::{CaseError, CaseState, Channel, MaterialStatus, Transition, Urgency};
use crate::domain::lang::Lang;
use crate::domain::resident::{IdProblem, ResidentProblem, Tag};
use chrono::{Datelike, NaiveDate};

/// A date as clerks write it: 2026年11月27日 / 2026-11-27.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A case state.
pub fn case_state(lang: Lang, s: CaseState) -> &'static str {
    match s {
        CaseState::Accepted => pick(lang, "已受理", "accepted"),
        CaseState::InProgress => pick(lang, "办理中", "in progress"),
        CaseState::AwaitingMaterials => pick(lang, "待补正", "awaiting materials"),
        CaseState::Suspended => pick(lang, "已挂起", "suspended"),
        CaseState::Completed => pick(lang, "已办结", "completed"),
        CaseState::Returned => pick(lang, "已退件", "returned"),
        CaseState::NotAccepted => pick(lang, "不予受理", "not accepted"),
    }
}

/// A case state in a list column (short).
pub fn case_state_short(lang: Lang, s: CaseState) -> &'static str {
    match (lang, s) {
        (Lang::En, CaseState::AwaitingMaterials) => "awaiting",
        (Lang::En, CaseState::NotAccepted) => "refused",
        _ => case_state(lang, s),
    }
}

/// "(x)" with the parentheses of the language.
pub fn paren(lang: Lang, x: &str) -> String {
    match lang {
        Lang::Zh => format!("（{x}）"),
        Lang::En => format!(" ({x})"),
    }
}

/// How a case came.
pub fn channel(lang: Lang, c: Channel) -> &'static str {
    match c {
        Channel::Window => pick(lang, "窗口", "window"),
        Channel::Appointment => pick(lang, "预约", "appointment"),
        Channel::OnBehalf => pick(lang, "代办", "on behalf"),
        Channel::HomeVisit => pick(lang, "上门", "home visit"),
    }
}

/// A material's status at intake.
pub fn material_status(lang: Lang, s: MaterialStatus) -> String {
    match s {
        MaterialStatus::Presented => pick(lang, "已交", "presented").to_string(),
        MaterialStatus::Missing => pick(lang, "缺少", "missing").to_string(),
        MaterialStatus::Waived(d) => match lang {
            Lang::Zh => format!("容缺，承诺 {} 前补交", date(lang, d)),
            Lang::En => format!("waived, to bring by {}", date(lang, d)),
        },
    }
}

/// Deadline urgency.
pub fn urgency(lang: Lang, u: Urgency) -> &'static str {
    match u {
        Urgency::Normal => "",
        Urgency::DueSoon => pick(lang, "将到期", "due soon"),
        Urgency::Overdue => pick(lang, "已超期", "OVERDUE"),
    }
}

/// The cases list's filter.
pub fn view(lang: Lang, v: CaseView) -> &'static str {
    match v {
        CaseView::Open => pick(lang, "在办", "open"),
        CaseView::DueSoon => pick(lang, "将到期", "due soon"),
        CaseView::Overdue => pick(lang, "已超期", "overdue"),
        CaseView::Awaiting => pick(lang, "待补正", "awaiting materials"),
        CaseView::Closed => pick(lang, "已结束", "closed"),
        CaseView::All => pick(lang, "全部", "all"),
    }
}

/// A resident tag.
pub fn tag(lang: Lang, t: Tag) -> &'static str {
    match t {
        Tag::Elderly => pick(lang, "老年人", "elderly"),
        Tag::Disability => pick(lang, "残疾人", "disability"),
        Tag::Veteran => pick(lang, "退役军人", "veteran"),
        Tag::Hardship => pick(lang, "困难群众", "hardship"),
        Tag::Pregnant => pick(lang, "孕妇", "pregnant"),
        Tag::LivingAlone => pick(lang, "独居", "living alone"),
    }
}

/// The question of a prompt.
pub fn prompt_title(lang: Lang, p: PromptFor) -> &'static str {
    match p {
        PromptFor::Suspend => pick(lang, "挂起原因（告知申请人）", "Reason for suspending (the resident is told)"),
        PromptFor::Return => pick(lang, "退件原因", "Reason for returning"),
        PromptFor::Reject => pick(lang, "不予受理的理由", "Reason for refusing"),
        PromptFor::Rate => pick(
            lang,
            "申请人评价：5 非常满意 … 1 非常不满意",
            "Resident's rating: 5 very satisfied … 1 very dissatisfied",
        ),
        PromptFor::FollowUp => pick(lang, "差评回访情况", "What the follow-up found and did"),
        PromptFor::Transfer => pick(
            lang,
            "转到哪个类别（编码、字母或名称，如 YB、B、医保）",
            "To which category (code, letter or name: YB, B, 医保)",
        ),
        PromptFor::Take => pick(lang, "类别或事项（如 SB、社保、SB-001）", "Category or item (SB, 社保, SB-001)"),
        PromptFor::TakeGreen => {
            pick(lang, "类别和原因，空格分隔（如 SB 80岁、LL 残疾人）", "Category and reason, with a space (SB 80岁)")
        }
        PromptFor::Pause => pick(lang, "暂停原因（如 午休、系统维护）", "Why the window pauses (lunch, maintenance)"),
        PromptFor::BookFor => pick(
            lang,
            "为谁预约：姓名、拼音、身份证或手机尾号；同名时请核对证件尾号和年龄",
            "Book for: name, pinyin, ID or phone tail; with namesakes check the ID tail and age",
        ),
        PromptFor::CancelBooking | PromptFor::CancelRoom => pick(lang, "取消原因", "Why it is cancelled"),
        PromptFor::RoomPurpose => pick(
            lang,
            "用途，或我的调解案号（如 和调〔2026〕第3号），可空",
            "Purpose, or one of my mediation case numbers (may be empty)",
        ),
        PromptFor::RoomDate => pick(
            lang,
            "转到哪一天：年-月-日（如 2027-02-03），或 月-日（如 2-3）",
            "Go to which day: year-month-day (2027-02-03), or month-day (2-3)",
        ),
        PromptFor::CancelRoomSeries => pick(
            lang,
            "取消本次及以后各次的原因（在第一次上即取消整个系列）",
            "Why this date and the later ones are cancelled (from the first date: the whole series)",
        ),
        PromptFor::RoomEdit => pick(
            lang,
            "新的用途，或我的调解案号（如 和调〔2026〕第3号）；清空则不写用途",
            "New purpose, or one of my mediation case numbers; empty for none",
        ),
        PromptFor::Agree => {
            pick(lang, "协议内容摘要（履行方式、期限）", "The agreement (how and by when it is performed)")
        }
        PromptFor::Fail => pick(
            lang,
            "调解不成的原因及告知的途径（诉讼、仲裁等）",
            "Why it failed, and where the parties were pointed (court, arbitration)",
        ),
        PromptFor::Terminate => pick(lang, "终止调解的原因", "Why mediation stops"),
        PromptFor::Admin => pick(
            lang,
            "管理：window 4 综合窗口 SB,YB ｜ room add 名称 [人数] ｜ room retire 编号 ｜ calendar 文件 [replace] ｜ item retire/restore/fee/notes/department 编码 [内容] ｜ import residents/members 文件… [confirm] ｜ import undo 批次 ｜ setting centre_name 名称（管理员）",
            "Admin: window 4 NAME SB,YB | room add NAME [size] | room retire ID | calendar FILE [replace] | item retire/restore/fee/notes/department CODE [text] | import residents/members FILE… [confirm] | import undo BATCH | setting centre_name NAME (admins)",
        ),
        PromptFor::Target => pick(
            lang,
            "目标：wait 30（等候分钟）/ hours 50（党员年度时长）/ months 6（报到周期）/ threshold SB 10（类别警戒）/ appointments 14（预约提前天数）/ rooms 90（调解室提前天数，1–366）",
            "Target: wait 30 (minutes) / hours 50 (member hours) / months 6 (report cadence) / threshold SB 10 / appointments 14 (days ahead) / rooms 90 (room days ahead, 1–366)",
        ),
        PromptFor::OperatorAdd => pick(
            lang,
            "新人员：登录名 姓名 角色 [窗口]，如 sunli 孙丽 clerk 4（角色：clerk mediator member_desk supervisor admin）",
            "New operator: login name role [window], e.g. sunli 孙丽 clerk 4",
        ),
        PromptFor::OperatorSet => pick(lang, "角色 [窗口]，如 clerk 2", "Role [window], e.g. clerk 2"),
        PromptFor::OperatorRetire => pick(
            lang,
            "停用该人员（历史记录保留）：输入其登录名确认",
            "Retire (history is kept): type the login to confirm",
        ),
        PromptFor::Report => pick(
            lang,
            "报表：d 日报 / m 月报，可加日期，如 m 2026-11-01（回车 = 今日日报）",
            "Report: d daily / m monthly, optionally a date, e.g. m 2026-11-01 (Enter: today's daily)",
        ),
        PromptFor::AuditFilter => pick(
            lang,
            "筛选：operator:登录名 action:reveal entity:case date:2026-11-20（空 = 全部）",
            "Filter: operator:LOGIN action:reveal entity:case date:2026-11-20 (empty: all)",
        ),
        PromptFor::ManualHours
        | PromptFor::ImportRoster
        | PromptFor::DeclineRecord
        | PromptFor::MemberStatus
        | PromptFor::Feedback
        | PromptFor::RejectHours => super::members::prompt_hint(lang, p),
        PromptFor::MediationVisit => pick(
            lang,
            "履行情况 1 已履行 / 2 部分 / 3 未履行，空格后写回访情况",
            "1 performed / 2 partly / 3 not yet, a space, then what the visit found",
        ),
        PromptFor::RequestDone => pick(
            lang,
            "党员服务时长（小时，如 1.5；留空 = 不记时长）",
            "The member's hours (e.g. 1.5; empty: none recorded)",
        ),
        PromptFor::RequestReturn => {
            pick(lang, "退回原因（为什么办不了）", "Why it is sent back (why it cannot be done)")
        }
        PromptFor::RequestEscalate => pick(
            lang,
            "吹哨：部门 天数 原因，如 区住建局 3 楼体开裂需鉴定",
            "Call in: department, working days, reason, e.g. 区住建局 3 楼体开裂需鉴定",
        ),
        PromptFor::RequestFor => pick(
            lang,
            "诉求人：输入姓名、拼音首字母或身份证号，↑↓ 选择，回车确认",
            "Who it is from: name, initials or ID number; ↑/↓ to pick, Enter to confirm",
        ),
        PromptFor::RequestRate => {
            pick(lang, "居民评价：1 满意 / 2 基本满意 / 3 不满意", "Rating: 1 satisfied / 2 fair / 3 unsatisfied")
        }
    }
}

/// A timeline entry's kind.
pub fn event_kind(lang: Lang, kind: &str) -> String {
    let t = Transition::from_str_opt(kind);
    let words = match (kind, t) {
        ("intake", _) => pick(lang, "收件", "received"),
        ("accept", _) => pick(lang, "受理", "accepted"),
        ("notice", _) => pick(lang, "出具一次性告知单", "one-time notice issued"),
        ("rate", _) => pick(lang, "评价", "rated"),
        ("follow_up", _) => pick(lang, "差评回访", "follow-up done"),
        ("undo", _) => pick(lang, "撤销上一步", "last step taken back"),
        ("due_changed", _) => pick(lang, "到期日调整", "due date moved"),
        ("notice_changed", _) => pick(lang, "补正期限调整", "deadline for materials moved"),
        ("supplied", _) => pick(lang, "容缺材料补交", "waived material brought"),
        ("original_in", _) => pick(lang, "收取原件", "original received"),
        ("original_out", _) => pick(lang, "退还原件", "original returned"),
        (_, Some(Transition::Start)) => pick(lang, "开始办理", "started"),
        (_, Some(Transition::Suspend)) => pick(lang, "挂起", "suspended"),
        (_, Some(Transition::Resume)) => pick(lang, "恢复办理", "resumed"),
        (_, Some(Transition::Supply)) => pick(lang, "补正齐全，正式受理", "materials complete, accepted"),
        (_, Some(Transition::Complete)) => pick(lang, "办结", "completed"),
        (_, Some(Transition::Return)) => pick(lang, "退件", "returned"),
        (_, Some(Transition::Reject)) => pick(lang, "不予受理", "refused"),
        (other, None) => return other.to_string(),
    };
    words.to_string()
}

fn transition(lang: Lang, t: Transition) -> &'static str {
    match t {
        Transition::Start => pick(lang, "开始办理", "start"),
        Transition::Suspend => pick(lang, "挂起", "suspend"),
        Transition::Resume => pick(lang, "恢复", "resume"),
        Transition::Supply => pick(lang, "补正受理", "accept the supplied materials"),
        Transition::Complete => pick(lang, "办结", "complete"),
        Transition::Return => pick(lang, "退件", "return"),
        Transition::Reject => pick(lang, "不予受理", "refuse"),
    }
}

/// A refused case operation.
pub fn case_error(lang: Lang, e: &CaseError) -> String {
    let zh = lang == Lang::Zh;
    match e {
        CaseError::NotAllowed { from, transition: t } => {
            if zh {
                format!("{}的办件不能{}", case_state(lang, *from), transition(lang, *t))
            } else {
                format!("A case that is {} cannot {}", case_state(lang, *from), transition(lang, *t))
            }
        }
        CaseError::ReasonRequired => pick(lang, "请填写原因后再提交", "Give a reason first").to_string(),
        CaseError::MaterialsMissing { names } => {
            if zh {
                format!("必需材料未交齐：{}。请出具一次性告知单，或按容缺登记承诺日期", names.join("、"))
            } else {
                format!(
                    "Required materials missing: {}. Hand over the notice, or waive them with a promised date",
                    names.join(", ")
                )
            }
        }
        CaseError::BadPromise { name } => {
            if zh {
                format!("容缺材料“{name}”的承诺日期必须晚于今天，请用 {{later_promise}} 调整")
            } else {
                format!("The promised date for “{name}” must be after today; adjust it with {{later_promise}}")
            }
        }
        CaseError::PromiseAfterDue { name, due } => {
            let due = crate::i18n::date(lang, *due);
            if zh {
                format!("容缺材料“{name}”的承诺日期不能晚于办结期限 {due}，请用 {{earlier_promise}} 提前")
            } else {
                format!(
                    "The promised date for “{name}” cannot be after the due date {due}; \
                     move it earlier with {{earlier_promise}}"
                )
            }
        }
        CaseError::NotRongque { name } => {
            if zh {
                format!("“{name}”不允许容缺，请收取原件或出具一次性告知单")
            } else {
                format!("“{name}” cannot be accepted on a promise (容缺): take it now or hand over the notice")
            }
        }
        CaseError::Conflict => pick(
            lang,
            "该办件刚被其他窗口修改，已显示最新状态，请核对后重试",
            "Someone else just changed this case; the fresh state is shown, check and try again",
        )
        .to_string(),
        CaseError::Rating => pick(
            lang,
            "只有已办结、尚未评价的办件可以评价；只有差评需要回访",
            "Only completed, unrated cases can be rated; only bad ratings need a follow-up",
        )
        .to_string(),
    }
}

/// Why a resident's edit was refused.
pub fn resident_edit_error(lang: Lang, e: &crate::model::ResidentEditError) -> String {
    use crate::model::ResidentEditError as E;
    match e {
        E::Storage(e) => super::storage_error(lang, e),
        E::NotFound => pick(lang, "找不到这位居民，请重新搜索", "No such resident; search again").into(),
        E::OnlySupervisor => pick(
            lang,
            "姓名和身份证号只能由主管修改：请主管核对证件后修改",
            "Only a supervisor changes a name or ID number: ask one to check the ID card and change it",
        )
        .into(),
        E::ChangedSince => pick(
            lang,
            "这位居民的资料在您打开表单后已被其他窗口修改：请按 Esc 关闭，重新打开后再改",
            "Another desk changed this resident after you opened the form: Esc, open it again and redo the change",
        )
        .into(),
        E::DuplicateId(name) => {
            if lang == Lang::Zh {
                format!("该身份证号已登记为 {name}：请核对号码，同一人不能登记两次")
            } else {
                format!("This ID number is on file for {name}: check it; one person is registered once")
            }
        }
    }
}

/// A problem of the resident form.
pub fn resident_problem(lang: Lang, p: &ResidentProblem) -> String {
    let zh = lang == Lang::Zh;
    match p {
        ResidentProblem::Id(IdProblem::FutureBirth(d)) => {
            if zh {
                format!("身份证号中的出生日期 {d} 晚于今天，请核对")
            } else {
                format!("The birth date in the ID number, {d}, is after today: check the number")
            }
        }
        // One line of the form (94 columns) holds them, the derived number included.
        ResidentProblem::Id(IdProblem::FirstGeneration(derived)) => match (zh, derived) {
            (true, Some(d)) => {
                format!("第一代（15 位）身份证号：请录入 18 位号码（推算为 {}，请与证件核对）", d.as_str())
            }
            (true, None) => "第一代（15 位）身份证号：请录入居民现持的 18 位号码".into(),
            (false, Some(d)) => {
                format!("15-digit first-generation ID: enter the 18-digit one, likely {} (check it)", d.as_str())
            }
            (false, None) => "15-digit first-generation ID: enter the resident's 18-digit number".into(),
        },
        other => fixed_resident_problem(lang, other).into(),
    }
}

fn fixed_resident_problem(lang: Lang, p: &ResidentProblem) -> &'static str {
    match p {
        ResidentProblem::EmptyName => pick(lang, "请填写姓名", "Enter the name"),
        ResidentProblem::LongName => pick(lang, "姓名最长 20 个字", "The name is at most 20 characters"),
        ResidentProblem::Id(IdProblem::Length) => pick(lang, "身份证号应为 18 位", "The ID number has 18 characters"),
        ResidentProblem::Id(IdProblem::Characters) => {
            pick(lang, "身份证号只能是数字，最后一位可以是 X", "The ID number is digits, the last may be X")
        }
        ResidentProblem::Id(IdProblem::BirthDate) => {
            pick(lang, "身份证号中的出生日期不存在", "The birth date in the ID number is impossible")
        }
        ResidentProblem::Id(IdProblem::CheckDigit) => {
            pick(lang, "身份证号校验位不对，请核对每一位", "The ID number's check digit is wrong; check every digit")
        }
        // Worded with their figures above.
        ResidentProblem::Id(IdProblem::FutureBirth(_) | IdProblem::FirstGeneration(_)) => "",
        ResidentProblem::Phone => {
            pick(lang, "手机号应为 11 位，以 13–19 开头", "The mobile number has 11 digits starting 13–19")
        }
        ResidentProblem::LongAddress => {
            pick(lang, "地址各栏最长 30 个字", "Each address part is at most 30 characters")
        }
    }
}

fn weekday(lang: Lang, d: NaiveDate) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

fn short_date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}月{}日", d.month(), d.day()),
        Lang::En => d.format("%d %b").to_string(),
    }
}

/// Why a due date may still move: `years` are counted on the law's holidays alone, their
/// State Council notice not imported yet.
pub fn provisional_due(lang: Lang, years: &[i32]) -> String {
    let list: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    match lang {
        Lang::Zh => format!("{} 年放假安排尚未发布，到期日暂按法定节假日计算，以正式安排为准", list.join("、")),
        Lang::En => format!(
            "The {} holiday schedule is not published yet: the due date is counted on the statutory holidays \
             for now and may change when it is",
            list.join(", ")
        ),
    }
}

/// The short mark beside a provisional date.
pub fn provisional_mark(lang: Lang) -> &'static str {
    pick(lang, "（暂定）", " (provisional)")
}

/// How a due date was counted, line by line (for the detail pane).
pub fn due_explanation(lang: Lang, d: &crate::domain::case::DueDate) -> Vec<String> {
    use crate::domain::calendar::DayNote;
    use crate::domain::catalog::LimitUnit;
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    let start = format!("{}{}", date(lang, d.start), paren(lang, weekday(lang, d.start)));
    let limit = super::time_limit(lang, d.limit);
    out.push(match (zh, d.limit.unit) {
        (true, LimitUnit::Immediate) => format!("即办件，受理日 {start} 当日办结"),
        (false, LimitUnit::Immediate) => format!("Immediate item, due on the day of acceptance {start}"),
        (true, LimitUnit::WorkingDays) => format!("受理日 {start}，从次一工作日起算 {limit}"),
        (false, LimitUnit::WorkingDays) => format!("Accepted {start}; {limit} counted from the next working day"),
        (true, _) => format!("受理日 {start}，期限 {limit}"),
        (false, _) => format!("Accepted {start}; limit {limit}"),
    });
    if d.after_hours {
        out.push(
            pick(
                lang,
                "下班后或休息日受理，顺延至次一工作日",
                "Accepted after closing or on a day off: due the next working day",
            )
            .to_string(),
        );
    }
    // Runs of the same holiday read as one line.
    let mut weekends = 0;
    let mut i = 0;
    while i < d.notes.len() {
        match &d.notes[i] {
            DayNote::Weekend(_) => {
                weekends += 1;
                i += 1;
            }
            DayNote::Holiday(first, name) => {
                let mut last = *first;
                let mut j = i + 1;
                while let Some(DayNote::Holiday(next, n)) = d.notes.get(j) {
                    if n != name {
                        break;
                    }
                    last = *next;
                    j += 1;
                }
                let span = if last == *first {
                    short_date(lang, *first)
                } else {
                    format!("{}–{}", short_date(lang, *first), short_date(lang, last))
                };
                // A year with no notice: only the law says so, and the notice may add more.
                let by_law = d.provisional.contains(&chrono::Datelike::year(first));
                out.push(match (zh, by_law) {
                    (true, false) => format!("跳过 {span}：{name}放假"),
                    (true, true) => format!("跳过 {span}：{name}（法定假日，暂定）"),
                    (false, false) => format!("Skipped {span}: {} holiday", super::calendar::holiday_name(lang, name)),
                    (false, true) => format!(
                        "Skipped {span}: {} (statutory holiday, provisional)",
                        super::calendar::holiday_name(lang, name)
                    ),
                });
                i = j;
            }
            DayNote::Makeup(day, name) => {
                let when = format!("{}{}", short_date(lang, *day), paren(lang, weekday(lang, *day)));
                out.push(if zh {
                    format!("{when} {name}调休上班，计入")
                } else {
                    format!("{when} makeup working day for {name}: counted")
                });
                i += 1;
            }
        }
    }
    if weekends > 0 {
        out.push(if zh {
            format!("跳过周末 {weekends} 天")
        } else {
            format!("Skipped {weekends} weekend day(s)")
        });
    }
    if let Some(from) = d.rolled_from {
        out.push(if zh {
            format!("期满日 {} 为休息日，顺延至次一工作日", short_date(lang, from))
        } else {
            format!("The limit ended on {}, a day off: moved to the next working day", short_date(lang, from))
        });
    }
    if d.suspended_days > 0 {
        let n = d.suspended_days;
        out.push(if zh {
            format!("挂起 {n} 个工作日，到期日相应顺延")
        } else {
            format!("Suspended {n} working day(s): due date extended")
        });
    }
    out.push(if zh {
        format!("到期日：{}（{}）", date(lang, d.due), weekday(lang, d.due))
    } else {
        format!("Due: {} ({})", date(lang, d.due), weekday(lang, d.due))
    });
    out
}
