//! Nothing blocks the desk: a print command that hangs does not stop the next search or write,
//! and is killed at its timeout; a quit saves what was asked before it; a worker that cannot
//! work says so.

mod common;

use common::desk::Desk;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};
use yichuang::app::queue::QueueOp;
use yichuang::app::{Effect, Msg};
use yichuang::domain::case::{CaseMaterial, Channel, MaterialStatus};
use yichuang::domain::lang::Lang;
use yichuang::domain::resident::ResidentDraft;
use yichuang::runtime::worker::{self, WorkerContext};
use yichuang::storage::{CaseFilter, IntakeRequest, Registered};

const NOW: &str = "2026-11-20T10:20:00+08:00";

/// A clerk's desk with one accepted case; the database's path, the context and the case id.
fn desk_with_case() -> (Desk, PathBuf, WorkerContext, i64) {
    let mut d = Desk::open(NOW);
    let draft = ResidentDraft {
        name: "张秀英".into(),
        id_number: "320124194511230043".into(),
        phone: "13812345678".into(),
        ..Default::default()
    };
    let r = draft.validate(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap();
    let Registered::New(r) = d.db.register_resident("wangfang", &r).unwrap() else { panic!("new") };
    let item = d.db.service_items().unwrap().into_iter().next().unwrap();
    let materials = item.materials.iter().map(|m| CaseMaterial::at_intake(m, MaterialStatus::Presented)).collect();
    let req = IntakeRequest { item_code: item.code, resident_id: r.id, channel: Channel::Window, materials };
    let case = d.db.intake("wangfang", &req).unwrap();
    let path = d.dir.path().join("q.sqlite3");
    let ctx = d.ctx.clone();
    (d, path, ctx, case.id)
}

/// Waits up to `within` for a message that `want` accepts; the messages seen on the way are
/// kept in `seen`.
fn wait_for(
    rx: &mut UnboundedReceiver<Msg>,
    seen: &mut Vec<Msg>,
    within: Duration,
    want: impl Fn(&Msg) -> bool,
) -> Option<Duration> {
    let start = Instant::now();
    if seen.iter().any(&want) {
        return Some(start.elapsed());
    }
    while start.elapsed() < within {
        match rx.try_recv() {
            Ok(m) => {
                let hit = want(&m);
                seen.push(m);
                if hit {
                    return Some(start.elapsed());
                }
            }
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    None
}

fn printed(m: &Msg) -> bool {
    matches!(m, Msg::ReceiptDone { .. } | Msg::PrintFailed(_))
}

#[test]
fn a_print_command_that_hangs_does_not_stop_the_next_search_or_write() {
    let (d, path, mut ctx, case) = desk_with_case();
    ctx.print_command = Some("sleep 60".into());
    let category = d.db.categories().unwrap()[0].code.clone();
    let (tx, mut rx) = unbounded_channel();
    // A long timeout: the print is still hanging while the desk goes on.
    let w = worker::spawn_with(path, tx, ctx, Duration::from_secs(60));
    assert!(w.send(Effect::PrintReceipt(case, Lang::Zh)));
    assert!(w.send(Effect::LoadCases(CaseFilter::default())));
    assert!(w.send(Effect::Queue(QueueOp::Take(category, None))));
    let mut seen = Vec::new();
    let within = Duration::from_secs(3);
    let read = wait_for(&mut rx, &mut seen, within, |m| matches!(m, Msg::CasesLoaded(..)));
    assert!(read.is_some(), "no search answered while printing: {seen:?}");
    let write = wait_for(&mut rx, &mut seen, within, |m| matches!(m, Msg::QueueDone(_)));
    assert!(write.is_some(), "no write answered while printing: {seen:?}");
    assert!(!seen.iter().any(printed), "the print finished already: {seen:?}");
    // Quitting stops the hanging print after a short grace instead of waiting a minute.
    let quit = Instant::now();
    w.stop();
    assert!(quit.elapsed() < Duration::from_secs(10), "quitting took {:?}", quit.elapsed());
    assert!(wait_for(&mut rx, &mut seen, within, printed).is_some(), "{seen:?}");
}

#[test]
fn a_print_command_past_its_timeout_is_killed_and_the_clerk_is_told() {
    let (_d, path, mut ctx, case) = desk_with_case();
    ctx.print_command = Some("sleep 60".into());
    let (tx, mut rx) = unbounded_channel();
    let w = worker::spawn_with(path, tx, ctx, Duration::from_millis(500));
    w.send(Effect::PrintReceipt(case, Lang::Zh));
    let mut seen = Vec::new();
    let took = wait_for(&mut rx, &mut seen, Duration::from_secs(10), printed);
    assert!(took.is_some(), "{seen:?}");
    match seen.last() {
        Some(Msg::PrintFailed(why)) => assert!(why.contains("超时"), "{why}"),
        other => panic!("{other:?}"),
    }
    w.stop();
}

#[test]
fn writes_queued_before_quitting_are_saved_before_the_worker_is_gone() {
    let (d, path, ctx, _) = desk_with_case();
    let category = d.db.categories().unwrap()[0].code.clone();
    let before = d.db.audit_page(None, 1000).unwrap().len();
    let (tx, _rx) = unbounded_channel();
    let w = worker::spawn(path, tx, ctx);
    for _ in 0..30 {
        w.send(Effect::Queue(QueueOp::Take(category.clone(), None)));
    }
    w.stop();
    // Read at once: stop returned only after the worker carried out everything queued.
    let after = d.db.audit_page(None, 1000).unwrap().len();
    assert!(after >= before + 30, "{before} → {after}");
}

#[test]
fn a_worker_that_cannot_open_the_database_says_it_stopped() {
    let (d, _, ctx, _) = desk_with_case();
    let (tx, mut rx) = unbounded_channel();
    let w = worker::spawn(d.dir.path().join("gone/missing.sqlite3"), tx, ctx);
    let mut seen = Vec::new();
    let stopped = wait_for(&mut rx, &mut seen, Duration::from_secs(5), |m| matches!(m, Msg::WorkerStopped));
    assert!(stopped.is_some(), "{seen:?}");
    assert!(matches!(seen.first(), Some(Msg::DbFailed(_))), "{seen:?}");
    // Its queue is gone too: the runtime learns it from the next send.
    assert!(!w.send(Effect::LoadQueue));
}

#[test]
fn a_stopped_worker_shows_in_the_status_line_and_toasts_once() {
    let mut d = Desk::open(NOW);
    yichuang::app::update(&mut d.app, Msg::Resize(120, 30));
    yichuang::app::update(&mut d.app, Msg::WorkerStopped);
    yichuang::app::update(&mut d.app, Msg::WorkerStopped);
    // Late answers (the catalog, a page of cases) do not make the session look healthy again.
    d.run(vec![Effect::LoadCatalog, Effect::LoadCases(CaseFilter::default())]);
    assert!(d.app.cases.loaded);
    assert_eq!(d.app.db, yichuang::app::DbStatus::Stopped);
    let toasts = d.app.toasts.iter().filter(|t| t.notice == yichuang::app::notice::Notice::WorkerStopped).count();
    assert_eq!(toasts, 1);
    let screen = common::screen(&d.app, 120, 30);
    assert!(screen.contains("数据库连接已中断，无法保存"), "{screen}");
}
