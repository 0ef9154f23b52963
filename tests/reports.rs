//! Daily and monthly reports over a small working day built by hand at fixed times, with
//! every figure worked out on paper; and `yichuang report` run as a process.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
mod common;

use std::process::Output;
use yichuang::domain::case::{CaseMaterial, Channel, MaterialStatus, Transition};
use yichuang::domain::mediation::{DisputeType, MediationStep, Party, PartyRole, Source};
use yichuang::domain::member::MemberDraft;
use yichuang::domain::operator::Role;
use yichuang::domain::report::QueueLine;
use yichuang::domain::resident::ResidentDraft;
use yichuang::storage::{Clock, Db, IntakeRequest, Registered, Viewer};

fn at(db: &mut Db, s: &str) {
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339(&format!("{s}+08:00")).unwrap()));
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// Takes a ticket at `issued`.
fn take(db: &mut Db, cat: &str, issued: &str) {
    at(db, issued);
    db.take_ticket("kiosk", cat, None, None).unwrap();
}

fn accept(db: &mut Db, clerk: &str, when: &str, rid: i64, code: &str) -> yichuang::domain::case::Case {
    at(db, when);
    let item = db.service_items().unwrap().into_iter().find(|i| i.code == code).unwrap();
    let materials = item
        .materials
        .iter()
        .map(|m| {
            CaseMaterial::at_intake(m, if m.required { MaterialStatus::Presented } else { MaterialStatus::Missing })
        })
        .collect();
    let req = IntakeRequest { item_code: code.into(), resident_id: rid, channel: Channel::Window, materials };
    db.intake(clerk, &req).unwrap()
}

fn complete(db: &mut Db, clerk: &str, when: &str, c: yichuang::domain::case::Case, stars: u8) {
    at(db, when);
    let c = db.transition(clerk, c.id, c.version, Transition::Start, "").unwrap();
    let c = db.transition(clerk, c.id, c.version, Transition::Complete, "").unwrap();
    db.rate(clerk, c.id, c.version, stars).unwrap();
}

