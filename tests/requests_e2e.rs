//! The "Done when", from the real binary: a clerk registers a request for a resident at
//! the window (the ticket's outcome records it), the grid leader dispatches it to a member with
//! the right skill, the member desk records acceptance and completion, the resident's 不满意
//! reopens it, a second completion and 满意 close it; the member's hours are on their unit's
//! quarterly feedback, and the dashboard and the monthly report count the request.

use chrono::Datelike;
use std::process::Output;

mod common;
use yichuang::domain::member::MemberDraft;
use yichuang::domain::operator::Role;

fn run(dir: &std::path::Path, user: &str, args: &[&str]) -> Output {
    common::yichuang(dir).args(["--as", user]).args(args).output().unwrap()
}

fn ok(dir: &std::path::Path, user: &str, args: &[&str]) -> String {
    let o = run(dir, user, args);
    assert_eq!(o.status.code(), Some(0), "{user} {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_request_from_the_window_goes_round_the_loop_and_counts_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.join("desk.sqlite3"), "admin").unwrap();
    db.add_operator("admin", &yichuang::setup::os_login().unwrap(), "测试", Role::Admin, None).unwrap();
    db.add_operator("admin", "wangfang", "王芳", Role::Clerk, Some(1)).unwrap();
    db.add_operator("admin", "liuwei", "刘伟", Role::Grid, None).unwrap();
    db.add_operator("admin", "zhaolei", "赵磊", Role::MemberDesk, None).unwrap();
    db.add_operator("admin", "chenjing", "陈静", Role::Supervisor, None).unwrap();
    let today = db.clock().now().date_naive();
    let skilled = |name: &str, id: &str, skills: &str| MemberDraft {
        name: name.into(),
        id_number: id.into(),
        skills: skills.into(),
        ..common::electrician()
    };
    let sixty = today - chrono::Duration::days(60);
    db.register_member("admin", &skilled("李秀英", "320102199001011224", "书法").validate(sixty).unwrap()).unwrap();
    let member = db
        .register_member("admin", &skilled("王建国", "320124198808240056", "电工维修").validate(sixty).unwrap())
        .unwrap();
    let resident = common::zhang_at_xingfuli();
    db.register_resident("admin", &resident.validate(today).unwrap()).unwrap();
    drop(db);
    ok(dir, "admin", &["window", "set", "1", "--name", "综合", "--categories", "SB"]);
    ok(dir, "chenjing", &["import", "grid", concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/grid.toml")]);

    // The window: 张秀英's number is called, the clerk registers her request on it.
    let ticket = ok(dir, "admin", &["queue", "take", "SB"]).split_whitespace().next().unwrap().to_string();
    ok(dir, "admin", &["queue", "take", "SB"]);
    ok(dir, "wangfang", &["queue", "call"]);
    let added = ok(
        dir,
        "wangfang",
        &["request", "add", "3栋楼道灯不亮，老人晚上看不见", "--resident", "320124194511230043", "--ticket", &ticket],
    );
    let number = added.split_whitespace().next().unwrap().to_string();
    assert!(added.contains("服务点单") && added.contains("第一网格"), "{added}");
    ok(dir, "wangfang", &["queue", "call", "--previous", "done"]);

    // The grid leader dispatches to the member with the skill, first among the candidates.
    let cands = ok(dir, "liuwei", &["request", "candidates", &number]);
    let first = cands.lines().next().unwrap().split_whitespace().next().unwrap().to_string();
    assert_eq!(first, format!("member:{}", member.id), "{cands}");
    ok(dir, "liuwei", &["request", "dispatch", &number, "--to", &first]);

    // The member desk: accepted, done with two hours; 不满意 reopens it.
    ok(dir, "zhaolei", &["request", "accept", &number]);
    ok(dir, "zhaolei", &["request", "done", &number, "--note", "换了灯泡", "--hours", "2"]);
    let reopened = ok(dir, "wangfang", &["request", "rate", &number, "不满意", "--note", "第二天又不亮"]);
    assert!(reopened.contains("已派单"), "{reopened}");
    let db = yichuang::storage::Db::open(&dir.join("desk.sqlite3")).unwrap();
    let counts = db.request_counts(db.clock().now().naive_local()).unwrap();
    let line = counts.iter().find(|c| c.grid == "第一网格").expect("the dashboard counts the grid");
    assert_eq!((line.open, line.unsatisfied), (1, 1), "{counts:?}");
    let outcome = db.queue_view().unwrap().tickets.into_iter().find(|t| t.number == ticket).unwrap().outcome;
    assert_eq!(outcome, Some(yichuang::domain::queue::Outcome::Request), "the ticket's outcome records it");
    drop(db);

    ok(dir, "zhaolei", &["request", "accept", &number]);
    ok(dir, "zhaolei", &["request", "done", &number, "--note", "换了开关", "--hours", "1"]);
    assert!(ok(dir, "wangfang", &["request", "rate", &number, "满意"]).contains("已评价"));

    // The unit's quarterly feedback shows the hours, the request named.
    let quarter = format!("{}Q{}", today.year(), (today.month() - 1) / 3 + 1);
    ok(dir, "zhaolei", &["members", "feedback", "--quarter", &quarter, "--out", "fb"]);
    let fb = std::fs::read_to_string(dir.join(format!("fb/{quarter}-区税务局.txt"))).unwrap();
    assert!(fb.contains("王建国") && fb.contains(&number), "{fb}");

    // The monthly report counts it: collected, resolved, one 不满意 and one 满意.
    let report: serde_json::Value =
        serde_json::from_str(&ok(dir, "chenjing", &["report", "monthly", "--format", "json"])).unwrap();
    let total = &report["requests"]["total"];
    assert_eq!((total["collected"].as_u64(), total["resolved"].as_u64()), (Some(1), Some(1)), "{report}");
    assert_eq!((total["satisfied"].as_u64(), total["unsatisfied"].as_u64()), (Some(1), Some(1)));
    assert_eq!(report["requests"]["by_taker"][0]["name"], "王建国");
    let csv = ok(dir, "chenjing", &["report", "monthly"]);
    assert!(csv.contains("诉求,合计,,1,1,"), "{csv}");
}
