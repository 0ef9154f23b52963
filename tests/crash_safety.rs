//! Pulling the plug: a writer is killed (SIGKILL) at random moments, 20 times over one
//! database, and every write it reported as committed must survive, the database must pass
//! `yichuang check`, and no half-done transaction may show (counters match their tickets).
//!
//! The writer is this test binary run again as a child (`child_writer`), so that kills land
//! between library calls and inside transactions rather than in process start-up.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use yichuang::domain::member::{Activity, MemberDraft, Post};
use yichuang::domain::resident::{ResidentDraft, check_char};
use yichuang::storage::{Clock, Db, QueueError, Registered};

const DB_VAR: &str = "YICHUANG_CRASH_DB";
const ROUND_VAR: &str = "YICHUANG_CRASH_ROUND";
const NOW: &str = "2026-11-20T10:00:00+08:00"; // a Friday, a working day
const CATEGORIES: [&str; 4] = ["SB", "YB", "MZ", "LL"];

/// A small deterministic generator, so a failing round can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn clock() -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(NOW).unwrap())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// A valid identity number, unique for each `n` and `area` (residents and members apart).
fn id_number(area: &str, n: u64) -> String {
    let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days((n / 900) as i64);
    let first17 = format!("{area}{}{:03}", birth.format("%Y%m%d"), 100 + n % 900);
    format!("{first17}{}", check_char(&first17).unwrap())
}

/// One line on stdout, flushed, only after the write's commit returned.
fn report(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "committed {line}").unwrap();
    out.flush().unwrap();
}

/// Writes until killed: tickets, residents, bookings, members and their check-ins.
#[test]
#[ignore = "run by crash_safety_under_sigkill as a child process"]
fn child_writer() {
    let Some(path) = std::env::var_os(DB_VAR) else { return };
    let round: u64 = std::env::var(ROUND_VAR).unwrap().parse().unwrap();
    let mut db = Db::open(Path::new(&path)).unwrap();
    db.set_clock(clock());
    let resident_id: i64 = 1;
    let activity_id: i64 = 1;
    let mut rng = Lcg(round.wrapping_mul(0x9e37_79b9) + 7);
    let slots = yichuang::domain::appointment::slot_times();
    // Each round has its own range of identity numbers.
    let mut seq = round * 10_000;
    loop {
        seq += 1;
        match rng.below(5) {
            0 | 1 => {
                let cat = CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
                let green = (rng.below(4) == 0).then_some("80岁");
                let i = db.take_ticket("kiosk", cat, green, None).unwrap();
                report(&format!("ticket {} {}", i.ticket.id, i.ticket.number));
            }
            2 => {
                let d = ResidentDraft {
                    name: format!("居民{seq}"),
                    id_number: id_number("320102", seq),
                    phone: format!("138{:08}", seq),
                    ..Default::default()
                };
                match db.register_resident("root", &d.validate(today()).unwrap()).unwrap() {
                    Registered::New(r) => report(&format!("resident {} {}", r.id, r.id_number)),
                    Registered::Existing(r) => panic!("{} was registered twice", r.id_number),
                }
            }
            3 => {
                // Next week, Monday to Friday: three places a slot (three windows).
                let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() + chrono::Duration::days(rng.below(5) as i64);
                let at = slots[rng.below(slots.len() as u64) as usize];
                let cat = CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
                match db.book("wangfang", day, at, cat, resident_id) {
                    Ok(a) => report(&format!("booking {} {} {} {cat}", a.id, a.day, a.at.format("%H:%M"))),
                    Err(QueueError::Booking(yichuang::domain::appointment::BookingError::Full)) => {}
                    Err(e) => panic!("booking refused: {e:?}"),
                }
            }
            _ => {
                let d = MemberDraft {
                    name: format!("党员{seq}"),
                    id_number: id_number("320103", seq),
                    phone: format!("139{:08}", seq),
                    unit: "区税务局".into(),
                    ..Default::default()
                };
                let m = db.register_member("root", &d.validate(today()).unwrap()).unwrap();
                report(&format!("member {} {}", m.id, m.id_number));
                let now = clock().now().naive_local();
                db.member_check_in("zhaolei", m.id, activity_id, now).unwrap();
                report(&format!("checkin {} {activity_id}", m.id));
            }
        }
    }
}

fn setup(path: &Path) {
    let (mut db, _) = yichuang::setup::open_or_init(path, &yichuang::setup::os_login().unwrap()).unwrap();
    db.set_clock(clock());
    let role = yichuang::domain::operator::Role::Clerk;
    db.add_operator("root", "wangfang", "王芳", role, Some(1)).unwrap();
    db.add_operator("root", "zhaolei", "赵磊", yichuang::domain::operator::Role::MemberDesk, None).unwrap();
    let d = ResidentDraft { name: "张秀英".into(), id_number: id_number("320101", 1), ..Default::default() };
    let Registered::New(r) = db.register_resident("root", &d.validate(today()).unwrap()).unwrap() else {
        panic!("fresh database")
    };
    assert_eq!(r.id, 1);
    let at = |h| NaiveDateTime::new(today(), NaiveTime::from_hms_opt(h, 0, 0).unwrap());
    let a = db
        .add_activity(
            "root",
            &Activity {
                id: 0,
                title: "环境整治".into(),
                category: Post::Governance,
                organiser: "社区党委".into(),
                place: "幸福里小区".into(),
                start: at(9),
                end: at(17),
                capacity: 1_000_000,
                rate: 2,
                needs: String::new(),
            },
        )
        .unwrap();
    assert_eq!(a.id, 1);
}

