//! The command line, run as a process: output, messages, exit codes, and nothing written on
//! bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    /// As another operator: the login running the tests is the database's admin (it ran
    /// `init` first) and acts as `user` with `--as`, as an admin may.
    fn run_as(&self, user: &str, args: &[&str]) -> Output {
        let mut all = vec!["--as", user];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// As the login running the tests (identity comes from the kernel, never from USER).
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env_remove("YICHUANG_DB")
            .output()
            .unwrap()
    }

    /// A database whose admin is someone else and on which the login running the tests is
    /// `role` (or, with `None`, not an operator at all).
    fn me_as(&self, role: Option<yichuang::domain::operator::Role>) {
        let (mut db, _) = yichuang::setup::open_or_init(&self.db(), "admin").unwrap();
        if let Some(role) = role {
            db.add_operator("admin", &me(), "我", role, None).unwrap();
        }
    }

    fn write(&self, name: &str, body: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, body).unwrap();
        p
    }
}

/// The login running the tests, from the kernel as the program reads it.
fn me() -> String {
    yichuang::setup::os_login().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel).display().to_string()
}

#[test]
fn items_json_answers_best_first() {
    let e = Env::new();
    let all = json(&e.run(&["items", "--json"]));
    assert_eq!(all.as_array().unwrap().len(), 123);
    for field in ["code", "name", "category", "materials", "time_limit", "category_name"] {
        assert!(all[0].get(field).is_some(), "missing {field}");
    }
    let first = |q: &str| json(&e.run(&["items", q, "--json"]))[0]["name"].as_str().unwrap().to_string();
    assert!(first("gljt").contains("高龄津贴"));
    assert!(first("cbdj").contains("参保登记"));
    assert!(first("shbzk").contains("社会保障卡"));
    assert!(first("rmtj").contains("人民调解"));
    let limited = json(&e.run(&["items", "ylbx", "--json", "--limit", "3"]));
    assert_eq!(limited.as_array().unwrap().len(), 3);
    let human = e.run(&["items", "gljt"]);
    assert!(stdout(&human).lines().next().unwrap().contains("高龄津贴"));
    let none = e.run(&["items", "zzzzqqq"]);
    assert_eq!(code(&none), 0);
    assert!(stderr(&none).contains("没有匹配"));
}

