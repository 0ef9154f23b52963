//! The database worker thread (the UI never waits on SQL) and the change watcher.

use crate::app::queue::QueueOp;
use crate::app::{Effect, Msg};
use crate::domain::case::CaseState;
use crate::domain::lang::Lang;
use crate::domain::operator::{Operator, Permission};
use crate::export::receipt::{self, Paper, ReceiptData};
use crate::storage::{CaseOpError, Db, StorageError, files};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc as std_mpsc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// What the worker needs besides the database: who writes, and where receipts go.
#[derive(Debug, Clone)]
pub struct WorkerContext {
    /// The signed-in operator (writes are checked against the role here, not only in the UI).
    pub operator: Operator,
    /// Command receipts are piped to (`print_command` of the config).
    pub print_command: Option<String>,
    /// Folder receipts are saved in.
    pub receipts_dir: PathBuf,
    /// Receipt printer (48 columns) or A4 page.
    pub paper: Paper,
    /// Rewrites the service account's `authorized_keys` (service-account deployment only), so
    /// that retiring someone on the dashboard takes their keys out of the file too.
    pub keys_file: Option<KeysSync>,
    /// The login really at the keyboard when an admin acts as `operator` with `--as`: every
    /// audit row the session writes says so.
    pub acting: Option<String>,
}

/// Writes the `authorized_keys` block for the keys now active.
pub type WriteKeys = dyn Fn(&[crate::domain::ssh_key::SshKey]) -> Result<(), String> + Send + Sync;

/// A shared [`WriteKeys`], carried by the worker's context.
#[derive(Clone)]
pub struct KeysSync(pub Arc<WriteKeys>);

impl std::fmt::Debug for KeysSync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeysSync")
    }
}

/// A handle to send requests to the worker.
pub struct Worker {
    tx: std_mpsc::Sender<Effect>,
}

impl Worker {
    /// Queues a request; if the worker is gone the request is dropped (the app is quitting).
    pub fn send(&self, e: Effect) {
        let _ = self.tx.send(e);
    }
}

/// Starts the worker on its own connection; answers arrive as messages on `out`.
pub fn spawn(path: PathBuf, out: UnboundedSender<Msg>, ctx: WorkerContext) -> Worker {
    let (tx, rx) = std_mpsc::channel::<Effect>();
    std::thread::spawn(move || {
        let mut db = match Db::open_existing(&path) {
            Ok(db) => db,
            Err(e) => {
                let _ = out.send(Msg::DbFailed(e));
                return;
            }
        };
        db.set_acting(ctx.acting.clone());
        while let Ok(first) = rx.recv() {
            // Several refresh requests in a row need one read each.
            let mut batch = vec![first];
            batch.extend(rx.try_iter());
            let mut seen = Vec::new();
            for e in batch {
                let is_read = matches!(
                    e,
                    Effect::LoadCatalog
                        | Effect::LoadCalendar
                        | Effect::LoadResidents(_)
                        | Effect::LoadCases(_)
                        | Effect::LoadCase(_)
                        | Effect::LoadQueue
                        | Effect::LoadAppointments(..)
                        | Effect::LoadRooms(..)
                        | Effect::LoadMediation
                        | Effect::LoadMediationEvents(_)
                        | Effect::LoadDashboard
                        | Effect::LoadAudit(..)
                        | Effect::LoadMembers(_)
                        | Effect::LoadMemberRecords(_)
                        | Effect::LoadActivities(..)
                        | Effect::LoadActivityRecords(_)
                );
                if is_read {
                    if seen.contains(&e) {
                        continue;
                    }
                    seen.push(e.clone());
                }
                if e == Effect::Quit {
                    return;
                }
                if let Effect::LoadResidents(after) = e
                    && ctx.operator.role.may(Permission::Cases)
                {
                    stream_residents(&db, after, &mut |m| out.send(m).is_ok());
                    continue;
                }
                for msg in handle(&mut db, &ctx, e) {
                    if out.send(msg).is_err() {
                        return;
                    }
                }
            }
        }
    });
    Worker { tx }
}

