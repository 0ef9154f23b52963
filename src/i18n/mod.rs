//! Every user-visible string, in Simplified Chinese and English; typed errors into words.

mod actions;
pub mod calendar;
pub mod calendar_import;
mod cases;
pub mod cli;
pub mod dashboard;
pub mod deploy;
mod errors;
pub mod feedback;
pub mod form;
pub mod members;
mod notice;
pub mod queue;
pub mod receipt;
pub mod rooms;
pub mod screens;
pub mod words;

pub use crate::domain::lang::Lang;
pub use actions::{describe, short, undo_hint};
pub use cases::{
    case_error, case_state, case_state_short, channel, date, due_explanation, event_kind, material_status, paren,
    prompt_title, provisional_due, provisional_mark, resident_edit_error, resident_problem, tag, urgency, view,
};
pub use errors::{
    calendar_error, catalog_error, config_error, identity_error, keymap_error, print_timed_out, reason, storage_error,
};

use crate::app::Tab;
use crate::app::notice::Notice;
use crate::domain::catalog::{DeskRole, Handling, LimitUnit, MaterialForm, TimeLimit};
use crate::domain::operator::Role;

/// The colon after a label: "姓名：", "Name: ".
pub fn colon(lang: Lang) -> &'static str {
    pick(lang, "：", ": ")
}

/// Between the items of a list: "户口簿、身份证", "household register, ID card".
pub fn list_separator(lang: Lang) -> &'static str {
    pick(lang, "、", ", ")
}

/// `template` with each `{}` replaced by the next of `args`, in order (phrases with figures).
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    for a in args {
        let Some((head, tail)) = rest.split_once("{}") else { break };
        out.push_str(head);
        out.push_str(&a.to_string());
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Chooses the string of the language. Only `i18n` holds pairs of words: the compiler keeps
/// every other layer from writing its own.
pub(in crate::i18n) fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Fixed labels of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Placeholder of the catalog search field.
    SearchHint,
    /// Title of the result list.
    Items,
    /// Shown when nothing matches.
    NoMatch,
    /// Shown while the catalog loads.
    Loading,
    /// Title of the detail pane.
    Details,
    /// Detail field.
    Code,
    /// Detail field.
    Category,
    /// Detail field.
    Department,
    /// Detail field.
    Handling,
    /// Detail field.
    TimeLimit,
    /// Detail field.
    DeskRole,
    /// Detail field.
    Fee,
    /// Detail field.
    Materials,
    /// Detail field.
    Notes,
    /// Detail field.
    Keywords,
    /// Material is required.
    Required,
    /// Material is optional.
    Optional,
    /// Help dialog title.
    HelpTitle,
    /// Help section of keys that work everywhere.
    HelpGlobal,
    /// Help footer.
    HelpFooter,
    /// Command palette title.
    PaletteTitle,
    /// Palette with no match.
    PaletteEmpty,
    /// Confirm dialog title.
    ConfirmTitle,
    /// Confirm dialog keys.
    ConfirmKeys,
    /// Database fine.
    DbOk,
    /// Database loading.
    DbLoading,
    /// Database failed.
    DbError,
    /// The database worker is gone: nothing more can be saved.
    DbStopped,
    /// Demo database marker.
    Demo,
    /// Terminal too small.
    TooSmall,
    /// The program's name.
    AppName,
}

