//! The database worker thread (the UI never waits on SQL) and the change watcher. Every
//! request passes the one permission table (`app::required`) before anything else; the areas
//! (cases, queue, rooms, members, admin) do the work; printing and files go to the job thread.

use super::context::Answer;
pub use super::context::{KeysSync, WorkerContext, WriteKeys};
use super::jobs::{Job, Jobs, PRINT_TIMEOUT, QUIT_GRACE};
use super::{admin, cases, log, members, queue, requests, rooms};
use crate::app::requests::RequestOp;
use crate::app::{Effect, EffectKind, Msg, required};
use crate::storage::Db;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;

/// A handle to send requests to the worker.
pub struct Worker {
    tx: std_mpsc::Sender<Effect>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    /// Queues a request; false when the worker is gone (its thread ended or panicked), so the
    /// session can say it can no longer save.
    pub fn send(&self, e: Effect) -> bool {
        self.tx.send(e).is_ok()
    }

    /// Quits: the requests already queued are carried out, the jobs queued are finished (a
    /// print still hanging after a short grace is stopped), then the thread is joined.
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for Worker {
    // Every way out of a session (quit, hang-up, an error, unwinding) keeps what was asked.
    fn drop(&mut self) {
        let _ = self.tx.send(Effect::Quit);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts the worker on its own connection; answers arrive as messages on `out`.
pub fn spawn(path: PathBuf, out: UnboundedSender<Msg>, ctx: WorkerContext) -> Worker {
    spawn_with(path, out, ctx, PRINT_TIMEOUT)
}

/// [`spawn`] with print commands killed after `print_timeout` (tests use a short one).
pub fn spawn_with(path: PathBuf, out: UnboundedSender<Msg>, ctx: WorkerContext, print_timeout: Duration) -> Worker {
    let (tx, rx) = std_mpsc::channel::<Effect>();
    let thread = std::thread::Builder::new()
        .name("yichuang-db".into())
        .spawn(move || {
            let mut farewell = Farewell { out: out.clone(), quit: false };
            // Dropped before the farewell: whoever hears "stopped" finds the queue closed too.
            let rx = rx;
            let mut db = match Db::open_existing(&path) {
                Ok(db) => db,
                Err(e) => {
                    log::failure("open", &Msg::DbFailed(e.clone()));
                    let _ = out.send(Msg::DbFailed(e));
                    return;
                }
            };
            db.set_acting(ctx.acting.clone());
            db.set_clock(ctx.clock);
            let jobs = Jobs::spawn(out.clone(), print_timeout);
            farewell.quit = run(&mut db, &ctx, &rx, &out, &jobs);
            jobs.finish(QUIT_GRACE);
        })
        .ok();
    Worker { tx, thread }
}

/// Tells the app when the worker thread ends without being asked to (a panic, a failed
/// open): from then on the session cannot save, and the status line must say so.
struct Farewell {
    out: UnboundedSender<Msg>,
    quit: bool,
}

impl Drop for Farewell {
    fn drop(&mut self) {
        if !self.quit {
            tracing::error!(panicked = std::thread::panicking(), "database worker stopped");
            let _ = self.out.send(Msg::WorkerStopped);
        }
    }
}

/// The worker's loop; true when it ended because it was asked to quit, false when the app
/// is gone.
fn run(
    db: &mut Db,
    ctx: &WorkerContext,
    rx: &std_mpsc::Receiver<Effect>,
    out: &UnboundedSender<Msg>,
    jobs: &Jobs,
) -> bool {
    while let Ok(first) = rx.recv() {
        // Several refresh requests in a row need one read each.
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        let mut seen = Vec::new();
        for e in batch {
            if is_read(&e) {
                if seen.contains(&e) {
                    continue;
                }
                seen.push(e.clone());
            }
            if e == Effect::Quit {
                return true;
            }
            let mut send = |m: Msg| out.send(m).is_ok();
            if let Some(job) = serve(db, ctx, e, &mut send)
                && !jobs.send(job)
            {
                tracing::error!("job thread gone");
            }
            if out.is_closed() {
                return false;
            }
        }
    }
    // Every handle dropped without Quit: nothing is left to do either.
    true
}

/// Reads whose repeats in one batch are answered once.
fn is_read(e: &Effect) -> bool {
    matches!(
        e,
        Effect::LoadCatalog
            | Effect::LoadCalendar
            | Effect::LoadResidents(..)
            | Effect::LoadCases(_)
            | Effect::MoreCases(..)
            | Effect::LoadCase(_)
            | Effect::LoadQueue
            | Effect::LoadAppointments(..)
            | Effect::LoadRooms(..)
            | Effect::LoadMediation
            | Effect::LoadMediationEvents(_)
            | Effect::LoadDashboard
            | Effect::LoadAudit(..)
            | Effect::LoadMembers(_)
            | Effect::LoadPendingHours
            | Effect::LoadMemberRecords(_)
            | Effect::LoadActivities(..)
            | Effect::LoadActivityRecords(_)
            | Effect::Requests(RequestOp::Page(..) | RequestOp::Events(_) | RequestOp::Candidates(_) | RequestOp::Menu)
    )
}

/// Carries out one effect on the database and answers with messages (the worker's loop, and
/// tests that drive the app against a real database without a terminal). A job the effect
/// leaves (a receipt, a report) is done here too, before returning.
pub fn handle(db: &mut Db, ctx: &WorkerContext, e: Effect) -> Vec<Msg> {
    let mut msgs = Vec::new();
    let job = serve(db, ctx, e, &mut |m| {
        msgs.push(m);
        true
    });
    if let Some(job) = job {
        msgs.push(run_job(job));
    }
    msgs
}

/// Runs a job on this thread, logged as the job thread logs it.
fn run_job(job: Job) -> Msg {
    let (kind, started) = (job.kind(), Instant::now());
    let msg = job.run(PRINT_TIMEOUT, &AtomicBool::new(false));
    log::answered(kind, started.elapsed(), std::slice::from_ref(&msg));
    msg
}

/// The one gate: checks the permission table, then does the effect, sending each message as
/// it is ready; returns the job left for the job thread. Failures and slow effects are logged.
fn serve(db: &mut Db, ctx: &WorkerContext, e: Effect, send: &mut dyn FnMut(Msg) -> bool) -> Option<Job> {
    let kind: &'static str = EffectKind::from(&e).into();
    let started = Instant::now();
    let mut send = |m: Msg| {
        log::failure(kind, &m);
        send(m)
    };
    let job = if !required(&e).met_by(ctx.operator.role) {
        send(Msg::Denied);
        None
    } else if let Effect::LoadResidents(after, since) = e {
        // Pages go out as they are read: the UI appends one while the next is read.
        cases::stream_residents(db, after, since.as_deref(), &mut send);
        None
    } else {
        // What a key changes without asking is recorded, so its undo key can take it back.
        // A recorder that cannot start leaves the change without an undo, never undone.
        let undoable = crate::app::undoable(&e) && db.record_undo().is_ok();
        let Answer { mut msgs, job } = dispatch(db, ctx, e);
        if undoable {
            match db.keep_undo(kind) {
                Ok(true) => msgs.push(Msg::Undoable),
                Ok(false) => {}
                Err(e) => msgs.push(Msg::DbFailed(e)),
            }
        }
        for m in msgs {
            if !send(m) {
                break;
            }
        }
        job
    };
    log::slow(kind, started.elapsed());
    job
}

/// Hands each effect to its area. No wildcard: a new effect must be routed to compile.
fn dispatch(db: &mut Db, ctx: &WorkerContext, e: Effect) -> Answer {
    let by = ctx.by();
    match e {
        Effect::Quit => vec![].into(),
        // The runtime ranks on a thread of its own; one that reaches the worker (tests and
        // benches carry every effect out here) is ranked as that thread would.
        Effect::Rank(job) => vec![Msg::Ranked(Box::new(job.run()))].into(),
        Effect::Undo => vec![undo(db, by)].into(),
        Effect::LoadCatalog => match (db.service_items(), db.categories()) {
            (Ok(items), Ok(cats)) => vec![Msg::CatalogLoaded(items, cats)].into(),
            (Err(e), _) | (_, Err(e)) => vec![Msg::DbFailed(e)].into(),
        },
        Effect::LoadCalendar => match (db.calendar(), db.closing_time(), db.horizons()) {
            (Ok(c), Ok(t), Ok(h)) => vec![Msg::CalendarLoaded(c, t), Msg::HorizonsLoaded(h)].into(),
            (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => vec![Msg::DbFailed(e)].into(),
        },
        // Residents and cases.
        Effect::LoadCases(filter) => cases::load_cases(db, filter).into(),
        Effect::MoreCases(filter, after) => cases::more_cases(db, filter, after).into(),
        Effect::LoadCase(id) => cases::load_case(db, id).into(),
        Effect::LoadResidents(after, since) => cases::residents_after(db, after, since.as_deref()).into(),
        Effect::RegisterResident(r) => cases::register(db, by, &r).into(),
        Effect::EditResident(edit) => cases::edit_resident(db, by, &edit.0, &edit.1).into(),
        Effect::Intake(req) => cases::intake(db, by, ctx.operator.window, &req).into(),
        Effect::Transition { id, version, transition, reason } => {
            let r = db.transition(by, id, version, transition, &reason);
            cases::saved(db, id, r).into()
        }
        Effect::Rate { id, version, stars } => {
            let r = db.rate(by, id, version, stars);
            cases::saved(db, id, r).into()
        }
        Effect::FollowUp { id, version, note } => {
            let r = db.follow_up(by, id, version, &note);
            cases::saved(db, id, r).into()
        }
        Effect::Material { id, version, seq, what } => {
            let r = db.material_event(by, id, version, seq, what);
            cases::saved(db, id, r).into()
        }
        Effect::Reveal(r, what) => cases::reveal(db, by, &r, what).into(),
        Effect::PrintReceipt(id, lang) => cases::receipt_job(db, ctx, id, lang),
        Effect::PrintSlip(code, lang, ticket) => cases::slip_job(db, ctx, &code, lang, ticket),
        // Queue and appointments.
        Effect::LoadQueue => queue::load(db).into(),
        Effect::Queue(op) => queue::op(db, by, op).into(),
        Effect::Requests(op) => requests::op(db, ctx, op),
        Effect::LoadAppointments(day, cat) => queue::load_appointments(db, by, day, &cat).into(),
        Effect::Book(day, at, cat, rid) => queue::book(db, by, day, at, &cat, rid).into(),
        Effect::CancelAppointment(id, reason) => queue::cancel(db, by, id, &reason).into(),
        Effect::CheckIn(id) => queue::check_in(db, by, id).into(),
        // Rooms and mediation.
        Effect::LoadRooms(from, to) => rooms::load(db, ctx, from, to).into(),
        Effect::BookRoom { room_id, start, end, purpose, weeks } => {
            rooms::book(db, ctx, rooms::BookingRequest { room_id, start, end, purpose, weeks }).into()
        }
        Effect::MoveRoom { id, version, room_id, start, end } => {
            rooms::move_to(db, ctx, (id, version), room_id, start, end).into()
        }
        Effect::CancelRoom(id, version, reason) => rooms::cancel(db, ctx, id, version, &reason).into(),
        Effect::EditRoom(id, version, purpose) => rooms::edit(db, ctx, id, version, &purpose).into(),
        Effect::MoveSeries { id, version, room_id, start, end } => {
            rooms::move_series(db, ctx, (id, version), room_id, start, end).into()
        }
        Effect::CancelSeries(id, version, reason) => rooms::cancel_series(db, ctx, id, version, &reason).into(),
        Effect::LoadMediation => rooms::load_mediation(db, ctx).into(),
        Effect::LoadMediationEvents(id) => rooms::load_events(db, ctx, id).into(),
        Effect::OpenMediation(d, s, summary, parties) => {
            let r = db.open_mediation(&ctx.viewer(), d, s, &summary, &parties);
            rooms::mediation_done(db, ctx, r).into()
        }
        Effect::MediationStep(id, v, step, text) => {
            let r = db.mediation_step(&ctx.viewer(), id, v, step, &text);
            rooms::mediation_done(db, ctx, r).into()
        }
        Effect::MediationFollowUp(id, v, p, text) => {
            let r = db.mediation_follow_up(&ctx.viewer(), id, v, p, &text, None);
            rooms::mediation_done(db, ctx, r).into()
        }
        Effect::RevealParties(id) => rooms::reveal_parties(db, ctx, id).into(),
        // Party members.
        Effect::LoadMembers(held) => members::load(db, held).into(),
        Effect::LoadMemberRecords(id) => members::records(db, id).into(),
        Effect::LoadActivities(from, to) => members::activities(db, from, to).into(),
        Effect::LoadActivityRecords(id) => members::activity_records(db, id).into(),
        Effect::RegisterMember(m) => members::register(db, by, &m).into(),
        Effect::AddActivity(a) => members::add_activity(db, by, &a).into(),
        Effect::MemberCheck { member, activity, out } => members::check(db, by, member, activity, out).into(),
        Effect::ManualHours(id, day, half, rate, reason) => {
            members::manual_hours(db, by, (id, day), half, rate, &reason).into()
        }
        Effect::DeclineRecord(id, reason) => members::decline(db, by, id, &reason).into(),
        Effect::LoadPendingHours => members::pending(db).into(),
        Effect::DecideHours(id, reject) => members::decide(db, by, id, reject.as_deref()).into(),
        Effect::MemberUpdate(id, report, status) => members::update(db, by, id, report, status).into(),
        Effect::RevealMember(id) => members::reveal(db, by, id).into(),
        Effect::Feedback(year, quarter, lang) => members::feedback_job(db, ctx, lang, year, quarter),
        // Supervisors and admins.
        Effect::LoadDashboard => admin::dashboard(db, ctx).into(),
        Effect::LoadAudit(f, before) => admin::audit(db, f, before).into(),
        Effect::LoadOperators => admin::operators(db).into(),
        Effect::OperatorChange(op) => admin::operator_change(db, ctx, op).into(),
        Effect::SetTarget(t) => admin::set_target(db, by, t).into(),
        Effect::Admin(cmd, lang) => vec![Msg::AdminDone(admin::admin(db, by, cmd, lang))].into(),
        Effect::FreeWindow(n, fate) => vec![Msg::WindowFreed(db.free_window(by, n, fate))].into(),
        Effect::WriteReport(monthly, day, lang) => admin::report_job(db, ctx, monthly, day, lang),
    }
}

/// Watches `PRAGMA data_version` on a connection of its own and reports every commit made by
/// any other connection (other sessions, and this session's worker).
pub fn watch(path: PathBuf, out: UnboundedSender<Msg>, stop: Arc<AtomicBool>, every: Duration) {
    std::thread::spawn(move || {
        let Ok(db) = Db::open_existing(&path) else { return };
        let mut last = db.data_version().ok();
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(every);
            let now = db.data_version().ok();
            if now.is_some() && now != last {
                last = now;
                if out.send(Msg::DataChanged).is_err() {
                    return;
                }
            }
        }
    });
}

/// Takes back this session's last undoable change.
fn undo(db: &mut Db, by: &str) -> Msg {
    use crate::app::notice::Notice;
    use crate::storage::UndoError;
    match db.undo_last(by) {
        Ok(_) => Msg::Undone(Ok(())),
        Err(UndoError::Nothing) => Msg::Undone(Err(Notice::NothingToUndo)),
        Err(UndoError::ChangedSince) => Msg::Undone(Err(Notice::UndoChangedSince)),
        Err(UndoError::Storage(e)) => Msg::DbFailed(e),
    }
}
