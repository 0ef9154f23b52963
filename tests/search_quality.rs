//! The search-quality set: queries as residents and busy clerks say them, each with the item or
//! person they mean, ranked through the same search the Catalog and Residents screens use.
//! It prints a table (run with `-- --nocapture`) and the top-1 / top-3 rates, and holds a floor
//! at what the search achieves today so that a change that makes it worse fails here.
//!
//! The item queries come from the colloquial names in ../shared/reference/service-items.md
//! (社保年检, 准生证, 敬老卡, 医保卡密码 …), the catalog's own keywords, and the failures
//! issue 16 lists (开证明, 医保卡丢了, 孩子上户口, lianzufang, 社保ka, gkjt …), typed the ways a
//! clerk types them: hanzi, full pinyin, initials, hanzi with pinyin, one-key slips.
//! The issue's target is ≥ 90 % top-3 for both sets: `quality_meets_the_issue_target` asserts it.

use yichuang::app::catalog::CatalogState;
use yichuang::domain::resident::{Address, Resident, check_char};
use yichuang::sample::generate::{Scale, generate_at};
use yichuang::search::{Index, Match, resident_document};
use yichuang::storage::Db;

/// Item queries: what is typed, and the item code(s) that answer it (`|` between equally right
/// answers, where residents' words do not tell two items apart).
const ITEM_QUERIES: &[(&str, &str)] = &[
    // Wrapper words around the thing wanted (issue 16).
    ("开证明", "HJ-010|HJ-009|SB-010|MZ-012"),
    ("开亲属关系证明", "HJ-010"),
    ("开无犯罪证明", "HJ-009"),
    ("开个困难证明", "MZ-012"),
    ("医保卡丢了", "SB-014"),
    ("孩子上户口", "HJ-006"),
    ("身份证丢了", "HJ-005"),
    ("残疾证丢了", "CL-004"),
    ("居住证丢了", "HJ-003"),
    ("医保卡密码忘了", "SB-017"),
    ("老人去世销户口", "HJ-007"),
    ("宝宝办医保", "YB-002"),
    ("想找工作", "JY-006"),
    ("申请低保", "MZ-001"),
    ("办老年证", "LL-002"),
    // Colloquial names from the reference's community-level sources (LS, SHCN, XH, ZJ).
    ("退休", "SB-020"),
    ("办退休", "SB-020"),
    ("社保年检", "SB-007"),
    ("生存认证", "SB-007"),
    ("准生证", "WJ-001"),
    ("敬老卡", "LL-002"),
    ("医保卡密码", "SB-017"),
    ("长护险", "YB-015"),
    ("门诊大病", "YB-006"),
    ("零星报销", "YB-007"),
    ("高龄津贴", "LL-001"),
    ("低保", "MZ-001"),
    ("暂住证", "HJ-001"),
    ("良民证", "HJ-009"),
    ("两癌", "FL-001"),
    ("失业金", "SB-023"),
    ("公租房", "ZF-001"),
    ("加装电梯", "ZF-005"),
    ("打疫苗", "WJ-006"),
    ("五保", "MZ-004"),
    ("4050", "JY-003|JY-010"),
    ("新生儿落户", "HJ-006"),
    ("家庭医生", "WJ-007"),
    ("长寿金", "LL-001"),
    ("打官司", "SF-002"),
    // Full pinyin of the keywords.
    ("lianzufang", "ZF-001"),
    ("gaolingbutie", "LL-001"),
    ("gaolingjintie", "LL-001"),
    ("jinglaoka", "LL-002"),
    ("yibaoka", "SB-012|SB-016"),
    ("dibao", "MZ-001"),
    ("tuixiu", "SB-020"),
    ("zhunshengzheng", "WJ-001"),
    ("shiyejin", "SB-023"),
    ("gongjijin", "ZF-004"),
    ("juzhuzheng", "HJ-001"),
    ("canjizheng", "CL-001"),
    ("shebaonianjian", "SB-007"),
    ("changhuxian", "YB-015"),
    ("tiaojie", "SF-001"),
    ("falvyuanzhu", "SF-002"),
    ("zhuyuanbaoxiao", "YB-007"),
    // Initials.
    ("lzf", "ZF-001"),
    ("glbt", "LL-001"),
    ("gljt", "LL-001"),
    ("dbsq", "MZ-001"),
    ("jzz", "HJ-001"),
    ("zsz", "WJ-001"),
    ("gzf", "ZF-001"),
    ("jzdt", "ZF-005"),
    ("wfzzm", "HJ-009"),
    ("sbkgs", "SB-014"),
    ("ydjy", "YB-008|YB-009|YB-010"),
    ("cbzm", "SB-010"),
    ("hyyy", "MZ-010"),
    // Hanzi and pinyin mixed (the input method not switched back).
    ("社保ka", "SB-012"),
    ("低bao", "MZ-001"),
    ("居住zheng", "HJ-001"),
    ("公积jin", "ZF-004"),
    ("残疾zheng", "CL-001"),
    // One key slipped (a neighbouring key on the keyboard).
    ("gkjt", "LL-001"),
    ("dinao", "MZ-001"),
    ("gongjijim", "ZF-004"),
    ("zhunshrngzheng", "WJ-001"),
    ("jzdy", "ZF-005"),
    ("lianzyfang", "ZF-001"),
];

