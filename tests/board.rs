//! The hall board (issue 19): digits that fill each window's box at every TV size, the newest
//! call marked, a recall shown with its count, "last called" never split, the voice (exact
//! texts, twice, in order, never overlapping; off, quiet, failing), and the board following
//! the database through its being moved away and back.

mod common;

use chrono::NaiveDateTime;
use common::desk::clock;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};
use yichuang::domain::lang::Lang;
use yichuang::domain::queue::{Ticket, TicketState, Window};
use yichuang::model::{CategoryLine, QueueView};
use yichuang::runtime::board::{Announcer, Hallway};
use yichuang::ui::Theme;
use yichuang::ui::board::{self, Board, Hall, Voice};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

const NAMES: [&str; 8] =
    ["综合窗口", "社保窗口", "医保窗口", "民政窗口", "残联窗口", "就业窗口", "户籍窗口", "党建窗口"];

fn ticket(id: i64, number: &str, window: u16, called: &str, state: TicketState, recalls: u8) -> Ticket {
    Ticket {
        id,
        day: "2026-11-20".into(),
        number: number.into(),
        category: "SB".into(),
        state,
        green: None,
        age: Some(82),
        resident_id: Some(id),
        appointment_at: None,
        for_window: None,
        issued_at: at("2026-11-20 08:40:00"),
        order_at: at("2026-11-20 08:40:00"),
        window: Some(window),
        called_at: Some(at(called)),
        recalls,
        served_at: None,
        finished_at: None,
        outcome: None,
        case_id: None,
        transferred: None,
        reinstated: false,
        call_reason: None,
        cases: vec![],
        slips: vec![],
        version: 1,
    }
}

/// A hall of `n` windows at 10:00: window 1 has just called A012 (the newest call), window 2
/// called B003 again (its second call), window 3 is paused for lunch, the last of eight is
/// closed, the others serve a number each.
fn hall(n: usize, lang: Lang) -> Board {
    let windows: Vec<Window> = (1..=n as u16)
        .map(|i| Window {
            number: i,
            name: NAMES[i as usize - 1].into(),
            categories: vec!["SB".into()],
            paused: (i == 3).then(|| "午休".to_string()),
            operator: (n < 8 || i < 8).then(|| format!("clerk{i}")),
        })
        .collect();
    let mut tickets = vec![ticket(1, "A012", 1, "2026-11-20 09:59:50", TicketState::Called, 0)];
    if n >= 2 {
        tickets.push(ticket(2, "B003", 2, "2026-11-20 09:58:30", TicketState::Called, 1));
    }
    for i in 4..=n.min(7) as u16 {
        tickets.push(ticket(i as i64, &format!("C{:03}", 100 + i), i, "2026-11-20 09:40:00", TicketState::Serving, 0));
    }
    tickets.push(ticket(20, "D001", 1, "2026-11-20 09:30:00", TicketState::Done, 0));
    let line = |code: &str, name: &str, prefix, waiting| CategoryLine {
        code: code.into(),
        name: name.into(),
        prefix,
        waiting,
        threshold: 10,
        open_windows: 1,
        median_minutes: 8,
    };
    let lines = vec![line("SB", "社保", 'A', 6), line("YB", "医保", 'B', 3), line("MZ", "民政", 'D', 12)];
    Board {
        view: QueueView { day: "2026-11-20".into(), windows, tickets, lines },
        centre: "幸福里社区党群服务中心".into(),
        now: at("2026-11-20 10:00:00"),
        lang,
    }
}

fn notices() -> Hall {
    Hall {
        notices: vec!["办公时间 8:30-12:00 14:00-17:30".into(), "今日户籍窗口下午不开放".into()], ..Hall::default()
    }
}

