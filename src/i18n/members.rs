//! Words of the Members screen: post categories, standings, check-in refusals, notices,
//! form labels and hints.

use super::pick;
use crate::app::members::View;
use crate::app::notice::MemberChange;
use crate::domain::lang::Lang;
use crate::domain::member::{CheckinError, DAY_HALF_HOURS, HoursProblem, MAX_RATE, MemberStatus, Post, halves};
use crate::model::MemberOpError;

/// A post category.
pub fn post(lang: Lang, p: Post) -> &'static str {
    let (zh, en) = match p {
        Post::Organisation => ("组织建设", "Organisation"),
        Post::Legal => ("法律咨询与援助", "Legal aid"),
        Post::Assistance => ("助困扶残与就业援助", "Assistance"),
        Post::Governance => ("社区治理", "Governance"),
        Post::Health => ("健康医疗", "Health"),
        Post::Culture => ("文化体育", "Culture & sport"),
        Post::Safety => ("安全宣传与治安巡逻", "Safety patrol"),
        Post::Other => ("其他", "Other"),
    };
    pick(lang, zh, en)
}

/// A member's standing.
pub fn status(lang: Lang, s: MemberStatus) -> &'static str {
    match s {
        MemberStatus::Active => pick(lang, "在册", "active"),
        MemberStatus::MovedAway => pick(lang, "已迁出", "moved away"),
        MemberStatus::Transferred => pick(lang, "已转出", "transferred"),
    }
}

/// A part of the screen.
pub fn view(lang: Lang, v: View) -> &'static str {
    match v {
        View::Registry => pick(lang, "名册", "Registry"),
        View::Activities => pick(lang, "活动", "Activities"),
        View::Desk => pick(lang, "签到", "Check-in"),
        View::Ranking => pick(lang, "排行", "Ranking"),
    }
}

/// Why a member operation was refused, and what to do.
pub fn error(lang: Lang, e: &MemberOpError) -> String {
    match e {
        MemberOpError::Storage(s) => super::errors::storage_error(lang, s),
        MemberOpError::NotFound => {
            pick(lang, "找不到该记录，可能已被他人更改", "Not found; someone may have changed it").into()
        }
        MemberOpError::Duplicate(m) => match lang {
            Lang::Zh => format!("该身份证号已登记：{}（{}），未重复登记", m.name, m.unit),
            Lang::En => format!("That ID number is already registered: {} ({}); nothing added", m.name, m.unit),
        },
        MemberOpError::AlreadyDeclined => pick(lang, "这条记录已核减过", "That record was already declined").into(),
        MemberOpError::Hours(p) => hours_problem(lang, p),
        MemberOpError::SupervisorOnly => {
            pick(lang, "只有主管可以审批补录时长", "Only a supervisor approves or rejects hours").into()
        }
        MemberOpError::NothingPending => pick(lang, "没有待审批的补录", "No hand entry awaits approval").into(),
        MemberOpError::NotPending => pick(
            lang,
            "这条补录已审批过（可能已被他人处理）",
            "That entry was already decided, perhaps by someone else",
        )
        .into(),
        MemberOpError::Rule(r) => match r {
            CheckinError::NotOpenYet => {
                pick(lang, "活动还没开始签到（开始前 30 分钟开放）", "Check-in opens 30 minutes before the start")
                    .into()
            }
            CheckinError::Finished => pick(
                lang,
                "活动已结束，不能签到；可用 {manual_hours} 补录",
                "The activity is over; use {manual_hours} to enter hours",
            )
            .into(),
            CheckinError::Full => pick(lang, "名额已满，不能再签到", "Every place is taken").into(),
            CheckinError::Overlap(t) => match lang {
                Lang::Zh => format!("该党员正在“{t}”签到中，请先在那边签退"),
                Lang::En => format!("Already checked in at \"{t}\"; check out there first"),
            },
            CheckinError::AlreadyIn => {
                pick(lang, "已经签到过了，无需重复", "Already checked in; nothing changed").into()
            }
            CheckinError::AlreadyOut => {
                pick(lang, "已签退，本次活动不能再签到", "Already checked out of this activity").into()
            }
            CheckinError::NotIn => pick(lang, "还没有签到，不能签退", "Not checked in, so cannot check out").into(),
            CheckinError::ReasonRequired => pick(lang, "请填写原因", "A reason is required").into(),
            CheckinError::Ambiguous(n) => match lang {
                Lang::Zh => {
                    format!("有 {n} 人同样匹配（同名或同手机尾号）：请用 {{up}}/{{down}} 选中本人，再按 {{confirm}}")
                }
                Lang::En => format!(
                    "{n} members match equally (same name or phone tail): pick with {{up}}/{{down}}, then {{confirm}}"
                ),
            },
            CheckinError::NotActive => pick(
                lang,
                "该党员已迁出或转出，不能签到（{member_status} 可恢复在册）",
                "Moved away or transferred ({member_status} to restore)",
            )
            .into(),
        },
    }
}