/// Residents added after row id `after`, a page per message with their search entries
/// prepared here, so the UI thread only appends (at 100,000 residents, reading pinyin takes
/// a second). Always at least one message: the first, even empty, says "loaded".
fn residents_after(db: &Db, after: i64) -> Vec<Msg> {
    let mut out = Vec::new();
    stream_residents(db, after, &mut |m| {
        out.push(m);
        true
    });
    out
}

/// [`residents_after`], each page sent as soon as it is ready (the UI appends a page while the
/// next is read, and never holds them all at once); stops when `send` fails.
fn stream_residents(db: &Db, mut after: i64, send: &mut dyn FnMut(Msg) -> bool) {
    const PAGE: usize = 5000;
    let mut first = true;
    loop {
        match db.residents_page(after, PAGE) {
            Ok(rows) => {
                let full = rows.len() == PAGE;
                after = rows.last().map(|r| r.id).unwrap_or(after);
                if (!rows.is_empty() || first)
                    && !send(Msg::ResidentsLoaded(crate::app::residents::ResidentPage::new(rows)))
                {
                    return;
                }
                first = false;
                if !full {
                    return;
                }
            }
            Err(e) => {
                send(Msg::DbFailed(e));
                return;
            }
        }
    }
}

fn refused(e: CaseOpError, db: &Db, id: i64) -> Msg {
    let fresh = db.case(id).ok().flatten();
    Msg::CaseRefused(e, fresh)
}

