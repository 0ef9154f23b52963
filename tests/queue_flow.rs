//! A clerk's morning at the queue, keys in, driven against a real database through the same
//! worker the program uses (no terminal); snapshots of the Queue screen and the hall board.

mod common;

use common::desk::{Desk, clock};
use yichuang::action::Action;
use yichuang::app::notice::Notice;
use yichuang::domain::lang::Lang;
use yichuang::domain::queue::{TicketState, Why};
use yichuang::storage::QueueError;

#[test]
fn a_clerks_morning_at_the_window() {
    let mut d = Desk::open("2026-11-20T08:30:00+08:00");
    d.press("f7");
    assert!(common::screen(&d.app, 100, 30).contains("未签到"));
    d.press("n");
    assert!(matches!(d.last_toast(), Notice::Queue(yichuang::storage::QueueError::NotSignedIn)));
    d.press("w");
    assert_eq!(d.last_toast(), Notice::SignedIn(Some(1)));
    // The front desk issues two numbers, the second on the green channel.
    d.press("a");
    d.typed("社保");
    d.press("enter");
    assert!(matches!(d.last_toast(), Notice::Issued { ref number, position: 1, .. } if number == "A001"));
    d.press("g");
    d.typed("SB");
    d.press("enter");
    assert!(
        matches!(d.app.overlay, Some(yichuang::app::overlay::Overlay::Prompt(ref p)) if p.invalid),
        "a reason is required"
    );
    d.typed(" 80岁");
    d.press("enter");
    // Call next: the green channel first, with its reason shown.
    d.press("f5");
    assert_eq!(
        d.last_toast(),
        Notice::Called { number: "A002".into(), why: Why::Green { reason: "80岁".into(), age: None } }
    );
    d.press("s");
    assert_eq!(d.current(), Some(("A002".into(), TicketState::Serving)));
    d.press("f9");
    d.press("1");
    assert_eq!(d.current(), None);
    d.press("n");
    assert_eq!(d.current(), Some(("A001".into(), TicketState::Called)));
    for _ in 0..3 {
        d.press("r");
    }
    // The fourth makes it a no-show: it asks first, naming the number.
    d.press("r");
    assert!(common::screen(&d.app, 100, 30).contains("A001 已重呼 3 次"), "{}", common::screen(&d.app, 100, 30));
    assert_eq!(d.current(), Some(("A001".into(), TicketState::Called)), "not before the answer");
    d.press("y");
    assert_eq!(d.current(), None, "three recalls, then a no-show");
    let rows = d.app.queue.rows("wangfang");
    assert_eq!(
        rows.iter().map(|r| (r.0.number.as_str(), r.0.state)).collect::<Vec<_>>(),
        [("A001", TicketState::NoShow)]
    );
    d.press("i");
    assert_eq!(d.app.queue.rows("wangfang")[0].0.state, TicketState::Waiting, "reinstated");
    // Pausing needs a reason; a paused window calls nobody.
    d.press("z");
    d.press("enter");
    d.typed("午休");
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::WindowPaused(true));
    d.press("n");
    assert!(matches!(d.last_toast(), Notice::Queue(yichuang::storage::QueueError::Paused(_))));
    d.press("z");
    d.press("n");
    assert_eq!(d.current(), Some(("A001".into(), TicketState::Called)));
    d.press("t");
    d.typed("医保");
    d.press("enter");
    assert_eq!(d.current(), None, "transferred to 医保, which window 1 also serves");
    let t = d.app.queue.view.tickets.iter().find(|t| t.number == "A001").unwrap();
    assert_eq!((t.category.as_str(), t.state), ("YB", TicketState::Waiting));
}

