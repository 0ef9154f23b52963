//! Every broken file under `fixtures/` is refused whole with a message naming file, place,
//! field and reason, in both languages; and the CLI import changes nothing.

use yichuang::domain::calendar::CalendarFile;
use yichuang::domain::catalog::Catalog;
use yichuang::domain::lang::Lang;
use yichuang::i18n;
use yichuang::keymap::Keymap;

fn read(rel: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn catalog_msg(name: &str, lang: Lang) -> String {
    let rel = format!("fixtures/broken/{name}");
    let e = Catalog::parse(&rel, &read(&rel)).expect_err(name);
    i18n::catalog_error(lang, &e)
}

fn calendar_msg(name: &str, lang: Lang) -> String {
    let rel = format!("fixtures/broken/{name}");
    let e = CalendarFile::parse(&rel, &read(&rel)).expect_err(name);
    i18n::calendar_error(lang, &e)
}

fn keymap_msg(name: &str, lang: Lang) -> String {
    let rel = format!("fixtures/keymaps/{name}");
    let mut k = Keymap::builtin("default").unwrap();
    let e = k.merge(&rel, &read(&rel)).expect_err(name);
    i18n::keymap_error(lang, &e)
}

fn config_msg(name: &str, lang: Lang) -> String {
    let rel = format!("fixtures/broken/{name}");
    let e = yichuang::domain::config::Config::parse(&rel, &read(&rel)).expect_err(name);
    i18n::config_error(lang, &e)
}

fn has_all(msg: &str, parts: &[&str]) {
    for p in parts {
        assert!(msg.contains(p), "“{msg}” lacks “{p}”");
    }
}

#[test]
fn broken_catalogs() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("catalog_syntax.toml", &["第 28 行", "整个文件未导入"], &["line 28", "Nothing was imported"]),
        (
            "catalog_unknown_category.toml",
            &["SB-002", "category", "“XX”未定义"],
            &["SB-002", "field category", "not defined"],
        ),
        ("catalog_duplicate_code.toml", &["SB-001", "code", "重复"], &["SB-001", "field code", "repeats"]),
        ("catalog_bad_time_limit.toml", &["SB-002", "time_limit.n", "immediate"], &["SB-002", "time_limit.n", "n = 0"]),
        (
            "catalog_bad_form.toml",
            &["SB-002", "materials[1].form", "original_and_copy"],
            &["materials[1].form", "use one of"],
        ),
        ("catalog_control_chars.toml", &["SB-002", "name", "控制字符"], &["SB-002", "control characters"]),
        ("catalog_typo_field.toml", &["SB-002", "feee", "拼写错误"], &["feee", "typo"]),
        ("catalog_no_materials.toml", &["SB-002", "materials", "1 到 20"], &["materials", "1 to 20"]),
        ("catalog_bad_count.toml", &["SB-002", "materials[1].count", "1 到 20"], &["materials[1].count", "1 to 20"]),
    ];
    for (file, zh, en) in cases {
        let m = catalog_msg(file, Lang::Zh);
        has_all(&m, &[&format!("fixtures/broken/{file}")]);
        has_all(&m, zh);
        has_all(&catalog_msg(file, Lang::En), en);
    }
}

#[test]
fn broken_calendars() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("calendar_makeup_weekday.toml", &["2027 春节", "work", "周六或周日"], &["Saturday or Sunday"]),
        ("calendar_off_and_work.toml", &["2027 春节", "work", "既是放假又是上班"], &["both a day off"]),
        ("calendar_outside_year.toml", &["2027 元旦", "off", "不在所属年份"], &["outside its year"]),
        ("calendar_syntax.toml", &["第 9 行"], &["line 9"]),
        ("calendar_not_a_date.toml", &["2027 元旦", "off", "date"], &["expected date"]),
    ];
    for (file, zh, en) in cases {
        let m = calendar_msg(file, Lang::Zh);
        has_all(&m, &[&format!("fixtures/broken/{file}"), "整个文件未导入"]);
        has_all(&m, zh);
        has_all(&calendar_msg(file, Lang::En), en);
    }
}