/// Carries out one effect on the database and answers with messages (the worker's loop, and
/// tests that drive the app against a real database without a terminal).
pub fn handle(db: &mut Db, ctx: &WorkerContext, e: Effect) -> Vec<Msg> {
    let by = ctx.operator.login.as_str();
    let may_cases = ctx.operator.role.may(Permission::Cases);
    let today = db.clock().now().date_naive();
    let failed = |e: StorageError| vec![Msg::DbFailed(e)];
    let denied = || vec![Msg::Denied];
    match e {
        Effect::LoadCatalog => match (db.service_items(), db.categories()) {
            (Ok(items), Ok(cats)) => vec![Msg::CatalogLoaded(items, cats)],
            (Err(e), _) | (_, Err(e)) => failed(e),
        },
        Effect::LoadCalendar => match (db.calendar(), db.closing_time()) {
            (Ok(c), Ok(t)) => vec![Msg::CalendarLoaded(c, t)],
            (Err(e), _) | (_, Err(e)) => failed(e),
        },
        // Cases name residents: only roles that handle them may read them, whatever asks.
        Effect::LoadCases(_) | Effect::LoadCase(_) if !may_cases => denied(),
        Effect::LoadCases(filter) => match (db.cases(&filter, None, crate::app::cases::PAGE), db.case_counts(today)) {
            (Ok(list), Ok(counts)) => {
                let list = match filter.states.as_slice() {
                    // "Due soon" is a calendar question: keep the running cases due within a working day.
                    [CaseState::Accepted, CaseState::InProgress] if filter.overdue_on.is_none() => {
                        match db.calendar() {
                            Ok(cal) => list
                                .into_iter()
                                .filter(|c| {
                                    c.due.is_some_and(|d| {
                                        crate::domain::case::urgency(&cal, d, today)
                                            == crate::domain::case::Urgency::DueSoon
                                    })
                                })
                                .collect(),
                            Err(e) => return failed(e),
                        }
                    }
                    _ => list,
                };
                vec![Msg::CasesLoaded(list, counts)]
            }
            (Err(e), _) | (_, Err(e)) => failed(e),
        },
        Effect::LoadCase(id) => match (db.case(id), db.case_materials(id), db.case_events(id)) {
            (Ok(Some(c)), Ok(m), Ok(ev)) => vec![Msg::CaseLoaded(c, m, ev)],
            (Ok(None), _, _) => vec![],
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => failed(e),
        },
        Effect::LoadResidents(after) if may_cases => residents_after(db, after),
        Effect::LoadResidents(_) => denied(),
        Effect::LoadQueue => match db.queue_view() {
            Ok(v) => vec![Msg::QueueLoaded(v)],
            Err(e) => failed(e),
        },
        // Anyone may issue a number at the front desk; the rest is for those who serve.
        Effect::Queue(op @ QueueOp::Take(..)) => queue_op(db, by, op),
        Effect::LoadAppointments(day, cat) => {
            // Bookings whose check-in window closed are no-shows by now.
            if may_cases {
                let _ = db.mark_missed_appointments(by);
            }
            match (db.slots(day, &cat), db.appointments(day, Some(&cat))) {
                (Ok(s), Ok(a)) => vec![Msg::AppointmentsLoaded(s, a)],
                (Err(e), _) | (_, Err(e)) => failed(e),
            }
        }
        Effect::LoadRooms(from, to) => match (db.rooms(), db.bookings(&viewer(ctx), from, to)) {
            (Ok(r), Ok(b)) => vec![Msg::RoomsLoaded(r, b)],
            (Err(e), _) | (_, Err(e)) => failed(e),
        },
        Effect::BookRoom { room_id, start, end, purpose, weeks } => {
            // One of my case numbers links the booking to the case.
            let v = viewer(ctx);
            let case = db.mediation_cases(&v).ok().and_then(|l| l.into_iter().find(|c| c.number == purpose.trim()));
            let case_id = case.as_ref().map(|c| c.id);
            if weeks <= 1 {
                let r = db.book_room(&v, room_id, start, end, case_id, &purpose);
                let what = r.map(|b| format!("{}–{} ✓", b.start.format("%m-%d %H:%M"), b.end.format("%H:%M")));
                room_done(db, ctx, start.date(), what)
            } else {
                // A series: each date on its own; the dates that conflict are listed.
                let results = db.book_weekly(&v, room_id, start, end, weeks, case_id, &purpose);
                let dates = |ok: bool| -> Vec<String> {
                    results.iter().filter(|r| r.1.is_ok() == ok).map(|r| r.0.format("%m-%d").to_string()).collect()
                };
                let (booked, failed) = (dates(true), dates(false));
                let what = if failed.is_empty() {
                    format!("✓ {}", booked.join(" "))
                } else {
                    format!("✓ {}  ✗ {}", booked.join(" "), failed.join(" "))
                };
                room_done(db, ctx, start.date(), Ok(what))
            }
        }
        Effect::MoveRoom { id, version, room_id, start, end } => {
            let r = db.move_booking(&viewer(ctx), id, version, room_id, start, end);
            room_done(
                db,
                ctx,
                start.date(),
                r.map(|b| format!("{}–{} ✓", b.start.format("%m-%d %H:%M"), b.end.format("%H:%M"))),
            )
        }
        Effect::CancelRoom(id, version, reason) => {
            let r = db.cancel_booking(&viewer(ctx), id, version, &reason);
            let day = r.as_ref().map(|b| b.start.date()).unwrap_or(today);
            room_done(
                db,
                ctx,
                day,
                r.map(|b| format!("{} ✗ {}", b.start.format("%m-%d %H:%M"), b.cancelled.unwrap_or_default())),
            )
        }
        Effect::LoadMediation => match db.mediation_cases(&viewer(ctx)) {
            Ok(l) => vec![Msg::MediationLoaded(l)],
            Err(_) => vec![],
        },
        Effect::LoadMediationEvents(id) => match db.mediation_case(&viewer(ctx), id) {
            Ok((_, ev)) => vec![Msg::MediationEvents(id, ev, db.case_sessions(&viewer(ctx), id).unwrap_or_default())],
            Err(e) => vec![Msg::MediationRefused(e)],
        },
        Effect::OpenMediation(d, s, summary, parties) => {
            let r = db.open_mediation(&viewer(ctx), d, s, &summary, &parties);
            mediation_done(db, ctx, r)
        }
        Effect::MediationStep(id, v, step, text) => {
            let r = db.mediation_step(&viewer(ctx), id, v, step, &text);
            mediation_done(db, ctx, r)
        }
        Effect::MediationFollowUp(id, v, p, text) => {
            let r = db.mediation_follow_up(&viewer(ctx), id, v, p, &text, None);
            mediation_done(db, ctx, r)
        }
        Effect::Queue(_) | Effect::Book(..) | Effect::CancelAppointment(..) | Effect::CheckIn(_) if !may_cases => {
            denied()
        }
        Effect::Book(day, at, cat, rid) => {
            let r = db_book(db, by, day, at, &cat, rid);
            appointment_done(db, &cat, day, r)
        }
        Effect::CancelAppointment(id, reason) => {
            let r = db.cancel_appointment(by, id, &reason).map(|a| {
                let day = a.day;
                (crate::app::notice::Notice::AppointmentChanged(a.resident_name, a.state), day, a.category)
            });
            match r {
                Ok((n, day, cat)) => appointment_done(db, &cat, day, Ok(n)),
                Err(e) => vec![Msg::QueueRefused(e)],
            }
        }
        Effect::CheckIn(id) => match db.check_in(by, id) {
            Ok((a, issued)) => {
                let n = crate::app::notice::Notice::CheckedIn {
                    name: a.resident_name.clone(),
                    number: issued.ticket.number.clone(),
                    priority: issued.ticket.appointment_at.is_some(),
                };
                let day = a.day;
                let mut out = appointment_done(db, &a.category, day, Ok(n));
                if let Ok(v) = db.queue_view() {
                    out.push(Msg::QueueLoaded(v));
                }
                out
            }
            Err(e) => vec![Msg::QueueRefused(e)],
        },
        Effect::LoadDashboard | Effect::LoadAudit(..) | Effect::WriteReport(..)
            if !ctx.operator.role.may(Permission::Supervise) =>
        {
            denied()
        }
        Effect::WriteReport(monthly, day, lang) => write_report(db, ctx, monthly, day, lang),
        Effect::SetTarget(_) | Effect::Admin(..) if !ctx.operator.role.may(Permission::Supervise) => denied(),
        Effect::Admin(crate::app::audit::AdminCmd::Setting(..), _)
            if !ctx.operator.role.may(Permission::Administer) =>
        {
            denied()
        }
        Effect::Admin(cmd, lang) => vec![Msg::AdminDone(admin(db, by, cmd, lang))],
        Effect::FreeWindow(..) if !ctx.operator.role.may(Permission::Supervise) => denied(),
        Effect::FreeWindow(n, fate) => vec![Msg::WindowFreed(db.free_window(by, n, fate))],
        Effect::SetTarget(t) => {
            use crate::app::audit::Target;
            let set =
                |db: &mut Db, k: &str, v: u32| db.set_setting(by, k, &v.to_string()).map(|_| format!("{k} = {v}"));
            let r = match t {
                Target::WaitMinutes(v) => set(db, crate::domain::report::WAIT_TARGET_KEY, v),
                Target::MemberHours(v) => set(db, crate::storage::TARGET_KEY, v),
                Target::ReportMonths(v) => set(db, crate::storage::REPORT_KEY, v),
                Target::Threshold(cat, v) => match db.set_threshold(by, &cat, v) {
                    Ok(name) => Ok(format!("{name} ≥ {v}")),
                    Err(e) => return vec![Msg::QueueRefused(e)],
                },
            };
            match r {
                // The alarm colours change at once, not only at the next refresh.
                Ok(what) => {
                    let mut out = vec![Msg::QueueDone(crate::app::notice::Notice::TargetSet(what))];
                    out.extend(db.queue_view().ok().map(Msg::QueueLoaded));
                    out
                }
                Err(e) => failed(e),
            }
        }
        Effect::LoadOperators if !ctx.operator.role.may(Permission::Supervise) => denied(),
        Effect::LoadOperators => match db.operators() {
            Ok(ops) => vec![Msg::OperatorsLoaded(ops, None)],
            Err(e) => failed(e),
        },
        Effect::OperatorChange(_) if !ctx.operator.role.may(Permission::Administer) => denied(),
        Effect::OperatorChange(op) => {
            use crate::app::audit::OperatorOp;
            let r = match op {
                OperatorOp::Add(l, n, role, w) => db.add_operator(by, &l, &n, role, w),
                OperatorOp::Set(l, role, w) => db.set_operator(by, &l, role, w),
                OperatorOp::Retire(l) => db.retire_operator(by, &l).inspect(|c| {
                    // Their keys are revoked in the database already; take the lines out too.
                    if let (crate::storage::OperatorChange::Done, Some(KeysSync(sync))) = (c, &ctx.keys_file) {
                        let _ = db.sync_keys(by, &|keys| sync(keys));
                    }
                }),
            };
            match r.and_then(|c| Ok((c, db.operators()?))) {
                Ok((c, ops)) => vec![Msg::OperatorsLoaded(ops, Some(c))],
                Err(e) => failed(e),
            }
        }
        Effect::LoadAudit(f, before) => match db.audit_search(&f, before, crate::app::audit::PAGE) {
            Ok(rows) => vec![Msg::AuditLoaded(f, before, rows)],
            Err(e) => failed(e),
        },
        Effect::LoadDashboard => match (db.case_load(today), db.bookings(&viewer(ctx), today, today), db.operators()) {
            (Ok(clerks), Ok(bookings), Ok(ops)) => vec![Msg::DashboardLoaded(crate::app::Dashboard {
                clerks,
                bookings,
                names: ops.into_iter().map(|o| (o.login, o.name)).collect(),
            })],
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => failed(e),
        },
        Effect::Queue(_) if !may_cases => denied(),
        Effect::Queue(op) => queue_op(db, by, op),
        e @ (Effect::LoadMembers(_)
        | Effect::LoadMemberRecords(_)
        | Effect::LoadActivities(..)
        | Effect::LoadActivityRecords(_)
        | Effect::RegisterMember(_)
        | Effect::AddActivity(_)
        | Effect::MemberCheck { .. }
        | Effect::ManualHours(..)
        | Effect::DeclineRecord(..)
        | Effect::MemberUpdate(..)
        | Effect::RevealMember(_)
        | Effect::Feedback(..)) => super::members::handle(db, ctx, e),
        _ if !may_cases => denied(),
        Effect::RegisterResident(r) => match db.register_resident(by, &r) {
            Ok(reg) => vec![Msg::ResidentRegistered(reg)],
            Err(e) => failed(e),
        },
        Effect::Intake(req) => match db.intake(by, &req) {
            Ok(c) => vec![Msg::IntakeSaved(c)],
            Err(e) => vec![Msg::CaseRefused(e, None)],
        },
        Effect::Transition { id, version, transition, reason } => {
            match db.transition(by, id, version, transition, &reason) {
                Ok(c) => vec![Msg::CaseSaved(c)],
                Err(e) => vec![refused(e, db, id)],
            }
        }
        Effect::Rate { id, version, stars } => match db.rate(by, id, version, stars) {
            Ok(c) => vec![Msg::CaseSaved(c)],
            Err(e) => vec![refused(e, db, id)],
        },
        Effect::FollowUp { id, version, note } => match db.follow_up(by, id, version, &note) {
            Ok(c) => vec![Msg::CaseSaved(c)],
            Err(e) => vec![refused(e, db, id)],
        },
        Effect::Material { id, version, seq, what } => match db.material_event(by, id, version, seq, what) {
            Ok(c) => vec![Msg::CaseSaved(c)],
            Err(e) => vec![refused(e, db, id)],
        },
        Effect::Reveal(r, what) => match db.reveal(by, &r, what) {
            Ok(()) => vec![Msg::Revealed(r.id)],
            Err(e) => failed(e),
        },
        Effect::PrintReceipt(id, lang) => vec![print_receipt(db, ctx, id, lang)],
        Effect::Quit => vec![],
    }
}

