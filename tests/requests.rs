//! Residents' requests on the grid as the database keeps them: the loop 待派单 → 已派单 →
//! 已接单 → 办结 → 评价, one 重办 after 不满意 then the supervisor, 退回 and 吹哨, private
//! complaints, and a member's hours for a request on their unit's feedback.

mod common;

use chrono::DateTime;
use yichuang::domain::grid::parse_toml;
use yichuang::domain::operator::Role;
use yichuang::domain::request::{Kind, Provider, Rating, Source, State, Step, StepError, Urgency};
use yichuang::model::requests::{NewRequest, Reader, RequestFilter, RequestOpError, TakerRef};
use yichuang::storage::{Clock, Db};

fn clock(s: &str) -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(s).unwrap())
}

/// 张秀英 in a database with the layout, grid leader 刘伟, grid staff 孙丽, the member 王建国
/// (electrician of 第一网格), the clerk 王芳, the member desk 赵磊 and the supervisor 陈静;
/// Tuesday 1 December 2026.
fn setup() -> (tempfile::TempDir, Db, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = common::db_with_resident(&dir);
    for (l, n, r) in [
        ("liuwei", "刘伟", Role::Grid),
        ("sunli", "孙丽", Role::Grid),
        ("wangfang", "王芳", Role::Clerk),
        ("chenjing", "陈静", Role::Supervisor),
        ("zhaolei", "赵磊", Role::MemberDesk),
    ] {
        db.add_operator("root", l, n, r, None).unwrap();
    }
    db.set_clock(clock("2026-09-01T09:00:00+08:00"));
    let m = common::electrician();
    let member = db.register_member("root", &m.validate("2026-09-01".parse().unwrap()).unwrap()).unwrap().id;
    db.set_clock(clock("2026-12-01T10:00:00+08:00"));
    db.import_grid("root", &parse_toml(common::GRID_LAYOUT).unwrap()).unwrap();
    let resident = db.resident_by_id_number("320124194511230043").unwrap().unwrap().id;
    (dir, db, resident, member)
}

fn light(resident: Option<i64>, kind: Kind) -> NewRequest {
    NewRequest {
        kind,
        service: (kind == Kind::Order).then(|| "repair".into()),
        resident_id: resident,
        place: "幸福里小区3栋2单元".into(),
        grid: None,
        text: "楼道灯不亮，晚上老人看不见".into(),
        urgency: Urgency::Normal,
        photos: vec!["/srv/photos/light.jpg".into()],
        source: Source::Window,
        ticket_id: None,
    }
}

fn sup() -> Reader {
    Reader { login: "chenjing".into(), supervisor: true }
}

#[test]
fn the_loop_closes_after_one_reopening_and_the_member_earns_hours() {
    let (_d, mut db, resident, member) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Order)).unwrap();
    assert_eq!((r.state, r.grid.as_str()), (State::Pending, "第一网格"), "the grid follows the place");
    assert!(r.number.starts_with("SQ20261201"), "{}", r.number);
    let r = db.dispatch_request("liuwei", r.id, Some(r.version), &TakerRef::Member(member)).unwrap();
    assert_eq!(r.state, State::Dispatched);
    // 2 working days from Tuesday: Thursday 17:00.
    assert_eq!(r.due_at.unwrap().to_string(), "2026-12-03 17:00:00");
    db.request_step("zhaolei", r.id, None, Step::Accept, "").unwrap();
    let r = db.complete_request("zhaolei", r.id, None, "换了灯泡", Some(2)).unwrap();
    assert_eq!(r.state, State::Done);
    let r = db.rate_request("wangfang", r.id, Rating::Unsatisfied, "第二天又不亮").unwrap();
    assert_eq!((r.state, r.reopened), (State::Dispatched, true), "不满意 reopens to the same taker");
    assert_eq!(r.taker.as_ref().unwrap().member_id, Some(member));
    db.request_step("zhaolei", r.id, None, Step::Accept, "").unwrap();
    db.complete_request("zhaolei", r.id, None, "换了开关", Some(2)).unwrap();
    let r = db.rate_request("wangfang", r.id, Rating::Satisfied, "").unwrap();
    assert_eq!(r.state, State::Rated);
    let kinds: Vec<String> = db.request_events(r.id).unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["taken", "dispatch", "accept", "done", "rate", "reopen", "accept", "done", "rate"]);
    let fb = db.feedback(2026, 4).unwrap();
    let unit = fb.iter().find(|u| u.unit == "区税务局").expect("the unit's feedback");
    let records = &unit.members[0].1;
    assert_eq!(records.len(), 2, "one record per completion: {records:?}");
    assert!(records[0].what.contains(&r.number), "{:?}", records[0].what);
    assert_eq!(records.iter().map(|s| s.half_hours).sum::<u32>(), 4);
}

