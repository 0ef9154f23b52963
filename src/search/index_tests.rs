//! The index's rules: readings, tails, narrowing, words, fallbacks, two cores.

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
    assert_eq!((hits.len(), hits[0].doc, hits[0].positions.to_vec()), (1, 2, vec![0, 1]));
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
fn people_are_found_by_the_starts_of_their_syllables_not_scattered_letters() {
    let person = |name: &str| Document {
        name: name.into(),
        is_person: true,
        tails: vec!["13800000000".into()],
        ..Default::default()
    };
    let mut i = Index::new(["万小丽", "吴浩宁", "吴安"].map(person).to_vec());
    let found = |i: &mut Index, q: &str| i.search(q, 5).iter().map(|h| h.doc).collect::<Vec<_>>();
    let mut wan = found(&mut i, "wan");
    wan.sort();
    assert_eq!(wan, [0, 2], "wu·hao·ning holds w, a, n in order but begins no syllable with an");
    assert_eq!(found(&mut i, "whn"), [1], "initials still match letter by letter");
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

fn person(name: &str, id: &str, phone: &str) -> Document {
    Document { name: name.into(), tails: vec![id.into(), phone.into()], is_person: true, ..Default::default() }
}

fn item(name: &str, keywords: &[&str]) -> Document {
    Document { name: name.into(), keywords: keywords.iter().map(|k| k.to_string()).collect(), ..Default::default() }
}

fn found(i: &mut Index, q: &str) -> Vec<(u32, Match)> {
    i.search(q, 10).iter().map(|h| (h.doc, h.how)).collect()
}

#[test]
fn words_each_match_and_none_in_full_shows_the_best_partial_matches_marked() {
    let mut i = Index::new(["王秀英", "王建国", "李秀英"].map(|n| person(n, "", "")).to_vec());
    // Every word must match, wherever in the spellings.
    assert_eq!(found(&mut i, "wang xiu"), [(0, Match::Exact)]);
    assert_eq!(found(&mut i, "xiu  wang"), [(0, Match::Exact)], "in any order");
    // No one matches both: those matching the most words, marked partial.
    let partial = found(&mut i, "wang zzz");
    assert_eq!(partial.len(), 2, "{partial:?}");
    assert!(partial.iter().all(|&(d, how)| d != 2 && how == Match::Partial), "{partial:?}");
}

#[test]
fn hanzi_mixed_with_pinyin_matches() {
    let mut i = Index::new(vec![
        item("社会保障卡申领", &["社保卡"]),
        item("最低生活保障申请", &["低保"]),
        item("社会保障卡挂失", &["挂失"]),
    ]);
    assert_eq!(found(&mut i, "社保ka")[0], (0, Match::Exact));
    assert_eq!(found(&mut i, "低bao"), [(1, Match::Exact)]);
    let mut p = Index::new(["白超凤", "白春", "谭嘉霞", "唐建轩"].map(|n| person(n, "", "")).to_vec());
    assert_eq!(found(&mut p, "白cf"), [(0, Match::Exact)]);
    assert_eq!(found(&mut p, "谭jx"), [(2, Match::Exact)], "the hanzi must be held: not 唐建轩");
}

#[test]
fn one_slipped_key_is_found_when_no_spelling_begins_with_the_query_and_is_marked() {
    let mut i = Index::new(vec![
        item("80周岁以上老年人高龄津贴申领", &["高龄津贴"]),
        item("老旧小区加装电梯申请", &["加装电梯"]),
        item("基本医疗保险参保信息查询和参保凭证打印", &[]),
    ]);
    assert_eq!(found(&mut i, "gkjt"), [(0, Match::Typo)], "gljt with k for l");
    // jzdy is scattered through the third item's initials; 加装电梯's jzdt is one slip away.
    assert_eq!(found(&mut i, "jzdy")[..2], [(1, Match::Typo), (2, Match::Exact)]);
    // Typed right, no slip is looked for.
    assert!(found(&mut i, "jzdt").iter().all(|&(_, how)| how == Match::Exact));
    let mut p = Index::new(["谭嘉霞", "唐建轩", "袁琴欣", "袁雪"].map(|n| person(n, "", "")).to_vec());
    assert_eq!(found(&mut p, "tanjiaxua")[0], (0, Match::Typo), "a whole name mistyped first");
    assert_eq!(found(&mut p, "yuanqx")[0], (2, Match::Exact), "surname and initials beat a slip");
    assert!(found(&mut p, "zzzzqqq").is_empty(), "letters matching nobody list nobody");
}

#[test]
fn wrapper_words_do_not_empty_the_list() {
    let mut i = Index::new(vec![
        item("出生登记（新生儿落户）", &["上户口", "新生儿落户"]),
        item("死亡人员户口注销", &["户口注销"]),
        item("高龄津贴申领", &["高龄津贴"]),
    ]);
    // 孩子 matches nothing: the item holding most of the rest, marked partial (户口 alone in
    // the other holds less than half as much).
    assert_eq!(found(&mut i, "孩子上户口"), [(0, Match::Partial)]);
    assert_eq!(found(&mut i, "孩子户口"), [(1, Match::Partial), (0, Match::Partial)], "ties: shorter name");
    // The catalog suggests the nearest items for letters too.
    assert_eq!(found(&mut i, "gaolingzzz"), [(2, Match::Partial)]);
}

#[test]
fn a_spelling_typed_whole_ranks_first() {
    let mut p = Index::new(["刘洋", "刘燕"].map(|n| person(n, "", "")).to_vec());
    assert_eq!(found(&mut p, "liuyan")[0].0, 1, "liuyan is 刘燕 before 刘洋's liuyang");
    let mut i = Index::new(vec![item("医疗救助申请", &["低保"]), item("最低生活保障申请", &["低保"])]);
    assert_eq!(found(&mut i, "低保")[0].0, 1, "the keyword that reads in the name too");
}

#[test]
fn id_and_phone_tails_rank_together_and_are_labelled() {
    let mut i = Index::new(vec![
        person("张秀英", "320124194511230000", "13812340043"),
        person("曾明", "110105194912310043", "13900000000"),
        person("李静", "11010519491231002X", "13900000051"),
    ]);
    // Both end in 0043, one by ID, one by phone: the phone is not always first (all four
    // digits matched either way; the shorter name first).
    assert_eq!(found(&mut i, "0043"), [(1, Match::IdTail), (0, Match::PhoneTail)]);
    assert_eq!(found(&mut i, "002x"), [(2, Match::IdTail)]);
}

#[test]
fn digits_list_tails_from_the_first_digit() {
    let mut i = Index::new(vec![
        person("张秀英", "320124194511230043", "13812340000"),
        person("曾明", "11010519491231002X", "13900000051"),
    ]);
    assert_eq!(found(&mut i, "3"), [(0, Match::IdTail)]);
    assert_eq!(found(&mut i, "51"), [(1, Match::PhoneTail)]);
    assert_eq!(found(&mut i, "２x"), [(1, Match::IdTail)], "full-width, and X");
    assert!(found(&mut i, "4").is_empty(), "digits inside a number do not match");
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
            // The one-core answer is itself ordered: score, then a spelling typed whole,
            // then shorter names, then document order.
            for pair in want.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let name = |h: &Hit| docs[h.doc as usize].name.chars().count();
                let whole = |h: &Hit| one.entries.get(h.doc as usize).forms().any(|f| f.1 == q);
                assert!(
                    (b.score, whole(b), name(a), a.doc) < (a.score, whole(a), name(b), b.doc),
                    "{q}: {a:?} before {b:?}"
                );
            }
            // Narrowed from the previous keystroke or searched fresh (an empty query forgets
            // the last matches): the same answer.
            two.search("", 10);
            let got = two.search(q, 10);
            assert!(got == want, "{q}: fresh: {}", difference(&got, &want));
        }
    }
}

