//! The fuzzy index: every searchable spelling of every document, ranked per keystroke.

use super::pinyin::readings;
use crate::domain::text;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// Spellings of one heteronym-laden name that are indexed at most.
const MAX_VARIANTS: usize = 16;

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

/// One result: which document, how good, and which characters of its name matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Position of the document in the order it was added.
    pub doc: u32,
    /// Higher is better.
    pub score: i64,
    /// Character positions in the document's name to highlight.
    pub positions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
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
    /// Tenths of the raw matcher score a match on this spelling is worth.
    fn weight(self) -> i64 {
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
struct Head {
    /// Start of its first spelling in `Store::text`.
    text: u32,
    /// First of its forms in `Store::forms`.
    forms: u32,
    /// First of its syllable counts in `Store::syllables`.
    syllables: u32,
    name_chars: u32,
    /// Which letters, digits and (hashed) other characters occur anywhere in the spellings:
    /// a query with a character outside this set cannot match, and is skipped unscored.
    mask: u64,
}

/// Every document's spellings in flat arrays: at 100,000 residents a `String` per spelling
/// would cost several times the text itself in allocations and fragments.
#[derive(Debug, Clone, Default)]
struct Store {
    /// Every spelling of every document, one after another.
    text: String,
    /// Where each spelling ends in `text`, what it is, and whether it holds any ASCII (a
    /// spelling of hanzi alone cannot match a query of letters: no need to scan it).
    forms: Vec<(u32, Kind, bool)>,
    /// For each full-pinyin spelling in turn, how many letters each name character became.
    syllables: Vec<u8>,
    heads: Vec<Head>,
}

/// One document's view into a [`Store`].
struct Entry<'a> {
    text: &'a str,
    /// Start of the first spelling in `text`.
    from: usize,
    forms: &'a [(u32, Kind, bool)],
    syllables: &'a [u8],
    name_chars: u32,
}

impl<'a> Entry<'a> {
    fn forms(&self) -> impl Iterator<Item = (usize, &'a str, Kind)> + 'a {
        let (mut from, all) = (self.from, self.text);
        self.forms.iter().enumerate().map(move |(i, &(end, kind, _))| {
            let t = &all[from..end as usize];
            from = end as usize;
            (i, t, kind)
        })
    }
}

impl Store {
    fn len(&self) -> usize {
        self.heads.len()
    }

    fn get(&self, doc: usize) -> Entry<'_> {
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
    fn append(&mut self, other: &Store, skip: usize) {
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

/// Bit of a character in an entry's mask.
fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + (c as u32).wrapping_mul(2_654_435_761) % 28),
    }
}

/// True when the characters of `q` occur in `text` in order: the matcher's own first test,
/// done here without its allocations, since most spellings fail it.
fn in_order(text: &str, q: &str) -> bool {
    if q.is_ascii() {
        let mut t = text.bytes();
        q.bytes().all(|b| t.any(|x| x == b))
    } else {
        let mut t = text.chars();
        q.chars().all(|c| t.any(|x| x == c))
    }
}

fn mask_of(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// Documents made ready for an index, possibly on another thread (reading pinyin is the slow
/// part of indexing); append them with [`Index::extend`].
#[derive(Debug, Clone, Default)]
pub struct Prepared(Store);

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
            // Keywords are Chinese too: initials of a keyword find it (`sbk` → 社保卡).
            let r = readings(w, false);
            if r.per_char.iter().any(|l| l[0].chars().count() > 1) {
                let initials: String = r.variants(1)[0].iter().filter_map(|s| s.chars().next()).collect();
                add(text, &initials, kind);
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

/// For a one-character query `c`: the matcher's score for `c` found after each character
/// (none at the start), remembered. The score of a one-character match depends on nothing
/// else, and the first keystroke over 100,000 residents is where the time goes.
struct Single<'m> {
    c: char,
    q: &'m str,
    matcher: &'m SkimMatcherV2,
    by_prev: FastMap<Option<char>, Option<i64>>,
    /// The same for the start (slot 128) and ASCII characters, without hashing.
    ascii: [Option<Option<i64>>; 129],
}

impl Single<'_> {
    fn score(&mut self, text: &str) -> Option<i64> {
        let mut best: Option<i64> = None;
        let mut prev = None;
        for x in text.chars() {
            if x == self.c {
                if prev.is_some_and(|p: char| p.to_lowercase().eq(self.c.to_lowercase())) {
                    // "cc": the two-character probe would match its first c as well.
                    return self.matcher.fuzzy_match(text, self.q);
                }
                if let Some(s) = self.after(prev) {
                    best = Some(best.map_or(s, |b| b.max(s)));
                }
            }
            prev = Some(x);
        }
        best
    }

    /// The score of the character found right after `prev`.
    fn after(&mut self, prev: Option<char>) -> Option<i64> {
        let (matcher, q, c) = (self.matcher, self.q, self.c);
        let probe = || matcher.fuzzy_match(&prev.into_iter().chain([c]).collect::<String>(), q);
        match prev {
            None => *self.ascii[128].get_or_insert_with(probe),
            Some(p) if p.is_ascii() => *self.ascii[p as usize].get_or_insert_with(probe),
            Some(_) => *self.by_prev.entry(prev).or_insert_with(probe),
        }
    }
}

