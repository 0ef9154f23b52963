//! Reading the queue: tickets and windows from rows, each category's line and wait.

use super::{CategoryLine, Issued, QCtx, QueueResult, QueueView};
use crate::domain::queue::{
    CallReason, Outcome, Ticket, TicketState, Transfer, Window, call_order, estimated_wait, median_minutes,
};
use crate::storage::Db;
use chrono::{DateTime, NaiveDateTime, NaiveTime};
use rusqlite::{OptionalExtension, Row, Transaction};

const TICKET_COLUMNS: &str = "t.id, t.day, t.number, t.category, t.state, t.green, t.resident_id, t.appointment_at,
    t.for_window, t.issued_at, t.order_at, t.window, t.called_at, t.recalls, t.served_at, t.finished_at, t.outcome,
    t.case_id, t.version, r.id_number, coalesce(fc.name, t.transferred_from), t.transferred_window, t.reinstated_at,
    t.call_reason,
    (SELECT group_concat(c.number, ',') FROM visit_items v JOIN cases c ON c.id = v.case_id WHERE v.ticket_id = t.id),
    (SELECT group_concat(v.item_code, ',') FROM visit_items v WHERE v.ticket_id = t.id AND v.kind = 'slip')
    FROM queue_tickets t LEFT JOIN residents r ON r.id = t.resident_id
    LEFT JOIN categories fc ON fc.code = t.transferred_from";

fn time(s: Option<String>) -> Option<NaiveDateTime> {
    s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()).map(|t| t.naive_local())
}

fn row_to_ticket(r: &Row<'_>, today: chrono::NaiveDate) -> rusqlite::Result<Ticket> {
    let bad = |i: usize| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, "ticket".into());
    let state: String = r.get(4)?;
    let appt: Option<String> = r.get(7)?;
    let outcome: Option<String> = r.get(16)?;
    let id_number: Option<String> = r.get(19)?;
    let from: Option<String> = r.get(20)?;
    let reinstated: Option<String> = r.get(22)?;
    let call_reason: Option<String> = r.get(23)?;
    let age = id_number
        .as_deref()
        .and_then(crate::domain::resident::birth_date)
        .map(|b| crate::domain::resident::age_on(b, today));
    let from_window: Option<u16> = r.get(21)?;
    Ok(Ticket {
        id: r.get(0)?,
        day: r.get(1)?,
        number: r.get(2)?,
        category: r.get(3)?,
        state: TicketState::from_str_opt(&state).ok_or_else(|| bad(4))?,
        green: r.get(5)?,
        age,
        resident_id: r.get(6)?,
        appointment_at: appt.and_then(|s| NaiveTime::parse_from_str(&s, "%H:%M").ok()),
        for_window: r.get(8)?,
        issued_at: time(r.get(9)?).ok_or_else(|| bad(9))?,
        order_at: time(r.get(10)?).ok_or_else(|| bad(10))?,
        window: r.get(11)?,
        called_at: time(r.get(12)?),
        recalls: r.get(13)?,
        served_at: time(r.get(14)?),
        finished_at: time(r.get(15)?),
        outcome: outcome.as_deref().and_then(Outcome::from_str_opt),
        case_id: r.get(17)?,
        transferred: from.map(|category| Transfer { category, window: from_window }),
        reinstated: reinstated.is_some(),
        call_reason: call_reason.as_deref().and_then(CallReason::from_str_opt),
        cases: list(r.get(24)?),
        slips: list(r.get(25)?),
        version: r.get(18)?,
    })
}

/// A comma-joined list read back (case numbers and item codes hold no comma).
fn list(s: Option<String>) -> Vec<String> {
    s.map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_default()
}

fn row_to_window(r: &Row<'_>) -> rusqlite::Result<Window> {
    let cats: String = r.get(2)?;
    Ok(Window {
        number: r.get(0)?,
        name: r.get(1)?,
        categories: cats.split(',').filter(|c| !c.is_empty()).map(str::to_string).collect(),
        paused: r.get(3)?,
        operator: r.get(4)?,
    })
}

pub(in crate::storage) fn load_windows(tx: &rusqlite::Connection) -> rusqlite::Result<Vec<Window>> {
    let mut stmt =
        tx.prepare_cached("SELECT number, name, categories, paused, operator FROM windows ORDER BY number")?;
    let rows = stmt.query_map([], row_to_window)?;
    rows.collect()
}

pub(in crate::storage) fn load_tickets(
    tx: &rusqlite::Connection,
    day: &str,
    today: chrono::NaiveDate,
) -> rusqlite::Result<Vec<Ticket>> {
    let mut stmt = tx.prepare_cached(&format!("SELECT {TICKET_COLUMNS} WHERE t.day = ?1 ORDER BY t.id"))?;
    let rows = stmt.query_map([day], |r| row_to_ticket(r, today))?;
    rows.collect()
}

