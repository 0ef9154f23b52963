//! Messages and keys into state changes and effects, screen by screen.

use super::cases::CaseView;
use super::catalog::Focus;
use super::form::{Field, ResidentForm};
use super::intake::{IntakeState, Step};
use super::notice::Notice;
use super::overlay::{Overlay, Palette, Prompt, PromptFor};
use super::queue::QueueOp;
use super::{App, DbStatus, Effect, IntakePreview, Msg, Tab};
use crate::action::Action;
use crate::domain::case::{CaseError, IntakeOutcome, MaterialStatus, Transition, due_date};
use crate::domain::queue::{Outcome, TicketState};
use crate::domain::resident::Tag;
use crate::keymap::{Key, KeyChord, Mode, Section};
use crate::storage::{CaseOpError, MaterialEvent, Registered, Revealed};
use chrono::NaiveDateTime;

pub(super) fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(chord) => {
            app.dirty = true;
            on_key(app, chord)
        }
        Msg::Paste(text) => {
            app.dirty = true;
            on_text(app, &text);
            vec![]
        }
        Msg::Resize(w, h) => {
            app.size = (w, h);
            app.dirty = true;
            vec![]
        }
        Msg::Tick(now) => on_tick(app, now),
        Msg::CatalogLoaded(items, categories) => {
            let reload = app.catalog.loaded;
            if app.catalog.load(items, categories) {
                if reload {
                    let items = app.catalog.items.len();
                    app.toast(Notice::CatalogUpdated { items });
                }
                app.dirty = true;
            }
            db_ok(app);
            vec![]
        }
        Msg::CalendarLoaded(cal, closing) => {
            app.calendar = cal;
            app.closing = closing;
            app.dirty = true;
            vec![]
        }
        Msg::CasesLoaded(list, counts) => {
            if app.cases.counts != counts || app.cases.list != list || !app.cases.loaded {
                app.dirty = true;
            }
            app.cases.counts = counts;
            app.cases.set_list(list);
            db_ok(app);
            match (app.cases.selected_case(), &app.cases.detail) {
                (Some(c), None) => vec![Effect::LoadCase(c.id)],
                (Some(c), Some(d)) if d.case.version != c.version => vec![Effect::LoadCase(c.id)],
                _ => vec![],
            }
        }
        Msg::CaseLoaded(case, materials, events) => {
            if app.cases.selected_case().map(|c| c.id) == Some(case.id) {
                let detail = super::cases::CaseDetail { case: case.clone(), materials, events };
                if app.cases.detail.as_ref() != Some(&detail) {
                    app.cases.material = app.cases.material.min(detail.materials.len().saturating_sub(1));
                    app.cases.detail = Some(detail);
                    app.dirty = true;
                }
                if let Some(row) = app.cases.list.iter_mut().find(|c| c.id == case.id) {
                    *row = case;
                }
            }
            vec![]
        }
        Msg::ResidentsLoaded(page) => {
            if app.residents.append(page) {
                app.dirty = true;
                if let Some(i) = &mut app.intake {
                    i.hits = app.residents.search(i.query.text());
                }
            }
            vec![]
        }
        Msg::ResidentRegistered(reg) => {
            let (r, notice) = match reg {
                Registered::New(r) => {
                    let n = Notice::ResidentRegistered { name: r.name.clone() };
                    (r, n)
                }
                Registered::Existing(r) => {
                    let n = Notice::AlreadyRegistered { name: r.name.clone() };
                    (r, n)
                }
            };
            app.overlay = None;
            app.toast(notice);
            app.dirty = true;
            if let (Tab::Catalog, Some(i)) = (app.tab, &mut app.intake) {
                i.choose(r);
            } else {
                app.residents.searching = false;
                app.residents.query.clear();
                app.residents.add(&r);
                app.residents.select_id(r.id);
            }
            vec![Effect::LoadResidents(app.residents.last_id())]
        }
        Msg::IntakeSaved(case) => {
            app.intake = None;
            app.overlay = None;
            app.tab = Tab::Cases;
            app.cases.view = CaseView::Open;
            app.cases.mine = false;
            app.cases.resident = None;
            app.cases.zoomed = false;
            let notice = match case.due {
                Some(due) => Notice::Accepted { number: case.number.clone(), due },
                None => Notice::NoticeIssued { number: case.number.clone() },
            };
            app.toast(notice);
            let id = case.id;
            app.cases.list.retain(|c| c.id != id);
            app.cases.list.insert(0, case);
            app.cases.selected = 0;
            app.cases.detail = None;
            app.dirty = true;
            let mut effects = vec![app.load_cases(), Effect::LoadCase(id)];
            // A case taken in while a number is at my window belongs to that visit.
            if let Some(t) = app.queue.current(&app.session.operator.login) {
                effects.push(Effect::Queue(QueueOp::LinkCase(t.id, id)));
            }
            effects
        }
        Msg::CaseSaved(case) => {
            app.toast(Notice::CaseChanged { number: case.number.clone(), state: case.state });
            let id = case.id;
            if let Some(row) = app.cases.list.iter_mut().find(|c| c.id == id) {
                *row = case;
            }
            app.dirty = true;
            vec![app.load_cases(), Effect::LoadCase(id)]
        }
        Msg::CaseRefused(err, fresh) => {
            app.overlay = None;
            let notice = match (&err, &fresh) {
                (CaseOpError::Case(CaseError::Conflict), Some(c)) => Notice::Conflict { number: c.number.clone() },
                (CaseOpError::Case(e), _) => Notice::CaseRefused(e.clone()),
                (CaseOpError::Storage(e), _) => Notice::Storage(e.clone()),
                (CaseOpError::NotFound, _) => Notice::NotFound,
            };
            app.toast(notice);
            app.dirty = true;
            match fresh {
                Some(c) => {
                    let id = c.id;
                    if let Some(row) = app.cases.list.iter_mut().find(|x| x.id == id) {
                        *row = c;
                    }
                    vec![app.load_cases(), Effect::LoadCase(id)]
                }
                None => vec![],
            }
        }
        Msg::Revealed(id) => {
            if !app.residents.revealed.contains(&id) {
                app.residents.revealed.push(id);
            }
            app.dirty = true;
            vec![]
        }
        Msg::ReceiptDone { path, printed } => {
            app.toast(Notice::ReceiptSaved { path, printed });
            app.dirty = true;
            vec![]
        }
        Msg::ReceiptFailed(why) => {
            app.report_since = None;
            app.toast(Notice::ReceiptFailed(why));
            app.dirty = true;
            vec![]
        }
        Msg::PrintFailed(why) => {
            app.report_since = None;
            app.toast(Notice::PrintFailed(why));
            app.dirty = true;
            vec![]
        }
        Msg::AppointmentsLoaded(slots, bookings) => {
            app.appointments.set(slots, bookings);
            app.dirty = true;
            vec![]
        }
        Msg::RoomsLoaded(rooms, bookings) => {
            let live: Vec<_> = rooms.into_iter().filter(|r| !r.retired).collect();
            if app.rooms.rooms != live || app.rooms.bookings != bookings || !app.rooms.loaded {
                app.rooms.rooms = live;
                app.rooms.bookings = bookings;
                app.rooms.loaded = true;
                app.rooms.col = app.rooms.col.min(app.rooms.rooms.len().saturating_sub(1));
                app.dirty = true;
            }
            vec![]
        }
        Msg::RoomRefused(e) => {
            app.overlay = None;
            app.toast(Notice::Room(e));
            app.dirty = true;
            vec![]
        }
        Msg::MediationLoaded(list) => {
            if app.mediation.list != list || !app.mediation.loaded {
                let keep = app.mediation.selected_case().map(|c| c.id);
                app.mediation.list = list;
                app.mediation.loaded = true;
                app.mediation.selected =
                    keep.and_then(|id| app.mediation.list.iter().position(|c| c.id == id)).unwrap_or(0);
                app.dirty = true;
                if let Some(c) = app.mediation.selected_case() {
                    return vec![Effect::LoadMediationEvents(c.id)];
                }
            }
            vec![]
        }
        Msg::MediationEvents(id, events, sessions) => {
            if app.mediation.selected_case().map(|c| c.id) == Some(id) {
                app.mediation.events = events;
                app.mediation.sessions = sessions;
                app.dirty = true;
            }
            vec![]
        }
        Msg::MediationRefused(e) => {
            app.overlay = None;
            app.toast(Notice::Mediation(e));
            app.dirty = true;
            vec![Effect::LoadMediation]
        }
        Msg::QueueLoaded(view) => {
            if app.queue.view != view || !app.queue.loaded {
                app.queue.view = view;
                app.queue.loaded = true;
                let n = app.queue.rows(&app.session.operator.login).len();
                app.queue.selected = app.queue.selected.min(n.saturating_sub(1));
                app.dirty = true;
            }
            vec![]
        }
        Msg::QueueDone(notice) => {
            app.toast(notice);
            app.dirty = true;
            vec![]
        }
        Msg::QueueRefused(e) => {
            app.overlay = None;
            app.toast(Notice::Queue(e));
            app.dirty = true;
            vec![Effect::LoadQueue]
        }
        Msg::Denied => {
            app.overlay = None;
            app.toast(Notice::Denied);
            app.dirty = true;
            vec![]
        }
        Msg::MembersLoaded(data) => {
            if app.members.load(data) {
                app.dirty = true;
                if app.members.view == super::members::View::Registry
                    && let Some(m) = app.members.selected_member()
                    && app.members.records_of != Some(m.member.id)
                {
                    return vec![Effect::LoadMemberRecords(m.member.id)];
                }
            }
            vec![]
        }
        Msg::MemberRecords(id, records) => {
            if app.members.records_of != Some(id) || app.members.records != records {
                if app.members.records_of != Some(id) {
                    app.members.record = 0;
                }
                app.members.records_of = Some(id);
                app.members.record = app.members.record.min(records.len().saturating_sub(1));
                app.members.records = records;
                app.dirty = true;
            }
            vec![]
        }
        Msg::ActivitiesLoaded(list) => {
            if app.members.activities != list {
                let first = app.members.activities.is_empty();
                let keep = app.members.activities.get(app.members.activity).map(|(a, _)| a.id);
                app.members.activities = list;
                match keep.and_then(|id| app.members.activities.iter().position(|(a, _)| a.id == id)) {
                    Some(i) if !first => app.members.activity = i,
                    _ => app.members.focus_today(app.now),
                }
                app.dirty = true;
            }
            vec![]
        }
        Msg::ActivityRecords(id, records) => {
            if app.members.desk == Some(id) && app.members.desk_records != records {
                app.members.desk_records = records;
                app.dirty = true;
            }
            vec![]
        }
        Msg::MemberDone(notice) => {
            let clear = matches!(notice, Notice::MemberIn(_) | Notice::MemberOut(..));
            app.overlay = None;
            app.toast(notice);
            if clear {
                // The next person in line types their own name.
                app.members.query.clear();
                app.members.research();
            }
            app.dirty = true;
            super::members::reload(app)
        }
        Msg::MemberRegistered(m) => {
            app.overlay = None;
            app.toast(Notice::MemberChanged(super::notice::MemberChange::Registered, m.name.clone()));
            // Registered at the door: find them at once, so Enter checks them in.
            app.members.query.clear();
            app.members.query.insert(&m.name);
            app.dirty = true;
            super::members::reload(app)
        }
        Msg::ActivityAdded(a) => {
            app.overlay = None;
            app.toast(Notice::MemberChanged(super::notice::MemberChange::Activity, a.title.clone()));
            app.members.activities.push((a, 0));
            app.members.activity = app.members.activities.len() - 1;
            app.dirty = true;
            super::members::reload(app)
        }
        Msg::MemberRevealed(id) => {
            if !app.members.revealed.contains(&id) {
                app.members.revealed.push(id);
            }
            app.dirty = true;
            vec![]
        }
        Msg::MemberRefused(e) => {
            // A refused form stays open so nothing typed is lost.
            if !matches!(app.overlay, Some(Overlay::Fields(_))) {
                app.overlay = None;
                // At the door the message is the answer; the field is free for the next person.
                if app.members.view == super::members::View::Desk {
                    app.members.query.clear();
                    app.members.research();
                }
            }
            app.toast(Notice::Member(e));
            app.dirty = true;
            super::members::reload(app)
        }
        Msg::OperatorsLoaded(ops, change) => {
            app.audit.operator = app.audit.operator.min(ops.len().saturating_sub(1));
            app.audit.operators = ops;
            if let Some(c) = change {
                app.overlay = None;
                app.toast(Notice::OperatorChanged(c));
            }
            app.dirty = true;
            vec![]
        }
        Msg::AdminDone(r) => {
            app.overlay = None;
            app.toast(match r {
                Ok(what) => Notice::TargetSet(what),
                Err(why) => Notice::AdminFailed(why),
            });
            app.dirty = true;
            vec![]
        }
        Msg::WindowFreed(r) => {
            app.toast(match r {
                Ok(f) => Notice::WindowFreed(f),
                Err(e) => Notice::Queue(e),
            });
            app.dirty = true;
            vec![Effect::LoadQueue]
        }
        Msg::ReportWritten(files) => {
            app.report_since = None;
            app.toast(Notice::ReportSaved(files.join("  ")));
            app.dirty = true;
            vec![]
        }
        Msg::AuditLoaded(filter, before, rows) => {
            super::audit::loaded(app, filter, before, rows);
            app.dirty = true;
            vec![]
        }
        Msg::DashboardLoaded(d) => {
            if app.dashboard != d {
                app.dashboard = d;
                app.dirty = true;
            }
            vec![]
        }
        Msg::WorkerStopped => {
            app.worker_stopped();
            vec![]
        }
        Msg::DbFailed(e) => {
            // A stopped worker stays stopped whatever else still arrives.
            if app.db != DbStatus::Stopped {
                app.db = DbStatus::Error(e.clone());
            }
            app.toast(Notice::Storage(e));
            app.dirty = true;
            vec![]
        }
        Msg::DataChanged => refresh(app),
    }
}

