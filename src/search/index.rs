//! The fuzzy index: every searchable spelling of every document, ranked per keystroke.

use super::pinyin::readings;
use crate::domain::text;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

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
}

impl Kind {
    /// Tenths of the raw matcher score a match on this spelling is worth.
    fn weight(self) -> i64 {
        match self {
            Kind::Name | Kind::Initials | Kind::Full => 10,
            Kind::Code => 9,
            Kind::Keyword => 8,
            Kind::Extra => 5,
        }
    }
}

#[derive(Debug)]
struct Form {
    text: String,
    kind: Kind,
    /// For full pinyin: how many letters each name character became.
    syllables: Vec<u8>,
}

#[derive(Debug)]
struct Entry {
    name_chars: u32,
    forms: Vec<Form>,
    tails: Vec<String>,
}

/// Four or more digits (an ID number may end in X): a tail, not a name.
fn is_tail_query(q: &str) -> bool {
    q.len() >= 4 && q.bytes().all(|b| b.is_ascii_digit() || b == b'x')
}

/// A search index over documents, with the previous query's matches kept so that typing one
/// more character re-scores only what still can match.
pub struct Index {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
    last_query: String,
    last_matches: Vec<u32>,
    scored: Vec<(u32, i64, u16)>,
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
            entries: Vec::with_capacity(docs.len()),
            matcher: SkimMatcherV2::default().ignore_case(),
            last_query: String::new(),
            last_matches: Vec::new(),
            scored: Vec::new(),
        };
        for d in docs {
            index.push(d);
        }
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
        let mut forms = Vec::new();
        let name = d.name.to_lowercase();
        forms.push(Form { text: name, kind: Kind::Name, syllables: Vec::new() });
        let r = readings(&d.name, d.is_person);
        for v in r.variants(MAX_VARIANTS) {
            let initials: String = v.iter().filter_map(|s| s.chars().next()).collect();
            if !forms.iter().any(|f| f.kind == Kind::Initials && f.text == initials) {
                forms.push(Form { text: initials, kind: Kind::Initials, syllables: Vec::new() });
            }
            let full: String = v.concat();
            if !forms.iter().any(|f| f.kind == Kind::Full && f.text == full) {
                let syllables = v.iter().map(|s| s.chars().count().min(255) as u8).collect();
                forms.push(Form { text: full, kind: Kind::Full, syllables });
            }
        }
        if !d.code.is_empty() {
            forms.push(Form { text: d.code.to_lowercase(), kind: Kind::Code, syllables: Vec::new() });
        }
        for (words, kind) in [(&d.keywords, Kind::Keyword), (&d.extra, Kind::Extra)] {
            for w in words {
                forms.push(Form { text: w.to_lowercase(), kind, syllables: Vec::new() });
                // Keywords are Chinese too: initials of a keyword find it (`sbk` → 社保卡).
                let r = readings(w, false);
                if r.per_char.iter().any(|l| l[0].chars().count() > 1) {
                    let initials: String = r.variants(1)[0].iter().filter_map(|s| s.chars().next()).collect();
                    forms.push(Form { text: initials, kind, syllables: Vec::new() });
                }
            }
        }
        let tails = d.tails.iter().map(|t| t.to_lowercase()).collect();
        self.entries.push(Entry { name_chars: d.name.chars().count() as u32, forms, tails });
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
        if is_tail_query(&q) && self.entries.iter().any(|e| !e.tails.is_empty()) {
            self.last_query.clear();
            let mut hits: Vec<Hit> = Vec::new();
            for (doc, e) in self.entries.iter().enumerate() {
                if let Some(t) = e.tails.iter().find(|t| t.ends_with(&q)) {
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
        self.scored.clear();
        let matcher = &self.matcher;
        let score_one = |doc: u32, entries: &[Entry], out: &mut Vec<(u32, i64, u16)>| {
            let e = &entries[doc as usize];
            let mut best: Option<(i64, u16)> = None;
            for (fi, f) in e.forms.iter().enumerate() {
                if let Some(s) = matcher.fuzzy_match(&f.text, &q) {
                    let s = s * f.kind.weight();
                    if best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, fi as u16));
                    }
                }
            }
            if let Some((s, fi)) = best {
                out.push((doc, s, fi));
            }
        };
        if narrow {
            for &doc in &self.last_matches {
                score_one(doc, &self.entries, &mut self.scored);
            }
        } else {
            for doc in 0..self.entries.len() as u32 {
                score_one(doc, &self.entries, &mut self.scored);
            }
        }
        let entries = &self.entries;
        self.scored.sort_unstable_by(|a, b| {
            b.1.cmp(&a.1)
                .then(entries[a.0 as usize].name_chars.cmp(&entries[b.0 as usize].name_chars))
                .then(a.0.cmp(&b.0))
        });
        self.last_matches.clear();
        self.last_matches.extend(self.scored.iter().map(|s| s.0));
        self.last_matches.sort_unstable();
        self.last_query = q.clone();
        self.scored
            .iter()
            .enumerate()
            .map(|(rank, &(doc, score, fi))| {
                let positions = if rank < limit { self.positions(doc, fi, &q) } else { Vec::new() };
                Hit { doc, score, positions }
            })
            .collect()
    }

    fn positions(&self, doc: u32, form: u16, q: &str) -> Vec<usize> {
        let e = &self.entries[doc as usize];
        let f = &e.forms[form as usize];
        let Some((_, idx)) = self.matcher.fuzzy_indices(&f.text, q) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = match f.kind {
            Kind::Name | Kind::Initials => idx,
            Kind::Full => {
                let mut starts = Vec::with_capacity(f.syllables.len());
                let mut at = 0usize;
                for &n in &f.syllables {
                    starts.push(at);
                    at += n as usize;
                }
                idx.iter().map(|&i| starts.partition_point(|&s| s <= i).saturating_sub(1)).collect()
            }
            Kind::Code | Kind::Keyword | Kind::Extra => Vec::new(),
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
}
