//! Residents as the desk holds them: packed into one string per page, so 300,000 records do not
//! cost the UI process millions of small allocations, with their search entries prepared.

use crate::domain::resident::{Address, Resident, Tag};
use crate::search::{Prepared, resident_document};

/// Residents read from the database in one message, with their search entries prepared off
/// the UI thread.
#[derive(Debug, Clone, Default)]
pub struct ResidentPage {
    /// The residents, by id, packed (a page of `Resident`s in a channel would cost the UI
    /// process their fragments long after they are read).
    pub(super) book: Book,
    /// Their search entries, in the same order (none for changed residents: the few that
    /// differ from what is held are prepared when they replace it).
    pub(super) prepared: Prepared,
    /// Residents held that others changed, to replace in place (not new ones to append).
    pub(super) changed: bool,
    /// Where the next read of changes starts (on the first page of a read).
    pub(super) mark: Option<String>,
}

impl ResidentPage {
    /// Packs `rows` (by id) and prepares their search entries (slow: run it where the UI
    /// does not wait).
    pub fn new(rows: Vec<Resident>) -> ResidentPage {
        let prepared = Prepared::new(rows.iter().map(resident_document));
        let mut book = Book::default();
        for r in &rows {
            book.push(r);
        }
        ResidentPage { book, prepared, changed: false, mark: None }
    }

    /// Residents held here whose records others changed (by id).
    pub fn changed(rows: Vec<Resident>) -> ResidentPage {
        let mut book = Book::default();
        for r in &rows {
            book.push(r);
        }
        ResidentPage { book, prepared: Prepared::default(), changed: true, mark: None }
    }

    /// The page with the mark the next read of changes starts from.
    pub fn marked(self, mark: String) -> ResidentPage {
        ResidentPage { mark: Some(mark), ..self }
    }
}

/// Field separator inside a packed resident (sanitised text never contains it).
const SEP: char = '\u{1f}';

/// Every resident's fields in one string: 100,000 `Resident`s with nine strings each would
/// take several times the memory of their text, in fragments.
#[derive(Debug, Clone, Default)]
pub(super) struct Book {
    /// Each resident's fields, separated by [`SEP`], one resident after another.
    pub(super) text: String,
    /// Row id, start in `text` and tag bits of each resident, by id.
    pub(super) rows: Vec<(i64, u32, u8)>,
}

impl Book {
    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    pub(super) fn push(&mut self, r: &Resident) {
        let a = &r.address;
        let fields = [&r.name, &r.id_number, &r.phone, &a.estate, &a.building, &a.unit, &a.room, &r.grid];
        let start = self.text.len() as u32;
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.text.push(SEP);
            }
            self.text.extend(f.chars().filter(|&c| c != SEP));
        }
        let tags = Tag::ALL.iter().enumerate().filter(|(_, t)| r.tags.contains(t)).fold(0u8, |m, (i, _)| m | 1 << i);
        self.rows.push((r.id, start, tags));
    }

    /// Puts `r` in place of row `i` (the record was edited); rows after it shift.
    pub(super) fn replace(&mut self, i: usize, r: &Resident) {
        let mut one = Book::default();
        one.push(r);
        let start = self.rows[i].1 as usize;
        let end = self.rows.get(i + 1).map_or(self.text.len(), |n| n.1 as usize);
        let grown = one.text.len() as i64 - (end - start) as i64;
        self.text.replace_range(start..end, &one.text);
        self.rows[i].2 = one.rows[0].2;
        for row in &mut self.rows[i + 1..] {
            row.1 = (row.1 as i64 + grown) as u32;
        }
    }

    /// Appends `other`'s residents after its first `skip`.
    pub(super) fn append(&mut self, other: &Book, skip: usize) {
        let Some(&(_, from, _)) = other.rows.get(skip) else { return };
        let to = self.text.len() as u32;
        self.text.push_str(&other.text[from as usize..]);
        self.rows.extend(other.rows[skip..].iter().map(|&(id, start, tags)| (id, start - from + to, tags)));
    }

    pub(super) fn id(&self, i: usize) -> i64 {
        self.rows[i].0
    }

    pub(super) fn last_id(&self) -> i64 {
        self.rows.last().map(|r| r.0).unwrap_or(0)
    }

    pub(super) fn fields(&self, i: usize) -> std::str::Split<'_, char> {
        self.packed(i).split(SEP)
    }

    /// Row `i` as packed: two rows alike pack alike.
    pub(super) fn packed(&self, i: usize) -> &str {
        let start = self.rows[i].1 as usize;
        let end = self.rows.get(i + 1).map(|r| r.1 as usize).unwrap_or(self.text.len());
        &self.text[start..end]
    }

    pub(super) fn get(&self, i: usize) -> Resident {
        let mut f = self.fields(i).map(str::to_string);
        let mut next = || f.next().unwrap_or_default();
        let (name, id_number, phone) = (next(), next(), next());
        let address = Address { estate: next(), building: next(), unit: next(), room: next() };
        let grid = next();
        let bits = self.rows[i].2;
        let tags = Tag::ALL.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, t)| *t).collect();
        Resident { id: self.rows[i].0, name, id_number, phone, address, grid, tags }
    }
}
