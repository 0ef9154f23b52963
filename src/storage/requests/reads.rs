//! Reading requests: lists and detail as the reader may see them, the timeline, candidates
//! for dispatch, the dashboard's counts and the report's section.

use super::{
    Candidate, Reader, Request, RequestCount, RequestEvent, RequestFilter, RequestLine, RequestOpError, RequestReport,
    Taker, stamp, time,
};
use crate::domain::request::{Kind, Provider, Rating, Source, State, Urgency, has_skill};
use crate::storage::Db;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, params};
use std::collections::BTreeMap;

/// Whether the reader (`?1` supervisor flag, `?2` login) may see request `r`'s resident.
macro_rules! may {
    () => {
        "(r.kind <> 'complaint' OR ?1 OR EXISTS (SELECT 1 FROM grids g WHERE g.name = r.grid AND g.leader = ?2)
        OR EXISTS (SELECT 1 FROM request_dispatches x WHERE x.request_id = r.id AND (x.by = ?2 OR x.taker_login = ?2)))"
    };
}

/// The columns of a request; `?1` is the reader's supervisor flag, `?2` their login.
const SELECT: &str = concat!(
    "SELECT r.id, r.number, r.kind, r.service, s.name, r.resident_id, res.name AS resident_name, r.place, r.grid, r.text,
    r.urgency, r.photos, r.source, r.state, r.reopened, r.rating, r.due_at, r.done_at, r.closed_at, r.created_by,
    r.created_at, r.version,
    ",
    may!(),
    " AS may,
    d.taker_kind, d.taker_login, d.member_id, d.contact_id, d.taker_name, d.escalated, d.by, d.due_at, d.accepted_at,
    coalesce(dby.name, d.by) AS by_name
    FROM requests r
    LEFT JOIN request_services s ON s.code = r.service
    LEFT JOIN residents res ON res.id = r.resident_id
    LEFT JOIN request_dispatches d ON d.id = (SELECT max(id) FROM request_dispatches WHERE request_id = r.id)
    LEFT JOIN operators dby ON dby.login = d.by"
);

fn row_to_request(r: &Row<'_>) -> rusqlite::Result<Request> {
    let bad = |i| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, "request".into());
    let kind: String = r.get(2)?;
    let urgency: String = r.get(10)?;
    let source: String = r.get(12)?;
    let state: String = r.get(13)?;
    let rating: Option<String> = r.get(15)?;
    let photos: String = r.get(11)?;
    let may: bool = r.get(22)?;
    let resident_id: Option<i64> = r.get(5)?;
    let t = |i: usize| -> rusqlite::Result<Option<NaiveDateTime>> {
        Ok(r.get::<_, Option<String>>(i)?.as_deref().and_then(time))
    };
    let taker_kind: Option<String> = r.get(23)?;
    let taker = match taker_kind.as_deref().and_then(Provider::from_str_opt) {
        Some(kind) => Some(Taker {
            kind,
            login: r.get(24)?,
            member_id: r.get(25)?,
            contact_id: r.get(26)?,
            name: r.get(27)?,
            escalated: r.get(28)?,
            by: r.get(29)?,
            by_name: r.get(32)?,
            due_at: t(30)?.unwrap_or_default(),
            accepted_at: t(31)?,
        }),
        None => None,
    };
    Ok(Request {
        id: r.get(0)?,
        number: r.get(1)?,
        kind: Kind::from_str_opt(&kind).ok_or_else(|| bad(2))?,
        service: r.get(3)?,
        service_name: r.get(4)?,
        resident_id: if may { resident_id } else { None },
        resident_name: if may { r.get(6)? } else { None },
        hidden: !may && resident_id.is_some(),
        anonymous: resident_id.is_none(),
        place: r.get(7)?,
        grid: r.get(8)?,
        text: r.get(9)?,
        urgency: Urgency::from_str_opt(&urgency).ok_or_else(|| bad(10))?,
        photos: photos.lines().map(str::to_string).collect(),
        source: Source::from_str_opt(&source).ok_or_else(|| bad(12))?,
        state: State::from_str_opt(&state).ok_or_else(|| bad(13))?,
        reopened: r.get(14)?,
        rating: rating.as_deref().and_then(Rating::from_str_opt),
        due_at: t(16)?,
        done_at: t(17)?,
        closed_at: t(18)?,
        created_by: r.get(19)?,
        created_at: t(20)?.unwrap_or_default(),
        taker,
        version: r.get(21)?,
    })
}

