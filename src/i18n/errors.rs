//! Typed errors into one clear line that says what is wrong and how to fix it.

use crate::domain::calendar::CalendarError;
use crate::domain::catalog::CatalogError;
use crate::domain::config::ConfigError;
use crate::domain::field::{Reason, RuleBroken};
use crate::domain::lang::Lang;
use crate::domain::operator::IdentityError;
use crate::keymap::{KeymapError, KeymapProblem};
use crate::model::StorageError;

/// Why a field was refused.
pub fn reason(lang: Lang, r: &Reason) -> String {
    let zh = lang == Lang::Zh;
    match r {
        Reason::Missing => {
            if zh {
                "缺少此项，请补上".into()
            } else {
                "is missing; add it".into()
            }
        }
        Reason::WrongType { expected } => {
            if zh {
                format!("类型不对，应为 {}", type_zh(expected))
            } else {
                format!("has the wrong type; expected {expected}")
            }
        }
        Reason::Empty => {
            if zh {
                "不能为空".into()
            } else {
                "must not be empty".into()
            }
        }
        Reason::TooLong { max } => {
            if zh {
                format!("过长，最多 {max} 个字")
            } else {
                format!("is too long; at most {max} characters")
            }
        }
        Reason::ControlChars => {
            if zh {
                "含有控制字符，请删除".into()
            } else {
                "contains control characters; remove them".into()
            }
        }
        Reason::NotOneOf { allowed } => {
            if zh {
                format!("取值无效，可选：{}", allowed.join("、"))
            } else {
                format!("is not valid; use one of: {}", allowed.join(", "))
            }
        }
        Reason::OutOfRange { min, max } => {
            if zh {
                format!("超出范围，应在 {min} 到 {max} 之间")
            } else {
                format!("is out of range; use {min} to {max}")
            }
        }
        Reason::BadFormat { pattern } => {
            if zh {
                format!("格式不对，只能使用 {pattern}")
            } else {
                format!("has the wrong format; use only {pattern}")
            }
        }
        Reason::Duplicate { value } => {
            if zh {
                format!("“{value}”重复出现")
            } else {
                format!("repeats “{value}”")
            }
        }
        Reason::Unknown { value } => {
            if zh {
                format!("“{value}”未定义")
            } else {
                format!("“{value}” is not defined")
            }
        }
        Reason::UnknownField => {
            if zh {
                "不是可用的字段（拼写错误？）".into()
            } else {
                "is not a known field (a typo?)".into()
            }
        }
        Reason::Count { min, max, found } => {
            if zh {
                format!("数量为 {found}，应为 {min} 到 {max} 个")
            } else {
                format!("has {found} entries; expected {min} to {max}")
            }
        }
        Reason::Rule { rule } => match (zh, rule) {
            (true, RuleBroken::ImmediateNeedsZero) => "单位为 immediate 时 n 必须为 0，其他单位 n 至少为 1".into(),
            (false, RuleBroken::ImmediateNeedsZero) => "unit \"immediate\" needs n = 0; other units need n ≥ 1".into(),
            (true, RuleBroken::MakeupOnWeekday) => "调休上班日必须是周六或周日".into(),
            (false, RuleBroken::MakeupOnWeekday) => "a makeup working day must be a Saturday or Sunday".into(),
            (true, RuleBroken::DateOutsideYear) => "日期不在所属年份内".into(),
            (false, RuleBroken::DateOutsideYear) => "the date is outside its year".into(),
            (true, RuleBroken::OffAndWork) => "同一天既是放假又是上班".into(),
            (false, RuleBroken::OffAndWork) => "the same date is both a day off and a working day".into(),
            (true, RuleBroken::IdCardNeverRongque) => "身份证件不能容缺，请删去 rongque = true".into(),
            (false, RuleBroken::IdCardNeverRongque) => {
                "an identity card can never be accepted on a promise (容缺): remove rongque = true".into()
            }
        },
    }
}

fn type_zh(t: &str) -> &str {
    match t {
        "string" => "文字（加引号）",
        "integer" => "整数",
        "boolean" => "true 或 false",
        "array" => "数组 [...]",
        "array of tables" => "表数组 [[...]]",
        "table" => "表 { ... }",
        other => other,
    }
}

