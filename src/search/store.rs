//! How the index keeps every spelling of every document: flat arrays, built (and appended)
//! once, read per keystroke.

use super::mapped::{MapError, Mapped, Plain, Slab};
use super::pinyin::readings;

/// What to index for one thing that can be found.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The displayed name; match positions refer to its characters.
    pub name: String,
    /// A code typed exactly or in part (item code, ID tail …).
    pub code: String,
    /// Other words that should find it.
    pub keywords: Vec<String>,
    /// Weak hints (category, department) that rank below everything else.
    pub extra: Vec<String>,
    /// A person's name: surname readings come first.
    pub is_person: bool,
    /// Numbers found by their last digits (ID number, phone): a query of four or more digits
    /// (or digits and X) matches these by suffix only, never fuzzily.
    pub tails: Vec<String>,
}

/// Spellings of one heteronym-laden name that are indexed at most.
const MAX_VARIANTS: usize = 16;

/// What a spelling is: it sets the weight of a match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Kind {
    Name,
    Initials,
    Full,
    Code,
    Keyword,
    Extra,
    /// A number found by its last digits only; never matched fuzzily.
    Tail,
}

impl Kind {
    /// Each kind by its three bits in a [`Form`]; the eighth pattern, which no kind has, reads
    /// as the weakest (never as a panic).
    pub(super) const BY_BITS: [Kind; 8] =
        [Kind::Name, Kind::Initials, Kind::Full, Kind::Code, Kind::Keyword, Kind::Extra, Kind::Tail, Kind::Extra];

    /// Tenths of the raw matcher score a match on spelling `form` (its place among the
    /// document's forms) is worth. A rarer reading (陆 read liu, 英 read yang) still finds the
    /// document, but below a document its letters spell in the common reading: forms 1 and 2
    /// are always the best reading's initials and full pinyin (see `push`).
    pub(super) fn weight_at(self, form: usize) -> i64 {
        match self {
            // (A name is only ever the first form; weighing one elsewhere as a rare reading
            // keeps every form past the third below 10, which lets scoring stop early.)
            Kind::Name | Kind::Initials | Kind::Full if form > 2 => 8,
            _ => self.weight(),
        }
    }

    /// Tenths of the raw matcher score a match on this spelling is worth.
    pub(super) fn weight(self) -> i64 {
        match self {
            Kind::Name | Kind::Initials | Kind::Full => 10,
            Kind::Code => 9,
            Kind::Keyword => 8,
            Kind::Extra => 5,
            Kind::Tail => 0,
        }
    }
}

/// Where one document's spellings are in a [`Store`]. Read straight from a mapped file, so
/// its layout is fixed (`repr(C)`, no padding).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub(super) struct Head {
    /// Start of its first spelling in `Store::text`.
    pub(super) text: u32,
    /// First of its forms in `Store::forms`.
    pub(super) forms: u32,
    /// First of its syllable counts in `Store::syllables`.
    pub(super) syllables: u32,
    /// Characters in its name (match positions beyond it are dropped).
    pub(super) name_chars: u32,
    /// Which letters, digits and (hashed) other characters occur anywhere in the spellings:
    /// a query with a character outside this set cannot match, and is skipped unscored.
    pub(super) mask: u64,
}

// SAFETY: four u32 and a u64, `repr(C)`: no padding, any bits are a valid value.
unsafe impl Plain for Head {}

/// One spelling in four bytes: where it ends in `Store::text` (the low 28 bits), what it is
/// (3 bits), and whether it holds any ASCII (the top bit: a spelling of hanzi alone cannot
/// match a query of letters, no need to scan it). There are eight of them per resident: at
/// 300,000 residents each byte saved here is 2.4 MB less in every session.
#[derive(Debug, Clone, Copy)]
#[repr(transparent)]
pub(super) struct Form(u32);

// SAFETY: a u32: any bits are a valid value.
unsafe impl Plain for Form {}

/// Most bytes of spellings one store holds (one part of the index: a street of a million
/// residents takes about a quarter of it).
pub(super) const MAX_TEXT: usize = (1 << 28) - 1;