/// The first day of `d`'s month and of the next.
fn month_of(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    let first = d.with_day(1).unwrap_or(d);
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    (first, next)
}

impl Db {
    /// One request as `reader` may see it (a complaint's resident hidden from others).
    pub fn request(&self, reader: &Reader, id: i64) -> Result<Option<Request>, RequestOpError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE r.id = ?3"))?;
        Ok(stmt.query_row(params![reader.supervisor, reader.login, id], row_to_request).optional()?)
    }

    /// The request numbered `number` (as typed, any case).
    pub fn request_by_number(&self, reader: &Reader, number: &str) -> Result<Option<Request>, RequestOpError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE r.number = upper(?3)"))?;
        Ok(stmt.query_row(params![reader.supervisor, reader.login, number.trim()], row_to_request).optional()?)
    }

    /// Requests by the filter, newest first. The text matches number, text, place and the
    /// resident's name, the name only where the reader may see it.
    pub fn requests(&self, reader: &Reader, f: &RequestFilter) -> Result<Vec<Request>, RequestOpError> {
        let sql = format!(
            "SELECT * FROM ({SELECT}
               WHERE (?3 IS NULL OR r.state = ?3) AND (?4 IS NULL OR r.grid = ?4) AND (?5 = 0 OR r.state <> 'rated')
             ) q WHERE (?6 = '' OR instr(q.number, upper(?6)) > 0 OR instr(q.text, ?6) > 0 OR instr(q.place, ?6) > 0
                    OR (q.may AND instr(coalesce(q.resident_name, ''), ?6) > 0))
             ORDER BY q.id DESC LIMIT ?7"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = if f.limit == 0 { 500 } else { f.limit } as i64;
        let rows = stmt.query_map(
            params![reader.supervisor, reader.login, f.state.map(|s| s.as_str()), f.grid, f.open, f.text.trim(), limit],
            row_to_request,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A page of the Requests tab: open requests first, newest first within open and closed;
    /// the filter's text also matches the grid. `after` is the last row of the page before
    /// (closed, id), so a page is read by the index however long the history.
    pub fn request_page(
        &self,
        reader: &Reader,
        f: &RequestFilter,
        after: Option<(bool, i64)>,
    ) -> Result<Vec<Request>, RequestOpError> {
        // The page's ids first, from the requests alone (a resident's name is looked up only
        // when there is text to match); the taker, the service and the rest for those rows only.
        let sql = format!(
            "{SELECT} WHERE r.id IN (
               SELECT r.id FROM requests r
               WHERE (?3 IS NULL OR r.state = ?3) AND (?4 IS NULL OR r.grid = ?4) AND (?5 = 0 OR r.state <> 'rated')
                 AND (?8 < 0 OR (r.state = 'rated') > ?8 OR ((r.state = 'rated') = ?8 AND r.id < ?9))
                 AND (?6 = '' OR instr(r.number, upper(?6)) > 0 OR instr(r.text, ?6) > 0 OR instr(r.place, ?6) > 0
                    OR instr(r.grid, ?6) > 0 OR (instr(coalesce((SELECT name FROM residents WHERE id = r.resident_id), ''), ?6) > 0 AND {may}))
               ORDER BY r.state = 'rated', r.id DESC LIMIT ?7)
             ORDER BY r.state = 'rated', r.id DESC",
            may = may!()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = if f.limit == 0 { 100 } else { f.limit } as i64;
        let (closed, id) = match after {
            Some((closed, id)) => (closed as i64, id),
            None => (-1, i64::MAX),
        };
        let rows = stmt.query_map(
            params![
                reader.supervisor,
                reader.login,
                f.state.map(|s| s.as_str()),
                f.grid,
                f.open,
                f.text.trim(),
                limit,
                closed,
                id
            ],
            row_to_request,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A request's timeline, oldest first.
    pub fn request_events(&self, id: i64) -> Result<Vec<RequestEvent>, RequestOpError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.at, e.operator, e.kind, e.note, coalesce(o.name, e.operator) FROM request_events e
                 LEFT JOIN operators o ON o.login = e.operator WHERE e.request_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            let at: String = r.get(0)?;
            Ok(RequestEvent {
                at: time(&at).unwrap_or_default(),
                operator: r.get(1)?,
                kind: r.get(2)?,
                note: r.get(3)?,
                name: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Who could take a request, best first: those the service's provider names come first;
    /// among grid staff, members (that skill, the request's grid) and partners, the least
    /// loaded this month first.
    pub fn request_candidates(&self, id: i64) -> Result<Vec<Candidate>, RequestOpError> {
        let (grid, service, provider, skill, name): (String, Option<String>, Option<String>, String, String) = self
            .conn
            .query_row(
                "SELECT r.grid, r.service, s.provider, coalesce(s.skill, ''), coalesce(s.name, '') FROM requests r
                 LEFT JOIN request_services s ON s.code = r.service WHERE r.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or(RequestOpError::NotFound)?;
        let (first, next) = month_of(self.clock.now().date_naive());
        let (from, to) = (stamp(first.and_time(chrono::NaiveTime::MIN)), stamp(next.and_time(chrono::NaiveTime::MIN)));
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.login, o.name, g.leader = o.login,
                (SELECT count(*) FROM request_dispatches d WHERE d.taker_login = o.login AND d.at >= ?2 AND d.at < ?3)
             FROM grids g JOIN operators o ON o.retired = 0 AND (o.login = g.leader
                OR o.login IN (SELECT login FROM grid_staff s WHERE s.grid_id = g.id))
             WHERE g.name = ?1",
        )?;
        let rows = stmt.query_map(params![grid, from, to], |r| {
            let leader: bool = r.get(2)?;
            Ok(Candidate {
                kind: Provider::Grid,
                key: format!("grid:{}", r.get::<_, String>(0)?),
                name: r.get(1)?,
                why: format!("{grid}{}", if leader { " 网格长" } else { " 网格员" }),
                load: r.get(3)?,
            })
        })?;
        for c in rows {
            out.push(c?);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.name, m.skills, m.grid,
                (SELECT count(*) FROM request_dispatches d WHERE d.member_id = m.id AND d.at >= ?1 AND d.at < ?2)
             FROM party_members m WHERE m.status = 'active' AND m.skills <> ''",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
            ))
        })?;
        let mut members = Vec::new();
        for m in rows {
            let (mid, mname, skills, mgrid, load) = m?;
            if !has_skill(&skills, &skill) {
                continue;
            }
            let near = !grid.is_empty() && mgrid == grid;
            members.push((
                !near,
                load,
                Candidate {
                    kind: Provider::Member,
                    key: format!("member:{mid}"),
                    name: mname,
                    why: format!("{skills}{}", if near { format!(" · {mgrid}") } else { String::new() }),
                    load,
                },
            ));
        }
        members.sort_by(|a, b| (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name)));
        out.extend(members.into_iter().take(20).map(|m| m.2));
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.kind, c.name, c.services,
                (SELECT count(*) FROM request_dispatches d WHERE d.contact_id = c.id AND d.at >= ?1 AND d.at < ?2)
             FROM contacts c ORDER BY c.kind DESC, c.name",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, u32>(3)?))
        })?;
        for c in rows {
            let (kind, cname, services, load) = c?;
            let kind = Provider::from_str_opt(&kind).unwrap_or(Provider::Partner);
            let fits = service.as_deref().is_some_and(|s| services.split([' ', ',', '，']).any(|x| x == s));
            if !(fits || service.is_none() || provider.as_deref() == Some(kind.as_str())) {
                continue;
            }
            out.push(Candidate {
                kind,
                key: format!("{}:{cname}", kind.as_str()),
                name: cname,
                why: if fits { name.clone() } else { String::new() },
                load,
            });
        }
        // A partner that provides the service leaves the others out.
        let contact = |c: &Candidate| matches!(c.kind, Provider::Partner | Provider::Department);
        if out.iter().any(|c| c.kind == Provider::Partner && !c.why.is_empty()) {
            out.retain(|c| c.kind != Provider::Partner || !c.why.is_empty());
        }
        // The service's own provider first; the order within each kind stays.
        let first = provider.as_deref().and_then(Provider::from_str_opt);
        out.sort_by_key(|c| (Some(c.kind) != first, c.kind == Provider::Department, contact(c) && c.why.is_empty()));
        Ok(out)
    }

    /// Open, overdue and unsatisfied requests per grid and kind, at `now`.
    pub fn request_counts(&self, now: NaiveDateTime) -> crate::storage::Result<Vec<RequestCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT grid, kind, sum(state <> 'rated'),
                sum(coalesce(state IN ('dispatched','accepted','in_progress') AND due_at < ?1, 0)),
                sum(coalesce(rating = 'unsatisfied', 0)),
                coalesce((SELECT g.id FROM grids g WHERE g.name = requests.grid), 0)
             FROM requests WHERE state <> 'rated' OR rating = 'unsatisfied' GROUP BY grid, kind ORDER BY grid, kind",
        )?;
        let rows = stmt.query_map([stamp(now)], |r| {
            let kind: String = r.get(1)?;
            Ok(RequestCount {
                grid: r.get(0)?,
                kind: Kind::from_str_opt(&kind).unwrap_or(Kind::Help),
                open: r.get(2)?,
                overdue: r.get(3)?,
                unsatisfied: r.get(4)?,
            })
            .map(|c| (r.get::<_, i64>(5).unwrap_or(0), c))
        })?;
        let mut counts = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        // 第一, 第二 … 第十 by their number, not as text (第一, 第三, 第二); the rest in layout order.
        counts.sort_by_cached_key(|(layout, c)| {
            let n = crate::model::requests::grid_number(&c.grid);
            (c.grid.is_empty(), n.is_none(), n, *layout, c.grid.clone(), c.kind.as_str())
        });
        Ok(counts.into_iter().map(|(_, c)| c).collect())
    }

    /// The report's requests section for the days `[from, to)`: collected, resolved (and by
    /// their deadline), ratings given, by grid, kind and taker.
    pub fn request_report(&self, from: NaiveDate, to: NaiveDate) -> crate::storage::Result<RequestReport> {
        let (a, b) = (from.format("%Y-%m-%d").to_string(), to.format("%Y-%m-%d").to_string());
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.grid, r.kind, coalesce(d.taker_name, ''),
                r.created_at >= ?1 AND r.created_at < ?2,
                coalesce(r.done_at >= ?1 AND r.done_at < ?2, 0),
                coalesce((SELECT x.done_at <= x.due_at FROM request_dispatches x
                          WHERE x.request_id = r.id AND x.outcome = 'done' ORDER BY x.id DESC LIMIT 1), 0),
                (SELECT group_concat(e.note, '|') FROM request_events e
                 WHERE e.request_id = r.id AND e.kind = 'rate' AND e.at >= ?1 AND e.at < ?2)
             FROM requests r
             LEFT JOIN request_dispatches d ON d.id = (SELECT max(id) FROM request_dispatches WHERE request_id = r.id)
             WHERE (r.created_at >= ?1 AND r.created_at < ?2) OR (r.done_at >= ?1 AND r.done_at < ?2)
                OR (r.closed_at >= ?1 AND r.closed_at < ?2) OR r.id IN (SELECT request_id FROM request_events e
                    WHERE e.kind = 'rate' AND e.at >= ?1 AND e.at < ?2)",
        )?;
        let rows = stmt.query_map(params![a, b], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut total = RequestLine::default();
        let mut by: [BTreeMap<String, RequestLine>; 3] = Default::default();
        for row in rows {
            let (grid, kind, taker, collected, resolved, on_time, rates) = row?;
            let mut line = RequestLine {
                collected: collected as u32,
                resolved: resolved as u32,
                on_time: (resolved && on_time) as u32,
                ..RequestLine::default()
            };
            for r in rates.as_deref().unwrap_or("").split('|').filter(|s| !s.is_empty()) {
                match r.split(' ').next().and_then(Rating::from_str_opt) {
                    Some(Rating::Satisfied) => line.satisfied += 1,
                    Some(Rating::Fair) => line.fair += 1,
                    Some(Rating::Unsatisfied) => line.unsatisfied += 1,
                    None => {}
                }
            }
            add(&mut total, &line);
            for (map, key) in by.iter_mut().zip([grid, kind, taker]) {
                let e = map.entry(key.clone()).or_insert_with(|| RequestLine { name: key, ..RequestLine::default() });
                add(e, &line);
            }
        }
        let [g, k, t] = by;
        total.name = String::new();
        Ok(RequestReport {
            total,
            by_grid: g.into_values().collect(),
            by_kind: k.into_values().collect(),
            by_taker: t.into_values().filter(|l| !l.name.is_empty()).collect(),
        })
    }
}

fn add(to: &mut RequestLine, l: &RequestLine) {
    to.collected += l.collected;
    to.resolved += l.resolved;
    to.on_time += l.on_time;
    to.satisfied += l.satisfied;
    to.fair += l.fair;
    to.unsatisfied += l.unsatisfied;
}
