//! One file per screen.

pub mod appointments;
pub mod cases;
pub mod catalog;
pub mod dashboard;
pub mod intake;
pub mod mediation;
pub mod member_approvals;
pub mod members;
pub mod queue;
pub mod requests;
pub mod residents;
pub mod rooms;
pub mod street;
