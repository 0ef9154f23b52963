use super::*;
use chrono::NaiveDate;

fn at(d: &str, h: u32, m: u32) -> NaiveDateTime {
    d.parse::<NaiveDate>().unwrap().and_hms_opt(h, m, 0).unwrap()
}

#[test]
fn the_loop_runs_dispatch_accept_done_rate() {
    let mut s = State::Pending;
    for step in [Step::Dispatch, Step::Accept, Step::Start, Step::Done, Step::Rate(Rating::Satisfied)] {
        s = next(s, step, false).unwrap();
    }
    assert_eq!(s, State::Rated);
}

#[test]
fn rating_only_after_done() {
    for s in [State::Pending, State::Dispatched, State::Accepted, State::InProgress, State::Rated] {
        assert_eq!(next(s, Step::Rate(Rating::Satisfied), false), Err(StepError::NotNow(s)), "{s:?}");
    }
}

#[test]
fn unsatisfied_reopens_once_then_goes_to_the_supervisor() {
    assert_eq!(next(State::Done, Step::Rate(Rating::Unsatisfied), false), Ok(State::Dispatched));
    assert_eq!(next(State::Done, Step::Rate(Rating::Unsatisfied), true), Ok(State::Supervisor));
    assert_eq!(next(State::Supervisor, Step::Dispatch, true), Ok(State::Dispatched));
}

#[test]
fn a_return_goes_back_to_dispatch_and_only_a_taker_returns() {
    assert_eq!(next(State::Accepted, Step::Return, false), Ok(State::Pending));
    assert!(next(State::Pending, Step::Return, false).is_err());
    assert!(next(State::Done, Step::Return, false).is_err());
}

#[test]
fn working_hours_skip_nights_and_weekends() {
    let cal = Calendar::default();
    // Friday 16:00 + 4 working hours: 1 h on Friday, 3 h on Monday from 09:00.
    assert_eq!(due(&cal, at("2026-12-04", 16, 0), Response::Hours(4)), at("2026-12-07", 12, 0));
    // Before opening counts from 09:00.
    assert_eq!(due(&cal, at("2026-12-01", 7, 30), Response::Hours(2)), at("2026-12-01", 11, 0));
    // Working days end at 17:00 of the n-th working day.
    assert_eq!(due(&cal, at("2026-12-04", 10, 0), Response::Days(1)), at("2026-12-07", 17, 0));
}

#[test]
fn deadlines_skip_the_holidays_of_the_calendar() {
    let cal = Calendar::default();
    // 2027-01-01 is New Year's Day (statutory, provisional without a notice).
    assert_eq!(due(&cal, at("2026-12-31", 10, 0), Response::Days(1)), at("2027-01-04", 17, 0));
}

#[test]
fn urgent_requests_are_due_within_a_working_day() {
    assert_eq!(response_for(Some(Response::Days(5)), Urgency::Urgent), Response::Days(1));
    assert_eq!(response_for(Some(Response::Hours(4)), Urgency::Urgent), Response::Hours(4));
    assert_eq!(response_for(None, Urgency::Normal), Response::Days(3));
}

#[test]
fn overdue_and_due_soon_follow_the_calendar() {
    let cal = Calendar::default();
    let due_at = at("2026-12-07", 17, 0); // Monday
    assert_eq!(timing(&cal, due_at, at("2026-12-07", 17, 1)), Timing::Overdue);
    assert_eq!(timing(&cal, due_at, at("2026-12-04", 9, 0)), Timing::DueSoon);
    assert_eq!(timing(&cal, due_at, at("2026-12-02", 9, 0)), Timing::OnTime);
}

#[test]
fn response_times_parse_in_hours_and_days() {
    assert_eq!(Response::parse("4h"), Some(Response::Hours(4)));
    assert_eq!(Response::parse("2工作日"), Some(Response::Days(2)));
    assert_eq!(Response::parse("0d"), None);
    assert_eq!(Response::parse("soon"), None);
}

#[test]
fn the_suggestion_comes_from_the_menus_keywords() {
    let menu = vec![Service {
        code: "repair".into(),
        name: "维修".into(),
        category: "生活服务".into(),
        provider: Provider::Member,
        response: Response::Days(2),
        keywords: "漏水 水管 灯不亮 楼道灯".into(),
        skill: "水电".into(),
    }];
    let s = suggest("3栋楼道灯不亮了，老人晚上看不见", &menu);
    assert_eq!(s, Suggestion { kind: Some(Kind::Order), service: Some("repair".into()) });
    assert_eq!(suggest("楼上装修噪音扰民，投诉", &menu).kind, Some(Kind::Complaint));
    assert_eq!(suggest("请问居住证怎么办理", &menu).kind, Some(Kind::Consult));
    assert!(has_skill("水电维修，电工证", "水电"));
    assert!(!has_skill("法律咨询", "水电"));
}
