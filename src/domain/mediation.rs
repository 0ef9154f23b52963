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
    if has(PartyRole::Applicant) && has(PartyRole::Respondent) { Ok(()) } else { Err(MediationError::PartiesRequired) }
}

/// Only the case's mediator or a supervisor (or admin) reads the case.
pub fn may_read(case_mediator: &str, viewer: &str, supervisor: bool) -> bool {
    supervisor || case_mediator == viewer
}

#[cfg(test)]
mod tests {
    use super::*;

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
