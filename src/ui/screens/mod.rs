//! One file per screen.

pub mod catalog;
