//! Words of rooms and mediation.

use super::pick;
use crate::domain::lang::Lang;
use crate::domain::mediation::{DisputeType, MediationError, MediationState, PartyRole, Performance, Source};
use crate::domain::room::RoomError;
use crate::model::{MediationOpError, RoomOpError};

/// A refused booking, naming the conflicting one.
pub fn room_error(lang: Lang, e: &RoomOpError) -> String {
    let zh = lang == Lang::Zh;
    match e {
        RoomOpError::Storage(e) => super::storage_error(lang, e),
        RoomOpError::NotYours => pick(
            lang,
            "只有预约的调解员或负责人可以更改；只有调解员可以预约调解室",
            "Only the booking's mediator or a supervisor may change it; only mediators book",
        )
        .into(),
        RoomOpError::NotFound => pick(lang, "找不到这个预约", "No such booking").into(),
        RoomOpError::Conflict => {
            pick(lang, "该预约刚被其他人修改，已刷新", "Someone else just changed this booking; refreshed").into()
        }
        RoomOpError::ReasonRequired => pick(lang, "取消需说明原因", "Give a reason for cancelling").into(),
        RoomOpError::NotASeries => pick(
            lang,
            "这个预约不属于每周重复的系列；请用单个预约的移动或取消",
            "This booking is not one of a weekly series; move or cancel it on its own",
        )
        .into(),
        RoomOpError::SeriesDate(day, rule) => super::fill(
            pick(
                lang,
                "系列中 {} 的一次不能这样改：{}。整个系列都没有改动",
                "The meeting of {} in this series cannot go there: {}. Nothing in the series was changed",
            ),
            &[day, &room_error(lang, &RoomOpError::Rule(rule.clone()))],
        ),
        RoomOpError::NoBookingHere => pick(
            lang,
            "光标所在时段没有预约；请把光标移到要改期或取消的预约上",
            "There is no booking here; put the cursor on the booking to move or cancel",
        )
        .into(),
        RoomOpError::CaseNotYours(number) => super::fill(
            pick(
                lang,
                "{} 不是您承办的调解案件，不能关联；请填写您自己的案件编号，或只写用途",
                "{} is not one of your mediation cases and cannot be linked; give your own case number, or a purpose only",
            ),
            &[number],
        ),
        RoomOpError::NoSuchCase(number) => super::fill(
            pick(
                lang,
                "没有编号为 {} 的调解案件；请核对编号，或只写用途",
                "No mediation case is numbered {}; check the number, or give a purpose only",
            ),
            &[number],
        ),
        RoomOpError::FutureBookings(list) => {
            let head = super::fill(
                pick(
                    lang,
                    "该调解室还有 {} 个未结束的预约，请先改期到其他调解室或取消，再停用：",
                    "This room still has {} bookings to come; move them to another room or cancel them, then retire it:",
                ),
                &[&list.len()],
            );
            let items: Vec<String> = list.iter().map(booking_line).collect();
            format!("{head}{}", items.join(pick(lang, "；", "; ")))
        }
        RoomOpError::Rule(r) => match r {
            RoomError::NotOnStep => {
                pick(lang, "开始和结束时间须为整刻钟（:00 :15 :30 :45）", "Start and end must be on a quarter hour")
                    .into()
            }
            RoomError::EndBeforeStart => pick(lang, "结束时间须晚于开始时间", "The end must be after the start").into(),
            RoomError::SpansDays => pick(
                lang,
                "预约须在同一天开始和结束；跨天的请每天分别预约",
                "A booking starts and ends on the same day; book each day separately",
            )
            .into(),
            RoomError::TooShort => pick(lang, "预约至少 30 分钟", "A booking lasts at least 30 minutes").into(),
            RoomError::TooLong => pick(lang, "预约最长 4 小时", "A booking lasts at most 4 hours").into(),
            RoomError::Past => pick(lang, "不能预约已经开始或过去的时间", "That time has passed").into(),
            RoomError::DayOff => pick(lang, "该日不是工作日", "That day is not a working day").into(),
            RoomError::OutsideHours => pick(lang, "超出调解室开放时间", "Outside the room's open hours").into(),
            RoomError::NoRoom => pick(lang, "没有这个调解室（或已停用）", "No such room (or it is retired)").into(),
            RoomError::BeyondHorizon { last, days } => super::fill(
                pick(
                    lang,
                    "最多可预约到 {}（{} 天内），请选择更早的日期；每周重复的请减少周数",
                    "Rooms can be booked up to {} ({} days ahead); choose an earlier date, or fewer weeks for a series",
                ),
                &[last, days],
            ),
            RoomError::UnknownYear(year) => super::calendar::unknown_year(lang, *year),
            RoomError::TooManyWeeks { max } => super::fill(
                pick(
                    lang,
                    "每周重复最多 {} 次，请减少周数",
                    "A weekly series has at most {} meetings; ask for fewer weeks",
                ),
                &[max],
            ),
            RoomError::RoomTaken(b) => {
                if zh {
                    format!("该时段已被占用：{}–{} {}", b.start.format("%H:%M"), b.end.format("%H:%M"), b.mediator_name)
                } else {
                    format!("Taken: {}–{} by {}", b.start.format("%H:%M"), b.end.format("%H:%M"), b.mediator_name)
                }
            }
            RoomError::MediatorBusy(b) => {
                if zh {
                    format!("该调解员此时已在另一调解室：{}–{}", b.start.format("%H:%M"), b.end.format("%H:%M"))
                } else {
                    format!(
                        "The mediator is in another room then: {}–{}",
                        b.start.format("%H:%M"),
                        b.end.format("%H:%M")
                    )
                }
            }
        },
    }
}