/// A storage error.
pub fn storage_error(lang: Lang, e: &StorageError) -> String {
    let zh = lang == Lang::Zh;
    match e {
        StorageError::Access(t) => super::deploy::file_trouble(lang, t),
        StorageError::MissingDir(d) => {
            if zh {
                format!("数据库目录 {} 不存在。请先创建该目录，或用 --db 指定其他位置。", d.display())
            } else {
                format!(
                    "The database directory {} does not exist. Create it, or choose another place with --db.",
                    d.display()
                )
            }
        }
        StorageError::ReadOnly(p) => {
            if zh {
                format!("数据库 {} 只读，无法写入。请检查文件和目录权限，或用 --db 指定可写的位置。", p.display())
            } else {
                format!(
                    "The database {} is read-only. Check the permissions of the file and its directory, or use --db.",
                    p.display()
                )
            }
        }
        StorageError::Locked => {
            if zh {
                "数据库正被其他窗口长时间占用，本次操作未执行。请稍后重试。".into()
            } else {
                "The database is locked by another session; nothing was written. Try again shortly.".into()
            }
        }
        StorageError::NewerSchema { found, supported } => {
            if zh {
                format!("数据库版本（{found}）比本程序支持的版本（{supported}）新。请升级一窗后再打开，数据未被改动。")
            } else {
                format!(
                    "The database (schema {found}) is newer than this program (schema {supported}). Upgrade yichuang; nothing was changed."
                )
            }
        }
        StorageError::NotADatabase(p) => {
            if zh {
                format!("{} 不是一窗数据库文件。请检查 --db 路径。", p.display())
            } else {
                format!("{} is not a yichuang database. Check the --db path.", p.display())
            }
        }
        StorageError::Integrity(problems) => {
            if zh {
                format!("数据库完整性检查发现问题：{}。请用备份恢复并联系管理员。", problems.join("；"))
            } else {
                format!(
                    "The integrity check found problems: {}. Restore from a backup and tell the admin.",
                    problems.join("; ")
                )
            }
        }
        StorageError::Constraint(what) => conflict(lang, what),
        StorageError::Sqlite(m) => {
            if zh {
                format!("数据库错误：{m}")
            } else {
                format!("Database error: {m}")
            }
        }
    }
}

/// A catalog file error.
pub fn catalog_error(lang: Lang, e: &CatalogError) -> String {
    match (lang, e) {
        (Lang::Zh, CatalogError::Syntax { file, line, message }) => {
            format!("事项目录文件 {file} 第 {line} 行格式错误：{message}。整个文件未导入。")
        }
        (Lang::En, CatalogError::Syntax { file, line, message }) => {
            format!("Catalog file {file}, line {line}: TOML syntax: {message}. Nothing was imported.")
        }
        (Lang::Zh, CatalogError::Field { file, place, field, reason: r }) => {
            format!("事项目录文件 {file}：{place} 的字段 {field} {}。整个文件未导入。", reason(lang, r))
        }
        (Lang::En, CatalogError::Field { file, place, field, reason: r }) => {
            format!("Catalog file {file}: {place}, field {field} {}. Nothing was imported.", reason(lang, r))
        }
    }
}

/// A calendar file error.
pub fn calendar_error(lang: Lang, e: &CalendarError) -> String {
    match (lang, e) {
        (Lang::Zh, CalendarError::Syntax { file, line, message }) => {
            format!("节假日文件 {file} 第 {line} 行格式错误：{message}。整个文件未导入。")
        }
        (Lang::En, CalendarError::Syntax { file, line, message }) => {
            format!("Calendar file {file}, line {line}: TOML syntax: {message}. Nothing was imported.")
        }
        (Lang::Zh, CalendarError::Field { file, place, field, reason: r }) => {
            format!("节假日文件 {file}：{place} 的字段 {field} {}。整个文件未导入。", reason(lang, r))
        }
        (Lang::En, CalendarError::Field { file, place, field, reason: r }) => {
            format!("Calendar file {file}: {place}, field {field} {}. Nothing was imported.", reason(lang, r))
        }
    }
}

