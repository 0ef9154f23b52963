//! The Requests tab (诉求), keys in, against a real database through the worker the program
//! uses: the clerk registers a request from a queue visit, the grid leader dispatches it to the
//! member with the skill, the member desk accepts and completes it, 不满意 reopens it, 满意
//! closes it; refusals come back as toasts; the tab fits a tiny terminal.

mod common;

use common::desk::Desk;
use yichuang::app::notice::Notice;
use yichuang::app::overlay::Overlay;
use yichuang::app::{Msg, Tab};
use yichuang::domain::grid::parse_toml;
use yichuang::domain::lang::Lang;
use yichuang::domain::operator::Role;
use yichuang::domain::queue::Outcome;
use yichuang::domain::request::{Provider, State};
use yichuang::storage::Db;

const NOW: &str = "2026-12-01T10:00:00+08:00";

/// The clerk 王芳 at window 1 on a database with 张秀英, the layout, grid leader 刘伟 and the
/// member 王建国 (electrician of 第一网格); the others sign in on the same file.
fn clerk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut db = common::db_with_resident(&dir);
    for (l, n, r) in
        [("liuwei", "刘伟", Role::Grid), ("sunli", "孙丽", Role::Grid), ("zhaolei", "赵磊", Role::MemberDesk)]
    {
        db.add_operator("root", l, n, r, None).unwrap();
    }
    db.set_clock(common::desk::clock("2026-09-01T09:00:00+08:00"));
    let m = common::electrician();
    db.register_member("root", &m.validate("2026-09-01".parse().unwrap()).unwrap()).unwrap();
    db.set_clock(common::desk::clock(NOW));
    db.import_grid("root", &parse_toml(common::GRID_LAYOUT).unwrap()).unwrap();
    Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), NOW)
}

/// Another operator at another desk on the same database.
fn colleague(first: &Desk, login: &str, name: &str, role: Role) -> Desk {
    let db = Db::open(&first.dir.path().join("q.sqlite3")).unwrap();
    Desk::with(tempfile::tempdir().unwrap(), db, login, name, role, None, NOW)
}

/// Another desk changed something: this one reads again, as on the commit notification.
fn refreshed(d: &mut Desk) {
    let e = yichuang::app::update(&mut d.app, Msg::DataChanged);
    d.run(e);
}

/// The grid leader dispatches the highlighted request to its first candidate.
fn dispatch_to_first(grid: &mut Desk) {
    grid.press("d");
    grid.press("enter");
    grid.press("enter");
    let r = grid.app.requests.selected_request().unwrap();
    assert_eq!(r.state, State::Dispatched, "{:?}", grid.last_toast());
}

/// The highlighted request's state and number.
fn highlighted(d: &Desk) -> (State, String) {
    let r = d.app.requests.selected_request().expect("a request highlighted");
    (r.state, r.number.clone())
}

/// The clerk calls a number, serves it and finishes the visit with 登记诉求: picks 张秀英,
/// writes what she asks, takes the suggestion, stores it. The request's number.
fn registered_at_the_window(d: &mut Desk) -> String {
    d.press("f7");
    d.press("w");
    d.press("a");
    d.typed("社保");
    d.press("enter");
    d.press("f5");
    d.press("s");
    d.press("f9");
    assert!(matches!(d.app.overlay, Some(Overlay::Outcome { .. })), "nothing handled: the finish menu");
    assert!(common::screen(&d.app, 100, 30).contains("6 登记诉求"), "{}", common::screen(&d.app, 100, 30));
    d.press("6");
    assert_eq!(d.app.tab, Tab::Requests);
    d.typed("张秀英");
    d.press("enter");
    d.press("enter");
    assert!(matches!(&d.app.overlay, Some(Overlay::Form(_))), "the form opens for 张秀英");
    d.typed("3栋楼道灯不亮，老人晚上看不见");
    // The place decides the grid.
    d.press("up");
    d.press("up");
    d.typed("幸福里小区3栋");
    d.press("enter");
    assert!(matches!(d.last_toast(), Notice::RequestSuggested(..)), "{:?}", d.last_toast());
    assert!(matches!(&d.app.overlay, Some(Overlay::Form(_))), "the suggestion is shown, not stored");
    d.press("enter");
    assert!(d.app.overlay.is_none(), "stored");
    let r = d.app.requests.selected_request().expect("the new request highlighted").clone();
    assert_eq!((r.state, r.grid.as_str(), r.service.as_deref()), (State::Pending, "第一网格", Some("repair")));
    assert_eq!(r.resident_name.as_deref(), Some("张秀英"));
    r.number
}

