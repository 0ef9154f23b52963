//! Exporters: every file the program writes for people outside it (reports, feedback to work
//! units, receipts) and the one way CSV is written.

pub mod csv;
pub mod feedback;
pub mod people;
pub mod people_import;
pub mod people_in;
pub mod receipt;
pub mod report;
pub mod sheet;
pub mod street_report;