/// Everything shown may have changed: read it again (unchanged data redraws nothing).
fn refresh(app: &App) -> Vec<Effect> {
    let mut e = vec![Effect::LoadCatalog, rooms_load(app)];
    if app.session.operator.role.may(crate::domain::operator::Permission::Members) {
        e.extend(super::members::reload(app));
    }
    if app.session.operator.role.may(crate::domain::operator::Permission::Supervise) {
        e.push(Effect::LoadDashboard);
        if app.audit.on {
            e.push(super::audit::reload(app));
        }
        if app.audit.operators_on {
            e.push(Effect::LoadOperators);
        }
    }
    if app.may_handle_cases() {
        e.push(app.load_cases());
        e.push(Effect::LoadResidents(app.residents.last_id()));
        if let Some(c) = app.cases.selected_case() {
            e.push(Effect::LoadCase(c.id));
        }
        e.push(Effect::LoadQueue);
        if app.session.operator.role.may(crate::domain::operator::Permission::Mediation) {
            e.push(Effect::LoadMediation);
        }
        if let (Some(day), Some(cat)) = (app.appointments.day, &app.appointments.category) {
            e.push(Effect::LoadAppointments(day, cat.clone()));
        }
    }
    e
}

fn db_ok(app: &mut App) {
    // A stopped worker stays stopped: a late answer (a print job's) does not undo it.
    if app.db != DbStatus::Ok && app.db != DbStatus::Stopped {
        app.db = DbStatus::Ok;
        app.dirty = true;
    }
}

fn on_tick(app: &mut App, now: NaiveDateTime) -> Vec<Effect> {
    let minute = |t: NaiveDateTime| t.format("%Y%m%d%H%M").to_string();
    let new_day = now.date() != app.now.date();
    if minute(now) != minute(app.now) {
        app.dirty = true;
    }
    app.now = now;
    if app.report_since.is_some() {
        app.dirty = true; // the progress indicator moves
    }
    let before = app.toasts.len();
    app.toasts.retain(|t| t.until > now);
    if app.toasts.len() != before {
        app.dirty = true;
    }
    // Due-soon and overdue move at midnight.
    if new_day && app.may_handle_cases() { vec![app.load_cases()] } else { vec![] }
}