#[test]
fn queue_screen_and_board_snapshots() {
    let mut d = Desk::open("2026-11-20T09:00:00+08:00");
    d.press("f7");
    d.press("w");
    for (cat, minute) in [("SB", 1), ("YB", 2), ("SB", 3), ("MZ", 4)] {
        d.db.set_clock(clock(&format!("2026-11-20T09:0{minute}:00+08:00")));
        d.db.take_ticket("wangfang", cat, None, None).unwrap();
    }
    d.db.set_clock(clock("2026-11-20T09:05:00+08:00"));
    d.db.take_ticket("wangfang", "SB", Some("残疾人"), None).unwrap();
    d.db.set_clock(clock("2026-11-20T09:10:00+08:00"));
    d.app.now = d.db.clock().now().naive_local();
    d.press("n");
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("绿色通道 · 残疾人") && s.contains("最早取号"), "{s}");
    insta::assert_snapshot!("queue_screen", s);

    let board = yichuang::ui::board::Board {
        view: d.db.queue_view().unwrap(),
        centre: "幸福里社区党群服务中心".into(),
        now: d.app.now,
        lang: Lang::Zh,
    };
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| yichuang::ui::board::draw(f, &board, &yichuang::ui::Theme::new(true))).unwrap();
    let buf = t.backend().buffer();
    let mut text = String::new();
    for y in 0..24 {
        let mut x = 0;
        let mut line = String::new();
        while x < 80 {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += yichuang::domain::text::display_width(sym).max(1) as u16;
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    assert!(text.contains("A003→1号窗口"), "{text}");
    insta::assert_snapshot!("board_80x24", text);
}

#[test]
fn booking_checking_in_and_the_refusals() {
    let mut d = Desk::open("2026-11-20T08:40:00+08:00"); // a Friday
    let r = yichuang::domain::resident::ResidentDraft {
        name: "张秀英".into(),
        id_number: "320124194511230043".into(),
        ..Default::default()
    };
    d.db.register_resident("root", &r.validate(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap())
        .unwrap();
    let start = d.app.start();
    d.run(start);
    d.press("f8");
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("2026年11月20日") && s.contains("09:00"), "{s}");
    // Book 09:00 today for 张秀英 (found by initials).
    d.press("n");
    d.typed("zxy");
    d.press("enter"); // names who is booked
    d.press("enter");
    assert!(
        matches!(d.last_toast(), Notice::AppointmentChanged(ref n, yichuang::domain::appointment::AppointmentState::Booked) if n == "张秀英")
    );
    // Checking in at 08:40 for 09:00 is within the window: a priority number. It issues the
    // number at once, so it asks first, naming the person and the time.
    d.press("down");
    assert!(d.press_effects("c").is_empty());
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("张秀英 09:00？"), "{s}");
    d.press("c");
    assert!(matches!(d.last_toast(), Notice::CheckedIn { priority: true, .. }), "{:?}", d.last_toast());
    // Saturday is not a working day; the refusal says so.
    d.press("right");
    d.press("n");
    d.typed("zxy");
    d.press("enter"); // names who is booked
    d.press("enter");
    let msg = yichuang::i18n::notice(Lang::Zh, &d.last_toast());
    assert!(msg.contains("不是工作日"), "{msg}");
    // A booking of another day cannot check in today.
    d.press("right");
    d.press("right"); // Monday
    d.press("down");
    d.press("n");
    d.typed("zxy");
    d.press("enter"); // names who is booked
    d.press("enter");
    d.press("down");
    d.press("c");
    d.press("c");
    let msg = yichuang::i18n::notice(Lang::Zh, &d.last_toast());
    assert!(msg.contains("只能为今天"), "{msg}");
    // Cancelling needs a reason and keeps the row.
    d.press("x");
    d.press("enter");
    d.typed("改约");
    d.press("enter");
    assert!(matches!(
        d.last_toast(),
        Notice::AppointmentChanged(_, yichuang::domain::appointment::AppointmentState::Cancelled)
    ));
    assert!(common::screen(&d.app, 100, 30).contains("已取消"));
}

/// A clerk signed in at window 1 on the Queue tab, with `n` 社保 numbers issued at the desk.
fn window_with(n: usize) -> Desk {
    let mut d = Desk::open("2026-11-20T08:30:00+08:00");
    d.press("f7");
    d.press("w");
    for _ in 0..n {
        d.press("a");
        d.typed("社保");
        d.press("enter");
    }
    d
}

