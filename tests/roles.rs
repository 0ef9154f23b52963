//! The role table of DESIGN.md §5, enforced where the data is. The first test is generated
//! from the `Effect` enum: every kind of request, sent by every role through the real worker
//! on a real database, is refused with exactly `Denied` (and nothing written) to the roles
//! without the permission, and not refused to a role with it. The expectation is written here
//! from DESIGN §5, apart from the worker's table, so a wrong entry there fails here.

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::desk::Desk;
use strum::IntoEnumIterator;
use yichuang::app::audit::{AdminCmd, OperatorOp, Target};
use yichuang::app::queue::QueueOp;
use yichuang::app::{Effect, EffectKind, Msg};
use yichuang::domain::case::{Channel, Transition};
use yichuang::domain::lang::Lang;
use yichuang::domain::mediation::{DisputeType, MediationStep, Party, PartyRole, Performance, Source};
use yichuang::domain::member::{Activity, MemberDraft, Post};
use yichuang::domain::operator::{Permission, Role};
use yichuang::domain::queue::OpenFate;
use yichuang::domain::resident::{Address, Resident};
use yichuang::storage::{AuditFilter, CaseFilter, IntakeRequest, MaterialEvent, Revealed};

const NOW: &str = "2026-11-20T10:20:00+08:00";

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn resident() -> Resident {
    Resident {
        id: 1,
        name: "张秀英".into(),
        id_number: "320124194511230043".into(),
        phone: "13812345678".into(),
        address: Address {
            estate: "幸福里小区".into(), building: "3".into(), unit: "2".into(), room: "502".into()
        },
        grid: "幸福里第二网格".into(),
        tags: vec![],
    }
}

fn member() -> yichuang::domain::member::Member {
    let d = MemberDraft {
        name: "李建国".into(),
        id_number: "320124198808240056".into(),
        phone: "13812345678".into(),
        unit: "市税务局".into(),
        ..Default::default()
    };
    d.validate(day()).unwrap()
}

fn activity() -> Activity {
    let at = |h| day().and_hms_opt(h, 0, 0).unwrap();
    Activity {
        id: 0,
        title: "楼道清洁".into(),
        category: Post::Governance,
        organiser: "社区党委".into(),
        place: "幸福里小区".into(),
        start: at(14),
        end: at(16),
        capacity: 20,
        rate: 1,
        needs: String::new(),
    }
}

/// Who may ask, as DESIGN §5 says (None: anyone signed in).
type Who = Option<Permission>;

