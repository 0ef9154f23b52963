//! Eight desks on one database at once, each doing 500 mixed writes as its clerk would:
//! taking numbers, calling the next at its window, booking slots, checking appointments in.
//! Nothing may be duplicated, lost or double-called, no slot overbooked, and no one may be
//! told the database was busy.
//!
//! Each desk is this test binary run again as a child process (`child_desk`), using the
//! library the program itself uses.

use chrono::{DateTime, NaiveDate, NaiveTime};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::process::Command;
use std::time::Instant;
use yichuang::domain::appointment::{BookingError, slot_times};
use yichuang::domain::operator::Role;
use yichuang::domain::resident::{ResidentDraft, check_char};
use yichuang::storage::{Clock, Db, QueueError, Registered, StorageError};

const DB_VAR: &str = "YICHUANG_MIXED_DB";
const DESK_VAR: &str = "YICHUANG_MIXED_DESK";
const POOL_VAR: &str = "YICHUANG_MIXED_POOL";
const DESKS: usize = 8;
const OPS: usize = 500;
/// Friday: the 09:00 and 09:30 appointments can check in now.
const NOW: &str = "2026-11-20T09:10:00+08:00";
/// Monday's slots of these categories are booked by everyone at once.
const BOOKED_DAY: (i32, u32, u32) = (2026, 11, 23);
const BOOKED_CATEGORIES: [&str; 2] = ["SB", "YB"];

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn clock(s: &str) -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(s).unwrap())
}

fn categories() -> Vec<String> {
    let c = yichuang::domain::catalog::Catalog::parse("fixtures/service_items.toml", yichuang::setup::CATALOG).unwrap();
    c.categories.into_iter().map(|c| c.code).collect()
}

fn is_busy(e: &QueueError) -> bool {
    matches!(e, QueueError::Storage(StorageError::Locked))
        || matches!(e, QueueError::Storage(StorageError::Sqlite(m)) if m.contains("locked") || m.contains("busy"))
}

/// One desk: 500 operations, one report line each.
#[test]
#[ignore = "run by eight_desks_mixed_writes as a child process"]
fn child_desk() {
    let Some(path) = std::env::var_os(DB_VAR) else { return };
    let desk: u16 = std::env::var(DESK_VAR).unwrap().parse().unwrap();
    let mut pool: Vec<i64> =
        std::env::var(POOL_VAR).unwrap().split(',').filter(|s| !s.is_empty()).map(|s| s.parse().unwrap()).collect();
    pool.reverse();
    let login = format!("clerk{desk}");
    let mut db = Db::open(Path::new(&path)).unwrap();
    db.set_clock(clock(NOW));
    let cats = categories();
    let slots = slot_times();
    let monday = NaiveDate::from_ymd_opt(BOOKED_DAY.0, BOOKED_DAY.1, BOOKED_DAY.2).unwrap();
    let mut rng = Lcg(1000 + desk as u64);
    let mut lines = Vec::with_capacity(OPS);
    let mut slowest = std::time::Duration::ZERO;
    for _ in 0..OPS {
        let roll = rng.below(100);
        let t0 = Instant::now();
        // Once its appointments are all tried, a desk books instead.
        let roll = if roll >= 80 && pool.is_empty() { 60 + roll % 20 } else { roll };
        let line = if roll < 25 {
            let cat = &cats[rng.below(cats.len() as u64) as usize];
            match db.take_ticket("kiosk", cat, None, None) {
                Ok(i) => format!("ok take {} {}", i.ticket.id, i.ticket.number),
                Err(e) => format!("error take {e:?} busy={}", is_busy(&e)),
            }
        } else if roll < 60 {
            // Each press finishes the number at the window and calls the next, as a caller
            // without a screen does: a window holds one open number.
            match db.call_next_after(&login, Some(yichuang::domain::queue::Previous::Done)) {
                Ok((t, _)) => format!("ok call {} {desk}", t.id),
                Err(QueueError::NobodyWaiting) => "refused call nobody".to_string(),
                Err(e) => format!("error call {e:?} busy={}", is_busy(&e)),
            }
        } else if roll < 80 {
            let at = slots[rng.below(slots.len() as u64) as usize];
            let cat = BOOKED_CATEGORIES[rng.below(2) as usize];
            let resident = 1 + rng.below(DESKS as u64) as i64;
            let key = format!("{}_{cat}", at.format("%H:%M"));
            match db.book(&login, monday, at, cat, resident) {
                Ok(a) => format!("ok book {} {key}", a.id),
                Err(QueueError::Booking(BookingError::Full)) => format!("refused book {key}"),
                Err(e) => format!("error book {e:?} busy={}", is_busy(&e)),
            }
        } else {
            let id = pool.pop().unwrap();
            match db.check_in(&login, id) {
                Ok((_, issued)) => format!("ok checkin {id} {} {}", issued.ticket.id, issued.ticket.number),
                // The other desk given this appointment checked it in first.
                Err(QueueError::Booking(BookingError::NotToday)) => format!("refused checkin {id}"),
                Err(e) => format!("error checkin {e:?} busy={}", is_busy(&e)),
            }
        };
        slowest = slowest.max(t0.elapsed());
        lines.push(line);
    }
    // libtest has printed "test child_desk ... " without a newline.
    println!();
    println!("slowest {}", slowest.as_millis());
    for l in lines {
        println!("{l}");
    }
}

