//! Words of the command line: results and refusals.

use crate::domain::lang::Lang;
use crate::domain::operator::Role;
use crate::model::ImportCounts;
use std::path::Path;

/// `init` made a new database.
pub fn init_created(lang: Lang, path: &Path, items: usize, days: usize, login: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "已创建数据库 {}：导入 {items} 个服务事项、{days} 个节假日调整日期，{login} 已登记为管理员。",
            path.display()
        ),
        Lang::En => format!(
            "Created {}: {items} service items and {days} calendar dates loaded; {login} is registered as admin.",
            path.display()
        ),
    }
}

/// `init` found the database ready.
pub fn init_exists(lang: Lang, path: &Path, version: u32) -> String {
    match lang {
        Lang::Zh => format!("数据库 {} 已是最新（第 {version} 版），未作改动。", path.display()),
        Lang::En => format!("{} is up to date (schema {version}); nothing changed.", path.display()),
    }
}

/// `items` found nothing.
pub fn no_items(lang: Lang, q: &str) -> String {
    match lang {
        Lang::Zh => format!("没有匹配“{q}”的事项。试试拼音首字母，如 gljt。"),
        Lang::En => format!("No item matches “{q}”. Try pinyin initials such as gljt."),
    }
}

/// `find --in residents` found nobody.
pub fn no_residents(lang: Lang, q: &str) -> String {
    match lang {
        Lang::Zh => format!("没有匹配“{q}”的居民。"),
        Lang::En => format!("No resident matches “{q}”."),
    }
}

/// `find --in cases` found no case.
pub fn no_cases(lang: Lang, q: &str) -> String {
    match lang {
        Lang::Zh => format!("没有匹配“{q}”的办件。"),
        Lang::En => format!("No case matches “{q}”."),
    }
}

/// `find --in cases` listed the first of more.
pub fn more_cases(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 件未列出（用 --limit 列出更多）。"),
        Lang::En => format!("{n} more not listed (--limit lists more)."),
    }
}

/// `find --in members` found nobody.
pub fn no_members(lang: Lang, q: &str) -> String {
    match lang {
        Lang::Zh => format!("没有匹配“{q}”的党员。"),
        Lang::En => format!("No party member matches “{q}”."),
    }
}

/// A backup was written and checked.
pub fn backup_ok(lang: Lang, path: &Path, bytes: u64) -> String {
    let kb = bytes.div_ceil(1024);
    match lang {
        Lang::Zh => format!("已备份到 {}（{kb} KB），检查完好。恢复方法见 README“备份与恢复”。", path.display()),
        Lang::En => format!(
            "Backed up to {} ({kb} KB); the copy checks clean. README \"Backup and restore\" says how to restore.",
            path.display()
        ),
    }
}

/// Flag: below the yearly target.
pub fn below_target(lang: Lang, target: u32) -> String {
    match lang {
        Lang::Zh => format!("未达标（{target} 小时）"),
        Lang::En => format!("below target ({target} h)"),
    }
}

/// Flag: due to report to the community again.
pub fn report_due(lang: Lang, last: chrono::NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("待再次报到（上次 {last}）"),
        Lang::En => format!("report due (last {last})"),
    }
}

/// The member settings in force.
pub fn member_settings(lang: Lang, target: u32, months: u32) -> String {
    match lang {
        Lang::Zh => format!("年度服务目标：{target} 小时；再次报到周期：{months} 个月"),
        Lang::En => format!("Yearly target: {target} hours; report again every {months} months"),
    }
}

/// The booking horizons in force.
pub fn horizons(lang: Lang, rooms: u32, appointments: u32) -> String {
    match lang {
        Lang::Zh => format!("调解室可提前 {rooms} 天预约；窗口预约可提前 {appointments} 天"),
        Lang::En => format!("Rooms may be booked {rooms} days ahead; appointments {appointments} days ahead"),
    }
}

