//! Residents as the desk holds them: packed into one string per page, so 300,000 records do not
//! cost the UI process millions of small allocations, with their search entries prepared.

use crate::domain::resident::{Address, Resident, Tag};
use crate::search::chunks::{Chunks, Part};
use crate::search::mapped::{MapError, Mapped, Plain, Slab};
use crate::search::{Prepared, resident_document};
use std::sync::Arc;

/// Residents read from the database in one message, with their search entries prepared off
/// the UI thread.
#[derive(Debug, Clone, Default)]
pub struct ResidentPage {
    /// The residents, by id, packed (a page of `Resident`s in a channel would cost the UI
    /// process their fragments long after they are read).
    pub book: Book,
    /// Their search entries, in the same order (none for changed residents: the few that
    /// differ from what is held are prepared when they replace it).
    pub prepared: Prepared,
    /// Residents held that others changed, to replace in place (not new ones to append).
    pub changed: bool,
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

    /// Residents packed and prepared elsewhere (the shared file), in the same order.
    pub fn of(book: Book, prepared: Prepared) -> ResidentPage {
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

/// One resident's place in a [`Book`]. Read straight from the shared file, so its layout is
/// fixed (`repr(C)`, no padding).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub(super) struct Row {
    /// The resident's row id.
    pub(super) id: i64,
    /// Start of their fields in `Book::text`.
    start: u32,
    /// Their tags, one bit each (in the order of `Tag::ALL`).
    pub(super) tags: u8,
    pad: [u8; 3],
}

// SAFETY: an i64, a u32 and four u8, `repr(C)`: no padding, any bits are a valid value.
unsafe impl Plain for Row {}

/// Every resident's fields in one string: 100,000 `Resident`s with nine strings each would
/// take several times the memory of their text, in fragments. Built in memory, or mapped
/// from the shared file (see [`Book::sections`]).
#[derive(Debug, Clone, Default)]
pub struct Book {
    /// Each resident's fields, separated by [`SEP`], one resident after another.
    text: Slab<u8>,
    /// Each resident, by id.
    pub(super) rows: Slab<Row>,
}

impl Part for Book {
    fn len(&self) -> usize {
        self.rows.len()
    }
}

impl Book {
    /// Number of residents.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when it holds nobody.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Packs one more resident after the others (ids rising).
    pub fn push(&mut self, r: &Resident) {
        let a = &r.address;
        let fields = [&r.name, &r.id_number, &r.phone, &a.estate, &a.building, &a.unit, &a.room, &r.grid];
        let text = self.text.vec();
        let start = text.len() as u32;
        let mut sep = [0u8; 4];
        let sep = SEP.encode_utf8(&mut sep).as_bytes();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                text.extend_from_slice(sep);
            }
            for piece in f.split(SEP) {
                text.extend_from_slice(piece.as_bytes());
            }
        }
        let tags = Tag::ALL.iter().enumerate().filter(|(_, t)| r.tags.contains(t)).fold(0u8, |m, (i, _)| m | 1 << i);
        self.rows.vec().push(Row { id: r.id, start, tags, pad: [0; 3] });
    }

    /// The residents after the first `skip`, in a book of their own.
    fn tail(&self, skip: usize) -> Book {
        let Some(first) = self.rows.get(skip) else { return Book::default() };
        let from = first.start;
        Book {
            text: Slab::Owned(self.text[from as usize..].to_vec()),
            rows: Slab::Owned(self.rows[skip..].iter().map(|r| Row { start: r.start - from, ..*r }).collect()),
        }
    }

    pub(super) fn id(&self, i: usize) -> i64 {
        self.rows[i].id
    }

    pub(super) fn fields(&self, i: usize) -> std::str::Split<'_, char> {
        self.packed(i).split(SEP)
    }

    /// Row `i` as packed: two rows alike pack alike. A mapped row that is not text (a damaged
    /// file that passed the checks) reads as empty fields, never as a panic.
    pub(super) fn packed(&self, i: usize) -> &str {
        let start = self.rows[i].start as usize;
        let end = self.rows.get(i + 1).map(|r| r.start as usize).unwrap_or(self.text.len());
        self.text.get(start..end).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }

    pub(super) fn get(&self, i: usize) -> Resident {
        let mut f = self.fields(i).map(str::to_string);
        let mut next = || f.next().unwrap_or_default();
        let (name, id_number, phone) = (next(), next(), next());
        let address = Address { estate: next(), building: next(), unit: next(), room: next() };
        let grid = next();
        let bits = self.rows[i].tags;
        let tags = Tag::ALL.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, t)| *t).collect();
        Resident { id: self.rows[i].id, name, id_number, phone, address, grid, tags }
    }

    /// How many sections [`sections`](Self::sections) writes.
    pub const SECTIONS: usize = 2;

    /// The arrays to write to a shared file, in the order [`mapped`](Self::mapped) reads them.
    pub fn sections(&self) -> [&[u8]; Self::SECTIONS] {
        [self.text.bytes(), self.rows.bytes()]
    }

    /// The book written by [`sections`](Self::sections) from section `first` of `m` on, checked:
    /// ids rising, every row's fields inside the text.
    pub fn mapped(m: &Mapped, first: usize) -> Result<Book, MapError> {
        let book = Book { text: m.section(first)?, rows: m.section(first + 1)? };
        let (mut id, mut start) = (i64::MIN, 0u32);
        for r in book.rows.iter() {
            if r.id <= id || r.start < start || r.start as usize > book.text.len() {
                return Err(MapError::Damaged("residents"));
            }
            (id, start) = (r.id, r.start);
        }
        Ok(book)
    }
}