/// A fixed label.
pub fn label(lang: Lang, l: Label) -> &'static str {
    use Label::*;
    let (zh, en) = match l {
        SearchHint => {
            ("输入事项名称、拼音或首字母，如 ylbx、医保、社保卡", "Type a name, pinyin or initials: ylbx, 医保, 社保卡")
        }
        Items => ("事项", "Items"),
        NoMatch => (
            "没有匹配的事项。试试拼音首字母，如 gljt（高龄津贴），或按 {back} 清空。",
            "No item matches. Try pinyin initials such as gljt (高龄津贴), or press {back} to clear.",
        ),
        Loading => ("正在加载事项目录…", "Loading the catalog…"),
        Details => ("详情", "Details"),
        Code => ("事项编码", "Code"),
        Category => ("类别", "Category"),
        Department => ("实施部门", "Department"),
        Handling => ("办件类型", "Handling"),
        TimeLimit => ("承诺时限", "Time limit"),
        DeskRole => ("本窗口", "This desk"),
        Fee => ("收费", "Fee"),
        Materials => ("申请材料", "Materials to bring"),
        Notes => ("备注", "Notes"),
        Keywords => ("关键词", "Keywords"),
        Required => ("必需", "required"),
        Optional => ("可选", "optional"),
        HelpTitle => ("帮助 · 按键", "Help · keys"),
        HelpGlobal => ("所有页面", "Everywhere"),
        HelpFooter => ("↑↓ 滚动  {back} 关闭", "↑↓ scroll  {back} close"),
        PaletteTitle => ("命令", "Commands"),
        PaletteEmpty => ("没有匹配的命令", "No command matches"),
        ConfirmTitle => ("请确认", "Please confirm"),
        ConfirmKeys => ("{confirm} / y 确认    {back} / n 取消", "{confirm} / y yes    {back} / n no"),
        DbOk => ("数据库正常", "DB ok"),
        DbLoading => ("连接中", "connecting"),
        DbError => ("数据库出错", "DB error"),
        DbStopped => ("数据库连接已中断，无法保存：请退出后重新打开", "DB stopped, cannot save: quit and reopen"),
        Demo => ("演示", "DEMO"),
        TooSmall => ("窗口太小", "Too small"),
        AppName => ("一窗", "yichuang"),
    };
    pick(lang, zh, en)
}

/// A tab's title.
pub fn tab(lang: Lang, t: Tab) -> &'static str {
    match t {
        Tab::Catalog => pick(lang, "事项", "Catalog"),
        Tab::Cases => pick(lang, "办件", "Cases"),
        Tab::Residents => pick(lang, "居民", "Residents"),
        Tab::Queue => pick(lang, "排队", "Queue"),
        Tab::Appointments => pick(lang, "预约", "Appointments"),
        Tab::Rooms => pick(lang, "调解室", "Rooms"),
        Tab::Mediation => pick(lang, "调解", "Mediation"),
        Tab::Requests => pick(lang, "诉求", "Requests"),
        Tab::Members => pick(lang, "党员", "Members"),
        Tab::Dashboard => pick(lang, "总览", "Dashboard"),
    }
}

/// A role's name.
pub fn role(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Clerk => pick(lang, "窗口人员", "clerk"),
        Role::Mediator => pick(lang, "调解员", "mediator"),
        Role::MemberDesk => pick(lang, "党员服务岗", "member desk"),
        Role::Supervisor => pick(lang, "负责人", "supervisor"),
        Role::Admin => pick(lang, "管理员", "admin"),
        Role::Kiosk => pick(lang, "取号机", "kiosk"),
        Role::Board => pick(lang, "大厅显示屏", "hall display"),
        Role::Grid => pick(lang, "网格员", "grid staff"),
    }
}

/// "Window 3".
pub fn window(lang: Lang, n: u16) -> String {
    match lang {
        Lang::Zh => format!("{n}号窗口"),
        Lang::En => format!("Window {n}"),
    }
}

/// 即办件 / 承诺件.
pub fn handling(lang: Lang, h: Handling) -> &'static str {
    match h {
        Handling::Immediate => pick(lang, "即办件", "immediate"),
        Handling::Promised => pick(lang, "承诺件", "promised"),
    }
}

/// What the desk does with an item.
pub fn desk_role(lang: Lang, r: DeskRole) -> &'static str {
    match r {
        DeskRole::Forward => pick(lang, "收件代办，转有关部门办理", "receives and forwards to the department"),
        DeskRole::OnTheSpot => pick(lang, "窗口当场办理", "completed at this desk"),
    }
}