/// A member's hours this year, in a search result.
pub fn year_hours(lang: Lang, year: i32, hours: &str) -> String {
    match lang {
        Lang::Zh => format!("{year}年 {hours} 小时"),
        Lang::En => format!("{hours} h in {year}"),
    }
}

/// `members feedback` had no work unit with active members.
pub fn no_member_units(lang: Lang) -> String {
    match lang {
        Lang::Zh => "没有在册党员，未生成反馈单。".into(),
        Lang::En => "No active party members; no feedback written.".into(),
    }
}

/// An import's counts.
pub fn imported(lang: Lang, what_zh: &str, what_en: &str, file: &str, c: ImportCounts) -> String {
    match lang {
        Lang::Zh => format!("{what_zh} {file}：新增 {}，修改 {}，未变 {}。", c.added, c.changed, c.unchanged),
        Lang::En => format!("{what_en} {file}: {} added, {} changed, {} unchanged.", c.added, c.changed, c.unchanged),
    }
}

/// `check` passed.
pub fn check_ok(lang: Lang, path: &Path, version: u32, items: usize, operators: usize, days: usize) -> String {
    match lang {
        Lang::Zh => format!(
            "数据库 {} 完好：第 {version} 版，{items} 个服务事项，{operators} 位操作员，{days} 个节假日调整日期。",
            path.display()
        ),
        Lang::En => format!(
            "{} is sound: schema {version}, {items} service items, {operators} operators, {days} calendar dates.",
            path.display()
        ),
    }
}

/// `check` found problems.
pub fn check_failed(lang: Lang, path: &Path, problems: &[String]) -> String {
    match lang {
        Lang::Zh => format!("数据库 {} 检查发现 {} 个问题：\n{}", path.display(), problems.len(), problems.join("\n")),
        Lang::En => format!("{} has {} problem(s):\n{}", path.display(), problems.len(), problems.join("\n")),
    }
}

/// A row that breaks one of the desk's rules, as `check` lists it.
pub fn rule_break(lang: Lang, r: &crate::model::RuleBreak) -> String {
    use crate::model::RuleBreak;
    let zh = lang == Lang::Zh;
    match r {
        RuleBreak::SexAgainstId { id, name, female } => {
            let (is, id_says) = match (zh, female) {
                (true, true) => ("女", "男"),
                (true, false) => ("男", "女"),
                (false, true) => ("female", "male"),
                (false, false) => ("male", "female"),
            };
            if zh {
                format!("党员 {name}（#{id}）登记为{is}，身份证号第 17 位却是{id_says}性：请核对身份证后改正。")
            } else {
                format!(
                    "Party member {name} (#{id}) is recorded {is}, but the ID number's 17th digit says {id_says}: check the ID card and correct it."
                )
            }
        }
        RuleBreak::CalledBeforeIssued { day, number, minutes } => {
            if zh {
                format!("{day} 的 {number} 号在取号前 {minutes} 分钟被叫：报表中其等候时间为负。")
            } else {
                format!(
                    "Number {number} of {day} was called {minutes} min before it was issued: reports count a negative wait."
                )
            }
        }
    }
}

/// Operator added.
pub fn operator_added(lang: Lang, login: &str, name: &str, role: Role) -> String {
    match lang {
        Lang::Zh => format!("已添加操作员 {login}（{name}，{}）。", super::role(lang, role)),
        Lang::En => format!("Added operator {login} ({name}, {}).", super::role(lang, role)),
    }
}

/// Operator retired.
pub fn operator_retired(lang: Lang, login: &str) -> String {
    match lang {
        Lang::Zh => format!("已停用操作员 {login}，其办理记录保留。"),
        Lang::En => format!("Retired operator {login}; their records stay."),
    }
}

/// Operator restored.
pub fn operator_restored(lang: Lang, login: &str) -> String {
    match lang {
        Lang::Zh => format!("已恢复操作员 {login}，角色和窗口照旧；登录密钥需重新添加（yichuang keys add）。"),
        Lang::En => format!(
            "Restored operator {login} with their role and window; add their login keys again (yichuang keys add)."
        ),
    }
}

