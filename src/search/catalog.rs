//! What of a service item is searchable.

use super::Document;
use crate::domain::catalog::{Category, ServiceItem};

/// The search document of an item: name, code and keywords; the category name as a hint.
pub fn item_document(item: &ServiceItem, categories: &[Category]) -> Document {
    Document {
        name: item.name.clone(),
        code: item.code.clone(),
        keywords: item.keywords.clone(),
        extra: categories
            .iter()
            .filter(|c| c.code == item.category)
            .map(|c| c.name.clone())
            .collect(),
        is_person: false,
    }
}
