//! Scoring one query against the stored spellings, on one core or two.

use super::chunks::Chunks;
use super::hint::{Hint, Next};
use super::store::{Entry, Kind, Store, mask_of};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::collections::HashMap;

/// True when the characters of `q` occur in `text` in order: the matcher's own first test,
/// done here without its allocations, since most spellings fail it.
#[inline(always)]
fn in_order(text: &str, q: &str) -> bool {
    if q.is_ascii() {
        let mut t = text.bytes();
        q.bytes().all(|b| t.any(|x| x == b))
    } else {
        let mut t = text.chars();
        q.chars().all(|c| t.any(|x| x == c))
    }
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

impl<'m> Single<'m> {
    fn new(c: char, q: &'m str, matcher: &'m SkimMatcherV2) -> Single<'m> {
        Single { c, q, matcher, by_prev: FastMap::default(), ascii: [None; 129] }
    }

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
pub(super) struct Scored {
    /// The document.
    pub(super) doc: u32,
    /// Its best spelling's weighted score.
    pub(super) score: i64,
    /// Which of its spellings scored best (for the match positions).
    pub(super) form: u16,
    /// How wholly its best spelling matched (see `whole`): among equal scores, more first.
    pub(super) whole: u8,
    /// Characters in its name (shorter names first among equal scores).
    pub(super) name_chars: u32,
    /// Which of its first 16 forms a longer query may still match (see [`Matches`]).
    pub(super) forms: u16,
    /// What follows the query in its best spelling, when that begins with it (see [`Hint`]).
    pub(super) next: Next,
}

/// Documents a query matched, in document order, each with the forms that a longer query may
/// still match: a bit per form, clear when the form was scored and did not match (a spelling
/// that does not hold `ya` in order, or not as the starts of syllables, holds no `yan`
/// either). Forms past the 16th (a resident has eight or so) are always scored. The next
/// keystroke scores only the forms left: at 300,000 residents the third key's candidates are
/// 50,000 documents of eight forms, most of which no longer matched after the second.
#[derive(Debug, Clone, Default)]
pub(super) struct Matches {
    /// The documents.
    pub(super) docs: Vec<u32>,
    /// Each one's forms that may match, or none at all: every form may.
    pub(super) forms: Vec<u16>,
    /// Each one's [`Hint`], or none at all.
    pub(super) hints: Vec<Hint>,
}

impl Matches {
    /// What a longer query scores, these being the matches of a query of `typed` bytes.
    pub(super) fn candidates(&self, typed: usize) -> Candidates<'_> {
        Candidates { docs: &self.docs, forms: &self.forms, hints: &self.hints, typed }
    }

    /// Documents matched by a search that keeps no forms or hints (several words).
    pub(super) fn docs(docs: Vec<u32>) -> Matches {
        Matches { docs, forms: Vec::new(), hints: Vec::new() }
    }
}

/// Documents to score, each with the forms that may match (see [`Matches`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidates<'c> {
    /// The documents.
    pub(super) docs: &'c [u32],
    /// Each one's forms that may match, or none at all: every form may.
    pub(super) forms: &'c [u16],
    /// Each one's [`Hint`], or none at all.
    pub(super) hints: &'c [Hint],
    /// Bytes of the query the hints were taken for (a longer query may add one letter or
    /// several: keystrokes typed while a ranking was out come together).
    pub(super) typed: usize,
}

