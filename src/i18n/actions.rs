//! What each action does, in both languages (help, palette, hints).

use crate::action::Action;
use crate::app::Lang;

/// The description of an action.
pub fn describe(lang: Lang, a: Action) -> &'static str {
    let (zh, en) = match a {
        Action::Quit => ("退出一窗", "Quit yichuang"),
        Action::Help => ("显示按键帮助", "Show the keys that work here"),
        Action::Palette => ("打开命令面板", "Open the command palette"),
        Action::NextTab => ("下一个标签页", "Next tab"),
        Action::PrevTab => ("上一个标签页", "Previous tab"),
        Action::GotoCatalog => ("转到事项目录", "Go to the service-item catalog"),
        Action::Up => ("上移", "Move up"),
        Action::Down => ("下移", "Move down"),
        Action::PageUp => ("上翻一页", "Page up"),
        Action::PageDown => ("下翻一页", "Page down"),
        Action::First => ("到第一项", "Go to the first row"),
        Action::Last => ("到最后一项", "Go to the last row"),
        Action::Confirm => ("确认 / 打开", "Accept or open"),
        Action::Back => (
            "返回 / 清空 / 关闭",
            "Back: close, clear or leave the field",
        ),
        Action::FocusSearch => ("输入搜索", "Type a search"),
        Action::ClearSearch => ("清空搜索", "Clear the search"),
        Action::DetailUp => ("详情向上滚动", "Scroll the details up"),
        Action::DetailDown => ("详情向下滚动", "Scroll the details down"),
        Action::ToggleLang => ("切换中文 / English", "Switch English / 中文"),
    };
    super::pick(lang, zh, en)
}

/// A two- to four-character label for the hint line.
pub fn short(lang: Lang, a: Action) -> &'static str {
    let (zh, en) = match a {
        Action::Quit => ("退出", "quit"),
        Action::Help => ("帮助", "help"),
        Action::Palette => ("命令", "commands"),
        Action::NextTab => ("下一页签", "next tab"),
        Action::PrevTab => ("上一页签", "prev tab"),
        Action::GotoCatalog => ("事项", "catalog"),
        Action::Up | Action::Down => ("选择", "select"),
        Action::PageUp | Action::PageDown => ("翻页", "page"),
        Action::First => ("首项", "first"),
        Action::Last => ("末项", "last"),
        Action::Confirm => ("确认", "open"),
        Action::Back => ("返回", "back"),
        Action::FocusSearch => ("搜索", "search"),
        Action::ClearSearch => ("清空", "clear"),
        Action::DetailUp | Action::DetailDown => ("滚动详情", "scroll details"),
        Action::ToggleLang => ("English", "中文"),
    };
    super::pick(lang, zh, en)
}
