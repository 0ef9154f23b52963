//! A mediator at the 调解 screen: the parties' phones for the 回访 (revealed and audited), the
//! mediator named, what the timeline and the agreement rules say.

mod common;

use common::desk::Desk;
use yichuang::domain::mediation::{DisputeType, Party, PartyRole, Source};
use yichuang::domain::operator::Role;
use yichuang::storage::{AuditFilter, Viewer};

const NOW: &str = "2026-11-19T10:00:00+08:00"; // Thursday morning

fn zhangmin() -> Viewer {
    Viewer { login: "zhangmin".into(), supervisor: false, mediator: true }
}

/// A mediator's desk with one case of theirs: 赵德福 (18651230001) against 钱海燕 (13912345678).
fn mediator_with_a_case() -> (Desk, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
    db.add_operator("root", "zhangmin", "张敏", Role::Mediator, None).unwrap();
    let parties = [
        Party { name: "赵德福".into(), role: PartyRole::Applicant, contact: "18651230001".into() },
        Party { name: "钱海燕".into(), role: PartyRole::Respondent, contact: "13912345678".into() },
    ];
    let c = db.open_mediation(&zhangmin(), DisputeType::Neighbours, Source::Application, "楼上漏水", &parties).unwrap();
    let mut m = Desk::with(dir, db, "zhangmin", "张敏", Role::Mediator, None, NOW);
    m.press("alt-j");
    (m, c.id)
}

#[test]
fn a_mediator_reveals_a_partys_phone_and_the_audit_shows_it() {
    let (mut m, id) = mediator_with_a_case();
    let before = common::screen(&m.app, 120, 30);
    assert!(!before.contains("18651230001") && before.contains("186****0001"), "masked at first:\n{before}");
    m.press("ctrl-r");
    let after = common::screen(&m.app, 120, 30);
    assert!(after.contains("18651230001") && after.contains("13912345678"), "shown in full:\n{after}");
    let f = AuditFilter { action: Some("mediation.reveal".into()), ..Default::default() };
    let rows = m.db.audit_search(&f, None, 10).unwrap();
    assert_eq!(rows.len(), 1, "one audit row: {rows:?}");
    assert_eq!((rows[0].operator.as_str(), rows[0].entity_id.clone()), ("zhangmin", id.to_string()));
    assert!(rows[0].summary.contains("和调〔2026〕第1号") && !rows[0].summary.contains("18651230001"));
}

#[test]
fn the_reveal_key_is_listed_in_help_on_the_mediation_screen() {
    let (mut m, _) = mediator_with_a_case();
    m.press("f1");
    let help = common::screen(&m.app, 120, 40);
    assert!(help.contains("Ctrl-R") || help.contains("ctrl-r"), "F1 lists the reveal key:\n{help}");
}

/// The desk with a room, the case started, and a session for it tomorrow at 09:30.
fn a_case_with_a_session_tomorrow() -> (Desk, i64) {
    let (mut m, id) = mediator_with_a_case();
    let t = |h, mi| chrono::NaiveTime::from_hms_opt(h, mi, 0).unwrap();
    let room = m.db.add_room("root", "和为贵调解室一", 8, t(8, 30), t(17, 30)).unwrap();
    m.press("s");
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    m.db.book_room(&zhangmin(), room, at("2026-11-20 09:30"), at("2026-11-20 10:30"), Some(id), "和调〔2026〕第1号")
        .unwrap();
    m.run(vec![yichuang::app::Effect::LoadMediation]); // as after any commit
    (m, id)
}

#[test]
fn an_agreement_cannot_be_recorded_while_the_only_session_is_in_the_future() {
    use yichuang::app::notice::Notice;
    use yichuang::domain::mediation::{MediationError, MediationState, MediationStep};
    use yichuang::model::MediationOpError;
    let (mut m, id) = a_case_with_a_session_tomorrow();
    assert_eq!(m.app.mediation.sessions.len(), 1, "the session is read");
    m.press("a");
    assert!(m.app.overlay.is_none(), "no dialog that cannot succeed");
    let first = chrono::NaiveDateTime::parse_from_str("2026-11-20 09:30", "%Y-%m-%d %H:%M").unwrap();
    let held = Notice::Mediation(MediationOpError::Rule(MediationError::SessionNotHeld(first)));
    assert_eq!(m.last_toast(), held);
    assert!(common::screen(&m.app, 120, 30).contains("调解会议 2026-11-20 09:30 尚未举行"));
    // Storage refuses it too, whatever asks.
    let v = m.app.mediation.selected_case().unwrap().version;
    let r = m.db.mediation_step(&zhangmin(), id, v, MediationStep::Agree, "赔偿2000元");
    assert_eq!(r.unwrap_err(), MediationOpError::Rule(MediationError::SessionNotHeld(first)));
    // The day after the session it may be recorded.
    m.db.set_clock(common::desk::clock("2026-11-20T11:00:00+08:00"));
    let c = m.db.mediation_step(&zhangmin(), id, v, MediationStep::Agree, "赔偿2000元").unwrap();
    assert_eq!(c.state, MediationState::Agreed);
}

#[test]
fn the_case_names_its_mediator_and_the_timeline_speaks_the_ui_language() {
    use yichuang::domain::mediation::{MediationStep, Performance};
    let (mut m, id) = mediator_with_a_case();
    let v = m.app.mediation.selected_case().unwrap().version;
    let c = m.db.mediation_step(&zhangmin(), id, v, MediationStep::Start, "").unwrap();
    let c = m.db.mediation_step(&zhangmin(), id, c.version, MediationStep::Agree, "赔偿2000元").unwrap();
    m.db.mediation_follow_up(&zhangmin(), id, c.version, Performance::Partly, "已付1000元", None).unwrap();
    m.run(vec![yichuang::app::Effect::LoadMediation]);
    let s = common::screen(&m.app, 140, 34);
    assert!(s.contains("调解员：张敏"), "{s}");
    assert!(s.contains("张敏 回访 部分履行：已付1000元") && !s.contains("partly"), "{s}");
}

#[test]
fn a_ten_digit_phone_is_refused_on_the_new_case_form() {
    let (mut m, _) = mediator_with_a_case();
    m.press("n");
    m.press("down");
    m.press("down");
    m.typed("孙立");
    m.press("down");
    m.typed("1865123000");
    m.press("down");
    m.typed("周梅");
    m.press("down");
    m.typed("13912345678");
    m.press("down");
    m.typed("借款纠纷");
    m.press("enter");
    let Some(yichuang::app::overlay::Overlay::Form(f)) = &m.app.overlay else { panic!("the form stays open") };
    assert_eq!(f.focus, 3, "back to the applicant's phone");
    let s = common::screen(&m.app, 120, 34);
    assert!(s.contains("申请人的联系电话不对：手机号为 11 位"), "{s}");
    assert_eq!(m.app.mediation.list.len(), 1, "nothing opened");
}
