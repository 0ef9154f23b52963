//! Receipts: 受理回执 and 一次性告知单 as plain text, snapshotted, measured and printed.

mod common;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use yichuang::domain::calendar::Calendar;
use yichuang::domain::case::{Case, CaseMaterial, CaseState, Channel, MaterialStatus, NOTICE_WINDOW_DAYS, due_date};
use yichuang::domain::catalog::ServiceItem;
use yichuang::domain::lang::Lang;
use yichuang::domain::resident::{Address, Resident, Tag, mask_id};
use yichuang::domain::text::display_width;
use yichuang::i18n::receipt::{self, Paper, ReceiptData};

const ID: &str = "320124194511230043";

/// The desk closes at half past five.
const CLOSING: NaiveTime = NaiveTime::from_hms_opt(17, 30, 0).unwrap();

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn calendar() -> Calendar {
    Calendar::new(common::calendar().days)
}

/// 80周岁以上老年人高龄津贴申领 from the shipped catalog.
fn item() -> ServiceItem {
    common::catalog()
        .items
        .into_iter()
        .find(|i| i.name.contains("高龄津贴"))
        .expect("the catalog has the old-age allowance")
}

fn resident() -> Resident {
    Resident {
        id: 41,
        name: "张秀英".into(),
        id_number: ID.into(),
        phone: "13812345678".into(),
        address: Address {
            estate: "幸福里小区".into(), building: "3".into(), unit: "2".into(), room: "502".into()
        },
        grid: "幸福里第二网格".into(),
        tags: vec![Tag::Elderly, Tag::LivingAlone],
    }
}

fn material(name: &str, required: bool, status: MaterialStatus) -> CaseMaterial {
    CaseMaterial { name: name.into(), required, status, original_received: None, original_returned: None }
}

/// The item's checklist with `status` chosen per material name.
fn checklist(item: &ServiceItem, status: impl Fn(&str) -> MaterialStatus) -> Vec<CaseMaterial> {
    item.materials.iter().map(|m| material(&m.name, m.required, status(&m.name))).collect()
}

fn case(item: &ServiceItem, r: &Resident, state: CaseState) -> Case {
    let received = at("2026-11-20 09:41");
    let accepted = (state == CaseState::Accepted).then_some(received);
    let due = accepted.map(|a| due_date(&calendar(), a, CLOSING, item.time_limit, 0).due);
    let notice_deadline = (state == CaseState::AwaitingMaterials)
        .then(|| calendar().add_working_days(received.date(), NOTICE_WINDOW_DAYS));
    Case {
        id: 7,
        number: "20261120-0007".into(),
        item_code: item.code.clone(),
        item_name: item.name.clone(),
        resident_id: r.id,
        resident_name: r.name.clone(),
        resident_id_number: r.id_number.clone(),
        operator: "wangfang".into(),
        channel: Channel::Window,
        state,
        before_suspension: None,
        received_at: received,
        accepted_at: accepted,
        due,
        notice_deadline,
        suspended_days: 0,
        suspended_at: None,
        completed_at: None,
        rating: None,
        follow_up_due: None,
        follow_up_done: false,
        promised_by: None,
        version: 1,
    }
}

/// Accepted with the photos waived until 25 November; the optional 低保证 not brought.
fn accepted_materials(item: &ServiceItem) -> Vec<CaseMaterial> {
    checklist(item, |name| match name {
        "近期二寸免冠照片" => MaterialStatus::Waived(day("2026-11-25")),
        "低保证" => MaterialStatus::Missing,
        _ => MaterialStatus::Presented,
    })
}

/// The 户口簿 is missing (required); the optional 低保证 too (not to be asked for).
fn notice_materials(item: &ServiceItem) -> Vec<CaseMaterial> {
    checklist(item, |name| match name {
        "户口簿" | "低保证" => MaterialStatus::Missing,
        _ => MaterialStatus::Presented,
    })
}

fn data<'a>(
    case: &'a Case,
    item: &'a ServiceItem,
    resident: &'a Resident,
    materials: &'a [CaseMaterial],
) -> ReceiptData<'a> {
    ReceiptData {
        centre: "幸福里社区党群服务中心",
        case,
        item,
        resident,
        materials,
        clerk: "王芳",
        window: Some(3),
        first_printed: None,
        printed_at: at("2026-11-20 09:52"),
        phone: "025-52381234",
        provisional: &[],
    }
}

fn render_acceptance(lang: Lang, paper: Paper) -> String {
    let item = item();
    let r = resident();
    let c = case(&item, &r, CaseState::Accepted);
    let m = accepted_materials(&item);
    receipt::acceptance(lang, paper, &data(&c, &item, &r, &m))
}

fn render_notice(lang: Lang, paper: Paper) -> String {
    let item = item();
    let r = resident();
    let c = case(&item, &r, CaseState::AwaitingMaterials);
    let m = notice_materials(&item);
    receipt::notice(lang, paper, &data(&c, &item, &r, &m))
}