/// Refusals of `operator` commands and other bad input on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The login is taken.
    LoginExists(String),
    /// No such operator.
    NoSuchOperator(String),
    /// Already retired.
    AlreadyRetired(String),
    /// `operator restore` of an operator who is not retired.
    NotRetired(String),
    /// Would leave no admin.
    LastAdmin(String),
    /// Not a role name.
    BadRole(String),
    /// Not a valid login.
    BadLogin(String),
    /// Empty or too long display name.
    BadName,
    /// Window number out of range.
    BadWindow,
    /// Alarm threshold out of range.
    BadThreshold,
    /// A time that cannot be read.
    BadTime(String),
    /// Not permitted for this role.
    Denied { login: String, role: Role, needs: Role },
    /// `--lang` value.
    BadLang(String),
    /// Unknown keymap name.
    UnknownKeymap(String),
    /// No HOME or XDG dirs.
    NoDataDir,
    /// `--demo` would overwrite a real database.
    NotDemo(String),
    /// `--now` (or `YICHUANG_NOW`) is not a local date and time like 2026-12-20T09:30.
    BadNow(String),
    /// `--now` on a database that is not a demo or generated one (or does not exist): the path.
    NowOnReal(String),
    /// A file could not be read.
    Read { path: String, message: String },
    /// The TUI needs a terminal.
    NoTerminal(String),
    /// Not a quarter like 2026Q4.
    BadQuarter(String),
    /// No active member works at this unit.
    NoSuchUnit(String),
    /// A file could not be written.
    Write { path: String, message: String },
    /// A setting out of its range: which option (with the range), the value given.
    BadSetting(String, u32),
    /// `backup` was pointed at the live database.
    BackupOntoItself,
    /// `backup` would overwrite a file.
    BackupExists(String),
    /// Not a date like 2026-11-20.
    BadDate(String),
    /// A workbook cannot go to the terminal.
    NeedsOut,
    /// `queue call` while a number is still open at the window.
    CallWithOpen {
        /// The window.
        window: u16,
        /// The open number ("" when another session called a moment ago).
        number: String,
    },
    /// Already in words by the part of the desk that refused (requests).
    Told(String),
}

