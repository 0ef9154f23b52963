//! 一窗 yichuang: the one-window service desk of a community party-and-masses service centre.

pub mod action;
pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod feedback;
pub mod generate;
pub mod i18n;
pub mod keymap;
pub mod report;
pub mod runtime;
pub mod search;
pub mod setup;
pub mod storage;
pub mod ui;