/// Hours as exactly as they were booked: 1.5 小时, 1.25 h, 2 h.
pub fn hours(lang: Lang, minutes: i64) -> String {
    let h = format!("{:.2}", minutes as f64 / 60.0);
    let h = h.trim_end_matches('0').trim_end_matches('.');
    format!("{h} {}", pick(lang, "小时", "h"))
}

/// A weekday, short: 周三 / Wed.
pub fn weekday(lang: Lang, d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    let i = d.weekday().num_days_from_monday() as usize;
    let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    pick(lang, zh[i], en[i])
}

/// One booking in a list: its date and time, the mediator, and its case or purpose when the
/// reader may see them.
pub fn booking_line(b: &crate::domain::room::Booking) -> String {
    let what = b.purpose.as_deref().filter(|p| !p.is_empty()).map(|p| format!(" {p}")).unwrap_or_default();
    format!(
        "{} {}–{} {}{what}",
        b.start.format("%Y-%m-%d"),
        b.start.format("%H:%M"),
        b.end.format("%H:%M"),
        b.mediator_name
    )
}

/// A refused mediation operation.
pub fn mediation_error(lang: Lang, e: &MediationOpError) -> String {
    match e {
        MediationOpError::Storage(e) => super::storage_error(lang, e),
        MediationOpError::NotFound => pick(lang, "找不到这个调解案件", "No such mediation case").into(),
        MediationOpError::Rule(r) => match r {
            MediationError::NotAllowed => pick(lang, "当前状态下不能这样操作", "Not possible in this state").into(),
            MediationError::TextRequired => {
                pick(lang, "请填写内容（协议摘要或原因）", "Write the agreement or the reason").into()
            }
            MediationError::PartiesRequired => {
                pick(lang, "至少需要一名申请人和一名被申请人", "An applicant and a respondent are required").into()
            }
            MediationError::NotYours => pick(
                lang,
                "调解案件只有承办调解员和负责人可以查看和办理",
                "Only the case's mediator and supervisors may read or handle it",
            )
            .into(),
            MediationError::Conflict => {
                pick(lang, "该案件刚被修改，已刷新", "Someone just changed this case; refreshed").into()
            }
            MediationError::BadContact(role) => super::fill(
                pick(
                    lang,
                    "{}的联系电话不对：手机号为 11 位（如 13812345678），固定电话须带区号（如 025-84561234）",
                    "The {}'s phone is wrong: a mobile has 11 digits (13812345678), a landline needs its area code (025-84561234)",
                ),
                &[&party_role(lang, *role)],
            ),
            MediationError::SessionNotHeld(first) => super::fill(
                pick(
                    lang,
                    "调解会议 {} 尚未举行，不能登记达成协议；会后再登记，或先取消该预约",
                    "The session of {} has not been held yet; record the agreement after it, or cancel that booking first",
                ),
                &[&first.format("%Y-%m-%d %H:%M")],
            ),
        },
    }
}