fn on_key(app: &mut App, chord: KeyChord) -> Vec<Effect> {
    if app.overlay.is_some() {
        return on_overlay_key(app, chord);
    }
    let mode = app.mode();
    if let Some(action) = app.keymap.resolve(app.section(), mode, chord) {
        return perform(app, action);
    }
    match mode {
        Mode::Insert => {
            if let Some(c) = chord.text_char() {
                on_text(app, &c.to_string());
            } else {
                edit_focused(app, chord);
            }
        }
        Mode::Normal => {
            // Typing on a list starts a new search: clerks need not press `/` first.
            if let Some(c) = chord.text_char().filter(|c| !c.is_whitespace()) {
                match app.tab {
                    Tab::Catalog if app.intake.is_none() => {
                        app.catalog.zoomed = false;
                        app.catalog.focus = Focus::Search;
                        app.catalog.query.clear();
                        on_text(app, &c.to_string());
                    }
                    Tab::Residents => {
                        app.residents.searching = true;
                        app.residents.query.clear();
                        on_text(app, &c.to_string());
                    }
                    _ => {}
                }
            }
        }
    }
    vec![]
}

/// An editing key (←, →, Backspace …) for whichever field has focus.
fn edit_focused(app: &mut App, chord: KeyChord) {
    match app.tab {
        Tab::Catalog => match &mut app.intake {
            Some(i) => {
                if i.query.edit(chord) {
                    i.hits = app.residents.search(i.query.text());
                    i.selected = 0;
                }
            }
            None => {
                if app.catalog.query.edit(chord) {
                    app.catalog.research();
                }
            }
        },
        Tab::Residents => {
            if app.residents.query.edit(chord) {
                app.residents.research();
            }
        }
        Tab::Members => {
            if app.members.query.edit(chord) {
                app.members.research();
                app.members.record = 0;
            }
        }
        Tab::Cases | Tab::Queue | Tab::Appointments | Tab::Rooms | Tab::Mediation | Tab::Dashboard => {}
    }
}

/// Typed or pasted text goes to the focused field.
fn on_text(app: &mut App, text: &str) {
    let report = match &mut app.overlay {
        Some(Overlay::Palette(p)) => {
            let r = p.input.insert(text);
            p.research();
            Some((r, p.input.max()))
        }
        Some(Overlay::Prompt(p)) => {
            p.invalid = false;
            Some((p.input.insert(text), p.input.max()))
        }
        Some(Overlay::ResidentForm(f)) => f.input_mut().map(|i| (i.insert(text), i.max())),
        Some(Overlay::Fields(f)) => {
            let i = &mut f.inputs[f.focus];
            Some((i.insert(text), i.max()))
        }
        Some(_) => None,
        None => match app.tab {
            Tab::Catalog => match &mut app.intake {
                Some(i) if i.step == Step::Resident => {
                    let r = i.query.insert(text);
                    i.hits = app.residents.search(i.query.text());
                    i.selected = 0;
                    Some((r, i.query.max()))
                }
                Some(_) => None,
                None => {
                    app.catalog.focus = Focus::Search;
                    app.catalog.zoomed = false;
                    let r = app.catalog.query.insert(text);
                    app.catalog.research();
                    Some((r, app.catalog.query.max()))
                }
            },
            Tab::Residents => {
                app.residents.searching = true;
                let r = app.residents.query.insert(text);
                app.residents.research();
                Some((r, app.residents.query.max()))
            }
            Tab::Members if app.members.typing() => {
                let r = app.members.query.insert(text);
                app.members.research();
                app.members.record = 0;
                Some((r, app.members.query.max()))
            }
            Tab::Cases
            | Tab::Queue
            | Tab::Appointments
            | Tab::Rooms
            | Tab::Mediation
            | Tab::Members
            | Tab::Dashboard => None,
        },
    };
    if let Some((r, max)) = report {
        app.report(r, max);
    }
}

fn on_overlay_key(app: &mut App, chord: KeyChord) -> Vec<Effect> {
    let action = app.keymap.resolve(Section::Global, app.mode(), chord);
    let Some(overlay) = app.overlay.as_mut() else { return vec![] };
    match overlay {
        Overlay::Confirm { action: pending } => {
            let pending = *pending;
            let yes = matches!(chord.text_char(), Some('y' | 'Y')) || action == Some(Action::Confirm);
            // Pressing the same command again confirms it (Ctrl-Q twice quits).
            let again = action == Some(pending);
            let no = matches!(chord.text_char(), Some('n' | 'N')) || action == Some(Action::Back);
            if yes || again {
                app.overlay = None;
                return execute(app, pending);
            }
            if no {
                app.overlay = None;
            }
            vec![]
        }
        Overlay::Fields(f) => {
            let n = f.inputs.len();
            match action {
                Some(Action::Back) => app.overlay = None,
                Some(Action::NextTab | Action::Down) => f.focus = (f.focus + 1) % n,
                Some(Action::PrevTab | Action::Up) => f.focus = (f.focus + n - 1) % n,
                // Enter moves on; on the last row (or Ctrl-S anywhere) it saves.
                Some(Action::Confirm) if f.focus + 1 < n => f.focus += 1,
                Some(Action::Confirm | Action::Submit) => return submit_fields(app),
                _ => {
                    if let Some(c) = chord.text_char() {
                        on_text(app, &c.to_string());
                    } else {
                        f.inputs[f.focus].edit(chord);
                    }
                }
            }
            vec![]
        }
        Overlay::MediationForm(f) => {
            use super::mediation::MediationForm;
            match action {
                Some(Action::Back) => app.overlay = None,
                Some(Action::NextTab | Action::Down) => f.focus = (f.focus + 1) % MediationForm::ROWS,
                Some(Action::PrevTab | Action::Up) => {
                    f.focus = (f.focus + MediationForm::ROWS - 1) % MediationForm::ROWS
                }
                Some(Action::Confirm) => return submit_mediation_form(app),
                _ if f.focus < 2 => {
                    // Space or ←/→ choose the dispute type and the source.
                    let n = if f.focus == 0 {
                        crate::domain::mediation::DisputeType::ALL.len()
                    } else {
                        crate::domain::mediation::Source::ALL.len()
                    };
                    let v = if f.focus == 0 { &mut f.dispute } else { &mut f.source };
                    match chord.key {
                        Key::Right | Key::Char(' ') => *v = (*v + 1) % n,
                        Key::Left => *v = (*v + n - 1) % n,
                        _ => {}
                    }
                }
                _ => {
                    let i = &mut f.inputs[f.focus - 2];
                    if let Some(c) = chord.text_char() {
                        let r = i.insert(&c.to_string());
                        let max = i.max();
                        app.report(r, max);
                    } else {
                        i.edit(chord);
                    }
                }
            }
            vec![]
        }
        Overlay::FreeWindow(f) => {
            let f = f.clone();
            super::dashboard::on_free_key(app, &f, chord, action)
        }
        Overlay::Outcome { id, version, .. } => {
            let (id, version) = (*id, *version);
            if action == Some(Action::Back) {
                app.overlay = None;
            } else if let Some(d) = chord.text_char().and_then(|c| c.to_digit(10))
                && let Some(o) = Outcome::ALL.get((d as usize).wrapping_sub(1))
            {
                app.overlay = None;
                // "Case accepted" with no case yet: take it in now; it links to this
                // number, and finishing afterwards records the outcome.
                if *o == Outcome::CaseAccepted && app.may_handle_cases() {
                    app.tab = Tab::Catalog;
                    app.catalog.focus = Focus::Search;
                    app.catalog.zoomed = false;
                    app.toast(Notice::StartIntake);
                    return vec![];
                }
                return vec![Effect::Queue(QueueOp::Finish(id, version, *o))];
            }
            vec![]
        }
        Overlay::ConfirmIntake(preview) => {
            let yes = matches!(chord.text_char(), Some('y' | 'Y')) || action == Some(Action::Confirm);
            let no = matches!(chord.text_char(), Some('n' | 'N')) || action == Some(Action::Back);
            if yes {
                let req = preview.request.clone();
                app.overlay = None;
                return vec![Effect::Intake(req)];
            }
            if no {
                app.overlay = None;
            }
            vec![]
        }
        Overlay::Help { scroll } => {
            match action {
                Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                Some(Action::Down) => *scroll = scroll.saturating_add(1),
                Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
                Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
                Some(Action::First) => *scroll = 0,
                Some(Action::Back | Action::Help | Action::Confirm) => app.overlay = None,
                Some(Action::Quit) => app.overlay = Some(Overlay::Confirm { action: Action::Quit }),
                _ => {}
            }
            vec![]
        }
        Overlay::Palette(p) => {
            match action {
                Some(Action::Up) => p.move_by(-1),
                Some(Action::Down) => p.move_by(1),
                Some(Action::PageUp) => p.move_by(-10),
                Some(Action::PageDown) => p.move_by(10),
                Some(Action::Back | Action::Palette) => app.overlay = None,
                Some(Action::Confirm) => {
                    let chosen = p.chosen();
                    app.overlay = None;
                    if let Some(a) = chosen {
                        return perform(app, a);
                    }
                }
                Some(Action::Quit) => app.overlay = Some(Overlay::Confirm { action: Action::Quit }),
                Some(_) => {}
                None => {
                    if let Some(c) = chord.text_char() {
                        on_text(app, &c.to_string());
                    } else if p.input.edit(chord) {
                        p.research();
                    }
                }
            }
            vec![]
        }
        Overlay::Prompt(p) => match action {
            Some(Action::Back) => {
                app.overlay = None;
                vec![]
            }
            Some(Action::Confirm) => submit_prompt(app),
            _ => {
                if let Some(c) = chord.text_char() {
                    on_text(app, &c.to_string());
                } else if p.input.edit(chord) {
                    p.invalid = false;
                }
                vec![]
            }
        },
        Overlay::ResidentForm(f) => {
            let on_tags = f.field() == Field::Tags;
            match action {
                Some(Action::Back) => app.overlay = None,
                Some(Action::NextTab | Action::Down) => f.step(true),
                Some(Action::PrevTab | Action::Up) => f.step(false),
                Some(Action::Confirm) => return submit_form(app),
                _ if on_tags => match chord.key {
                    Key::Left => f.tag_cursor = (f.tag_cursor + Tag::ALL.len() - 1) % Tag::ALL.len(),
                    Key::Right => f.tag_cursor = (f.tag_cursor + 1) % Tag::ALL.len(),
                    Key::Char(' ') => f.toggle_tag(),
                    _ => {}
                },
                _ => {
                    if let Some(c) = chord.text_char() {
                        on_text(app, &c.to_string());
                    } else if let Some(i) = f.input_mut() {
                        i.edit(chord);
                    }
                }
            }
            vec![]
        }
    }
}