#[test]
fn a_second_unsatisfied_goes_to_the_supervisor() {
    let (_d, mut db, resident, member) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Order)).unwrap();
    for _ in 0..2 {
        db.dispatch_request("liuwei", r.id, None, &TakerRef::Member(member)).ok();
        db.request_step("zhaolei", r.id, None, Step::Accept, "").unwrap();
        db.complete_request("zhaolei", r.id, None, "", None).unwrap();
        db.rate_request("wangfang", r.id, Rating::Unsatisfied, "").unwrap();
    }
    let r = db.request(&sup(), r.id).unwrap().unwrap();
    assert_eq!(r.state, State::Supervisor);
    let r = db.dispatch_request("chenjing", r.id, None, &TakerRef::Grid("sunli".into())).unwrap();
    assert_eq!(r.state, State::Dispatched, "the supervisor dispatches it again");
}

#[test]
fn rating_only_after_done() {
    let (_d, mut db, resident, member) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Help)).unwrap();
    assert_eq!(
        db.rate_request("wangfang", r.id, Rating::Satisfied, ""),
        Err(RequestOpError::Step(StepError::NotNow(State::Pending)))
    );
    db.dispatch_request("liuwei", r.id, None, &TakerRef::Member(member)).unwrap();
    db.request_step("zhaolei", r.id, None, Step::Accept, "").unwrap();
    assert!(matches!(db.rate_request("wangfang", r.id, Rating::Satisfied, ""), Err(RequestOpError::Step(_))));
    assert_eq!(db.request(&sup(), r.id).unwrap().unwrap().rating, None);
}

#[test]
fn one_open_dispatch_per_request() {
    let (_d, mut db, resident, member) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Help)).unwrap();
    db.dispatch_request("liuwei", r.id, Some(r.version), &TakerRef::Member(member)).unwrap();
    assert_eq!(
        db.dispatch_request("chenjing", r.id, None, &TakerRef::Grid("sunli".into())),
        Err(RequestOpError::Step(StepError::NotNow(State::Dispatched)))
    );
    assert_eq!(
        db.dispatch_request("liuwei", r.id, Some(r.version), &TakerRef::Member(member)),
        Err(RequestOpError::Stale),
        "a dispatch on an old reading is refused"
    );
}

#[test]
fn anonymous_only_for_complaints() {
    let (_d, mut db, _, _) = setup();
    assert_eq!(db.add_request("wangfang", &light(None, Kind::Help)), Err(RequestOpError::AnonymousNotComplaint));
    let r = db.add_request("wangfang", &light(None, Kind::Complaint)).unwrap();
    assert!(r.anonymous && r.resident_name.is_none());
}

#[test]
fn a_complaints_resident_shows_only_to_dispatcher_taker_and_supervisors() {
    let (_d, mut db, resident, _) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Complaint)).unwrap();
    let clerk = Reader { login: "wangfang".into(), supervisor: false };
    let staff = Reader { login: "sunli".into(), supervisor: false };
    let leader = Reader { login: "liuwei".into(), supervisor: false };
    let seen = |db: &Db, who: &Reader| db.request(who, r.id).unwrap().unwrap().resident_name;
    assert_eq!(seen(&db, &clerk), None);
    assert_eq!(seen(&db, &staff), None, "not the taker yet");
    assert_eq!(seen(&db, &leader).as_deref(), Some("张秀英"), "the grid's leader dispatches");
    assert_eq!(seen(&db, &sup()).as_deref(), Some("张秀英"));
    db.dispatch_request("liuwei", r.id, None, &TakerRef::Grid("sunli".into())).unwrap();
    assert_eq!(seen(&db, &staff).as_deref(), Some("张秀英"), "the taker");
    assert!(db.request(&clerk, r.id).unwrap().unwrap().hidden);
    let f = RequestFilter { text: "张秀英".into(), ..Default::default() };
    assert!(db.requests(&clerk, &f).unwrap().is_empty(), "a search by the name does not reveal it");
    assert_eq!(db.requests(&staff, &f).unwrap().len(), 1);
}

fn not_yours(kind: Provider, taker: &str, dispatcher: &str) -> RequestOpError {
    RequestOpError::NotYours { kind, taker: taker.into(), dispatcher: dispatcher.into() }
}

