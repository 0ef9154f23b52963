//! The fuzzy index: every searchable spelling of every document, ranked per keystroke.

use super::chunks::Chunks;
use super::fallback::{FALLBACK_UP_TO, TYPO_FROM, coverage, cuts, typo};
use super::rank::{Candidates, Matches, PARALLEL_FROM, Query, Scored, key};
pub use super::store::Document;
use super::store::mask_of;
use super::store::{Kind, Prepared, Store};
use super::terms::{is_mixed, normalize_query, spelled, terms};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// One result: which document, how good, which characters of its name matched, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hit {
    /// Position of the document in the order it was added.
    pub doc: u32,
    /// Higher is better.
    pub score: i64,
    /// Character positions in the document's name to highlight.
    pub positions: Positions,
    /// How it was found (the list marks all but an exact match).
    pub how: Match,
}

/// Character positions of a name to highlight. Only the hits on screen have any, so a hit
/// holds one pointer where a vector took three words: a hit is 24 bytes, not 40 (a list of
/// every resident 4.8 MB smaller at 300,000), and a ranking's scores turn into its hits in
/// their own memory (see [`Index::search_from`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
// Boxed on purpose: a `Box<Vec>` is one word where a `Vec` or a `Box<[_]>` is three or two.
#[allow(clippy::box_collection)]
pub struct Positions(Option<Box<Vec<usize>>>);

impl Positions {
    /// True when character `i` is one of them.
    pub fn contains(&self, i: &usize) -> bool {
        self.0.as_ref().is_some_and(|v| v.contains(i))
    }

    /// The positions, in order.
    pub fn to_vec(&self) -> Vec<usize> {
        self.0.as_deref().cloned().unwrap_or_default()
    }
}

impl From<Vec<usize>> for Positions {
    fn from(v: Vec<usize>) -> Positions {
        Positions((!v.is_empty()).then(|| Box::new(v)))
    }
}

impl PartialEq<Vec<usize>> for Positions {
    fn eq(&self, other: &Vec<usize>) -> bool {
        self.0.as_deref().map_or(other.is_empty(), |v| v == other)
    }
}

// A ranking's list of scores becomes its list of hits in place (`Vec`'s collect reuses an
// allocation whose elements are as large and as aligned): at 300,000 residents the first key's
// two lists side by side were most of a session's peak. Keep them the same size.
const _: () = assert!(
    std::mem::size_of::<Hit>() == std::mem::size_of::<Scored>()
        && std::mem::align_of::<Hit>() == std::mem::align_of::<Scored>()
);

/// How a hit was found: what a list shows beside it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Match {
    /// Every word of the query, as typed.
    #[default]
    Exact,
    /// Only part of the query: nothing holds all of it, these hold the most.
    Partial,
    /// The query with one key slipped ("did you mean").
    Typo,
    /// The last digits of the identity number.
    IdTail,
    /// The last digits of the phone number.
    PhoneTail,
}

/// Digits (an ID number may end in X): the end of an ID or phone number, not a name. From the
/// first digit typed: one to three digits list those whose numbers end so.
fn is_tail_query(q: &str) -> bool {
    q.bytes().all(|b| b.is_ascii_digit() || b == b'x') && q.bytes().any(|b| b.is_ascii_digit())
}

/// One caller's typing on an index: the matches of each query it typed, so that one more
/// character re-scores only what can still match, and a backspace goes back to the set kept for
/// the shorter query instead of searching everything again. Each screen or dialog that searches
/// the same index keeps its own, so one never narrows from another's query.
#[derive(Debug, Default, Clone)]
pub struct Narrowing {
    /// The index's generation these matches belong to (any change to the index drops them).
    generation: u64,
    /// Queries typed, each a prefix of the next, with their matches.
    stack: Vec<(String, Matches)>,
}

