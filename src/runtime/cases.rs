//! The worker's part for residents and cases: reads, intake, changes, reveals and receipts.

use super::context::{Answer, WorkerContext, failed};
use super::jobs::{Job, ReceiptJob, SlipJob};
use crate::app::Msg;
use crate::domain::case::CaseState;
use crate::domain::lang::Lang;
use crate::model::{CASE_PAGE, CaseKey};
use crate::storage::{CaseFilter, CaseOpError, Db, StorageError};

/// The first rows of the cases matching `filter` (a page, or as many as the list shows), how
/// many match in all, and the counts for the status line.
pub fn load_cases(db: &Db, filter: CaseFilter) -> Vec<Msg> {
    let today = db.clock().now().date_naive();
    let rows = filter.rows.max(CASE_PAGE);
    match (db.cases(&filter, None, rows), db.case_count(&filter), db.case_counts(today)) {
        (Ok(list), Ok(total), Ok(counts)) => vec![Msg::CasesLoaded(list, counts, total)],
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => failed(e),
    }
}

/// The page of cases after `after`.
pub fn more_cases(db: &Db, filter: CaseFilter, after: CaseKey) -> Vec<Msg> {
    match db.cases(&filter, Some(after), CASE_PAGE) {
        Ok(list) => vec![Msg::MoreCasesLoaded(list)],
        Err(e) => failed(e),
    }
}

/// One case in full; nothing when it is gone.
pub fn load_case(db: &Db, id: i64) -> Vec<Msg> {
    match (db.case(id), db.case_materials(id), db.case_events(id)) {
        (Ok(Some(c)), Ok(m), Ok(ev)) => vec![Msg::CaseLoaded(c, m, ev)],
        (Ok(None), _, _) => vec![],
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => failed(e),
    }
}

/// Residents added after row id `after`, a page per message with their search entries
/// prepared here, so the UI thread only appends (at 100,000 residents, reading pinyin takes
/// a second); before them, those of the first `after` changed since `since`. Always at least
/// one message: the first page, even empty, says "loaded" and carries the next mark.
pub fn residents_after(db: &Db, after: i64, since: Option<&str>) -> Vec<Msg> {
    let mut out = Vec::new();
    stream_residents(db, after, since, &mut |m| {
        out.push(m);
        true
    });
    out
}

