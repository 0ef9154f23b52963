//! Styles, with a plain variant for `NO_COLOR` terminals.

use ratatui::style::{Color, Modifier, Style};

/// The styles every screen draws with.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Matched characters in results.
    pub matched: Style,
    /// The selected row.
    pub selected: Style,
    /// Secondary text (codes, labels).
    pub dim: Style,
    /// Titles and field names.
    pub title: Style,
    /// The active tab.
    pub tab_active: Style,
    /// Status line background.
    pub status: Style,
    /// Key names in hints.
    pub key: Style,
    /// Warnings.
    pub warn: Style,
    /// Errors and alarms.
    pub error: Style,
    /// Informational toasts.
    pub info: Style,
    /// Borders of the focused pane.
    pub focus_border: Style,
}

impl Theme {
    /// Colours, or only bold/underline/reverse when `no_color`.
    pub fn new(no_color: bool) -> Theme {
        if no_color {
            let plain = Style::default();
            return Theme {
                matched: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                selected: plain.add_modifier(Modifier::REVERSED),
                dim: plain,
                title: plain.add_modifier(Modifier::BOLD),
                tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                status: plain.add_modifier(Modifier::REVERSED),
                key: plain.add_modifier(Modifier::BOLD),
                warn: plain.add_modifier(Modifier::BOLD),
                error: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
                info: plain,
                focus_border: plain.add_modifier(Modifier::BOLD),
            };
        }
        Theme {
            matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::Blue).fg(Color::White),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab_active: Style::new().bg(Color::Red).fg(Color::White).add_modifier(Modifier::BOLD),
            status: Style::new().bg(Color::DarkGray).fg(Color::White),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            warn: Style::new().fg(Color::Black).bg(Color::Yellow),
            error: Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Black).bg(Color::Green),
            focus_border: Style::new().fg(Color::Cyan),
        }
    }
}