fn viewer(ctx: &WorkerContext) -> crate::storage::Viewer {
    crate::storage::Viewer {
        login: ctx.operator.login.clone(),
        supervisor: ctx.operator.role.may(Permission::Supervise),
        mediator: ctx.operator.role.may(Permission::Mediation),
    }
}

fn room_done(
    db: &Db,
    ctx: &WorkerContext,
    day: chrono::NaiveDate,
    r: Result<String, crate::storage::RoomOpError>,
) -> Vec<Msg> {
    let mut out = match r {
        Ok(what) => vec![Msg::QueueDone(crate::app::notice::Notice::RoomChanged(what))],
        Err(e) => vec![Msg::RoomRefused(e)],
    };
    if let (Ok(rooms), Ok(b)) = (db.rooms(), db.bookings(&viewer(ctx), day, day)) {
        out.push(Msg::RoomsLoaded(rooms, b));
    }
    out
}

fn mediation_done(
    db: &Db,
    ctx: &WorkerContext,
    r: Result<crate::domain::mediation::MediationCase, crate::storage::MediationOpError>,
) -> Vec<Msg> {
    let mut out = match r {
        Ok(c) => {
            let id = c.id;
            let mut v = vec![Msg::QueueDone(crate::app::notice::Notice::MediationChanged(c.number, c.state))];
            if let Ok((_, ev)) = db.mediation_case(&viewer(ctx), id) {
                v.push(Msg::MediationEvents(id, ev, db.case_sessions(&viewer(ctx), id).unwrap_or_default()));
            }
            v
        }
        Err(e) => vec![Msg::MediationRefused(e)],
    };
    if let Ok(l) = db.mediation_cases(&viewer(ctx)) {
        out.insert(0, Msg::MediationLoaded(l));
    }
    out
}

