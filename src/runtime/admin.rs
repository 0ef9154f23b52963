//! The worker's part for supervisors and admins: dashboard, audit trail, operators, targets,
//! administration commands and reports.

use super::context::{Answer, KeysSync, WorkerContext, failed};
use super::jobs::Job;
use crate::app::Msg;
use crate::app::audit::{OperatorOp, Target};
use crate::app::notice::Notice;
use crate::domain::lang::Lang;
use crate::i18n::words::runtime_admin::{W, say};
use crate::storage::{AuditFilter, Db, OperatorChange, StorageError};

/// The dashboard's own figures: each clerk's load, today's bookings, the operators' names.
pub fn dashboard(db: &Db, ctx: &WorkerContext) -> Vec<Msg> {
    match dashboard_figures(db, &ctx.viewer()) {
        Ok(d) => vec![Msg::DashboardLoaded(d)],
        Err(e) => failed(e),
    }
}

/// The dashboard's figures as `viewer` may see them (the street view reads a centre's copy
/// through this too).
pub fn dashboard_figures(db: &Db, viewer: &crate::storage::Viewer) -> Result<crate::app::Dashboard, StorageError> {
    let today = db.clock().now().date_naive();
    Ok(crate::app::Dashboard {
        clerks: db.case_load(today)?,
        bookings: db.bookings(viewer, today, today)?,
        names: db.operators()?.into_iter().map(|o| (o.login, o.name)).collect(),
        gaps: db.calendar_gaps(today)?,
        yardstick: db.yardstick(today)?,
        requests: db.request_counts(db.clock().now().naive_local())?,
        replica_beat: db.replica_heartbeat()?.map(|h| h.at.naive_local()),
    })
}

/// A page of the audit trail older than `before`.
pub fn audit(db: &Db, f: AuditFilter, before: Option<i64>) -> Vec<Msg> {
    // The action words of both languages find their codes; the filter handed back stays the one asked.
    let mut wide = f.clone();
    if let Some(a) = &f.action {
        wide.action_codes = crate::i18n::words::audit_actions::matching(a);
    }
    match db.audit_search(&wide, before, crate::app::audit::PAGE) {
        Ok(rows) => vec![Msg::AuditLoaded(f, before, rows)],
        Err(e) => failed(e),
    }
}

/// The operators.
pub fn operators(db: &Db) -> Vec<Msg> {
    match db.operators() {
        Ok(ops) => vec![Msg::OperatorsLoaded(ops, None)],
        Err(e) => failed(e),
    }
}

/// Adds, changes or retires an operator; a retired operator's keys leave `authorized_keys`.
pub fn operator_change(db: &mut Db, ctx: &WorkerContext, op: OperatorOp) -> Vec<Msg> {
    let by = ctx.by();
    let r = match op {
        OperatorOp::Add(l, n, role, w) => db.add_operator(by, &l, &n, role, w),
        OperatorOp::Set(l, role, w) => db.set_operator(by, &l, role, w),
        OperatorOp::Retire(l) => db.retire_operator(by, &l).inspect(|c| {
            // Their keys are revoked in the database already; take the lines out too.
            if let (OperatorChange::Done, Some(KeysSync(sync))) = (c, &ctx.keys_file) {
                let _ = db.sync_keys(by, &|keys| sync(keys));
            }
        }),
    };
    match r.and_then(|c| Ok((c, db.operators()?))) {
        Ok((c, ops)) => vec![Msg::OperatorsLoaded(ops, Some(c))],
        Err(e) => failed(e),
    }
}