/// The screen as text, wide characters once.
fn render(b: &Board, h: &Hall, w: u16, rows: u16) -> (String, ratatui::buffer::Buffer) {
    let mut t = Terminal::new(TestBackend::new(w, rows)).unwrap();
    t.draw(|f| board::draw_hall(f, b, h, &Theme::new(true))).unwrap();
    let buf = t.backend().buffer().clone();
    let mut text = String::new();
    for y in 0..rows {
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            text.push_str(sym);
            x += yichuang::domain::text::display_width(sym).max(1) as u16;
        }
        text.push('\n');
    }
    (text, buf)
}

const SIZES: [(u16, u16); 4] = [(80, 24), (160, 48), (240, 67), (68, 120)];

#[test]
fn board_snapshots_at_every_size_with_1_3_and_8_windows_in_zh_and_en() {
    for (w, h) in SIZES {
        for n in [1, 3, 8] {
            for lang in [Lang::Zh, Lang::En] {
                let (text, _) = render(&hall(n, lang), &notices(), w, h);
                let l = if lang == Lang::Zh { "zh" } else { "en" };
                insta::assert_snapshot!(format!("board_{w}x{h}_{n}w_{l}"), text);
            }
        }
    }
}

fn is_block(sym: &str) -> bool {
    sym.chars().next().is_some_and(|c| ('\u{2580}'..='\u{259F}').contains(&c))
}

/// Each window box's outer rows and the rows inside it that hold digits.
fn boxes(buf: &ratatui::buffer::Buffer) -> Vec<(u16, u16)> {
    let area = buf.area;
    let mut out = vec![];
    for y in 0..area.height {
        for x in 0..area.width {
            if !matches!(buf[(x, y)].symbol(), "┌" | "╔") {
                continue;
            }
            let bottom = (y + 1..area.height).find(|&yy| matches!(buf[(x, yy)].symbol(), "└" | "╚")).unwrap();
            let right = (x + 1..area.width).find(|&xx| matches!(buf[(xx, y)].symbol(), "┐" | "╗")).unwrap();
            let digit_rows =
                (y + 1..bottom).filter(|&yy| (x + 1..right).any(|xx| is_block(buf[(xx, yy)].symbol()))).count();
            out.push((bottom - y + 1, digit_rows as u16));
        }
    }
    out
}

#[test]
fn at_160x48_each_windows_number_fills_at_least_half_of_its_box() {
    for n in [1, 3, 8] {
        for lang in [Lang::Zh, Lang::En] {
            let (text, buf) = render(&hall(n, lang), &notices(), 160, 48);
            // The window boxes with a number in them (the paused one has none; the bottom
            // panels neither).
            let with_digits: Vec<(u16, u16)> = boxes(&buf).into_iter().filter(|b| b.1 > 0).collect();
            let expected = if n == 1 {
                1
            } else if n == 3 {
                2
            } else {
                6
            };
            assert_eq!(with_digits.len(), expected, "{text}");
            for (height, digits) in with_digits {
                assert!(digits * 2 >= height, "digits {digits} rows of a box {height} tall:\n{text}");
            }
        }
    }
}

#[test]
fn the_newest_call_is_marked_and_a_recall_reappears_with_its_count() {
    let b = hall(3, Lang::Zh);
    let (text, buf) = render(&b, &Hall::default(), 160, 48);
    assert_eq!(text.matches("正在叫号").count(), 1, "{text}");
    assert!(text.contains("再次呼叫 · 第2次"), "{text}");
    // The newest (window 1) has the double border, the others a single one.
    assert_eq!(buf.content().iter().filter(|c| c.symbol() == "╔").count(), 1, "{text}");
    let en = render(&hall(3, Lang::En), &Hall::default(), 160, 48).0;
    assert!(en.contains("Now calling") && en.contains("Calling again · call 2"), "{en}");
    // A few seconds after a call the box flashes: reversed half of each second.
    let mut flash = hall(3, Lang::Zh);
    flash.now = at("2026-11-20 09:59:51");
    assert!(board::animating(&flash.view, flash.now));
    let (_, buf) = render(&flash, &Hall::default(), 160, 48);
    let reversed = buf.content().iter().filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED)).count();
    assert!(reversed > 100, "the newest box flashes ({reversed} reversed cells)");
    assert!(!board::animating(&b.view, b.now), "ten seconds on, the flash is over");
}