fn resident(n: u64) -> yichuang::domain::resident::Resident {
    let first17 = format!("32010219600101{:03}", 100 + n);
    let d = ResidentDraft {
        name: format!("居民{n}"),
        id_number: format!("{first17}{}", check_char(&first17).unwrap()),
        ..Default::default()
    };
    d.validate(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap()
}

/// Eight windows serving everything, a clerk signed in at each, eight residents, and every
/// place of today's 09:00 and 09:30 slots booked (the appointments the desks check in).
fn setup(path: &Path) -> Vec<i64> {
    let (mut db, _) = yichuang::setup::open_or_init(path, "root").unwrap();
    db.set_clock(clock("2026-11-20T08:00:00+08:00"));
    let cats = categories();
    for n in 1..=DESKS as u16 {
        db.set_window("root", n, "综合窗口", &cats).unwrap();
        db.add_operator("root", &format!("clerk{n}"), "窗口", Role::Clerk, Some(n)).unwrap();
        db.sign_in(&format!("clerk{n}"), n).unwrap();
    }
    for n in 1..=DESKS as u64 {
        assert!(matches!(db.register_resident("root", &resident(n)).unwrap(), Registered::New(r) if r.id == n as i64));
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut pool = Vec::new();
    for at in [(9, 0), (9, 30)] {
        let at = NaiveTime::from_hms_opt(at.0, at.1, 0).unwrap();
        for cat in &cats {
            for k in 0..DESKS as i64 {
                pool.push(db.book("root", today, at, cat, 1 + k).unwrap().id);
            }
        }
    }
    pool
}

#[derive(Default)]
struct Reports {
    takes: Vec<(i64, String)>,
    calls: Vec<(i64, u16)>,
    books: BTreeMap<String, usize>,
    booked: Vec<(i64, String)>,
    full: BTreeMap<String, usize>,
    checkins: Vec<(i64, i64, String)>,
    checkin_refused: Vec<i64>,
    nobody: usize,
    errors: Vec<String>,
}

#[test]
fn eight_desks_mixed_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.sqlite3");
    let pool = setup(&path);
    let started = Instant::now();
    // Each appointment is given to two desks, so that both try to check it in.
    let children: Vec<_> = (1..=DESKS as u16)
        .map(|desk| {
            let mine: Vec<String> = pool
                .iter()
                .enumerate()
                .filter(|(k, _)| k % DESKS == desk as usize - 1 || (k + 1) % DESKS == desk as usize - 1)
                .map(|(_, id)| id.to_string())
                .collect();
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "child_desk", "--ignored", "--nocapture", "--test-threads=1"])
                .env(DB_VAR, &path)
                .env(DESK_VAR, desk.to_string())
                .env(POOL_VAR, mine.join(","))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut r = Reports::default();
    let mut slowest = Vec::new();
    let mut total = 0;
    for child in children {
        let o = child.wait_with_output().unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "a desk failed:\n{out}\n{}", String::from_utf8_lossy(&o.stderr));
        for line in out.lines() {
            let f: Vec<&str> = line.split(' ').collect();
            match f.as_slice() {
                ["slowest", ms] => {
                    slowest.push(ms.parse::<u64>().unwrap());
                    continue;
                }
                ["ok", "take", id, n] => r.takes.push((id.parse().unwrap(), n.to_string())),
                ["ok", "call", id, w] => r.calls.push((id.parse().unwrap(), w.parse().unwrap())),
                ["ok", "book", id, key] => {
                    *r.books.entry(key.to_string()).or_default() += 1;
                    r.booked.push((id.parse().unwrap(), key.to_string()));
                }
                ["refused", "book", key] => *r.full.entry(key.to_string()).or_default() += 1,
                ["ok", "checkin", a, t, n] => r.checkins.push((a.parse().unwrap(), t.parse().unwrap(), n.to_string())),
                ["refused", "checkin", a] => r.checkin_refused.push(a.parse().unwrap()),
                ["refused", "call", "nobody"] => r.nobody += 1,
                ["error", ..] => r.errors.push(line.to_string()),
                _ => continue,
            }
            total += 1;
        }
    }
    eprintln!(
        "{total} operations in {:?}: {} numbers taken, {} called ({} found nobody waiting), {} booked ({} full), \
         {} checked in ({} already in); slowest operation per desk (ms): {slowest:?}",
        started.elapsed(),
        r.takes.len(),
        r.calls.len(),
        r.nobody,
        r.booked.len(),
        r.full.values().sum::<usize>(),
        r.checkins.len(),
        r.checkin_refused.len(),
    );
    assert!(
        r.errors.is_empty(),
        "{} operations failed, e.g.:\n{}",
        r.errors.len(),
        r.errors[..r.errors.len().min(10)].join("\n")
    );
    assert_eq!(total, DESKS * OPS, "every operation reported");

    let conn = rusqlite::Connection::open(&path).unwrap();
    let tickets: HashMap<i64, (String, String, Option<u16>)> = conn
        .prepare("SELECT id, number, state, window FROM queue_tickets WHERE day = '2026-11-20'")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?, row.get(3)?))))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();

    // Numbers: unique, every one reported is stored as reported, and none stored unreported.
    let issued: Vec<(i64, &String)> =
        r.takes.iter().map(|(id, n)| (*id, n)).chain(r.checkins.iter().map(|(_, id, n)| (*id, n))).collect();
    let numbers: HashSet<&String> = issued.iter().map(|(_, n)| *n).collect();
    assert_eq!(numbers.len(), issued.len(), "a number was issued twice");
    for (id, n) in &issued {
        assert_eq!(tickets.get(id).map(|t| &t.0), Some(*n), "ticket {id} {n} lost");
    }
    assert_eq!(tickets.len(), issued.len(), "tickets in the database that nobody was given");
    // No gaps: within a category, the numbers run 1..=n.
    let mut seqs: HashMap<char, Vec<u32>> = HashMap::new();
    for (n, ..) in tickets.values() {
        seqs.entry(n.chars().next().unwrap()).or_default().push(n[1..].parse().unwrap());
    }
    for (prefix, mut s) in seqs {
        s.sort();
        assert!(s.iter().enumerate().all(|(i, n)| *n as usize == i + 1), "{prefix}: numbers skip or repeat");
    }

    // Calls: never the same ticket to two windows, and the database agrees on the window.
    let called: HashSet<i64> = r.calls.iter().map(|(id, _)| *id).collect();
    assert_eq!(called.len(), r.calls.len(), "a ticket was called by two windows");
    for (id, w) in &r.calls {
        let t = &tickets[id];
        assert!(matches!(t.1.as_str(), "called" | "done"), "ticket {id} called by window {w} is {}", t.1);
        assert_eq!(t.2, Some(*w), "ticket {id} as called by window {w}");
    }
    // The last call of each window is still open there, and nothing else is.
    let windows: HashSet<u16> = r.calls.iter().map(|(_, w)| *w).collect();
    let in_db = tickets.values().filter(|t| t.1 == "called").count();
    let mut states: Vec<(Option<u16>, &str)> = tickets.values().map(|t| (t.2, t.1.as_str())).collect();
    states.sort();
    states.dedup();
    assert_eq!(in_db, windows.len(), "one open number per window that called: {windows:?} {states:?}");
    let done = tickets.values().filter(|t| t.1 == "done").count();
    assert_eq!(done + in_db, r.calls.len(), "calls stored that no desk was told about");

    // Bookings: never over capacity (8 windows serve each category), and a booking is
    // refused only when its slot is full.
    let monday: BTreeMap<String, usize> = conn
        .prepare(
            "SELECT at || '_' || category, count(*) FROM appointments WHERE day = '2026-11-23'
             AND state != 'cancelled' GROUP BY 1",
        )
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as usize)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(monday, r.books, "bookings stored differ from bookings reported");
    for (key, n) in &monday {
        assert!(*n <= DESKS, "{key} booked {n} times for {DESKS} places");
    }
    for key in r.books.keys().chain(r.full.keys()) {
        let (ok, full) = (r.books.get(key).copied().unwrap_or(0), r.full.get(key).copied().unwrap_or(0));
        assert_eq!(ok, (ok + full).min(DESKS), "{key}: {ok} booked, {full} refused as full");
    }
    for (id, key) in &r.booked {
        let stored: String = conn
            .query_row("SELECT at || '_' || category FROM appointments WHERE id = ?1", [id], |row| row.get(0))
            .unwrap();
        assert_eq!(&stored, key);
    }

    // Check-ins: each appointment exactly once, by one of the two desks that tried.
    let mut checked: Vec<i64> = r.checkins.iter().map(|(a, ..)| *a).collect();
    checked.sort();
    let mut want = pool.clone();
    want.sort();
    assert_eq!(checked, want, "every appointment checked in exactly once");
    let mut refused = r.checkin_refused.clone();
    refused.sort();
    assert_eq!(refused, want, "the second desk to try each appointment was told it was done");
    for (a, t, _) in &r.checkins {
        let (state, ticket): (String, i64) = conn
            .query_row("SELECT state, ticket_id FROM appointments WHERE id = ?1", [a], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap();
        assert_eq!((state.as_str(), ticket), ("checked_in", *t));
    }

    // Every write left its audit row.
    let audited = |action: &str| -> usize {
        conn.query_row("SELECT count(*) FROM audit_log WHERE action = ?1 AND operator != 'root'", [action], |row| {
            row.get::<_, i64>(0)
        })
        .unwrap() as usize
    };
    assert_eq!(audited("ticket.take"), r.takes.len());
    assert_eq!(audited("ticket.call"), r.calls.len());
    assert_eq!(audited("appointment.book"), r.booked.len());
    assert_eq!(audited("appointment.check_in"), r.checkins.len());
}