/// Every line fits, nothing trails, the text ends with a newline and is plain.
fn assert_laid_out(text: &str, width: usize) {
    assert!(text.ends_with('\n'), "no final newline:\n{text}");
    for line in text.lines() {
        assert!(display_width(line) <= width, "{} cells > {width}: {line:?}\n{text}", display_width(line));
        assert_eq!(line, line.trim_end(), "trailing space: {line:?}");
        assert!(!line.chars().any(|c| c.is_control()), "control character in {line:?}");
        assert!(!line.contains('\u{2060}') && !line.contains('\u{a0}'), "layout marker left in {line:?}");
    }
}

/// Lines between the line starting with `heading` and the next rule.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    text.lines().skip_while(|l| !l.starts_with(heading)).skip(1).take_while(|l| !l.starts_with("---")).collect()
}

#[test]
fn acceptance_zh_48() {
    insta::assert_snapshot!(render_acceptance(Lang::Zh, Paper::Receipt48));
}

#[test]
fn acceptance_zh_a4() {
    insta::assert_snapshot!(render_acceptance(Lang::Zh, Paper::A4));
}

#[test]
fn notice_zh_48() {
    insta::assert_snapshot!(render_notice(Lang::Zh, Paper::Receipt48));
}

#[test]
fn notice_en_a4() {
    insta::assert_snapshot!(render_notice(Lang::En, Paper::A4));
}

#[test]
fn every_line_fits_its_paper() {
    for lang in [Lang::Zh, Lang::En] {
        for (paper, width) in [(Paper::Receipt48, 48), (Paper::A4, 80)] {
            assert_eq!(paper.width(), width);
            assert_laid_out(&render_acceptance(lang, paper), width);
            assert_laid_out(&render_notice(lang, paper), width);
        }
    }
}

#[test]
fn only_the_masked_id_and_phone_appear() {
    let masked = mask_id(ID);
    assert_eq!(masked, "3201**********0043");
    for lang in [Lang::Zh, Lang::En] {
        for paper in [Paper::Receipt48, Paper::A4] {
            for text in [render_acceptance(lang, paper), render_notice(lang, paper)] {
                assert!(!text.contains(ID), "full ID printed:\n{text}");
                assert!(!text.contains("19451123"), "birth date printed:\n{text}");
                assert!(text.contains(&masked), "masked ID missing:\n{text}");
                assert!(!text.contains("13812345678"), "full phone printed");
                assert!(text.contains("138****5678"), "masked phone missing");
                assert!(text.contains("张秀英"));
            }
        }
    }
}

#[test]
fn the_notice_lists_exactly_the_missing_required_materials() {
    let item = item();
    for lang in [Lang::Zh, Lang::En] {
        for paper in [Paper::Receipt48, Paper::A4] {
            let text = render_notice(lang, paper);
            let heading = match lang {
                Lang::Zh => "需补齐的材料",
                Lang::En => "STILL REQUIRED",
            };
            let missing = section(&text, heading);
            let listed: Vec<&str> = item
                .materials
                .iter()
                .map(|m| m.name.as_str())
                .filter(|n| missing.iter().any(|l| l.contains(n)))
                .collect();
            assert_eq!(listed, ["户口簿"], "{text}");
            assert!(missing.iter().any(|l| l.starts_with("1. 户口簿")), "{missing:?}");
            // The optional 低保证 is not asked for anywhere.
            assert!(!text.contains("低保证"), "{text}");
            let received = match lang {
                Lang::Zh => "已收取的材料",
                Lang::En => "ALREADY RECEIVED",
            };
            let got = section(&text, received).join("\n");
            for name in ["高龄津贴申请审批表", "居民身份证", "本人银行卡", "近期二寸免冠照片"]
            {
                assert!(got.contains(name), "{name} not shown as received:\n{text}");
            }
            assert!(!got.contains("户口簿"), "{text}");
        }
    }
    let zh = render_notice(Lang::Zh, Paper::A4);
    assert!(zh.contains("第三十二条"), "{zh}");
    assert!(zh.contains("请于 2026年11月27日 前补齐"), "{zh}");
    assert!(zh.contains("自受理之日起计算"), "{zh}");
    let en = render_notice(Lang::En, Paper::A4);
    assert!(en.contains("Article 32"), "{en}");
    assert!(en.contains("by 27 Nov 2026"), "{en}");
}

#[test]
fn the_acceptance_receipt_marks_waived_materials_and_the_due_date() {
    let text = render_acceptance(Lang::Zh, Paper::Receipt48);
    assert!(text.contains("容缺受理，承诺于 2026年11月25日 前补交"), "{text}");
    assert!(text.contains("原件及复印件 2 份"), "{text}");
    assert!(text.contains("办理时限：22 个工作日"), "{text}");
    assert!(text.contains("预计办结：2026年12月"), "{text}");
    assert!(text.contains("20261120-0007"), "{text}");
    assert!(text.contains("申请人签字："), "{text}");
    // The optional material that was not brought is not listed as received.
    assert!(!text.contains("低保证"), "{text}");
    let en = render_acceptance(Lang::En, Paper::Receipt48);
    assert!(en.contains("Accepted on promise: bring by 25 Nov 2026"), "{en}");
    assert!(en.contains("Old-age allowance"), "{en}");
    assert!(en.contains("22 working days"), "{en}");
}