#[test]
fn one_open_number_per_window_calling_again_says_what_to_do_first() {
    let mut d = window_with(2);
    d.press("f5");
    assert_eq!(d.current(), Some(("A001".into(), TicketState::Called)));
    // F5 again, and Enter on the waiting A002: refused on the spot, nothing sent, A001 stays.
    let e = d.press_effects("f5");
    assert!(e.is_empty(), "{e:?}");
    let busy = Notice::Queue(yichuang::storage::QueueError::WindowBusy { window: 1, number: "A001".into() });
    assert_eq!(d.last_toast(), busy);
    let words = yichuang::i18n::notice(Lang::Zh, &d.last_toast());
    assert!(words.contains("A001") && words.contains("办毕"), "{words}");
    d.press("home");
    assert!(d.press_effects("enter").is_empty());
    assert_eq!(d.current(), Some(("A001".into(), TicketState::Called)));
    // Settled (a no-show asks first), the next call goes through.
    d.press("x");
    d.press("y");
    d.press("f5");
    assert_eq!(d.current(), Some(("A002".into(), TicketState::Called)));
    let open =
        d.db.queue_view()
            .unwrap()
            .tickets
            .iter()
            .filter(|t| matches!(t.state, TicketState::Called | TicketState::Serving))
            .count();
    assert_eq!(open, 1);
}

#[test]
fn signing_out_with_a_number_open_asks_and_the_hint_follows_the_state() {
    let mut d = Desk::open("2026-11-20T08:30:00+08:00");
    d.press("f7");
    let hints = |d: &Desk| common::screen(&d.app, 120, 30).lines().last().unwrap().to_string();
    assert!(hints(&d).contains("w 签到"), "{}", hints(&d));
    d.press("w");
    assert!(hints(&d).contains("w 签退"), "{}", hints(&d));
    d.press("a");
    d.typed("社保");
    d.press("enter");
    d.press("f5");
    // With A001 open, `w` asks, naming the number; `n` keeps the clerk signed in.
    assert!(d.press_effects("w").is_empty());
    let s = common::screen(&d.app, 120, 30);
    assert!(s.contains("A001 还没有办结") && s.contains("仍要签退"), "{s}");
    d.press("n");
    assert!(d.app.overlay.is_none());
    assert!(d.app.queue.my_window("wangfang").is_some(), "still signed in");
    // Asked again and confirmed: signed out, the number back in line (no closed desk holds it).
    d.press("w");
    d.press("y");
    assert!(d.app.queue.my_window("wangfang").is_none(), "signed out");
    assert_eq!(
        d.app.queue.view.tickets.iter().find(|t| t.number == "A001").map(|t| t.state),
        Some(TicketState::Waiting)
    );
    // With nothing open, signing out does not ask.
    let mut e = Desk::open("2026-11-20T08:30:00+08:00");
    e.press("f7");
    e.press("w");
    e.press("w");
    assert!(e.app.overlay.is_none() && e.app.queue.my_window("wangfang").is_none());
}

#[test]
fn calling_a_number_out_of_turn_asks_why_and_records_it() {
    use yichuang::domain::queue::CallReason;
    let mut d = window_with(2);
    // Enter on the second in line asks why, with the reasons numbered; `n` calls nobody.
    d.press("down");
    assert!(d.press_effects("enter").is_empty());
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("A002 前面还有人在等") && s.contains("1 老弱病残孕优先") && s.contains("4 其他"), "{s}");
    d.press("n");
    assert_eq!(d.current(), None);
    // Yes alone does not call: the reason is what is recorded.
    d.press("enter");
    assert!(d.press_effects("y").is_empty());
    assert!(d.press_effects("enter").is_empty());
    assert_eq!(d.current(), None);
    d.press("1");
    assert_eq!(d.current(), Some(("A002".into(), TicketState::Called)));
    assert_eq!(d.app.queue.current("wangfang").unwrap().call_reason, Some(CallReason::Priority));
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("提前叫号 · 老弱病残孕优先"), "{s}");
    let f = yichuang::model::AuditFilter { action: Some("ticket.call".into()), ..Default::default() };
    let rows = d.db.audit_search(&f, None, 5).unwrap();
    assert!(rows.iter().any(|r| r.summary.contains("A002 called out of turn: priority")), "{rows:?}");
}

#[test]
fn pressing_the_same_key_again_confirms_it() {
    let mut d = window_with(1);
    d.press("f5");
    d.press("x");
    assert_eq!(d.current(), Some(("A001".into(), TicketState::Called)), "asked first");
    d.press("x");
    assert_eq!(d.current(), None, "x twice: a no-show");
}