/// "5 个工作日".
pub fn time_limit(lang: Lang, t: TimeLimit) -> String {
    let n = t.n;
    match (lang, t.unit) {
        (Lang::Zh, LimitUnit::WorkingDays) => format!("{n} 个工作日"),
        (Lang::Zh, LimitUnit::CalendarDays) => format!("{n} 日（自然日）"),
        (Lang::Zh, LimitUnit::Months) => format!("{n} 个月"),
        (Lang::Zh, LimitUnit::Immediate) => "当场办结".to_string(),
        (Lang::En, LimitUnit::WorkingDays) => {
            format!("{n} working day{}", if n == 1 { "" } else { "s" })
        }
        (Lang::En, LimitUnit::CalendarDays) => {
            format!("{n} calendar day{}", if n == 1 { "" } else { "s" })
        }
        (Lang::En, LimitUnit::Months) => format!("{n} month{}", if n == 1 { "" } else { "s" }),
        (Lang::En, LimitUnit::Immediate) => "on the spot".to_string(),
    }
}

/// "原件 1 份".
pub fn material_form(lang: Lang, f: MaterialForm, count: u8) -> String {
    match lang {
        Lang::Zh => {
            let f = match f {
                MaterialForm::Original => "原件",
                MaterialForm::Copy => "复印件",
                MaterialForm::OriginalAndCopy => "原件及复印件",
            };
            format!("{f} {count} 份")
        }
        Lang::En => {
            let f = match f {
                MaterialForm::Original => "original",
                MaterialForm::Copy => "copy",
                MaterialForm::OriginalAndCopy => "original + copy",
            };
            format!("{f} ×{count}")
        }
    }
}

/// "12 / 123".
pub fn count_of(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("{shown} / {total} 项"),
        Lang::En => format!("{shown} / {total}"),
    }
}

/// The question of the confirm dialog for an action.
pub fn confirm_question(lang: Lang, a: crate::action::Action, ask: &crate::app::overlay::Ask) -> String {
    if let Some(q) = queue::ask(lang, a, ask) {
        return q;
    }
    use crate::app::overlay::Ask;
    match (a, ask) {
        (_, Ask::Consultation(number, item)) => match lang {
            Lang::Zh => format!("打印“{item}”的办事告知单，并将 {number} 记为咨询？"),
            Lang::En => format!("Print the slip for “{item}” and record {number} as a consultation?"),
        },
        (_, Ask::DropTicks(item, n)) => match lang {
            Lang::Zh => format!("返回查找居民将清除“{item}”已勾选的 {n} 项材料。确定返回？"),
            Lang::En => format!("Going back to the resident clears the {n} materials ticked for “{item}”. Go back?"),
        },
        (other, Ask::Of(what)) => match lang {
            Lang::Zh => format!("{}：{what}？", describe(lang, other)),
            Lang::En => format!("{}: {what}?", describe(lang, other)),
        },
        (crate::action::Action::Quit, _) => pick(lang, "退出一窗？", "Quit yichuang?").to_string(),
        (other, _) => format!("{}？", describe(lang, other)),
    }
}

/// The hint of a two-way key in its second state ("签退" for sign in / out when signed in).
pub fn short_on(lang: Lang, a: crate::action::Action) -> Option<&'static str> {
    use crate::action::Action;
    match a {
        Action::SignInOut => Some(pick(lang, "签退", "sign out")),
        Action::PauseWindow => Some(pick(lang, "恢复", "resume")),
        _ => None,
    }
}

/// A toast's text.
pub fn notice(lang: Lang, n: &Notice) -> String {
    match (lang, n) {
        (Lang::Zh, Notice::CatalogUpdated { items }) => {
            format!("事项目录已由其他窗口更新，现有 {items} 项")
        }
        (Lang::En, Notice::CatalogUpdated { items }) => {
            format!("Catalog updated by another session: {items} items")
        }
        (Lang::Zh, Notice::InputTruncated { max }) => format!("输入过长，只保留前 {max} 个字"),
        (Lang::En, Notice::InputTruncated { max }) => {
            format!("Too long: only the first {max} characters were kept")
        }
        (Lang::Zh, Notice::UnsafeCharsRemoved) => "已去掉输入中的控制字符".to_string(),
        (Lang::En, Notice::UnsafeCharsRemoved) => "Control characters were removed from the input".to_string(),
        (Lang::Zh, Notice::LangSwitched) => "界面语言：中文".to_string(),
        (Lang::En, Notice::LangSwitched) => "Interface language: English".to_string(),
        (_, Notice::Storage(e)) => storage_error(lang, e),
        (_, other) => notice::notice(lang, other),
    }
}