#[test]
fn only_the_grid_staff_it_went_to_their_dispatcher_or_a_supervisor_records_its_steps() {
    let (_d, mut db, resident, _) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Help)).unwrap();
    db.dispatch_request("liuwei", r.id, None, &TakerRef::Grid("sunli".into())).unwrap();
    let refused = not_yours(Provider::Grid, "孙丽", "刘伟");
    assert_eq!(db.request_step("wangfang", r.id, None, Step::Accept, ""), Err(refused.clone()));
    assert_eq!(db.request_step("zhaolei", r.id, None, Step::Accept, ""), Err(refused));
    db.request_step("sunli", r.id, None, Step::Accept, "").unwrap();
    db.request_step("liuwei", r.id, None, Step::Start, "").unwrap();
    db.complete_request("chenjing", r.id, None, "", None).unwrap();
}

#[test]
fn a_members_steps_are_recorded_by_the_member_desk_the_dispatcher_or_a_supervisor() {
    let (_d, mut db, resident, member) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Order)).unwrap();
    db.dispatch_request("liuwei", r.id, None, &TakerRef::Member(member)).unwrap();
    let refused = not_yours(Provider::Member, "王建国", "刘伟");
    assert_eq!(db.request_step("wangfang", r.id, None, Step::Accept, ""), Err(refused.clone()), "a clerk");
    assert_eq!(db.request_step("sunli", r.id, None, Step::Accept, ""), Err(refused.clone()), "other grid staff");
    assert_eq!(db.request(&sup(), r.id).unwrap().unwrap().state, State::Dispatched, "nothing recorded");
    db.request_step("zhaolei", r.id, None, Step::Accept, "").unwrap();
    db.request_step("liuwei", r.id, None, Step::Start, "").unwrap();
    assert_eq!(db.complete_request("wangfang", r.id, None, "", Some(2)), Err(refused.clone()));
    db.complete_request("chenjing", r.id, None, "", None).unwrap();
    // The clerk records the resident's 不满意: the 重办 is still 刘伟's dispatch, not hers.
    let r = db.rate_request("wangfang", r.id, Rating::Unsatisfied, "").unwrap();
    assert_eq!(r.taker.as_ref().map(|t| t.by.as_str()), Some("liuwei"));
    assert_eq!(db.request_step("wangfang", r.id, None, Step::Accept, ""), Err(refused));
    db.request_step("zhaolei", r.id, None, Step::Accept, "").unwrap();
}

#[test]
fn a_partners_or_departments_steps_are_recorded_by_the_dispatcher_or_a_supervisor() {
    let (_d, mut db, resident, _) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Help)).unwrap();
    db.dispatch_request("liuwei", r.id, None, &TakerRef::Contact(Provider::Partner, "爱心理发店".into())).unwrap();
    let refused = not_yours(Provider::Partner, "爱心理发店", "刘伟");
    assert_eq!(db.request_step("zhaolei", r.id, None, Step::Accept, ""), Err(refused.clone()), "the member desk");
    assert_eq!(db.request_step("wangfang", r.id, None, Step::Accept, ""), Err(refused));
    db.request_step("liuwei", r.id, None, Step::Accept, "").unwrap();
    // 吹哨 by the supervisor: the department's steps are hers (or another supervisor's) to record.
    db.escalate_request("chenjing", r.id, "区住建局", 5, "楼体渗水").unwrap();
    let refused = not_yours(Provider::Department, "区住建局", "陈静");
    assert_eq!(db.request_step("liuwei", r.id, None, Step::Accept, ""), Err(refused));
    db.request_step("chenjing", r.id, None, Step::Accept, "").unwrap();
}

#[test]
fn a_return_needs_its_reason_and_goes_back_to_dispatch() {
    let (_d, mut db, resident, _) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Help)).unwrap();
    db.dispatch_request("liuwei", r.id, None, &TakerRef::Grid("sunli".into())).unwrap();
    assert_eq!(db.request_step("sunli", r.id, None, Step::Return, " "), Err(RequestOpError::NoReason));
    let r = db.request_step("sunli", r.id, None, Step::Return, "需要专业电工").unwrap();
    assert_eq!((r.state, r.due_at), (State::Pending, None));
}

#[test]
fn escalation_calls_a_department_in_with_its_own_deadline() {
    let (_d, mut db, resident, _) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Help)).unwrap();
    db.dispatch_request("liuwei", r.id, None, &TakerRef::Grid("sunli".into())).unwrap();
    let r = db.escalate_request("liuwei", r.id, "区住建局", 5, "楼体渗水，需住建部门").unwrap();
    let t = r.taker.unwrap();
    assert!(t.escalated && t.name == "区住建局");
    assert_eq!(r.due_at.unwrap().to_string(), "2026-12-08 17:00:00");
    assert!(matches!(db.escalate_request("liuwei", r.id, "无此部门", 5, "x"), Err(RequestOpError::NoTaker(_))));
}

