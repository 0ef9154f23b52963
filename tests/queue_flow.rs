//! A clerk's morning at the queue, keys in, driven against a real database through the same
//! worker the program uses (no terminal); snapshots of the Queue screen and the hall board.

mod common;

use common::desk::{Desk, clock};
use yichuang::app::notice::Notice;
use yichuang::domain::lang::Lang;
use yichuang::domain::queue::{TicketState, Why};

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
    // Checking in at 08:40 for 09:00 is within the window: a priority number.
    d.press("down");
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
    // Asked again and confirmed: signed out, the number left at the window.
    d.press("w");
    d.press("y");
    assert!(d.app.queue.my_window("wangfang").is_none(), "signed out");
    assert_eq!(
        d.app.queue.view.tickets.iter().find(|t| t.number == "A001").map(|t| t.state),
        Some(TicketState::Called)
    );
    // With nothing open, signing out does not ask.
    let mut e = Desk::open("2026-11-20T08:30:00+08:00");
    e.press("f7");
    e.press("w");
    e.press("w");
    assert!(e.app.overlay.is_none() && e.app.queue.my_window("wangfang").is_none());
}

#[test]
fn calling_a_number_out_of_turn_asks_first() {
    let mut d = window_with(2);
    // Enter on the second in line asks; `n` calls nobody; `y` calls it.
    d.press("down");
    assert!(d.press_effects("enter").is_empty());
    let s = common::screen(&d.app, 100, 30);
    assert!(s.contains("A002 前面还有人在等"), "{s}");
    d.press("n");
    assert_eq!(d.current(), None);
    d.press("enter");
    d.press("y");
    assert_eq!(d.current(), Some(("A002".into(), TicketState::Called)));
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