#[test]
fn a_request_from_the_window_goes_round_the_loop_on_the_tab() {
    let mut clerk = clerk();
    let number = registered_at_the_window(&mut clerk);
    let visit = clerk.db.queue_view().unwrap().tickets.into_iter().next().unwrap();
    assert_eq!(visit.outcome, Some(Outcome::Request), "the ticket's outcome records it");
    assert!(clerk.current().is_none(), "the visit ended");

    // The grid leader dispatches it: the member with the skill is the first candidate.
    let mut grid = colleague(&clerk, "liuwei", "刘伟", Role::Grid);
    grid.press("alt-q");
    assert_eq!(highlighted(&grid), (State::Pending, number.clone()), "open first, newest first");
    grid.press("d");
    let shown = common::screen(&grid.app, 120, 40);
    assert!(shown.contains("党员 王建国 · 电工维修 · 第一网格 · 本月已接 0"), "{shown}");
    grid.press("enter");
    grid.press("enter");
    let r = grid.app.requests.selected_request().unwrap();
    assert_eq!((r.state, r.taker.as_ref().map(|t| t.kind)), (State::Dispatched, Some(Provider::Member)));

    // The member desk accepts (asked first, naming the request and the resident) and completes.
    let mut desk = colleague(&clerk, "zhaolei", "赵磊", Role::MemberDesk);
    desk.press("alt-q");
    desk.press("a");
    assert!(common::screen(&desk.app, 120, 40).contains(&format!("{number} 张秀英")), "the question names both");
    assert_eq!(highlighted(&desk).0, State::Dispatched, "not before the answer");
    desk.press("a");
    assert_eq!(highlighted(&desk).0, State::Accepted);
    desk.press("c");
    desk.typed("2");
    desk.press("enter");
    assert_eq!(highlighted(&desk).0, State::Done);

    // 不满意 reopens it to the same member.
    refreshed(&mut clerk);
    clerk.press("alt-q");
    assert_eq!(highlighted(&clerk), (State::Done, number.clone()));
    clerk.press("v");
    clerk.typed("3");
    clerk.press("enter");
    let r = clerk.app.requests.selected_request().unwrap();
    assert_eq!((r.state, r.reopened), (State::Dispatched, true), "重办");

    // Accepted and done again; 满意 closes it.
    refreshed(&mut desk);
    desk.press("a");
    desk.press("a");
    desk.press("c");
    desk.typed("1");
    desk.press("enter");
    refreshed(&mut clerk);
    clerk.press("v");
    clerk.typed("1");
    clerk.press("enter");
    assert_eq!(clerk.last_toast(), Notice::RequestChanged(number.clone(), State::Rated));
    assert!(clerk.app.requests.list.is_empty(), "closed: no longer among the open ones");
    let reader = yichuang::model::requests::Reader { login: "wangfang".into(), supervisor: false };
    let closed = clerk.db.request_by_number(&reader, &number).unwrap().unwrap();
    let kinds: Vec<String> = clerk.db.request_events(closed.id).unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["taken", "dispatch", "accept", "done", "rate", "reopen", "accept", "done", "rate"]);
}

