//! The street screen: its rows at 80×24 and 160×48 in both languages (snapshots), stale and
//! unreadable rows, and Enter/Esc opening a generated centre's dashboard read-only.

mod common;

use chrono::{DateTime, FixedOffset};
use common::text_of as text;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use yichuang::action::Action;
use yichuang::app::street::{CentreRow, Figures, Street, centre_app};
use yichuang::domain::lang::Lang;
use yichuang::keymap::Keymap;
use yichuang::ui::Theme;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn figures(waiting: u32, beat: Option<&str>) -> Figures {
    Figures {
        waiting,
        longest_wait: (waiting > 0).then_some(i64::from(waiting) * 7),
        cases_open: 52,
        cases_overdue: 3,
        requests_open: 47,
        requests_overdue: 22,
        room_bookings: 2,
        room_minutes: 150,
        member_hours: 1677.5,
        member_target_hours: 11800.0,
        heartbeat: beat.map(at),
    }
}

fn street(lang: Lang) -> Street {
    let mut s = Street::new(
        "幸福街道".into(),
        lang,
        Keymap::builtin("default").unwrap(),
        Duration::from_secs(60),
        at("2026-11-20T10:00:00+08:00"),
    );
    let rows = vec![
        CentreRow { name: "东社区".into(), figures: Ok(figures(13, Some("2026-11-20T09:59:57+08:00"))) },
        CentreRow { name: "西社区".into(), figures: Ok(figures(4, Some("2026-11-20T09:58:00+08:00"))) },
        CentreRow { name: "南社区".into(), figures: Ok(figures(0, None)) },
        CentreRow {
            name: "北社区".into(), figures: Err("副本文件不存在：/var/cache/street/北社区.sqlite3".into())
        },
    ];
    s.rows_read(rows, Duration::from_millis(42), at("2026-11-20T10:00:00+08:00"));
    s
}

fn terminal(s: &Street, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| yichuang::ui::screens::street::draw(f, s, &Theme::new(false))).unwrap();
    t
}

#[test]
fn the_street_screen_at_80x24_and_160x48_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        for (w, h) in [(80, 24), (160, 48)] {
            let s = street(lang);
            insta::assert_snapshot!(format!("street_{lang:?}_{w}x{h}"), text(&terminal(&s, w, h)));
        }
    }
}

/// The style of the last cell on row `y` holding the first character of `word` (the
/// replica's age is the row's last column).
fn style_of(t: &Terminal<TestBackend>, y: u16, word: &str) -> ratatui::style::Style {
    let buf = t.backend().buffer();
    let first = word.chars().next().unwrap().to_string();
    (0..buf.area.width).map(|x| &buf[(x, y)]).rfind(|c| c.symbol() == first).map(|c| c.style()).unwrap()
}

#[test]
fn a_stale_or_never_replicated_centre_is_in_the_alarm_colour_and_a_fresh_one_is_not() {
    let s = street(Lang::Zh);
    let t = terminal(&s, 120, 12);
    let screen = text(&t);
    assert!(screen.contains("3 秒前") && screen.contains("2 分钟前") && screen.contains("从未"), "{screen}");
    let alarm = Theme::new(false).error.bg;
    // Rows: title, border, header, then the centres.
    assert_ne!(style_of(&t, 3, "3 秒前").bg, alarm, "a fresh replica in the alarm colour");
    assert_eq!(style_of(&t, 4, "2 分钟前").bg, alarm, "a stale replica not in the alarm colour");
    assert_eq!(style_of(&t, 5, "从未").bg, alarm, "a never-replicated centre not in the alarm colour");
    assert_eq!(style_of(&t, 6, "副本").bg, alarm, "an unreadable copy's reason not in the alarm colour");
}

fn generated_centre(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("c.sqlite3");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .args(["generate", "--residents", "200", "--days", "10", "--now", "2026-11-20T10:00", "--db"])
        .arg(&p)
        .env_remove("YICHUANG_DB")
        .env_remove("YICHUANG_NOW")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    p
}

#[test]
fn enter_opens_the_selected_centres_dashboard_read_only_and_esc_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = generated_centre(dir.path());
    let before = std::fs::read(&path).unwrap();
    let clock = yichuang::storage::Clock::Fixed(at("2026-11-20T10:00:00+08:00"));
    let mut s = street(Lang::Zh);
    s.act(Action::Down);
    s.act(Action::Confirm);
    assert_eq!(s.opened(), Some(1), "Enter did not open the selected centre");
    let loading = text(&terminal(&s, 120, 40));
    assert!(loading.contains("西社区 · 只读") && loading.contains("读取中"), "{loading}");
    let d = yichuang::runtime::district::centre_dashboard(&path, clock, Lang::Zh).unwrap();
    let app = centre_app(
        Lang::Zh,
        s.keymap.clone(),
        "西社区",
        d,
        at("2026-11-20T10:00:00+08:00").naive_local(),
        (120, 39),
        yichuang::i18n::describe,
    );
    s.centre_read(1, app);
    let open = text(&terminal(&s, 120, 40));
    assert!(open.contains("西社区 · 只读"), "{open}");
    assert!(open.contains("窗口") && open.contains("排队"), "the centre's dashboard is not drawn:\n{open}");
    // Keys that would write at a desk do nothing here.
    for a in [Action::FreeWindow, Action::SetTarget, Action::Down, Action::Confirm] {
        s.act(a);
    }
    assert_eq!(s.opened(), Some(1));
    s.act(Action::Back);
    assert_eq!(s.opened(), None, "Esc did not go back to the street");
    assert!(!s.quit);
    let list = text(&terminal(&s, 120, 12));
    assert!(list.contains("东社区") && list.contains("西社区"), "{list}");
    s.act(Action::Back);
    assert!(s.quit, "Esc on the street's list does not leave");
    assert_eq!(std::fs::read(&path).unwrap(), before, "reading the centre changed its file");
}