#[test]
fn the_state_of_each_window_is_legible() {
    let (text, _) = render(&hall(8, Lang::Zh), &notices(), 160, 48);
    assert!(text.contains("暂停服务") && text.contains("午休"), "{text}");
    assert!(text.contains("未开放") && text.contains("8号窗口 党建窗口"), "{text}");
    let (text, _) = render(&hall(8, Lang::En), &notices(), 80, 24);
    assert!(text.contains("Paused") && text.contains("Not open"), "{text}");
}

#[test]
fn last_called_lines_never_split_a_ticket_from_its_window() {
    for (w, h) in SIZES.into_iter().chain([(60, 20), (44, 16)]) {
        for lang in [Lang::Zh, Lang::En] {
            let b = hall(8, lang);
            let (text, _) = render(&b, &notices(), w, h);
            for (i, t) in board::recent(&b.view.tickets).iter().enumerate() {
                let piece = format!("{}→{}", t.number, yichuang::i18n::window(lang, t.window.unwrap()));
                // The first always shows; a later one whole on a line of its own, or not at all.
                let whole = text.contains(&piece);
                assert!(whole || (i > 0 && !text.contains(&format!("{}→", t.number))), "{piece} at {w}x{h}:\n{text}");
            }
        }
    }
}

#[test]
fn the_notices_rotate_and_the_status_line_says_what_the_voice_is_doing() {
    let mut b = hall(3, Lang::Zh);
    let h = notices();
    let first = render(&b, &h, 120, 36).0;
    b.now += chrono::Duration::seconds(board::NOTICE_SECONDS);
    let second = render(&b, &h, 120, 36).0;
    assert!(first.contains(&h.notices[0]) != second.contains(&h.notices[0]), "{first}\n{second}");
    assert!(first.contains(&h.notices[1]) || second.contains(&h.notices[1]));
    let off = Hall { voice: Voice::Off, ..notices() };
    assert!(render(&b, &off, 120, 36).0.contains("语音播报已关闭"));
    let failed = Hall { voice: Voice::Failed("sh: 1: say: not found".into()), ..notices() };
    assert!(render(&b, &failed, 120, 36).0.contains("语音播报失败：sh: 1: say: not found"));
    let offline = Hall { offline: true, ..notices() };
    assert!(render(&b, &offline, 120, 36).0.contains("数据库暂时无法访问，正在重新连接"));
}

// ---- The voice, through the real database and a recording script ----

struct Centre {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
    db: yichuang::storage::Db,
}

/// A centre with wangfang at window 1 and liqiang at window 2, at 10:00.
fn centre() -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hall.sqlite3");
    let (mut db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
    for (l, name, role, window) in yichuang::setup::DEMO_STAFF {
        db.add_operator("root", l, name, *role, *window).unwrap();
    }
    db.set_clock(clock("2026-11-20T10:00:00+08:00"));
    db.set_window("root", 2, "综合窗口", &["SB".to_string()]).unwrap();
    db.sign_in("wangfang", 1).unwrap();
    db.sign_in("liqiang", 2).unwrap();
    Centre { dir, path, db }
}

/// A script that logs the start and end of each saying, taking 200 ms to say it.
fn recorder(dir: &std::path::Path) -> (String, std::path::PathBuf) {
    let log = dir.join("said.log");
    let script = dir.join("say.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ntext=$(cat)\necho \"start $text\" >> {0}\nsleep 0.2\necho \"end $text\" >> {0}\n",
            log.display()
        ),
    )
    .unwrap();
    (format!("sh {}", script.display()), log)
}

