//! Residents' requests on the grid (点单 → 派单 → 接单 → 办结 → 评单): kinds, states, the loop's
//! steps and deadlines on the working-day calendar.

use super::calendar::Calendar;
use super::member::words;
use chrono::{NaiveDateTime, NaiveTime, Timelike};
use serde::Serialize;

/// What the resident brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 咨询.
    Consult,
    /// 求助.
    Help,
    /// 投诉: the only kind that may be anonymous, and whose resident is private.
    Complaint,
    /// 建议.
    Suggestion,
    /// 服务点单: a service from the menu.
    Order,
}
words!(Kind { Consult => "consult", Help => "help", Complaint => "complaint", Suggestion => "suggestion", Order => "order" });

/// Where a request stands in the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// 待派单.
    Pending,
    /// 已派单.
    Dispatched,
    /// 已接单.
    Accepted,
    /// 处理中.
    InProgress,
    /// 已办结, waiting for the resident's rating.
    Done,
    /// 已评价: closed.
    Rated,
    /// 转负责人: unsatisfied after its one 重办; a supervisor decides.
    Supervisor,
}
words!(State {
    Pending => "pending", Dispatched => "dispatched", Accepted => "accepted", InProgress => "in_progress",
    Done => "done", Rated => "rated", Supervisor => "supervisor",
});

impl State {
    /// Still somebody's work (counted as open, can be overdue).
    pub fn is_open(self) -> bool {
        !matches!(self, State::Rated)
    }

    /// Someone is on it: the dispatch deadline runs.
    pub fn has_taker(self) -> bool {
        matches!(self, State::Dispatched | State::Accepted | State::InProgress)
    }
}

/// The resident's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 满意.
    Satisfied,
    /// 基本满意.
    Fair,
    /// 不满意.
    Unsatisfied,
}
words!(Rating { Satisfied => "satisfied", Fair => "fair", Unsatisfied => "unsatisfied" });

/// How urgent the resident's need is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 一般.
    Normal,
    /// 紧急: the deadline is one working day at most.
    Urgent,
}
words!(Urgency { Normal => "normal", Urgent => "urgent" });

/// Who can take a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// The grid's own staff (operators with the grid role).
    Grid,
    /// A party member with the skill.
    Member,
    /// A partner organisation (红色合伙人).
    Partner,
    /// A department called in (吹哨报到).
    Department,
}
words!(Provider { Grid => "grid", Member => "member", Partner => "partner", Department => "department" });

/// Where the request was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// At a counter window (from a queue number).
    Window,
    /// By grid staff on their rounds (the shell).
    Rounds,
    /// At the member desk.
    MemberDesk,
}
words!(Source { Window => "window", Rounds => "rounds", MemberDesk => "member_desk" });

/// A step of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// 派单 to a taker.
    Dispatch,
    /// 接单.
    Accept,
    /// 开始处理.
    Start,
    /// 办结.
    Done,
    /// 评价.
    Rate(Rating),
    /// 退回: the taker cannot do it; back to dispatch.
    Return,
    /// 升级/吹哨: to a department, with its own deadline.
    Escalate,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum StepError {
    /// The step does not follow from this state.
    #[error("not in state {0:?}")]
    NotNow(State),
}

/// The state after `step`, given whether the request was already reopened once (重办).
pub fn next(state: State, step: Step, reopened: bool) -> Result<State, StepError> {
    use State::*;
    let to = match (state, step) {
        (Pending | Supervisor, Step::Dispatch) => Dispatched,
        (Pending | Dispatched | Accepted | InProgress | Supervisor, Step::Escalate) => Dispatched,
        (Dispatched, Step::Accept) => Accepted,
        (Accepted, Step::Start) => InProgress,
        (Accepted | InProgress, Step::Done) => Done,
        (Dispatched | Accepted | InProgress, Step::Return) => Pending,
        (Done, Step::Rate(Rating::Unsatisfied)) if reopened => Supervisor,
        // 重办: back to the same taker, who accepts it again.
        (Done, Step::Rate(Rating::Unsatisfied)) => Dispatched,
        (Done, Step::Rate(_)) => Rated,
        _ => return Err(StepError::NotNow(state)),
    };
    Ok(to)
}

/// How long a service may take to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "n")]
pub enum Response {
    /// Working hours (09:00–17:00 on working days).
    Hours(u32),
    /// Working days, due at the end of the day.
    Days(u32),
}

impl Response {
    /// Parses `4h`, `2d`, `4小时`, `2天` or `2工作日`.
    pub fn parse(s: &str) -> Option<Response> {
        let s = s.trim();
        for (suffix, hours) in [("h", true), ("小时", true), ("d", false), ("工作日", false), ("天", false)] {
            if let Some(n) = s.strip_suffix(suffix).and_then(|n| n.trim().parse::<u32>().ok()) {
                if n == 0 || n > 365 {
                    return None;
                }
                return Some(if hours { Response::Hours(n) } else { Response::Days(n) });
            }
        }
        None
    }

    /// The short form `parse` reads.
    pub fn as_text(self) -> String {
        match self {
            Response::Hours(n) => format!("{n}h"),
            Response::Days(n) => format!("{n}d"),
        }
    }
}

/// When the working day starts.
pub const DAY_START: u32 = 9;
/// When the working day ends.
pub const DAY_END: u32 = 17;

/// The response time when no service from the menu applies: three working days, one if urgent.
pub fn default_response(urgency: Urgency) -> Response {
    match urgency {
        Urgency::Normal => Response::Days(3),
        Urgency::Urgent => Response::Days(1),
    }
}