#[test]
fn a_step_storage_refuses_is_a_toast_in_the_ui_language() {
    let mut clerk = clerk();
    let number = registered_at_the_window(&mut clerk);
    let mut grid = colleague(&clerk, "liuwei", "刘伟", Role::Grid);
    grid.press("alt-q");
    grid.press("d");
    // To the grid's own staff 孙丽: only she (or a supervisor) records its steps.
    let (_, candidates) = grid.app.requests.candidates.clone().unwrap();
    let sunli = candidates.iter().position(|c| c.key == "grid:sunli").expect("孙丽 among the candidates");
    for _ in 0..sunli {
        grid.press("down");
    }
    grid.press("enter");
    grid.press("enter");
    refreshed(&mut clerk);
    clerk.press("a");
    clerk.press("a");
    assert!(matches!(clerk.last_toast(), Notice::Request(_)), "{:?}", clerk.last_toast());
    let shown = common::screen(&clerk.app, 120, 40);
    assert!(shown.contains("只有其本人、派单人刘伟或负责人可以登记"), "{shown}");
    assert_eq!(highlighted(&clerk), (State::Dispatched, number));
}

#[test]
fn a_clerk_may_not_record_a_members_steps_and_is_told_who_may() {
    let mut clerk = clerk();
    let number = registered_at_the_window(&mut clerk);
    let mut grid = colleague(&clerk, "liuwei", "刘伟", Role::Grid);
    grid.press("alt-q");
    dispatch_to_first(&mut grid);
    refreshed(&mut clerk);
    for key in ["a", "b"] {
        let effects = clerk.press_effects(key);
        assert!(effects.is_empty() && clerk.app.overlay.is_none(), "{key}: nothing asked or sent: {effects:?}");
        let shown = common::screen(&clerk.app, 120, 40);
        assert!(shown.contains("派给了党员王建国，只有党员服务岗、派单人刘伟或负责人可以登记"), "{key}: {shown}");
    }
    assert_eq!(highlighted(&clerk), (State::Dispatched, number));
}

#[test]
fn dispatch_is_not_the_clerks() {
    let mut clerk = clerk();
    registered_at_the_window(&mut clerk);
    let effects = clerk.press_effects("d");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(clerk.last_toast(), Notice::Denied);
    assert!(clerk.app.overlay.is_none());
}

#[test]
fn the_filter_is_read_by_the_worker_page_by_page() {
    let mut clerk = clerk();
    let number = registered_at_the_window(&mut clerk);
    clerk.press("/");
    let effects: Vec<_> = "灯不亮"
        .chars()
        .flat_map(|c| {
            yichuang::app::update(
                &mut clerk.app,
                Msg::Key(yichuang::keymap::KeyChord::plain(yichuang::keymap::Key::Char(c))),
            )
        })
        .collect();
    assert!(
        effects.iter().all(|e| matches!(
            e,
            yichuang::app::Effect::Requests(yichuang::app::requests::RequestOp::Page(f, None))
                if f.limit == yichuang::app::requests::PAGE
        )),
        "{effects:?}"
    );
    clerk.run(effects);
    assert_eq!(clerk.app.requests.list.len(), 1);
    assert_eq!(highlighted(&clerk).1, number);
    clerk.typed("没有这样的");
    assert!(clerk.app.requests.list.is_empty());
    assert!(common::screen(&clerk.app, 80, 24).contains("没有诉求"));
}

#[test]
fn the_tab_survives_a_tiny_terminal() {
    let mut clerk = clerk();
    registered_at_the_window(&mut clerk);
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 8), (80, 24)] {
        common::screen(&clerk.app, w, h);
    }
    clerk.press("d");
    clerk.press("v");
    for (w, h) in [(1, 1), (12, 4), (30, 6)] {
        common::screen(&clerk.app, w, h);
    }
}

