//! What of a service item is searchable.

use super::Document;
use crate::domain::catalog::{Category, ServiceItem};

/// The search document of a resident: the name read as a person's, ID and phone by tail.
pub fn resident_document(r: &crate::domain::resident::Resident) -> Document {
    Document {
        name: r.name.clone(),
        code: String::new(),
        keywords: Vec::new(),
        extra: vec![r.address.estate.clone()],
        is_person: true,
        tails: vec![r.id_number.clone(), r.phone.clone()],
    }
}

/// The search document of a party member: like a resident's, with the work unit and grid as hints.
pub fn member_document(m: &crate::domain::member::Member) -> Document {
    Document {
        name: m.name.clone(),
        code: String::new(),
        keywords: Vec::new(),
        extra: vec![m.unit.clone(), m.grid.clone()],
        is_person: true,
        tails: vec![m.id_number.clone(), m.phone.clone()],
    }
}

/// The search document of an item: name, code and keywords; the category name as a hint.
pub fn item_document(item: &ServiceItem, categories: &[Category]) -> Document {
    Document {
        name: item.name.clone(),
        code: item.code.clone(),
        keywords: item.keywords.clone(),
        extra: categories.iter().filter(|c| c.code == item.category).map(|c| c.name.clone()).collect(),
        is_person: false,
        tails: Vec::new(),
    }
}
