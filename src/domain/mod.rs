//! Pure types and rules of the service desk: no terminal, no SQL, no async, no I/O.

pub mod announce;
pub mod appointment;
pub mod calendar;
pub mod case;
pub mod catalog;
pub mod config;
pub mod dashboard;
pub mod field;
pub mod files;
pub mod grid;
pub mod hours;
pub mod import;
pub mod lang;
pub mod mediation;
pub mod member;
pub mod operator;
pub mod queue;
pub mod report;
pub mod request;
pub mod resident;
pub mod room;
pub mod ssh_key;
pub mod text;