/// A Friday, 2026-11-20, at a hall of two windows, plus a ticket the day before.
///
/// Tickets (wait = issue → call, service = serve → finish, minutes):
/// A001 wang 10 / 10, A002 wang 20 / 15, A003 wang 40 then no-show, A004 never called,
/// B001 li 35 / 20.
fn fixture() -> (tempfile::TempDir, Db, NaiveDate) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) =
        yichuang::setup::open_or_init(&dir.path().join("desk.sqlite3"), &yichuang::setup::os_login().unwrap()).unwrap();
    db.add_operator("root", "wang", "王芳", Role::Clerk, None).unwrap();
    db.add_operator("root", "li", "李强", Role::Clerk, None).unwrap();
    db.add_operator("root", "boss", "陈主任", Role::Supervisor, None).unwrap();
    db.add_operator("root", "zhang", "张敏", Role::Mediator, None).unwrap();
    db.set_window("root", 1, "一号窗口", &["SB".into()]).unwrap();
    db.set_window("root", 2, "二号窗口", &["YB".into()]).unwrap();

    // The day before: one walk-in nobody served (expires overnight).
    take(&mut db, "SB", "2026-11-19T16:00:00");

    at(&mut db, "2026-11-20T08:00:00");
    db.sign_in("wang", 1).unwrap();
    db.sign_in("li", 2).unwrap();
    take(&mut db, "SB", "2026-11-20T08:30:00");
    take(&mut db, "SB", "2026-11-20T08:35:00");
    take(&mut db, "SB", "2026-11-20T08:40:00");
    take(&mut db, "SB", "2026-11-20T08:45:00");
    take(&mut db, "YB", "2026-11-20T08:30:00");
    let serve = |db: &mut Db, clerk: &str, called: &str, service: Option<(&str, &str)>| {
        at(db, called);
        let (t, _) = db.call_next(clerk).unwrap();
        match service {
            Some((start, end)) => {
                at(db, start);
                let t = db.start_serving(clerk, t.id, t.version).unwrap();
                at(db, end);
                db.finish(clerk, t.id, t.version, yichuang::domain::queue::Outcome::Consultation).unwrap();
            }
            None => {
                db.no_show(clerk, t.id, t.version).unwrap();
            }
        }
    };
    serve(&mut db, "wang", "2026-11-20T08:40:00", Some(("2026-11-20T08:41:00", "2026-11-20T08:51:00")));
    serve(&mut db, "wang", "2026-11-20T08:55:00", Some(("2026-11-20T08:55:00", "2026-11-20T09:10:00")));
    serve(&mut db, "li", "2026-11-20T09:05:00", Some(("2026-11-20T09:05:00", "2026-11-20T09:25:00")));
    serve(&mut db, "wang", "2026-11-20T09:20:00", None);

    // Cases, all of one five-working-day item.
    let r = ResidentDraft { name: "张秀英".into(), id_number: "320124194511230043".into(), ..Default::default() };
    let Registered::New(r) = db.register_resident("root", &r.validate(d("2026-11-01")).unwrap()).unwrap() else {
        panic!("new resident")
    };
    let code = {
        use yichuang::domain::catalog::LimitUnit;
        let items = db.service_items().unwrap();
        let i = items.iter().find(|i| i.time_limit.unit == LimitUnit::WorkingDays && i.time_limit.n == 5).unwrap();
        i.code.clone()
    };
    // wang: one left open past due, one done the same day (5 stars).
    let open_late = accept(&mut db, "wang", "2026-11-10T10:00:00", r.id, &code);
    assert!(open_late.due.unwrap() < d("2026-11-20"), "{:?}", open_late.due);
    let quick = accept(&mut db, "wang", "2026-11-20T09:00:00", r.id, &code);
    complete(&mut db, "wang", "2026-11-20T10:00:00", quick, 5);
    // li: one done late today (2 stars), one taken in today and not due yet.
    let late = accept(&mut db, "li", "2026-11-12T10:00:00", r.id, &code);
    assert!(late.due.unwrap() < d("2026-11-20"), "{:?}", late.due);
    complete(&mut db, "li", "2026-11-20T11:00:00", late, 2);
    accept(&mut db, "li", "2026-11-20T11:30:00", r.id, &code);

    // Mediation: two cases opened today (one agreed), one booking of 1.5 h, one cancelled.
    at(&mut db, "2026-11-20T08:00:00");
    let zhang = Viewer { login: "zhang".into(), supervisor: false, mediator: true };
    let parties = vec![
        Party { name: "王建国".into(), role: PartyRole::Applicant, contact: String::new() },
        Party { name: "李淑珍".into(), role: PartyRole::Respondent, contact: String::new() },
    ];
    let c = db.open_mediation(&zhang, DisputeType::Neighbours, Source::Application, "漏水", &parties).unwrap();
    let c = db.mediation_step(&zhang, c.id, c.version, MediationStep::Start, "").unwrap();
    db.mediation_step(&zhang, c.id, c.version, MediationStep::Agree, "修好水管").unwrap();
    db.open_mediation(&zhang, DisputeType::Family, Source::Application, "赡养", &parties).unwrap();
    let t = |h: u32| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let room = db.add_room("root", "和为贵调解室", 8, t(8), t(18)).unwrap();
    db.book_room(&zhang, room, local("2026-11-20T09:00"), local("2026-11-20T10:30"), None, "").unwrap();
    let b = db.book_room(&zhang, room, local("2026-11-20T14:00"), local("2026-11-20T15:00"), None, "").unwrap();
    db.cancel_booking(&zhang, b.id, b.version, "改期").unwrap();

    // Members: 区税务局 2 h at 2 points (a declined 3 h does not count), 区人民医院 1.5 h at 1.
    at(&mut db, "2026-11-20T17:00:00");
    let mut member = |name: &str, id: &str, phone: &str, unit: &str| {
        let m = MemberDraft {
            name: name.into(),
            id_number: id.into(),
            phone: phone.into(),
            unit: unit.into(),
            ..Default::default()
        };
        db.register_member("root", &m.validate(d("2026-11-20")).unwrap()).unwrap().id
    };
    let wjg = member("王建国", "320124198808240056", "13812345678", "区税务局");
    let zm = member("周明", "320104198512120017", "18651230001", "区人民医院");
    db.manual_hours("root", wjg, d("2026-11-20"), 4, 2, "整理档案").unwrap();
    let bad = db.manual_hours("root", wjg, d("2026-11-20"), 6, 1, "重复登记").unwrap();
    db.decline_record("root", bad.id, "重复").unwrap();
    db.manual_hours("root", zm, d("2026-11-20"), 3, 1, "义诊").unwrap();
    (dir, db, d("2026-11-20"))
}