impl<'c> Candidates<'c> {
    /// The documents, each with all its forms.
    pub(super) fn docs(docs: &'c [u32]) -> Candidates<'c> {
        Candidates { docs, forms: &[], hints: &[], typed: 0 }
    }

    /// The forms of the `k`-th document that may match.
    #[inline]
    fn forms_of(&self, k: usize) -> u16 {
        self.forms.get(k).copied().unwrap_or(u16::MAX)
    }

    /// The first `at` documents and the rest.
    fn split_at(self, at: usize) -> (Candidates<'c>, Candidates<'c>) {
        let (a, b) = self.docs.split_at(at);
        let (fa, fb) = self.forms.split_at(at.min(self.forms.len()));
        let (ha, hb) = self.hints.split_at(at.min(self.hints.len()));
        let typed = self.typed;
        (Candidates { docs: a, forms: fa, hints: ha, typed }, Candidates { docs: b, forms: fb, hints: hb, typed })
    }
}

/// Candidates from which scoring is split over two threads (below it a thread costs more
/// than it saves).
pub(super) const PARALLEL_FROM: usize = 5_000;

/// The sort key: higher scores first, then spellings typed whole, then shorter names. A stable
/// sort on one integer keeps ties in document order; short queries have few distinct keys.
pub(super) fn key(s: &Scored) -> u64 {
    let score = u32::MAX - s.score.clamp(0, u32::MAX as i64) as u32;
    ((score as u64) << 32) | (u64::from(2 - s.whole.min(2)) << 30) | u64::from(s.name_chars.min(1 << 30))
}

/// How many candidates ahead of the one being scored [`Query::fetch_ahead`] reads.
const AHEAD: usize = 3;

/// Asks for the cache line holding `p`, without waiting for it (and without reading it: a
/// pointer past the end is harmless).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// One normalised query, with what is worked out once per keystroke rather than per spelling.
pub(super) struct Query<'a> {
    q: &'a str,
    /// Characters every matching document must hold somewhere (see `Head::mask`).
    need: u64,
    ascii: bool,
    /// Letters at the very start of an all-letter spelling ("wang" in "wangxiuying") score
    /// what they score against themselves, the best any place can, unless one of them is
    /// doubled (a test checks this against the matcher).
    prefix_score: Option<i64>,
    /// Letters with none doubled, found whole inside an all-letter spelling that does not
    /// begin with the first of them, score what they score after any other letter (a test
    /// checks this against the matcher): no alignment can take the bonus of the start.
    inside_score: Option<i64>,
    /// The query scored against itself: no spelling scores more (a test checks it), so a
    /// spelling whose weight cannot lift it above a document's best so far is not scored.
    perfect: i64,
    single_char: Option<char>,
    /// People's full pinyin matches only syllable by syllable (see [`by_syllables`]).
    syllabic: bool,
    matcher: &'a SkimMatcherV2,
    entries: &'a Chunks<Store>,
}

/// True when `q` reads as the starts of syllables of `text`, in order: each piece of the query
/// begins a syllable and stays within it, and syllables may be passed over (`zhangx` and `xiuy`
/// in zhang·xiu·ying, `wanx` in wan·xiao·li, but not `angx` or `gxiu`). `counts` are the letters
/// of each syllable; if they do not add up to `text`, anything matches (as before syllables).
pub(super) fn by_syllables(text: &str, counts: &[u8], q: &str) -> bool {
    // Where each syllable ends, in bytes (small: it is cleared for every spelling walked).
    let mut ends = [0u16; 24];
    let mut at = 0;
    if text.len() > usize::from(u16::MAX) {
        return true;
    }
    if text.is_ascii() {
        // Pinyin: a letter is a byte, and a syllable ends where its letters add up to.
        for (k, &n) in counts.iter().enumerate().take(ends.len()) {
            at += n as usize;
            if at > text.len() {
                return true;
            }
            ends[k] = at as u16;
        }
    } else {
        let mut chars = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        for (k, &n) in counts.iter().enumerate().take(ends.len()) {
            for _ in 0..n {
                chars.next();
            }
            at = match chars.clone().next() {
                Some(i) => i,
                None => return true,
            };
            ends[k] = at as u16;
        }
    }
    if at != text.len() || counts.len() > ends.len() {
        return true;
    }
    fn go(text: &[u8], ends: &[u16], start: usize, q: &[u8]) -> bool {
        let Some((&end, rest)) = ends.split_first() else { return q.is_empty() };
        let end = usize::from(end);
        if q.is_empty() {
            return true;
        }
        let syllable = &text[start..end];
        let common = syllable.iter().zip(q).take_while(|(a, b)| a == b).count();
        (1..=common).rev().any(|k| go(text, rest, end, &q[k..])) || go(text, rest, end, q)
    }
    go(text.as_bytes(), &ends[..counts.len()], 0, q.as_bytes())
}

