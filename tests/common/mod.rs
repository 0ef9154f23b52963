//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod accounts;
pub mod desk;
pub mod pty;
pub mod replica;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use yichuang::app::{self, App, Effect, Msg, Session};
use yichuang::domain::calendar::CalendarFile;
use yichuang::domain::catalog::Catalog;
use yichuang::domain::lang::Lang;
use yichuang::domain::operator::{Operator, Role};
use yichuang::domain::text::display_width;
use yichuang::i18n;
use yichuang::keymap::{Key, KeyChord, Keymap};
use yichuang::ui::{self, Theme};

/// The login running the tests, as the program reads it: the password entry of the real uid.
/// A database this login initialises has it as admin; other operators are acted as with `--as`.
pub fn me() -> String {
    yichuang::setup::os_login().unwrap()
}

/// The shipped catalog.
pub fn catalog() -> Catalog {
    Catalog::parse("fixtures/service_items.toml", yichuang::setup::CATALOG).unwrap()
}

/// The shipped calendar.
pub fn calendar() -> CalendarFile {
    CalendarFile::parse("fixtures/holidays.toml", yichuang::setup::HOLIDAYS).unwrap()
}

/// A clerk at window 3 with the catalog loaded, at a fixed time.
pub fn app(lang: Lang, keymap: &str) -> App {
    app_as(Role::Clerk, lang, keymap)
}

/// Someone in `role` with the catalog and calendar loaded, on Friday 2026-11-20 at 09:41.
pub fn app_as(role: Role, lang: Lang, keymap: &str) -> App {
    let op = Operator { id: 2, login: "wangfang".into(), name: "王芳".into(), role, window: Some(3), retired: false };
    let session = Session { operator: op, db_path: "/srv/yichuang/yichuang.sqlite3".into(), demo: false };
    let now = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(9, 41, 0).unwrap();
    let mut a = App::new(lang, Keymap::builtin(keymap).unwrap(), session, now, i18n::describe);
    let c = catalog();
    app::update(&mut a, Msg::CatalogLoaded(c.items, c.categories));
    let cal = yichuang::domain::calendar::Calendar::new(calendar().days);
    app::update(&mut a, Msg::CalendarLoaded(cal, yichuang::storage::DEFAULT_CLOSING));
    a
}

/// Feeds a message.
pub fn send(a: &mut App, m: Msg) -> Vec<Effect> {
    app::update(a, m)
}

/// Feeds one key by its keymap-file name (`ctrl-p`, `f1`, `down`, `?`).
pub fn press(a: &mut App, name: &str) -> Vec<Effect> {
    let chord = KeyChord::parse(name).unwrap_or_else(|| panic!("bad key {name}"));
    app::update(a, Msg::Key(chord))
}

/// Types text one character at a time, as a clerk or an input method would.
pub fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        app::update(a, Msg::Key(KeyChord::plain(Key::Char(c))));
    }
}

/// Renders the app at `w`×`h` with colours off.
pub fn terminal(a: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, a, &Theme::new(true))).unwrap();
    t
}

/// The visible text of a rendered screen, wide characters counted once.
pub fn screen(a: &App, w: u16, h: u16) -> String {
    text_of(&terminal(a, w, h))
}

