//! People's mediation cases (人民调解): parties, dispute types, sources, states, agreement,
//! performance, follow-ups and the 30-day window for judicial confirmation.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

/// Where a mediation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediationState {
    /// 受理.
    Accepted,
    /// 调解中.
    Mediating,
    /// 调解成功, agreement reached.
    Agreed,
    /// 调解不成.
    Failed,
    /// 终止调解.
    Terminated,
}

/// What a mediator does to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediationStep {
    /// Begin mediating.
    Start,
    /// Agreement reached (summary required).
    Agree,
    /// No agreement (reason required).
    Fail,
    /// Stop (reason required).
    Terminate,
}

macro_rules! words {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            /// Every value.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),*];
            /// The word stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),* }
            }
            /// Parses a stored word.
            pub fn from_str_opt(s: &str) -> Option<$t> {
                match s { $($s => Some(<$t>::$v),)* _ => None }
            }
        }
    };
}

words!(MediationState { Accepted => "accepted", Mediating => "mediating", Agreed => "agreed", Failed => "failed", Terminated => "terminated" });
words!(MediationStep { Start => "start", Agree => "agree", Fail => "fail", Terminate => "terminate" });

/// 纠纷类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeType {
    /// 婚姻家庭.
    Family,
    /// 邻里.
    Neighbours,
    /// 房屋宅基地.
    Housing,
    /// 损害赔偿.
    Damages,
    /// 合同.
    Contract,
    /// 劳动争议.
    Labour,
    /// 物业.
    Property,
    /// 其他.
    Other,
}

words!(DisputeType { Family => "family", Neighbours => "neighbours", Housing => "housing", Damages => "damages", Contract => "contract", Labour => "labour", Property => "property", Other => "other" });

/// 案件来源.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 当事人申请.
    Application,
    /// 委员会主动调解.
    Initiative,
    /// 公安机关移交.
    Police,
    /// 法院委托.
    Court,
    /// 政府部门指定.
    Government,
}

words!(Source { Application => "application", Initiative => "initiative", Police => "police", Court => "court", Government => "government" });

/// 履行情况.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Performance {
    /// 已履行.
    Done,
    /// 部分履行.
    Partly,
    /// 未履行.
    NotYet,
}

words!(Performance { Done => "done", Partly => "partly", NotYet => "not_yet" });

/// A party's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// 申请人.
    Applicant,
    /// 被申请人.
    Respondent,
}

words!(PartyRole { Applicant => "applicant", Respondent => "respondent" });

/// A party of a dispute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    /// Name.
    pub name: String,
    /// Side.
    pub role: PartyRole,
    /// Contact (phone), masked in lists.
    pub contact: String,
}

/// A mediation case, read by its mediator or a supervisor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MediationCase {
    /// Row id.
    pub id: i64,
    /// 人调 number, e.g. 和调〔2026〕第12号.
    pub number: String,
    /// Dispute type.
    pub dispute: DisputeType,
    /// Source.
    pub source: Source,
    /// Mediator's login.
    pub mediator: String,
    /// Mediator's name, as the case file names them.
    pub mediator_name: String,
    /// Where it stands.
    pub state: MediationState,
    /// 纠纷简要情况.
    pub summary: String,
    /// Parties.
    pub parties: Vec<Party>,
    /// Agreement summary (when agreed), or the reason it failed or stopped.
    pub outcome: String,
    /// When it was agreed.
    pub agreed_at: Option<NaiveDateTime>,
    /// Performance of the agreement.
    pub performance: Option<Performance>,
    /// Next follow-up visit due.
    pub follow_up_due: Option<NaiveDate>,
    /// Received.
    pub created_at: NaiveDateTime,
    /// Optimistic lock.
    pub version: i64,
}

/// Why a mediation change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediationError {
    /// Not allowed from this state.
    #[error("not allowed")]
    NotAllowed,
    /// A summary or reason is required.
    #[error("text required")]
    TextRequired,
    /// An applicant and a respondent with names are required.
    #[error("parties required")]
    PartiesRequired,
    /// Only the case's mediator or a supervisor may read or change it.
    #[error("not yours")]
    NotYours,
    /// Someone else changed it first.
    #[error("conflict")]
    Conflict,
    /// A party's contact is neither a mobile number nor a landline with its area code.
    #[error("bad contact")]
    BadContact(PartyRole),
    /// An agreement before any session was held: every session booked is still to come.
    #[error("session not held")]
    SessionNotHeld(NaiveDateTime),
}

/// The state after `step`.
pub fn next(from: MediationState, step: MediationStep) -> Result<MediationState, MediationError> {
    use MediationState::*;
    use MediationStep::*;
    match (from, step) {
        (Accepted, Start) => Ok(Mediating),
        (Mediating, Agree) => Ok(Agreed),
        (Mediating, Fail) => Ok(Failed),
        (Accepted | Mediating, Terminate) => Ok(Terminated),
        _ => Err(MediationError::NotAllowed),
    }
}

/// Days after an agreement within which the parties may jointly apply for judicial
/// confirmation (人民调解法第三十三条).
pub const CONFIRMATION_DAYS: i64 = 30;