impl<'a> Query<'a> {
    /// Prepares `q` (already normalised) for scoring the documents of `entries`.
    pub(super) fn new(q: &'a str, matcher: &'a SkimMatcherV2, entries: &'a Chunks<Store>) -> Query<'a> {
        let doubled = q.as_bytes().windows(2).any(|w| w[0] == w[1]);
        let letters = !doubled && q.bytes().all(|b| b.is_ascii_lowercase());
        let prefix_score = letters.then(|| matcher.fuzzy_match(q, q)).flatten();
        let mut chars = q.chars();
        let single_char = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        let perfect = matcher.fuzzy_match(q, q).unwrap_or(i64::MAX / 16);
        let other = if q.starts_with('x') { "y" } else { "x" };
        let inside_score = (letters && q.len() > 1).then(|| matcher.fuzzy_match(&format!("{other}{q}"), q)).flatten();
        let syllabic = false;
        Query {
            q,
            need: mask_of(q),
            ascii: q.is_ascii(),
            prefix_score,
            inside_score,
            perfect,
            single_char,
            syllabic,
            matcher,
            entries,
        }
    }

    /// Matches people's full pinyin only syllable by syllable: `wan` is 万, 王, 吴安 or 王娜, not
    /// every wu·hao·ning whose letters happen to fall in order. A clerk types the starts of
    /// syllables; the rest only lengthened the list, and at 300,000 residents cost most of the
    /// time of each keystroke. Initials and hints still match letter by letter.
    pub(super) fn syllabic(self, on: bool) -> Query<'a> {
        Query { syllabic: on && self.q.len() > 1, ..self }
    }

    /// True when `text` is all lowercase letters and starts with the query. Compared by hand:
    /// a call to memcmp for two bytes costs more than the comparison.
    fn is_prefix(&self, text: &str) -> bool {
        let (t, q) = (text.as_bytes(), self.q.as_bytes());
        t.len() >= q.len() && t.iter().zip(q).all(|(a, b)| a == b) && t.iter().all(|b| b.is_ascii_lowercase())
    }

    /// True when `text` is all lowercase letters, does not begin with the query's first
    /// letter, and holds the query whole.
    fn is_inside(&self, text: &str) -> bool {
        let (t, q) = (text.as_bytes(), self.q.as_bytes());
        t.first().is_some_and(|&b| b != q[0])
            && t.iter().all(|b| b.is_ascii_lowercase())
            && (1..t.len().saturating_sub(q.len()) + 1).any(|i| t[i..].iter().zip(q).all(|(a, b)| a == b))
    }

    /// Asks the memory for what the documents a few places after `docs[k]` will read: their heads
    /// first, then (once a head has arrived) their forms and both cache lines of their text. At
    /// 300,000 residents the spellings span 64 MB and each of a candidate's reads missed the
    /// cache; asked for ahead, the misses of several candidates overlap instead of following
    /// one another (the third and fourth keys 15 % faster, measured).
    #[inline]
    fn fetch_ahead(&self, docs: &[u32], k: usize) {
        if let Some(&far) = docs.get(k + 2 * AHEAD) {
            let (part, i) = self.entries.locate(far as usize);
            prefetch(part.heads.as_ptr().wrapping_add(i));
        }
        if let Some(&near) = docs.get(k + AHEAD) {
            let (part, i) = self.entries.locate(near as usize);
            if let Some(h) = part.heads.get(i) {
                prefetch(part.forms.as_ptr().wrapping_add(h.forms as usize));
                prefetch(part.forms.as_ptr().wrapping_add(h.forms as usize + 7));
                prefetch(part.text.as_ptr().wrapping_add(h.text as usize));
                prefetch(part.text.as_ptr().wrapping_add(h.text as usize + 64));
            }
        }
    }

    /// Each matching document of `docs` with its best spelling, in the order of `docs`.
    pub(super) fn score(&self, docs: &[u32]) -> Vec<Scored> {
        self.score_forms(Candidates::docs(docs))
    }