impl Form {
    fn new(end: usize, kind: Kind, ascii: bool) -> Form {
        Form(end.min(MAX_TEXT) as u32 | (kind as u32) << 28 | (ascii as u32) << 31)
    }

    /// Where the spelling ends in `Store::text`.
    pub(super) fn end(self) -> usize {
        (self.0 & MAX_TEXT as u32) as usize
    }

    /// The same spelling ending `by` bytes earlier (its store was cut).
    fn moved(self, by: usize) -> Form {
        Form(self.0 - by as u32)
    }

    /// True when the spelling holds any ASCII.
    pub(super) fn ascii(self) -> bool {
        self.0 >> 31 != 0
    }

    /// What the spelling is (see [`Kind::BY_BITS`]).
    #[inline]
    pub(super) fn kind(self) -> Kind {
        Kind::BY_BITS[(self.0 >> 28 & 7) as usize]
    }
}

/// Every document's spellings in flat arrays: at 100,000 residents a `String` per spelling
/// would cost several times the text itself in allocations and fragments. The arrays are
/// built in memory or mapped from the shared file (see [`Prepared::sections`]).
#[derive(Debug, Clone, Default)]
pub(super) struct Store {
    /// Every spelling of every document, one after another (UTF-8, checked when mapped).
    pub(super) text: Slab<u8>,
    /// Each spelling.
    pub(super) forms: Slab<Form>,
    /// For each full-pinyin spelling in turn, how many letters each name character became.
    pub(super) syllables: Slab<u8>,
    /// One per document, in the order they were added.
    pub(super) heads: Slab<Head>,
}

/// An index's parts read as one store.
impl super::chunks::Chunks<Store> {
    /// One document's spellings, wherever they are held.
    pub(super) fn get(&self, doc: usize) -> Entry<'_> {
        let (part, i) = self.locate(doc);
        part.get(i)
    }

    /// One document's head, wherever it is held.
    pub(super) fn head(&self, doc: usize) -> Head {
        let (part, i) = self.locate(doc);
        part.heads[i]
    }
}

impl super::chunks::Part for Store {
    fn len(&self) -> usize {
        self.heads.len()
    }
}

/// One document's view into a [`Store`].
pub(super) struct Entry<'a> {
    /// The whole store's text.
    pub(super) text: &'a str,
    /// Start of the first spelling in `text`.
    pub(super) from: usize,
    /// Its forms (see [`Store::forms`]).
    pub(super) forms: &'a [Form],
    /// Its syllable counts (see [`Store::syllables`]).
    pub(super) syllables: &'a [u8],
    /// Characters in its name.
    pub(super) name_chars: u32,
}

impl<'a> Entry<'a> {
    /// Spelling `fi` (empty past the last).
    pub(super) fn spelling(&self, fi: usize) -> &'a str {
        let Some(end) = self.forms.get(fi).map(|f| f.end()) else { return "" };
        let start = if fi == 0 { self.from } else { self.forms[fi - 1].end() };
        // SAFETY: as in `forms`.
        unsafe { self.text.get_unchecked(start..end) }
    }

    /// Each spelling with its position among the document's forms and its kind.
    pub(super) fn forms(&self) -> impl Iterator<Item = (usize, &'a str, Kind)> + 'a {
        let (mut from, all) = (self.from, self.text);
        self.forms.iter().enumerate().map(move |(i, f)| {
            // SAFETY: a store's forms end on character boundaries, in order, within its text
            // (built so, or checked by `Store::check` when mapped), and each document's first
            // spelling starts where the one before ended. Unchecked, slicing reads no text: at
            // 300,000 residents the checks' reads of spellings never looked at cost a fifth of
            // each keystroke.
            let t = unsafe { all.get_unchecked(from..f.end()) };
            from = f.end();
            (i, t, f.kind())
        })
    }
}

impl Store {
    /// Number of documents.
    pub(super) fn len(&self) -> usize {
        self.heads.len()
    }

