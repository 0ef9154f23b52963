//! The demo's hall and mediation rooms: a morning at the windows and this week's sessions.

use super::queue_err;
use crate::domain::resident::Tag;
use crate::storage::{Clock, Db, StorageError};
use chrono::{DateTime, Duration, FixedOffset, NaiveTime, TimeZone};

/// A morning in progress at the windows: numbers served, being served, parked, no-shows,
/// waiting (with a green-channel ticket and an appointment), and appointments still to come.
pub fn populate_queue(db: &mut Db, now: DateTime<FixedOffset>) -> Result<(), StorageError> {
    use crate::domain::queue::Outcome;
    let all: Vec<String> = db.categories()?.into_iter().map(|c| c.code).collect();
    let admin = "wangfang";
    db.set_window(admin, 1, "社保医保窗口", &["SB".into(), "YB".into(), "JY".into()])?;
    db.set_window(admin, 2, "民政残联窗口", &["MZ".into(), "CL".into(), "LL".into(), "TY".into(), "WJ".into()])?;
    db.set_window(admin, 3, "综合窗口", &all)?;
    db.set_window(admin, 4, "户籍证明窗口", &["HJ".into(), "SF".into(), "GH".into(), "FL".into(), "ZF".into()])?;
    last_week(db, now)?;
    let residents = db.residents()?;
    let old = residents.iter().find(|r| r.tags.contains(&Tag::Elderly)).map(|r| r.id);
    // The morning: tickets every few minutes over the last two and a half hours.
    let start = now - Duration::minutes(150);
    let cats = [
        "SB", "SB", "YB", "MZ", "SB", "HJ", "YB", "CL", "SB", "JY", "LL", "SB", "YB", "MZ", "SB", "TY", "YB", "SB",
        "HJ", "SB", "MZ", "YB", "SB", "CL",
    ];
    let step = 140 / cats.len() as i64;
    // Each number is taken at its own minute, and only numbers taken by then are called: a
    // green-channel number taken at 09:15 is never called at 08:10.
    let mut next = 0;
    let mut take_until = |db: &mut Db, until: DateTime<FixedOffset>| -> Result<(), StorageError> {
        while next < cats.len() && start + Duration::minutes(next as i64 * step) <= until {
            db.set_clock(Clock::Fixed(start + Duration::minutes(next as i64 * step)));
            let green = (next == 17).then_some("80岁以上");
            let resident = if next == 17 { old } else { None };
            db.take_ticket("wangfang", cats[next], green, resident).map_err(queue_err)?;
            next += 1;
        }
        Ok(())
    };
    take_until(db, start + Duration::minutes(2))?;
    for (login, window) in [("wangfang", 1u16), ("liqiang", 2), ("zhouli", 3)] {
        db.set_clock(Clock::Fixed(start + Duration::minutes(2)));
        db.sign_in(login, window).map_err(queue_err)?;
    }
    // Serve in rounds while the morning goes on.
    let outcomes = [Outcome::Consultation, Outcome::CaseAccepted, Outcome::CertificateCollected, Outcome::Consultation];
    for round in 0..5i64 {
        for (k, login) in ["wangfang", "liqiang", "zhouli"].iter().enumerate() {
            let t0 = start + Duration::minutes(20 + round * 24 + k as i64 * 3);
            if t0 >= now - Duration::minutes(30) {
                continue;
            }
            take_until(db, t0)?;
            db.set_clock(Clock::Fixed(t0));
            let Ok((t, _)) = db.call_next(login) else { continue };
            if round == 1 && k == 2 {
                // Called three more times, then a no-show.
                let mut t = t;
                for r in 0..4 {
                    db.set_clock(Clock::Fixed(t0 + Duration::minutes(r + 1)));
                    t = db.recall(login, t.id, t.version).map_err(queue_err)?;
                }
                continue;
            }
            db.set_clock(Clock::Fixed(t0 + Duration::minutes(1)));
            let t = db.start_serving(login, t.id, t.version).map_err(queue_err)?;
            db.set_clock(Clock::Fixed(t0 + Duration::minutes(6 + (round + k as i64) % 9)));
            db.finish(login, t.id, t.version, outcomes[(round as usize + k) % outcomes.len()]).map_err(queue_err)?;
        }
    }
    take_until(db, now)?;
    // Now: each window has someone at it; one resident has gone to copy a document.
    for (k, login) in ["wangfang", "liqiang", "zhouli"].iter().enumerate() {
        db.set_clock(Clock::Fixed(now - Duration::minutes(12 - k as i64 * 3)));
        let Ok((t, _)) = db.call_next(login) else { continue };
        let t = db.start_serving(login, t.id, t.version).map_err(queue_err)?;
        if k == 2 {
            db.set_clock(Clock::Fixed(now - Duration::minutes(4)));
            db.park(login, t.id, t.version).map_err(queue_err)?;
            db.set_clock(Clock::Fixed(now - Duration::minutes(3)));
            if let Ok((t, _)) = db.call_next(login) {
                db.start_serving(login, t.id, t.version).map_err(queue_err)?;
            }
        }
    }
    rows_that_say_what_they_are(db, now)?;
    // Appointments: one checked in this morning, the rest of today's and tomorrow's booked.
    let cal = db.calendar()?;
    let today = now.date_naive();
    let tz = now.timezone();
    let slots = crate::domain::appointment::slot_times();
    let mut booked = 0;
    for day in [today, cal.next_working_day(today)] {
        if !cal.is_working_day(day) {
            continue;
        }
        for (i, at) in slots.iter().enumerate() {
            if booked >= 8 {
                break;
            }
            let slot = tz.from_local_datetime(&day.and_time(*at)).single().unwrap_or(now);
            // Booked a few days earlier, so even past slots of today were bookable then.
            db.set_clock(Clock::Fixed(slot - Duration::days(2)));
            let r = &residents[(i * 7 + 5) % residents.len()];
            let cat = if i % 2 == 0 { "SB" } else { "MZ" };
            let Ok(a) = db.book("wangfang", day, *at, cat, r.id) else { continue };
            booked += 1;
            // One resident is here for a slot about now: checked in, a priority ticket.
            if day == today && slot > now - Duration::minutes(15) && slot <= now + Duration::minutes(30) {
                db.set_clock(Clock::Fixed(now - Duration::minutes(1)));
                let _ = db.check_in("wangfang", a.id);
            }
        }
    }
    check_in_one_today(db, now)?;
    db.set_clock(Clock::Fixed(now));
    let _ = db.mark_missed_appointments("wangfang");
    db.set_clock(Clock::shanghai());
    Ok(())
}