/// Sample requests of one kind with who may make each. An exhaustive match on the kind: a new
/// effect does not compile here until its sample and its rule are written down.
fn samples(kind: EffectKind) -> Vec<(Effect, Who)> {
    use Permission::*;
    let (d, t) = (day(), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let at = |h| d.and_hms_opt(h, 0, 0).unwrap();
    let one = |e: Effect, who: Permission| vec![(e, Some(who))];
    match kind {
        EffectKind::Quit => vec![(Effect::Quit, None)],
        // Only one's own change, already permitted, is taken back.
        EffectKind::Undo => vec![(Effect::Undo, None)],
        // Ranks what the session holds: no data read or written.
        EffectKind::Rank => {
            use yichuang::app::ranking::{RankJob, Who};
            let index = yichuang::search::Index::new(vec![yichuang::search::resident_document(&resident())]);
            let job = RankJob {
                who: Who::Residents,
                index,
                narrowing: Default::default(),
                query: "zxy".into(),
                limit: 10,
                generation: 0,
            };
            vec![(Effect::Rank(Box::new(job)), None)]
        }
        EffectKind::LoadCatalog => one(Effect::LoadCatalog, ReadCatalog),
        EffectKind::LoadCalendar => one(Effect::LoadCalendar, ReadCatalog),
        EffectKind::LoadRooms => one(Effect::LoadRooms(d, d), ReadCatalog),
        EffectKind::LoadQueue => one(Effect::LoadQueue, ReadCatalog),
        EffectKind::FreeWindow => one(Effect::FreeWindow(1, Some(OpenFate::BackInLine)), Supervise),
        EffectKind::LoadCases => one(Effect::LoadCases(CaseFilter::default()), Cases),
        EffectKind::MoreCases => one(Effect::MoreCases(CaseFilter::default(), ("9999".into(), 0)), Cases),
        EffectKind::LoadCase => one(Effect::LoadCase(1), Cases),
        EffectKind::LoadResidents => one(Effect::LoadResidents(0, None), Cases),
        EffectKind::RegisterResident => one(Effect::RegisterResident(resident()), Cases),
        EffectKind::EditResident => one(Effect::EditResident(Box::new((resident(), resident()))), Cases),
        EffectKind::Intake => {
            let req =
                IntakeRequest { item_code: "X".into(), resident_id: 1, channel: Channel::Window, materials: vec![] };
            one(Effect::Intake(req), Cases)
        }
        EffectKind::Transition => {
            one(Effect::Transition { id: 1, version: 1, transition: Transition::Start, reason: String::new() }, Cases)
        }
        EffectKind::Rate => one(Effect::Rate { id: 1, version: 1, stars: 5 }, Cases),
        EffectKind::FollowUp => one(Effect::FollowUp { id: 1, version: 1, note: "已回访".into() }, Cases),
        EffectKind::Material => {
            one(Effect::Material { id: 1, version: 1, seq: 0, what: MaterialEvent::OriginalReceived }, Cases)
        }
        EffectKind::Reveal => one(Effect::Reveal(resident(), Revealed::IdNumber), Cases),
        EffectKind::PrintReceipt => one(Effect::PrintReceipt(1, Lang::Zh), Cases),
        EffectKind::PrintSlip => one(Effect::PrintSlip("LL-001".into(), Lang::Zh, None), Cases),
        EffectKind::LoadAppointments => one(Effect::LoadAppointments(d, "SB".into()), Cases),
        EffectKind::Book => one(Effect::Book(d, t, "SB".into(), 1), Cases),
        EffectKind::CancelAppointment => one(Effect::CancelAppointment(1, "改期".into()), Cases),
        EffectKind::CheckIn => one(Effect::CheckIn(1), Cases),
        EffectKind::Queue => vec![
            (Effect::Queue(QueueOp::Take("SB".into(), None)), Some(TakeNumber)),
            (Effect::Queue(QueueOp::SignIn(1)), Some(Cases)),
            (Effect::Queue(QueueOp::CallNext), Some(Cases)),
            (Effect::Queue(QueueOp::Transfer(1, 1, "YB".into())), Some(Cases)),
        ],
        EffectKind::Requests => {
            use yichuang::app::requests::RequestOp;
            use yichuang::domain::request::{Rating, Step};
            vec![
                (Effect::Requests(RequestOp::Page(Default::default(), None)), Some(Requests)),
                (Effect::Requests(RequestOp::Step(1, 1, Step::Accept, String::new())), Some(Requests)),
                (Effect::Requests(RequestOp::Rate(1, Rating::Satisfied)), Some(Requests)),
                (Effect::Requests(RequestOp::Candidates(1)), Some(Dispatch)),
                (Effect::Requests(RequestOp::Dispatch(1, 1, "grid:liuwei".into())), Some(Dispatch)),
                (Effect::Requests(RequestOp::Escalate(1, "区住建局".into(), 3, "鉴定".into())), Some(Dispatch)),
            ]
        }
        EffectKind::BookRoom => {
            let e = Effect::BookRoom { room_id: 1, start: at(14), end: at(15), purpose: "调解".into(), weeks: 1 };
            one(e, Mediation)
        }
        EffectKind::MoveRoom => {
            one(Effect::MoveRoom { id: 1, version: 1, room_id: 1, start: at(15), end: at(16) }, Mediation)
        }
        EffectKind::CancelRoom => one(Effect::CancelRoom(1, 1, "改期".into()), Mediation),
        EffectKind::LoadMediation => one(Effect::LoadMediation, Mediation),
        EffectKind::LoadMediationEvents => one(Effect::LoadMediationEvents(1), Mediation),
        EffectKind::OpenMediation => {
            let p = |name: &str, role| Party { name: name.into(), role, contact: "13812345678".into() };
            let parties = vec![p("王甲", PartyRole::Applicant), p("王乙", PartyRole::Respondent)];
            one(Effect::OpenMediation(DisputeType::Neighbours, Source::Application, "漏水".into(), parties), Mediation)
        }
        EffectKind::MediationStep => one(Effect::MediationStep(1, 1, MediationStep::Start, String::new()), Mediation),
        EffectKind::MediationFollowUp => {
            one(Effect::MediationFollowUp(1, 1, Performance::Done, "已履行".into()), Mediation)
        }
        EffectKind::MoveSeries => {
            one(Effect::MoveSeries { id: 1, version: 1, room_id: 1, start: at(14), end: at(15) }, Mediation)
        }
        EffectKind::CancelSeries => one(Effect::CancelSeries(1, 1, "改期".into()), Mediation),
        EffectKind::EditRoom => one(Effect::EditRoom(1, 1, "调解".into()), Mediation),
        EffectKind::RevealParties => one(Effect::RevealParties(1), Mediation),
        EffectKind::LoadMembers => one(Effect::LoadMembers(None), Members),
        EffectKind::LoadMemberRecords => one(Effect::LoadMemberRecords(1), Members),
        EffectKind::LoadActivities => one(Effect::LoadActivities(d, d), Members),
        EffectKind::LoadActivityRecords => one(Effect::LoadActivityRecords(1), Members),
        EffectKind::RegisterMember => one(Effect::RegisterMember(member()), Members),
        EffectKind::AddActivity => one(Effect::AddActivity(activity()), Members),
        EffectKind::MemberCheck => one(Effect::MemberCheck { member: 1, activity: 1, out: false }, Members),
        EffectKind::ManualHours => one(Effect::ManualHours(1, d, 2, 1, "补录".into()), Members),
        EffectKind::DeclineRecord => one(Effect::DeclineRecord(1, "重复".into()), Members),
        EffectKind::LoadPendingHours => one(Effect::LoadPendingHours, Supervise),
        EffectKind::DecideHours => one(Effect::DecideHours(1, None), Supervise),
        EffectKind::MemberUpdate => one(Effect::MemberUpdate(1, true, None), Members),
        EffectKind::RevealMember => one(Effect::RevealMember(1), Members),
        EffectKind::Feedback => one(Effect::Feedback(2026, 4, Lang::Zh), Members),
        EffectKind::LoadDashboard => one(Effect::LoadDashboard, Supervise),
        EffectKind::LoadAudit => one(Effect::LoadAudit(AuditFilter::default(), None), Supervise),
        EffectKind::LoadOperators => one(Effect::LoadOperators, Supervise),
        EffectKind::SetTarget => one(Effect::SetTarget(Target::WaitMinutes(20)), Supervise),
        EffectKind::WriteReport => one(Effect::WriteReport(false, d, Lang::Zh), Supervise),
        EffectKind::Admin => vec![
            (Effect::Admin(AdminCmd::RoomAdd("和为贵调解室三".into(), 6), Lang::Zh), Some(Supervise)),
            (Effect::Admin(AdminCmd::Window(9, "综合窗口".into(), vec!["SB".into()]), Lang::Zh), Some(Supervise)),
            (Effect::Admin(AdminCmd::Setting("centre_name".into(), "幸福里".into()), Lang::Zh), Some(Administer)),
        ],
        EffectKind::OperatorChange => {
            let add = OperatorOp::Add("zhao".into(), "赵六".into(), Role::Clerk, None);
            one(Effect::OperatorChange(add), Administer)
        }
    }
}

fn desk(role: Role) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = yichuang::setup::open_or_init(&dir.path().join("r.sqlite3"), "root").unwrap();
    let window = if role == Role::Clerk { Some(1) } else { None };
    Desk::with(dir, db, "someone", "某人", role, window, NOW)
}