/// A stored member change.
pub fn changed(lang: Lang, c: MemberChange, what: &str) -> String {
    let (zh, en) = match c {
        MemberChange::Registered => ("已登记党员", "Registered"),
        MemberChange::Reported => ("已记录再次报到", "New report recorded for"),
        MemberChange::Standing => ("状态已更新", "Standing changed for"),
        MemberChange::Hours => ("已补录时长", "Hours entered for"),
        MemberChange::Declined => ("已核减记录", "Record declined"),
        MemberChange::Activity => ("已创建活动", "Activity created"),
        // Said as the check-in it is, with the mark.
        MemberChange::Late => {
            return match lang {
                Lang::Zh => format!("{what} 签到成功（迟到，已标记）"),
                Lang::En => format!("{what} checked in (late, marked)"),
            };
        }
        MemberChange::Pending => {
            ("已提交主管审批（审批前不计入）", "Sent for a supervisor's approval (not counted until approved)")
        }
        MemberChange::Approved => ("已批准补录", "Hours approved"),
        MemberChange::Rejected => ("已驳回补录", "Hours rejected"),
    };
    match lang {
        Lang::Zh => format!("{zh}：{what}"),
        Lang::En => format!("{en}: {what}"),
    }
}

/// "王建国 签到" / "王建国 签退 2.5 小时 5 分".
pub fn checked(lang: Lang, name: &str, out: Option<(u32, u32)>) -> String {
    match (lang, out) {
        (Lang::Zh, None) => format!("{name} 签到成功"),
        (Lang::En, None) => format!("{name} checked in"),
        (Lang::Zh, Some((h, p))) => format!("{name} 签退：{} 小时，{} 分", halves(h), halves(p)),
        (Lang::En, Some((h, p))) => format!("{name} checked out: {} h, {} points", halves(h), halves(p)),
    }
}

/// The hint of a member prompt.
pub fn prompt_hint(lang: Lang, p: crate::app::overlay::PromptFor) -> &'static str {
    use crate::app::overlay::PromptFor;
    match p {
        PromptFor::ManualHours => pick(
            lang,
            "补录：日期 小时 [每小时积分] 原因，如 2026-11-20 2.5 夜间巡逻补录",
            "Hours: date hours [points/hour] reason, e.g. 2026-11-20 2.5 night patrol",
        ),
        PromptFor::DeclineRecord => {
            pick(lang, "核减原因（记录保留，不再计入）：", "Why decline (the record is kept, not counted):")
        }
        PromptFor::ImportRoster => pick(
            lang,
            "名单文件（空格分隔），先预览；看过后在末尾加“确认”导入，如 /srv/报到名单.xlsx 确认",
            "Roster files (space between), previewed first; add \"confirm\" at the end to import, e.g. /srv/roster.xlsx confirm",
        ),
        PromptFor::MemberStatus => {
            pick(lang, "状态：1 在册  2 已迁出  3 已转出", "Standing: 1 active  2 moved away  3 transferred")
        }
        PromptFor::RejectHours => {
            pick(lang, "驳回原因（记录保留，不计入）：", "Why reject (the entry is kept, not counted):")
        }
        PromptFor::Feedback => {
            pick(lang, "反馈单季度，如 2026Q4（回车 = 本季度）：", "Quarter, e.g. 2026Q4 (Enter = this quarter):")
        }
        _ => "",
    }
}

/// Which rule a hand entry broke, and how to put it right.
pub fn hours_problem(lang: Lang, p: &HoursProblem) -> String {
    match p {
        HoursProblem::Date => pick(
            lang,
            "日期不对：请写成 2026-11-20 这样的年-月-日",
            "Bad date: write it as 2026-11-20 (year-month-day)",
        )
        .into(),
        HoursProblem::Hours => pick(
            lang,
            "时长不对：按半小时填写，0.5 到 24 小时，如 2 或 2.5",
            "Bad hours: half hours from 0.5 to 24, e.g. 2 or 2.5",
        )
        .into(),
        HoursProblem::Rate => match lang {
            Lang::Zh => format!("每小时积分须为 0 到 {MAX_RATE} 的整数（写在时长后面）"),
            Lang::En => format!("Points per hour must be a whole number from 0 to {MAX_RATE} (after the hours)"),
        },
        HoursProblem::Reason => pick(lang, "请写明补录原因", "A reason is required").into(),
        HoursProblem::Future => pick(lang, "补录日期不能在今天之后", "Hours cannot be entered for a future day").into(),
        HoursProblem::BeforeReport(d) => match lang {
            Lang::Zh => format!("该党员 {d} 才报到，不能补录报到之前的时长"),
            Lang::En => format!("This member reported on {d}; hours before that cannot be entered"),
        },
        HoursProblem::DayFull(d, had) => match lang {
            Lang::Zh => format!(
                "一天最多计 {} 小时：{d} 已有 {} 小时，最多还能补录 {} 小时",
                DAY_HALF_HOURS / 2,
                halves(*had),
                halves(DAY_HALF_HOURS.saturating_sub(*had))
            ),
            Lang::En => format!(
                "At most {} h a day: {d} already has {} h, at most {} h more",
                DAY_HALF_HOURS / 2,
                halves(*had),
                halves(DAY_HALF_HOURS.saturating_sub(*had))
            ),
        },
    }
}