fn db_book(
    db: &mut Db,
    by: &str,
    day: chrono::NaiveDate,
    at: chrono::NaiveTime,
    cat: &str,
    rid: i64,
) -> Result<crate::app::notice::Notice, crate::storage::QueueError> {
    db.book(by, day, at, cat, rid).map(|a| crate::app::notice::Notice::AppointmentChanged(a.resident_name, a.state))
}

/// Tells the clerk and reloads the day shown.
fn appointment_done(
    db: &mut Db,
    cat: &str,
    day: chrono::NaiveDate,
    r: Result<crate::app::notice::Notice, crate::storage::QueueError>,
) -> Vec<Msg> {
    let mut out = match r {
        Ok(n) => vec![Msg::QueueDone(n)],
        Err(e) => vec![Msg::QueueRefused(e)],
    };
    if let (Ok(s), Ok(a)) = (db.slots(day, cat), db.appointments(day, Some(cat))) {
        out.push(Msg::AppointmentsLoaded(s, a));
    }
    out
}

/// Does a queue operation; answers with what to tell the clerk, then the fresh queue.
fn queue_op(db: &mut Db, by: &str, op: QueueOp) -> Vec<Msg> {
    use crate::app::notice::Notice;
    let changed = |t: crate::domain::queue::Ticket| Notice::TicketChanged { number: t.number, state: t.state };
    let result: Result<Notice, crate::storage::QueueError> = match op {
        QueueOp::SignIn(n) => db.sign_in(by, n).map(|w| Notice::SignedIn(Some(w.number))),
        QueueOp::SignOut => db.sign_out(by).map(|_| Notice::SignedIn(None)),
        QueueOp::Pause(reason) => {
            db.pause_window(by, reason.as_deref()).map(|w| Notice::WindowPaused(w.paused.is_some()))
        }
        QueueOp::CallNext => db.call_next(by).map(|(t, why)| Notice::Called { number: t.number, why }),
        QueueOp::Call(id, v) => db.call_ticket(by, id, v).map(|t| {
            let why = crate::domain::queue::why(&t);
            Notice::Called { number: t.number, why }
        }),
        QueueOp::Recall(id, v) => db.recall(by, id, v).map(changed),
        QueueOp::Serve(id, v) => db.start_serving(by, id, v).map(changed),
        QueueOp::Park(id, v) => db.park(by, id, v).map(changed),
        QueueOp::CallBack(id, v) => db.call_back(by, id, v).map(changed),
        QueueOp::NoShow(id, v) => db.no_show(by, id, v).map(changed),
        QueueOp::Reinstate(id, v) => db.reinstate(by, id, v).map(changed),
        QueueOp::Transfer(id, v, to) => db.transfer(by, id, v, &to, None).map(changed),
        QueueOp::Finish(id, v, o) => db.finish(by, id, v, o).map(changed),
        QueueOp::Take(what, green) => db.take_ticket(by, &what, green.as_deref(), None).map(|i| Notice::Issued {
            number: i.ticket.number,
            position: i.position,
            wait: i.estimated_wait_min,
        }),
        QueueOp::LinkCase(id, case) => db.link_case(by, id, case).map(|_| Notice::NoTicket),
    };
    let mut out = match result {
        // Linking is silent: the clerk sees the case saved already.
        Ok(Notice::NoTicket) => vec![],
        Ok(n) => vec![Msg::QueueDone(n)],
        Err(e) => vec![Msg::QueueRefused(e)],
    };
    if let Ok(v) = db.queue_view() {
        out.push(Msg::QueueLoaded(v));
    }
    out
}

