//! The quarter's feedback to work units, built from the real storage: what counts, what does
//! not, and how it reads in text, CSV and a spreadsheet.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use yichuang::domain::lang::Lang;
use yichuang::domain::member::{Activity, MemberDraft, Post};
use yichuang::storage::{Clock, Db, UnitFeedback};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn member(db: &mut Db, name: &str, id: &str, phone: &str, unit: &str, branch: &str) -> i64 {
    let draft = MemberDraft {
        name: name.into(),
        id_number: id.into(),
        phone: phone.into(),
        unit: unit.into(),
        branch: branch.into(),
        grid: "第一网格".into(),
        intentions: "4".into(),
        ..Default::default()
    };
    let m = draft.validate(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()).unwrap();
    db.register_member("root", &m).unwrap().id
}

fn activity(db: &mut Db, title: &str, start: &str, end: &str, rate: u32) -> i64 {
    let a = Activity {
        id: 0,
        title: title.into(),
        category: Post::Governance,
        organiser: "社区党委".into(),
        place: "幸福里小区".into(),
        start: at(start),
        end: at(end),
        capacity: 30,
        rate,
        needs: String::new(),
    };
    db.add_activity("root", &a).unwrap().id
}

/// Two units: 区税务局 with a member who checked in, was entered by hand and had a record
/// declined, and a member without service; 区人民医院 with one member.
fn quarter() -> Vec<UnitFeedback> {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00").unwrap()));
    let wang = member(&mut db, "王建国", "320124198808240056", "13812345678", "区税务局", "第一党支部");
    member(&mut db, "李秀英", "320102199001011224", "13912340000", "区税务局", "");
    let zhou = member(&mut db, "周明", "320104198512120017", "18651230001", "区人民医院", "门诊党支部");
    let clean = activity(&mut db, "环境整治", "2026-11-20 09:00", "2026-11-20 11:00", 2);
    let talk = activity(&mut db, "政策宣讲", "2026-11-22 14:00", "2026-11-22 16:00", 1);
    for (m, a, inn, out) in [
        (wang, clean, "2026-11-20 08:50", "2026-11-20 11:10"),
        (zhou, clean, "2026-11-20 09:10", "2026-11-20 10:45"),
        (wang, talk, "2026-11-22 13:55", "2026-11-22 16:00"),
    ] {
        db.member_check_in("root", m, a, at(inn)).unwrap();
        db.member_check_out("root", m, a, at(out)).unwrap();
    }
    db.manual_hours(
        "root",
        wang,
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        3,
        1,
        "整理报到档案, 核对\"双报到\"名单",
    )
    .unwrap();
    let (declined, _) = db.activity_records(talk).unwrap().into_iter().next().unwrap();
    db.decline_record("root", declined.id, "代签，本人未到场").unwrap();
    db.feedback(2026, 4).unwrap()
}

#[test]
fn feedback_counts_check_ins_and_manual_entries_but_not_declined_records() {
    let units = quarter();
    assert_eq!(units.iter().map(|u| u.unit.as_str()).collect::<Vec<_>>(), ["区人民医院", "区税务局"]);
    let tax = &units[1];
    assert_eq!(tax.members.len(), 2);
    let text = yichuang::export::feedback::text(Lang::Zh, tax, "幸福里社区");
    assert!(!text.contains("政策宣讲") && !text.contains("周明"), "{text}");
    assert!(text.contains("合计：党员 2 名，服务 3.5 小时，积分 5.5 分"), "{text}");
    insta::assert_snapshot!("feedback_text_zh", text);
    insta::assert_snapshot!("feedback_csv_zh", yichuang::export::feedback::csv(Lang::Zh, tax));
    let hospital = yichuang::export::feedback::text(Lang::En, &units[0], "Xingfuli");
    assert!(hospital.contains("周明") && hospital.contains("Total: 1 members, 1.5 hours, 3 points"), "{hospital}");
    assert_eq!(yichuang::export::feedback::file_stem(tax), "2026Q4-区税务局");
}

#[test]
fn the_spreadsheet_is_a_zip_and_csv_quotes_what_needs_it() {
    let units = quarter();
    let book = yichuang::export::feedback::xlsx(Lang::Zh, &units[1], "幸福里社区").unwrap();
    assert!(book.starts_with(b"PK"), "an .xlsx file is a zip archive");
    let en = yichuang::export::feedback::csv(Lang::En, &units[0]);
    assert!(en.starts_with("Unit,Quarter,Name,Phone,"), "{en}");
    assert!(en.contains("186****0001"), "phones are masked: {en}");
    assert!(!en.contains("18651230001"));
}