#[test]
fn long_names_wrap_instead_of_being_cut() {
    let mut item = item();
    item.name = "困难残疾人生活补贴和重度残疾人护理补贴申请（含两项补贴同时申领、变更及续领的情形）".into();
    item.name_en = "Living allowance for disabled people in hardship and nursing allowance for \
                    people with severe disabilities, including both at once, changes and renewals"
        .into();
    let long = "最低生活保障证、特困人员供养证或残疾人证（二选一，含电子证照打印件及街道出具的证明）";
    item.materials[1].name = long.into();
    let r = Resident { name: "欧阳\u{1b}[31m娜娜\u{1b}[0m".into(), ..resident() };
    for state in [CaseState::Accepted, CaseState::AwaitingMaterials] {
        let mut c = case(&item, &r, state);
        c.channel = Channel::OnBehalf;
        let m = checklist(&item, |name| {
            if name == long && state == CaseState::AwaitingMaterials {
                MaterialStatus::Missing
            } else {
                MaterialStatus::Presented
            }
        });
        for lang in [Lang::Zh, Lang::En] {
            for (paper, width) in [(Paper::Receipt48, 48), (Paper::A4, 80)] {
                let d = data(&c, &item, &r, &m);
                let text = match state {
                    CaseState::Accepted => receipt::acceptance(lang, paper, &d),
                    _ => receipt::notice(lang, paper, &d),
                };
                assert_laid_out(&text, width);
                assert!(!text.contains('\u{1b}'), "escape sequence printed");
                assert!(text.contains("欧阳娜娜"), "{text}");
                let joined: String = text.split_whitespace().collect();
                assert!(joined.contains(long), "material name cut:\n{text}");
                let name = match lang {
                    Lang::Zh => item.name.clone(),
                    Lang::En => item.name_en.split_whitespace().collect(),
                };
                assert!(joined.contains(&name), "item name cut:\n{text}");
            }
        }
    }
}

#[test]
fn to_file_writes_the_receipt() {
    let text = render_acceptance(Lang::Zh, Paper::Receipt48);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("receipts").join("2026-11");
    let path = yichuang::export::receipt::to_file(&text, &dir, "20261120-0007", "acceptance").unwrap();
    assert_eq!(path, dir.join("20261120-0007-acceptance.txt"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // A path separator in the number cannot leave the directory.
    let odd = yichuang::export::receipt::to_file(&text, &dir, "../x", "notice").unwrap();
    assert_eq!(odd.parent(), Some(dir.as_path()));
}

#[test]
fn print_pipes_the_text_to_the_command() {
    let text = render_notice(Lang::Zh, Paper::Receipt48);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("printed.txt");
    let print = |cmd: &str| {
        let never = std::sync::atomic::AtomicBool::new(false);
        yichuang::runtime::jobs::print(&text, cmd, std::time::Duration::from_secs(20), &never)
    };
    use yichuang::runtime::jobs::PrintError;
    print(&format!("cat > '{}'", out.display())).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);

    assert!(matches!(print("false"), Err(PrintError::Failed(_))));
    let err = print("echo 'lp: printer receipt is offline' >&2; exit 3").unwrap_err();
    assert!(matches!(&err, PrintError::Failed(m) if m.contains("printer receipt is offline")), "{err:?}");
}

#[test]
fn the_notice_never_lists_a_rongque_material_as_received() {
    // 户口簿 missing, the photos accepted on a promise, the rest presented.
    let item = item();
    let r = resident();
    let c = case(&item, &r, CaseState::AwaitingMaterials);
    let m = checklist(&item, |name| match name {
        "户口簿" | "低保证" => MaterialStatus::Missing,
        "近期二寸免冠照片" => MaterialStatus::Waived(day("2026-11-25")),
        _ => MaterialStatus::Presented,
    });
    for (lang, received, promised, by) in [
        (Lang::Zh, "已收取的材料", "容缺受理、尚未收取的材料", "容缺受理，承诺于 2026年11月25日 前补交"),
        (Lang::En, "ALREADY RECEIVED", "ACCEPTED ON PROMISE", "Accepted on promise: bring by 25 Nov 2026"),
    ] {
        for paper in [Paper::Receipt48, Paper::A4] {
            for text in [receipt::notice(lang, paper, &data(&c, &item, &r, &m)), {
                let accepted = case(&item, &r, CaseState::Accepted);
                receipt::acceptance(lang, paper, &data(&accepted, &item, &r, &m))
            }] {
                assert_laid_out(&text, paper.width());
                let got = section(&text, received).join("\n");
                assert!(got.contains("居民身份证"), "{text}");
                assert!(!got.contains("近期二寸免冠照片"), "a promised material listed as received:\n{text}");
                let owed = section(&text, promised).join("\n");
                assert!(owed.contains("近期二寸免冠照片"), "{text}");
                assert!(text.split_whitespace().collect::<String>().contains(&by.replace(' ', "")), "{text}");
            }
        }
    }
}