fn submit_fields(app: &mut App) -> Vec<Effect> {
    use super::members::{FormFor, problem_row};
    let now = app.now;
    let Some(Overlay::Fields(f)) = &mut app.overlay else { return vec![] };
    let result = match f.purpose {
        FormFor::Member => f
            .member_draft()
            .validate(now.date())
            .map(Effect::RegisterMember)
            .map_err(|p| p.into_iter().map(problem_row).collect::<Vec<_>>()),
        FormFor::Activity => f.activity_draft().validate(now).map(Effect::AddActivity),
    };
    match result {
        Ok(e) => {
            f.bad.clear();
            vec![e]
        }
        Err(mut bad) => {
            bad.sort_unstable();
            bad.dedup();
            f.focus = bad.first().copied().unwrap_or(f.focus);
            f.bad = bad;
            vec![]
        }
    }
}

fn submit_form(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let Some(Overlay::ResidentForm(f)) = &mut app.overlay else { return vec![] };
    match f.draft().validate(today) {
        Ok(r) => vec![Effect::RegisterResident(r)],
        Err(problems) => {
            f.problems = problems;
            f.focus_first_problem();
            vec![]
        }
    }
}

fn submit_prompt(app: &mut App) -> Vec<Effect> {
    let Some(Overlay::Prompt(p)) = &mut app.overlay else { return vec![] };
    let text = crate::domain::text::clean_field(p.input.text(), 200).0;
    let (id, version) = (p.id, p.version);
    let effect = match p.purpose {
        PromptFor::Admin => match super::audit::AdminCmd::parse(&text) {
            Some(c) => Effect::Admin(c, app.lang),
            None => {
                p.invalid = true;
                return vec![];
            }
        },
        PromptFor::Target => match super::audit::Target::parse(&text) {
            Some(t) => Effect::SetTarget(t),
            None => {
                p.invalid = true;
                return vec![];
            }
        },
        PromptFor::OperatorAdd | PromptFor::OperatorSet | PromptFor::OperatorRetire => {
            use super::audit::{OperatorOp, role_window};
            let words: Vec<&str> = text.split_whitespace().collect();
            let login = p.number.clone();
            let op = match p.purpose {
                PromptFor::OperatorAdd => match words.as_slice() {
                    [l, name, rest @ ..] if l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') => {
                        role_window(rest).map(|(r, w)| OperatorOp::Add(l.to_string(), name.to_string(), r, w))
                    }
                    _ => None,
                },
                PromptFor::OperatorSet => role_window(&words).map(|(r, w)| OperatorOp::Set(login, r, w)),
                _ => (text == login).then_some(OperatorOp::Retire(login)),
            };
            match op {
                Some(op) => Effect::OperatorChange(op),
                None => {
                    p.invalid = true;
                    return vec![];
                }
            }
        }
        PromptFor::Report => {
            // "d 2026-11-20", "m", "2026-11" … : the period first, then the day.
            let mut parts = text.split_whitespace();
            let (monthly, rest) = match parts.next() {
                None | Some("d" | "D" | "日") => (false, parts.next()),
                Some("m" | "M" | "月") => (true, parts.next()),
                Some(other) => (false, Some(other)),
            };
            match rest.map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")) {
                None => {
                    app.report_since = Some(app.now);
                    Effect::WriteReport(monthly, app.now.date(), app.lang)
                }
                Some(Ok(d)) => {
                    app.report_since = Some(app.now);
                    Effect::WriteReport(monthly, d, app.lang)
                }
                Some(Err(_)) => {
                    p.invalid = true;
                    return vec![];
                }
            }
        }
        PromptFor::AuditFilter => match crate::storage::AuditFilter::parse(&text) {
            Ok(f) => {
                app.audit.filter = f;
                app.audit.filter_text = text;
                app.audit.rows.clear();
                app.audit.selected = 0;
                super::audit::reload(app)
            }
            Err(_) => {
                p.invalid = true;
                return vec![];
            }
        },
        PromptFor::Feedback => {
            let (y, q) = if text.is_empty() {
                (chrono::Datelike::year(&app.now.date()), crate::domain::member::quarter(app.now.date()))
            } else {
                match crate::domain::member::parse_quarter(&text) {
                    Some(yq) => yq,
                    None => {
                        p.invalid = true;
                        return vec![];
                    }
                }
            };
            Effect::Feedback(y, q, app.lang)
        }
        PromptFor::MemberStatus => {
            use crate::domain::member::MemberStatus;
            match text.as_str() {
                "1" => Effect::MemberUpdate(id, false, Some(MemberStatus::Active)),
                "2" => Effect::MemberUpdate(id, false, Some(MemberStatus::MovedAway)),
                "3" => Effect::MemberUpdate(id, false, Some(MemberStatus::Transferred)),
                _ => {
                    p.invalid = true;
                    return vec![];
                }
            }
        }
        PromptFor::ManualHours => {
            // "2026-11-20 2.5 [2] 夜间巡逻补录": date, hours, optional points per hour, reason.
            let mut parts = text.split_whitespace();
            let day = parts.next().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let half = parts.next().and_then(crate::domain::member::parse_hours);
            let rest: Vec<&str> = parts.collect();
            let (rate, reason) = match rest.split_first() {
                Some((r, more)) if !more.is_empty() && r.parse::<u32>().is_ok_and(|n| n <= 20) => {
                    (r.parse().unwrap_or(1), more.join(" "))
                }
                _ => (1, rest.join(" ")),
            };
            match (day, half) {
                (Some(d), Some(h)) if !reason.is_empty() => Effect::ManualHours(id, d, h, rate, reason),
                _ => {
                    p.invalid = true;
                    return vec![];
                }
            }
        }
        PromptFor::DeclineRecord if !text.is_empty() => Effect::DeclineRecord(id, text),
        PromptFor::Rate => match text.parse::<u8>() {
            Ok(stars @ 1..=5) => Effect::Rate { id, version, stars },
            _ => {
                p.invalid = true;
                return vec![];
            }
        },
        // A room booking may go without a purpose; everything else needs its text.
        purpose if text.is_empty() && purpose != PromptFor::RoomPurpose => {
            p.invalid = true;
            return vec![];
        }
        PromptFor::FollowUp => Effect::FollowUp { id, version, note: text },
        PromptFor::Transfer => Effect::Queue(QueueOp::Transfer(id, version, text)),
        PromptFor::Take => Effect::Queue(QueueOp::Take(text, None)),
        PromptFor::Pause => Effect::Queue(QueueOp::Pause(Some(text))),
        PromptFor::CancelBooking => Effect::CancelAppointment(id, text),
        PromptFor::CancelRoom => Effect::CancelRoom(id, version, text),
        PromptFor::Agree => Effect::MediationStep(id, version, crate::domain::mediation::MediationStep::Agree, text),
        PromptFor::Fail => Effect::MediationStep(id, version, crate::domain::mediation::MediationStep::Fail, text),
        PromptFor::Terminate => {
            Effect::MediationStep(id, version, crate::domain::mediation::MediationStep::Terminate, text)
        }
        PromptFor::MediationVisit => {
            use crate::domain::mediation::Performance;
            // "1 已按月支付": performance first, then what the visit found.
            let mut parts = text.splitn(2, char::is_whitespace);
            let perf = match parts.next() {
                Some("1") => Some(Performance::Done),
                Some("2") => Some(Performance::Partly),
                Some("3") => Some(Performance::NotYet),
                _ => None,
            };
            match (perf, parts.next().map(str::trim).filter(|r| !r.is_empty())) {
                (Some(p), Some(r)) => Effect::MediationFollowUp(id, version, p, r.to_string()),
                _ => {
                    p.invalid = true;
                    return vec![];
                }
            }
        }
        PromptFor::RoomPurpose => {
            let draft = app.rooms.draft.take();
            match draft {
                Some(d) => {
                    let room_id = app.rooms.rooms.get(d.room).map(|r| r.id).unwrap_or(0);
                    // "调解 ×4": weekly, four times.
                    let (purpose, weeks) = match text.rsplit_once(['×', 'x', 'X']) {
                        Some((p, n)) if n.trim().parse::<u32>().is_ok_and(|n| (2..=12).contains(&n)) => {
                            (p.trim().to_string(), n.trim().parse().unwrap_or(1))
                        }
                        _ => (text, 1),
                    };
                    Effect::BookRoom { room_id, start: d.start, end: d.end, purpose, weeks }
                }
                None => return vec![],
            }
        }
        PromptFor::BookFor => {
            // The best match of the search is the resident booked for.
            let hit = app.residents.search(&text).into_iter().next();
            let Some(Overlay::Prompt(p)) = &mut app.overlay else { return vec![] };
            match (hit, p.slot.clone()) {
                (Some(h), Some((day, at, cat))) => Effect::Book(day, at, cat, app.residents.resident(&h).id),
                _ => {
                    p.invalid = true;
                    return vec![];
                }
            }
        }
        PromptFor::TakeGreen => {
            // "SB 80岁": the category, then the reason.
            let mut parts = text.splitn(2, char::is_whitespace);
            let what = parts.next().unwrap_or("").to_string();
            match parts.next().map(str::trim).filter(|r| !r.is_empty()) {
                Some(reason) => Effect::Queue(QueueOp::Take(what, Some(reason.to_string()))),
                None => {
                    p.invalid = true;
                    return vec![];
                }
            }
        }
        purpose => {
            let transition = match purpose {
                PromptFor::Suspend => Transition::Suspend,
                PromptFor::Return => Transition::Return,
                _ => Transition::Reject,
            };
            Effect::Transition { id, version, transition, reason: text }
        }
    };
    app.overlay = None;
    vec![effect]
}