/// The same weekday a week ago, served and finished, so that the dashboard's hourly trend has
/// something to compare this morning with. Written in one go, as the generator writes past days.
fn last_week(db: &mut Db, now: DateTime<FixedOffset>) -> Result<(), StorageError> {
    use crate::storage::bulk::{DayRows, TicketRow};
    let day = now.date_naive() - Duration::days(7);
    if !db.calendar()?.is_working_day(day) {
        return Ok(());
    }
    let prefixes: Vec<(String, char)> = db.categories()?.into_iter().map(|c| (c.code, c.prefix)).collect();
    let prefix = |code: &str| prefixes.iter().find(|(c, _)| c == code).map(|(_, p)| *p);
    // Numbers issued per hour from 08:00: the morning rush, a quiet lunch, an afternoon peak.
    let per_hour = [3u32, 9, 11, 8, 4, 2, 6, 8, 5, 2];
    let cats = ["SB", "YB", "SB", "MZ", "HJ", "SB", "YB", "CL", "JY", "SB", "LL", "YB"];
    let mut tickets = Vec::new();
    for (h, n) in per_hour.iter().enumerate() {
        for k in 0..*n {
            let i = tickets.len();
            let code = cats[i % cats.len()];
            let Some(p) = prefix(code) else { continue };
            let issued_at =
                day.and_time(NaiveTime::MIN) + Duration::minutes((8 + h as i64) * 60 + i64::from(k * 60 / n));
            let called_at = issued_at + Duration::minutes(6 + (i as i64 * 7) % 31);
            tickets.push(TicketRow {
                category: code.to_string(),
                prefix: p,
                state: "done",
                window: Some(1 + (i % 3) as u16),
                issued_at,
                called_at: Some(called_at),
                finished_at: Some(called_at + Duration::minutes(5 + (i as i64 * 3) % 12)),
                outcome: Some("consultation"),
                resident_id: None,
                issued_by: "wangfang".into(),
            });
        }
    }
    db.bulk_day("wangfang", &DayRows { day, tickets, ..Default::default() })
}