#[test]
fn candidates_rank_the_services_provider_first() {
    let (_d, mut db, resident, member) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Order)).unwrap();
    let c = db.request_candidates(r.id).unwrap();
    assert_eq!(c[0].key, format!("member:{member}"), "{c:?}");
    assert!(c.iter().any(|c| c.key == "grid:liuwei"));
    assert!(!c.iter().any(|c| c.key == "partner:爱心理发店"), "a partner for another service");
}

#[test]
fn dashboard_counts_open_overdue_and_unsatisfied() {
    let (_d, mut db, resident, member) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Order)).unwrap();
    db.dispatch_request("liuwei", r.id, None, &TakerRef::Member(member)).unwrap();
    let later = chrono::NaiveDateTime::parse_from_str("2026-12-04 09:00", "%Y-%m-%d %H:%M").unwrap();
    let c = db.request_counts(later).unwrap();
    assert_eq!((c[0].grid.as_str(), c[0].open, c[0].overdue), ("第一网格", 1, 1));
}

#[test]
fn the_grid_role_is_stored() {
    let (_d, db, _, _) = setup();
    assert_eq!(db.operator("liuwei").unwrap().unwrap().role, Role::Grid);
}

#[test]
fn generate_makes_a_year_of_requests_in_every_state_and_the_demo_a_week() {
    use yichuang::sample::generate::{Scale, generate};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.sqlite3");
    let g = generate(&path, "root", Scale { residents: 2000, members: 300, days: 60, seed: 1 }).unwrap();
    assert!(g.requests >= 60, "{g:?}");
    let db = Db::open(&path).unwrap();
    assert!(db.check().unwrap().is_empty(), "{:?}", db.check());
    let all = db.requests(&sup(), &RequestFilter { limit: 100_000, ..Default::default() }).unwrap();
    for s in [State::Pending, State::Dispatched, State::Accepted, State::Done, State::Rated] {
        assert!(all.iter().any(|r| r.state == s), "no {s:?}");
    }
    let grids: std::collections::BTreeSet<&str> = all.iter().map(|r| r.grid.as_str()).collect();
    assert_eq!(grids.len(), 4, "{grids:?}");
    let week = chrono::Duration::days(8);
    let now = db.clock().now().naive_local();
    assert!(all.iter().filter(|r| r.number.starts_with("SQ") && now - r.created_at < week).count() >= 20);
}

#[test]
fn the_timeline_names_the_staff_not_their_logins() {
    let (_d, mut db, resident, _) = setup();
    let r = db.add_request("wangfang", &light(Some(resident), Kind::Help)).unwrap();
    db.dispatch_request("liuwei", r.id, None, &TakerRef::Grid("sunli".into())).unwrap();
    let events = db.request_events(r.id).unwrap();
    let names: Vec<&str> = events.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["王芳", "刘伟"]);
    let r = db.request(&sup(), r.id).unwrap().unwrap();
    let shown = yichuang::i18n::words::requests::detail(yichuang::domain::lang::Lang::Zh, &r, &events).join("\n");
    assert!(shown.contains("登记 王芳") && shown.contains("派单 刘伟") && !shown.contains("wangfang"), "{shown}");
    // The codes storage keeps in the notes are worded too: where it was taken, to whom.
    assert!(shown.contains("派单 刘伟 网格员 孙丽") && !shown.contains("grid "), "{shown}");
    assert!(!["window", "rounds", "member_desk"].iter().any(|c| shown.contains(c)), "{shown}");
}

#[test]
fn the_dashboard_lists_grids_by_their_number_not_as_text() {
    let (_d, mut db, resident, _) = setup();
    let mut layout = String::new();
    for g in ["第三网格", "第十网格", "第二网格", "第十一网格"] {
        layout.push_str(&format!("[[grid]]\nname = \"{g}\"\nleader = \"liuwei\"\nstaff = []\nplaces = []\n\n"));
    }
    db.import_grid("root", &parse_toml(&layout).unwrap()).unwrap();
    for g in ["第三网格", "第十网格", "第二网格", "第十一网格", "第一网格"] {
        let new = NewRequest { grid: Some(g.into()), ..light(Some(resident), Kind::Help) };
        db.add_request("wangfang", &new).unwrap();
    }
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(12, 0, 0).unwrap();
    let grids: Vec<String> = db.request_counts(now).unwrap().into_iter().map(|c| c.grid).collect();
    assert_eq!(grids, ["第一网格", "第二网格", "第三网格", "第十网格", "第十一网格"]);
}