    /// [`score`](Self::score), scoring only the forms of each document that may match.
    fn score_forms(&self, candidates: Candidates<'_>) -> Vec<Scored> {
        let docs = candidates.docs;
        // Not sized for every candidate: on the first key that is 3.6 MB a core at 300,000
        // residents, most of it never used, in a session whose peak is held to 100 MB.
        let mut out = Vec::with_capacity(docs.len().min(1 << 12));
        let mut single = self.single_char.map(|c| Single::new(c, self.q, self.matcher));
        // Sized for the spellings a keystroke asks the matcher about (a few thousand: most
        // are answered before it); a larger table cost more to clear than it saved in growing.
        let mut memo: FastMap<&str, Option<i64>> =
            FastMap::with_capacity_and_hasher(docs.len().min(1 << 12), Default::default());
        // Each kind's weight, before and after the best reading's forms (see `Kind::weight_at`):
        // looked up, not worked out, for each of a street's two million spellings.
        let weights = Kind::BY_BITS.map(|k| [k.weight_at(0), k.weight_at(3)]);
        // A document whose full pinyin began with the shorter query, followed by the one or
        // two letters typed since, scores the best there is on it (see `Hint`).
        let added = self.q.as_bytes().get(candidates.typed..).filter(|a| candidates.typed > 0 && a.len() <= 2);
        let hinted = match (self.prefix_score, added) {
            (Some(p), Some(added)) if !added.is_empty() => Some((p * weights[Kind::Full as usize][0], added)),
            _ => None,
        };
        let answered = |k: usize| hinted.zip(candidates.hints.get(k)).is_some_and(|((_, added), h)| h.holds(added));
        // The documents to read, in order, which is what is fetched ahead: those answered by
        // their hint read nothing.
        let read: Vec<u32>;
        let ahead = match hinted {
            Some(_) => {
                read = docs.iter().enumerate().filter(|&(k, _)| !answered(k)).map(|(_, &d)| d).collect();
                &read[..]
            }
            None => docs,
        };
        let mut reading = 0;
        for (k, &doc) in docs.iter().enumerate() {
            if let (Some((score, added)), Some(h)) = (hinted, candidates.hints.get(k))
                && h.holds(added)
            {
                // The best any spelling scores, on the full pinyin (see `Hint`).
                let (next, whole) = h.after(added);
                let (whole, name_chars, forms) = (u8::from(whole), h.name_chars(), candidates.forms_of(k));
                out.push(Scored { doc, score, form: 2, whole, name_chars, forms, next });
                continue;
            }
            self.fetch_ahead(ahead, reading);
            reading += 1;
            let (part, i) = self.entries.locate(doc as usize);
            let head = &part.heads[i];
            if self.need & !head.mask != 0 {
                continue;
            }
            let may = candidates.forms_of(k);
            if let Some((score, whole, form, forms, next)) =
                self.best(&part.get(i), may, &weights, &mut single, &mut memo)
            {
                out.push(Scored { doc, score, form, whole, name_chars: head.name_chars, forms, next });
            }
        }
        out
    }