/// Starts an action; irreversible ones ask first.
fn perform(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit | Action::CaseComplete => {
            if action == Action::CaseComplete && !case_allows(app, Transition::Complete) {
                return vec![];
            }
            app.overlay = Some(Overlay::Confirm { action });
            vec![]
        }
        other => execute(app, other),
    }
}

/// Whether the selected case can take `t`; says why not when it cannot.
fn case_allows(app: &mut App, t: Transition) -> bool {
    let Some(c) = app.cases.selected_case() else {
        app.toast(Notice::NoCase);
        return false;
    };
    match crate::domain::case::next_state(c.state, t, c.before_suspension) {
        Ok(_) => true,
        Err(e) => {
            app.toast(Notice::CaseRefused(e));
            false
        }
    }
}

fn prompt(app: &mut App, purpose: PromptFor, t: Option<Transition>) {
    if let Some(t) = t
        && !case_allows(app, t)
    {
        return;
    }
    let Some(c) = app.cases.selected_case() else {
        app.toast(Notice::NoCase);
        return;
    };
    let ok = match purpose {
        PromptFor::Rate => c.state == crate::domain::case::CaseState::Completed && c.rating.is_none(),
        PromptFor::FollowUp => c.follow_up_due.is_some() && !c.follow_up_done,
        _ => true,
    };
    if !ok {
        app.toast(Notice::CaseRefused(CaseError::Rating));
        return;
    }
    let max = if purpose == PromptFor::Rate { 1 } else { 200 };
    app.overlay = Some(Overlay::Prompt(Prompt::new(purpose, c.id, c.version, c.number.clone(), max)));
}

/// Carries out an action (confirmed where needed).
fn execute(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Palette => {
            let (lang, describe) = (app.lang, app.describe);
            let palette = Palette::new(|a| (describe(lang, a).to_string(), describe(lang.other(), a).to_string()));
            app.overlay = Some(Overlay::Palette(Box::new(palette)));
        }
        Action::NextTab | Action::PrevTab => {
            let tabs = app.tabs();
            if let Some(pos) = tabs.iter().position(|t| *t == app.tab) {
                let n = tabs.len();
                let to = if action == Action::NextTab { (pos + 1) % n } else { (pos + n - 1) % n };
                app.tab = tabs[to];
            }
        }
        Action::GotoCatalog => {
            app.tab = Tab::Catalog;
            if app.intake.is_none() {
                app.catalog.focus = Focus::Search;
                app.catalog.zoomed = false;
            }
        }
        Action::GotoCases
        | Action::GotoResidents
        | Action::GotoQueue
        | Action::GotoAppointments
        | Action::GotoRooms
        | Action::GotoMediation
        | Action::GotoMembers
        | Action::GotoDashboard => {
            let tab = match action {
                Action::GotoDashboard => Tab::Dashboard,
                Action::GotoMembers => Tab::Members,
                Action::GotoCases => Tab::Cases,
                Action::GotoQueue => Tab::Queue,
                Action::GotoAppointments => Tab::Appointments,
                Action::GotoRooms => Tab::Rooms,
                Action::GotoMediation => Tab::Mediation,
                _ => Tab::Residents,
            };
            if app.tabs().contains(&tab) {
                app.tab = tab;
                if tab == Tab::Appointments {
                    return load_appointments(app);
                }
            } else {
                app.toast(Notice::Denied);
            }
        }
        Action::ToggleLang => {
            app.lang = app.lang.other();
            app.toast(Notice::LangSwitched);
        }
        other => {
            return match app.tab {
                Tab::Catalog if app.intake.is_some() => intake_action(app, other),
                Tab::Catalog => catalog_action(app, other),
                Tab::Cases => cases_action(app, other),
                Tab::Residents => residents_action(app, other),
                Tab::Queue => queue_action(app, other),
                Tab::Appointments => appointments_action(app, other),
                Tab::Rooms => rooms_action(app, other),
                Tab::Mediation => mediation_action(app, other),
                Tab::Members => super::members::action(app, other),
                Tab::Dashboard => super::audit::action(app, other),
            };
        }
    }
    vec![]
}

