//! Sample data: the demo centre's working day and synthetic centres of any size for scale tests.

pub mod demo;
pub mod generate;
pub mod opening;
