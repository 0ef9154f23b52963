//! How the index keeps every spelling of every document: flat arrays, built (and appended)
//! once, read per keystroke.

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
    /// Tenths of the raw matcher score a match on spelling `form` (its place among the
    /// document's forms) is worth. A rarer reading (陆 read liu, 英 read yang) still finds the
    /// document, but below a document its letters spell in the common reading: forms 1 and 2
    /// are always the best reading's initials and full pinyin (see `push`).
    pub(super) fn weight_at(self, form: usize) -> i64 {
        match self {
            Kind::Initials | Kind::Full if form > 2 => 8,
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

/// Where one document's spellings are in a [`Store`].
#[derive(Debug, Clone, Copy)]
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

/// Every document's spellings in flat arrays: at 100,000 residents a `String` per spelling
/// would cost several times the text itself in allocations and fragments.
#[derive(Debug, Clone, Default)]
pub(super) struct Store {
    /// Every spelling of every document, one after another.
    pub(super) text: String,
    /// Where each spelling ends in `text`, what it is, and whether it holds any ASCII (a
    /// spelling of hanzi alone cannot match a query of letters: no need to scan it).
    pub(super) forms: Vec<(u32, Kind, bool)>,
    /// For each full-pinyin spelling in turn, how many letters each name character became.
    pub(super) syllables: Vec<u8>,
    /// One per document, in the order they were added.
    pub(super) heads: Vec<Head>,
}

/// One document's view into a [`Store`].
pub(super) struct Entry<'a> {
    /// The whole store's text.
    pub(super) text: &'a str,
    /// Start of the first spelling in `text`.
    pub(super) from: usize,
    /// Its forms (see [`Store::forms`]).
    pub(super) forms: &'a [(u32, Kind, bool)],
    /// Its syllable counts (see [`Store::syllables`]).
    pub(super) syllables: &'a [u8],
    /// Characters in its name.
    pub(super) name_chars: u32,
}

impl<'a> Entry<'a> {
    /// Each spelling with its position among the document's forms and its kind.
    pub(super) fn forms(&self) -> impl Iterator<Item = (usize, &'a str, Kind)> + 'a {
        let (mut from, all) = (self.from, self.text);
        self.forms.iter().enumerate().map(move |(i, &(end, kind, _))| {
            let t = &all[from..end as usize];
            from = end as usize;
            (i, t, kind)
        })
    }
}

impl Store {
    /// Number of documents.
    pub(super) fn len(&self) -> usize {
        self.heads.len()
    }

    /// One document's spellings.
    pub(super) fn get(&self, doc: usize) -> Entry<'_> {
        let h = self.heads[doc];
        let next = self.heads.get(doc + 1);
        let forms_end = next.map(|n| n.forms as usize).unwrap_or(self.forms.len());
        let syl_end = next.map(|n| n.syllables as usize).unwrap_or(self.syllables.len());
        Entry {
            text: &self.text,
            from: h.text as usize,
            forms: &self.forms[h.forms as usize..forms_end],
            syllables: &self.syllables[h.syllables as usize..syl_end],
            name_chars: h.name_chars,
        }
    }

    /// Appends the documents of `other` after its first `skip`.
    pub(super) fn append(&mut self, other: &Store, skip: usize) {
        let Some(first) = other.heads.get(skip) else { return };
        let (t0, f0, s0) = (first.text as usize, first.forms as usize, first.syllables as usize);
        let (t1, f1, s1) = (self.text.len(), self.forms.len(), self.syllables.len());
        let moved = |v: u32, from: usize, to: usize| (v as usize - from + to) as u32;
        self.text.push_str(&other.text[t0..]);
        self.forms.extend(other.forms[f0..].iter().map(|&(end, k, a)| (moved(end, t0, t1), k, a)));
        self.syllables.extend_from_slice(&other.syllables[s0..]);
        self.heads.extend(other.heads[skip..].iter().map(|h| Head {
            text: moved(h.text, t0, t1),
            forms: moved(h.forms, f0, f1),
            syllables: moved(h.syllables, s0, s1),
            ..*h
        }));
    }
}

impl Store {
    /// Puts `d` in place of document `doc` (a record was edited): its spellings are spliced in
    /// and those after it shift, so hits keep their document numbers.
    pub(super) fn replace(&mut self, doc: usize, d: Document) {
        let Some(&old) = self.heads.get(doc) else { return };
        let mut one = Store::default();
        push(&mut one, d);
        let next = self.heads.get(doc + 1).copied();
        let t_end = next.map_or(self.text.len(), |n| n.text as usize);
        let f_end = next.map_or(self.forms.len(), |n| n.forms as usize);
        let s_end = next.map_or(self.syllables.len(), |n| n.syllables as usize);
        let (t0, f0, s0) = (old.text as usize, old.forms as usize, old.syllables as usize);
        let shift = |v: u32, end: usize, new_len: usize| (v as i64 + new_len as i64 - end as i64) as u32;
        let new_t = t0 + one.text.len();
        let new_f = f0 + one.forms.len();
        let new_s = s0 + one.syllables.len();
        self.text.replace_range(t0..t_end, &one.text);
        let tail: Vec<_> = self.forms[f_end..].iter().map(|&(e, k, a)| (shift(e, t_end, new_t), k, a)).collect();
        self.forms.truncate(f0);
        self.forms.extend(one.forms.iter().map(|&(e, k, a)| (e + t0 as u32, k, a)));
        self.forms.extend(tail);
        self.syllables.splice(s0..s_end, one.syllables.iter().copied());
        self.heads[doc] = Head { text: old.text, forms: old.forms, syllables: old.syllables, ..one.heads[0] };
        for h in &mut self.heads[doc + 1..] {
            h.text = shift(h.text, t_end, new_t);
            h.forms = shift(h.forms, f_end, new_f);
            h.syllables = shift(h.syllables, s_end, new_s);
        }
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
}

fn push(store: &mut Store, d: Document) {
    let head = Head {
        text: store.text.len() as u32,
        forms: store.forms.len() as u32,
        syllables: store.syllables.len() as u32,
        name_chars: d.name.chars().count() as u32,
        mask: 0,
    };
    let Store { text, forms, syllables, .. } = store;
    let mut add = |text: &mut String, t: &str, kind: Kind| {
        text.push_str(t);
        forms.push((text.len() as u32, kind, t.bytes().any(|b| b.is_ascii())));
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
    let fuzzy_end = text.len();
    for t in d.tails.iter().filter(|t| !t.is_empty()) {
        add(text, &t.to_lowercase(), Kind::Tail);
    }
    let mask = mask_of(&text[head.text as usize..fuzzy_end]);
    store.heads.push(Head { mask, ..head });
}