    /// All the spellings' text.
    fn text(&self) -> &str {
        // SAFETY: built from `String`s, or checked by `check` when mapped.
        unsafe { std::str::from_utf8_unchecked(&self.text) }
    }

    /// One document's spellings.
    #[inline(always)]
    pub(super) fn get(&self, doc: usize) -> Entry<'_> {
        let h = self.heads[doc];
        let next = self.heads.get(doc + 1);
        let forms_end = next.map(|n| n.forms as usize).unwrap_or(self.forms.len());
        let syl_end = next.map(|n| n.syllables as usize).unwrap_or(self.syllables.len());
        Entry {
            text: self.text(),
            from: h.text as usize,
            forms: &self.forms[h.forms as usize..forms_end],
            syllables: &self.syllables[h.syllables as usize..syl_end],
            name_chars: h.name_chars,
        }
    }

    /// The documents after the first `skip`, in a store of their own.
    fn tail(&self, skip: usize) -> Store {
        let Some(first) = self.heads.get(skip) else { return Store::default() };
        let (t0, f0, s0) = (first.text as usize, first.forms as usize, first.syllables as usize);
        let moved = |v: u32, from: usize| (v as usize - from) as u32;
        Store {
            text: Slab::Owned(self.text[t0..].to_vec()),
            forms: Slab::Owned(self.forms[f0..].iter().map(|f| f.moved(t0)).collect()),
            syllables: Slab::Owned(self.syllables[s0..].to_vec()),
            heads: Slab::Owned(
                self.heads[skip..]
                    .iter()
                    .map(|h| Head {
                        text: moved(h.text, t0),
                        forms: moved(h.forms, f0),
                        syllables: moved(h.syllables, s0),
                        ..*h
                    })
                    .collect(),
            ),
        }
    }

    /// Checks a mapped store: text, offsets and counts all inside their arrays and in order, so
    /// that reading it can neither panic nor read a wrong document.
    fn check(&self) -> Result<(), &'static str> {
        let text = std::str::from_utf8(&self.text).map_err(|_| "text")?;
        let mut end = 0;
        for form in self.forms.iter() {
            if form.end() < end || !text.is_char_boundary(form.end()) {
                return Err("forms");
            }
            end = form.end();
        }
        if end != text.len() {
            return Err("text");
        }
        // Each document's first spelling starts where the previous document's last one ended.
        let (mut forms, mut syllables) = (0u32, 0u32);
        for h in self.heads.iter() {
            let at = match h.forms {
                0 => Some(0),
                f => self.forms.get(f as usize - 1).map(|x| x.end() as u32),
            };
            if h.forms < forms
                || h.forms as usize > self.forms.len()
                || h.syllables < syllables
                || h.syllables as usize > self.syllables.len()
                || at != Some(h.text)
            {
                return Err("heads");
            }
            (forms, syllables) = (h.forms, h.syllables);
        }
        Ok(())
    }
}

/// Bit of a character in an entry's mask.
fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + (c as u32).wrapping_mul(2_654_435_761) % 28),
    }
}

/// The mask of every character of `s` (see [`Head::mask`]).
pub(super) fn mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// Documents made ready for an index, possibly on another thread (reading pinyin is the slow
/// part of indexing); append them with [`Index::extend`](super::Index::extend).
#[derive(Debug, Clone, Default)]
pub struct Prepared(pub(super) Store);

impl Prepared {
    /// Prepares `docs` in order.
    pub fn new(docs: impl IntoIterator<Item = Document>) -> Prepared {
        let mut store = Store::default();
        for d in docs {
            push(&mut store, d);
        }
        Prepared(store)
    }