/// Starts the writer, kills it at a random moment, and returns the writes it reported.
fn killed_writer(path: &Path, round: u64, rng: &mut Lcg) -> Vec<String> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_writer", "--ignored", "--nocapture", "--test-threads=1"])
        .env(DB_VAR, path)
        .env(ROUND_VAR, round.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(w) = line.strip_prefix("committed ") {
                let _ = tx.send(w.to_string());
            }
        }
    });
    // Half the rounds kill after a while, half after some number of writes: the first
    // catches start-up and opening, the second lands among the writes.
    let started = Instant::now();
    let mut seen = Vec::new();
    if round.is_multiple_of(2) {
        let wait = Duration::from_millis(20 + rng.below(281));
        while let Some(left) = wait.checked_sub(started.elapsed()) {
            match rx.recv_timeout(left) {
                Ok(w) => seen.push(w),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    } else {
        let n = 1 + rng.below(150) as usize;
        while seen.len() < n {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(w) => seen.push(w),
                Err(_) => break,
            }
        }
        // Let it get a little way into the next write, by a varying amount.
        let spin = Instant::now() + Duration::from_micros(rng.below(3000));
        while Instant::now() < spin {
            std::hint::spin_loop();
        }
    }
    let alive = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(alive, "the writer died on its own before the kill ({status}):\n{stderr}");
    seen.extend(rx.try_iter());
    seen
}

fn check(path: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .arg("--db")
        .arg(path)
        .arg("check")
        .env_remove("YICHUANG_DB")
        .env("XDG_CONFIG_HOME", path.parent().unwrap().join("config"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "check failed after a kill:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every reported write is there, exactly as reported.
fn verify(path: &Path, writes: &[String]) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let one = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Option<String> {
        use rusqlite::OptionalExtension;
        conn.query_row(sql, p, |r| r.get::<_, String>(0)).optional().unwrap()
    };
    for w in writes {
        let f: Vec<&str> = w.split(' ').collect();
        let id: i64 = f[1].parse().unwrap();
        let (found, want) = match f[0] {
            "ticket" => (one("SELECT number FROM queue_tickets WHERE id = ?1", &[&id]), f[2].to_string()),
            "resident" => (one("SELECT id_number FROM residents WHERE id = ?1", &[&id]), f[2].to_string()),
            "member" => (one("SELECT id_number FROM party_members WHERE id = ?1", &[&id]), f[2].to_string()),
            "booking" => (
                one("SELECT day || ' ' || at || ' ' || category FROM appointments WHERE id = ?1", &[&id]),
                f[2..].join(" "),
            ),
            "checkin" => (
                one(
                    "SELECT CAST(activity_id AS TEXT) FROM service_records WHERE member_id = ?1 AND end_at IS NULL",
                    &[&id],
                ),
                f[2].to_string(),
            ),
            other => panic!("unknown write {other}"),
        };
        assert_eq!(found.as_deref(), Some(want.as_str()), "reported write lost: {w}");
        if f[0] == "ticket" {
            let audited =
                one("SELECT action FROM audit_log WHERE entity = 'ticket' AND entity_id = ?1", &[&f[1].to_string()]);
            assert_eq!(audited.as_deref(), Some("ticket.take"), "ticket {id} has no audit row");
        }
    }
    // A counter is bumped in the same transaction as its ticket is inserted: a kill between
    // the two would leave a gap or a repeat here.
    let mut stmt = conn
        .prepare(
            "SELECT c.name, c.value, (SELECT count(*) FROM queue_tickets t WHERE 'ticket:' || t.issued_category = c.name
                 AND t.day = c.day), (SELECT max(seq) FROM queue_tickets t WHERE 'ticket:' || t.issued_category = c.name
                 AND t.day = c.day)
             FROM counters c WHERE c.name LIKE 'ticket:%'",
        )
        .unwrap();
    let rows: Vec<(String, i64, i64, Option<i64>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (name, value, count, max) in rows {
        assert_eq!((count, max), (value, Some(value)), "counter {name} out of step with its tickets");
    }
    // Each member is registered and checked in by two writes; nothing else writes them.
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM service_records r LEFT JOIN party_members m ON m.id = r.member_id WHERE m.id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}

#[test]
fn crash_safety_under_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("crash.sqlite3");
    setup(&path);
    let mut rng = Lcg(20261120);
    let mut all = Vec::new();
    let mut kinds: HashMap<String, usize> = HashMap::new();
    for round in 0..20 {
        let writes = killed_writer(&path, round, &mut rng);
        check(&path);
        verify(&path, &writes);
        for w in &writes {
            *kinds.entry(w.split(' ').next().unwrap().to_string()).or_default() += 1;
        }
        all.extend(writes);
    }
    // Earlier rounds' writes must survive later rounds' kills and recoveries too.
    verify(&path, &all);
    eprintln!("{} reported writes survived 20 kills: {kinds:?}", all.len());
    for kind in ["ticket", "resident", "booking", "member", "checkin"] {
        assert!(kinds.get(kind).copied().unwrap_or(0) > 0, "no {kind} written: {kinds:?}");
    }
}
