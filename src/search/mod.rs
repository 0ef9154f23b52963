//! Pinyin-aware fuzzy search: one index type for items, residents, members and operators.

mod catalog;
pub mod chunks;
mod index;
pub mod mapped;
mod pinyin;
mod rank;
mod store;

pub use catalog::{item_document, member_document, resident_document};
pub use index::{Document, Hit, Index, Narrowing, normalize_query};
pub use pinyin::{Readings, readings};
pub use store::Prepared;
