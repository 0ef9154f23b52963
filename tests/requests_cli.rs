//! `request …`, `import grid` and `find --in requests` as a process: grid staff on their rounds,
//! the window, the member desk and the supervisor from the shell.

use std::process::Output;

mod common;
use yichuang::domain::operator::Role;

struct Env {
    dir: tempfile::TempDir,
    member: i64,
}

impl Env {
    /// Clerk 王芳, grid leader 刘伟, grid staff 孙丽, member desk 赵磊, mediator 张敏, the member
    /// 王建国 (electrician, 区税务局) and the resident 张秀英 at 幸福里小区 3栋.
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("desk.sqlite3"), "admin").unwrap();
        db.add_operator("admin", &yichuang::setup::os_login().unwrap(), "测试", Role::Admin, None).unwrap();
        for (l, n, r) in [
            ("wangfang", "王芳", Role::Clerk),
            ("liuwei", "刘伟", Role::Grid),
            ("sunli", "孙丽", Role::Grid),
            ("zhaolei", "赵磊", Role::MemberDesk),
            ("zhangmin", "张敏", Role::Mediator),
            ("chenjing", "陈静", Role::Supervisor),
        ] {
            db.add_operator("admin", l, n, r, None).unwrap();
        }
        let today = db.clock().now().date_naive();
        let d = common::electrician();
        let member = db.register_member("admin", &d.validate(today - chrono::Duration::days(60)).unwrap()).unwrap().id;
        let r = common::zhang_at_xingfuli();
        db.register_resident("admin", &r.validate(today).unwrap()).unwrap();
        Env { dir, member }
    }

    fn run_as(&self, user: &str, args: &[&str]) -> Output {
        common::yichuang(self.dir.path()).args(["--as", user]).args(args).output().unwrap()
    }

    /// Runs and insists on success; stdout.
    fn ok(&self, user: &str, args: &[&str]) -> String {
        let o = self.run_as(user, args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn layout(&self) {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/grid.toml");
        let out = self.ok("chenjing", &["import", "grid", path]);
        assert!(out.contains("网格 4 个"), "{out}");
    }
}

fn number(out: &str) -> String {
    out.split_whitespace().next().unwrap().to_string()
}

#[test]
fn the_loop_from_the_shell_with_the_kind_and_service_suggested_from_the_text() {
    let e = Env::new();
    e.layout();
    let out = e.ok("wangfang", &["request", "add", "3栋楼道灯不亮，晚上看不见", "--resident", "320124194511230043"]);
    assert!(out.contains("待派单") && out.contains("服务点单") && out.contains("第一网格"), "{out}");
    let n = number(&out);
    let cands = e.ok("liuwei", &["request", "candidates", &n]);
    assert!(cands.lines().next().unwrap().starts_with(&format!("member:{}", e.member)), "{cands}");
    let to = format!("member:{}", e.member);
    assert!(e.ok("liuwei", &["request", "dispatch", &n, "--to", &to]).contains("已派单"));
    assert!(e.ok("zhaolei", &["request", "accept", &n]).contains("已接单"));
    assert!(e.ok("zhaolei", &["request", "done", &n, "--note", "换灯泡", "--hours", "1.5"]).contains("已办结"));
    assert!(e.ok("wangfang", &["request", "rate", &n, "不满意"]).contains("已派单"), "重办");
    e.ok("zhaolei", &["request", "accept", &n]);
    e.ok("zhaolei", &["request", "done", &n, "--hours", "1"]);
    assert!(e.ok("wangfang", &["request", "rate", &n, "satisfied"]).contains("已评价"));
    let show = e.ok("chenjing", &["request", "show", &n]);
    for w in ["重办", "办理经过", "派单", "接单", "办结", "满意", "王建国"] {
        assert!(show.contains(w), "{w}: {show}");
    }
    let json: serde_json::Value = serde_json::from_str(&e.ok("chenjing", &["request", "show", &n, "--json"])).unwrap();
    assert_eq!(json["request"]["state"], "rated");
    assert_eq!(json["events"].as_array().unwrap().len(), 9);
    let found = e.ok("wangfang", &["find", "楼道灯", "--in", "requests"]);
    assert!(found.contains(&n), "{found}");
}

#[test]
fn dispatching_needs_the_grid_role_and_bad_input_says_how_to_fix_it() {
    let e = Env::new();
    e.layout();
    let n = number(&e.ok("wangfang", &["request", "add", "门口垃圾堆放", "--resident", "320124194511230043"]));
    let o = e.run_as("wangfang", &["request", "dispatch", &n, "--to", "grid:sunli"]);
    assert_eq!(o.status.code(), Some(yichuang::cli::DENIED));
    let o = e.run_as("zhangmin", &["request", "list"]);
    assert_eq!(o.status.code(), Some(yichuang::cli::DENIED), "mediators do not keep requests");
    let o = e.run_as("liuwei", &["request", "dispatch", &n, "--to", "robot:1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("grid:登录名"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = e.run_as("wangfang", &["request", "add", "有人乱扔垃圾", "--kind", "help"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("只有投诉可以匿名"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = e.run_as("wangfang", &["request", "rate", &n, "great"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("unsatisfied（不满意）"));
    let anon = e.ok("sunli", &["request", "add", "楼上装修噪音扰民，投诉", "--place", "和园新村3栋"]);
    assert!(anon.contains("投诉") && anon.contains("匿名") && anon.contains("第二网格"), "{anon}");
}

#[test]
fn a_grid_layout_in_csv_puts_residents_in_their_grid() {
    let e = Env::new();
    std::fs::write(e.dir.path().join("g.csv"), "grid,leader,staff,place\n第九网格,liuwei,sunli,幸福里小区/3\n")
        .unwrap();
    let out = e.ok("chenjing", &["import", "grid", "g.csv"]);
    assert!(out.contains("1 位居民"), "{out}");
    let n = number(&e.ok("wangfang", &["request", "add", "咨询养老补贴", "--resident", "320124194511230043"]));
    assert!(e.ok("wangfang", &["request", "show", &n]).contains("第九网格"));
    std::fs::write(e.dir.path().join("bad.csv"), "第九网格,liuwei,sunli,幸福里小区/3\n,x,,a\n").unwrap();
    let o = e.run_as("chenjing", &["import", "grid", "bad.csv"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("第 2 行"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn request_add_keeps_photos_that_are_image_files_and_refuses_others_naming_them() {
    let e = Env::new();
    e.layout();
    let notes = e.dir.path().join("说明.txt");
    std::fs::write(&notes, "x").unwrap();
    for (path, says) in [("/nowhere/灯.jpg", "找不到照片文件“/nowhere/灯.jpg”"), (notes.to_str().unwrap(), "不是照片")]
    {
        let o =
            e.run_as("sunli", &["request", "add", "楼道灯不亮", "--resident", "320124194511230043", "--photo", path]);
        assert_eq!(o.status.code(), Some(2), "{path}");
        assert!(String::from_utf8_lossy(&o.stderr).contains(says), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let photo = e.dir.path().join("灯.JPG");
    std::fs::write(&photo, b"\xff\xd8\xff").unwrap();
    let n = number(&e.ok(
        "sunli",
        &["request", "add", "楼道灯不亮", "--resident", "320124194511230043", "--photo", photo.to_str().unwrap()],
    ));
    let json: serde_json::Value = serde_json::from_str(&e.ok("chenjing", &["request", "show", &n, "--json"])).unwrap();
    let full = std::fs::canonicalize(&photo).unwrap();
    assert_eq!(json["request"]["photos"][0], full.to_str().unwrap());
}