/// Whom a resident query means.
#[derive(Clone, Copy)]
enum Want {
    /// Anyone of this name (namesakes are told apart by the clerk from the list, not by the
    /// name typed).
    Name(&'static str),
    /// This row (digits name one person); the name is checked so a changed generator fails
    /// loudly rather than measuring the wrong person.
    Row(i64, &'static str),
}

impl Want {
    fn is(self, r: &Resident) -> bool {
        match self {
            Want::Name(name) => r.name == name,
            Want::Row(id, _) => r.id == id,
        }
    }
}

/// Resident queries on the generated street (seed 1, 5,000 residents, plus the people
/// [`namesakes`] registers). Targets are the rows whose id is 7 mod 125 and a few of the first.
const RESIDENT_QUERIES: &[(&str, Want)] = &[
    // Issue 16's cases.
    ("liuyan", Want::Name("刘燕")),
    ("syx", Want::Name("孙雨欣")),
    ("chenji", Want::Name("陈静")),
    // Full names in hanzi.
    ("高子涵", Want::Name("高子涵")),
    ("诸葛静玉", Want::Name("诸葛静玉")),
    ("韦林欣", Want::Name("韦林欣")),
    ("何伟荣", Want::Name("何伟荣")),
    // Full pinyin.
    ("gaozihan", Want::Name("高子涵")),
    ("zhugejingyu", Want::Name("诸葛静玉")),
    ("weilinxin", Want::Name("韦林欣")),
    ("pengzina", Want::Name("彭子娜")),
    ("sunjiayao", Want::Name("孙嘉瑶")),
    ("shanyonggang", Want::Name("单永刚")),
    ("zengchunmei", Want::Name("曾春梅")),
    ("tanjiaxia", Want::Name("谭嘉霞")),
    // Initials.
    ("gzh", Want::Name("高子涵")),
    ("zgjy", Want::Name("诸葛静玉")),
    ("wlx", Want::Name("韦林欣")),
    ("hwr", Want::Name("何伟荣")),
    ("tjx", Want::Name("谭嘉霞")),
    ("hjr", Want::Name("黄静睿")),
    ("bcf", Want::Name("白超凤")),
    ("yqx", Want::Name("袁琴欣")),
    // Surname in full, given name by initials; surname in hanzi, the rest in pinyin.
    ("yuanqx", Want::Name("袁琴欣")),
    ("hanzy", Want::Name("韩泽洋")),
    ("huanghby", Want::Name("黄博永")),
    ("白cf", Want::Name("白超凤")),
    ("谭jx", Want::Name("谭嘉霞")),
    // Last four of the identity number (X typed in either case).
    ("2301", Want::Row(1882, "韦林欣")),
    ("8029", Want::Row(2132, "何伟荣")),
    ("735x", Want::Row(3507, "邹坤")),
    ("1056", Want::Row(4132, "诸葛静玉")),
    ("2131", Want::Row(2882, "叶娟")),
    ("722X", Want::Row(2007, "吴辉")),
    ("4412", Want::Row(507, "肖佳")),
    ("8583", Want::Row(4632, "袁琴欣")),
    // Last four of the mobile.
    ("8972", Want::Row(257, "周林辉")),
    ("5105", Want::Row(382, "夏璐")),
    ("3088", Want::Row(1257, "何敏")),
    ("2742", Want::Row(1507, "唐明")),
    ("9755", Want::Row(3132, "谭丽")),
    ("3662", Want::Row(4882, "白超凤")),
    // One key slipped.
    ("gaozuhan", Want::Name("高子涵")),
    ("pengzins", Want::Name("彭子娜")),
    ("weilinxim", Want::Name("韦林欣")),
    ("sunjiayso", Want::Name("孙嘉瑶")),
    ("zhugejingyi", Want::Name("诸葛静玉")),
    ("tanjiaxua", Want::Name("谭嘉霞")),
];

/// What today's search achieves, rounded down (per cent): the floor this test holds.
/// Measured when the set was written: items 55 % / 61 %, residents 60 % / 72 %; residents
/// 60 % / 77 % once the common reading ranks first; items 60 % / 67 % once keywords are
/// found by their full pinyin; items 88 % / 97 %, residents 77 % / 95 % once queries are
/// words (mixed hanzi and pinyin, partial matches for wrapper words, one slipped key) and a
/// spelling typed whole breaks ties.
const ITEM_TOP1_FLOOR: u32 = 88;
const ITEM_TOP3_FLOOR: u32 = 97;
const RESIDENT_TOP1_FLOOR: u32 = 77;
const RESIDENT_TOP3_FLOOR: u32 = 95;
/// Issue 16's target for both sets.
const TARGET_TOP3: u32 = 90;

/// One query's outcome: its 1-based rank, or None when the wanted answer is not listed.
struct Outcome {
    query: &'static str,
    want: String,
    rank: Option<usize>,
    top: String,
}

struct Rates {
    top1: u32,
    top3: u32,
}

fn rates(outcomes: &[Outcome]) -> Rates {
    let n = outcomes.len() as u32;
    let within = |k: usize| outcomes.iter().filter(|o| o.rank.is_some_and(|r| r <= k)).count() as u32;
    Rates { top1: within(1) * 100 / n, top3: within(3) * 100 / n }
}

/// `s` padded to `width` terminal columns (hanzi take two).
fn pad(s: &str, width: usize) -> String {
    let used: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(used)))
}

