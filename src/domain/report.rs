//! Daily and monthly statistics: the figures, and the arithmetic that turns rows into them.
//!
//! Percentiles use the nearest-rank method (the smallest sample with at least p % of the
//! samples at or below it), so every figure is a time that really happened.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// The setting holding the wait target in minutes.
pub const WAIT_TARGET_KEY: &str = "queue.wait_target_minutes";

/// The wait target when the setting is absent or unreadable.
pub const DEFAULT_WAIT_TARGET: u32 = 30;

/// A report over the days `from..=to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// Waits longer than this many minutes count as over target.
    pub wait_target_minutes: u32,
    /// The queue.
    pub queue: QueueSection,
    /// Cases (办件).
    pub cases: CasesSection,
    /// Mediation cases and room bookings.
    pub rooms: RoomsSection,
    /// Party members' service per work unit.
    pub members: Vec<UnitLine>,
    /// Residents' requests on the grid: collected, resolved, satisfaction.
    pub requests: crate::domain::request::RequestReport,
    /// The centre's name (setting `centre_name`), for the printed title; empty when unset.
    pub centre: String,
    /// The day the figures were read: the issue date, and "as of" while the period runs.
    pub issued: NaiveDate,
}

/// Queue figures by window, by clerk and by category, plus the whole hall.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QueueSection {
    /// Every ticket of the period.
    pub total: QueueLine,
    /// Per window the ticket was last called to.
    pub by_window: Vec<QueueLine>,
    /// Per clerk who last handled the ticket.
    pub by_clerk: Vec<QueueLine>,
    /// Per category (after any transfer).
    pub by_category: Vec<QueueLine>,
}

/// One line of queue figures; times in minutes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QueueLine {
    /// Window number, login or category code.
    pub key: String,
    /// What people call it.
    pub name: String,
    /// Tickets (per window or clerk: those that reached it).
    pub issued: u32,
    /// Visits finished.
    pub served: u32,
    /// No-shows (过号).
    pub no_show: u32,
    /// Median wait, issue to call.
    pub wait_median: Option<f64>,
    /// 90th-percentile wait.
    pub wait_p90: Option<f64>,
    /// Median service time, start of service to finish.
    pub service_median: Option<f64>,
    /// 90th-percentile service time.
    pub service_p90: Option<f64>,
    /// Share (0–1) of called tickets that waited longer than the target.
    pub over_target: Option<f64>,
}

/// One ticket as the report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRow {
    /// Category code and name.
    pub category: (String, String),
    /// Window number and name, once called.
    pub window: Option<(u16, String)>,
    /// Login and name of whoever last handled it.
    pub clerk: Option<(String, String)>,
    /// Finished as a visit.
    pub done: bool,
    /// 过号.
    pub no_show: bool,
    /// Issued.
    pub issued_at: NaiveDateTime,
    /// Last called.
    pub called_at: Option<NaiveDateTime>,
    /// Service started.
    pub served_at: Option<NaiveDateTime>,
    /// Finished.
    pub finished_at: Option<NaiveDateTime>,
}

/// Nearest-rank percentile (`p` in 1..=100) of sorted samples.
pub fn percentile(sorted: &[f64], p: u32) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (u64::from(p) * sorted.len() as u64).div_ceil(100).max(1) as usize;
    Some(sorted[rank.min(sorted.len()) - 1])
}

fn minutes(from: NaiveDateTime, to: NaiveDateTime) -> f64 {
    (to - from).num_seconds().max(0) as f64 / 60.0
}

fn queue_line(key: String, name: String, rows: &[&TicketRow], target: u32) -> QueueLine {
    let mut waits: Vec<f64> = rows.iter().filter_map(|t| t.called_at.map(|c| minutes(t.issued_at, c))).collect();
    let mut service: Vec<f64> =
        rows.iter().filter(|t| t.done).filter_map(|t| Some(minutes(t.served_at?, t.finished_at?))).collect();
    waits.sort_by(f64::total_cmp);
    service.sort_by(f64::total_cmp);
    let over = waits.iter().filter(|w| **w > f64::from(target)).count();
    QueueLine {
        key,
        name,
        issued: rows.len() as u32,
        served: rows.iter().filter(|t| t.done).count() as u32,
        no_show: rows.iter().filter(|t| t.no_show).count() as u32,
        wait_median: percentile(&waits, 50),
        wait_p90: percentile(&waits, 90),
        service_median: percentile(&service, 50),
        service_p90: percentile(&service, 90),
        over_target: (!waits.is_empty()).then(|| over as f64 / waits.len() as f64),
    }
}

/// Groups rows by a key (sorted), skipping rows without one.
fn grouped<K: Ord + Clone>(
    rows: &[TicketRow],
    key: impl Fn(&TicketRow) -> Option<(K, String)>,
) -> Vec<(K, String, Vec<&TicketRow>)> {
    let mut map: std::collections::BTreeMap<K, (String, Vec<&TicketRow>)> = Default::default();
    for r in rows {
        if let Some((k, name)) = key(r) {
            map.entry(k).or_insert_with(|| (name, Vec::new())).1.push(r);
        }
    }
    map.into_iter().map(|(k, (n, v))| (k, n, v)).collect()
}

