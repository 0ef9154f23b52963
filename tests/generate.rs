//! The scale generator and what keeps a big database cheap to follow: a small synthetic centre
//! is sound, deterministic and shaped like a working year; the member desk re-reads its
//! members only when they changed.

use yichuang::app::members::MembersStamp;
use yichuang::app::{Effect, Msg};
use yichuang::runtime::worker::{WorkerContext, handle};
use yichuang::sample::generate::{Scale, generate};
use yichuang::storage::Db;

fn small(dir: &std::path::Path, seed: u64) -> (yichuang::sample::generate::Generated, Db) {
    let path = dir.join("g.sqlite3");
    let g = generate(&path, "root", Scale { residents: 2000, members: 300, days: 60, seed }).unwrap();
    (g, Db::open(&path).unwrap())
}

#[test]
fn a_small_centre_is_sound_and_shaped_like_a_working_year() {
    let dir = tempfile::tempdir().unwrap();
    let (g, db) = small(dir.path(), 1);
    assert!(db.check().unwrap().is_empty(), "{:?}", db.check());
    assert_eq!(g.residents, 2000);
    assert_eq!(g.members, 300);
    // Twenty to forty working days in sixty calendar days, at least twenty tickets each.
    assert!(g.tickets >= 20 * 35, "{g:?}");
    assert!(g.cases > 0 && g.appointments > 0 && g.bookings > 0 && g.activities > 0 && g.records > 0, "{g:?}");
    // On top of the demo's own residents, every identity number valid and unique (the
    // column is UNIQUE, so the insert itself proves uniqueness).
    let all = db.residents().unwrap();
    assert!(all.len() >= 2000);
    let today = db.clock().now().date_naive();
    for r in all.iter().step_by(97) {
        assert!(yichuang::domain::resident::parse_id(&r.id_number, today).is_ok(), "{}", r.id_number);
    }
}

#[test]
fn the_same_seed_gives_the_same_centre_and_another_seed_another() {
    let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (ga, da) = small(a.path(), 7);
    let (gb, db) = small(b.path(), 7);
    let (_, dc) = small(c.path(), 8);
    assert_eq!(ga, gb);
    let names = |d: &Db| d.residents().unwrap().into_iter().map(|r| (r.name, r.id_number)).collect::<Vec<_>>();
    assert_eq!(names(&da), names(&db));
    assert_ne!(names(&da), names(&dc));
}

#[test]
fn generate_refuses_to_replace_a_real_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("real.sqlite3");
    yichuang::setup::open_or_init(&path, "root").unwrap();
    let e = generate(&path, "root", Scale { residents: 10, members: 1, days: 1, seed: 1 }).unwrap_err();
    assert!(matches!(e, yichuang::setup::SetupError::NotDemo(_)), "{e:?}");
}

#[test]
fn the_member_desk_reads_its_members_again_only_when_they_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut db) = small(dir.path(), 1);
    let op = db.operator("zhaolei").unwrap().unwrap();
    let ctx = WorkerContext {
        operator: op,
        print_command: None,
        receipts_dir: dir.path().join("r"),
        paper: yichuang::i18n::receipt::Paper::Receipt48,
        keys_file: None,
        acting: None,
        clock: db.clock(),
    };
    let stamp = |msgs: &[Msg]| match msgs {
        [Msg::MembersLoaded(d)] => d.stamp,
        other => panic!("{other:?}"),
    };
    let first = stamp(&handle(&mut db, &ctx, Effect::LoadMembers(None)));
    assert!(handle(&mut db, &ctx, Effect::LoadMembers(Some(first))).is_empty(), "unchanged: nothing read");
    // A number taken elsewhere is not the member desk's business.
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    assert!(handle(&mut db, &ctx, Effect::LoadMembers(Some(first))).is_empty());
    // A new member is.
    let d = yichuang::domain::member::MemberDraft {
        name: "新党员".into(),
        id_number: "11010519491231002X".into(),
        phone: "13812345678".into(),
        unit: "区税务局".into(),
        ..Default::default()
    };
    let m = d.validate(db.clock().now().date_naive()).unwrap();
    db.register_member("zhaolei", &m).unwrap();
    let second = stamp(&handle(&mut db, &ctx, Effect::LoadMembers(Some(first))));
    assert_ne!(second, first);
    // So is another day, even with nothing written.
    let next_day = MembersStamp { today: first.today.pred_opt().unwrap(), ..second };
    assert_eq!(stamp(&handle(&mut db, &ctx, Effect::LoadMembers(Some(next_day)))), second);
}