/// FNV-1a: the memo tables hash millions of short spellings per keystroke, where SipHash's
/// resistance to chosen keys buys nothing and costs a third of the time.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// A document's best spelling for the query.
#[derive(Debug, Clone, Copy)]
struct Scored {
    doc: u32,
    score: i64,
    form: u16,
    name_chars: u32,
}

/// Candidates from which scoring is split over two threads (below it a thread costs more
/// than it saves).
const PARALLEL_FROM: usize = 5_000;

/// Four or more digits (an ID number may end in X): a tail, not a name.
fn is_tail_query(q: &str) -> bool {
    q.len() >= 4 && q.bytes().all(|b| b.is_ascii_digit() || b == b'x')
}

/// A search index over documents, with the previous query's matches kept so that typing one
/// more character re-scores only what still can match.
pub struct Index {
    entries: Store,
    matcher: SkimMatcherV2,
    last_query: String,
    last_matches: Vec<u32>,
    scored: Vec<Scored>,
    has_tails: bool,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("entries", &self.entries.len()).finish()
    }
}

impl Default for Index {
    fn default() -> Self {
        Index::new(Vec::new())
    }
}

/// Lowercases and strips spaces and unsafe characters from what was typed.
pub fn normalize_query(q: &str) -> String {
    text::sanitize(q).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

impl Index {
    /// Builds the index; hits refer to documents by their position in `docs`.
    pub fn new(docs: Vec<Document>) -> Index {
        let mut index = Index {
            entries: Store::default(),
            matcher: SkimMatcherV2::default().ignore_case(),
            last_query: String::new(),
            last_matches: Vec::new(),
            scored: Vec::new(),
            has_tails: false,
        };
        index.extend(Prepared::new(docs));
        index
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.heads.is_empty()
    }

    /// Adds one document at the end.
    pub fn push(&mut self, d: Document) {
        self.extend(Prepared::new([d]));
    }

    /// Adds prepared documents at the end, in order.
    pub fn extend(&mut self, p: Prepared) {
        self.extend_skipping(p, 0);
    }

    /// Adds prepared documents at the end, in order, but for the first `skip` of them.
    pub fn extend_skipping(&mut self, p: Prepared, skip: usize) {
        self.has_tails |= p.0.forms.iter().any(|f| f.1 == Kind::Tail);
        if self.entries.heads.is_empty() && skip == 0 {
            self.entries = p.0;
        } else {
            self.entries.append(&p.0, skip);
        }
        self.last_query.clear();
    }

    /// Ranks the documents for `query`, best first; match positions are filled in for the
    /// first `limit` hits only (the rest are not on screen). An empty query lists everything
    /// in document order.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalize_query(query);
        if q.is_empty() {
            self.last_query.clear();
            return (0..self.entries.len() as u32).map(|doc| Hit { doc, score: 0, positions: Vec::new() }).collect();
        }
        if is_tail_query(&q) && self.has_tails {
            self.last_query.clear();
            let mut hits: Vec<Hit> = Vec::new();
            for doc in 0..self.entries.len() {
                let e = self.entries.get(doc);
                let tail = e.forms().filter(|f| f.2 == Kind::Tail).map(|f| f.1).find(|t| t.ends_with(&q));
                if let Some(t) = tail {
                    // The shorter the number beyond the typed tail, the better the match.
                    let score = 1_000_000 - (t.len() - q.len()) as i64;
                    hits.push(Hit { doc: doc as u32, score, positions: Vec::new() });
                }
            }
            hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
            return hits;
        }
        // A fuzzy match of the longer query is a match of its prefix, so only those can match.
        let narrow = !self.last_query.is_empty() && q.starts_with(&self.last_query);
        let need = mask_of(&q);
        let q_ascii = q.is_ascii();
        let matcher = &self.matcher;
        let entries = &self.entries;
        // Two or three letters at the very start of an all-letter spelling ("wa" in "wangxiuying")
        // score what the letters score against themselves: the best any place can (the test
        // below checks this against the matcher; from four letters on it is not always so).
        let prefix_score =
            (q.len() <= 3 && q.bytes().all(|b| b.is_ascii_lowercase())).then(|| matcher.fuzzy_match(&q, &q)).flatten();
        // Compared by hand: a call to memcmp for two bytes costs more than the comparison.
        let is_prefix = |text: &str| {
            text.len() >= q.len()
                && text.bytes().zip(q.bytes()).all(|(a, b)| a == b)
                && text.bytes().all(|b| b.is_ascii_lowercase())
        };
        let mut chars = q.chars();
        let single_char = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        // Scored in document order, so the matches of this query come out sorted for the next.
        let score = |docs: &mut dyn Iterator<Item = u32>| -> Vec<Scored> {
            let mut out = Vec::new();
            let mut single =
                single_char.map(|c| Single { c, q: &q, matcher, by_prev: FastMap::default(), ascii: [None; 129] });
            let mut memo: FastMap<&str, Option<i64>> = FastMap::default();
            for doc in docs {
                let head = &entries.heads[doc as usize];
                if need & !head.mask != 0 {
                    continue;
                }
                let mut best: Option<(i64, u16)> = None;
                let e = entries.get(doc as usize);
                for (fi, text, kind) in e.forms() {
                    if kind == Kind::Tail {
                        break;
                    }
                    if q_ascii && !e.forms[fi].2 {
                        continue;
                    }
                    let found = match &mut single {
                        _ if prefix_score.is_some() && is_prefix(text) => prefix_score,
                        Some(single) => single.score(text),
                        None if !in_order(text, &q) => None,
                        // Short spellings repeat: 100,000 residents have a few thousand initials,
                        // and a score depends on the text alone. Long ones rarely repeat, and
                        // remembering them costs more than asking again.
                        None if text.len() <= 6 => *memo.entry(text).or_insert_with(|| matcher.fuzzy_match(text, &q)),
                        None => matcher.fuzzy_match(text, &q),
                    };
                    if let Some(s) = found {
                        let s = s * kind.weight();
                        if best.is_none_or(|(b, _)| s > b) {
                            best = Some((s, fi as u16));
                        }
                    }
                }
                if let Some((score, form)) = best {
                    out.push(Scored { doc, score, form, name_chars: head.name_chars });
                }
            }
            out
        };
        // Scored in document order, then sorted: a stable sort on one integer (score, then
        // shorter names) keeps ties in document order; short queries have few distinct keys.
        let key = |s: &Scored| {
            let score = u32::MAX - s.score.clamp(0, u32::MAX as i64) as u32;
            ((score as u64) << 32) | s.name_chars as u64
        };
        let ranked = |docs: &[u32]| -> (Vec<u32>, Vec<Scored>) {
            let mut out = score(&mut docs.iter().copied());
            let matched = out.iter().map(|s| s.doc).collect();
            out.sort_by_key(key);
            (matched, out)
        };
        let all: Vec<u32>;
        let candidates: &[u32] = if narrow {
            &self.last_matches
        } else {
            all = (0..entries.len() as u32).collect();
            &all
        };
        // A first keystroke over 100,000 residents scores most of them: use the second core
        // for half the scoring and sorting, then merge (the first half's documents come first,
        // so taking from it on equal keys keeps the order stable).
        let (matched, scored) = if candidates.len() >= PARALLEL_FROM {
            let (a, b) = candidates.split_at(candidates.len() / 2);
            let (first, second) = std::thread::scope(|sc| {
                let second = sc.spawn(|| ranked(b));
                let first = ranked(a);
                (first, second.join().unwrap_or_else(|_| ranked(b)))
            });
            let (mut matched, x) = first;
            matched.extend(second.0);
            let y = second.1;
            let mut merged = Vec::with_capacity(x.len() + y.len());
            let (mut i, mut j) = (0, 0);
            while i < x.len() && j < y.len() {
                if key(&y[j]) < key(&x[i]) {
                    merged.push(y[j]);
                    j += 1;
                } else {
                    merged.push(x[i]);
                    i += 1;
                }
            }
            merged.extend_from_slice(&x[i..]);
            merged.extend_from_slice(&y[j..]);
            (matched, merged)
        } else {
            ranked(candidates)
        };
        self.last_matches = matched;
        self.scored = scored;
        self.last_query = q.clone();
        self.scored
            .iter()
            .enumerate()
            .map(|(rank, s)| {
                let positions = if rank < limit { self.positions(s.doc, s.form, &q) } else { Vec::new() };
                Hit { doc: s.doc, score: s.score, positions }
            })
            .collect()
    }

    fn positions(&self, doc: u32, form: u16, q: &str) -> Vec<usize> {
        let e = self.entries.get(doc as usize);
        let Some((_, text, kind)) = e.forms().nth(form as usize) else {
            return Vec::new();
        };
        let Some((_, idx)) = self.matcher.fuzzy_indices(text, q) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = match kind {
            Kind::Name | Kind::Initials => idx,
            Kind::Full => {
                // Which full spelling this is tells where its syllable counts start.
                let nth = e.forms[..form as usize].iter().filter(|f| f.1 == Kind::Full).count();
                let fulls = e.forms.iter().filter(|f| f.1 == Kind::Full).count().max(1);
                let per = e.syllables.len() / fulls;
                let counts = e.syllables.get(nth * per..(nth + 1) * per).unwrap_or(&[]);
                let mut starts = Vec::with_capacity(counts.len());
                let mut at = 0usize;
                for &n in counts {
                    starts.push(at);
                    at += n as usize;
                }
                idx.iter().map(|&i| starts.partition_point(|&s| s <= i).saturating_sub(1)).collect()
            }
            Kind::Code | Kind::Keyword | Kind::Extra | Kind::Tail => Vec::new(),
        };
        out.dedup();
        out.retain(|&p| p < e.name_chars as usize);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str) -> Document {
        Document { name: name.into(), ..Default::default() }
    }

    fn names(index: &mut Index, docs: &[&str], q: &str) -> Vec<String> {
        index.search(q, 10).iter().map(|h| docs[h.doc as usize].to_string()).collect()
    }

    const DOCS: &[&str] = &[
        "人民调解申请",
        "银行卡变更",
        "重阳节敬老活动",
        "城乡居民参保登记",
        "医疗保险报销",
        "养老保险待遇",
        "高龄津贴申领",
    ];

    fn index() -> Index {
        Index::new(DOCS.iter().map(|d| doc(d)).collect())
    }

    #[test]
    fn initials_find_heteronyms() {
        let mut i = index();
        assert_eq!(names(&mut i, DOCS, "rmtj")[0], "人民调解申请");
        assert_eq!(names(&mut i, DOCS, "yh")[0], "银行卡变更");
        assert_eq!(names(&mut i, DOCS, "cy")[0], "重阳节敬老活动");
        assert_eq!(names(&mut i, DOCS, "cb")[0], "城乡居民参保登记");
    }

    #[test]
    fn hanzi_full_pinyin_and_both_insurances() {
        let mut i = index();
        assert_eq!(names(&mut i, DOCS, "高龄")[0], "高龄津贴申领");
        assert_eq!(names(&mut i, DOCS, "gaoling")[0], "高龄津贴申领");
        let both = names(&mut i, DOCS, "ylbx");
        assert_eq!(both.len(), 2, "{both:?}");
        assert!(both.contains(&"医疗保险报销".to_string()) && both.contains(&"养老保险待遇".to_string()));
    }

    #[test]
    fn positions_point_at_name_characters() {
        let mut i = index();
        let h = &i.search("gljt", 5)[0];
        assert_eq!(h.positions, vec![0, 1, 2, 3]);
        let h = &i.search("jintie", 5)[0];
        assert_eq!(h.positions, vec![2, 3]);
        let h = &i.search("申领", 5)[0];
        assert_eq!(h.positions, vec![4, 5]);
    }

    #[test]
    fn narrowing_gives_the_same_answer_as_a_fresh_search() {
        let mut a = index();
        for q in ["y", "yl", "ylb", "ylbx"] {
            a.search(q, 10);
        }
        let mut b = index();
        assert_eq!(a.search("ylbxb", 10), b.search("ylbxb", 10));
        // Deleting a character searches everything again.
        assert_eq!(a.search("yl", 10), b.search("yl", 10));
    }

    #[test]
    fn digits_find_id_and_phone_tails_only() {
        let person = |name: &str, id: &str, phone: &str| Document {
            name: name.into(),
            tails: vec![id.into(), phone.into()],
            is_person: true,
            ..Default::default()
        };
        let mut i = Index::new(vec![
            person("张秀英", "320124194511230043", "13812345678"),
            person("曾小明", "11010519491231002X", "13900005678"),
        ]);
        assert_eq!(i.search("0043", 5).iter().map(|h| h.doc).collect::<Vec<_>>(), [0]);
        assert_eq!(i.search("5678", 5).len(), 2);
        assert_eq!(i.search("002x", 5)[0].doc, 1);
        assert!(i.search("1234", 5).is_empty(), "digits inside a number do not match");
        assert_eq!(i.search("zxm", 5)[0].doc, 1, "曾 as a surname reads zeng, but z still finds it");
        assert_eq!(i.search("zxy", 5)[0].doc, 0);
    }

    #[test]
    fn codes_keywords_and_junk() {
        let mut i = Index::new(vec![
            Document {
                name: "社会保障卡申领".into(),
                code: "SB-014".into(),
                keywords: vec!["社保卡".into()],
                ..Default::default()
            },
            doc("最低生活保障"),
        ]);
        assert_eq!(i.search("sb-014", 5)[0].doc, 0);
        assert_eq!(i.search("社保卡", 5)[0].doc, 0);
        assert_eq!(i.search("sbk", 5)[0].doc, 0);
        assert!(i.search("\u{1b}[2J", 5).len() == 2, "escape-only query is empty: lists everything");
        assert!(i.search("zzzzqqq", 5).is_empty());
        assert!(i.search(&"医".repeat(10_000), 5).is_empty());
    }

    #[test]
    fn two_or_three_letters_at_the_start_score_as_themselves() {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut rng = 5u64;
        for _ in 0..20_000 {
            let len = (rng % 14 + 1) as usize;
            let text: String = (0..len)
                .map(|_| {
                    rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    b"abnxyzgh"[(rng >> 33) as usize % 8] as char
                })
                .collect();
            for n in 1..=text.len().min(3) {
                let q = &text[..n];
                assert_eq!(matcher.fuzzy_match(&text, q), matcher.fuzzy_match(q, q), "{text} / {q}");
            }
        }
        for (text, q) in [("wangxiuying", "wa"), ("zhangsan", "zha"), ("liliang", "li")] {
            assert_eq!(matcher.fuzzy_match(text, q), matcher.fuzzy_match(q, q));
        }
    }

    #[test]
    fn one_character_scores_are_the_matchers_own() {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut texts: Vec<String> = DOCS.iter().map(|d| d.to_string()).collect();
        texts.extend(
            ["sb-014", "wangxiuying", "wxy", "a_b-c d.e", "zhangzhang", "ab1b2b", "xflxq", "w"].map(String::from),
        );
        let mut rng = 7u64;
        for _ in 0..300 {
            let t: String = (0..rng % 12 + 1)
                .map(|_| {
                    rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    b"abwz-_ 019.x"[(rng >> 33) as usize % 12] as char
                })
                .collect();
            texts.push(t);
        }
        for t in &texts {
            for c in t.chars().chain(['w', '王', '-']) {
                let q = c.to_string();
                let mut single =
                    Single { c, q: &q, matcher: &matcher, by_prev: FastMap::default(), ascii: [None; 129] };
                assert_eq!(single.score(t), matcher.fuzzy_match(t, &q), "{t:?} / {q:?}");
            }
        }
    }

    #[test]
    fn two_core_ranking_is_ordered_and_stable_like_one_core() {
        // Enough people to split the scoring; names repeat so that ties are common.
        let surnames = ["王", "汪", "张", "李", "刘", "万", "温"];
        let given = ["秀英", "伟", "芳", "小明", "建国", "婉", "安"];
        let docs: Vec<Document> = (0..3 * PARALLEL_FROM)
            .map(|i| Document {
                name: format!("{}{}", surnames[i % 7], given[(i / 7) % 7]),
                is_person: true,
                ..Default::default()
            })
            .collect();
        let mut i = Index::new(docs.clone());
        for q in ["w", "wa", "wan", "x"] {
            let hits = i.search(q, 10);
            assert!(!hits.is_empty(), "{q}");
            for pair in hits.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let (na, nb) = (docs[a.doc as usize].name.chars().count(), docs[b.doc as usize].name.chars().count());
                assert!(
                    (b.score, na, a.doc) < (a.score, nb, b.doc) || (a.score == b.score && na == nb && a.doc < b.doc),
                    "{q}: {a:?} before {b:?}"
                );
            }
            // Narrowed from the previous keystroke or searched fresh: the same answer.
            let mut fresh = Index::new(docs.clone());
            assert_eq!(fresh.search(q, 10), hits, "{q}");
        }
    }
}
