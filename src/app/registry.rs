//! The screens, in tab order: adding a screen adds its line here.

use super::Tab;
use super::screen::Screen;

/// Every screen, in tab order.
pub const SCREENS: &[Screen] = &[
    super::catalog::SCREEN,
    super::cases::SCREEN,
    super::queue::SCREEN,
    super::appointments::SCREEN,
    super::rooms::SCREEN,
    super::mediation::SCREEN,
    super::requests::SCREEN,
    super::members::SCREEN,
    super::residents::SCREEN,
    super::dashboard::SCREEN,
];

/// The screen under `tab`.
pub fn screen(tab: Tab) -> &'static Screen {
    SCREENS.iter().find(|s| s.tab == tab).unwrap_or(&SCREENS[0])
}