/// [`residents_after`], each page sent as soon as it is ready (the UI appends a page while the
/// next is read, and never holds them all at once); stops when `send` fails.
pub fn stream_residents(db: &Db, mut after: i64, since: Option<&str>, send: &mut dyn FnMut(Msg) -> bool) {
    use crate::app::residents::ResidentPage;
    const PAGE: usize = 5000;
    // Taken before anything is read: whatever commits after this read is at or after it.
    let mut mark = Some(db.residents_mark());
    // A session's first read starts from the shared file when there is one: everyone it holds
    // at once, then only what was registered or written since it was built.
    let from_file;
    let mut since = since;
    if after == 0
        && since.is_none()
        && let Some(shared) = super::residents_file::load(db)
    {
        if !send(Msg::ResidentsLoaded(shared.page.marked(shared.mark.clone()))) {
            return;
        }
        after = shared.last_id;
        from_file = shared.mark;
        since = Some(&from_file);
    }
    if let Some(since) = since {
        // Others' edits of residents held; those after `after` come with the pages below.
        match db.residents_changed(since) {
            Ok(mut rows) => {
                rows.retain(|r| r.id <= after);
                if !rows.is_empty() && !send(Msg::ResidentsLoaded(ResidentPage::changed(rows))) {
                    return;
                }
            }
            Err(e) => {
                send(Msg::DbFailed(e));
                return;
            }
        }
    }
    loop {
        match db.residents_page(after, PAGE) {
            Ok(rows) => {
                let full = rows.len() == PAGE;
                after = rows.last().map(|r| r.id).unwrap_or(after);
                if let Some(m) = mark.take() {
                    // The first page, even empty: it says "loaded", and where the next read starts.
                    if !send(Msg::ResidentsLoaded(ResidentPage::new(rows).marked(m))) {
                        return;
                    }
                } else if !rows.is_empty() && !send(Msg::ResidentsLoaded(ResidentPage::new(rows))) {
                    return;
                }
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

/// Every resident as a session holds them after its first read (the shared file, then what
/// changed since): what `yichuang find` searches, through the same read and index as the desk.
pub fn session_residents(db: &Db) -> Result<crate::app::residents::ResidentsState, crate::storage::StorageError> {
    let mut s = crate::app::residents::ResidentsState::default();
    for m in residents_after(db, 0, None) {
        match m {
            Msg::ResidentsLoaded(p) if p.changed => {
                s.take_changes(&p);
            }
            Msg::ResidentsLoaded(p) => {
                s.append(p);
            }
            Msg::DbFailed(e) => return Err(e),
            _ => {}
        }
    }
    Ok(s)
}

fn refused(e: CaseOpError, db: &Db, id: i64) -> Msg {
    let fresh = db.case(id).ok().flatten();
    Msg::CaseRefused(e, fresh)
}

/// Registers a resident (or finds the one with that ID number).
pub fn register(db: &mut Db, by: &str, r: &crate::domain::resident::Resident) -> Vec<Msg> {
    match db.register_resident(by, r) {
        Ok(reg) => vec![Msg::ResidentRegistered(reg)],
        Err(e) => failed(e),
    }
}

/// Stores a resident's edited record, or says why not.
pub fn edit_resident(
    db: &mut Db,
    by: &str,
    opened: &crate::domain::resident::Resident,
    r: &crate::domain::resident::Resident,
) -> Vec<Msg> {
    match db.update_resident_from(by, Some(opened), r) {
        Ok(r) => vec![Msg::ResidentEdited(r)],
        Err(crate::model::ResidentEditError::Storage(e)) => failed(e),
        Err(e) => vec![Msg::ResidentEditRefused(e)],
    }
}

/// Takes in a case.
pub fn intake(db: &mut Db, by: &str, window: Option<u16>, req: &crate::storage::IntakeRequest) -> Vec<Msg> {
    match db.intake_at(by, window, req) {
        Ok(c) => vec![Msg::IntakeSaved(c)],
        Err(e) => vec![Msg::CaseRefused(e, None)],
    }
}

/// Answers a change of case `id`: the saved case, or the refusal with the case as it is now.
pub fn saved(db: &Db, id: i64, r: Result<crate::domain::case::Case, CaseOpError>) -> Vec<Msg> {
    match r {
        Ok(c) => vec![Msg::CaseSaved(c)],
        Err(e) => vec![refused(e, db, id)],
    }
}

/// Records in the audit trail that a resident's masked fields were shown.
pub fn reveal(
    db: &mut Db,
    by: &str,
    r: &crate::domain::resident::Resident,
    what: crate::storage::Revealed,
) -> Vec<Msg> {
    match db.reveal(by, r, what) {
        Ok(()) => vec![Msg::Revealed(r.id)],
        Err(e) => failed(e),
    }
}

/// Reads what an item's what-to-bring slip shows; with `ticket` (the number being served) the
/// visit is recorded as a consultation first. The slip is printed even if that fails: the
/// resident is at the counter waiting for it.
pub fn slip_job(db: &mut Db, ctx: &WorkerContext, code: &str, lang: Lang, ticket: Option<i64>) -> Answer {
    let mut msgs = Vec::new();
    if let Some(t) = ticket {
        if let Err(e) = db.record_slip(ctx.by(), t, code) {
            msgs.push(Msg::QueueRefused(e));
        }
        if let Ok(v) = db.queue_view() {
            msgs.push(Msg::QueueLoaded(v));
        }
    }
    let gather = || -> Result<Option<SlipJob>, StorageError> {
        let Some(item) = db.service_items()?.into_iter().find(|i| i.code == code) else { return Ok(None) };
        Ok(Some(SlipJob {
            centre: db.setting("centre_name")?.unwrap_or_else(|| "社区党群服务中心".to_string()),
            item,
            clerk: ctx.operator.name.clone(),
            window: ctx.operator.window,
            printed_at: db.clock().now().naive_local(),
            phone: db.setting("centre_phone")?.unwrap_or_default(),
            paper: ctx.paper,
            lang,
            dir: ctx.receipts_dir.clone(),
            print: ctx.print_command.clone(),
        }))
    };
    match gather() {
        Ok(Some(s)) => Answer { msgs, job: Some(Job::Slip(Box::new(s))) },
        Ok(None) => {
            msgs.push(Msg::CaseRefused(CaseOpError::NotFound, None));
            msgs.into()
        }
        Err(e) => {
            msgs.push(Msg::DbFailed(e));
            msgs.into()
        }
    }
}

/// Reads what the receipt a case needs now shows (acceptance, or the one-time notice while
/// materials are missing); the job thread renders, saves and prints it.
pub fn receipt_job(db: &mut Db, ctx: &WorkerContext, id: i64, lang: Lang) -> Answer {
    let mut gather = || -> Result<Option<ReceiptJob>, StorageError> {
        let Some(case) = db.case(id)? else { return Ok(None) };
        let materials = db.case_materials(id)?;
        let Some(item) = db.service_items()?.into_iter().find(|i| i.code == case.item_code) else { return Ok(None) };
        let Some(resident) = db.resident(case.resident_id)? else { return Ok(None) };
        let centre = db.setting("centre_name")?.unwrap_or_else(|| "社区党群服务中心".to_string());
        let phone = db.setting("centre_phone")?.unwrap_or_default();
        let clerk = db.operator(&case.operator)?.map(|o| o.name).unwrap_or_else(|| case.operator.clone());
        let notice = case.state == CaseState::AwaitingMaterials || case.state == CaseState::NotAccepted;
        // The clerk and window that took the case in, whoever prints it again.
        let (first_printed, window) = db.record_print(ctx.by(), id, notice, ctx.operator.window)?;
        let provisional = match (case.accepted_at, case.due) {
            (Some(acc), Some(due)) => db.calendar()?.unconfirmed_years(acc.date(), due),
            _ => Vec::new(),
        };
        Ok(Some(ReceiptJob {
            centre,
            case,
            item,
            resident,
            materials,
            clerk,
            window,
            printed_at: db.clock().now().naive_local(),
            first_printed,
            phone,
            provisional,
            notice,
            paper: ctx.paper,
            lang,
            dir: ctx.receipts_dir.clone(),
            print: ctx.print_command.clone(),
        }))
    };
    match gather() {
        Ok(Some(r)) => Job::Receipt(Box::new(r)).into(),
        Ok(None) => Msg::CaseRefused(CaseOpError::NotFound, None).into(),
        Err(e) => Msg::DbFailed(e).into(),
    }
}