#[test]
fn the_receipt_slip_names_the_request_number() {
    let mut clerk = clerk();
    let number = registered_at_the_window(&mut clerk);
    clerk.press("p");
    let Notice::ReceiptSaved { path, .. } = clerk.last_toast() else { panic!("{:?}", clerk.last_toast()) };
    let slip = std::fs::read_to_string(&path).unwrap();
    assert!(
        slip.contains(&format!("编号：{number}")) && slip.contains("张秀英") && slip.contains("诉求回执"),
        "{slip}"
    );
    // However long what the resident said, every line fits the 48-column receipt paper.
    let reader = yichuang::model::requests::Reader { login: "wangfang".into(), supervisor: false };
    let mut r = clerk.db.request_by_number(&reader, &number).unwrap().unwrap();
    r.text = "楼道灯不亮，".repeat(20);
    let at = clerk.app.now;
    let long = yichuang::export::receipt::RequestSlip {
        centre: "幸福里社区党群服务中心",
        request: &r,
        clerk: "王芳",
        phone: "",
        printed_at: at,
    };
    let slip = yichuang::export::receipt::request_slip(Lang::Zh, yichuang::i18n::receipt::Paper::Receipt48, &long);
    assert!(slip.contains(&number) && slip.matches('亮').count() == 20, "{slip}");
    for line in slip.lines() {
        assert!(yichuang::domain::text::display_width(line) <= 48, "fits the receipt paper: {line}");
    }
}