fn line<'a>(lines: &'a [QueueLine], key: &str) -> &'a QueueLine {
    lines.iter().find(|l| l.key == key).unwrap_or_else(|| panic!("no line {key} in {lines:?}"))
}

#[test]
fn a_day_by_window_clerk_and_category() {
    let (_d, db, day) = fixture();
    assert_eq!(db.wait_target_minutes().unwrap(), 30);
    let r = db.report(day, day, 30).unwrap();
    let q = &r.queue;
    // Waits 10, 20, 35, 40: nearest rank puts the median at the 2nd, the 90th percentile at the 4th.
    let t = &q.total;
    assert_eq!((t.issued, t.served, t.no_show), (5, 3, 1));
    assert_eq!((t.wait_median, t.wait_p90), (Some(20.0), Some(40.0)));
    assert_eq!((t.service_median, t.service_p90), (Some(15.0), Some(20.0)));
    assert_eq!(t.over_target, Some(0.5));
    let w1 = line(&q.by_window, "1");
    assert_eq!((w1.name.as_str(), w1.issued, w1.served, w1.no_show), ("一号窗口", 3, 2, 1));
    assert_eq!((w1.wait_median, w1.wait_p90), (Some(20.0), Some(40.0)));
    assert_eq!((w1.service_median, w1.service_p90), (Some(10.0), Some(15.0)));
    assert_eq!(w1.over_target, Some(1.0 / 3.0));
    let li = line(&q.by_clerk, "li");
    assert_eq!(
        (li.name.as_str(), li.issued, li.served, li.wait_median, li.over_target),
        ("李强", 1, 1, Some(35.0), Some(1.0))
    );
    assert_eq!(line(&q.by_clerk, "wang").no_show, 1);
    let sb = line(&q.by_category, "SB");
    assert_eq!((sb.name.as_str(), sb.issued, sb.served, sb.no_show), ("社保", 4, 2, 1), "A004 never called");
    assert_eq!(line(&q.by_category, "YB").service_median, Some(20.0));

    let c = &r.cases;
    let wang = c.by_clerk.iter().find(|l| l.key == "wang").unwrap();
    assert_eq!((wang.accepted, wang.completed, wang.on_time, wang.overdue), (1, 1, 1, 1));
    assert_eq!((wang.on_time_rate, wang.ratings, wang.rating_avg), (Some(1.0), 1, Some(5.0)));
    let li = c.by_clerk.iter().find(|l| l.key == "li").unwrap();
    assert_eq!((li.accepted, li.completed, li.on_time, li.overdue), (1, 1, 0, 1));
    assert_eq!((li.on_time_rate, li.rating_avg), (Some(0.0), Some(2.0)));
    assert_eq!(c.by_item.len(), 1);
    let item = &c.by_item[0];
    assert_eq!((item.accepted, item.completed, item.overdue, item.on_time_rate), (2, 2, 2, Some(0.5)));
    assert_eq!((item.ratings, item.rating_avg), (2, Some(3.5)));

    let rooms = &r.rooms;
    let count = |v: &[yichuang::domain::report::Count], k: &str| v.iter().find(|c| c.key == k).map(|c| c.count);
    assert_eq!((count(&rooms.by_dispute, "neighbours"), count(&rooms.by_dispute, "family")), (Some(1), Some(1)));
    assert_eq!((count(&rooms.by_state, "agreed"), count(&rooms.by_state, "accepted")), (Some(1), Some(1)));
    assert_eq!((rooms.bookings, rooms.booked_hours), (1, 1.5));

    let units: Vec<(&str, u32, f64, f64)> =
        r.members.iter().map(|u| (u.unit.as_str(), u.records, u.hours, u.points)).collect();
    assert_eq!(units, [("区人民医院", 1, 1.5, 1.5), ("区税务局", 1, 2.0, 4.0)]);
}