/// The residents a session holds: the shared file's, pages read since, and those edited since,
/// in id order (ids only grow: residents are never deleted or renumbered).
#[derive(Debug, Clone, Default)]
pub(super) struct Held(Chunks<Book>);

impl Held {
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// The highest id held (0 before any).
    pub(super) fn last_id(&self) -> i64 {
        self.0.parts().last().map_or(0, |(_, b)| b.rows.last().map_or(0, |r| r.id))
    }

    /// Where the resident with row id `id` is held.
    pub(super) fn position(&self, id: i64) -> Option<usize> {
        let parts: Vec<(usize, &Book)> = self.0.parts().collect();
        let k = parts.partition_point(|(_, b)| b.rows.first().is_some_and(|r| r.id <= id)).checked_sub(1)?;
        let (start, book) = parts[k];
        book.rows.binary_search_by_key(&id, |r| r.id).ok().map(|i| start + i)
    }

    /// The book and row that hold resident `i` now.
    fn at(&self, i: usize) -> (&Book, usize) {
        self.0.locate(i)
    }

    pub(super) fn id(&self, i: usize) -> i64 {
        let (b, k) = self.at(i);
        b.id(k)
    }

    pub(super) fn get(&self, i: usize) -> Resident {
        let (b, k) = self.at(i);
        b.get(k)
    }

    pub(super) fn fields(&self, i: usize) -> std::str::Split<'_, char> {
        let (b, k) = self.at(i);
        b.fields(k)
    }

    /// Row `i` as packed, with its tags: two rows alike pack alike.
    pub(super) fn packed(&self, i: usize) -> (&str, u8) {
        let (b, k) = self.at(i);
        (b.packed(k), b.rows[k].tags)
    }

    /// Appends `book`'s residents after its first `skip`.
    pub(super) fn append(&mut self, book: Book, skip: usize) {
        self.0.push(Arc::new(if skip == 0 { book } else { book.tail(skip) }));
    }

    /// Appends one resident.
    pub(super) fn push(&mut self, r: &Resident) {
        let mut one = Book::default();
        one.push(r);
        self.0.push(Arc::new(one));
    }

    /// Puts `r` in place of resident `i` (the record was edited).
    pub(super) fn replace(&mut self, i: usize, r: &Resident) {
        let mut one = Book::default();
        one.push(r);
        self.0.replace(i, Arc::new(one));
    }
}