/// A refusal in words.
pub fn refusal(lang: Lang, r: &Refusal) -> String {
    let zh = lang == Lang::Zh;
    match r {
        Refusal::Told(s) => s.clone(),
        Refusal::LoginExists(l) => {
            if zh {
                format!("登录名 {l} 已存在，未作改动。")
            } else {
                format!("Login {l} already exists; nothing changed.")
            }
        }
        Refusal::NoSuchOperator(l) => {
            if zh {
                format!("没有登录名为 {l} 的操作员。用 yichuang operator list 查看。")
            } else {
                format!("No operator has login {l}. See yichuang operator list.")
            }
        }
        Refusal::AlreadyRetired(l) => {
            if zh {
                format!("操作员 {l} 早已停用。")
            } else {
                format!("Operator {l} is already retired.")
            }
        }
        Refusal::NotRetired(l) => {
            if zh {
                format!("操作员 {l} 没有停用，无需恢复。")
            } else {
                format!("Operator {l} is not retired; there is nothing to restore.")
            }
        }
        Refusal::LastAdmin(l) => {
            if zh {
                format!("{l} 是最后一位管理员，不能停用。请先添加另一位管理员。")
            } else {
                format!("{l} is the last admin and cannot be retired. Add another admin first.")
            }
        }
        Refusal::BadRole(r) => {
            if zh {
                format!("角色“{r}”无效，可选：clerk、mediator、member_desk、supervisor、admin。")
            } else {
                format!("“{r}” is not a role; use clerk, mediator, member_desk, supervisor or admin.")
            }
        }
        Refusal::BadLogin(l) => {
            if zh {
                format!("登录名“{l}”无效：只能使用字母、数字和 _ - .，最长 32 个字符。")
            } else {
                format!("“{l}” is not a valid login: letters, digits, _ - . only, at most 32 characters.")
            }
        }
        Refusal::BadName => {
            if zh {
                "姓名不能为空，最长 20 个字，且不能含控制字符。".into()
            } else {
                "The name must be 1 to 20 characters without control characters.".into()
            }
        }
        Refusal::BadTime(t) => {
            if zh {
                format!("时间“{t}”无法识别：请写成 2026-11-23T09:30 或 09:30")
            } else {
                format!("Cannot read the time “{t}”: write 2026-11-23T09:30 or 09:30")
            }
        }
        Refusal::BadThreshold => {
            if zh {
                "报警人数应在 1 到 999 之间。".into()
            } else {
                "The alarm threshold must be 1 to 999.".into()
            }
        }
        Refusal::BadWindow => {
            if zh {
                "窗口号应在 1 到 99 之间。".into()
            } else {
                "The window number must be 1 to 99.".into()
            }
        }
        Refusal::Denied { login, role, needs } => {
            if zh {
                format!(
                    "{login}（{}）无权执行此操作，需要{}权限。",
                    super::role(lang, *role),
                    super::role(lang, *needs)
                )
            } else {
                format!(
                    "{login} ({}) may not do this; it needs the {} role.",
                    super::role(lang, *role),
                    super::role(lang, *needs)
                )
            }
        }
        other => input_refusal(lang, other),
    }
}

