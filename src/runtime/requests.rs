//! The worker's part for the Requests tab: pages of the list, a request's timeline and
//! candidates, the loop's steps and the resident's receipt slip. Storage decides what the
//! reader may see (a complaint's resident) and who may record a step.

use super::context::{Answer, WorkerContext};
use super::jobs::{Job, PaperJob};
use crate::app::Msg;
use crate::app::requests::{RequestMsg, RequestOp};
use crate::domain::operator::Permission;
use crate::model::requests::{Reader, Request, RequestOpError, TakerRef};
use crate::storage::Db;

/// Who reads: supervisors see every complaint's resident.
fn reader(ctx: &WorkerContext) -> Reader {
    Reader { login: ctx.by().to_string(), supervisor: ctx.operator.role.may(Permission::Supervise) }
}

fn refused(e: RequestOpError) -> Answer {
    Msg::Requests(RequestMsg::Refused(e)).into()
}

/// A step's outcome: the request as this reader may see it now, or why not.
fn saved(db: &Db, ctx: &WorkerContext, r: Result<Request, RequestOpError>) -> Answer {
    match r.and_then(|x| db.request(&reader(ctx), x.id).map(|seen| seen.unwrap_or(x))) {
        Ok(x) => Msg::Requests(RequestMsg::Saved(Box::new(x))).into(),
        Err(e) => refused(e),
    }
}

/// Carries out one operation of the Requests tab.
pub fn op(db: &mut Db, ctx: &WorkerContext, op: RequestOp) -> Answer {
    let by = ctx.by().to_string();
    let version = |v: i64| Some(v);
    match op {
        RequestOp::Page(f, after) => match db.request_page(&reader(ctx), &f, after) {
            Ok(rows) => Msg::Requests(RequestMsg::Page(f, after, rows)).into(),
            Err(e) => refused(e),
        },
        RequestOp::Events(id) => match db.request_events(id) {
            Ok(e) => Msg::Requests(RequestMsg::Events(id, e)).into(),
            Err(e) => refused(e),
        },
        RequestOp::Candidates(id) => match db.request_candidates(id) {
            Ok(c) => Msg::Requests(RequestMsg::Candidates(id, c)).into(),
            Err(e) => refused(e),
        },
        RequestOp::Dispatch(id, v, to) => match TakerRef::parse(&to) {
            Some(t) => {
                let r = db.dispatch_request(&by, id, version(v), &t);
                saved(db, ctx, r)
            }
            None => refused(RequestOpError::NoTaker(to)),
        },
        RequestOp::Step(id, v, step, reason) => {
            let r = db.request_step(&by, id, version(v), step, &reason);
            saved(db, ctx, r)
        }
        RequestOp::Done(id, v, half) => {
            let r = db.complete_request(&by, id, version(v), "", half);
            saved(db, ctx, r)
        }
        RequestOp::Rate(id, rating) => {
            let r = db.rate_request(&by, id, rating, "");
            saved(db, ctx, r)
        }
        RequestOp::Escalate(id, dept, days, reason) => {
            let r = db.escalate_request(&by, id, &dept, days, &reason);
            saved(db, ctx, r)
        }
        RequestOp::Add(mut new, visit) => {
            new.photos = match crate::storage::checked_photos(&new.photos) {
                Ok(p) => p,
                Err(e) => return refused(e),
            };
            let r = db.add_request(&by, &new);
            let mut msgs = Vec::new();
            // Taken from a visit's finish menu: the visit ends now, as 登记诉求 (storage
            // decides the outcome from the request linked to the ticket).
            if let (Ok(_), Some(ticket), Some(version)) = (&r, new.ticket_id, visit) {
                let finish =
                    crate::app::queue::QueueOp::Finish(ticket, version, crate::domain::queue::Outcome::Request);
                msgs.extend(super::queue::op(db, &by, finish));
            }
            let mut answer = saved(db, ctx, r);
            msgs.append(&mut answer.msgs);
            answer.msgs = msgs;
            answer
        }
        RequestOp::Receipt(id, lang) => receipt(db, ctx, id, lang),
        RequestOp::Menu => match db.request_services() {
            Ok(m) => Msg::Requests(RequestMsg::Menu(m)).into(),
            Err(e) => refused(e),
        },
    }
}

/// The resident's slip: the request number, what was asked, the deadline when dispatched,
/// where to ask; written beside the database and printed, audited like a case's receipt.
fn receipt(db: &mut Db, ctx: &WorkerContext, id: i64, lang: crate::domain::lang::Lang) -> Answer {
    let r = match db.request(&reader(ctx), id) {
        Ok(Some(r)) => r,
        Ok(None) => return refused(RequestOpError::NotFound),
        Err(e) => return refused(e),
    };
    let gather = || -> crate::storage::Result<(String, String, String)> {
        let centre = db.setting("centre_name")?.unwrap_or_else(|| "社区党群服务中心".to_string());
        let phone = db.setting("centre_phone")?.unwrap_or_default();
        let clerk = db.operator(ctx.by())?.map(|o| o.name).unwrap_or_else(|| ctx.by().to_string());
        Ok((centre, phone, clerk))
    };
    let (centre, phone, clerk) = match gather() {
        Ok(g) => g,
        Err(e) => return refused(RequestOpError::Storage(e)),
    };
    if let Err(e) = db.audit_print_request(ctx.by(), &r) {
        return refused(e);
    }
    let printed_at = db.clock().now().naive_local();
    let slip =
        crate::export::receipt::RequestSlip { centre: &centre, request: &r, clerk: &clerk, phone: &phone, printed_at };
    let text = crate::export::receipt::request_slip(lang, ctx.paper, &slip);
    Job::Paper(Box::new(PaperJob {
        text,
        stem: r.number.clone(),
        kind: "receipt".into(),
        lang,
        dir: ctx.receipts_dir.clone(),
        print: ctx.print_command.clone(),
    }))
    .into()
}
