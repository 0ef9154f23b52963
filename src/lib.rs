//! 一窗 yichuang: the one-window service desk of a community party-and-masses service centre.

pub mod action;
pub mod app;
pub mod cli;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod keymap;
pub mod model;
pub mod runtime;
pub mod sample;
pub mod search;
pub mod setup;
pub mod storage;
pub mod ui;
