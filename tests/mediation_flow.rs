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