#[test]
fn the_month_includes_the_day_before_and_the_earlier_intakes() {
    let (_d, db, day) = fixture();
    let (from, to) = yichuang::domain::report::span(true, day);
    let r = db.report(from, to, 15).unwrap();
    assert_eq!((r.from, r.to), (d("2026-11-01"), d("2026-11-30")));
    assert_eq!(r.queue.total.issued, 6);
    assert_eq!(r.queue.total.over_target, Some(0.75), "20, 35 and 40 exceed 15 minutes");
    let item = &r.cases.by_item[0];
    assert_eq!((item.accepted, item.completed), (4, 2));
    // By 30 November the case taken in on the 20th (due the 27th) is past due too, with the
    // one open since the 10th and the one completed late.
    assert_eq!(item.overdue, 3);
}

#[test]
fn an_empty_day_is_a_valid_report_in_every_format() {
    let (_d, db, _) = fixture();
    let day = d("2026-12-25");
    let r = db.report(day, day, 30).unwrap();
    assert_eq!(r.queue.total.issued, 0);
    assert_eq!(r.queue.total.wait_median, None);
    assert!(r.queue.by_window.is_empty() && r.members.is_empty() && r.rooms.by_dispute.is_empty());
    let lang = yichuang::domain::lang::Lang::Zh;
    let v: serde_json::Value = serde_json::from_str(&yichuang::export::report::json(&r)).unwrap();
    for key in ["from", "to", "queue", "cases", "rooms", "members"] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert!(yichuang::export::report::csv(lang, &r).starts_with("\u{feff}板块,"));
    assert!(yichuang::export::report::xlsx(lang, &r).unwrap().starts_with(b"PK"));
}

#[test]
fn csv_and_xlsx_carry_the_figures_with_chinese_headers() {
    let (_d, db, day) = fixture();
    let r = db.report(day, day, 30).unwrap();
    let lang = yichuang::domain::lang::Lang::Zh;
    let csv = yichuang::export::report::csv(lang, &r);
    assert!(csv.contains("等候中位数(分)") && csv.contains("超30分钟占比"), "{csv}");
    assert!(csv.contains("排队叫号,窗口,1,一号窗口,3,2,1,20,40,10,15,0.33\r\n"), "{csv}");
    assert!(csv.contains("党员服务,区税务局,1,2,4\r\n"), "{csv}");
    let en = yichuang::export::report::csv(yichuang::domain::lang::Lang::En, &r);
    assert!(en.contains("wait median (min)"), "{en}");
    let book = yichuang::export::report::xlsx(lang, &r).unwrap();
    assert!(book.starts_with(b"PK"));
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(book)).unwrap();
    assert_eq!(book.sheet_names(), ["排队叫号", "办件", "调解室", "党员服务", "诉求"]);
    let queue = book.worksheet_range("排队叫号").unwrap();
    // The title block names the centre (the default, none being set), the report and the day.
    assert_eq!(queue.get_value((0, 0)), Some(&Data::String("社区党群服务中心 · 2026-11-20 工作日报".into())));
    let period = queue.get_value((1, 0)).unwrap().to_string();
    assert!(
        period.contains("统计时段：2026-11-20 至 2026-11-20") && period.contains("制表日期：2026-11-20"),
        "{period}"
    );
    assert_eq!(queue.get_value((3, 6)), Some(&Data::String("等候中位数(分)".into())));
    // Below the header, the whole hall: 5 tickets, wait median 20, half over target.
    assert_eq!(queue.get_value((4, 3)), Some(&Data::Float(5.0)));
    assert_eq!(queue.get_value((4, 6)), Some(&Data::Float(20.0)));
    assert_eq!(queue.get_value((4, 10)), Some(&Data::Float(0.5)));
    let members = book.worksheet_range("党员服务").unwrap();
    assert_eq!(members.get_value((5, 0)), Some(&Data::String("区税务局".into())));
    assert_eq!(members.get_value((5, 3)), Some(&Data::Float(4.0)));
    assert_eq!(members.get_value((6, 0)), Some(&Data::String("合计".into())));
    assert_eq!(members.get_value((6, 2)), Some(&Data::Float(3.5)), "1.5 + 2 hours");
}

