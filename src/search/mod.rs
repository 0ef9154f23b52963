//! Pinyin-aware fuzzy search: one index type for items, residents, members and operators.

mod index;
mod pinyin;

pub use index::{Document, Hit, Index};
pub use pinyin::{Readings, readings};