/// The newest audit row: the trail is append-only and every write adds a row, so an
/// unchanged newest row means nothing was written.
fn newest_audit(d: &Desk) -> Option<i64> {
    d.db.audit_page(None, 1).unwrap().first().map(|r| r.id)
}

#[test]
fn every_request_is_refused_to_every_role_without_its_permission_and_allowed_to_one_with_it() {
    let desks: Vec<(Role, Desk)> = Role::ALL.into_iter().map(|r| (r, desk(r))).collect();
    let mut desks = desks;
    let mut checked = 0;
    for kind in EffectKind::iter() {
        for (effect, who) in samples(kind) {
            let may = |role: Role| who.is_none_or(|p| role.may(p));
            for (role, d) in desks.iter_mut().filter(|(r, _)| !may(*r)) {
                let before = newest_audit(d);
                let msgs = yichuang::runtime::worker::handle(&mut d.db, &d.ctx, effect.clone());
                assert!(matches!(msgs.as_slice(), [Msg::Denied]), "{role:?} was not refused {effect:?}: {msgs:?}");
                assert_eq!(newest_audit(d), before, "{role:?} {effect:?} wrote to the database");
                checked += 1;
            }
            let (role, d) = desks.iter_mut().find(|(r, _)| may(*r)).expect("someone may do it");
            let msgs = yichuang::runtime::worker::handle(&mut d.db, &d.ctx, effect.clone());
            assert!(!msgs.iter().any(|m| matches!(m, Msg::Denied)), "{role:?} was refused {effect:?}");
            checked += 1;
        }
    }
    // Every kind, and more than one role each: the loop really ran.
    assert!(checked > 2 * EffectKind::iter().count(), "{checked}");
}