/// A mediation state.
pub fn mediation_state(lang: Lang, s: MediationState) -> &'static str {
    match s {
        MediationState::Accepted => pick(lang, "已受理", "accepted"),
        MediationState::Mediating => pick(lang, "调解中", "mediating"),
        MediationState::Agreed => pick(lang, "调解成功", "agreed"),
        MediationState::Failed => pick(lang, "调解不成", "failed"),
        MediationState::Terminated => pick(lang, "终止调解", "terminated"),
    }
}

/// A dispute type.
pub fn dispute(lang: Lang, d: DisputeType) -> &'static str {
    match d {
        DisputeType::Family => pick(lang, "婚姻家庭", "family"),
        DisputeType::Neighbours => pick(lang, "邻里纠纷", "neighbours"),
        DisputeType::Housing => pick(lang, "房屋宅基地", "housing"),
        DisputeType::Damages => pick(lang, "损害赔偿", "damages"),
        DisputeType::Contract => pick(lang, "合同纠纷", "contract"),
        DisputeType::Labour => pick(lang, "劳动争议", "labour"),
        DisputeType::Property => pick(lang, "物业纠纷", "property management"),
        DisputeType::Other => pick(lang, "其他", "other"),
    }
}

/// A case source.
pub fn source(lang: Lang, s: Source) -> &'static str {
    match s {
        Source::Application => pick(lang, "当事人申请", "party's application"),
        Source::Initiative => pick(lang, "委员会主动调解", "committee's initiative"),
        Source::Police => pick(lang, "公安机关移交", "referred by the police"),
        Source::Court => pick(lang, "法院委托", "entrusted by a court"),
        Source::Government => pick(lang, "政府部门指定", "assigned by a government office"),
    }
}

/// Performance of an agreement.
pub fn performance(lang: Lang, p: Performance) -> &'static str {
    match p {
        Performance::Done => pick(lang, "已履行", "performed"),
        Performance::Partly => pick(lang, "部分履行", "partly performed"),
        Performance::NotYet => pick(lang, "未履行", "not yet performed"),
    }
}

/// A party's side.
pub fn party_role(lang: Lang, r: PartyRole) -> &'static str {
    match r {
        PartyRole::Applicant => pick(lang, "申请人", "applicant"),
        PartyRole::Respondent => pick(lang, "被申请人", "respondent"),
    }
}

/// A timeline entry's text: a follow-up's performance (stored as its code, "partly：…") is said
/// in the interface language.
pub fn mediation_detail(lang: Lang, kind: &str, detail: &str) -> String {
    if kind == "follow_up"
        && let Some((code, rest)) = detail.split_once('：')
        && let Some(p) = Performance::from_str_opt(code)
    {
        return format!("{}{}{rest}", performance(lang, p), super::colon(lang));
    }
    detail.to_string()
}

/// A mediation timeline entry's kind.
pub fn mediation_event(lang: Lang, kind: &str) -> String {
    let w = match kind {
        "intake" => pick(lang, "受理登记", "received"),
        "start" => pick(lang, "开始调解", "mediation began"),
        "agree" => pick(lang, "达成协议", "agreement reached"),
        "fail" => pick(lang, "调解不成", "failed"),
        "terminate" => pick(lang, "终止调解", "terminated"),
        "follow_up" => pick(lang, "回访", "follow-up visit"),
        "undo" => pick(lang, "撤销上一步", "last step taken back"),
        other => return other.to_string(),
    };
    w.to_string()
}