/// Polls the hall (as the board does) until `lines` lines are logged or `secs` pass.
fn run_for(
    rt: &tokio::runtime::Runtime,
    hall: &mut Hallway,
    log: &std::path::Path,
    lines: usize,
    secs: f64,
) -> Vec<String> {
    rt.block_on(async {
        let until = Instant::now() + Duration::from_secs_f64(secs);
        loop {
            hall.poll(at("2026-11-20 10:00:00"));
            let got: Vec<String> =
                std::fs::read_to_string(log).unwrap_or_default().lines().map(str::to_string).collect();
            if got.len() >= lines || Instant::now() > until {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
}

fn run_until(rt: &tokio::runtime::Runtime, hall: &mut Hallway, log: &std::path::Path, lines: usize) -> Vec<String> {
    run_for(rt, hall, log, lines, 10.0)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

#[test]
fn a_call_and_a_recall_are_said_twice_in_order_and_two_calls_at_once_never_overlap() {
    let mut c = centre();
    let (cmd, log) = recorder(c.dir.path());
    let rt = runtime();
    let _g = rt.enter();
    let voice = Announcer::spawn(cmd, Lang::Zh, Duration::from_secs(10));
    let mut hall = Hallway::open(c.path.clone(), clock("2026-11-20T10:00:00+08:00"), Lang::Zh, Some(voice)).unwrap();
    let a = c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    let (called, _) = c.db.call_next("wangfang").unwrap();
    assert_eq!(called.number, a.ticket.number);
    let said = run_until(&rt, &mut hall, &log, 4);
    let text = format!("请 {} 号 到 1 号窗口 办理", yichuang::domain::announce::spell(&called.number));
    assert_eq!(
        said,
        vec![format!("start {text}"), format!("end {text}"), format!("start {text}"), format!("end {text}")]
    );
    assert_eq!(text, "请 A 0 0 1 号 到 1 号窗口 办理");

    // A recall is said again, twice.
    std::fs::remove_file(&log).unwrap();
    c.db.recall("wangfang", called.id, called.version).unwrap();
    let said = run_until(&rt, &mut hall, &log, 4);
    assert_eq!(said.iter().filter(|l| **l == format!("start {text}")).count(), 2, "{said:?}");

    // Two windows call at the same moment: one announcement after the other, each twice.
    std::fs::remove_file(&log).unwrap();
    c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    let again = c.db.queue_view().unwrap().tickets.into_iter().find(|t| t.id == called.id).unwrap();
    c.db.start_serving("wangfang", again.id, again.version).unwrap();
    let served = c.db.queue_view().unwrap().tickets.into_iter().find(|t| t.id == called.id).unwrap();
    c.db.finish("wangfang", served.id, served.version, yichuang::domain::queue::Outcome::Consultation).unwrap();
    let (one, _) = c.db.call_next("wangfang").unwrap();
    let (two, _) = c.db.call_next("liqiang").unwrap();
    let said = run_until(&rt, &mut hall, &log, 8);
    let t1 = yichuang::domain::announce::text(Lang::Zh, &one.number, 1);
    let t2 = yichuang::domain::announce::text(Lang::Zh, &two.number, 2);
    let expected: Vec<String> =
        [&t1, &t1, &t2, &t2].iter().flat_map(|t| [format!("start {t}"), format!("end {t}")]).collect();
    assert_eq!(said, expected, "in order of the calls, each said to its end before the next starts");
}

#[test]
fn without_a_command_the_board_keeps_working_and_says_voice_is_off() {
    let mut c = centre();
    let mut hall = Hallway::open(c.path.clone(), clock("2026-11-20T10:00:00+08:00"), Lang::Zh, None).unwrap();
    c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    c.db.call_next("wangfang").unwrap();
    assert!(hall.poll(at("2026-11-20 10:00:00")));
    let (b, h) = hall.board(at("2026-11-20 10:00:00"));
    assert_eq!(h.voice, Voice::Off);
    let (text, _) = render(&b, &h, 120, 36);
    assert!(text.contains("语音播报已关闭") && text.contains("A001→1号窗口"), "{text}");
}

#[test]
fn a_failing_command_is_shown_on_the_status_line_and_the_board_goes_on() {
    let mut c = centre();
    let rt = runtime();
    let _g = rt.enter();
    let voice = Announcer::spawn("no-such-speaker-xyz".into(), Lang::Zh, Duration::from_secs(5));
    let mut hall = Hallway::open(c.path.clone(), clock("2026-11-20T10:00:00+08:00"), Lang::Zh, Some(voice)).unwrap();
    c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    c.db.call_next("wangfang").unwrap();
    let now = at("2026-11-20 10:00:00");
    let voice = rt.block_on(async {
        for _ in 0..100 {
            hall.poll(now);
            if let Voice::Failed(why) = hall.board(now).1.voice {
                return Some(why);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    });
    let why = voice.expect("the failure is reported");
    assert!(why.contains("not found"), "{why}");
    let (b, h) = hall.board(now);
    assert!(render(&b, &h, 120, 36).0.contains("语音播报失败"), "shown on the status line");
}

#[test]
fn voice_off_and_quiet_hours_keep_the_hall_silent() {
    let mut c = centre();
    let (cmd, log) = recorder(c.dir.path());
    let rt = runtime();
    let _g = rt.enter();
    let voice = Announcer::spawn(cmd, Lang::Zh, Duration::from_secs(10));
    let mut hall = Hallway::open(c.path.clone(), clock("2026-11-20T10:00:00+08:00"), Lang::Zh, Some(voice)).unwrap();
    c.db.set_setting("chenjing", yichuang::runtime::board::QUIET, "09:30-10:30").unwrap();
    c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    c.db.call_next("wangfang").unwrap();
    let said = run_for(&rt, &mut hall, &log, 1, 1.5);
    assert!(said.is_empty(), "quiet hours: {said:?}");
    assert_eq!(hall.board(at("2026-11-20 10:00:00")).1.voice, Voice::Quiet);
    c.db.set_setting("chenjing", yichuang::runtime::board::QUIET, "").unwrap();
    c.db.set_setting("chenjing", yichuang::runtime::board::VOICE, "off").unwrap();
    c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    c.db.call_next("liqiang").unwrap();
    let said = run_for(&rt, &mut hall, &log, 1, 1.5);
    assert!(said.is_empty(), "voice off: {said:?}");
    assert_eq!(hall.board(at("2026-11-20 10:00:00")).1.voice, Voice::Off);
}

#[test]
fn espeak_ng_says_the_default_announcement_into_a_wav_file() {
    let Some(cmd) = yichuang::runtime::board::default_command(Lang::Zh) else {
        eprintln!("espeak-ng is not installed here: skipped (.ci/run installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("call.wav");
    let rt = runtime();
    let _g = rt.enter();
    let voice = Announcer::spawn(format!("{cmd} -w {}", wav.display()), Lang::Zh, Duration::from_secs(30));
    voice.say(yichuang::domain::announce::Call {
        number: "A012".into(),
        window: 3,
        recalls: 0,
        at: at("2026-11-20 10:00:00"),
    });
    rt.block_on(async {
        for _ in 0..200 {
            if std::fs::metadata(&wav).is_ok_and(|m| m.len() > 1000) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let len = std::fs::metadata(&wav).map(|m| m.len()).unwrap_or(0);
    assert!(len > 1000, "a WAV of the call: {len} bytes");
    assert_eq!(voice.trouble(), None);
}

#[test]
fn the_board_survives_the_database_moved_away_and_back() {
    let mut c = centre();
    let mut hall = Hallway::open(c.path.clone(), clock("2026-11-20T10:00:00+08:00"), Lang::Zh, None).unwrap();
    let now = at("2026-11-20 10:00:00");
    let away = c.dir.path().join("elsewhere.sqlite3");
    std::fs::rename(&c.path, &away).unwrap();
    assert!(hall.poll(now));
    let (b, h) = hall.board(now);
    assert!(h.offline);
    assert!(render(&b, &h, 120, 36).0.contains("数据库暂时无法访问，正在重新连接"));
    // Still away: no empty database is made in its place.
    assert!(!hall.poll(now));
    assert!(!c.path.exists(), "the board made no file where the database was");
    std::fs::rename(&away, &c.path).unwrap();
    c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    c.db.call_next("wangfang").unwrap();
    assert!(hall.poll(now));
    let (b, h) = hall.board(now);
    assert!(!h.offline);
    assert!(render(&b, &h, 120, 36).0.contains("A001→1号窗口"));
}

#[test]
fn after_a_restart_the_board_shows_the_current_state_at_once_and_says_nothing_old() {
    let mut c = centre();
    c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    c.db.call_next("wangfang").unwrap();
    c.db.set_setting("chenjing", yichuang::runtime::board::NOTICES, "办公时间 8:30-17:30\n带好身份证").unwrap();
    let (cmd, log) = recorder(c.dir.path());
    let rt = runtime();
    let _g = rt.enter();
    let voice = Announcer::spawn(cmd, Lang::Zh, Duration::from_secs(10));
    let mut hall = Hallway::open(c.path.clone(), clock("2026-11-20T10:00:00+08:00"), Lang::Zh, Some(voice)).unwrap();
    let (b, h) = hall.board(at("2026-11-20 10:00:00"));
    assert_eq!(h.notices, vec!["办公时间 8:30-17:30".to_string(), "带好身份证".to_string()]);
    assert!(render(&b, &h, 120, 36).0.contains("A001→1号窗口"), "before the first tick");
    // Something else changes (a number is taken): the call made before the restart is still
    // not said again.
    c.db.take_ticket("wangfang", "SB", None, None).unwrap();
    assert!(run_for(&rt, &mut hall, &log, 1, 1.5).is_empty(), "a call made before the restart is not said again");
}

#[test]
fn supervisors_set_the_boards_notices_voice_and_quiet_hours_and_bad_input_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| common::yichuang(dir.path()).args(args).output().unwrap();
    let text =
        |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(run(&["--demo", "items"]).status.success());
    let o = run(&["--as", "chenjing", "board", "--notices", "办公时间 8:30-17:30", "  ", "带好身份证"]);
    assert!(o.status.success() && text(&o).contains("大厅公告已设置：2 条"), "{}", text(&o));
    let o = run(&["--as", "chenjing", "board", "--quiet", "12-13"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("静音时段写法不对：12-13。请写成 12:00-13:30"), "{}", text(&o));
    let o = run(&["--as", "chenjing", "board", "--quiet", "12:00-13:30"]);
    assert!(o.status.success() && text(&o).contains("静音时段：12:00-13:30"), "{}", text(&o));
    let o = run(&["--as", "wangfang", "board", "--voice", "off"]);
    assert!(!o.status.success(), "a clerk does not silence the hall: {}", text(&o));
    let o = run(&["--as", "chenjing", "board", "--voice", "off"]);
    assert!(o.status.success() && text(&o).contains("语音播报：关"), "{}", text(&o));
    let o = run(&["--as", "chenjing", "board", "--http", "tv:eighty"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("网页地址写法不对：tv:eighty"), "{}", text(&o));
    let db = yichuang::storage::Db::open_existing(&dir.path().join("desk.sqlite3")).unwrap();
    use yichuang::runtime::board::{NOTICES, QUIET, VOICE};
    assert_eq!(db.setting(NOTICES).unwrap().as_deref(), Some("办公时间 8:30-17:30\n带好身份证"));
    assert_eq!(db.setting(QUIET).unwrap().as_deref(), Some("12:00-13:30"));
    assert_eq!(db.setting(VOICE).unwrap().as_deref(), Some("off"));
}