/// The hall board as text, drawn at 80×24 from the database at `now`.
fn board_text(d: &Desk, now: chrono::NaiveDateTime) -> String {
    let board = yichuang::ui::board::Board {
        view: d.db.queue_view().unwrap(),
        centre: "幸福里社区党群服务中心".into(),
        now,
        lang: Lang::Zh,
    };
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| yichuang::ui::board::draw(f, &board, &yichuang::ui::Theme::new(true))).unwrap();
    let buf = t.backend().buffer();
    let mut text = String::new();
    for y in 0..24 {
        let mut x = 0;
        let mut line = String::new();
        while x < 80 {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += yichuang::domain::text::display_width(sym).max(1) as u16;
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

#[test]
fn the_clerk_sees_which_call_this_is_and_the_last_recall_warns() {
    let mut d = window_with(1);
    d.press("f5");
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("第 1 次呼叫（重呼 0/3）"), "{s}");
    d.press("r");
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("第 2 次呼叫（重呼 1/3）") && !s.contains("记为过号"), "{s}");
    d.press("r");
    d.press("r");
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("第 4 次呼叫（重呼 3/3）") && s.contains("不再呼叫，记为过号"), "{s}");
    // The fourth recall asks, naming the number and saying truthfully what happens.
    d.press("r");
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("A001 已重呼 3 次仍未到") && s.contains("记为过号"), "{s}");
    d.press("n");
    assert_eq!(d.current(), Some(("A001".into(), TicketState::Called)));
}

#[test]
fn the_board_repeats_a_recalled_number() {
    let mut d = window_with(2);
    d.press("f5");
    d.press("x");
    d.press("y");
    d.db.set_clock(clock("2026-11-20T08:31:00+08:00"));
    d.press("f5");
    let now = d.db.clock().now().naive_local();
    let first = board_text(&d, now);
    assert!(!first.contains("再次呼叫"), "{first}");
    // A002 is called again a minute later: first in the last-called list again, marked, and
    // its window's box says so.
    d.db.set_clock(clock("2026-11-20T08:32:00+08:00"));
    d.press("r");
    let now = d.db.clock().now().naive_local();
    let text = board_text(&d, now);
    assert!(text.contains("A002→1号窗口 再次呼叫  A001→1号窗口"), "{text}");
    assert_eq!(text.matches("再次呼叫").count(), 2, "the list and the window's box: {text}");
    // A few minutes on, the mark is gone (the number stays on its window).
    let later = board_text(&d, now + chrono::Duration::minutes(4));
    assert!(!later.contains("再次呼叫"), "{later}");
}

#[test]
fn waiting_rows_tell_walk_in_appointment_green_transferred_and_reinstated_apart() {
    let mut d = window_with(0);
    let r = yichuang::domain::resident::ResidentDraft {
        name: "张秀英".into(),
        id_number: "320124194511230043".into(),
        ..Default::default()
    };
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let rid = match d.db.register_resident("root", &r.validate(day).unwrap()).unwrap() {
        yichuang::storage::Registered::New(r) | yichuang::storage::Registered::Existing(r) => r.id,
    };
    // A001 will be reinstated (behind the next two), B001 transferred from 医保 to 社保 at window 1.
    for what in ["SB", "YB", "SB", "SB"] {
        d.db.take_ticket("kiosk", what, None, None).unwrap();
    }
    let (t, _) = d.db.call_next("wangfang").unwrap();
    let t = d.db.no_show("wangfang", t.id, t.version).unwrap();
    d.db.reinstate("wangfang", t.id, t.version).unwrap();
    let (t, _) = d.db.call_next("wangfang").unwrap();
    assert_eq!(t.number, "B001");
    d.db.transfer("wangfang", t.id, t.version, "SB", None).unwrap();
    d.db.take_ticket("kiosk", "SB", Some("孕妇"), None).unwrap();
    let a = d.db.book("root", day, chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(), "SB", rid).unwrap();
    d.db.check_in("root", a.id).unwrap();
    d.run(vec![yichuang::app::Effect::LoadQueue]);
    let labels: Vec<String> = d
        .app
        .queue
        .rows("wangfang")
        .iter()
        .map(|(t, w)| format!("{} {}", t.number, yichuang::i18n::queue::why(Lang::Zh, w.as_ref().unwrap())))
        .collect();
    assert_eq!(
        labels,
        [
            "A004 绿色通道 · 孕妇",
            "A005 预约 09:00",
            "B001 转自 1号窗口 · 医保",
            "A002 现场取号",
            "A003 现场取号",
            "A001 过号重排",
        ]
    );
    let s = common::screen(&d.app, 100, 30);
    assert!(!s.contains("最早取号"), "nobody here is the earliest walk-in at the head: {s}");
    // With only walk-ins left, the head alone is the earliest.
    for _ in 0..3 {
        let (t, _) = d.db.call_next("wangfang").unwrap();
        d.db.finish("wangfang", t.id, t.version, yichuang::domain::queue::Outcome::Consultation).unwrap();
    }
    d.run(vec![yichuang::app::Effect::LoadQueue]);
    let s = common::screen(&d.app, 100, 30);
    assert_eq!(s.matches("最早取号").count(), 1, "{s}");
}