fn catalog_action(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    let may = app.may_handle_cases();
    let c = &mut app.catalog;
    match action {
        Action::Up => c.move_by(-1),
        Action::Down => c.move_by(1),
        Action::PageUp => c.move_by(-page),
        Action::PageDown => c.move_by(page),
        Action::First => c.move_by(isize::MIN / 2),
        Action::Last => c.move_by(isize::MAX / 2),
        Action::Confirm => match c.focus {
            Focus::Search => c.focus = Focus::List,
            // Enter on an item starts intake; roles that take no cases read the details.
            Focus::List if may => {
                if let Some(item) = c.selected_item().cloned() {
                    let mut i = IntakeState::new(item);
                    i.hits = app.residents.search("");
                    app.intake = Some(i);
                }
            }
            Focus::List => c.zoomed = !c.zoomed && c.selected_item().is_some(),
        },
        Action::Back => {
            if c.zoomed {
                c.zoomed = false;
            } else if !c.query.text().is_empty() {
                c.query.clear();
                c.research();
                c.focus = Focus::Search;
            } else {
                c.focus = match c.focus {
                    Focus::Search => Focus::List,
                    Focus::List => Focus::Search,
                };
            }
        }
        Action::FocusSearch => {
            c.focus = Focus::Search;
            c.zoomed = false;
        }
        Action::ClearSearch => {
            c.query.clear();
            c.research();
            c.focus = Focus::Search;
        }
        Action::DetailUp => c.detail_scroll = c.detail_scroll.saturating_sub(1),
        Action::DetailDown => {
            // The pane is a header plus one line per material (two when annotated).
            let lines = c.selected_item().map(|i| 14 + 2 * i.materials.len() as u16).unwrap_or(0);
            c.detail_scroll = c.detail_scroll.saturating_add(1).min(lines);
        }
        _ => {}
    }
    vec![]
}

fn intake_action(app: &mut App, action: Action) -> Vec<Effect> {
    let today = app.today();
    let Some(i) = app.intake.as_mut() else { return vec![] };
    match (i.step, action) {
        (Step::Resident, Action::Up) => i.selected = i.selected.saturating_sub(1),
        (Step::Resident, Action::Down) => i.selected = (i.selected + 1).min(i.hits.len().saturating_sub(1)),
        (Step::Resident, Action::Confirm | Action::Submit) => match i.hits.get(i.selected) {
            Some(h) => {
                let r = app.residents.resident(h);
                i.choose(r);
            }
            None => {
                let form = ResidentForm::prefilled(i.query.text());
                app.overlay = Some(Overlay::ResidentForm(Box::new(form)));
            }
        },
        (_, Action::NewResident) => {
            let form = ResidentForm::prefilled(i.query.text());
            app.overlay = Some(Overlay::ResidentForm(Box::new(form)));
        }
        (Step::Resident, Action::Back) => {
            if i.query.text().is_empty() {
                app.intake = None;
            } else {
                i.query.clear();
                i.hits = app.residents.search("");
                i.selected = 0;
            }
        }
        (Step::Resident, Action::ClearSearch) => {
            i.query.clear();
            i.hits = app.residents.search("");
        }
        (Step::Materials, Action::Up) => i.cursor = i.cursor.saturating_sub(1),
        (Step::Materials, Action::Down) => i.cursor = (i.cursor + 1).min(i.statuses.len().saturating_sub(1)),
        (Step::Materials, Action::First) => i.cursor = 0,
        (Step::Materials, Action::Last) => i.cursor = i.statuses.len().saturating_sub(1),
        (Step::Materials, Action::ToggleMaterial) => {
            let promise = app.calendar.add_working_days(today, crate::domain::case::NOTICE_WINDOW_DAYS);
            i.toggle(promise);
        }
        (Step::Materials, Action::LaterPromise | Action::EarlierPromise) => {
            if let Some(MaterialStatus::Waived(d)) = i.statuses.get(i.cursor).copied() {
                let to = if action == Action::LaterPromise {
                    app.calendar.next_working_day(d)
                } else {
                    // Never earlier than the next working day.
                    let mut back = d.pred_opt().unwrap_or(d);
                    while !app.calendar.is_working_day(back) && back > today {
                        back = back.pred_opt().unwrap_or(back);
                    }
                    back.max(app.calendar.next_working_day(today))
                };
                i.set_promise(to);
            }
        }
        (Step::Materials, Action::CycleChannel) => i.cycle_channel(),
        (Step::Materials, Action::Back) => i.step = Step::Resident,
        (Step::Materials, Action::Confirm | Action::Submit) => {
            let Some(request) = i.request() else { return vec![] };
            match i.outcome(today) {
                Ok(outcome) => {
                    let due = (outcome == IntakeOutcome::Accept)
                        .then(|| due_date(&app.calendar, app.now, app.closing, i.item.time_limit, 0).due);
                    app.overlay = Some(Overlay::ConfirmIntake(IntakePreview { outcome, due, request }));
                }
                Err(e) => app.toast(Notice::CaseRefused(e)),
            }
        }
        _ => {}
    }
    vec![]
}

fn cases_action(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    let moved = |app: &mut App, delta: isize| match app.cases.move_by(delta) {
        Some(id) => vec![Effect::LoadCase(id)],
        None => vec![],
    };
    let transition = |app: &mut App, t: Transition| -> Vec<Effect> {
        if !case_allows(app, t) {
            return vec![];
        }
        let Some(c) = app.cases.selected_case() else { return vec![] };
        vec![Effect::Transition { id: c.id, version: c.version, transition: t, reason: String::new() }]
    };
    match action {
        Action::Up if app.cases.zoomed => app.cases.material = app.cases.material.saturating_sub(1),
        Action::Down if app.cases.zoomed => {
            let n = app.cases.detail.as_ref().map(|d| d.materials.len()).unwrap_or(0);
            app.cases.material = (app.cases.material + 1).min(n.saturating_sub(1));
        }
        Action::Up => return moved(app, -1),
        Action::Down => return moved(app, 1),
        Action::PageUp => return moved(app, -page),
        Action::PageDown => return moved(app, page),
        Action::First => return moved(app, isize::MIN / 2),
        Action::Last => return moved(app, isize::MAX / 2),
        Action::Confirm => app.cases.zoomed = !app.cases.zoomed && app.cases.selected_case().is_some(),
        Action::Back => {
            if app.cases.zoomed {
                app.cases.zoomed = false;
            } else if app.cases.resident.take().is_some() || app.cases.item.take().is_some() {
                return vec![app.load_cases()];
            }
        }
        Action::CycleFilter => {
            app.cases.view = app.cases.view.next();
            return vec![app.load_cases()];
        }
        Action::ToggleMine => {
            app.cases.mine = !app.cases.mine;
            return vec![app.load_cases()];
        }
        Action::ToggleItem => {
            app.cases.item = match (&app.cases.item, app.cases.selected_case()) {
                (Some(_), _) => None,
                (None, Some(c)) => Some((c.item_code.clone(), c.item_name.clone())),
                (None, None) => None,
            };
            return vec![app.load_cases()];
        }
        Action::DetailUp => app.cases.detail_scroll = app.cases.detail_scroll.saturating_sub(1),
        Action::DetailDown => app.cases.detail_scroll = app.cases.detail_scroll.saturating_add(1).min(200),
        Action::CaseStart => return transition(app, Transition::Start),
        Action::CaseResume => return transition(app, Transition::Resume),
        Action::CaseSupply => return transition(app, Transition::Supply),
        Action::CaseComplete => return transition(app, Transition::Complete),
        Action::CaseSuspend => prompt(app, PromptFor::Suspend, Some(Transition::Suspend)),
        Action::CaseReturn => prompt(app, PromptFor::Return, Some(Transition::Return)),
        Action::CaseReject => prompt(app, PromptFor::Reject, Some(Transition::Reject)),
        Action::CaseRate => prompt(app, PromptFor::Rate, None),
        Action::CaseFollowUp => prompt(app, PromptFor::FollowUp, None),
        Action::PrintReceipt => match app.cases.selected_case() {
            Some(c) => return vec![Effect::PrintReceipt(c.id, app.lang)],
            None => app.toast(Notice::NoCase),
        },
        Action::MaterialHandled => return material_handled(app),
        Action::Reveal => {
            let rid = app.cases.selected_case().map(|c| c.resident_id);
            if let Some(r) = rid.and_then(|id| app.residents.by_id(id)) {
                return vec![Effect::Reveal(r, Revealed::IdNumber)];
            }
        }
        _ => {}
    }
    vec![]
}

