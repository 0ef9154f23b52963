//! 一窗 yichuang: the one-window service desk of a community party-and-masses service centre.

pub mod domain;
pub mod search;
pub mod storage;