pub(super) fn load_ticket(
    tx: &rusqlite::Connection,
    id: i64,
    today: chrono::NaiveDate,
) -> rusqlite::Result<Option<Ticket>> {
    tx.query_row(&format!("SELECT {TICKET_COLUMNS} WHERE t.id = ?1"), [id], |r| row_to_ticket(r, today)).optional()
}

impl Db {
    /// Today's windows, tickets and lines.
    pub fn queue_view(&self) -> crate::storage::Result<QueueView> {
        let now = self.clock.now();
        let today = now.date_naive();
        let day = today.to_string();
        let windows = load_windows(&self.conn)?;
        let tickets = load_tickets(&self.conn, &day, today)?;
        let lines = lines(&self.conn, &windows, &tickets)?;
        Ok(QueueView { day, windows, tickets, lines })
    }

    /// What the dashboard measures today against: the wait target, and the numbers issued in
    /// each hour of the same weekday a week before `today` (one pass over that day's index).
    pub fn yardstick(&self, today: chrono::NaiveDate) -> crate::storage::Result<crate::domain::dashboard::Yardstick> {
        let day = (today - chrono::Days::new(7)).to_string();
        let mut last_week = [0u32; 24];
        let mut stmt = self.conn.prepare_cached(
            "SELECT CAST(substr(issued_at, 12, 2) AS INTEGER), count(*) FROM queue_tickets WHERE day = ?1 GROUP BY 1",
        )?;
        for row in stmt.query_map([day], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (hour, n) = row?;
            if let Some(h) = usize::try_from(hour).ok().and_then(|h| last_week.get_mut(h)) {
                *h = n as u32;
            }
        }
        Ok(crate::domain::dashboard::Yardstick { wait_target: self.wait_target_minutes()?, last_week })
    }

    /// A ticket's place in line and estimated wait now.
    pub fn ticket_status(&self, number: &str) -> crate::storage::Result<Option<Issued>> {
        let v = self.queue_view()?;
        let Some(t) = v.tickets.iter().find(|t| t.number == number).cloned() else { return Ok(None) };
        Ok(Some(place(&v.windows, &v.tickets, &v.lines, t)))
    }
}

pub(super) fn placed(tx: &Transaction<'_>, ctx: &QCtx, t: Ticket) -> QueueResult<Issued> {
    let windows = load_windows(tx)?;
    let tickets = load_tickets(tx, &ctx.day, ctx.now.date())?;
    let lines = lines(tx, &windows, &tickets)?;
    Ok(place(&windows, &tickets, &lines, t))
}

fn place(windows: &[Window], tickets: &[Ticket], lines: &[CategoryLine], t: Ticket) -> Issued {
    let in_category: Vec<&Ticket> =
        call_order(tickets, None).into_iter().filter(|x| x.category == t.category).collect();
    let position = in_category.iter().position(|x| x.id == t.id).map(|p| p + 1).unwrap_or(0);
    let line = lines.iter().find(|l| l.code == t.category);
    let open = windows.iter().filter(|w| w.is_open() && w.categories.contains(&t.category)).count();
    let median = line.map(|l| l.median_minutes).unwrap_or(crate::domain::queue::FALLBACK_SERVICE_MINUTES);
    // With nobody ahead the next call is theirs: no estimate to give.
    let wait = if position <= 1 { 0 } else { estimated_wait(position, open, median) };
    Issued { ticket: t, position, estimated_wait_min: wait }
}

fn lines(
    conn: &rusqlite::Connection,
    windows: &[Window],
    tickets: &[Ticket],
) -> crate::storage::Result<Vec<CategoryLine>> {
    let mut stmt = conn
        .prepare_cached("SELECT code, name, prefix, alarm_threshold FROM categories WHERE retired = 0 ORDER BY sort")?;
    let cats: Vec<(String, String, String, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (code, name, prefix, threshold) in cats {
        let waiting = tickets.iter().filter(|t| t.category == code && t.state == TicketState::Waiting).count();
        let serving: Vec<&Window> = windows.iter().filter(|w| w.categories.contains(&code)).collect();
        let open_windows = serving.iter().filter(|w| w.is_open()).count();
        let durations: Vec<u32> = tickets
            .iter()
            .filter(|t| t.category == code && t.state == TicketState::Done)
            .rev()
            .take(20)
            .filter_map(|t| Some(((t.finished_at? - t.served_at.or(t.called_at)?).num_minutes().max(1)) as u32))
            .collect();
        out.push(CategoryLine {
            code,
            name,
            prefix: prefix.chars().next().unwrap_or('?'),
            waiting,
            threshold: threshold.max(0) as usize,
            open_windows,
            median_minutes: median_minutes(durations),
        });
    }
    Ok(out)
}
