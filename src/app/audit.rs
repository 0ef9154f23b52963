//! The audit view on the dashboard: who did what, filtered, newest first, paged by id.

use super::overlay::{Overlay, Prompt, PromptFor};
use super::{App, Effect};
use crate::action::Action;
use crate::domain::config::Horizon;
use crate::model::{AuditFilter, AuditRow};

/// A change to the operators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperatorOp {
    /// A new operator.
    Add(String, String, crate::domain::operator::Role, Option<u16>),
    /// A new role and window.
    Set(String, crate::domain::operator::Role, Option<u16>),
    /// Retire.
    Retire(String),
}

/// A target or threshold a supervisor sets from the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Minutes a resident should wait at most (reports count the share above it).
    WaitMinutes(u32),
    /// Yearly service hours of a party member.
    MemberHours(u32),
    /// Months between a member's reports to the community.
    ReportMonths(u32),
    /// Waiting count above which a category shows the alarm.
    Threshold(String, u32),
    /// Days ahead an appointment may be booked.
    AppointmentDays(u32),
    /// Days ahead a room may be booked.
    RoomDays(u32),
}

impl Target {
    /// Parses "wait 30", "hours 50", "months 6", "threshold SB 10", "appointments 14" or
    /// "rooms 90" (Chinese words too).
    pub fn parse(s: &str) -> Option<Target> {
        let w: Vec<&str> = s.split_whitespace().collect();
        let n = |x: &str, lo: u32, hi: u32| x.parse::<u32>().ok().filter(|v| (lo..=hi).contains(v));
        match w.as_slice() {
            ["wait" | "等候", v] => n(v, 1, 240).map(Target::WaitMinutes),
            ["hours" | "时长", v] => n(v, 1, 1000).map(Target::MemberHours),
            ["months" | "报到", v] => n(v, 1, 24).map(Target::ReportMonths),
            ["threshold" | "警戒", cat, v] => n(v, 0, 999).map(|v| Target::Threshold(cat.to_string(), v)),
            ["appointments" | "预约", v] => n(v, Horizon::MIN, Horizon::MAX).map(Target::AppointmentDays),
            ["rooms" | "调解室", v] => n(v, Horizon::MIN, Horizon::MAX).map(Target::RoomDays),
            _ => None,
        }
    }
}

/// An administration command typed on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminCmd {
    /// Create or change a window: number, name, category codes.
    Window(u16, String, Vec<String>),
    /// Add a mediation room with its capacity.
    RoomAdd(String, u16),
    /// Retire a room by id.
    RoomRetire(i64),
    /// Import next year's holiday calendar from a file; `true` removes the dates of its years
    /// it does not list (the command line's `--replace-year`).
    Calendar(String, bool),
    /// Change a service item: code and the change.
    Item(String, crate::model::ItemEdit),
    /// Set a setting (admins): key and value.
    Setting(String, String),
    /// Import residents or members from files (issue 20): `false` previews and writes the
    /// report, `true` (the same command ending in `confirm`) imports them as one batch.
    Import(crate::domain::import::Kind, Vec<String>, bool),
    /// Take an import batch back.
    ImportUndo(i64),
}

/// Settings an admin may set from the dashboard (the targets have their own command).
pub const SETTINGS: [&str; 1] = ["centre_name"];

impl AdminCmd {
    /// Parses "window 4 综合窗口 SB,YB", "room add 和为贵调解室三 [8]", "room retire 3",
    /// "calendar /path/holidays-2027.toml [replace]", "item retire|restore CODE",
    /// "item fee|notes|department CODE text".
    pub fn parse(s: &str) -> Option<AdminCmd> {
        let w: Vec<&str> = s.split_whitespace().collect();
        match w.as_slice() {
            ["window" | "窗口", n, name, cats] => {
                let n = n.parse::<u16>().ok().filter(|n| (1..=99).contains(n))?;
                let cats: Vec<String> =
                    cats.split([',', '，']).filter(|c| !c.is_empty()).map(|c| c.to_ascii_uppercase()).collect();
                (!cats.is_empty()).then(|| AdminCmd::Window(n, name.to_string(), cats))
            }
            ["room" | "调解室", "add" | "添加", name] => Some(AdminCmd::RoomAdd(name.to_string(), 8)),
            ["room" | "调解室", "add" | "添加", name, cap] => {
                Some(AdminCmd::RoomAdd(name.to_string(), cap.parse().ok().filter(|c| (1..=100).contains(c))?))
            }
            ["room" | "调解室", "retire" | "停用", id] => id.parse().ok().map(AdminCmd::RoomRetire),
            ["calendar" | "日历", path] => Some(AdminCmd::Calendar(path.to_string(), false)),
            ["calendar" | "日历", path, "replace" | "--replace-year" | "替换"] => {
                Some(AdminCmd::Calendar(path.to_string(), true))
            }
            ["import" | "导入", "undo" | "撤销", n] => n.parse().ok().map(AdminCmd::ImportUndo),
            ["import" | "导入", kind, files @ ..] if !files.is_empty() => {
                use crate::domain::import::Kind;
                let kind = match *kind {
                    "residents" | "居民" => Kind::Residents,
                    "members" | "党员" => Kind::Members,
                    _ => return None,
                };
                let confirmed = matches!(files.last(), Some(&("confirm" | "确认")));
                let files = if confirmed { &files[..files.len() - 1] } else { files };
                (!files.is_empty())
                    .then(|| AdminCmd::Import(kind, files.iter().map(|f| f.to_string()).collect(), confirmed))
            }
            ["setting" | "设置", key, rest @ ..] if SETTINGS.contains(key) && !rest.is_empty() => {
                Some(AdminCmd::Setting(key.to_string(), crate::domain::text::clean_field(&rest.join(" "), 100).0))
            }
            ["item" | "事项", what, code, rest @ ..] => {
                use crate::model::ItemEdit;
                let text = crate::domain::text::clean_field(&rest.join(" "), 500).0;
                let code = code.to_ascii_uppercase();
                let edit = match (*what, text.is_empty()) {
                    ("retire" | "停用", true) => ItemEdit::Retired(true),
                    ("restore" | "恢复", true) => ItemEdit::Retired(false),
                    ("fee" | "收费", false) => ItemEdit::Fee(text),
                    ("notes" | "备注", false) => ItemEdit::Notes(text),
                    ("department" | "部门", false) => ItemEdit::Department(text),
                    _ => return None,
                };
                Some(AdminCmd::Item(code, edit))
            }
            _ => None,
        }
    }
}