/// Renders the receipt a case needs now (acceptance, or the one-time notice while materials
/// are missing), saves it, and sends it to the printer when one is configured.
fn print_receipt(db: &Db, ctx: &WorkerContext, id: i64, lang: Lang) -> Msg {
    let gather = || -> Result<Option<(String, &'static str)>, StorageError> {
        let Some(case) = db.case(id)? else { return Ok(None) };
        let materials = db.case_materials(id)?;
        let Some(item) = db.service_items()?.into_iter().find(|i| i.code == case.item_code) else { return Ok(None) };
        let Some(resident) = db.resident(case.resident_id)? else { return Ok(None) };
        let centre = db.setting("centre_name")?.unwrap_or_else(|| "社区党群服务中心".to_string());
        let phone = db.setting("centre_phone")?.unwrap_or_default();
        let clerk = db.operator(&case.operator)?.map(|o| o.name).unwrap_or_else(|| case.operator.clone());
        let data = ReceiptData {
            centre: &centre,
            case: &case,
            item: &item,
            resident: &resident,
            materials: &materials,
            clerk: &clerk,
            window: ctx.operator.window,
            printed_at: db.clock().now().naive_local(),
            phone: &phone,
        };
        let missing = case.state == CaseState::AwaitingMaterials || case.state == CaseState::NotAccepted;
        Ok(Some(if missing {
            (receipt::notice(lang, ctx.paper, &data), "notice")
        } else {
            (receipt::acceptance(lang, ctx.paper, &data), "receipt")
        }))
    };
    let (text, kind, number) = match gather() {
        Ok(Some((text, kind))) => {
            let number = db.case(id).ok().flatten().map(|c| c.number).unwrap_or_default();
            (text, kind, number)
        }
        Ok(None) => return Msg::CaseRefused(CaseOpError::NotFound, None),
        Err(e) => return Msg::DbFailed(e),
    };
    let path = match receipt::to_file(&text, &ctx.receipts_dir, &number, kind) {
        Ok(p) => p,
        Err((path, e)) => return Msg::ReceiptFailed(files::explain(&path, &e)),
    };
    let printed = match &ctx.print_command {
        Some(cmd) => match receipt::print(&text, cmd) {
            Ok(()) => true,
            Err(e) => return Msg::PrintFailed(e.to_string()),
        },
        None => false,
    };
    Msg::ReceiptDone { path: path.display().to_string(), printed }
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

/// Writes a report as XLSX and CSV next to the receipts (the worker thread keeps the screen live).
fn write_report(db: &mut Db, ctx: &WorkerContext, monthly: bool, day: chrono::NaiveDate, lang: Lang) -> Vec<Msg> {
    use crate::export::report::{Format, render};
    let (from, to) = crate::domain::report::span(monthly, day);
    let report = match db.wait_target_minutes().and_then(|t| db.report(from, to, t)) {
        Ok(r) => r,
        Err(e) => return vec![Msg::DbFailed(e)],
    };
    let dir = ctx.receipts_dir.join("reports");
    let stem = if monthly { format!("月报-{}", from.format("%Y-%m")) } else { format!("日报-{from}") };
    let mut written = Vec::new();
    for (format, ext) in [(Format::Xlsx, "xlsx"), (Format::Csv, "csv")] {
        let path = dir.join(format!("{stem}.{ext}"));
        let bytes = match render(lang, &report, format) {
            Ok(b) => b,
            Err(e) => return vec![Msg::PrintFailed(e)],
        };
        if let Err(t) = files::write_file(&path, &bytes) {
            return vec![Msg::ReceiptFailed(t)];
        }
        written.push(path.display().to_string());
    }
    vec![Msg::ReportWritten(written)]
}

/// Carries out an administration command from the dashboard; the words say what happened.
fn admin(db: &mut Db, by: &str, cmd: crate::app::audit::AdminCmd, lang: Lang) -> Result<String, String> {
    use crate::app::audit::AdminCmd;
    let said = |e: StorageError| crate::i18n::storage_error(lang, &e);
    let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    match cmd {
        AdminCmd::Window(n, name, cats) => {
            let known: Vec<String> = db.categories().map_err(said)?.into_iter().map(|c| c.code).collect();
            if let Some(bad) = cats.iter().find(|c| !known.contains(c)) {
                return Err(format!("{bad} ∉ {}", known.join(",")));
            }
            db.set_window(by, n, &name, &cats).map_err(said)?;
            Ok(format!("{n} {name} {}", cats.join(",")))
        }
        AdminCmd::RoomAdd(name, cap) => {
            let id = db.add_room(by, &name, cap, t(8, 30), t(17, 30)).map_err(said)?;
            Ok(format!("#{id} {name} ({cap})"))
        }
        AdminCmd::RoomRetire(id) => match db.retire_room(by, id).map_err(said)? {
            true => Ok(format!("#{id} ✗")),
            false => Err(format!("#{id} ?")),
        },
        AdminCmd::Setting(key, value) => {
            db.set_setting(by, &key, &value).map_err(said)?;
            Ok(format!("{key} = {value}"))
        }
        AdminCmd::Item(code, edit) => match db.edit_item(by, &code, &edit).map_err(said)? {
            true => {
                use crate::storage::ItemEdit;
                let what = match edit {
                    ItemEdit::Retired(true) => crate::i18n::pick(lang, "已停用", "retired"),
                    ItemEdit::Retired(false) => crate::i18n::pick(lang, "已恢复", "restored"),
                    ItemEdit::Fee(_) => crate::i18n::pick(lang, "收费已更新", "fee changed"),
                    ItemEdit::Notes(_) => crate::i18n::pick(lang, "备注已更新", "notes changed"),
                    ItemEdit::Department(_) => crate::i18n::pick(lang, "部门已更新", "department changed"),
                };
                Ok(format!("{code} {what}"))
            }
            false => Err(format!("{code} ?")),
        },
        AdminCmd::Calendar(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            let cal = crate::domain::calendar::CalendarFile::parse(&path, &text)
                .map_err(|e| crate::i18n::calendar_error(lang, &e))?;
            let counts = db.import_calendar(by, &path, &cal).map_err(said)?;
            Ok(crate::i18n::cli::imported(lang, "节假日", "Calendar", &path, counts))
        }
    }
}
