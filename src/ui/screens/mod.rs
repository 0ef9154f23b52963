//! One file per screen.

pub mod appointments;
pub mod cases;
pub mod catalog;
pub mod intake;
pub mod queue;
pub mod residents;
