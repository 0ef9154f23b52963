//! Words of the screens, dialogs, exports and commands that draw or print them: moved here
//! from inline pairs so that every user-visible string lives in `i18n`.

pub mod audit_actions;
pub mod cli_board;
pub mod cli_import;
pub mod cli_members;
pub mod cli_operators;
pub mod cli_queue;
pub mod cli_room;
pub mod export_feedback;
pub mod export_report;
pub mod replica;
pub mod requests;
pub mod runtime_admin;
pub mod street;
pub mod ui_appointments;
pub mod ui_board;
pub mod ui_cases;
pub mod ui_catalog;
pub mod ui_dashboard;
pub mod ui_form;
pub mod ui_mediation;
pub mod ui_members;
pub mod ui_overlays;
pub mod ui_pick;
pub mod ui_queue;
pub mod ui_rooms;