#[test]
fn init_creates_once_and_check_passes() {
    let e = Env::new();
    let first = e.run(&["init"]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    assert!(stdout(&first).contains("已创建数据库") && stdout(&first).contains("123"));
    let again = e.run(&["init"]);
    assert!(stdout(&again).contains("已是最新"), "{}", stdout(&again));
    let check = e.run(&["check", "--lang", "en"]);
    assert_eq!(code(&check), 0);
    assert!(stdout(&check).contains("123 service items"), "{}", stdout(&check));
}

#[test]
fn unknown_logins_are_refused_with_whom_to_ask() {
    let e = Env::new();
    e.me_as(None);
    let o = e.run(&["items"]);
    assert_eq!(code(&o), yichuang::cli::DENIED);
    let me = me();
    assert!(stderr(&o).contains(&me) && stderr(&o).contains(&format!("operator add {me}")), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let o = e.run(&["init"]);
    assert_eq!(code(&o), yichuang::cli::DENIED, "init does not let a stranger in either");
    let o = e.run_as("stranger", &["items"]);
    assert_eq!(code(&o), yichuang::cli::DENIED, "nor does --as make one an operator");
}

#[test]
fn identity_comes_from_the_kernel_not_from_user_or_logname() {
    // The login running this is a clerk; the admin is chenjing. Claiming to be chenjing
    // through the environment must change nothing.
    let e = Env::new();
    e.me_as(Some(yichuang::domain::operator::Role::Clerk));
    let (mut db, _) = yichuang::setup::open_or_init(&e.db(), "admin").unwrap();
    db.add_operator("admin", "chenjing", "陈静", yichuang::domain::operator::Role::Admin, None).unwrap();
    drop(db);
    let claim = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--db")
            .arg(e.db())
            .args(args)
            .env("USER", "chenjing")
            .env("LOGNAME", "chenjing")
            .env("HOME", e.dir.path())
            .env("XDG_CONFIG_HOME", e.dir.path().join("config"))
            .output()
            .unwrap()
    };
    let o = claim(&["operator", "add", "mallory", "--name", "坏人", "--role", "admin"]);
    assert_eq!(code(&o), yichuang::cli::DENIED, "{}", stdout(&o));
    assert!(stderr(&o).contains(&me()) && stderr(&o).contains("无权"), "{}", stderr(&o));
    let o = claim(&["--as", "chenjing", "items"]);
    assert_eq!(code(&o), yichuang::cli::DENIED, "a clerk may not use --as either");
    let list = yichuang::storage::Db::open(&e.db()).unwrap().operators().unwrap();
    assert!(list.iter().all(|o| o.login != "mallory"));
    let audit = yichuang::storage::Db::open(&e.db()).unwrap().audit_page(None, 100).unwrap();
    assert!(audit.iter().all(|r| r.operator != "chenjing"), "nothing was done in chenjing's name");
}

#[test]
fn operators_are_managed_by_admins_only() {
    let e = Env::new();
    e.run(&["init"]);
    let add = e.run(&["operator", "add", "wangfang", "--name", "王芳", "--role", "clerk", "--window", "3"]);
    assert_eq!(code(&add), 0, "{}", stderr(&add));
    let dup = e.run(&["operator", "add", "wangfang", "--name", "王芳", "--role", "clerk"]);
    assert_eq!(code(&dup), 2);
    let bad_role = e.run(&["operator", "add", "li", "--name", "李", "--role", "boss"]);
    assert_eq!(code(&bad_role), 2);
    assert!(stderr(&bad_role).contains("boss") && stderr(&bad_role).contains("supervisor"));
    let bad_name = e.run(&["operator", "add", "li", "--name", "\u{1b}[2J", "--role", "clerk"]);
    assert_eq!(code(&bad_name), 2);
    let by_clerk = e.run_as("wangfang", &["operator", "add", "li", "--name", "李", "--role", "clerk"]);
    assert_eq!(code(&by_clerk), yichuang::cli::DENIED);
    assert!(stderr(&by_clerk).contains("无权"), "{}", stderr(&by_clerk));
    let list = json(&e.run(&["operator", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 2);
    let as_by_admin = e.run(&["--as", "wangfang", "operator", "list"]);
    assert_eq!(code(&as_by_admin), yichuang::cli::DENIED, "acting as a clerk, the admin has a clerk's rights");
    assert_eq!(code(&e.run(&["operator", "retire", "wangfang"])), 0);
    let retired = e.run_as("wangfang", &["items"]);
    assert_eq!(code(&retired), yichuang::cli::DENIED);
    assert!(stderr(&retired).contains("已停用") && stderr(&retired).contains("operator restore wangfang"));
    // The way back the refusal names: an admin restores them, with their window, audited.
    let by_clerk = e.run_as("wangfang", &["operator", "restore", "wangfang"]);
    assert_eq!(code(&by_clerk), yichuang::cli::DENIED);
    let restored = e.run(&["operator", "restore", "wangfang"]);
    assert_eq!(code(&restored), 0, "{}", stderr(&restored));
    assert!(stdout(&restored).contains("已恢复操作员 wangfang"), "{}", stdout(&restored));
    assert_eq!(code(&e.run_as("wangfang", &["items", "社保"])), 0);
    let again = e.run(&["operator", "restore", "wangfang"]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("没有停用"), "{}", stderr(&again));
    let db = yichuang::storage::Db::open(&e.db()).unwrap();
    let w = db.operators().unwrap().into_iter().find(|o| o.login == "wangfang").unwrap();
    assert_eq!((w.retired, w.window), (false, Some(3)));
    let audit = db.audit_page(None, 5).unwrap();
    assert!(audit.iter().any(|r| r.action == "operator.restore" && r.entity_id == "wangfang" && r.operator == me()));
    let last = e.run(&["operator", "retire", &me()]);
    assert_eq!(code(&last), 2);
    assert!(stderr(&last).contains("最后一位管理员"));
}

#[test]
fn a_broken_catalog_import_changes_nothing() {
    let e = Env::new();
    e.run(&["init"]);
    let before = stdout(&e.run(&["items", "--json"]));
    let o = e.run(&["import", "items", &repo("fixtures/broken/catalog_unknown_category.toml")]);
    assert_eq!(code(&o), 2);
    let msg = stderr(&o);
    assert!(
        msg.contains("catalog_unknown_category.toml") && msg.contains("SB-002") && msg.contains("category"),
        "{msg}"
    );
    assert_eq!(stdout(&e.run(&["items", "--json"])), before);
    let again = e.run(&["import", "items", &repo("fixtures/service_items.toml")]);
    assert!(stdout(&again).contains("新增 0，修改 0，未变 123"), "{}", stdout(&again));
    let missing = e.run(&["import", "items", "/nonexistent/items.toml"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("/nonexistent/items.toml"));
}

#[test]
fn next_years_calendar_imports() {
    let e = Env::new();
    e.run(&["init"]);
    let f = e.write(
        "2027.toml",
        "[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"元旦\"\noff = [2027-01-01]\nwork = []\n",
    );
    let o = e.run(&["import", "calendar", f.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("1 added"));
    let bad = e.run(&["import", "calendar", &repo("fixtures/broken/calendar_makeup_weekday.toml")]);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("周六或周日"));
}

#[test]
fn unusable_databases_are_explained() {
    let e = Env::new();
    let missing_dir = Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .args(["--db", "/nonexistent/dir/x.sqlite3", "items"])
        .output()
        .unwrap();
    assert_eq!(code(&missing_dir), 2);
    assert!(stderr(&missing_dir).contains("/nonexistent/dir") && stderr(&missing_dir).contains("不存在"));
    e.run(&["init"]);
    let raw = rusqlite::Connection::open(e.db()).unwrap();
    raw.pragma_update(None, "user_version", 42).unwrap();
    drop(raw);
    let newer = e.run(&["items"]);
    assert_eq!(code(&newer), 2);
    assert!(stderr(&newer).contains("42") && stderr(&newer).contains("升级"), "{}", stderr(&newer));
    let junk = e.write("junk.sqlite3", &"not a database ".repeat(100));
    let o = Command::new(env!("CARGO_BIN_EXE_yichuang")).arg("--db").arg(&junk).arg("items").output().unwrap();
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("不是一窗数据库"), "{}", stderr(&o));
}

#[test]
fn a_locked_database_is_reported_and_nothing_is_written() {
    let e = Env::new();
    e.run(&["init"]);
    let holder = rusqlite::Connection::open(e.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let o = e.run(&["operator", "add", "li", "--name", "李", "--role", "clerk"]);
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("占用"), "{}", stderr(&o));
    let list = json(&e.run(&["operator", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn bad_flags_and_config_files_get_exit_code_2() {
    let e = Env::new();
    let o = e.run(&["--lang", "fr", "items"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("zh") && stderr(&o).contains("en"));
    let o = e.run(&["frobnicate"]);
    assert_eq!(code(&o), 2);
    e.write("config/yichuang/config.toml", "lang = \"en\"\nwindow = 300\n");
    let o = e.run(&["items"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("config.toml") && stderr(&o).contains("第 2 行") && stderr(&o).contains("window"),
        "{}",
        stderr(&o)
    );
    e.write("config/yichuang/config.toml", "lang = \"en\"\n");
    let o = e.run(&["items", "gljt"]);
    assert_eq!(code(&o), 0, "a good config is read: {}", stderr(&o));
    let o = e.run(&["--keymap", &repo("fixtures/keymaps/invalid_action.toml")]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("invalid_action.toml") && stderr(&o).contains("line 4"), "{}", stderr(&o));
    let o = e.run(&["--keymap", "emacs"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("emacs"));
}

#[test]
fn demo_databases_are_fresh_and_never_overwrite_real_ones() {
    let e = Env::new();
    let demo = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--demo")
            .args(args)
            .env("HOME", e.dir.path())
            .env("XDG_DATA_HOME", e.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", e.dir.path().join("config"))
            .env_remove("YICHUANG_DB")
            .output()
            .unwrap()
    };
    let o = demo(&["items", "--json"]);
    assert_eq!(json(&o).as_array().unwrap().len(), 123);
    assert!(e.dir.path().join("data/yichuang/demo.sqlite3").exists());
    let o = demo(&["--as", "wangfang", "items", "gljt"]);
    assert_eq!(code(&o), 0, "--as is open on a demo database: {}", stderr(&o));
    // A real database at the demo path is left alone.
    e.run(&["init"]);
    let o = demo(&["--db", e.db().to_str().unwrap(), "items"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("不是演示数据库"), "{}", stderr(&o));
    assert_eq!(code(&e.run(&["items"])), 0, "the real database still works");
}

#[test]
fn find_residents_masks_and_ranks() {
    let e = Env::new();
    let demo = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--demo")
            .args(args)
            .env("HOME", e.dir.path())
            .env("XDG_DATA_HOME", e.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", e.dir.path().join("config"))
            .env_remove("YICHUANG_DB")
            .output()
            .unwrap()
    };
    let all = json(&demo(&["find", "wxy", "--in", "residents", "--json"]));
    let first = &all[0];
    assert!(first["name"].as_str().unwrap().chars().count() >= 2);
    let id = first["id_number"].as_str().unwrap();
    assert!(id.contains("**********"), "masked: {id}");
    let tail = &id[id.len() - 4..];
    let by_tail = json(&demo(&["--as", "wangfang", "find", tail, "--in", "residents", "--json", "--limit", "1"]));
    assert_eq!(by_tail.as_array().unwrap().len(), 1);
    assert!(by_tail[0]["id_number"].as_str().unwrap().ends_with(tail));
    let items = json(&demo(&["find", "gljt", "--in", "items", "--json"]));
    assert!(items[0]["name"].as_str().unwrap().contains("高龄津贴"));
    let mediator = demo(&["--as", "zhangmin", "find", "wxy", "--in", "residents"]);
    assert_eq!(code(&mediator), yichuang::cli::DENIED, "mediators do not search residents");
}

#[test]
fn a_terminal_without_cursor_addressing_gets_one_clear_line() {
    let e = Env::new();
    e.run(&["init"]);
    for term in [Some("dumb"), None] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_yichuang"));
        cmd.arg("--db").arg(e.db()).env("HOME", e.dir.path()).env("XDG_CONFIG_HOME", e.dir.path().join("config"));
        match term {
            Some(t) => cmd.env("TERM", t),
            None => cmd.env_remove("TERM"),
        };
        let o = cmd.output().unwrap();
        assert_eq!(code(&o), 2, "{term:?}");
        let msg = stderr(&o);
        assert_eq!(msg.trim().lines().count(), 1, "{msg}");
        assert!(msg.contains("全屏终端") && msg.contains("yichuang items"), "{msg}");
        assert!(o.stdout.is_empty(), "no escape sequences for a dumb terminal");
        let board = cmd.arg("board").output().unwrap();
        assert_eq!(code(&board), 2, "the board needs one too");
    }
    let o = Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .arg("--db")
        .arg(e.db())
        .args(["items", "gljt"])
        .env("TERM", "dumb")
        .env("XDG_CONFIG_HOME", e.dir.path().join("config"))
        .output()
        .unwrap();
    assert!(stdout(&o).contains("高龄津贴"), "the subcommands still work");
}

#[test]
fn acting_as_someone_is_written_in_the_audit_trail() {
    let e = Env::new();
    e.run(&["init"]);
    assert_eq!(code(&e.run(&["operator", "add", "wangfang", "--name", "王芳", "--role", "clerk"])), 0);
    assert_eq!(code(&e.run_as("wangfang", &["queue", "take", "SB"])), 0);
    assert_eq!(code(&e.run(&["queue", "take", "SB"])), 0);
    let trail = yichuang::storage::Db::open(&e.db()).unwrap().audit_page(None, 2).unwrap();
    let (mine, as_her) = (&trail[0], &trail[1]);
    assert_eq!((as_her.operator.as_str(), as_her.action.as_str()), ("wangfang", "ticket.take"));
    assert!(as_her.summary.ends_with(&format!("[--as, by {}]", me())), "{as_her:?}");
    assert!(!mine.summary.contains("--as"), "{mine:?}");
}