fn run(dir: &std::path::Path, user: &str, args: &[&str]) -> Output {
    common::yichuang(dir).args(["--as", user]).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_command_is_for_supervisors_and_says_what_went_wrong() {
    let (dir, db, _) = fixture();
    drop(db);
    let dir = dir.path();
    let o = run(dir, "boss", &["report", "daily", "--date", "2026-11-20", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["queue"]["total"]["issued"], 5);
    assert_eq!(v["from"], "2026-11-20");
    let o = run(dir, "boss", &["report", "monthly", "--date", "2026-11-20", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((v["from"].as_str(), v["to"].as_str()), (Some("2026-11-01"), Some("2026-11-30")));

    let clerk = run(dir, "wang", &["report", "daily"]);
    assert_eq!(clerk.status.code(), Some(yichuang::cli::DENIED));
    assert!(stderr(&clerk).contains("wang") && clerk.stdout.is_empty(), "{}", stderr(&clerk));
    let bad = run(dir, "boss", &["report", "daily", "--date", "2026-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("2026-02-30"), "{}", stderr(&bad));
    // Without --out a workbook goes to standard output when that is a pipe or a file (over
    // SSH: `ssh … report daily --format xlsx > day.xlsx`); onto a terminal it is refused.
    let piped = run(dir, "boss", &["report", "daily", "--format", "xlsx"]);
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    assert!(piped.stdout.starts_with(b"PK"), "a workbook on stdout");
    let target = dir.join("missing-dir").join("日报.xlsx");
    let t = target.to_str().unwrap();
    let unwritable = run(dir, "boss", &["report", "daily", "--format", "xlsx", "--out", t]);
    assert_eq!(unwritable.status.code(), Some(1));
    assert!(stderr(&unwritable).contains(t) && stderr(&unwritable).trim().lines().count() == 1);

    let ok = dir.join("月报.xlsx");
    let o = run(
        dir,
        "boss",
        &["report", "monthly", "--date", "2026-11-20", "--format", "xlsx", "--out", ok.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read(&ok).unwrap().starts_with(b"PK"));
    let csv = run(dir, "boss", &["report", "daily", "--date", "2026-11-20"]);
    assert!(String::from_utf8(csv.stdout).unwrap().starts_with("\u{feff}板块,"));
}

/// A work unit typed at the member desk as a spreadsheet formula reaches the monthly CSV as
/// text: the supervisor opens that file in Excel, which would otherwise run it.
#[test]
fn a_formula_typed_as_a_work_unit_stays_text_in_the_csv() {
    let (dir, mut db, day) = fixture();
    let unit = r#"=HYPERLINK("http://x.example","点我")"#;
    let body = "32010219900101002";
    let id_number = format!("{body}{}", yichuang::domain::resident::check_char(body).unwrap());
    let m = MemberDraft {
        name: "钱进".into(),
        id_number,
        phone: "13900001111".into(),
        unit: unit.into(),
        ..Default::default()
    };
    let id = db.register_member("root", &m.validate(day).unwrap()).unwrap().id;
    db.manual_hours("root", id, day, 2, 1, "值守").unwrap();
    drop(db);
    let o = run(dir.path(), "boss", &["report", "monthly", "--date", "2026-11-20", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("'=HYPERLINK("), "the formula is not neutralised:\n{text}");
    // Still one cell, quoted by the csv writer because of its commas and quotes.
    assert!(text.contains(r#""'=HYPERLINK(""http://x.example"",""点我"")""#), "{text}");
}

/// Marking a member 已迁出 keeps the hours they served: the monthly report and the quarter's
/// feedback count the same records, by one rule; a member who moved away without hours in the
/// quarter is left out of its feedback.
#[test]
fn a_moved_away_members_q4_hours_stay_in_the_monthly_report_and_the_q4_feedback() {
    use yichuang::domain::member::MemberStatus;
    let (_d, mut db, day) = fixture();
    let zhou = db.members(2026).unwrap().into_iter().find(|m| m.member.name == "周明").unwrap().member.id;
    let body = "32010619800303003";
    let m = MemberDraft {
        name: "吴刚".into(),
        id_number: format!("{body}{}", yichuang::domain::resident::check_char(body).unwrap()),
        phone: "13700001111".into(),
        unit: "区人民医院".into(),
        ..Default::default()
    };
    let idle = db.register_member("root", &m.validate(d("2026-11-20")).unwrap()).unwrap().id;
    for id in [zhou, idle] {
        db.update_member("root", id, None, Some(MemberStatus::MovedAway)).unwrap();
    }
    let (from, to) = yichuang::domain::report::span(true, day);
    let r = db.report(from, to, 30).unwrap();
    let units: Vec<(&str, u32, f64)> = r.members.iter().map(|u| (u.unit.as_str(), u.records, u.hours)).collect();
    assert_eq!(units, [("区人民医院", 1, 1.5), ("区税务局", 1, 2.0)]);
    let fb = db.feedback(2026, 4).unwrap();
    let hospital =
        fb.iter().find(|u| u.unit == "区人民医院").expect("the moved-away member's unit is in the Q4 feedback");
    let names: Vec<&str> = hospital.members.iter().map(|(m, _)| m.name.as_str()).collect();
    assert_eq!(names, ["周明"], "周明 served in Q4; 吴刚 moved away without service");
    let hours: u32 = hospital.members[0].1.iter().map(|s| s.half_hours).sum();
    assert_eq!(hours, 3, "1.5 h, as in the monthly report");
    assert_eq!(hospital.year_to_date(zhou), 3);
    assert_eq!(hospital.as_of(), Some(d("2026-11-20")), "Q4 is still running on 20 November");
}

/// The quarter's 反馈单 as a workbook: issue date and "截至" while the quarter runs, the
/// centre's phone, each member's subtotal with the year to date against the target, the 合计
/// row, the seal and signature block, and real date cells.
#[test]
fn the_feedback_workbook_carries_as_of_contact_year_to_date_subtotals_seal_and_date_cells() {
    use calamine::{Data, Reader, Xlsx};
    let (_d, mut db, _) = fixture();
    db.set_setting("root", "centre_phone", "025-52381234").unwrap();
    let fb = db.feedback(2026, 4).unwrap();
    let tax = fb.iter().find(|u| u.unit == "区税务局").unwrap();
    let bytes = yichuang::export::feedback::xlsx(yichuang::domain::lang::Lang::Zh, tax, "幸福里社区").unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("2026Q4").unwrap();
    let cells: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let text = |r: usize| cells[r].join("|");
    assert_eq!(text(0).trim_end_matches('|'), "在职党员社区服务反馈单");
    let head: String = (1..6).map(text).collect::<Vec<_>>().join("\n");
    for part in
        ["报送单位：区税务局", "截至 2026-11-20", "联系电话：025-52381234", "制表日期：2026-11-20", "合计：党员 1 名"]
    {
        assert!(head.contains(part), "{part} in\n{head}");
    }
    let header = cells.iter().position(|r| r[0] == "姓名").unwrap();
    assert_eq!(cells[header][9], "本年累计（小时）");
    // 王建国's one counted record: a date cell, 2 hours as a number.
    let (start, _) = sheet.start().unwrap();
    let at = |r: usize, c: u32| sheet.get_value((start + r as u32, c)).cloned();
    assert_eq!(at(header + 1, 0), Some(Data::String("王建国".into())));
    let Some(Data::DateTime(day)) = at(header + 1, 4) else { panic!("the service date is a date cell") };
    // Spreadsheet dates count days from 1899-12-30.
    assert_eq!(day.as_f64(), (d("2026-11-20") - d("1899-12-30")).num_days() as f64);
    assert!(matches!(at(header + 1, 3), Some(Data::DateTime(_))), "so is the report date");
    assert_eq!(at(header + 1, 7), Some(Data::Float(2.0)));
    assert_eq!(at(header + 2, 0), Some(Data::String("小计".into())));
    assert_eq!(
        (at(header + 2, 7), at(header + 2, 9), at(header + 2, 10)),
        (Some(Data::Float(2.0)), Some(Data::Float(2.0)), Some(Data::Float(50.0)))
    );
    assert_eq!(at(header + 3, 0), Some(Data::String("合计".into())));
    assert_eq!(at(header + 3, 8), Some(Data::Float(4.0)));
    let rest = cells[header + 4..].iter().map(|r| r.join("|")).collect::<Vec<_>>().join("\n");
    for part in ["社区党组织（盖章）", "经办人（签字）", "单位党组织签收（盖章）", "日期："]
    {
        assert!(rest.contains(part), "{part} in\n{rest}");
    }
}

/// Every export of the desk's figures and members' data leaves an audit row saying who, what,
/// how many rows and where to: `report` and `members feedback` from the shell, and the report
/// and feedback files written from the screens.
#[test]
fn each_export_leaves_an_audit_row() {
    use yichuang::app::Effect;
    use yichuang::domain::lang::Lang;
    let (dir, db, day) = fixture();
    drop(db);
    let path = dir.path();
    let book = path.join("月报.xlsx");
    let o = run(
        path,
        "boss",
        &["report", "monthly", "--date", "2026-11-20", "--format", "xlsx", "--out", book.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let folder = path.join("反馈单");
    let o = run(
        path,
        "boss",
        &["members", "feedback", "--quarter", "2026Q4", "--format", "xlsx", "--out", folder.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let db = Db::open(&path.join("desk.sqlite3")).unwrap();
    let mut d =
        common::desk::Desk::with(dir, db, "boss", "陈主任", Role::Supervisor, None, "2026-11-20T17:30:00+08:00");
    yichuang::runtime::worker::handle(&mut d.db, &d.ctx, Effect::WriteReport(true, day, Lang::Zh));
    yichuang::runtime::worker::handle(&mut d.db, &d.ctx, Effect::Feedback(2026, 4, Lang::Zh));
    assert!(d.ctx.receipts_dir.join("reports").join("月报-2026-11.xlsx").exists());

    let audited = |action: &str| {
        let f = yichuang::storage::AuditFilter { action: Some(action.into()), ..Default::default() };
        let mut rows = d.db.audit_search(&f, None, 10).unwrap();
        rows.reverse();
        rows.into_iter().map(|r| (r.operator, r.summary)).collect::<Vec<_>>()
    };
    let reports = audited("report.export");
    assert_eq!(reports.len(), 2, "the shell's and the screen's: {reports:?}");
    assert!(reports.iter().all(|(who, _)| who == "boss"), "{reports:?}");
    let rows = {
        let (from, to) = yichuang::domain::report::span(true, day);
        yichuang::export::report::row_count(&d.db.report(from, to, 30).unwrap())
    };
    assert!(
        reports[0].1.contains(&format!("2026-11-01..2026-11-30 xlsx, {rows} rows → {}", book.display())),
        "{reports:?}"
    );
    assert!(reports[1].1.contains("月报-2026-11.{xlsx,csv}"), "{reports:?}");
    // Two units: 王建国's one record and 周明's one.
    let feedback = audited("feedback.export");
    assert_eq!(feedback.len(), 2, "{feedback:?}");
    assert!(feedback[0].1.contains(&format!("2026Q4 xlsx, 2 rows → {}", folder.display())), "{feedback:?}");
    assert!(feedback[1].1.contains("2026Q4 txt+xlsx, 2 rows → ") && feedback[1].1.contains("2026Q4"), "{feedback:?}");
}