#[test]
fn the_dispatch_picker_shows_every_candidate_with_why_it_fits_and_asks_naming_the_request_and_taker() {
    let mut clerk = clerk();
    // Twelve more electricians, of another grid: more candidates than a screen of numbers held.
    clerk.db.set_clock(common::desk::clock("2026-09-01T09:00:00+08:00"));
    for i in 0..12 {
        let first17 = format!("32012419800101{:03}", 100 + i);
        let id_number = format!("{first17}{}", yichuang::domain::resident::check_char(&first17).unwrap());
        let m = yichuang::domain::member::MemberDraft {
            name: format!("电工{}", ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑"][i]),
            id_number,
            phone: "13812345678".into(),
            unit: "区税务局".into(),
            grid: "第二网格".into(),
            skills: "电工维修".into(),
            ..Default::default()
        };
        clerk.db.register_member("root", &m.validate("2026-09-01".parse().unwrap()).unwrap()).unwrap();
    }
    clerk.db.set_clock(common::desk::clock(NOW));
    let number = registered_at_the_window(&mut clerk);
    let mut grid = colleague(&clerk, "liuwei", "刘伟", Role::Grid);
    grid.press("alt-q");
    grid.press("d");
    let Some(Overlay::Dispatch(p)) = &grid.app.overlay else { panic!("the picker: {:?}", grid.app.overlay) };
    let all = p.candidates.clone();
    assert!(all.len() >= 15, "every candidate, not nine: {}", all.len());
    let shown = common::screen(&grid.app, 120, 40);
    assert!(shown.contains("党员 王建国 · 电工维修 · 第一网格 · 本月已接 0"), "skill, grid and load: {shown}");
    // The last one scrolls into view.
    grid.press("end");
    let last = all.last().unwrap();
    assert!(common::screen(&grid.app, 120, 40).contains(&last.name), "{}", common::screen(&grid.app, 120, 40));
    // Esc leaves without dispatching.
    grid.press("esc");
    assert!(grid.app.overlay.is_none());
    assert_eq!(highlighted(&grid).0, State::Pending);
    // The twelfth candidate: Enter names the request and the taker, and nothing is sent yet.
    grid.press("d");
    for _ in 0..11 {
        grid.press("down");
    }
    let chosen = all[11].clone();
    assert_eq!(chosen.kind, Provider::Member, "{all:?}");
    let effects = grid.press_effects("enter");
    assert!(effects.is_empty(), "{effects:?}");
    let shown = common::screen(&grid.app, 120, 40);
    assert!(shown.contains(&format!("把 {number} 派给党员 {}？", chosen.name)), "{shown}");
    // Esc goes back to the list; Enter, and the dispatch key, then dispatch it.
    grid.press("esc");
    assert!(matches!(&grid.app.overlay, Some(Overlay::Dispatch(p)) if !p.confirming && p.selected == 11));
    grid.press("enter");
    grid.press("d");
    assert!(grid.app.overlay.is_none());
    let r = grid.app.requests.selected_request().unwrap();
    assert_eq!(r.state, State::Dispatched, "{:?}", grid.last_toast());
    assert_eq!(r.taker.as_ref().map(|t| t.name.clone()), Some(chosen.name));
}

/// The clerk opens a new request on the tab and picks 张秀英 (or, with no name, nobody).
fn new_request_form(d: &mut Desk, name: &str) {
    d.press("alt-q");
    d.press("n");
    d.typed(name);
    d.press("enter");
    d.press("enter");
    assert!(matches!(&d.app.overlay, Some(Overlay::Form(_))), "{}", common::screen(&d.app, 120, 40));
}

#[test]
fn an_anonymous_complaint_is_taken_on_the_tab_and_only_as_a_complaint() {
    let mut clerk = clerk();
    clerk.press("alt-q");
    clerk.press("n");
    assert!(common::screen(&clerk.app, 120, 40).contains("不写姓名直接按"), "{}", common::screen(&clerk.app, 120, 40));
    clerk.press("enter");
    assert!(common::screen(&clerk.app, 120, 40).contains("匿名投诉，不登记诉求人？"));
    clerk.press("enter");
    let shown = common::screen(&clerk.app, 120, 40);
    assert!(shown.contains("匿名（仅限投诉）") && shown.contains("投诉"), "{shown}");
    clerk.typed("小区门口电动车乱停，消防通道被堵");
    // Made a suggestion instead: refused, named, nothing typed lost.
    for _ in 0..4 {
        clerk.press("up");
    }
    clerk.press("right");
    clerk.press("enter");
    assert_eq!(clerk.last_toast(), Notice::Request(yichuang::model::requests::RequestOpError::AnonymousNotComplaint));
    assert!(common::screen(&clerk.app, 120, 40).contains("消防通道被堵"));
    clerk.press("left");
    clerk.press("enter");
    clerk.press("enter");
    assert!(clerk.app.overlay.is_none(), "{:?}", clerk.last_toast());
    let r = clerk.app.requests.selected_request().expect("stored").clone();
    assert!(r.anonymous && r.resident_id.is_none(), "{r:?}");
    assert_eq!(r.kind, yichuang::domain::request::Kind::Complaint);
}

#[test]
fn photos_on_the_tab_form_are_checked_like_the_command_lines_and_a_bad_path_loses_nothing() {
    let mut clerk = clerk();
    let photo = clerk.dir.path().join("灯.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff").unwrap();
    new_request_form(&mut clerk, "张秀英");
    clerk.typed("邻居家的狗夜里一直叫");
    for _ in 0..3 {
        clerk.press("down");
    }
    let bad = clerk.dir.path().join("没有这张.jpg").display().to_string();
    clerk.typed(&bad);
    clerk.press("enter");
    let shown = common::screen(&clerk.app, 160, 40);
    assert!(shown.contains("找不到照片文件"), "{shown}");
    assert!(
        matches!(&clerk.app.overlay, Some(Overlay::Form(f)) if f.text(4) == "邻居家的狗夜里一直叫" && f.text(7) == bad)
    );
    assert!(clerk.app.requests.list.is_empty(), "nothing stored");
    for _ in bad.chars() {
        clerk.press("backspace");
    }
    clerk.typed(&format!("{} {}", photo.display(), photo.display()));
    clerk.press("enter");
    assert!(clerk.app.overlay.is_none(), "{:?}", clerk.last_toast());
    let r = clerk.app.requests.selected_request().expect("stored").clone();
    let full = std::fs::canonicalize(&photo).unwrap().display().to_string();
    assert_eq!(r.photos, [full.clone(), full]);
}