fn print_table(title: &str, outcomes: &[Outcome]) {
    println!("\n{title}: {} queries", outcomes.len());
    println!("{}{}  rank  first hit", pad("query", 18), pad("expected", 28));
    for o in outcomes {
        let rank = o.rank.map_or("miss".to_string(), |r| r.to_string());
        println!("{}{}  {rank:>4}  {}", pad(o.query, 18), pad(&o.want, 28), o.top);
    }
    let r = rates(outcomes);
    let misses = outcomes.iter().filter(|o| o.rank.is_none()).count();
    println!("{title}: top-1 {} %, top-3 {} %, not listed at all {misses}", r.top1, r.top3);
}

fn item_outcomes(db: &Db) -> Vec<Outcome> {
    // The Catalog screen's own state: the items and categories it loads, ranked by `research`.
    let mut catalog = CatalogState::default();
    catalog.load(db.service_items().unwrap(), db.categories().unwrap());
    assert_eq!(catalog.items.len(), 123, "the quality set is written for the shipped 123 items");
    ITEM_QUERIES
        .iter()
        .map(|&(query, want)| {
            for code in want.split('|') {
                assert!(catalog.items.iter().any(|i| i.code == code), "{query}: no item {code}");
            }
            catalog.query.clear();
            catalog.query.insert(query);
            catalog.research();
            let codes: Vec<&str> = catalog.hits.iter().map(|h| catalog.item(h).code.as_str()).collect();
            let rank = codes.iter().position(|c| want.split('|').any(|w| w == *c)).map(|p| p + 1);
            let top = catalog.hits.first().map_or("—".to_string(), |h| {
                let i = catalog.item(h);
                format!("{} {}{}", i.code, i.name, how(h.how))
            });
            Outcome { query, want: want.to_string(), rank, top }
        })
        .collect()
}

/// How the first hit was found, when not exactly.
fn how(m: Match) -> String {
    if m == Match::Exact { String::new() } else { format!(" ({m:?})") }
}

/// A valid identity number for a person registered by this test (born 1960–1999, local area).
fn id_number(n: u32) -> String {
    let first17 = format!("320102{}0{}{}{:03}", 1960 + n % 40, 1 + n % 9, 10 + n % 18, 900 + n);
    let check = check_char(&first17).unwrap();
    format!("{first17}{check}")
}

/// The names issue 16 measured with that the generated street lacks: 刘燕 beside 陆艳 (陆 also
/// reads liu) and 刘英 (英 also reads yang), 孙雨欣 beside 朱燕欣 (朱 also reads shu), 陈静 beside
/// 陈强 (强 also reads jiang).
fn namesakes(db: &mut Db) {
    let names = ["陆艳", "陆艳", "刘燕", "陆艳", "刘英", "刘燕", "朱燕欣", "孙雨欣", "陈强", "陈强", "陈静"];
    for (n, name) in names.iter().enumerate() {
        let r = Resident {
            id: 0,
            name: name.to_string(),
            id_number: id_number(n as u32),
            phone: String::new(),
            address: Address {
                estate: "幸福里小区".into(),
                building: "3".into(),
                unit: "1".into(),
                room: "101".into(),
            },
            grid: String::new(),
            tags: Vec::new(),
        };
        db.register_resident("root", &r).unwrap();
    }
}