/// The last minutes before now, so that every reason a row can give is on screen: a number
/// put back in line after a no-show, one sent from window 2, a green-channel number, and at
/// window 1 a number called a second time (the board marks it 再次呼叫).
fn rows_that_say_what_they_are(db: &mut Db, now: DateTime<FixedOffset>) -> Result<(), StorageError> {
    use crate::domain::queue::Outcome;
    let at = |db: &mut Db, before: i64| db.set_clock(Clock::Fixed(now - Duration::minutes(before)));
    for (i, cat) in ["SB", "YB", "SB", "MZ", "SB", "JY"].iter().enumerate() {
        at(db, 30 - i as i64 * 3);
        db.take_ticket("wangfang", cat, None, None).map_err(queue_err)?;
    }
    // Window 1: the resident being served leaves; the next never comes and is put back in line.
    let open = |db: &mut Db, login: &str| {
        let v = db.queue_view()?;
        let w = v.windows.iter().find(|w| w.operator.as_deref() == Some(login)).cloned();
        Ok::<_, StorageError>(w.and_then(|w| crate::domain::queue::current_at(&v.tickets, &w).cloned()))
    };
    at(db, 7);
    if let Some(t) = open(db, "wangfang")? {
        db.finish("wangfang", t.id, t.version, Outcome::Consultation).map_err(queue_err)?;
    }
    if let Ok((t, _)) = db.call_next("wangfang") {
        at(db, 6);
        let t = db.no_show("wangfang", t.id, t.version).map_err(queue_err)?;
        db.reinstate("wangfang", t.id, t.version).map_err(queue_err)?;
    }
    // Window 1 calls its next, who has not come after a minute and is called again (below).
    at(db, 4);
    let called = db.call_next("wangfang").ok().map(|(t, _)| t);
    // Meanwhile window 2 finds its resident needs 社保: sent on, and window 2 calls its next.
    at(db, 3);
    if let Some(t) = open(db, "liqiang")? {
        db.transfer("liqiang", t.id, t.version, "SB", None).map_err(queue_err)?;
        if let Ok((t, _)) = db.call_next("liqiang") {
            db.start_serving("liqiang", t.id, t.version).map_err(queue_err)?;
        }
    }
    at(db, 1);
    if let Some(t) = called {
        db.recall("wangfang", t.id, t.version).map_err(queue_err)?;
    }
    db.take_ticket("wangfang", "SB", Some("孕妇"), None).map_err(queue_err)?;
    Ok(())
}

/// When no slot of today is open for check-in now (the demo runs at any hour), one of today's
/// bookings is checked in at its slot, so the line holds an appointment number.
fn check_in_one_today(db: &mut Db, now: DateTime<FixedOffset>) -> Result<(), StorageError> {
    use crate::domain::appointment::AppointmentState;
    let today = now.date_naive();
    let list = db.appointments(today, None)?;
    if list.iter().any(|a| a.state == AppointmentState::CheckedIn) {
        return Ok(());
    }
    let booked: Vec<_> = list.iter().filter(|a| a.state == AppointmentState::Booked).collect();
    let opened = |a: &&&crate::domain::appointment::Appointment| {
        today.and_time(a.at) - Duration::minutes(30) <= now.naive_local()
    };
    let Some(a) = booked.iter().filter(opened).max_by_key(|a| a.at).or(booked.first()) else { return Ok(()) };
    let slot = now.timezone().from_local_datetime(&today.and_time(a.at)).single().unwrap_or(now);
    let when = (now - Duration::minutes(1)).clamp(slot - Duration::minutes(20), slot + Duration::minutes(10));
    db.set_clock(Clock::Fixed(when));
    let _ = db.check_in("wangfang", a.id);
    Ok(())
}