#[test]
fn broken_keymaps_name_file_line_and_key() {
    let cases: &[(&str, &str, &[&str], &[&str])] = &[
        ("invalid_action.toml", "第 4 行", &["f6", "launch_rockets"], &["line 4", "f6", "no action"]),
        ("invalid_key.toml", "第 4 行", &["hyper-x", "无法识别的按键名"], &["line 4", "not a key name"]),
        ("invalid_section.toml", "第 5 行", &["kitchen", "不是可用的分区"], &["line 5", "not a section"]),
        ("invalid_conflict.toml", "第 4 行", &["C-p", "ctrl-p", "同一个键"], &["line 4", "same key"]),
        ("invalid_value.toml", "第 3 行", &["f5", "带引号的动作名"], &["line 3", "quoted action"]),
        ("invalid_syntax.toml", "第 3 行", &["格式错误"], &["line 3", "TOML syntax"]),
    ];
    for (file, line, zh, en) in cases {
        let m = keymap_msg(file, Lang::Zh);
        has_all(&m, &[&format!("fixtures/keymaps/{file}"), line]);
        has_all(&m, zh);
        has_all(&keymap_msg(file, Lang::En), en);
    }
}

#[test]
fn broken_configs() {
    // File, line, the key and what to do, in both languages.
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("config_syntax.toml", &["第 2 行", "格式错误"], &["line 2", "TOML syntax"]),
        ("config_typo_field.toml", &["第 2 行", "language", "拼写错误"], &["line 2", "language", "typo"]),
        ("config_bad_lang.toml", &["lang", "可选：zh、en"], &["lang", "one of: zh, en"]),
        ("config_window_range.toml", &["第 2 行", "window", "1 到 99"], &["line 2", "window", "1 to 99"]),
        ("config_wrong_type.toml", &["window", "整数"], &["window", "integer"]),
        ("config_control_chars.toml", &["db", "控制字符"], &["db", "control characters"]),
        ("config_empty_keymap.toml", &["keymap", "不能为空"], &["keymap", "must not be empty"]),
        ("config_bad_paper.toml", &["paper", "receipt、a4"], &["paper", "receipt, a4"]),
    ];
    for (name, zh, en) in cases {
        let (z, e) = (config_msg(name, Lang::Zh), config_msg(name, Lang::En));
        has_all(&z, &[name]);
        has_all(&z, zh);
        has_all(&e, &[name]);
        has_all(&e, en);
        // A hostile value never reaches the terminal as it was written.
        assert!(!z.contains('\u{1b}') && !e.contains('\u{7}'), "{z:?}");
    }
}

#[test]
fn every_broken_fixture_is_covered() {
    // A new broken file must come with its assertion above.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let count = |sub: &str| std::fs::read_dir(dir.join(sub)).unwrap().count();
    assert_eq!(count("broken"), 22);
    assert_eq!(count("keymaps"), 6);
}

/// An unknown key is refused by serde (`deny_unknown_fields`) with its own line and name,
/// even after comments and good keys, and the message says it is probably a typo.
#[test]
fn a_config_with_an_unknown_key_names_its_line_and_key() {
    use yichuang::domain::config::{Config, ConfigError};
    use yichuang::domain::field::Reason;
    let src = "# counter 3\nlang = \"en\"\n\nprinter = \"lp -d counter3\"\nwindow = 3\n";
    let e = Config::parse("c.toml", src).unwrap_err();
    assert_eq!(
        e,
        ConfigError::Field { file: "c.toml".into(), line: 4, key: "printer".into(), reason: Reason::UnknownField }
    );
    let zh = i18n::config_error(Lang::Zh, &e);
    has_all(&zh, &["c.toml", "第 4 行", "printer", "拼写错误"]);
}

/// A value of the wrong type is refused with the line and key and the type it should have:
/// a word for a number, a number for a word, a number for an enum.
#[test]
fn a_config_with_a_wrong_typed_value_names_its_line_key_and_type() {
    use yichuang::domain::config::{Config, ConfigError};
    use yichuang::domain::field::Reason;
    let cases = [
        ("lang = \"en\"\nwindow = \"three\"\n", 2, "window", "integer"),
        ("db = 7\n", 1, "db", "string"),
        ("lang = \"en\"\n\npaper = 4\n", 3, "paper", "string"),
    ];
    for (src, line, key, expected) in cases {
        let e = Config::parse("c.toml", src).unwrap_err();
        assert_eq!(
            e,
            ConfigError::Field { file: "c.toml".into(), line, key: key.into(), reason: Reason::WrongType { expected } },
            "{src}"
        );
    }
    let en = i18n::config_error(Lang::En, &Config::parse("c.toml", "window = \"three\"\n").unwrap_err());
    has_all(&en, &["c.toml", "line 1", "window", "integer"]);
}