/// The material under the detail cursor: a 容缺 material brought, or (代办) an original
/// received or given back.
fn material_handled(app: &mut App) -> Vec<Effect> {
    let Some(d) = &app.cases.detail else {
        app.toast(Notice::NoCase);
        return vec![];
    };
    let seq = app.cases.material;
    let Some(m) = d.materials.get(seq) else { return vec![] };
    let on_behalf = d.case.channel == crate::domain::case::Channel::OnBehalf;
    let what = match m.status {
        MaterialStatus::Waived(_) => Some(MaterialEvent::Supplied),
        MaterialStatus::Presented if on_behalf && m.original_received.is_none() => {
            Some(MaterialEvent::OriginalReceived)
        }
        MaterialStatus::Presented if on_behalf && m.original_returned.is_none() => {
            Some(MaterialEvent::OriginalReturned)
        }
        _ => None,
    };
    match what {
        Some(what) => vec![Effect::Material { id: d.case.id, version: d.case.version, seq, what }],
        None => {
            app.toast(Notice::NothingToRecord);
            vec![]
        }
    }
}

fn residents_action(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    let r = &mut app.residents;
    match action {
        Action::Up => r.move_by(-1),
        Action::Down => r.move_by(1),
        Action::PageUp => r.move_by(-page),
        Action::PageDown => r.move_by(page),
        Action::First => r.move_by(isize::MIN / 2),
        Action::Last => r.move_by(isize::MAX / 2),
        Action::FocusSearch => r.searching = true,
        Action::ClearSearch => {
            r.query.clear();
            r.research();
            r.searching = true;
        }
        Action::Back => {
            if !r.query.text().is_empty() {
                r.query.clear();
                r.research();
            } else {
                r.searching = !r.searching;
            }
        }
        Action::Confirm if r.searching => r.searching = false,
        Action::Confirm => {
            // Enter on a resident: their cases.
            if let Some(res) = r.selected_resident() {
                app.cases.resident = Some((res.id, res.name.clone()));
                app.cases.view = CaseView::All;
                app.cases.zoomed = false;
                app.tab = Tab::Cases;
                return vec![app.load_cases()];
            }
        }
        Action::NewResident => {
            let form = ResidentForm::prefilled(r.query.text());
            app.overlay = Some(Overlay::ResidentForm(Box::new(form)));
        }
        Action::Reveal => {
            if let Some(res) = r.selected_resident() {
                return vec![Effect::Reveal(res, Revealed::IdNumber)];
            }
        }
        _ => {}
    }
    vec![]
}

fn open_prompt(app: &mut App, purpose: PromptFor, id: i64, version: i64, number: String) {
    app.overlay = Some(Overlay::Prompt(Prompt::new(purpose, id, version, number, 60)));
}

fn queue_action(app: &mut App, action: Action) -> Vec<Effect> {
    let login = app.session.operator.login.clone();
    let current = app.queue.current(&login).map(|t| (t.id, t.version, t.number.clone(), t.case_id));
    let selected = app.queue.selected_ticket(&login).map(|t| (t.id, t.version, t.state));
    let signed_in = app.queue.my_window(&login).cloned();
    let on_current = |app: &mut App, op: fn(i64, i64) -> QueueOp| match current {
        Some((id, v, ..)) => vec![Effect::Queue(op(id, v))],
        None => {
            app.toast(Notice::NoTicket);
            vec![]
        }
    };
    match action {
        Action::Up => app.queue.selected = app.queue.selected.saturating_sub(1),
        Action::Down => {
            let n = app.queue.rows(&login).len();
            app.queue.selected = (app.queue.selected + 1).min(n.saturating_sub(1));
        }
        Action::First => app.queue.selected = 0,
        Action::Last => app.queue.selected = app.queue.rows(&login).len().saturating_sub(1),
        Action::CallNext => return vec![Effect::Queue(QueueOp::CallNext)],
        Action::Recall => return on_current(app, QueueOp::Recall),
        Action::Serve => return on_current(app, QueueOp::Serve),
        Action::Park => return on_current(app, QueueOp::Park),
        Action::NoShow => return on_current(app, QueueOp::NoShow),
        Action::FinishVisit => match current {
            // A case was taken in during the visit: that is its outcome.
            Some((id, v, _, Some(_))) => return vec![Effect::Queue(QueueOp::Finish(id, v, Outcome::CaseAccepted))],
            Some((id, version, number, None)) => app.overlay = Some(Overlay::Outcome { id, version, number }),
            None => app.toast(Notice::NoTicket),
        },
        Action::TransferTicket => match current {
            Some((id, v, number, _)) => open_prompt(app, PromptFor::Transfer, id, v, number),
            None => app.toast(Notice::NoTicket),
        },
        Action::Confirm | Action::CallBack | Action::Reinstate => match selected {
            Some((id, v, TicketState::Waiting)) if action == Action::Confirm => {
                return vec![Effect::Queue(QueueOp::Call(id, v))];
            }
            Some((id, v, TicketState::Parked)) if action != Action::Reinstate => {
                return vec![Effect::Queue(QueueOp::CallBack(id, v))];
            }
            Some((id, v, TicketState::NoShow)) if action != Action::CallBack => {
                return vec![Effect::Queue(QueueOp::Reinstate(id, v))];
            }
            Some((_, _, state)) => app.toast(Notice::Queue(crate::storage::QueueError::WrongState(state))),
            None => app.toast(Notice::NoTicket),
        },
        Action::TakeNumber => open_prompt(app, PromptFor::Take, 0, 0, String::new()),
        Action::TakeGreen => open_prompt(app, PromptFor::TakeGreen, 0, 0, String::new()),
        Action::SignInOut => match (signed_in, app.session.operator.window) {
            (Some(_), _) => return vec![Effect::Queue(QueueOp::SignOut)],
            (None, Some(n)) => return vec![Effect::Queue(QueueOp::SignIn(n))],
            (None, None) => app.toast(Notice::NoWindow),
        },
        Action::PauseWindow => match signed_in {
            Some(w) if w.paused.is_some() => return vec![Effect::Queue(QueueOp::Pause(None))],
            Some(_) => open_prompt(app, PromptFor::Pause, 0, 0, String::new()),
            None => app.toast(Notice::Queue(crate::storage::QueueError::NotSignedIn)),
        },
        _ => {}
    }
    vec![]
}

/// The day and category shown (today and the first category until changed).
fn load_appointments(app: &mut App) -> Vec<Effect> {
    let day = *app.appointments.day.get_or_insert(app.now.date());
    if app.appointments.category.is_none() {
        app.appointments.category = app.catalog.categories.first().map(|c| c.code.clone());
    }
    match &app.appointments.category {
        Some(c) => vec![Effect::LoadAppointments(day, c.clone())],
        None => vec![],
    }
}