/// Sets a target or a threshold; the queue comes along so alarm colours change at once.
pub fn set_target(db: &mut Db, by: &str, t: Target) -> Vec<Msg> {
    let set = |db: &mut Db, k: &str, v: u32| db.set_setting(by, k, &v.to_string()).map(|_| format!("{k} = {v}"));
    let r = match t {
        Target::WaitMinutes(v) => set(db, crate::domain::report::WAIT_TARGET_KEY, v),
        Target::MemberHours(v) => set(db, crate::storage::TARGET_KEY, v),
        Target::ReportMonths(v) => set(db, crate::storage::REPORT_KEY, v),
        Target::Threshold(cat, v) => match db.set_threshold(by, &cat, v) {
            Ok(name) => Ok(format!("{name} ≥ {v}")),
            Err(e) => return vec![Msg::QueueRefused(e)],
        },
        Target::AppointmentDays(v) => set(db, crate::domain::config::APPOINTMENT_HORIZON_KEY, v),
        Target::RoomDays(v) => set(db, crate::domain::config::ROOM_HORIZON_KEY, v),
    };
    match r {
        Ok(what) => {
            let mut out = vec![Msg::QueueDone(Notice::TargetSet(what))];
            out.extend(db.queue_view().ok().map(Msg::QueueLoaded));
            out.extend(db.horizons().ok().map(Msg::HorizonsLoaded));
            out
        }
        Err(e) => failed(e),
    }
}

/// Reads a day's (or month's) figures; the job thread writes them as XLSX and CSV next to the
/// receipts.
pub fn report_job(db: &mut Db, ctx: &WorkerContext, monthly: bool, day: chrono::NaiveDate, lang: Lang) -> Answer {
    let (from, to) = crate::domain::report::span(monthly, day);
    let report = match db.wait_target_minutes().and_then(|t| db.report(from, to, t)) {
        Ok(r) => r,
        Err(e) => return failed(e).into(),
    };
    let dir = ctx.receipts_dir.join("reports");
    let stem = if monthly { format!("月报-{}", from.format("%Y-%m")) } else { format!("日报-{from}") };
    // Audited as it is handed to the writer: no audit row, no file.
    let (what, to) = (format!("{from}..{to}"), format!("{}.{{xlsx,csv}}", dir.join(&stem).display()));
    let rows = crate::export::report::row_count(&report);
    let o = crate::storage::Outflow {
        action: crate::storage::REPORT_ACTION,
        what: &what,
        format: "xlsx+csv",
        rows,
        to: &to,
    };
    if let Err(e) = db.note_outflow(ctx.by(), &o) {
        return failed(e).into();
    }
    Job::Report(dir, stem, Box::new(report), lang).into()
}

/// Carries out an administration command from the dashboard; the words say what happened.
pub fn admin(db: &mut Db, by: &str, cmd: crate::app::audit::AdminCmd, lang: Lang) -> Result<String, String> {
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
        AdminCmd::RoomRetire(id) => {
            match db.retire_room(by, id).map_err(|e| crate::i18n::rooms::room_error(lang, &e))? {
                true => Ok(format!("#{id} ✗")),
                false => Err(format!("#{id} ?")),
            }
        }
        AdminCmd::Setting(key, value) => {
            db.set_setting(by, &key, &value).map_err(said)?;
            Ok(format!("{key} = {value}"))
        }
        AdminCmd::Item(code, edit) => match db.edit_item(by, &code, &edit).map_err(said)? {
            true => {
                use crate::storage::ItemEdit;
                let what = match edit {
                    ItemEdit::Retired(true) => say(lang, W::Retired),
                    ItemEdit::Retired(false) => say(lang, W::Restored),
                    ItemEdit::Fee(_) => say(lang, W::FeeChanged),
                    ItemEdit::Notes(_) => say(lang, W::NotesChanged),
                    ItemEdit::Department(_) => say(lang, W::DepartmentChanged),
                };
                Ok(format!("{code} {what}"))
            }
            false => Err(format!("{code} ?")),
        },
        AdminCmd::Import(kind, files, confirmed) => {
            crate::export::people_import::desk_import(db, by, kind, &files, confirmed, lang)
        }
        AdminCmd::ImportUndo(batch) => crate::export::people_import::desk_undo(db, by, batch, lang),
        AdminCmd::Calendar(path, replace) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            let cal = crate::domain::calendar::CalendarFile::parse(&path, &text)
                .map_err(|e| crate::i18n::calendar_error(lang, &e))?;
            let done = db.import_calendar(by, &path, &cal, replace).map_err(said)?;
            // One line per date, case and booking, what needs doing first: the desk shows them
            // in a panel to read (the first line is also the toast).
            Ok(crate::i18n::calendar_import::report_short_first(lang, &path, &done, "replace").join("\n"))
        }
    }
}