/// The exact matches and those of the fallback in one list: a document matched both ways is
/// listed once, by the better of the two; slipped keys rank among the exact matches by score
/// (equal scores keep the exact match first), partial matches come alone.
fn merged(fallback: Vec<(Scored, Match)>, exact: &[Scored]) -> Vec<(Scored, Match)> {
    let typos = fallback.first().is_some_and(|h| h.1 == Match::Typo);
    let slipped: HashMap<u32, i64> = fallback.iter().map(|h| (h.0.doc, h.0.score)).collect();
    let mut exact_better = HashSet::new();
    let mut hits = fallback;
    for s in exact {
        match slipped.get(&s.doc) {
            Some(&t) if t > s.score => {}
            Some(_) => {
                exact_better.insert(s.doc);
                hits.push((*s, Match::Exact));
            }
            None => hits.push((*s, Match::Exact)),
        }
    }
    hits.retain(|h| h.1 == Match::Exact || !exact_better.contains(&h.0.doc));
    if typos {
        hits.sort_by_key(|(s, how)| (key(s), *how != Match::Exact));
    }
    hits
}

/// Most queries a [`Narrowing`] keeps (a name is typed in fewer keystrokes).
const NARROWING_DEPTH: usize = 24;

/// A search index over documents, with its own [`Narrowing`] for callers that keep none.
pub struct Index {
    /// The spellings: a shared file's, pages read since, and documents replaced since, shared
    /// with the snapshots ranking on another thread (a clone copies no spelling).
    entries: Chunks<Store>,
    matcher: SkimMatcherV2,
    own: Narrowing,
    /// Bumped on every change to the documents: narrowings of another generation start over.
    generation: u64,
    has_tails: bool,
    /// Candidates from which a search is scored on two cores ([`PARALLEL_FROM`]; tests move it
    /// to compare the two-core path with the one-core path on the same documents).
    parallel_from: usize,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("entries", &self.entries.len()).finish()
    }
}

/// A snapshot: the same documents, its own narrowing (a ranking thread searches it while the
/// screen's index takes changes).
impl Clone for Index {
    fn clone(&self) -> Self {
        Index {
            entries: self.entries.clone(),
            matcher: SkimMatcherV2::default().ignore_case(),
            own: self.own.clone(),
            generation: self.generation,
            has_tails: self.has_tails,
            parallel_from: self.parallel_from,
        }
    }
}

impl Default for Index {
    fn default() -> Self {
        Index::new(Vec::new())
    }
}