/// Two mediation rooms, three cases at different stages, and this week's sessions.
pub fn populate_mediation(db: &mut Db, now: DateTime<FixedOffset>) -> Result<(), StorageError> {
    use crate::domain::mediation::{DisputeType, MediationStep, Party, PartyRole, Performance, Source};
    use crate::storage::Viewer;
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    let r1 = db.add_room("chenjing", "和为贵调解室一", 8, t(8, 30), t(17, 30))?;
    let r2 = db.add_room("chenjing", "和为贵调解室二", 6, t(8, 30), t(17, 30))?;
    let zhang = Viewer { login: "zhangmin".into(), supervisor: false, mediator: true };
    let boss = Viewer { login: "chenjing".into(), supervisor: true, mediator: true };
    let err = |e: crate::storage::MediationOpError| StorageError::Sqlite(format!("demo mediation: {e}"));
    let party = |n: &str, r, c: &str| Party { name: n.into(), role: r, contact: c.into() };
    db.set_clock(Clock::Fixed(now - Duration::days(20)));
    let agreed = db
        .open_mediation(
            &zhang,
            DisputeType::Family,
            Source::Application,
            "子女赡养费分担纠纷",
            &[
                party("孙桂英", PartyRole::Applicant, "13851234567"),
                party("孙建国", PartyRole::Respondent, "13951234567"),
            ],
        )
        .map_err(err)?;
    let a = db.mediation_step(&zhang, agreed.id, agreed.version, MediationStep::Start, "").map_err(err)?;
    db.set_clock(Clock::Fixed(now - Duration::days(12)));
    let a = db
        .mediation_step(&zhang, a.id, a.version, MediationStep::Agree, "三名子女每月各支付赡养费600元，每月5日前转账")
        .map_err(err)?;
    db.set_clock(Clock::Fixed(now - Duration::days(2)));
    db.mediation_follow_up(&zhang, a.id, a.version, Performance::Done, "电话回访，本月已按时支付", None)
        .map_err(err)?;
    db.set_clock(Clock::Fixed(now - Duration::days(3)));
    let noisy = db
        .open_mediation(
            &zhang,
            DisputeType::Neighbours,
            Source::Initiative,
            "楼上装修噪音及漏水影响楼下",
            &[
                party("赵德福", PartyRole::Applicant, "18651230001"),
                party("钱海燕", PartyRole::Respondent, "18951230002"),
            ],
        )
        .map_err(err)?;
    db.mediation_step(&zhang, noisy.id, noisy.version, MediationStep::Start, "").map_err(err)?;
    db.open_mediation(
        &boss,
        DisputeType::Property,
        Source::Government,
        "小区停车位收费争议",
        &[
            party("周明", PartyRole::Applicant, "17751230003"),
            party("幸福里物业服务中心", PartyRole::Respondent, "025-52380000"),
        ],
    )
    .map_err(err)?;
    // Sessions on the next working days.
    db.set_clock(Clock::Fixed(now));
    let cal = db.calendar()?;
    let d1 = cal.next_working_day(now.date_naive());
    let d2 = cal.next_working_day(d1);
    let _ = db.book_room(&zhang, r1, d1.and_time(t(9, 30)), d1.and_time(t(11, 0)), Some(noisy.id), "");
    let _ = db.book_room(&boss, r2, d1.and_time(t(14, 0)), d1.and_time(t(15, 30)), None, "物业纠纷协调会");
    let _ = db.book_room(&zhang, r2, d2.and_time(t(10, 0)), d2.and_time(t(11, 0)), Some(noisy.id), "");
    db.set_clock(Clock::shanghai());
    Ok(())
}
