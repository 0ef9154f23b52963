//! Pinyin-aware fuzzy search: one index type for items, residents, members and operators.

mod catalog;
pub mod chunks;
mod fallback;
mod hint;
mod index;
pub mod mapped;
mod pinyin;
mod rank;
mod store;
mod terms;

pub use catalog::{item_document, member_document, resident_document};
pub use index::{Document, Hit, Index, Match, Narrowing, Positions};
pub use pinyin::{Readings, readings};
pub use store::Prepared;
pub use terms::normalize_query;