#[test]
fn typing_key_by_key_rescores_only_the_forms_still_in_play_and_answers_as_a_fresh_search() {
    // People whose names read several ways (单 shan/dan, 曾 zeng/ceng, 区 ou/qu, 乐 le/yue,
    // 长 chang/zhang, 重 zhong/chong, 朝 chao/zhao, 查 zha/cha), on estates whose initials are
    // hints: a keystroke narrows from the forms the last one left, never losing a match a
    // fresh search would find, nor its rank, nor which spelling it found.
    let surnames = ["单", "曾", "区", "乐", "王", "张", "查", "朝", "刘", "陆"];
    let given = ["小乐", "重阳", "长安", "秀英", "燕", "行", "朝晖", "英", "解放", "安"];
    let estates = ["幸福里小区", "长安花园", "重阳新村", "朝阳小区"];
    let docs: Vec<Document> = (0..1_000)
        .map(|i| Document {
            name: format!("{}{}", surnames[i % 10], given[(i / 10) % 10]),
            extra: vec![estates[(i / 100) % 4].into()],
            is_person: true,
            tails: vec![format!("1101011990{i:08}"), format!("139{i:08}")],
            ..Default::default()
        })
        .collect();
    let words = [
        "shanxiaole",
        "danxiaoyue",
        "zengchongyang",
        "cengzhongyang",
        "ouxiuying",
        "quyan",
        "lezhangan",
        "yuechangan",
        "zhachaohui",
        "chazhaohui",
        "wangxing",
        "liuyan",
        "luying",
        "xflxq",
        "caihy",
        "cyxc",
        "zxy",
        "lyy",
        "sxl",
        "wangxiuyign",
        "chaoyang",
        "王秀",
        "刘燕",
    ];
    let mut fresh = Index::new(docs.clone());
    for two_from in [usize::MAX, 1] {
        let mut typed = Index::new(docs.clone());
        typed.parallel_from = two_from;
        for w in words {
            let keys: Vec<String> = w.char_indices().map(|(i, c)| w[..i + c.len_utf8()].to_string()).collect();
            // Typed, then backspaced to the first key; then again with keys arriving two and
            // three at a time (typed while a ranking was out), from the first key and the second.
            let together = |from: usize, by: usize| keys.iter().skip(from).step_by(by);
            let typings = keys.iter().chain(keys.iter().rev().skip(1));
            let typings =
                typings.chain(together(0, 2)).chain(together(1, 3)).chain(together(1, 2)).chain(together(0, 3));
            for q in typings {
                fresh.search("", 0);
                let want = fresh.search(q, 10);
                let got = typed.search(q, 10);
                assert!(got == want, "{q} (two cores from {two_from}): {}", difference(&got, &want));
            }
            typed.search("", 0);
        }
    }
}
