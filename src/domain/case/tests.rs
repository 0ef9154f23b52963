//! Case rules: due dates, transitions, intake outcomes and 容缺 promises.

use super::*;
use crate::domain::calendar::CalendarFile;

fn cal() -> Calendar {
    let f = CalendarFile::parse("h", include_str!("../../../fixtures/holidays.toml")).unwrap();
    Calendar::new(f.days)
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const CLOSING: NaiveTime = NaiveTime::from_hms_opt(17, 30, 0).unwrap();

fn wd(n: u16) -> TimeLimit {
    TimeLimit { n, unit: LimitUnit::WorkingDays }
}

#[test]
fn reference_due_dates() {
    let c = cal();
    let r = due_date(&c, at("2025-09-30 10:00"), CLOSING, wd(5), 0);
    assert_eq!(r.due, d("2025-10-14"));
    assert!(r.notes.contains(&DayNote::Makeup(d("2025-10-11"), "国庆节、中秋节".into())));
    assert!(r.notes.contains(&DayNote::Holiday(d("2025-10-01"), "国庆节、中秋节".into())));
    let r = due_date(&c, at("2026-02-13 15:00"), CLOSING, wd(5), 0);
    assert_eq!(r.due, d("2026-02-27"));
    assert!(c.is_working_day(d("2026-02-14")), "the makeup Saturday counts");
    assert!(r.notes.contains(&DayNote::Makeup(d("2026-02-14"), "春节".into())));
}

#[test]
fn a_count_into_a_year_without_its_notice_skips_the_statutory_days_and_says_so() {
    let c = cal();
    assert!(!c.covers(2027) && c.is_provisional(2027));
    let r = due_date(&c, at("2026-12-20 10:00"), CLOSING, wd(30), 0);
    // 元旦 2027-01-01 is off by law: not the weekends-only 2027-01-29.
    assert_eq!(r.due, d("2027-02-01"));
    assert_eq!(r.provisional, vec![2027]);
    assert!(r.notes.contains(&DayNote::Holiday(d("2027-01-01"), "元旦".into())));
    // A count that stays inside imported years is not provisional.
    let inside = due_date(&c, at("2026-11-20 10:00"), CLOSING, wd(5), 0);
    assert!(!inside.is_provisional());
    // Importing the year makes it firm.
    let mut days = CalendarFile::parse("h", include_str!("../../../fixtures/holidays.toml")).unwrap().days;
    days.push(crate::domain::calendar::CalendarDay {
        date: d("2027-01-01"),
        kind: crate::domain::calendar::DayKind::Off,
        name: "元旦".into(),
    });
    let firm = due_date(&Calendar::new(days), at("2026-12-20 10:00"), CLOSING, wd(30), 0);
    assert_eq!((firm.due, firm.provisional), (d("2027-02-01"), vec![]));
}

#[test]
fn immediate_items_after_hours_or_on_days_off_fall_due_next_working_day() {
    let c = cal();
    let now = TimeLimit { n: 0, unit: LimitUnit::Immediate };
    assert_eq!(due_date(&c, at("2026-11-20 10:00"), CLOSING, now, 0).due, d("2026-11-20"));
    let late = due_date(&c, at("2026-11-20 17:45"), CLOSING, now, 0);
    assert_eq!(late.due, d("2026-11-23"));
    assert!(late.after_hours);
    assert_eq!(due_date(&c, at("2026-10-03 10:00"), CLOSING, now, 0).due, d("2026-10-08"));
}

#[test]
fn calendar_days_and_months_roll_off_holidays_and_suspension_extends() {
    let c = cal();
    let cd = TimeLimit { n: 15, unit: LimitUnit::CalendarDays };
    let r = due_date(&c, at("2026-09-16 09:00"), CLOSING, cd, 0);
    assert_eq!(r.rolled_from, Some(d("2026-10-01")));
    assert_eq!(r.due, d("2026-10-08"));
    let m = TimeLimit { n: 1, unit: LimitUnit::Months };
    // 31 Jan + 1 month = Sat 28 Feb, a makeup working day: due that day.
    assert_eq!(due_date(&c, at("2026-01-31 09:00"), CLOSING, m, 0).due, d("2026-02-28"));
    // 4 Mar + 1 month = Sat 4 Apr, 清明: due Tue 7 Apr.
    assert_eq!(due_date(&c, at("2026-03-04 09:00"), CLOSING, m, 0).due, d("2026-04-07"));
    let r = due_date(&c, at("2026-11-16 09:00"), CLOSING, wd(5), 3);
    assert_eq!(r.due, d("2026-11-26"), "5 + 3 suspended working days from Mon 16 Nov");
}

#[test]
fn working_day_arithmetic() {
    let c = cal();
    assert_eq!(c.working_days_between(d("2025-09-30"), d("2025-10-14")), 5);
    assert_eq!(c.working_days_between(d("2025-10-14"), d("2025-09-30")), -5);
    assert_eq!(c.add_working_days(d("2026-11-20"), 0), d("2026-11-20"));
    assert_eq!(c.next_working_day(d("2026-11-20")), d("2026-11-23"));
}

#[test]
fn urgency_levels() {
    let c = cal();
    assert_eq!(urgency(&c, d("2026-11-23"), d("2026-11-20")), Urgency::DueSoon, "Friday, due Monday");
    assert_eq!(urgency(&c, d("2026-11-20"), d("2026-11-20")), Urgency::DueSoon);
    assert_eq!(urgency(&c, d("2026-11-24"), d("2026-11-20")), Urgency::Normal);
    assert_eq!(urgency(&c, d("2026-11-19"), d("2026-11-20")), Urgency::Overdue);
}

#[test]
fn every_state_and_transition_pair() {
    use CaseState::*;
    use Transition::*;
    let legal = [
        (Accepted, Start, InProgress),
        (Accepted, Suspend, Suspended),
        (InProgress, Suspend, Suspended),
        (Suspended, Resume, InProgress),
        (AwaitingMaterials, Supply, Accepted),
        (Accepted, Complete, Completed),
        (InProgress, Complete, Completed),
        (Accepted, Return, Returned),
        (InProgress, Return, Returned),
        (Suspended, Return, Returned),
        (AwaitingMaterials, Reject, NotAccepted),
    ];
    for from in CaseState::ALL {
        for t in Transition::ALL {
            let expected = legal.iter().find(|(f, tr, _)| *f == from && *tr == t).map(|x| x.2);
            match (next_state(from, t, None), expected) {
                (Ok(to), Some(e)) => assert_eq!(to, e, "{from:?} {t:?}"),
                (Err(CaseError::NotAllowed { .. }), None) => {}
                (got, want) => panic!("{from:?} {t:?}: got {got:?}, want {want:?}"),
            }
        }
    }
    assert_eq!(next_state(Suspended, Resume, Some(Accepted)).unwrap(), Accepted);
}

#[test]
fn intake_needs_required_materials_or_a_future_promise() {
    let m = |name: &str, required, status| CaseMaterial {
        name: name.into(),
        required,
        status,
        original_received: None,
        original_returned: None,
    };
    let spec = |name: &str, rongque| Material {
        name: name.into(),
        form: crate::domain::catalog::MaterialForm::Original,
        count: 1,
        required: true,
        note: String::new(),
        rongque,
    };
    let spec = [spec("身份证", true), spec("户口簿", true), spec("照片", false)];
    let today = d("2026-11-20");
    let due = d("2026-11-27");
    let check = |list: &[CaseMaterial]| intake_outcome(list, &spec, today, due);
    let ok = [m("身份证", true, MaterialStatus::Presented), m("照片", false, MaterialStatus::Missing)];
    assert_eq!(check(&ok).unwrap(), IntakeOutcome::Accept);
    let waived = [m("户口簿", true, MaterialStatus::Waived(d("2026-11-25")))];
    assert_eq!(check(&waived).unwrap(), IntakeOutcome::Accept);
    let past = [m("户口簿", true, MaterialStatus::Waived(today))];
    assert!(matches!(check(&past), Err(CaseError::BadPromise { .. })));
    let late = [m("户口簿", true, MaterialStatus::Waived(d("2026-11-30")))];
    assert_eq!(check(&late), Err(CaseError::PromiseAfterDue { name: "户口簿".into(), due }));
    let id_card = [m("身份证", true, MaterialStatus::Waived(d("2026-11-25")))];
    assert!(matches!(check(&id_card), Err(CaseError::NotRongque { .. })), "even when the file says rongque");
    let not_allowed = [m("照片", false, MaterialStatus::Waived(d("2026-11-25")))];
    assert!(matches!(check(&not_allowed), Err(CaseError::NotRongque { .. })));
    let missing = [m("身份证", true, MaterialStatus::Presented), m("户口簿", true, MaterialStatus::Missing)];
    assert_eq!(check(&missing).unwrap(), IntakeOutcome::Notice(vec!["户口簿".into()]));
}
