//! Issue 21 end to end, for real: two centres replicate to SeaweedFS's S3 on 127.0.0.1 with
//! Litestream (`yichuang replicate run`); the street view follows both replicas the way the
//! `district` screen does and sees a number taken at a centre; a centre whose replication
//! stops turns stale; a point-in-time restore gives the rows of that moment and a clean
//! `check`; the street's monthly report adds up the centres' own. Skips with one line without
//! `litestream` and `weed` (.ci/run installs them); takes about a minute.

mod common;

use common::replica::{BEAT_WAIT, Centre, S3};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use yichuang::app::street::{CentreRow, age, stale};
use yichuang::domain::lang::Lang;
use yichuang::runtime::district::{Followers, Reading, rows, sources};
use yichuang::storage::Clock;

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn numbers(db: &Path) -> usize {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM queue_tickets", [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

/// The street view's rows until `done` holds of them (or the deadline names what was seen).
fn until(read: impl Fn() -> Vec<CentreRow>, within: Duration, what: &str, done: impl Fn(&[CentreRow]) -> bool) {
    let deadline = Instant::now() + within;
    loop {
        let r = read();
        if done(&r) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {r:?}");
        std::thread::sleep(Duration::from_millis(250));
    }
}

fn waiting(r: &CentreRow) -> u32 {
    r.figures.as_ref().map(|f| f.waiting).unwrap_or(0)
}

fn is_stale(r: &CentreRow, after: Duration) -> bool {
    let now = Clock::shanghai().now();
    r.figures.as_ref().map(|f| stale(age(f.heartbeat, now), after)).unwrap_or(true)
}

#[test]
fn two_centres_replicate_the_street_sees_both_marks_a_stopped_one_and_restores_a_moment() {
    let Some(s3) = S3::start() else { return };
    let a = Centre::replicating(&s3, "幸福社区", "xingfu");
    let mut b = Centre::replicating(&s3, "长乐社区", "changle");
    let street = tempfile::tempdir().unwrap();
    let toml = street.path().join("district.toml");
    let stale_after = Duration::from_secs(12);
    std::fs::write(
        &toml,
        format!(
            "[street]\nname = \"幸福街道\"\ncache = \"{}\"\nstale_after = \"12s\"\n\n\
             [[centre]]\nname = \"幸福社区\"\nreplica = \"{}\"\nendpoint = \"{}\"\nkey_env = \"STREET\"\n\n\
             [[centre]]\nname = \"长乐社区\"\nreplica = \"{}\"\nendpoint = \"{}\"\nkey_env = \"STREET\"\n",
            street.path().join("cache").display(),
            s3.url("xingfu"),
            s3.endpoint,
            s3.url("changle"),
            s3.endpoint
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&toml, std::fs::Permissions::from_mode(0o600)).unwrap();
    // The street office's own keys for the centres' buckets (key_env), as its server would
    // have them. SAFETY: the only test of this binary; nothing else reads the environment yet.
    unsafe {
        std::env::set_var("STREET_ACCESS_KEY_ID", "test");
        std::env::set_var("STREET_SECRET_ACCESS_KEY", "test");
    }

    // The street view follows both replicas, as the `district` screen does.
    let district = yichuang::setup::district::load(&toml).unwrap();
    let mut followers = Followers::default();
    let followed = sources(&district, Lang::Zh, Reading::Follow(&mut followers));
    let read = || rows(&followed, Clock::shanghai(), Lang::Zh);
    until(read, Duration::from_secs(30), "both centres live", |r| r.iter().all(|c| !is_stale(c, stale_after)));

    // A number taken at centre A shows in the street view within seconds.
    let took = a.run(&["queue", "take", "SB"]);
    assert!(took.status.success(), "{}", text(&took));
    let taken = Instant::now();
    until(read, Duration::from_secs(10), "A's number in the street view", |r| waiting(&r[0]) == 1);
    eprintln!("A's number reached the street view in {:?}", taken.elapsed());

    // B's replication stops: B turns stale, A stays live.
    b.stop();
    let stopped = Instant::now();
    until(read, stale_after + BEAT_WAIT * 3, "B marked stale", |r| is_stale(&r[1], stale_after));
    assert!(stopped.elapsed() > stale_after - Duration::from_secs(6), "B went stale before it could have");
    assert!(!is_stale(&read()[0], stale_after), "A is still replicating");

    // A point in time before A's second number: that number absent, the copy checked clean;
    // now: present.
    std::thread::sleep(Duration::from_secs(2));
    let between = Clock::shanghai().now().format("%Y-%m-%dT%H:%M:%S").to_string();
    std::thread::sleep(Duration::from_secs(2));
    let second = a.run(&["queue", "take", "SB"]);
    assert!(second.status.success(), "{}", text(&second));
    until(read, Duration::from_secs(10), "A's second number followed", |r| waiting(&r[0]) == 2);
    let out = tempfile::tempdir().unwrap();
    let before = out.path().join("before.sqlite3");
    let o = s3.restore("xingfu", Some(&between), &before);
    assert!(o.status.success() && text(&o).contains("完好"), "restored and checked clean: {}", text(&o));
    assert_eq!(numbers(&before), 1, "the moment before the second number");
    let now = out.path().join("now.sqlite3");
    let o = s3.restore("xingfu", None, &now);
    assert!(o.status.success() && text(&o).contains("完好"), "{}", text(&o));
    assert_eq!(numbers(&now), 2);

    // The street's monthly report merges both replicas; its totals are the centres' own.
    let report = |args: &[&str]| -> serde_json::Value {
        let mut c = Command::new(env!("CARGO_BIN_EXE_yichuang"));
        s3.env(c.args(args).env_remove("YICHUANG_DB").env_remove("YICHUANG_NOW"));
        let o = c.output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", text(&o));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let issued = |p: &Path| {
        report(&["--db", p.to_str().unwrap(), "report", "monthly", "--format", "json"])["queue"]["total"]["issued"]
            .as_f64()
            .unwrap()
    };
    let (ia, ib) = (issued(&a.db), issued(&b.db));
    assert_eq!((ia, ib), (2.0, 0.0));
    let merged = report(&["district", "--config", toml.to_str().unwrap(), "report", "monthly", "--format", "json"]);
    assert_eq!(merged["centres"], serde_json::json!(["幸福社区", "长乐社区"]));
    let figure = &merged["sections"][0]["figures"][0];
    assert_eq!(figure["values"], serde_json::json!([ia, ib]), "{figure}");
    assert_eq!(figure["total"].as_f64(), Some(ia + ib), "{figure}");
    // `district status` reads the replicas once, on its own: A live, B stale.
    let status = report(&["district", "--config", toml.to_str().unwrap(), "status", "--json"]);
    assert_eq!(status["centres"][0]["stale"], serde_json::json!(false), "{status}");
    assert_eq!(status["centres"][1]["stale"], serde_json::json!(true), "{status}");
    // Centres without members: no hours, printed as 0, never as -0.0.
    assert!(!status.to_string().contains("-0.0"), "{status}");
    drop(followers);
}
