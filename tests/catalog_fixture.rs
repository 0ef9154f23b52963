//! The shipped catalog: 123 valid items that the clerks' usual queries find.

use yichuang::domain::catalog::Catalog;
use yichuang::search::{Document, Index};

fn catalog() -> Catalog {
    Catalog::parse("fixtures/service_items.toml", include_str!("../fixtures/service_items.toml")).unwrap()
}

fn index(c: &Catalog) -> Index {
    Index::new(
        c.items
            .iter()
            .map(|i| Document {
                name: i.name.clone(),
                code: i.code.clone(),
                keywords: i.keywords.clone(),
                ..Default::default()
            })
            .collect(),
    )
}

fn top(c: &Catalog, q: &str, n: usize) -> Vec<String> {
    index(c).search(q, n).iter().take(n).map(|h| c.items[h.doc as usize].name.clone()).collect()
}

#[test]
fn has_exactly_123_items_in_every_category() {
    let c = catalog();
    assert_eq!(c.items.len(), 123);
    for cat in &c.categories {
        assert!(c.items.iter().filter(|i| i.category == cat.code).count() >= 3, "{}", cat.name);
    }
}

#[test]
fn clerk_queries_find_the_right_items_first() {
    let c = catalog();
    let shbzk = top(&c, "shbzk", 5);
    assert!(shbzk.iter().all(|n| n.contains("社会保障卡")), "{shbzk:?}");
    assert!(top(&c, "gljt", 1)[0].contains("高龄津贴"));
    assert!(top(&c, "cbdj", 1)[0].contains("参保登记"));
    assert!(top(&c, "rmtj", 1)[0].contains("人民调解"));
    assert!(top(&c, "社保卡", 1)[0].contains("社会保障卡"));
    assert!(top(&c, "医保", 3).len() == 3);
    let ylbx = top(&c, "ylbx", 30);
    assert!(ylbx.iter().any(|n| n.contains("医疗保险")), "{ylbx:?}");
    assert!(ylbx.iter().any(|n| n.contains("养老保险")), "{ylbx:?}");
}