/// The visible text of a drawn terminal, wide characters counted once.
pub fn text_of(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        let mut line = String::new();
        while x < buf.area.width {
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            x += display_width(s).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A 2027 notice for tests (not the real one): 元旦 joined to Monday 01-04, 春节 02-06..12 with
/// a makeup Saturday on 02-20, so due dates differ from the law's provisional count.
pub const NOTICE_2027: &str = r#"
[[years]]
year = 2027
source = "test notice"

[[years.holidays]]
name = "元旦"
off = [2027-01-01, 2027-01-02, 2027-01-03, 2027-01-04]
work = []

[[years.holidays]]
name = "春节"
off = [2027-02-06, 2027-02-07, 2027-02-08, 2027-02-09, 2027-02-10, 2027-02-11, 2027-02-12]
work = [2027-02-20]
"#;

/// A correction for 2027 that lists only New Year's Day.
pub const PARTIAL_2027: &str =
    "[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"元旦\"\noff = [2027-01-01]\nwork = []\n";

/// A fresh database in `dir` (`q.sqlite3`, initialised by root) with 张秀英 registered.
pub fn db_with_resident(dir: &tempfile::TempDir) -> yichuang::storage::Db {
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
    let r = yichuang::domain::resident::ResidentDraft {
        name: "张秀英".into(),
        id_number: "320124194511230043".into(),
        phone: "13812345678".into(),
        ..Default::default()
    };
    db.register_resident("root", &r.validate("2026-11-20".parse().unwrap()).unwrap()).unwrap();
    db
}

/// 王建国, electrician (电工维修) of 第一网格 working at 区税务局: the member the request tests
/// dispatch to.
pub fn electrician() -> yichuang::domain::member::MemberDraft {
    yichuang::domain::member::MemberDraft {
        name: "王建国".into(),
        id_number: "320124198808240056".into(),
        phone: "13812345678".into(),
        unit: "区税务局".into(),
        grid: "第一网格".into(),
        skills: "电工维修".into(),
        ..Default::default()
    }
}

/// 张秀英 at 幸福里小区 3-2-401 (the grid layout's first estate).
pub fn zhang_at_xingfuli() -> yichuang::domain::resident::ResidentDraft {
    yichuang::domain::resident::ResidentDraft {
        name: "张秀英".into(),
        id_number: "320124194511230043".into(),
        phone: "13812345678".into(),
        address: yichuang::domain::resident::Address {
            estate: "幸福里小区".into(),
            building: "3".into(),
            unit: "2".into(),
            room: "401".into(),
        },
        ..Default::default()
    }
}

/// 张秀英 (registered if new) takes in a 30-working-day item at 王芳's desk at the database's
/// clock, its required materials `status`: the case whose count runs into next year in December.
pub fn thirty_day_case(
    db: &mut yichuang::storage::Db,
    status: yichuang::domain::case::MaterialStatus,
) -> yichuang::domain::case::Case {
    use yichuang::domain::case::{CaseMaterial, Channel, MaterialStatus};
    use yichuang::domain::catalog::LimitUnit;
    use yichuang::storage::{IntakeRequest, Registered};
    let draft = yichuang::domain::resident::ResidentDraft {
        name: "张秀英".into(),
        id_number: "320124194511230043".into(),
        phone: "13812345678".into(),
        ..Default::default()
    };
    let r = draft.validate("2026-11-22".parse().unwrap()).unwrap();
    let (Registered::New(r) | Registered::Existing(r)) = db.register_resident("root", &r).unwrap();
    let item = db
        .service_items()
        .unwrap()
        .into_iter()
        .find(|i| i.time_limit.unit == LimitUnit::WorkingDays && i.time_limit.n == 30)
        .unwrap();
    let materials = item
        .materials
        .iter()
        .map(|m| CaseMaterial::at_intake(m, if m.required { status } else { MaterialStatus::Missing }))
        .collect();
    let req = IntakeRequest { item_code: item.code, resident_id: r.id, channel: Channel::Window, materials };
    db.intake("wangfang", &req).unwrap()
}

/// The real binary on `dir/desk.sqlite3`, run from `dir` with a home, config and data folders
/// of its own and none of the variables that would point it elsewhere or move its clock.
pub fn yichuang(dir: &std::path::Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_yichuang"));
    c.arg("--db")
        .arg(dir.join("desk.sqlite3"))
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("YICHUANG_DB")
        .env_remove("YICHUANG_NOW");
    c
}

/// The member tests' activity: 环境整治 at 幸福里小区, 2026-11-20 09:00–11:00, 2 points an hour.
pub fn clean_up(capacity: u32) -> yichuang::domain::member::Activity {
    let at = |s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    yichuang::domain::member::Activity {
        id: 0,
        title: "环境整治".into(),
        category: yichuang::domain::member::Post::Governance,
        organiser: "社区党委".into(),
        place: "幸福里小区".into(),
        start: at("2026-11-20 09:00"),
        end: at("2026-11-20 11:00"),
        capacity,
        rate: 2,
        needs: String::new(),
    }
}

/// A database holding the demo's morning at `now` (staff, cases, queue, mediation, members),
/// in a directory of its own; returns the directory, the database's path and the database.
pub fn demo_morning(now: &str) -> (tempfile::TempDir, std::path::PathBuf, yichuang::storage::Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.sqlite3");
    let (mut db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
    for (l, name, role, window) in yichuang::setup::DEMO_STAFF {
        db.add_operator("root", l, name, *role, *window).unwrap();
    }
    let t = chrono::DateTime::parse_from_rfc3339(now).unwrap();
    yichuang::sample::demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
    yichuang::sample::demo::populate_queue(&mut db, t).unwrap();
    yichuang::sample::demo::populate_mediation(&mut db, t).unwrap();
    yichuang::sample::demo::populate_members(&mut db, t).unwrap();
    (dir, path, db)
}

/// Registers 王建国 of 区税务局, reporting on 1 September 2026 (the database's clock is set
/// to that morning); his member id.
pub fn register_wang(db: &mut yichuang::storage::Db) -> i64 {
    db.set_clock(desk::clock("2026-09-01T09:00:00+08:00"));
    let m = yichuang::domain::member::MemberDraft {
        name: "王建国".into(),
        id_number: "320124198808240056".into(),
        phone: "13812345678".into(),
        unit: "区税务局".into(),
        ..Default::default()
    };
    db.register_member("root", &m.validate(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()).unwrap()).unwrap().id
}

/// A small grid layout: 第一网格 (leader 刘伟, staff 孙丽), the repair service a member electrician
/// provides, a partner and a department.
pub const GRID_LAYOUT: &str = r#"
[[grid]]
name = "第一网格"
leader = "liuwei"
staff = ["sunli"]
places = ["幸福里小区", "和园新村/3"]

[[service]]
code = "repair"
name = "维修"
category = "生活服务"
provider = "member"
response = "2d"
keywords = "漏水 水管 楼道灯 灯不亮"
skill = "电工维修"

[[partner]]
name = "爱心理发店"
phone = "13800001111"
services = "haircut"

[[department]]
name = "区住建局"
phone = "02584001234"
"#;