/// The last day for judicial confirmation of an agreement made at `agreed`.
pub fn confirmation_deadline(agreed: NaiveDateTime) -> NaiveDate {
    agreed.date() + Duration::days(CONFIRMATION_DAYS)
}

/// Parties are valid: at least one applicant and one respondent, each with a name.
pub fn check_parties(parties: &[Party]) -> Result<(), MediationError> {
    let has = |r: PartyRole| parties.iter().any(|p| p.role == r && !p.name.trim().is_empty());
    if !(has(PartyRole::Applicant) && has(PartyRole::Respondent)) {
        return Err(MediationError::PartiesRequired);
    }
    match parties.iter().find(|p| parse_contact(&p.contact).is_none()) {
        Some(p) => Err(MediationError::BadContact(p.role)),
        None => Ok(()),
    }
}

/// A party's contact as stored: empty, a mainland mobile (11 digits, 13x–19x) or a landline
/// with its area code (0 first, 10–12 digits); None for anything else, so that a mobile with a
/// digit missing is caught at the desk rather than at the 回访.
pub fn parse_contact(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.is_empty() {
        return Some(String::new());
    }
    if let Some(mobile) = crate::domain::resident::parse_phone(raw) {
        return Some(mobile);
    }
    let landline = digits.starts_with('0') && (10..=12).contains(&digits.len());
    (landline && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Whether an agreement may be recorded now: not while every session booked for the case is
/// still to come (a case mediated without a room booking has no sessions and may be agreed).
pub fn check_agreement(sessions: &[NaiveDateTime], now: NaiveDateTime) -> Result<(), MediationError> {
    match sessions.iter().min() {
        Some(first) if *first > now => Err(MediationError::SessionNotHeld(*first)),
        _ => Ok(()),
    }
}

/// Whether `text` is written as a mediation case number (和调〔2026〕第12号).
pub fn is_case_number(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("和调〔") && t.ends_with('号') && t.contains("〕第")
}

/// Only the case's mediator or a supervisor (or admin) reads the case.
pub fn may_read(case_mediator: &str, viewer: &str, supervisor: bool) -> bool {
    supervisor || case_mediator == viewer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_a_mobile_or_a_landline_with_its_area_code() {
        assert_eq!(parse_contact("186 5123 0001").as_deref(), Some("18651230001"));
        assert_eq!(parse_contact("025-84561234").as_deref(), Some("02584561234"));
        assert_eq!(parse_contact("").as_deref(), Some(""));
        assert_eq!(parse_contact("1865123000"), None, "a mobile with a digit missing");
        assert_eq!(parse_contact("186512300012"), None);
        assert_eq!(parse_contact("84561234"), None, "a landline needs its area code");
        let p =
            |contact: &str| Party { name: "钱海燕".into(), role: PartyRole::Respondent, contact: contact.into() };
        let a = Party { name: "赵德福".into(), role: PartyRole::Applicant, contact: "18651230001".into() };
        assert_eq!(
            check_parties(&[a.clone(), p("1391234567")]),
            Err(MediationError::BadContact(PartyRole::Respondent))
        );
        assert_eq!(check_parties(&[a, p("13912345678")]), Ok(()));
    }

    #[test]
    fn an_agreement_waits_for_the_first_session() {
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let now = at("2026-11-19 10:00");
        assert_eq!(check_agreement(&[], now), Ok(()));
        assert_eq!(check_agreement(&[at("2026-11-18 09:00"), at("2026-11-25 09:00")], now), Ok(()));
        let later = at("2026-11-20 09:30");
        assert_eq!(check_agreement(&[later], now), Err(MediationError::SessionNotHeld(later)));
    }

    #[test]
    fn states() {
        use MediationState::*;
        use MediationStep::*;
        assert_eq!(next(Accepted, Start), Ok(Mediating));
        assert_eq!(next(Mediating, Agree), Ok(Agreed));
        assert_eq!(next(Accepted, Agree), Err(MediationError::NotAllowed));
        assert_eq!(next(Agreed, Terminate), Err(MediationError::NotAllowed));
        assert_eq!(next(Accepted, Terminate), Ok(Terminated));
        for s in MediationState::ALL {
            assert_eq!(MediationState::from_str_opt(s.as_str()), Some(*s));
        }
    }

    #[test]
    fn confirmation_window_and_parties() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(10, 0, 0).unwrap();
        assert_eq!(confirmation_deadline(t), chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap());
        let p = |n: &str, r| Party { name: n.into(), role: r, contact: String::new() };
        assert!(check_parties(&[p("甲", PartyRole::Applicant)]).is_err());
        assert!(check_parties(&[p("甲", PartyRole::Applicant), p(" ", PartyRole::Respondent)]).is_err());
        assert!(check_parties(&[p("甲", PartyRole::Applicant), p("乙", PartyRole::Respondent)]).is_ok());
        assert!(
            may_read("zhang", "zhang", false) && may_read("zhang", "chen", true) && !may_read("zhang", "li", false)
        );
    }
}