fn appointments_action(app: &mut App, action: Action) -> Vec<Effect> {
    use super::appointments::Row;
    let today = app.now.date();
    let a = &mut app.appointments;
    let day = a.day.unwrap_or(today);
    match action {
        Action::Up => a.selected = a.selected.saturating_sub(1),
        Action::Down => a.selected = (a.selected + 1).min(a.rows.len().saturating_sub(1)),
        Action::First => a.selected = 0,
        Action::Last => a.selected = a.rows.len().saturating_sub(1),
        Action::PrevDay | Action::NextDay => {
            let to = if action == Action::NextDay { day.succ_opt() } else { day.pred_opt() };
            a.day = to.or(Some(day));
            a.selected = 0;
            return load_appointments(app);
        }
        Action::CycleFilter => {
            let cats: Vec<String> = app.catalog.categories.iter().map(|c| c.code.clone()).collect();
            let i = a.category.as_ref().and_then(|c| cats.iter().position(|x| x == c)).map(|i| i + 1).unwrap_or(0);
            a.category = cats.get(i % cats.len().max(1)).cloned();
            a.selected = 0;
            return load_appointments(app);
        }
        Action::Book | Action::Confirm | Action::CancelBooking | Action::CheckIn => {
            let row = a.selected_row().cloned();
            let category = a.category.clone().unwrap_or_default();
            match (action, row) {
                (Action::Book | Action::Confirm, Some(Row::Slot(s))) => {
                    open_prompt(app, PromptFor::BookFor, 0, 0, s.at.format("%H:%M").to_string());
                    if let Some(Overlay::Prompt(p)) = &mut app.overlay {
                        p.slot = Some((day, s.at, category));
                    }
                }
                (Action::Confirm | Action::CheckIn, Some(Row::Booking(b))) => return vec![Effect::CheckIn(b.id)],
                (Action::CancelBooking, Some(Row::Booking(b))) => {
                    open_prompt(app, PromptFor::CancelBooking, b.id, 0, b.resident_name.clone());
                }
                _ => app.toast(Notice::NoTicket),
            }
        }
        _ => {}
    }
    vec![]
}

/// The rooms' day (or week) to read.
fn rooms_load(app: &App) -> Effect {
    let day = app.rooms.day.unwrap_or(app.now.date());
    if app.rooms.week {
        let monday = day - chrono::Duration::days(chrono::Datelike::weekday(&day).num_days_from_monday() as i64);
        Effect::LoadRooms(monday, monday + chrono::Duration::days(6))
    } else {
        Effect::LoadRooms(day, day)
    }
}

fn rooms_action(app: &mut App, action: Action) -> Vec<Effect> {
    use super::rooms::{Draft, ROW_MINUTES};
    let today = app.now.date();
    let day = app.rooms.day.unwrap_or(today);
    let login = app.session.operator.login.clone();
    let supervisor = app.session.operator.role.may(crate::domain::operator::Permission::Supervise);
    let mediator = app.session.operator.role.may(crate::domain::operator::Permission::Mediation);
    let rows = app.rooms.rows();
    let r = &mut app.rooms;
    let step = chrono::Duration::minutes(ROW_MINUTES);
    if let Some(d) = &mut r.draft {
        // A draft moves with the cursor keys and changes length with +/-.
        match action {
            Action::Up => {
                d.start -= step;
                d.end -= step;
            }
            Action::Down => {
                d.start += step;
                d.end += step;
            }
            Action::RoomLeft => d.room = d.room.saturating_sub(1),
            Action::RoomRight => d.room = (d.room + 1).min(r.rooms.len().saturating_sub(1)),
            Action::Longer => d.end += chrono::Duration::minutes(15),
            Action::Shorter => d.end -= chrono::Duration::minutes(15),
            Action::Back => r.draft = None,
            Action::Confirm | Action::Book | Action::MoveRoomBooking => {
                let d = d.clone();
                // The cursor follows the booking to where it goes.
                let first = r.row_time(d.start.date(), 0);
                r.row = ((d.start - first).num_minutes() / ROW_MINUTES).max(0) as usize;
                r.col = d.room;
                if let Some(problem) = app.rooms.draft_problem(&app.calendar, &login, app.now) {
                    app.toast(Notice::Room(crate::storage::RoomOpError::Rule(problem)));
                    return vec![];
                }
                match d.moving {
                    Some((id, version)) => {
                        app.rooms.draft = None;
                        let room_id = app.rooms.rooms.get(d.room).map(|x| x.id).unwrap_or(0);
                        return vec![Effect::MoveRoom { id, version, room_id, start: d.start, end: d.end }];
                    }
                    None => open_prompt(app, PromptFor::RoomPurpose, 0, 0, String::new()),
                }
            }
            _ => {}
        }
        return vec![];
    }
    match action {
        Action::Up => r.row = r.row.saturating_sub(1),
        Action::Down => r.row = (r.row + 1).min(rows.saturating_sub(1)),
        Action::RoomLeft => r.col = r.col.saturating_sub(1),
        Action::RoomRight => r.col = (r.col + 1).min(r.rooms.len().saturating_sub(1)),
        Action::PrevDay | Action::NextDay => {
            let days = if r.week { 7 } else { 1 };
            let delta = chrono::Duration::days(if action == Action::NextDay { days } else { -days });
            r.day = Some(day + delta);
            return vec![rooms_load(app)];
        }
        Action::ToggleWeek => {
            r.week = !r.week;
            return vec![rooms_load(app)];
        }
        Action::Book | Action::Confirm if !r.week => {
            if !mediator {
                app.toast(Notice::Denied);
                return vec![];
            }
            let start = r.row_time(day, r.row);
            if let Some(taken) = r.booking_at(r.col, start).cloned() {
                let e = crate::domain::room::RoomError::RoomTaken(Box::new(taken));
                app.toast(Notice::Room(crate::storage::RoomOpError::Rule(e)));
                return vec![];
            }
            r.draft = Some(Draft { moving: None, room: r.col, start, end: start + chrono::Duration::minutes(60) });
        }
        Action::MoveRoomBooking | Action::CancelBooking if !r.week => {
            let at = r.row_time(day, r.row);
            let col = r.col;
            match r.booking_at(col, at).cloned() {
                Some(b) if supervisor || b.mediator == login => {
                    if action == Action::MoveRoomBooking {
                        r.draft =
                            Some(Draft { moving: Some((b.id, b.version)), room: col, start: b.start, end: b.end });
                    } else {
                        let label = b.start.format("%H:%M").to_string();
                        open_prompt(app, PromptFor::CancelRoom, b.id, b.version, label);
                    }
                }
                Some(_) => app.toast(Notice::Room(crate::storage::RoomOpError::NotYours)),
                None => app.toast(Notice::NoTicket),
            }
        }
        _ => {}
    }
    vec![]
}

fn submit_mediation_form(app: &mut App) -> Vec<Effect> {
    use crate::domain::mediation::{Party, PartyRole, check_parties};
    let Some(Overlay::MediationForm(f)) = &mut app.overlay else { return vec![] };
    let t = |i: usize| f.inputs[i].text().trim().to_string();
    let parties = vec![
        Party { name: t(0), role: PartyRole::Applicant, contact: t(1) },
        Party { name: t(2), role: PartyRole::Respondent, contact: t(3) },
    ];
    if let Err(e) = check_parties(&parties) {
        f.problem = Some(e);
        f.focus = 2;
        return vec![];
    }
    if t(4).is_empty() {
        f.problem = Some(crate::domain::mediation::MediationError::TextRequired);
        f.focus = 6;
        return vec![];
    }
    let e = Effect::OpenMediation(f.dispute(), f.source(), t(4), parties);
    app.overlay = None;
    vec![e]
}

fn mediation_action(app: &mut App, action: Action) -> Vec<Effect> {
    use crate::domain::mediation::MediationStep;
    let m = &mut app.mediation;
    let current = m.selected_case().map(|c| (c.id, c.version, c.number.clone()));
    match action {
        Action::Up | Action::Down => {
            let before = m.selected;
            m.selected = if action == Action::Up {
                m.selected.saturating_sub(1)
            } else {
                (m.selected + 1).min(m.list.len().saturating_sub(1))
            };
            if m.selected != before {
                m.events.clear();
                if let Some(c) = m.selected_case() {
                    return vec![Effect::LoadMediationEvents(c.id)];
                }
            }
        }
        Action::NewMediation => {
            app.overlay = Some(Overlay::MediationForm(Box::default()));
        }
        Action::MediationStart => {
            if let Some((id, v, _)) = current {
                return vec![Effect::MediationStep(id, v, MediationStep::Start, String::new())];
            }
        }
        Action::MediationAgree | Action::MediationFail | Action::MediationTerminate | Action::MediationVisit => {
            let purpose = match action {
                Action::MediationAgree => PromptFor::Agree,
                Action::MediationFail => PromptFor::Fail,
                Action::MediationTerminate => PromptFor::Terminate,
                _ => PromptFor::MediationVisit,
            };
            match current {
                Some((id, v, number)) => open_prompt(app, purpose, id, v, number),
                None => app.toast(Notice::NoCase),
            }
        }
        _ => {}
    }
    vec![]
}