/// A refusal of what was typed or named: a language, keymap, date, file.
fn input_refusal(lang: Lang, r: &Refusal) -> String {
    let zh = lang == Lang::Zh;
    match r {
        Refusal::BadLang(l) => format!("--lang “{l}”：只能是 zh 或 en / must be zh or en"),
        Refusal::UnknownKeymap(k) => {
            if zh {
                format!("键位方案“{k}”不存在：可用 default、vim，或一个 .toml 文件路径。")
            } else {
                format!("No keymap “{k}”: use default, vim, or the path of a .toml file.")
            }
        }
        Refusal::NoDataDir => {
            if zh {
                "无法确定数据目录：请设置 HOME 或 XDG_DATA_HOME，或用 --db 指定数据库文件。".into()
            } else {
                "No data directory: set HOME or XDG_DATA_HOME, or give --db.".into()
            }
        }
        Refusal::NotDemo(p) => {
            if zh {
                format!("{p} 不是演示数据库，--demo 不会覆盖它。请用 --db 指定另一个路径。")
            } else {
                format!("{p} is not a demo database; --demo will not overwrite it. Give another path with --db.")
            }
        }
        Refusal::BadNow(v) => {
            if zh {
                format!("--now“{v}”无法识别：请写成 年-月-日T时:分（北京时间），例如 2026-12-20T09:30。")
            } else {
                format!("Cannot read --now “{v}”: write YYYY-MM-DDTHH:MM (China time), e.g. 2026-12-20T09:30.")
            }
        }
        Refusal::NowOnReal(p) => {
            if zh {
                format!(
                    "{p} 不是演示库（--demo）或生成库（generate），不能用 --now 或 YICHUANG_NOW 改动时钟：\
                     真实柜台上的时间不允许倒填。--now 只用于演示库和生成库；本次未写入任何内容。"
                )
            } else {
                format!(
                    "{p} is not a demo (--demo) or generated (generate) database, so --now and YICHUANG_NOW cannot \
                     move its clock: backdating at a real counter must be impossible. --now works only on demo and \
                     generated databases; nothing was written."
                )
            }
        }
        Refusal::Read { path, message } => {
            if zh {
                format!("无法读取 {path}：{message}")
            } else {
                format!("Cannot read {path}: {message}")
            }
        }
        Refusal::BadQuarter(q) => {
            if zh {
                format!("季度“{q}”无法识别：请写成 2026Q4。")
            } else {
                format!("Cannot read the quarter “{q}”: write 2026Q4.")
            }
        }
        Refusal::NoSuchUnit(u) => {
            if zh {
                format!("没有在职单位为“{u}”的在册党员。")
            } else {
                format!("No active party member works at “{u}”.")
            }
        }
        Refusal::BackupOntoItself => {
            if zh {
                "不能备份到正在使用的数据库本身：请换一个文件名，例如 backup-2026-11-22.sqlite3。".to_string()
            } else {
                "Cannot back up onto the live database itself: name another file, e.g. backup-2026-11-22.sqlite3."
                    .to_string()
            }
        }
        Refusal::BackupExists(p) => {
            if zh {
                format!("{p} 已存在，未覆盖：请换一个文件名或先移走它。")
            } else {
                format!("{p} exists and was not overwritten: name another file or move it first.")
            }
        }
        Refusal::BadDate(d) => {
            if zh {
                format!("日期“{d}”无法识别：请写成 2026-11-20。")
            } else {
                format!("Cannot read the date “{d}”: write 2026-11-20.")
            }
        }
        Refusal::NeedsOut => {
            if zh {
                "二进制文件不能直接输出到终端：请指定文件（report 用 --out 日报.xlsx，backup 写文件名），或重定向（> 文件）。".into()
            } else {
                "A binary file cannot go to the terminal: name a file (report --out daily.xlsx, backup FILE) or redirect it (> FILE).".into()
            }
        }
        Refusal::BadSetting(what, v) => {
            if zh {
                format!("{what} 的值 {v} 超出范围，未做更改。")
            } else {
                format!("{v} is out of range for {what}; nothing changed.")
            }
        }
        Refusal::Write { path, message } => {
            if zh {
                format!("无法写入 {path}：{message}")
            } else {
                format!("Cannot write {path}: {message}")
            }
        }
        Refusal::NoTerminal(m) => {
            if zh {
                format!("无法打开终端界面（{m}）。请在终端中运行，或使用 items 等子命令。")
            } else {
                format!(
                    "Cannot open the terminal interface ({m}). Run it in a terminal, or use a subcommand such as items."
                )
            }
        }
        Refusal::CallWithOpen { window, number } => {
            if zh {
                format!(
                    "{window} 号窗口的 {number} 还没有办结。说明它的去向再叫下一位：--previous done（已办完）、no-show（过号）或 back-in-line（回到队列）"
                )
            } else {
                format!(
                    "{number} is still open at window {window}. Say what became of it to call the next: --previous done, no-show or back-in-line"
                )
            }
        }
        // The refusals about operators and roles are worded in `refusal`, which sends only the
        // others here.
        other => format!("{other:?}"),
    }
}

/// `generate` finished.
pub fn generated(lang: Lang, path: &Path, g: &crate::model::Generated, seconds: f64) -> String {
    match lang {
        Lang::Zh => format!(
            "已生成 {}（{seconds:.1} 秒）：居民 {}，党员 {}，历史取号 {}，办件 {}，预约 {}，调解室预约 {}，活动 {}（服务记录 {}），诉求 {}。\n打开：yichuang --db {}",
            path.display(),
            g.residents,
            g.members,
            g.tickets,
            g.cases,
            g.appointments,
            g.bookings,
            g.activities,
            g.records,
            g.requests,
            path.display()
        ),
        Lang::En => format!(
            "Generated {} in {seconds:.1} s: {} residents, {} party members, {} past tickets, {} cases, {} appointments, {} room bookings, {} activities ({} service records), {} requests.\nOpen it: yichuang --db {}",
            path.display(),
            g.residents,
            g.members,
            g.tickets,
            g.cases,
            g.appointments,
            g.bookings,
            g.activities,
            g.records,
            g.requests,
            path.display()
        ),
    }
}