#[test]
fn the_worker_table_is_the_one_the_app_asks_about() {
    // `app::required` is what help and the palette can offer from; the worker checks the same.
    for kind in EffectKind::iter() {
        for (effect, who) in samples(kind) {
            let want = who.map_or(yichuang::app::Need::Anyone, yichuang::app::Need::May);
            assert_eq!(yichuang::app::required(&effect), want, "{effect:?}");
        }
    }
}

#[test]
fn every_key_of_every_screen_for_every_role_never_panics_or_shows_a_forbidden_tab() {
    let keys: Vec<String> = [
        "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f11", "f12", "alt-r", "alt-j", "alt-m", "alt-d", "n",
        "s", "a", "f", "x", "c", "v", "t", "m", "w", "z", "p", "b", "r", "i", "g", "e", "h", "space", "enter", "esc",
        "esc", "up", "down", "ctrl-o", "ctrl-d", "ctrl-b", "ctrl-t", "ctrl-f", "ctrl-r", "ctrl-s", "ctrl-n", "esc",
        "tab",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for role in Role::ALL {
        let mut d = desk(role);
        let e = yichuang::app::update(&mut d.app, Msg::Resize(100, 30));
        d.run(e);
        for _ in 0..3 {
            for k in &keys {
                d.press(k);
                assert!(d.app.tabs().contains(&d.app.tab), "{role:?} on {:?} after {k}", d.app.tab);
                common::screen(&d.app, 100, 30);
            }
        }
        assert!(d.db.check().unwrap().is_empty());
    }
}

#[test]
fn every_action_on_every_visible_screen_for_every_role() {
    use yichuang::action::Action;
    for role in Role::ALL {
        let mut d = desk(role);
        let e = yichuang::app::update(&mut d.app, Msg::Resize(100, 30));
        d.run(e);
        for tab in d.app.tabs() {
            for (action, _) in Action::ALL {
                if *action == Action::Quit {
                    continue;
                }
                d.app.tab = tab;
                d.app.overlay = None;
                let section = d.app.section();
                // Through its key where the keymap binds one here, else through the palette.
                match d.app.keymap.keys_for(section, *action).first() {
                    Some(k) => {
                        let e = yichuang::app::update(&mut d.app, Msg::Key(*k));
                        d.run(e);
                    }
                    None => {
                        d.press("ctrl-p");
                        d.typed(action.name());
                        d.press("enter");
                    }
                }
                // Whatever the action opened, Esc leaves it, and the screen draws.
                d.press("esc");
                common::screen(&d.app, 100, 30);
                assert!(d.app.tabs().contains(&d.app.tab), "{role:?} {action:?} led to {:?}", d.app.tab);
            }
        }
        assert!(d.db.check().unwrap().is_empty());
    }
}

#[test]
fn dialogs_open_only_when_this_role_can_send_their_answer() {
    use yichuang::action::Action;
    // The demo morning, where most actions have something to act on.
    let (_dir, path, _db) = common::demo_morning(NOW);
    let mut opened = 0;
    // Each desk as it opens, and with the views a key switches to (the dashboard's audit trail
    // and operator list, the members' other lists) already switched once and twice.
    let views = [vec![], vec!["f3"], vec!["f3", "f3"]];
    for ((login, name, role, window), view) in
        yichuang::setup::DEMO_STAFF.iter().flat_map(|s| views.iter().map(move |v| (s, v)))
    {
        let db = yichuang::storage::Db::open(&path).unwrap();
        let mut d = Desk::with(tempfile::tempdir().unwrap(), db, login, name, *role, *window, NOW);
        let e = yichuang::app::update(&mut d.app, Msg::Resize(120, 36));
        d.run(e);
        for tab in d.app.tabs() {
            d.app.tab = tab;
            for k in view {
                d.press(k);
            }
            d.app.overlay = None;
            for (action, _) in Action::ALL {
                if matches!(
                    action,
                    Action::Quit | Action::Help | Action::Palette | Action::ToggleAudit | Action::MembersView
                ) {
                    continue;
                }
                d.app.tab = tab;
                d.app.overlay = None;
                let Some(k) = d.app.keymap.keys_for(d.app.section(), *action).first().copied() else { continue };
                let e = yichuang::app::update(&mut d.app, Msg::Key(k));
                d.run(e);
                if let Some(need) = d.app.overlay.as_ref().and_then(|o| o.needs()) {
                    opened += 1;
                    assert!(
                        role.may(need),
                        "{login} ({role:?}) on {tab:?}: {action:?} opened a dialog needing {need:?}"
                    );
                }
                d.press("esc");
            }
        }
    }
    assert!(opened > 10, "dialogs were opened and checked: {opened}");
}