/// Parses "role [window]" (role words as on the command line: clerk, mediator, member_desk …).
pub fn role_window(words: &[&str]) -> Option<(crate::domain::operator::Role, Option<u16>)> {
    let role = crate::domain::operator::Role::from_str_opt(words.first()?)?;
    let window = match words.get(1) {
        None => None,
        Some(w) => Some(w.parse::<u16>().ok().filter(|n| (1..=99).contains(n))?),
    };
    (words.len() <= 2).then_some((role, window))
}

/// Rows read per page.
pub const PAGE: usize = 200;

/// State of the audit view.
#[derive(Debug, Clone, Default)]
pub struct AuditState {
    /// Shown instead of the dashboard.
    pub on: bool,
    /// The filter in force.
    pub filter: AuditFilter,
    /// The filter as typed.
    pub filter_text: String,
    /// Rows read so far, newest first.
    pub rows: Vec<AuditRow>,
    /// Row under the cursor.
    pub selected: usize,
    /// The last page was full: older rows may follow.
    pub more: bool,
    /// The operators view is shown (after the audit trail in the F3 cycle).
    pub operators_on: bool,
    /// Every operator, retired last.
    pub operators: Vec<crate::domain::operator::Operator>,
    /// Operator under the cursor.
    pub operator: usize,
    /// Window selected on the dashboard (what `free_window` acts on).
    pub window: usize,
    /// Page of the lines panel shown on the dashboard.
    pub lines_page: usize,
}

/// The first page for the filter in force.
pub fn reload(app: &App) -> Effect {
    Effect::LoadAudit(app.audit.filter.clone(), None)
}

/// A key's action on the dashboard tab's audit and operators views (and the commands every
/// view of the tab takes).
pub fn action(app: &mut App, a: Action) -> Vec<Effect> {
    let page = app.page();
    let s = &mut app.audit;
    match a {
        // F3 cycles: dashboard → audit trail → operators → dashboard.
        Action::ToggleAudit => {
            if s.on {
                s.on = false;
                s.operators_on = true;
                return vec![Effect::LoadOperators];
            }
            if s.operators_on {
                s.operators_on = false;
            } else {
                s.on = true;
                return vec![reload(app)];
            }
        }
        Action::Up | Action::Down | Action::First | Action::Last if s.operators_on => {
            let n = s.operators.len() as isize;
            let d = match a {
                Action::Up => -1,
                Action::Down => 1,
                Action::First => -1000,
                _ => 1000,
            };
            s.operator = (s.operator as isize + d).clamp(0, (n - 1).max(0)) as usize;
        }
        Action::OperatorAdd | Action::OperatorSet | Action::OperatorRetire if s.operators_on => {
            let (purpose, prefill) = match a {
                Action::OperatorAdd => (PromptFor::OperatorAdd, String::new()),
                Action::OperatorSet => {
                    let Some(o) = s.operators.get(s.operator).filter(|o| !o.retired) else { return vec![] };
                    let w = o.window.map(|w| format!(" {w}")).unwrap_or_default();
                    (PromptFor::OperatorSet, format!("{}{w}", o.role.as_str()))
                }
                _ => {
                    if s.operators.get(s.operator).is_none_or(|o| o.retired) {
                        return vec![];
                    }
                    (PromptFor::OperatorRetire, String::new())
                }
            };
            let number = s.operators.get(s.operator).map(|o| o.login.clone()).unwrap_or_default();
            ask(app, purpose, 60, &prefill, number);
        }
        Action::WriteReport => {
            if app.report_since.is_some() {
                return vec![];
            }
            ask(app, PromptFor::Report, 20, "", String::new());
        }
        Action::AdminCommand => {
            ask(app, PromptFor::Admin, 200, "", String::new());
        }
        Action::SetTarget => {
            ask(app, PromptFor::Target, 40, "", String::new());
        }
        Action::FocusSearch if s.on => {
            let prefill = s.filter_text.clone();
            ask(app, PromptFor::AuditFilter, 120, &prefill, String::new());
        }
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First | Action::Last if s.on => {
            let d = match a {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -page,
                Action::PageDown => page,
                Action::First => -1_000_000,
                _ => 1_000_000,
            };
            let n = s.rows.len() as isize;
            s.selected = (s.selected as isize + d).clamp(0, (n - 1).max(0)) as usize;
            // At the bottom: read the next older page.
            if s.more && s.selected + 1 >= s.rows.len() {
                let before = s.rows.last().map(|r| r.id);
                return vec![Effect::LoadAudit(s.filter.clone(), before)];
            }
        }
        _ => {}
    }
    vec![]
}