#[test]
fn window_two_lists_only_its_own_no_shows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
    db.set_clock(clock("2026-11-20T08:30:00+08:00"));
    db.add_operator("root", "wangfang", "王芳", yichuang::domain::operator::Role::Clerk, Some(1)).unwrap();
    db.set_window("root", 1, "社保医保窗口", &["SB".into(), "YB".into()]).unwrap();
    db.set_window("root", 2, "民政残联窗口", &["MZ".into(), "CL".into()]).unwrap();
    db.sign_in("wangfang", 1).unwrap();
    db.take_ticket("kiosk", "YB", None, None).unwrap();
    let (t, _) = db.call_next("wangfang").unwrap();
    db.no_show("wangfang", t.id, t.version).unwrap();
    db.sign_out("wangfang").unwrap();
    db.add_operator("root", "liqiang", "李强", yichuang::domain::operator::Role::Clerk, Some(2)).unwrap();
    db.sign_in("liqiang", 2).unwrap();
    db.take_ticket("kiosk", "MZ", None, None).unwrap();
    let (t, _) = db.call_next("liqiang").unwrap();
    db.no_show("liqiang", t.id, t.version).unwrap();
    let mut d = Desk::with(
        dir,
        db,
        "liqiang",
        "李强",
        yichuang::domain::operator::Role::Clerk,
        Some(2),
        "2026-11-20T08:40:00+08:00",
    );
    d.press("f7");
    let rows: Vec<String> = d.app.queue.rows("liqiang").iter().map(|r| r.0.number.clone()).collect();
    assert_eq!(rows, ["D001"], "the 医保 no-show B001 is window 1's business");
    let s = common::screen(&d.app, 100, 30);
    assert!(!s.contains("B001"), "{s}");
}

#[test]
fn nobody_ahead_gets_no_wait_estimate() {
    let mut d = window_with(0);
    d.press("a");
    d.typed("社保");
    d.press("enter");
    let first = yichuang::i18n::notice(Lang::Zh, &d.last_toast());
    assert!(first.contains("下一个就叫您") && !first.contains("预计等候") && !first.contains("0 人"), "{first}");
    d.press("a");
    d.typed("社保");
    d.press("enter");
    let second = yichuang::i18n::notice(Lang::Zh, &d.last_toast());
    assert!(second.contains("前面还有 1 人，预计等候约"), "{second}");
    let en = yichuang::i18n::queue::issued(Lang::En, "A001", "社保", 1, 10);
    assert!(en.contains("you are called next") && !en.contains("min"), "{en}");
}

#[test]
fn the_window_says_serving_only_when_a_number_is_open() {
    let mut d = Desk::open("2026-11-20T08:30:00+08:00");
    d.press("f7");
    let top = |d: &Desk| common::screen(&d.app, 100, 30).lines().nth(1).unwrap_or_default().to_string();
    assert!(top(&d).contains("未签到") && !top(&d).contains("服务中"), "{}", top(&d));
    d.press("w");
    assert!(top(&d).contains("空闲") && !top(&d).contains("服务中"), "{}", top(&d));
    d.press("a");
    d.typed("社保");
    d.press("enter");
    d.press("f5");
    assert!(top(&d).contains("服务中"), "{}", top(&d));
    d.press("f9");
    d.press("1");
    assert!(top(&d).contains("空闲"), "{}", top(&d));
    d.press("z");
    d.typed("午休");
    d.press("enter");
    assert!(top(&d).contains("暂停") && top(&d).contains("午休"), "{}", top(&d));
}