impl Index {
    /// Builds the index; hits refer to documents by their position in `docs`.
    pub fn new(docs: Vec<Document>) -> Index {
        let mut index = Index {
            entries: Default::default(),
            matcher: SkimMatcherV2::default().ignore_case(),
            own: Narrowing::default(),
            generation: 0,
            has_tails: false,
            parallel_from: PARALLEL_FROM,
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
        self.entries.is_empty()
    }

    /// Adds one document at the end.
    pub fn push(&mut self, d: Document) {
        self.extend(Prepared::new([d]));
    }

    /// Puts `d` in place of document `doc` (the record it stands for was edited).
    pub fn replace(&mut self, doc: usize, d: Document) {
        self.has_tails |= !d.tails.is_empty();
        self.entries.replace(doc, Arc::new(Prepared::new([d]).0));
        self.generation += 1;
    }

    /// Adds prepared documents at the end, in order.
    pub fn extend(&mut self, p: Prepared) {
        self.extend_skipping(p, 0);
    }

    /// Adds prepared documents at the end, in order, but for the first `skip` of them.
    pub fn extend_skipping(&mut self, p: Prepared, skip: usize) {
        self.has_tails |= p.0.forms.iter().any(|f| f.kind() == Kind::Tail);
        self.entries.push(Arc::new(p.skip(skip).0));
        self.generation += 1;
    }

    /// Ranks the documents for `query`, best first; match positions are filled in for the
    /// first `limit` hits only (the rest are not on screen). An empty query lists everything
    /// Ranks the documents for `query`, best first; match positions are filled in for the
    /// first `limit` hits only (the rest are not on screen). An empty query lists everything
    /// in document order.
    pub fn search(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let mut own = std::mem::take(&mut self.own);
        let hits = self.search_from(&mut own, query, limit);
        self.own = own;
        hits
    }

    /// [`Index::search`] narrowing from (and recording in) the caller's own typing `n`.
    ///
    /// One word of one script takes the exact path alone unless it finds nothing good; several
    /// words (or hanzi mixed with pinyin) must each match; what finds nothing falls back to one
    /// more pass over everything for a slipped key or the best partial matches, marked so.
    pub fn search_from(&mut self, n: &mut Narrowing, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalize_query(query);
        if n.generation != self.generation {
            n.stack.clear();
            n.generation = self.generation;
        }
        if q.is_empty() {
            n.stack.clear();
            return (0..self.entries.len() as u32).map(|doc| Hit { doc, ..Hit::default() }).collect();
        }
        if is_tail_query(&q) && self.has_tails {
            return self.tail_hits(&q);
        }
        let words = terms(query);
        let several = words.len() > 1 || words.iter().any(|w| is_mixed(w));
        // Words are kept apart by one space: a longer query that begins with a kept one matches
        // a subset of its matches, word by word, just as one word does letter by letter.
        let kept = if several { words.join(" ") } else { q.clone() };
        // A fuzzy match of the longer query is a match of its prefix, so only the matches of
        // the longest query kept that begins this one can match; a backspace pops back to it.
        while n.stack.last().is_some_and(|(p, _)| !kept.starts_with(p.as_str())) {
            n.stack.pop();
        }
        let all: Vec<u32>;
        let candidates = match n.stack.last() {
            Some((p, m)) => m.candidates(p.len()),
            None => {
                all = (0..self.entries.len() as u32).collect();
                Candidates::docs(&all)
            }
        };
        let (matched, scored) = if several {
            let (docs, scored) = self.all_words(&words, candidates.docs);
            (Matches::docs(docs), scored)
        } else {
            Query::new(&q, &self.matcher, &self.entries).syllabic(self.has_tails).rank(candidates, self.parallel_from)
        };
        if n.stack.last().is_none_or(|(p, _)| *p != kept) {
            if n.stack.len() == NARROWING_DEPTH {
                n.stack.remove(0);
            }
            n.stack.push((kept, matched));
        }
        if several {
            if scored.is_empty() {
                return self.some_words(&words, limit);
            }
            return scored
                .into_iter()
                .enumerate()
                .map(|(rank, s)| {
                    let positions = if rank < limit { self.word_positions(s.doc, &words) } else { Vec::new() };
                    Hit { doc: s.doc, score: s.score, positions: positions.into(), how: Match::Exact }
                })
                .collect();
        }
        // A query of letters that no spelling of the best match begins with may be mistyped: one
        // more pass looks for spellings one slip away, ranked among the exact matches by score.
        let top_begins = scored.first().is_some_and(|s| self.begins(s.doc, &q));
        let fallback = if top_begins { Vec::new() } else { self.fallback(&q, !scored.is_empty()) };
        let hit = |rank: usize, s: &Scored, how: Match| {
            let positions = match how {
                _ if rank >= limit => Vec::new(),
                Match::Exact => self.positions(s.doc, s.form, &q),
                _ => self.shared_chars(s.doc, &q),
            };
            Hit { doc: s.doc, score: s.score, positions: positions.into(), how }
        };
        if fallback.is_empty() {
            // In place: the scores' memory becomes the hits' (see `Positions`).
            return scored.into_iter().enumerate().map(|(rank, s)| hit(rank, &s, Match::Exact)).collect();
        }
        merged(fallback, &scored).iter().enumerate().map(|(rank, (s, how))| hit(rank, s, *how)).collect()
    }

    /// True for an index of things, not people (no ID or phone numbers): letters that match
    /// nothing, not even with one slip, still list the nearest items. Pieces of letters name
    /// nobody: a person not found by their letters is not found by a part of them.
    fn suggests(&self) -> bool {
        !self.has_tails
    }

    /// True when one of the document's spellings begins with `q` (its best match may be
    /// another: gljt is found best inside 80周岁以上…高龄津贴's initials, and begins 高龄津贴's).
    fn begins(&self, doc: u32, q: &str) -> bool {
        self.entries.get(doc as usize).forms().any(|(_, text, kind)| kind != Kind::Tail && text.starts_with(q))
    }

    /// One more pass over every document, for a query no spelling begins with: the spellings
    /// one slipped key away (letters only, four or more), else, when the exact search found
    /// nothing at all, the documents holding the most of the query (hanzi, or any query on an
    /// index of things such as the catalog), best first.
    fn fallback(&self, q: &str, found: bool) -> Vec<(Scored, Match)> {
        let letters = q.bytes().all(|b| b.is_ascii_lowercase());
        let chars = q.chars().count();
        let slips = letters && q.len() >= TYPO_FROM && q.len() <= FALLBACK_UP_TO;
        let pieces = !found && chars > 1 && chars <= FALLBACK_UP_TO && (!q.is_ascii() || self.suggests());
        if !slips && !pieces {
            return Vec::new();
        }
        let perfect = self.matcher.fuzzy_match(q, q).unwrap_or(1);
        let (cut, min_run, need) = (cuts(q), if q.is_ascii() { 3 } else { 1 }, mask_of(q));
        let (mut typos, mut parts) = (Vec::new(), Vec::new());
        let mut spellings: Vec<&str> = Vec::new();
        for doc in 0..self.entries.len() {
            let head = &self.entries.head(doc);
            let e = self.entries.get(doc);
            let mut best: Option<(i64, u16)> = None;
            spellings.clear();
            for (fi, text, kind) in e.forms() {
                if kind == Kind::Tail {
                    break;
                }
                let ascii = e.forms[fi].ascii();
                if slips
                    && ascii
                    && let Some(whole) = typo(text, q)
                {
                    // A whole spelling mistyped (`tanjiaxua`, 谭嘉霞's tanjiaxia) ranks above
                    // letters scattered through another's; the beginning of one only above
                    // a match weaker still (`yuanqx` is 袁琴欣 before 袁雪 typed yuanxu).
                    let w = kind.weight_at(fi);
                    let s = if whole { perfect * (w + 2) * 8 / 10 } else { perfect * w / 2 };
                    if best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, fi as u16));
                    }
                }
                if pieces && ascii == q.is_ascii() {
                    spellings.push(text);
                }
            }
            let scored = |score: i64, form: u16| Scored {
                doc: doc as u32,
                score,
                form,
                whole: 0,
                name_chars: head.name_chars,
                forms: 0,
                next: Default::default(),
            };
            if let Some((score, form)) = best {
                typos.push(scored(score, form));
            } else if pieces && typos.is_empty() && need & head.mask != 0 {
                let (c, held) = coverage(&spellings, q, &cut, min_run);
                // Hanzi count from two characters found (wrapper words may be most of the
                // query: 老人去世销户口); letters in pieces of three or more (two in a row are
                // in half the pinyin of the catalog) holding at least half of what was typed
                // (zzzzqqq is no query for 居住证签注, whose initials hold zzq).
                if if q.is_ascii() { held * 2 >= chars } else { held >= 2 } {
                    parts.push(scored(i64::from(c), 0));
                }
            }
        }
        let (mut hits, how) = if typos.is_empty() { (parts, Match::Partial) } else { (typos, Match::Typo) };
        hits.sort_by_key(key);
        // Only the best of the partial matches: those holding at least half what the best holds.
        if let (Match::Partial, Some(top)) = (how, hits.first().map(|h| h.score)) {
            hits.retain(|h| h.score * 2 >= top);
        }
        hits.into_iter().map(|h| (h, how)).collect()
    }

    /// The characters of a document's name that occur in `q` (what a partial match shows).
    fn shared_chars(&self, doc: u32, q: &str) -> Vec<usize> {
        let e = self.entries.get(doc as usize);
        let name = e.forms().next().map_or("", |f| f.1);
        name.chars().enumerate().filter(|(_, c)| !c.is_ascii() && q.contains(*c)).map(|(i, _)| i).collect()
    }

    /// How one word is spelled for the matcher: as typed, or (hanzi mixed with letters) its
    /// hanzi, which a match must hold, then the whole word in full pinyin and by initials.
    fn spellings_of(word: &str) -> Vec<String> {
        if is_mixed(word) {
            let (hanzi, full, initials) = spelled(word);
            vec![hanzi, full, initials]
        } else {
            vec![word.to_string()]
        }
    }

    /// The documents of `candidates` that one word matches, in their order, with its score.
    fn one_word(&self, word: &str, candidates: &[u32]) -> Vec<Scored> {
        let spellings = Self::spellings_of(word);
        let score = |s: &str, docs: &[u32]| Query::new(s, &self.matcher, &self.entries).score(docs);
        let first = score(&spellings[0], candidates);
        if spellings.len() == 1 {
            return first;
        }
        // The hanzi held; now the best of the two pinyin spellings of the whole word.
        let held: Vec<u32> = first.iter().map(|s| s.doc).collect();
        let (full, initials) = (score(&spellings[1], &held), score(&spellings[2], &held));
        let mut best: HashMap<u32, i64> = full.iter().map(|s| (s.doc, s.score)).collect();
        for s in &initials {
            let b = best.entry(s.doc).or_insert(s.score);
            *b = (*b).max(s.score);
        }
        first.into_iter().filter_map(|s| best.get(&s.doc).map(|&p| Scored { score: s.score + p, ..s })).collect()
    }

    /// The documents of `candidates` every word matches (in their order), and the same ranked
    /// by the sum of the words' scores.
    fn all_words(&self, words: &[String], candidates: &[u32]) -> (Vec<u32>, Vec<Scored>) {
        let mut left: Vec<Scored> = self.one_word(&words[0], candidates);
        for w in &words[1..] {
            let docs: Vec<u32> = left.iter().map(|s| s.doc).collect();
            let next = self.one_word(w, &docs);
            let mut it = left.iter().peekable();
            left = next
                .into_iter()
                .filter_map(|s| {
                    while it.peek().is_some_and(|l| l.doc < s.doc) {
                        it.next();
                    }
                    it.peek().filter(|l| l.doc == s.doc).map(|l| Scored { score: l.score + s.score, ..**l })
                })
                .collect();
        }
        let matched = left.iter().map(|s| s.doc).collect();
        left.sort_by_key(key);
        (matched, left)
    }

    /// When no document matches every word: those matching the most of them, marked partial.
    fn some_words(&self, words: &[String], limit: usize) -> Vec<Hit> {
        let all: Vec<u32> = (0..self.entries.len() as u32).collect();
        let mut count: HashMap<u32, (i64, Scored)> = HashMap::new();
        for w in words {
            for s in self.one_word(w, &all) {
                let c = count.entry(s.doc).or_insert((0, Scored { score: 0, ..s }));
                c.0 += 1;
                c.1.score += s.score;
            }
        }
        let most = count.values().map(|c| c.0).max().unwrap_or(0);
        let mut best: Vec<Scored> = count.into_values().filter(|c| c.0 == most).map(|c| c.1).collect();
        best.sort_by_key(|s| (key(s), s.doc));
        best.iter()
            .enumerate()
            .map(|(rank, s)| {
                let positions = if rank < limit { self.word_positions(s.doc, words) } else { Vec::new() };
                Hit { doc: s.doc, score: s.score, positions: positions.into(), how: Match::Partial }
            })
            .collect()
    }

    /// Name characters matched by any of the words.
    fn word_positions(&self, doc: u32, words: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        for w in words {
            for sp in Self::spellings_of(w) {
                if let Some(s) = Query::new(&sp, &self.matcher, &self.entries).score(&[doc]).first() {
                    out.extend(self.positions(doc, s.form, &sp));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Documents with an ID or phone number ending in the digits `q`: the identity number and
    /// the phone rank together (a document's first number is its ID, see
    /// [`Document::tails`]), each labelled with the number that matched.
    fn tail_hits(&self, q: &str) -> Vec<Hit> {
        let mut hits: Vec<(u32, Hit)> = Vec::new();
        for doc in 0..self.entries.len() {
            let e = self.entries.get(doc);
            let tail = e.forms().filter(|f| f.2 == Kind::Tail).position(|f| f.1.ends_with(q));
            if let Some(nth) = tail {
                let how = if nth == 0 { Match::IdTail } else { Match::PhoneTail };
                let hit = Hit { doc: doc as u32, score: q.len() as i64, positions: Positions::default(), how };
                hits.push((e.name_chars, hit));
            }
        }
        // Every digit typed matched either number alike: shorter names first; then, of a
        // name's length, a phone before an ID (four digits are more of a phone than of an ID,
        // and a member desk checks people out by their phone), then older records.
        hits.sort_by_key(|(chars, h)| (*chars, h.how == Match::IdTail, h.doc));
        hits.into_iter().map(|(_, h)| h).collect()
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
                let nth = e.forms[..form as usize].iter().filter(|f| f.kind() == Kind::Full).count();
                let fulls = e.forms.iter().filter(|f| f.kind() == Kind::Full).count().max(1);
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
#[path = "index_tests.rs"]
mod tests;