/// Opens a one-line prompt with `prefill` typed in; `number` names what it is about.
fn ask(app: &mut App, purpose: PromptFor, max: usize, prefill: &str, number: String) {
    let mut p = Prompt::new(purpose, 0, 0, number, max);
    p.input.insert(prefill);
    app.overlay = Some(Overlay::Prompt(p));
}

/// A page arrived: the first replaces, an older one appends.
pub fn loaded(app: &mut App, filter: AuditFilter, before: Option<i64>, rows: Vec<AuditRow>) {
    let s = &mut app.audit;
    if filter != s.filter {
        return;
    }
    s.more = rows.len() >= PAGE;
    match before {
        None => {
            // Another session's write: keep the cursor on the same row.
            let keep = s.rows.get(s.selected).map(|r| r.id);
            if s.rows.len() > rows.len() && rows.first().map(|r| r.id) == s.rows.first().map(|r| r.id) {
                return;
            }
            s.rows = rows;
            s.selected = keep.and_then(|id| s.rows.iter().position(|r| r.id == id)).unwrap_or(0);
        }
        Some(b) if s.rows.last().map(|r| r.id) == Some(b) => s.rows.extend(rows),
        Some(_) => {}
    }
}

/// The answer to one of the dashboard tab's prompts.
pub(super) fn submit(app: &mut App, purpose: PromptFor, text: &str) -> Result<Vec<Effect>, super::screen::Invalid> {
    use super::screen::Invalid;
    let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
    let login = p.number.clone();
    let effect = match purpose {
        PromptFor::Admin => {
            let cmd = AdminCmd::parse(text).ok_or(Invalid)?;
            // A command of this prompt that is not this role's (settings are the admins')
            // keeps the prompt and its text, and says why, instead of closing on a refusal.
            let admin = app.session.operator.role.may(crate::domain::operator::Permission::Administer);
            if matches!(cmd, AdminCmd::Setting(..)) && !admin {
                app.toast(super::notice::Notice::Denied);
                return Err(Invalid);
            }
            Effect::Admin(cmd, app.lang)
        }
        PromptFor::Target => Effect::SetTarget(Target::parse(text).ok_or(Invalid)?),
        PromptFor::OperatorAdd | PromptFor::OperatorSet | PromptFor::OperatorRetire => {
            Effect::OperatorChange(operator_op(purpose, text, login).ok_or(Invalid)?)
        }
        PromptFor::Report => {
            // "d 2026-11-20", "m", "2026-11" … : the period first, then the day.
            let mut parts = text.split_whitespace();
            let (monthly, rest) = match parts.next() {
                None | Some("d" | "D" | "日") => (false, parts.next()),
                Some("m" | "M" | "月") => (true, parts.next()),
                Some(other) => (false, Some(other)),
            };
            let day = match rest {
                None => app.now.date(),
                Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| Invalid)?,
            };
            app.report_since = Some(app.now);
            Effect::WriteReport(monthly, day, app.lang)
        }
        PromptFor::AuditFilter => {
            let f = AuditFilter::parse(text).map_err(|_| Invalid)?;
            app.audit.filter = f;
            app.audit.filter_text = text.to_string();
            app.audit.rows.clear();
            app.audit.selected = 0;
            reload(app)
        }
        _ => return Err(Invalid),
    };
    Ok(vec![effect])
}

/// "login 姓名 role [window]" to add, "role [window]" to change, the login again to retire.
fn operator_op(purpose: PromptFor, text: &str, login: String) -> Option<OperatorOp> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match purpose {
        PromptFor::OperatorAdd => match words.as_slice() {
            [l, name, rest @ ..] if l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') => {
                role_window(rest).map(|(r, w)| OperatorOp::Add(l.to_string(), name.to_string(), r, w))
            }
            _ => None,
        },
        PromptFor::OperatorSet => role_window(&words).map(|(r, w)| OperatorOp::Set(login, r, w)),
        _ => (text == login).then_some(OperatorOp::Retire(login)),
    }
}
