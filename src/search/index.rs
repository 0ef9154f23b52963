//! The fuzzy index: every searchable spelling of every document, ranked per keystroke.

use super::chunks::Chunks;
use super::rank::{PARALLEL_FROM, Query, Scored};
pub use super::store::Document;
use super::store::{Entry, Kind, Prepared, Store};
use crate::domain::text;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Arc;

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

/// Four or more digits (an ID number may end in X): a tail, not a name.
fn is_tail_query(q: &str) -> bool {
    q.len() >= 4 && q.bytes().all(|b| b.is_ascii_digit() || b == b'x')
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
    stack: Vec<(String, Vec<u32>)>,
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
    scored: Vec<Scored>,
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
/// screen's index takes changes, which then copy the documents once).
impl Clone for Index {
    fn clone(&self) -> Self {
        Index {
            entries: self.entries.clone(),
            matcher: SkimMatcherV2::default().ignore_case(),
            own: self.own.clone(),
            generation: self.generation,
            scored: Vec::new(),
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

/// Lowercases and strips spaces and unsafe characters from what was typed; full-width letters
/// and digits (an input method left in full-width mode: ００４３, ｌｙ) become ASCII.
pub fn normalize_query(q: &str) -> String {
    text::sanitize(q)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

impl Index {
    /// Builds the index; hits refer to documents by their position in `docs`.
    pub fn new(docs: Vec<Document>) -> Index {
        let mut index = Index {
            entries: Default::default(),
            matcher: SkimMatcherV2::default().ignore_case(),
            own: Narrowing::default(),
            generation: 0,
            scored: Vec::new(),
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
    pub fn search_from(&mut self, n: &mut Narrowing, query: &str, limit: usize) -> Vec<Hit> {
        let q = normalize_query(query);
        if n.generation != self.generation {
            n.stack.clear();
            n.generation = self.generation;
        }
        if q.is_empty() {
            n.stack.clear();
            return (0..self.entries.len() as u32).map(|doc| Hit { doc, score: 0, positions: Vec::new() }).collect();
        }
        if is_tail_query(&q) && self.has_tails {
            return self.tail_hits(&q);
        }
        // A fuzzy match of the longer query is a match of its prefix, so only the matches of
        // the longest query kept that begins this one can match; a backspace pops back to it.
        while n.stack.last().is_some_and(|(p, _)| !q.starts_with(p.as_str())) {
            n.stack.pop();
        }
        let all: Vec<u32>;
        let candidates: &[u32] = match n.stack.last() {
            Some((_, m)) => m,
            None => {
                all = (0..self.entries.len() as u32).collect();
                &all
            }
        };
        let (matched, scored) = Query::new(&q, &self.matcher, &self.entries).rank(candidates, self.parallel_from);
        if n.stack.last().is_none_or(|(p, _)| *p != q) {
            if n.stack.len() == NARROWING_DEPTH {
                n.stack.remove(0);
            }
            n.stack.push((q.clone(), matched));
        }
        self.scored = scored;
        self.scored
            .iter()
            .enumerate()
            .map(|(rank, s)| {
                let positions = if rank < limit { self.positions(s.doc, s.form, &q) } else { Vec::new() };
                Hit { doc: s.doc, score: s.score, positions }
            })
            .collect()
    }

    /// Documents with an ID or phone number ending in the digits `q`, the shortest number first.
    fn tail_hits(&self, q: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for doc in 0..self.entries.len() {
            let e = self.entry(doc);
            let tail = e.forms().filter(|f| f.2 == Kind::Tail).map(|f| f.1).find(|t| t.ends_with(q));
            if let Some(t) = tail {
                // The shorter the number beyond the typed tail, the better the match.
                let score = 1_000_000 - (t.len() - q.len()) as i64;
                hits.push(Hit { doc: doc as u32, score, positions: Vec::new() });
            }
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }

    /// One document's spellings, wherever they are held.
    fn entry(&self, doc: usize) -> Entry<'_> {
        let (part, i) = self.entries.locate(doc);
        part.get(i)
    }

    fn positions(&self, doc: u32, form: u16, q: &str) -> Vec<usize> {
        let e = self.entry(doc as usize);
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
mod tests {
    use super::*;

    fn doc(name: &str) -> Document {
        Document { name: name.into(), ..Default::default() }
    }

    fn names(index: &mut Index, docs: &[&str], q: &str) -> Vec<String> {
        index.search(q, 10).iter().map(|h| docs[h.doc as usize].to_string()).collect()
    }

    use super::super::rank::tests::DOCS;

    fn index() -> Index {
        Index::new(DOCS.iter().map(|d| doc(d)).collect())
    }

    #[test]
    fn a_replaced_document_is_found_by_its_new_spellings_and_the_others_are_kept() {
        let mut i = Index::new(vec![
            doc("陈芳"),
            Document { name: "王伟".into(), tails: vec!["13812345678".into()], ..Default::default() },
            doc("李静"),
        ]);
        i.replace(1, Document { name: "王小伟".into(), tails: vec!["18600001111".into()], ..Default::default() });
        let docs = ["陈芳", "王小伟", "李静"];
        assert_eq!(names(&mut i, &docs, "wxw"), vec!["王小伟"]);
        assert_eq!(names(&mut i, &docs, "1111"), vec!["王小伟"]);
        assert!(names(&mut i, &docs, "5678").is_empty(), "the old phone no longer finds them");
        assert_eq!(names(&mut i, &docs, "lijing"), vec!["李静"]);
        assert_eq!(names(&mut i, &docs, "chenfang"), vec!["陈芳"]);
        // The document after the replaced one keeps its own spellings, not a shifted slice.
        let hits = i.search("李静", 10);
        assert_eq!((hits.len(), hits[0].doc, hits[0].positions.clone()), (1, 2, vec![0, 1]));
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
    fn two_typings_on_one_index_each_narrow_from_their_own_and_widen_on_backspace() {
        let fresh = |q: &str| index().search(q, 10);
        let mut shared = index();
        let (mut screen, mut intake) = (Narrowing::default(), Narrowing::default());
        // Interleaved keystrokes of two callers: each answer is a fresh search's.
        for (a, b) in [("y", "g"), ("yl", "gl"), ("ylb", "glj"), ("ylbx", "gljt")] {
            assert_eq!(shared.search_from(&mut screen, a, 10), fresh(a), "{a}");
            assert_eq!(shared.search_from(&mut intake, b, 10), fresh(b), "{b}");
        }
        assert_eq!(intake.stack.len(), 4, "every keystroke kept");
        // Backspace goes back to the kept set of the shorter query, and still answers right.
        assert_eq!(shared.search_from(&mut intake, "gl", 10), fresh("gl"));
        assert_eq!(intake.stack.iter().map(|(q, _)| q.as_str()).collect::<Vec<_>>(), ["g", "gl"]);
        // Another word entirely starts over.
        assert_eq!(shared.search_from(&mut intake, "sb", 10), fresh("sb"));
        // A change to the documents drops what was kept: a narrowed search never misses it.
        let before = shared.search_from(&mut screen, "ylbx", 10).len();
        shared.push(Document {
            name: "医疗保险关系转移".into(), keywords: vec!["ylbx".into()], ..Default::default()
        });
        assert_eq!(shared.search_from(&mut screen, "ylbxz", 10), {
            let mut i = index();
            i.push(Document {
                name: "医疗保险关系转移".into(), keywords: vec!["ylbx".into()], ..Default::default()
            });
            i.search("ylbxz", 10)
        });
        assert!(shared.search_from(&mut screen, "ylbx", 10).len() > before);
    }

    #[test]
    fn the_common_reading_ranks_above_a_rare_one() {
        let person = |name: &str| Document { name: name.into(), is_person: true, ..Default::default() };
        // 陆 may be read liu and 英 yang; 朱 may be read shu: found, but below the usual reading.
        let mut i = Index::new(["陆艳", "刘英", "刘燕", "朱燕欣", "孙雅欣"].map(person).to_vec());
        let names = |hits: Vec<Hit>| hits.iter().map(|h| h.doc).collect::<Vec<_>>();
        let liuyan = names(i.search("liuyan", 5));
        assert_eq!(liuyan[0], 2, "刘燕 first: {liuyan:?}");
        assert!(liuyan.contains(&0), "陆艳 is still found by its rarer reading");
        let syx = names(i.search("syx", 5));
        assert_eq!(syx[0], 4, "孙雅欣 before 朱燕欣 read shu: {syx:?}");
        assert!(syx.contains(&3));
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
        assert_eq!(i.search("００４３", 5).iter().map(|h| h.doc).collect::<Vec<_>>(), [0], "full-width digits");
        assert_eq!(i.search("ＺＸＹ", 5)[0].doc, 0, "full-width letters");
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

    /// Where two long hit lists part (printing thousands of hits helps nobody).
    fn difference(got: &[Hit], want: &[Hit]) -> String {
        let at = got.iter().zip(want).position(|(g, w)| g != w).unwrap_or(got.len().min(want.len()));
        format!(
            "{} hits, want {}; first difference at {at}: {:?} vs {:?}",
            got.len(),
            want.len(),
            got.get(at),
            want.get(at)
        )
    }

    /// The same documents on one core (the threshold out of reach) and on two.
    fn one_and_two_cores(docs: &[Document], two_from: usize) -> (Index, Index) {
        let mut one = Index::new(docs.to_vec());
        one.parallel_from = usize::MAX;
        let mut two = Index::new(docs.to_vec());
        two.parallel_from = two_from;
        (one, two)
    }

    #[test]
    fn two_core_ranking_is_ordered_and_stable_like_one_core() {
        // Enough people to split the scoring; names repeat so that ties are common, and the
        // tied documents sit in both halves.
        let surnames = ["王", "汪", "张", "李", "刘", "万", "温"];
        let given = ["秀英", "伟", "芳", "小明", "建国", "婉", "安"];
        let docs: Vec<Document> = (0..3 * PARALLEL_FROM)
            .map(|i| Document {
                name: format!("{}{}", surnames[i % 7], given[(i / 7) % 7]),
                is_person: true,
                ..Default::default()
            })
            .collect();
        // The default threshold (a fresh search splits, a narrowed one may not), and a split
        // on every search, however few candidates are left.
        for two_from in [PARALLEL_FROM, 1] {
            let (mut one, mut two) = one_and_two_cores(&docs, two_from);
            for q in ["w", "wa", "wan", "x", "wxy", "王", "zh", "l"] {
                let want = one.search(q, 10);
                assert!(!want.is_empty(), "{q}");
                let got = two.search(q, 10);
                assert!(got == want, "{q}: two cores from {two_from} candidates: {}", difference(&got, &want));
                // The one-core answer is itself ordered: score, then shorter names, then
                // document order.
                for pair in want.windows(2) {
                    let (a, b) = (&pair[0], &pair[1]);
                    let name = |h: &Hit| docs[h.doc as usize].name.chars().count();
                    assert!((b.score, name(a), a.doc) < (a.score, name(b), b.doc), "{q}: {a:?} before {b:?}");
                }
                // Narrowed from the previous keystroke or searched fresh (an empty query forgets
                // the last matches): the same answer.
                two.search("", 10);
                let got = two.search(q, 10);
                assert!(got == want, "{q}: fresh: {}", difference(&got, &want));
            }
        }
    }
}
