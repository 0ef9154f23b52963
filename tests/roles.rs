//! The role table of DESIGN.md §5, enforced where the data is: every guarded request for every
//! role, and every key of every screen pressed by every role without a panic.

mod common;

use chrono::NaiveDate;
use common::desk::Desk;
use yichuang::app::queue::QueueOp;
use yichuang::app::{Effect, Msg};
use yichuang::domain::lang::Lang;
use yichuang::domain::operator::{Permission, Role};
use yichuang::storage::{AuditFilter, CaseFilter};

const NOW: &str = "2026-11-20T10:20:00+08:00";

fn guarded() -> Vec<(Effect, Permission)> {
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    vec![
        (Effect::LoadResidents(0), Permission::Cases),
        (Effect::LoadCases(CaseFilter::default()), Permission::Cases),
        (Effect::LoadCase(1), Permission::Cases),
        (Effect::CancelAppointment(1, "改期".into()), Permission::Cases),
        (Effect::Queue(QueueOp::CallNext), Permission::Cases),
        (Effect::LoadMembers(None), Permission::Members),
        (Effect::LoadActivities(day, day), Permission::Members),
        (Effect::ManualHours(1, day, 2, 1, "补录".into()), Permission::Members),
        (Effect::DeclineRecord(1, "重复".into()), Permission::Members),
        (Effect::Feedback(2026, 4, Lang::Zh), Permission::Members),
        (Effect::LoadDashboard, Permission::Supervise),
        (Effect::LoadAudit(AuditFilter::default(), None), Permission::Supervise),
        (Effect::WriteReport(false, day, Lang::Zh), Permission::Supervise),
    ]
}

fn desk(role: Role) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = yichuang::setup::open_or_init(&dir.path().join("r.sqlite3"), "root").unwrap();
    let window = if role == Role::Clerk { Some(1) } else { None };
    Desk::with(dir, db, "someone", "某人", role, window, NOW)
}

#[test]
fn every_guarded_request_is_refused_exactly_to_the_roles_without_the_permission() {
    for role in Role::ALL {
        let mut d = desk(role);
        for (effect, needs) in guarded() {
            let msgs = yichuang::runtime::worker::handle(&mut d.db, &d.ctx, effect.clone());
            let denied = matches!(msgs.as_slice(), [Msg::Denied]);
            assert_eq!(denied, !role.may(needs), "{role:?} {effect:?}: {msgs:?}");
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