/// A keymap file error.
pub fn keymap_error(lang: Lang, e: &KeymapError) -> String {
    let zh = lang == Lang::Zh;
    let what = match &e.problem {
        KeymapProblem::Syntax(m) => {
            if zh {
                format!("格式错误：{m}")
            } else {
                format!("TOML syntax: {m}")
            }
        }
        KeymapProblem::UnknownSection => {
            let names: Vec<String> = crate::keymap::Section::ALL.iter().map(|(_, n)| format!("[{n}]")).collect();
            if zh {
                format!("不是可用的分区，可用：{}", names.join("、"))
            } else {
                format!("is not a section; use {}", names.join(", "))
            }
        }
        KeymapProblem::UnknownAction(a) => {
            if zh {
                format!("动作“{a}”不存在（按 F1 查看动作名）")
            } else {
                format!("names no action “{a}” (see the help for action names)")
            }
        }
        KeymapProblem::BadKey => {
            if zh {
                "无法识别的按键名，例如 ctrl-p、f1、shift-tab、pagedown、?".into()
            } else {
                "is not a key name; write e.g. ctrl-p, f1, shift-tab, pagedown, ?".into()
            }
        }
        KeymapProblem::NotAString => {
            if zh {
                "的值必须是带引号的动作名".into()
            } else {
                "must be bound to a quoted action name".into()
            }
        }
        KeymapProblem::Conflict(other) => {
            if zh {
                format!("与同一分区的“{other}”是同一个键")
            } else {
                format!("is the same key as “{other}” in this section")
            }
        }
    };
    if zh {
        format!("键位文件 {} 第 {} 行，键 “{}”：{what}", e.file, e.line, e.key)
    } else {
        format!("Keymap file {}, line {}, key “{}”: {what}", e.file, e.line, e.key)
    }
}

/// A config file error.
pub fn config_error(lang: Lang, e: &ConfigError) -> String {
    match (lang, e) {
        (Lang::Zh, ConfigError::Syntax { file, line, message }) => {
            format!("配置文件 {file} 第 {line} 行格式错误：{message}")
        }
        (Lang::En, ConfigError::Syntax { file, line, message }) => {
            format!("Config file {file}, line {line}: TOML syntax: {message}")
        }
        (Lang::Zh, ConfigError::Field { file, line, key, reason: r }) => {
            format!("配置文件 {file} 第 {line} 行，{key} {}", reason(lang, r))
        }
        (Lang::En, ConfigError::Field { file, line, key, reason: r }) => {
            format!("Config file {file}, line {line}: {key} {}", reason(lang, r))
        }
    }
}

/// A sign-in refusal.
pub fn identity_error(lang: Lang, e: &IdentityError) -> String {
    let zh = lang == Lang::Zh;
    match e {
        IdentityError::NoLogin => {
            if zh {
                "无法确定当前系统登录名：本进程的用户 ID 在系统账户表中没有条目。请以本人账号登录后再运行。".into()
            } else {
                "Cannot tell the OS login: this process's user id has no entry in the system's accounts. Log in with your own account.".into()
            }
        }
        IdentityError::Unknown { login } => {
            if zh {
                format!(
                    "登录名 {login} 不是一窗的操作员。请联系管理员执行：yichuang operator add {login} --name 姓名 --role clerk"
                )
            } else {
                format!(
                    "Login {login} is not a yichuang operator. Ask an admin to run: yichuang operator add {login} --name NAME --role clerk"
                )
            }
        }
        IdentityError::Retired { login } => {
            if zh {
                format!("操作员 {login} 已停用。如需恢复，请管理员运行 yichuang operator restore {login}。")
            } else {
                format!(
                    "Operator {login} has been retired. If this is wrong, an admin runs yichuang operator restore {login}."
                )
            }
        }
        IdentityError::AsNotAllowed { login } => {
            if zh {
                format!("--as 只供管理员和演示数据库使用，{login} 不是管理员。")
            } else {
                format!("--as is only for admins and demo databases; {login} is not an admin.")
            }
        }
    }
}

/// A print command that hung was stopped after `secs` seconds: the receipt is saved, not printed.
pub fn print_timed_out(lang: Lang, secs: u64) -> String {
    match lang {
        Lang::Zh => format!("打印超时：打印命令 {secs} 秒未结束，已停止；回执已保存，请检查打印机后重打"),
        Lang::En => format!(
            "Printing timed out: the print command ran over {secs} s and was stopped; the receipt is saved, check the printer and print again"
        ),
    }
}