fn street() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quality.sqlite3");
    let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 10).unwrap().and_hms_opt(10, 0, 0).unwrap();
    generate_at(&path, "root", Scale { residents: 5000, members: 0, days: 0, seed: 1 }, Some(start)).unwrap();
    let mut db = Db::open(&path).unwrap();
    namesakes(&mut db);
    (dir, db)
}

fn resident_outcomes(db: &Db) -> (Vec<Outcome>, Vec<Resident>, Index) {
    let all = db.residents().unwrap();
    // The Residents screen's documents and index type (it keeps one per session the same way).
    let mut index = Index::new(all.iter().map(resident_document).collect());
    let outcomes = RESIDENT_QUERIES
        .iter()
        .map(|&(query, want)| {
            let label = match want {
                Want::Name(name) => {
                    assert!(all.iter().any(|r| r.name == name), "{query}: nobody named {name} on the street");
                    name.to_string()
                }
                Want::Row(id, name) => {
                    let r = all.iter().find(|r| r.id == id).unwrap();
                    assert_eq!(r.name, name, "{query}: row {id} is someone else (did the generator change?)");
                    format!("{name} #{id}")
                }
            };
            let hits = index.search(query, 0);
            let rank = hits.iter().position(|h| want.is(&all[h.doc as usize])).map(|p| p + 1);
            let top = hits.first().map_or("—".to_string(), |h| {
                let r = &all[h.doc as usize];
                format!("{} #{}{}", r.name, r.id, how(h.how))
            });
            Outcome { query, want: label, rank, top }
        })
        .collect();
    (outcomes, all, index)
}

/// 刘燕's best rank and 陆艳's best rank for `liuyan`.
fn liuyan(all: &[Resident], index: &mut Index) -> (Option<usize>, Option<usize>) {
    let hits = index.search("liuyan", 0);
    let best = |name: &str| hits.iter().position(|h| all[h.doc as usize].name == name).map(|p| p + 1);
    (best("刘燕"), best("陆艳"))
}

#[test]
fn search_quality_holds_its_floor() {
    assert!(ITEM_QUERIES.len() >= 60 && RESIDENT_QUERIES.len() >= 40);
    let (_dir, db) = street();
    let items = item_outcomes(&db);
    print_table("items", &items);
    let (residents, all, mut index) = resident_outcomes(&db);
    print_table("residents", &residents);
    let (liu, lu) = liuyan(&all, &mut index);
    println!("liuyan: best 刘燕 at {liu:?}, best 陆艳 at {lu:?}");
    let (i, r) = (rates(&items), rates(&residents));
    assert!(i.top1 >= ITEM_TOP1_FLOOR, "items top-1 {} % fell below {} %", i.top1, ITEM_TOP1_FLOOR);
    assert!(i.top3 >= ITEM_TOP3_FLOOR, "items top-3 {} % fell below {} %", i.top3, ITEM_TOP3_FLOOR);
    assert!(r.top1 >= RESIDENT_TOP1_FLOOR, "residents top-1 {} % fell below {} %", r.top1, RESIDENT_TOP1_FLOOR);
    assert!(r.top3 >= RESIDENT_TOP3_FLOOR, "residents top-3 {} % fell below {} %", r.top3, RESIDENT_TOP3_FLOOR);
}

#[test]
fn quality_meets_the_issue_target() {
    let (_dir, db) = street();
    let items = rates(&item_outcomes(&db));
    let (residents, all, mut index) = resident_outcomes(&db);
    let residents = rates(&residents);
    assert!(items.top3 >= TARGET_TOP3, "items top-3 {} % < {TARGET_TOP3} %", items.top3);
    assert!(residents.top3 >= TARGET_TOP3, "residents top-3 {} % < {TARGET_TOP3} %", residents.top3);
    let (liu, lu) = liuyan(&all, &mut index);
    let liu = liu.expect("liuyan finds no 刘燕");
    assert!(lu.is_none_or(|lu| liu < lu), "liuyan: 刘燕 at {liu}, a 陆艳 at {lu:?}");
}