    /// Prepares one more document after the others.
    pub fn push(&mut self, d: Document) {
        push(&mut self.0, d);
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no document is prepared.
    pub fn is_empty(&self) -> bool {
        self.0.len() == 0
    }

    /// The documents after the first `skip`.
    pub fn skip(self, skip: usize) -> Prepared {
        if skip == 0 { self } else { Prepared(self.0.tail(skip)) }
    }

    /// How many sections [`sections`](Self::sections) writes.
    pub const SECTIONS: usize = 4;

    /// The arrays to write to a shared file, in the order [`mapped`](Self::mapped) reads them.
    pub fn sections(&self) -> [&[u8]; Self::SECTIONS] {
        let s = &self.0;
        [s.text.bytes(), s.forms.bytes(), s.syllables.bytes(), s.heads.bytes()]
    }

    /// The documents written by [`sections`](Self::sections) from section `first` of `m` on,
    /// checked (a damaged file is refused, never read out of bounds).
    pub fn mapped(m: &Mapped, first: usize) -> Result<Prepared, MapError> {
        let store = Store {
            text: m.section(first)?,
            forms: m.section(first + 1)?,
            syllables: m.section(first + 2)?,
            heads: m.section(first + 3)?,
        };
        store.check().map_err(MapError::Damaged)?;
        Ok(Prepared(store))
    }
}

fn push(store: &mut Store, d: Document) {
    let head = Head {
        text: store.text.len() as u32,
        forms: store.forms.len() as u32,
        syllables: store.syllables.len() as u32,
        name_chars: d.name.chars().count() as u32,
        mask: 0,
    };
    let (text, forms, syllables) = (store.text.vec(), store.forms.vec(), store.syllables.vec());
    let mut add = |text: &mut Vec<u8>, t: &str, kind: Kind| {
        text.extend_from_slice(t.as_bytes());
        forms.push(Form::new(text.len(), kind, t.bytes().any(|b| b.is_ascii())));
    };
    add(text, &d.name.to_lowercase(), Kind::Name);
    let r = readings(&d.name, d.is_person);
    let mut seen: Vec<(String, Kind)> = Vec::new();
    for v in r.variants(MAX_VARIANTS) {
        let initials: String = v.iter().filter_map(|s| s.chars().next()).collect();
        if !seen.iter().any(|(t, k)| *k == Kind::Initials && *t == initials) {
            add(text, &initials, Kind::Initials);
            seen.push((initials, Kind::Initials));
        }
        let full: String = v.concat();
        if !seen.iter().any(|(t, k)| *k == Kind::Full && *t == full) {
            add(text, &full, Kind::Full);
            syllables.extend(v.iter().map(|s| s.chars().count().min(255) as u8));
            seen.push((full, Kind::Full));
        }
    }
    if !d.code.is_empty() {
        add(text, &d.code.to_lowercase(), Kind::Code);
    }
    for (words, kind) in [(&d.keywords, Kind::Keyword), (&d.extra, Kind::Extra)] {
        for w in words {
            add(text, &w.to_lowercase(), kind);
            // Keywords are Chinese too: their initials and (keywords proper, not hints such as
            // a member's work unit, whose long spelling would match any three letters) their
            // full pinyin find them (`sbk` and `shebaoka` → 社保卡, `lianzufang` → 廉租房).
            let r = readings(w, false);
            if r.per_char.iter().any(|l| l[0].chars().count() > 1) {
                let best = &r.variants(1)[0];
                let initials: String = best.iter().filter_map(|s| s.chars().next()).collect();
                add(text, &initials, kind);
                if kind == Kind::Keyword {
                    add(text, &best.concat(), kind);
                }
            }
        }
    }
    let mut fuzzy_end = text.len();
    for t in d.tails.iter().filter(|t| !t.is_empty()) {
        add(text, &t.to_lowercase(), Kind::Tail);
    }
    // A form cannot say where a spelling ends past MAX_TEXT (its end would be cut, perhaps
    // inside a character, and `Entry::forms` slices unchecked): a store that full keeps the
    // document, without spellings, so that it is never found rather than found wrongly.
    if text.len() > MAX_TEXT {
        text.truncate(head.text as usize);
        forms.truncate(head.forms as usize);
        syllables.truncate(head.syllables as usize);
        fuzzy_end = text.len();
    }
    let mask = mask_of(std::str::from_utf8(&text[head.text as usize..fuzzy_end]).unwrap_or(""));
    store.heads.vec().push(Head { mask, ..head });
}
