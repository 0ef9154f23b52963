//! `find --in members` and `members feedback`, run as a process on a database prepared
//! through the library.

use chrono::{Datelike, Duration, NaiveDateTime};
use std::path::PathBuf;
use std::process::{Command, Output};
use yichuang::domain::member::{Activity, MemberDraft, Post, quarter};
use yichuang::domain::operator::Role;

struct Env {
    dir: tempfile::TempDir,
    /// The quarter the records fall in, e.g. 2026Q4.
    quarter: String,
}

impl Env {
    /// 王建国 (区税务局) served at an activity that ended an hour ago and is entered by hand
    /// for another day; 李秀英 (区税务局) checked in and never out; 周明 (区人民医院) has no service.
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("desk.sqlite3"), "admin").unwrap();
        db.add_operator("admin", "zhaolei", "赵磊", Role::MemberDesk, None).unwrap();
        // The login running the tests administers, and acts as the others with --as.
        db.add_operator("admin", &yichuang::setup::os_login().unwrap(), "测试", Role::Admin, None).unwrap();
        db.add_operator("admin", "zhangmin", "张敏", Role::Mediator, None).unwrap();
        let now = db.clock().now().naive_local();
        // Registered yesterday: the hours below are entered for three hours ago, which just
        // after midnight China time is yesterday, and no hours count before a member reported.
        db.set_clock(yichuang::storage::Clock::starting_at(db.clock().now() - Duration::days(1)));
        let mut member = |name: &str, id: &str, phone: &str, unit: &str| {
            let d = MemberDraft {
                name: name.into(),
                id_number: id.into(),
                phone: phone.into(),
                unit: unit.into(),
                grid: "第二网格".into(),
                ..Default::default()
            };
            db.register_member("admin", &d.validate(now.date()).unwrap()).unwrap().id
        };
        let wang = member("王建国", "320124198808240056", "13812345678", "区税务局");
        let li = member("李秀英", "320102199001011224", "13912340000", "区税务局");
        member("周明", "320104198512120017", "18651230001", "区人民医院");
        db.set_clock(yichuang::storage::Clock::shanghai());
        let start: NaiveDateTime = now - Duration::hours(3);
        let a = Activity {
            id: 0,
            title: "环境整治".into(),
            category: Post::Governance,
            organiser: "社区党委".into(),
            place: "幸福里小区".into(),
            start,
            end: start + Duration::hours(2),
            capacity: 20,
            rate: 1,
            needs: String::new(),
        };
        let a = db.add_activity("admin", &a).unwrap().id;
        db.member_check_in("zhaolei", wang, a, start).unwrap();
        db.member_check_in("zhaolei", li, a, start).unwrap();
        db.member_check_out("zhaolei", wang, a, start + Duration::hours(2)).unwrap();
        db.manual_hours("zhaolei", wang, start.date(), 1, 1, "整理报到档案").unwrap();
        let quarter = format!("{}Q{}", start.year(), quarter(start.date()));
        Env { dir, quarter }
    }

    fn run_as(&self, user: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--db")
            .arg(self.dir.path().join("desk.sqlite3"))
            .args(["--as", user])
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env_remove("YICHUANG_DB")
            .output()
            .unwrap()
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

#[test]
fn members_are_found_by_initials_and_phone_tail_masked() {
    let e = Env::new();
    let o = e.run_as("zhaolei", &["find", "wjg", "--in", "members", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["name"], "王建国");
    assert_eq!(v[0]["phone"], "138****5678");
    assert!(!stdout(&o).contains("13812345678") && !stdout(&o).contains("198808240056"));
    assert_eq!(v[0]["unit"], "区税务局");
    assert!(v[0]["hours"].as_f64().unwrap() >= 2.0, "{v}");
    let tail = e.run_as("zhaolei", &["find", "0001", "--in", "members", "--json", "--limit", "1"]);
    let v: serde_json::Value = serde_json::from_slice(&tail.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["name"], "周明");
    let human = e.run_as("zhaolei", &["find", "lxy", "--in", "members"]);
    let line = stdout(&human);
    assert!(line.contains("李秀英") && line.contains("139****0000") && line.contains("第二网格"), "{line}");
    let none = e.run_as("zhaolei", &["find", "zzzqqq", "--in", "members"]);
    assert_eq!(code(&none), 0);
    assert!(stderr(&none).contains("没有匹配"), "{}", stderr(&none));
    let mediator = e.run_as("zhangmin", &["find", "wjg", "--in", "members"]);
    assert_eq!(code(&mediator), yichuang::cli::DENIED);
    assert!(stderr(&mediator).contains("zhangmin") && stdout(&mediator).is_empty());
}

#[test]
fn feedback_writes_one_file_per_unit_and_closes_forgotten_check_outs() {
    let e = Env::new();
    let o = e.run_as("zhaolei", &["members", "feedback", "--quarter", &e.quarter, "--out", "out"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let printed = stdout(&o);
    let paths: Vec<&str> = printed.lines().collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    let tax = std::fs::read_to_string(e.out(&format!("out/{}-区税务局.txt", e.quarter))).unwrap();
    assert!(tax.contains("王建国") && tax.contains("补录") && tax.contains("签到"), "{tax}");
    // 李秀英 never checked out: closed at the activity's end, her two hours count.
    assert!(tax.contains("合计：党员 2 名，服务 4.5 小时"), "{tax}");
    assert!(e.out(&format!("out/{}-区人民医院.txt", e.quarter)).exists());

    let o = e.run_as("stranger", &["members", "feedback", "--quarter", &e.quarter]);
    assert_eq!(code(&o), yichuang::cli::DENIED, "unknown logins are refused");
    let o =
        e.run_as("zhaolei", &["members", "feedback", "--quarter", &e.quarter, "--format", "csv", "--unit", "区税务局"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
    let csv = std::fs::read(e.out(&format!("{}-区税务局.csv", e.quarter))).unwrap();
    assert!(csv.starts_with("\u{feff}单位,季度,姓名".as_bytes()), "{}", String::from_utf8_lossy(&csv));
    let o = e.run_as("admin", &["members", "feedback", "--quarter", &e.quarter, "--format", "xlsx", "--out", "x"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let book = std::fs::read(e.out(&format!("x/{}-区人民医院.xlsx", e.quarter))).unwrap();
    assert!(book.starts_with(b"PK"));
}

#[test]
fn feedback_refuses_bad_quarters_units_and_roles() {
    let e = Env::new();
    let o = e.run_as("zhaolei", &["members", "feedback", "--quarter", "2026Q5", "--out", "bad"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("2026Q4") && stderr(&o).lines().count() == 1, "{}", stderr(&o));
    assert!(!e.out("bad").exists(), "nothing is written on bad input");
    let o = e.run_as("zhaolei", &["--lang", "en", "members", "feedback", "--quarter", "Q4"]);
    assert!(code(&o) == 2 && stderr(&o).contains("write 2026Q4"), "{}", stderr(&o));
    let o = e.run_as("zhaolei", &["members", "feedback", "--quarter", &e.quarter, "--unit", "不存在的单位"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("不存在的单位"));
    let o = e.run_as("zhangmin", &["members", "feedback", "--quarter", &e.quarter, "--out", "bad"]);
    assert_eq!(code(&o), yichuang::cli::DENIED);
    assert!(!e.out("bad").exists());
}

#[test]
fn list_flags_who_is_below_target_and_settings_are_for_supervisors() {
    let env = Env::new();
    let o = env.run_as("zhaolei", &["members", "list", "--below", "--json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3, "nobody reaches 50 hours");
    assert!(rows.as_array().unwrap().iter().all(|r| r["below_target"] == true && r["report_overdue"] == false));
    let o = env.run_as("zhaolei", &["members", "list", "--overdue"]);
    assert_eq!((code(&o), stdout(&o).as_str()), (0, ""));

    // The desk may read the settings, not change them.
    let o = env.run_as("zhaolei", &["members", "settings", "--target", "2"]);
    assert_eq!(code(&o), yichuang::cli::DENIED, "{}", stdout(&o));
    assert!(stderr(&o).contains("需要负责人权限"), "{}", stderr(&o));
    // Reading them is the member desk's work, and the refusal says so (not "clerk").
    let o = env.run_as("zhangmin", &["members", "settings"]);
    assert_eq!(code(&o), yichuang::cli::DENIED);
    assert!(stderr(&o).contains("需要党员服务岗权限"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "said once: {}", stderr(&o));
    let o = env.run_as("admin", &["members", "settings", "--target", "0"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--target"), "{}", stderr(&o));
    let o = env.run_as("admin", &["members", "settings", "--target", "2", "--report-months", "12"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("2 小时") && stdout(&o).contains("12 个月"), "{}", stdout(&o));
    // The approval threshold of hand entries is set the same way.
    let o = env.run_as("admin", &["members", "settings", "--approval-hours", "25"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--approval-hours"), "{}", stderr(&o));
    let o = env.run_as("admin", &["members", "settings", "--approval-hours", "4"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("补录超过 4 小时须主管审批"), "{}", stdout(&o));
    // 王建国 has 2.5 hours now: above a target of 2.
    let o = env.run_as("zhaolei", &["members", "list", "--below"]);
    assert!(!stdout(&o).contains("王建国") && stdout(&o).contains("李秀英"), "{}", stdout(&o));
}