    /// A document's best spelling for the query among the forms `may` (see [`Matches`]): its
    /// weighted score, how wholly it matched (see `whole`), which form it is, and the forms a
    /// longer query may still match. Kept to what every spelling needs; the rest (the name and
    /// full pinyin for `whole`, which full pinyin this is) is looked up when needed.
    #[inline]
    fn best<'e>(
        &self,
        e: &Entry<'e>,
        mut may: u16,
        weights: &[[i64; 2]; 8],
        single: &mut Option<Single<'_>>,
        memo: &mut FastMap<&'e str, Option<i64>>,
    ) -> Option<(i64, u8, u16, u16, Next)> {
        let q = self.q;
        // The best so far; i64::MIN while there is none (no match scores it).
        let (mut best, mut best_whole, mut best_form) = (i64::MIN, 0u8, 0u16);
        let mut next = Next::default();
        let mut from = e.from;
        for (fi, &f) in e.forms.iter().enumerate() {
            let start = std::mem::replace(&mut from, f.end());
            let kind = f.kind();
            if kind == Kind::Tail {
                break;
            }
            let bit = 1u16.checked_shl(fi as u32).unwrap_or(0);
            if self.ascii && !f.ascii() || may & bit == 0 && bit != 0 {
                continue;
            }
            // A rarer reading or a hint weighs less: once the best so far beats anything it
            // could score, it is not scored (most of a street's spellings, on a good match).
            let weight = weights[kind as usize][usize::from(fi > 2)];
            if best > self.perfect * weight {
                continue;
            }
            // SAFETY: as in `Entry::forms`: forms end on character boundaries, in order,
            // within the text, each starting where the one before ended.
            let text = unsafe { e.text.get_unchecked(start..f.end()) };
            // Every way of matching below needs the query's characters in order, exactly (the
            // matcher is asked only then): a spelling shorter than the query, or not holding it
            // in order, is passed over before the longer tests.
            let prefix =
                text.len() >= q.len() && (self.prefix_score.is_some() || self.syllabic) && self.is_prefix(text);
            if !prefix && (text.len() < q.len() || !in_order(text, q)) {
                may &= !bit;
                continue;
            }
            // Before the score, which costs more: a spelling beginning with the query always
            // reads as the starts of its syllables.
            if self.syllabic && kind == Kind::Full && !prefix {
                let per = e.name_chars as usize;
                let fulls = e.forms[..=fi].iter().filter(|f| f.kind() == Kind::Full).count();
                if !by_syllables(text, e.syllables.get((fulls - 1) * per..fulls * per).unwrap_or(&[]), q) {
                    may &= !bit;
                    continue;
                }
            }
            let begins = self.prefix_score.is_some() && prefix;
            let found = match single {
                _ if begins => self.prefix_score,
                _ if self.inside_score.is_some() && self.is_inside(text) => self.inside_score,
                Some(single) => single.score(text),
                // Spellings repeat: 100,000 residents have a few thousand initials, and a
                // street's common names (王秀英, 张伟) spell out alike; a score depends on the
                // text alone. Hashing a dozen letters costs a tenth of scoring them.
                None if text.len() <= 32 => *memo.entry(text).or_insert_with(|| self.matcher.fuzzy_match(text, q)),
                None => self.matcher.fuzzy_match(text, q),
            };
            let Some(s) = found.map(|s| s * weight) else {
                may &= !bit;
                continue;
            };
            if s > best || (s == best && best_whole < 2) {
                let w = self.whole(e, fi, kind, text);
                if (s, w) > (best, best_whole) {
                    (best, best_whole, best_form) = (s, w, fi as u16);
                    // What the next keystroke needs to score this without reading it.
                    let hints = begins && fi == 2 && kind == Kind::Full && weight == 10;
                    next = if hints { Next::after(text.as_bytes(), q.len()) } else { Next::default() };
                }
            }
            // Past the third form every weight is 9 or less: a best above the query's perfect
            // score at 9 is beaten or tied by none of them (most of a street's matches, found
            // by the start of their initials or full pinyin).
            if fi >= 2 && best > self.perfect * 9 {
                break;
            }
        }
        (best != i64::MIN).then_some((best, best_whole, best_form, may, next))
    }

    /// How wholly spelling `fi` of `e` matched the query, to break ties of score: 2 when it is
    /// the query itself and a keyword that also reads in order in the item's name or full
    /// pinyin (`低保` is 最低生活保障 before 医疗救助, whose keywords name 低保 as who may ask),
    /// 1 when it is the query itself (`liuyan` is 刘燕 before 刘洋's liuyang, `退休` the
    /// retirement application's own keyword before others that begin so), else 0.
    fn whole(&self, e: &Entry<'_>, fi: usize, kind: Kind, text: &str) -> u8 {
        let q = self.q;
        // By hand: memcmp costs more than the comparison of a few letters.
        if text.len() != q.len() || !text.bytes().zip(q.bytes()).all(|(a, b)| a == b) {
            return 0;
        }
        // The full pinyin is the third form, once it has been passed.
        let full = if fi >= 2 { e.spelling(2) } else { "" };
        1 + u8::from(kind == Kind::Keyword && (in_order(e.spelling(0), q) || in_order(full, q)))
    }

    /// The matching documents of `docs` in document order (what the next, longer query
    /// narrows to), and the same ranked best first.
    fn ranked(&self, candidates: Candidates<'_>) -> (Matches, Vec<Scored>) {
        let mut out = self.score_forms(candidates);
        let matched = Matches {
            docs: out.iter().map(|s| s.doc).collect(),
            forms: out.iter().map(|s| s.forms).collect(),
            hints: out.iter().map(|s| Hint::new(s.next, s.name_chars)).collect(),
        };
        // Stable: ties stay in document order. (Faster here than an unstable sort on key and
        // document: a street's scores repeat, and runs of equal keys come sorted.)
        out.sort_by_key(key);
        (matched, out)
    }

    /// [`ranked`](Self::ranked) for `candidates`, on two cores from `parallel_from` of them.
    ///
    /// A first keystroke over 100,000 residents scores most of them: the second core scores
    /// and sorts the second half, then the halves are merged.
    pub(super) fn rank(&self, candidates: Candidates<'_>, parallel_from: usize) -> (Matches, Vec<Scored>) {
        if candidates.docs.len() < parallel_from {
            return self.ranked(candidates);
        }
        let (a, b) = candidates.split_at(candidates.docs.len() / 2);
        let (first, second) = std::thread::scope(|sc| {
            let second = sc.spawn(|| self.ranked(b));
            let first = self.ranked(a);
            (first, second.join().unwrap_or_else(|_| self.ranked(b)))
        });
        let (mut matched, x) = first;
        matched.docs.extend(second.0.docs);
        matched.forms.extend(second.0.forms);
        matched.hints.extend(second.0.hints);
        (matched, merge(&x, &second.1))
    }
}

/// Merges two ranked halves. The first half's documents come first in document order, so
/// taking from it on equal keys keeps the merge as stable as one sort over both.
fn merge(x: &[Scored], y: &[Scored]) -> Vec<Scored> {
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
    merged
}

#[cfg(test)]
#[path = "rank_tests.rs"]
pub(super) mod tests;