/// The response time as urgency shortens it: an urgent request is due within a working day.
pub fn response_for(service: Option<Response>, urgency: Urgency) -> Response {
    match (service, urgency) {
        (Some(Response::Days(n)), Urgency::Urgent) if n > 1 => Response::Days(1),
        (Some(r), _) => r,
        (None, u) => default_response(u),
    }
}

/// The deadline counted from `from` on the working-day calendar: hours run 09:00–17:00 on
/// working days only; days end at 17:00 of the n-th working day after `from`.
pub fn due(cal: &Calendar, from: NaiveDateTime, r: Response) -> NaiveDateTime {
    let end = NaiveTime::from_hms_opt(DAY_END, 0, 0).unwrap_or(NaiveTime::MIN);
    let start = NaiveTime::from_hms_opt(DAY_START, 0, 0).unwrap_or(NaiveTime::MIN);
    match r {
        Response::Days(n) => cal.add_working_days(from.date(), n).and_time(end),
        Response::Hours(n) => {
            let mut left = i64::from(n) * 60;
            let mut at = if !cal.is_working_day(from.date()) || from.time() >= end {
                cal.next_working_day(from.date()).and_time(start)
            } else if from.time() < start {
                from.date().and_time(start)
            } else {
                from.with_nanosecond(0).unwrap_or(from)
            };
            loop {
                let today = (at.date().and_time(end) - at).num_minutes();
                if left <= today {
                    return at + chrono::Duration::minutes(left);
                }
                left -= today;
                at = cal.next_working_day(at.date()).and_time(start);
            }
        }
    }
}

/// How a deadline stands at `now`: overdue past it, due soon within one working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// Plenty of time.
    OnTime,
    /// Due by the end of the next working day.
    DueSoon,
    /// Past its deadline.
    Overdue,
}

/// Where `due_at` stands at `now` for an open request.
pub fn timing(cal: &Calendar, due_at: NaiveDateTime, now: NaiveDateTime) -> Timing {
    if now > due_at {
        Timing::Overdue
    } else if due_at.date() <= cal.next_working_day(now.date()) {
        Timing::DueSoon
    } else {
        Timing::OnTime
    }
}

/// A service on the menu (订单式服务).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    /// Short code (e.g. `repair`).
    pub code: String,
    /// Name (维修).
    pub name: String,
    /// Category (生活服务, 健康服务 …).
    pub category: String,
    /// Who provides it.
    pub provider: Provider,
    /// Expected response time.
    pub response: Response,
    /// Words in a resident's text that point to it, separated by spaces or commas.
    pub keywords: String,
    /// The member skill that fits it (matched against members' 专业特长).
    pub skill: String,
}

/// What the desk proposes from the text; the operator confirms with Enter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Suggestion {
    /// The kind.
    pub kind: Option<Kind>,
    /// The menu service whose keyword appears, longest keyword first.
    pub service: Option<String>,
}

const COMPLAINT: &[&str] = &["投诉", "举报", "扰民", "噪音", "乱停", "不作为", "态度差"];
const SUGGEST: &[&str] = &["建议", "希望增加", "能不能设", "提议"];
const CONSULT: &[&str] = &["咨询", "请问", "怎么办理", "如何", "问一下"];
const HELP: &[&str] = &["求助", "帮忙", "帮助", "独居", "困难", "坏了", "漏水", "不亮"];

fn words_of(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；')).filter(|w| !w.is_empty())
}

/// Suggests kind and service from a resident's words, by keywords only (never applied
/// without the operator's confirmation).
pub fn suggest(text: &str, menu: &[Service]) -> Suggestion {
    let mut best: Option<(usize, &str)> = None;
    for s in menu {
        for k in words_of(&s.keywords).chain(std::iter::once(s.name.as_str())) {
            let len = k.chars().count();
            if text.contains(k) && best.is_none_or(|(l, _)| len > l) {
                best = Some((len, &s.code));
            }
        }
    }
    let has = |ws: &[&str]| ws.iter().any(|w| text.contains(w));
    let kind = if has(COMPLAINT) {
        Some(Kind::Complaint)
    } else if best.is_some() {
        Some(Kind::Order)
    } else if has(SUGGEST) {
        Some(Kind::Suggestion)
    } else if has(HELP) {
        Some(Kind::Help)
    } else if has(CONSULT) {
        Some(Kind::Consult)
    } else {
        None
    };
    Suggestion { kind, service: best.map(|(_, c)| c.to_string()) }
}

/// Whether a member's free-text skills cover what a service needs.
pub fn has_skill(skills: &str, need: &str) -> bool {
    !need.is_empty() && words_of(need).any(|n| skills.contains(n))
}

/// One line of the report's requests section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RequestLine {
    /// The group: a grid, a kind or a taker.
    pub name: String,
    /// Taken in the period.
    pub collected: u32,
    /// Completed in the period.
    pub resolved: u32,
    /// Of those, completed by their deadline.
    pub on_time: u32,
    /// Rated 满意 in the period.
    pub satisfied: u32,
    /// Rated 基本满意.
    pub fair: u32,
    /// Rated 不满意.
    pub unsatisfied: u32,
}

/// The report's requests section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RequestReport {
    /// Every request.
    pub total: RequestLine,
    /// By grid.
    pub by_grid: Vec<RequestLine>,
    /// By kind (the stored word).
    pub by_kind: Vec<RequestLine>,
    /// By taker.
    pub by_taker: Vec<RequestLine>,
}

#[cfg(test)]
mod tests;