/// The queue section from the period's tickets.
pub fn queue_section(rows: &[TicketRow], target: u32) -> QueueSection {
    let all: Vec<&TicketRow> = rows.iter().collect();
    let lines = |g: Vec<(String, String, Vec<&TicketRow>)>| {
        g.into_iter().map(|(k, n, v)| queue_line(k, n, &v, target)).collect::<Vec<_>>()
    };
    QueueSection {
        total: queue_line(String::new(), String::new(), &all, target),
        by_window: grouped(rows, |t| t.window.clone())
            .into_iter()
            .map(|(k, n, v)| queue_line(k.to_string(), n, &v, target))
            .collect(),
        by_clerk: lines(grouped(rows, |t| t.clerk.clone())),
        by_category: lines(grouped(rows, |t| Some(t.category.clone()))),
    }
}

/// Case figures per clerk and per service item.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CasesSection {
    /// Per clerk who took the case in.
    pub by_clerk: Vec<CaseLine>,
    /// Per service item.
    pub by_item: Vec<CaseLine>,
}

/// One line of case figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CaseLine {
    /// Login or item code.
    pub key: String,
    /// Name.
    pub name: String,
    /// Accepted (受理) in the period.
    pub accepted: u32,
    /// Completed (办结) in the period.
    pub completed: u32,
    /// Completed in the period on or before the due date.
    pub on_time: u32,
    /// Completed late in the period, or still open past due at the end of it.
    pub overdue: u32,
    /// `on_time / completed` (0–1).
    pub on_time_rate: Option<f64>,
    /// Ratings of the cases completed in the period.
    pub ratings: u32,
    /// Their average (1–5).
    pub rating_avg: Option<f64>,
}

/// One case as the report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// Clerk login and name.
    pub clerk: (String, String),
    /// Item code and name.
    pub item: (String, String),
    /// Returned or not accepted: never overdue.
    pub refused: bool,
    /// Day accepted.
    pub accepted: Option<NaiveDate>,
    /// Day completed.
    pub completed: Option<NaiveDate>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// 1–5.
    pub rating: Option<u8>,
}

fn case_line(key: String, name: String, rows: &[&CaseRow], from: NaiveDate, to: NaiveDate) -> CaseLine {
    let within = |d: Option<NaiveDate>| d.is_some_and(|d| d >= from && d <= to);
    let mut line = CaseLine { key, name, ..Default::default() };
    let mut stars = 0u32;
    for c in rows {
        line.accepted += u32::from(within(c.accepted));
        let late = matches!((c.completed, c.due), (Some(done), Some(due)) if done > due);
        if within(c.completed) {
            line.completed += 1;
            line.on_time += u32::from(!late);
            line.overdue += u32::from(late);
            if let Some(r) = c.rating {
                line.ratings += 1;
                stars += u32::from(r);
            }
        } else {
            let open_at_end = !c.refused
                && c.accepted.is_some_and(|a| a <= to)
                && c.completed.is_none_or(|d| d > to)
                && c.due.is_some_and(|due| due < to);
            line.overdue += u32::from(open_at_end);
        }
    }
    line.on_time_rate = (line.completed > 0).then(|| f64::from(line.on_time) / f64::from(line.completed));
    line.rating_avg = (line.ratings > 0).then(|| f64::from(stars) / f64::from(line.ratings));
    line
}

/// The cases section from every case that touches the period.
pub fn cases_section(rows: &[CaseRow], from: NaiveDate, to: NaiveDate) -> CasesSection {
    let by = |key: fn(&CaseRow) -> (String, String)| {
        let mut map: std::collections::BTreeMap<String, (String, Vec<&CaseRow>)> = Default::default();
        for r in rows {
            let (k, n) = key(r);
            map.entry(k).or_insert_with(|| (n, Vec::new())).1.push(r);
        }
        map.into_iter()
            .map(|(k, (n, v))| case_line(k, n, &v, from, to))
            // Cases only open and on time in the period say nothing about it.
            .filter(|l| l.accepted + l.completed + l.overdue > 0)
            .collect()
    };
    CasesSection { by_clerk: by(|r| r.clerk.clone()), by_item: by(|r| r.item.clone()) }
}

/// Mediation cases opened and rooms booked in the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RoomsSection {
    /// Mediation cases opened, per dispute type.
    pub by_dispute: Vec<Count>,
    /// The same cases per current state (accepted, mediating, agreed, failed, terminated).
    pub by_state: Vec<Count>,
    /// Room bookings starting in the period, cancelled ones excluded.
    pub bookings: u32,
    /// Their booked hours.
    pub booked_hours: f64,
}

/// A label and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Label.
    pub key: String,
    /// How many.
    pub count: u32,
}

/// A work unit's party-member service in the period (declined records excluded).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitLine {
    /// Work unit.
    pub unit: String,
    /// Service records.
    pub records: u32,
    /// Hours.
    pub hours: f64,
    /// Points.
    pub points: f64,
}

/// First and last day of a daily or monthly report containing `d`.
pub fn span(monthly: bool, d: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    if !monthly {
        return (d, d);
    }
    let first = d.with_day(1).unwrap_or(d);
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    (first, next.pred_opt().unwrap_or(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&v, 50), Some(5.0));
        assert_eq!(percentile(&v, 90), Some(9.0));
        assert_eq!(percentile(&v[..5], 90), Some(5.0));
        assert_eq!(percentile(&[7.0], 50), Some(7.0));
        assert_eq!(percentile(&[], 50), None);
    }

    #[test]
    fn months_end_where_they_end() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(span(true, d("2028-02-10")), (d("2028-02-01"), d("2028-02-29")));
        assert_eq!(span(true, d("2026-12-31")), (d("2026-12-01"), d("2026-12-31")));
        assert_eq!(span(false, d("2026-11-20")), (d("2026-11-20"), d("2026-11-20")));
    }
}