/// What SQLite's names of tables and columns are called at the desk: (name, 中文, English).
const NOUNS: &[(&str, &str, &str)] = &[
    ("rooms", "调解室", "room"),
    ("operators", "操作员", "operator"),
    ("categories", "排队类别", "queue category"),
    ("service_items", "服务事项", "service item"),
    ("residents", "居民", "resident"),
    ("party_members", "党员", "party member"),
    ("cases", "办件", "case"),
    ("mediation_cases", "调解案件", "mediation case"),
    ("windows", "窗口", "window"),
    ("activities", "活动", "activity"),
    ("ssh_keys", "登录密钥", "login key"),
    ("queue_tickets", "号", "number"),
    ("name", "名称", "name"),
    ("login", "登录名", "login"),
    ("id_number", "身份证号", "ID number"),
    ("prefix", "号码前缀", "number prefix"),
    ("code", "编码", "code"),
    ("number", "编号", "number"),
    ("operator", "操作员", "operator"),
    ("data", "密钥", "key"),
];

fn noun(lang: Lang, sql: &str) -> String {
    match NOUNS.iter().find(|(n, _, _)| *n == sql) {
        Some((_, zh, en)) => super::pick(lang, zh, en).to_string(),
        None => sql.to_string(),
    }
}

/// A constraint the database refused a write on, in words: which rule, on what, and what to
/// do (SQLite says `UNIQUE constraint failed: rooms.name`; the desk says 已有同名调解室).
/// Messages the program wrote itself (a setting out of range) are shown as they are.
pub fn conflict(lang: Lang, what: &str) -> String {
    let zh = lang == Lang::Zh;
    if let Some(cols) = what.strip_prefix("UNIQUE constraint failed: ") {
        let pairs: Vec<(&str, &str)> = cols.split(", ").filter_map(|c| c.split_once('.')).collect();
        let Some((table, _)) = pairs.first() else {
            return if zh {
                "与已有记录重复，未写入。请检查后重试。".into()
            } else {
                "This duplicates an existing record; nothing was written. Check it and try again.".into()
            };
        };
        let t = noun(lang, table);
        let cols: Vec<String> = pairs.iter().map(|(_, c)| noun(lang, c)).collect();
        return match (zh, pairs.as_slice()) {
            (true, [(_, "name")]) => format!("已有同名{t}，未写入。请换一个名称。"),
            (false, [(_, "name")]) => {
                format!("A {t} of this name already exists; nothing was written. Choose another name.")
            }
            (true, _) => format!("已有{}相同的{t}，未写入。请检查{}。", cols.join("、"), cols.join("、")),
            (false, _) => format!("A {t} with this {} already exists; nothing was written.", cols.join(" and ")),
        };
    }
    if what.contains("called before issued") {
        return if zh {
            "叫号时间早于取号时间，未写入。请检查本机时钟。".into()
        } else {
            "A number cannot be called before it was issued; nothing was written. Check this computer's clock.".into()
        };
    }
    if what.contains("append-only") {
        return if zh {
            "操作日志只能追加，不能修改或删除。".into()
        } else {
            "The audit trail can only grow; its rows are never changed or deleted.".into()
        };
    }
    let rule = what
        .strip_prefix("CHECK constraint failed: ")
        .or_else(|| what.strip_prefix("NOT NULL constraint failed: "))
        .or_else(|| what.strip_prefix("FOREIGN KEY constraint failed").map(|_| ""));
    match (zh, rule) {
        (true, Some("")) => "所引用的记录不存在或仍被使用，未写入。".into(),
        (false, Some("")) => "The record it refers to does not exist or is still in use; nothing was written.".into(),
        (true, Some(r)) => format!("数据不符合数据库规则（{r}），未写入。请检查所填内容。"),
        (false, Some(r)) => {
            format!("The data breaks a database rule ({r}); nothing was written. Check what was entered.")
        }
        (true, None) => format!("数据冲突，未写入：{what}"),
        (false, None) => format!("Conflicting data, nothing written: {what}"),
    }
}

#[cfg(test)]
mod conflict_tests {
    use super::*;

    #[test]
    fn constraint_errors_are_turned_into_words() {
        assert_eq!(
            conflict(Lang::Zh, "UNIQUE constraint failed: rooms.name"),
            "已有同名调解室，未写入。请换一个名称。"
        );
        assert!(conflict(Lang::En, "UNIQUE constraint failed: operators.login").contains("operator with this login"));
        assert!(conflict(Lang::Zh, "queue_tickets: called before issued").contains("叫号时间早于取号时间"));
        assert!(!conflict(Lang::Zh, "CHECK constraint failed: length(prefix) = 1").contains("constraint failed"));
        // The program's own words pass through.
        assert!(conflict(Lang::Zh, "members.report_months = 99 (1–24)").contains("members.report_months = 99"));
    }
}