#[test]
fn pausing_with_a_number_open_asks_like_signing_out() {
    let mut d = window_with(1);
    d.press("f5");
    // `z` asks, naming the number and what becomes of it; `n` leaves everything as it was.
    assert!(d.press_effects("z").is_empty());
    let s = common::screen(&d.app, 120, 30);
    assert!(s.contains("A001 还没有办结") && s.contains("暂停后，A001 回到队列原位") && s.contains("仍要暂停"), "{s}");
    d.press("n");
    assert_eq!(d.current(), Some(("A001".into(), TicketState::Called)));
    // Confirmed, the reason is asked; the pause sends A001 back in line, in its place.
    d.press("z");
    d.press("y");
    d.typed("午休");
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::WindowPaused(true));
    assert_eq!(d.current(), None);
    assert_eq!(d.app.queue.view.tickets[0].state, TicketState::Waiting);
    // Resuming asks nothing.
    d.press("z");
    assert!(d.app.overlay.is_none());
    assert_eq!(d.last_toast(), Notice::WindowPaused(false));
}

#[test]
fn quitting_with_a_number_open_asks_and_closes_the_desk_like_signing_out() {
    use yichuang::app::Effect;
    use yichuang::app::queue::QueueOp;
    let mut d = window_with(1);
    d.press("f5");
    assert!(d.press_effects("f10").is_empty(), "asks first");
    let s = common::screen(&d.app, 120, 30);
    assert!(s.contains("A001 还没有办结") && s.contains("退出会签退") && s.contains("仍要退出"), "{s}");
    // At 80 columns the longer English question wraps instead of losing its end.
    d.app.lang = Lang::En;
    let narrow = common::screen(&d.app, 80, 24);
    assert!(narrow.contains("A001 is still open") && narrow.contains("Quit?"), "{narrow}");
    d.app.lang = Lang::Zh;
    d.press("n");
    assert!(!d.app.quit);
    // Confirmed: signs out first (A001 back in line), then quits.
    d.press("f10");
    let e = d.press_effects("y");
    assert_eq!(e, [Effect::Queue(QueueOp::SignOut), Effect::Quit]);
    let v = d.db.queue_view().unwrap();
    assert_eq!(v.tickets[0].state, TicketState::Waiting);
    let text = board_text(&d, d.app.now);
    assert!(!text.contains("A001"), "the board shows no number of a closed desk: {text}");
    // With nothing open, quitting asks the plain question and does nothing else first.
    let mut e = window_with(0);
    e.press("f10");
    assert!(common::screen(&e.app, 120, 30).contains("退出一窗？"));
    assert_eq!(e.press_effects("y"), [Effect::Quit]);
}

#[test]
fn a_number_being_served_is_not_offered_recall_arrived_or_no_show() {
    let mut d = window_with(1);
    d.press("f5");
    d.press("s");
    assert_eq!(d.current().map(|c| c.1), Some(TicketState::Serving));
    let (here, _) = d.app.offers();
    for a in [Action::Recall, Action::Serve, Action::NoShow] {
        let o = here.iter().find(|o| o.action == a).unwrap();
        assert!(!o.ready(), "{a:?} is offered for a number being served");
    }
    // Pressed anyway, the key says why and sends nothing.
    assert!(d.press_effects("s").is_empty());
    assert!(matches!(d.last_toast(), Notice::Queue(QueueError::WrongState(TicketState::Serving))));
    let hints = common::screen(&d.app, 120, 30);
    assert!(!hints.lines().last().unwrap().contains("重呼"), "{hints}");
}

#[test]
fn a_past_slot_says_so_before_anyone_is_named() {
    let mut d = Desk::open("2026-11-20T10:20:00+08:00"); // a Friday, 09:00 is past
    d.press("f8");
    assert!(d.press_effects("n").is_empty());
    assert!(d.app.overlay.is_none(), "no name is asked for a slot that cannot be booked");
    let msg = yichuang::i18n::notice(Lang::Zh, &d.last_toast());
    assert!(msg.contains("已过"), "{msg}");
}
