//! Ordered migrations; the number applied is kept in `PRAGMA user_version`.

/// Each entry moves the schema one version up; never edit a released one, add a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: foundation: settings, operators, audit trail, catalog, calendar.
    r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE operators (
    id         INTEGER PRIMARY KEY,
    login      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('clerk','mediator','member_desk','supervisor','admin')),
    window     INTEGER,
    retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1)),
    created_at TEXT NOT NULL
);
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    summary   TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_operator ON audit_log(operator, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TABLE categories (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    name_en TEXT NOT NULL,
    prefix  TEXT NOT NULL UNIQUE CHECK (length(prefix) = 1),
    sort    INTEGER NOT NULL
);
CREATE TABLE service_items (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    category   TEXT NOT NULL REFERENCES categories(code),
    department TEXT NOT NULL,
    desk_role  TEXT NOT NULL CHECK (desk_role IN ('forward','on_the_spot')),
    handling   TEXT NOT NULL CHECK (handling IN ('immediate','promised')),
    limit_n    INTEGER NOT NULL CHECK (limit_n BETWEEN 0 AND 365),
    limit_unit TEXT NOT NULL CHECK (limit_unit IN ('working_days','calendar_days','months','immediate')),
    fee        TEXT NOT NULL,
    notes      TEXT NOT NULL,
    keywords   TEXT NOT NULL,
    materials  TEXT NOT NULL,
    sort       INTEGER NOT NULL,
    retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1)),
    updated_at TEXT NOT NULL
);
CREATE INDEX service_items_category ON service_items(category, sort);
CREATE TABLE calendar_days (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('off','work')),
    name TEXT NOT NULL
);
"#,
    // 2: residents and service cases.
    r#"
CREATE TABLE residents (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    id_number  TEXT NOT NULL UNIQUE,
    phone      TEXT NOT NULL DEFAULT '',
    estate     TEXT NOT NULL DEFAULT '',
    building   TEXT NOT NULL DEFAULT '',
    unit       TEXT NOT NULL DEFAULT '',
    room       TEXT NOT NULL DEFAULT '',
    grid       TEXT NOT NULL DEFAULT '',
    tags       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX residents_phone ON residents(phone);
CREATE TABLE counters (
    name  TEXT NOT NULL,
    day   TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (name, day)
);
CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    item_code         TEXT NOT NULL REFERENCES service_items(code),
    resident_id       INTEGER NOT NULL REFERENCES residents(id),
    operator          TEXT NOT NULL,
    channel           TEXT NOT NULL CHECK (channel IN ('window','appointment','on_behalf','home_visit')),
    state             TEXT NOT NULL CHECK (state IN ('accepted','in_progress','awaiting_materials','suspended',
                                                     'completed','returned','not_accepted')),
    before_suspension TEXT,
    received_at       TEXT NOT NULL,
    accepted_at       TEXT,
    due_date          TEXT,
    notice_deadline   TEXT,
    suspended_days    INTEGER NOT NULL DEFAULT 0,
    suspended_at      TEXT,
    completed_at      TEXT,
    rating            INTEGER CHECK (rating BETWEEN 1 AND 5),
    follow_up_due     TEXT,
    follow_up_done    INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    updated_at        TEXT NOT NULL
);
CREATE INDEX cases_state_due ON cases(state, due_date, id);
CREATE INDEX cases_resident ON cases(resident_id, id);
CREATE INDEX cases_operator ON cases(operator, state);
CREATE TABLE case_materials (
    case_id              INTEGER NOT NULL REFERENCES cases(id),
    seq                  INTEGER NOT NULL,
    name                 TEXT NOT NULL,
    required             INTEGER NOT NULL CHECK (required IN (0,1)),
    status               TEXT NOT NULL CHECK (status IN ('presented','missing','waived')),
    promised_date        TEXT,
    supplied_at          TEXT,
    original_received_at TEXT,
    original_returned_at TEXT,
    PRIMARY KEY (case_id, seq)
);
CREATE TABLE case_events (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases(id),
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT,
    reason     TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id, id);
"#,
    // 3: windows, queue tickets, appointments; category alarm thresholds and retirement.
    r#"
ALTER TABLE categories ADD COLUMN alarm_threshold INTEGER NOT NULL DEFAULT 10;
ALTER TABLE categories ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1));
CREATE TABLE windows (
    number       INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 99),
    name         TEXT NOT NULL,
    categories   TEXT NOT NULL,
    paused       TEXT,
    operator     TEXT UNIQUE,
    signed_in_at TEXT
);
CREATE TABLE queue_tickets (
    id             INTEGER PRIMARY KEY,
    day            TEXT NOT NULL,
    category       TEXT NOT NULL REFERENCES categories(code),
    issued_category TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    number         TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('waiting','called','serving','parked','done','no_show','expired')),
    green          TEXT,
    resident_id    INTEGER REFERENCES residents(id),
    appointment_id INTEGER,
    appointment_at TEXT,
    for_window     INTEGER,
    issued_at      TEXT NOT NULL,
    order_at       TEXT NOT NULL,
    window         INTEGER,
    called_at      TEXT,
    recalls        INTEGER NOT NULL DEFAULT 0,
    served_at      TEXT,
    finished_at    TEXT,
    outcome        TEXT,
    case_id        INTEGER REFERENCES cases(id),
    issued_by      TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1,
    UNIQUE (day, issued_category, seq),
    UNIQUE (day, number)
);
CREATE INDEX queue_tickets_day_state ON queue_tickets(day, state, category);
CREATE TABLE appointments (
    id           INTEGER PRIMARY KEY,
    day          TEXT NOT NULL,
    at           TEXT NOT NULL,
    category     TEXT NOT NULL REFERENCES categories(code),
    resident_id  INTEGER NOT NULL REFERENCES residents(id),
    state        TEXT NOT NULL CHECK (state IN ('booked','cancelled','checked_in','late','no_show')),
    ticket_id    INTEGER REFERENCES queue_tickets(id),
    reason       TEXT NOT NULL DEFAULT '',
    booked_by    TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX appointments_day ON appointments(day, category, at);
CREATE INDEX appointments_resident ON appointments(resident_id, day);
"#,
    // 4: mediation rooms, bookings and people's-mediation cases.
    r#"
CREATE TABLE rooms (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    capacity INTEGER NOT NULL,
    opens    TEXT NOT NULL,
    closes   TEXT NOT NULL,
    retired  INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1))
);
CREATE TABLE mediation_cases (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    dispute       TEXT NOT NULL,
    source        TEXT NOT NULL,
    mediator      TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('accepted','mediating','agreed','failed','terminated')),
    summary       TEXT NOT NULL,
    outcome       TEXT NOT NULL DEFAULT '',
    agreed_at     TEXT,
    performance   TEXT,
    follow_up_due TEXT,
    created_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX mediation_cases_mediator ON mediation_cases(mediator, state);
CREATE TABLE mediation_parties (
    case_id INTEGER NOT NULL REFERENCES mediation_cases(id),
    seq     INTEGER NOT NULL,
    name    TEXT NOT NULL,
    role    TEXT NOT NULL CHECK (role IN ('applicant','respondent')),
    contact TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, seq)
);
CREATE TABLE mediation_events (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES mediation_cases(id),
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    kind     TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mediation_events_case ON mediation_events(case_id, id);
CREATE TABLE room_bookings (
    id         INTEGER PRIMARY KEY,
    room_id    INTEGER NOT NULL REFERENCES rooms(id),
    start      TEXT NOT NULL,
    end_at     TEXT NOT NULL,
    mediator   TEXT NOT NULL,
    case_id    INTEGER REFERENCES mediation_cases(id),
    purpose    TEXT NOT NULL DEFAULT '',
    cancelled  TEXT,
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX room_bookings_start ON room_bookings(start, room_id);
"#,
    // v5: party members, their activities and every record of service (check-ins and
    // manual entries alike, so totals come from one table).
    r#"
CREATE TABLE party_members (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    female      INTEGER NOT NULL DEFAULT 0,
    phone       TEXT NOT NULL,
    id_number   TEXT NOT NULL UNIQUE,
    unit        TEXT NOT NULL,
    branch      TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    grid        TEXT NOT NULL DEFAULT '',
    reported_on TEXT NOT NULL,
    online      INTEGER NOT NULL DEFAULT 0,
    skills      TEXT NOT NULL DEFAULT '',
    intentions  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','moved_away','transferred')),
    created_at  TEXT NOT NULL
);
CREATE INDEX party_members_unit ON party_members(unit, name);
CREATE TABLE activities (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    category   TEXT NOT NULL,
    organiser  TEXT NOT NULL DEFAULT '',
    place      TEXT NOT NULL DEFAULT '',
    start      TEXT NOT NULL,
    end_at     TEXT NOT NULL CHECK (end_at > start),
    capacity   INTEGER NOT NULL CHECK (capacity > 0),
    rate       INTEGER NOT NULL CHECK (rate >= 0),
    needs      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX activities_start ON activities(start);
CREATE TABLE service_records (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES party_members(id),
    activity_id INTEGER REFERENCES activities(id),
    what        TEXT NOT NULL,
    start       TEXT NOT NULL,
    end_at      TEXT,
    auto_closed INTEGER NOT NULL DEFAULT 0,
    half_hours  INTEGER NOT NULL DEFAULT 0,
    rate        INTEGER NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('checkin','manual')),
    reason      TEXT NOT NULL DEFAULT '',
    operator    TEXT NOT NULL,
    declined    TEXT,
    created_at  TEXT NOT NULL
);
-- One check-in per member per activity, whatever two desks do at once.
CREATE UNIQUE INDEX service_records_once ON service_records(member_id, activity_id) WHERE activity_id IS NOT NULL;
CREATE INDEX service_records_member ON service_records(member_id, start);
CREATE INDEX service_records_activity ON service_records(activity_id);
CREATE INDEX service_records_start ON service_records(start);
CREATE INDEX service_records_open ON service_records(end_at) WHERE end_at IS NULL;
"#,
    // v6: reports read cases and mediation cases by the day they were taken in or closed.
    r#"
CREATE INDEX cases_accepted_at ON cases(accepted_at);
CREATE INDEX cases_completed_at ON cases(completed_at);
CREATE INDEX mediation_cases_created_at ON mediation_cases(created_at);
"#,
    // v7: every queue write first expires the open tickets of earlier days; without this the
    // search walks a year of closed tickets each time.
    r#"
CREATE INDEX queue_tickets_open ON queue_tickets(day) WHERE state IN ('waiting','called','serving','parked');
"#,
    // v8: what the member desk shows changes with members, their service records and the settings;
    // a session re-reads its 10,000 members only when this counter moved, not on every ticket.
    r#"
CREATE TABLE revisions (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO revisions (name, n) VALUES ('members', 0);
CREATE TRIGGER members_rev_1 AFTER INSERT ON party_members BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'members'; END;
CREATE TRIGGER members_rev_2 AFTER UPDATE ON party_members BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'members'; END;
CREATE TRIGGER members_rev_3 AFTER DELETE ON party_members BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'members'; END;
CREATE TRIGGER members_rev_4 AFTER INSERT ON service_records BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'members'; END;
CREATE TRIGGER members_rev_5 AFTER UPDATE ON service_records BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'members'; END;
CREATE TRIGGER members_rev_6 AFTER DELETE ON service_records BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'members'; END;
CREATE TRIGGER members_rev_7 AFTER INSERT ON settings BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'members'; END;
CREATE TRIGGER members_rev_8 AFTER UPDATE ON settings BEGIN UPDATE revisions SET n = n + 1 WHERE name = 'members'; END;
"#,
    // v9: machines as operators (kiosks take numbers, the hall display shows the board), and the
    // SSH keys of the service-account deployment. SQLite cannot widen a CHECK in place, so the
    // operators table is rebuilt with every row and id kept (nothing refers to it by foreign key).
    r#"
CREATE TABLE operators_v9 (
    id         INTEGER PRIMARY KEY,
    login      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('clerk','mediator','member_desk','supervisor','admin','kiosk','board')),
    window     INTEGER,
    retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1)),
    created_at TEXT NOT NULL
);
INSERT INTO operators_v9 (id, login, name, role, window, retired, created_at)
    SELECT id, login, name, role, window, retired, created_at FROM operators;
DROP TABLE operators;
ALTER TABLE operators_v9 RENAME TO operators;
CREATE TABLE ssh_keys (
    id          INTEGER PRIMARY KEY,
    login       TEXT NOT NULL REFERENCES operators(login),
    kind        TEXT NOT NULL,
    data        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL,
    revoked_at  TEXT,
    revoked_by  TEXT
);
-- A key opens one person's desk: never two people's, whatever two admins do at once.
CREATE UNIQUE INDEX ssh_keys_active ON ssh_keys(data) WHERE revoked_at IS NULL;
CREATE INDEX ssh_keys_login ON ssh_keys(login);
"#,
    // v10: one open number (called or being served) per window. Earlier binaries let numbers
    // stack at a window; the older of a stack are closed as expired, each with an audit row,
    // before the database starts refusing a second one.
    r#"
INSERT INTO audit_log (at, operator, action, entity, entity_id, summary)
SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), 'migration', 'ticket.expire', 'ticket', t.id,
       t.number || ' ' || t.state || ' → expired: window ' || t.window || ' had a later number open'
FROM queue_tickets t
WHERE t.state IN ('called','serving') AND EXISTS (
    SELECT 1 FROM queue_tickets n
    WHERE n.day = t.day AND n.window = t.window AND n.state IN ('called','serving')
      AND (n.called_at > t.called_at OR (n.called_at = t.called_at AND n.id > t.id)));
UPDATE queue_tickets SET state = 'expired', version = version + 1
WHERE state IN ('called','serving') AND EXISTS (
    SELECT 1 FROM queue_tickets n
    WHERE n.day = queue_tickets.day AND n.window = queue_tickets.window AND n.state IN ('called','serving')
      AND (n.called_at > queue_tickets.called_at OR (n.called_at = queue_tickets.called_at AND n.id > queue_tickets.id)));
CREATE UNIQUE INDEX queue_tickets_one_open_per_window ON queue_tickets(day, window) WHERE state IN ('called','serving');
"#,
    // v11: what a waiting row says about itself: where a transferred number came from, that a
    // no-show was put back in line, and why a number was called out of turn. Transfers and
    // reinstatements of earlier binaries are recovered from the category change and the audit trail.
    r#"
ALTER TABLE queue_tickets ADD COLUMN transferred_from TEXT;
ALTER TABLE queue_tickets ADD COLUMN transferred_window INTEGER;
ALTER TABLE queue_tickets ADD COLUMN reinstated_at TEXT;
ALTER TABLE queue_tickets ADD COLUMN call_reason TEXT
    CHECK (call_reason IN ('priority','appointment_due','transferred_here','other'));
UPDATE queue_tickets SET transferred_from = issued_category WHERE category <> issued_category;
UPDATE queue_tickets SET reinstated_at = r.at
FROM (SELECT entity_id, max(at) AS at FROM audit_log WHERE action = 'ticket.reinstate' AND entity = 'ticket'
      GROUP BY entity_id) AS r
WHERE r.entity_id = CAST(queue_tickets.id AS TEXT);
"#,
    // v12: what a visit handled (cases taken in, what-to-bring slips printed; one ticket may
    // link several cases), where a case was taken in, and each receipt printed, so that a
    // reprint says 补打 with the original window. Visits whose case only got the one-time
    // notice were recorded as 受理办件: they become 一次性告知.
    r#"
CREATE TABLE visit_items (
    id        INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES queue_tickets(id),
    case_id   INTEGER REFERENCES cases(id),
    item_code TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('case','slip')),
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    CHECK ((kind = 'case') = (case_id IS NOT NULL))
);
CREATE UNIQUE INDEX visit_items_case ON visit_items(ticket_id, case_id) WHERE case_id IS NOT NULL;
CREATE INDEX visit_items_ticket ON visit_items(ticket_id);
INSERT INTO visit_items (ticket_id, case_id, item_code, kind, at, operator)
    SELECT t.id, t.case_id, c.item_code, 'case', c.received_at, c.operator
    FROM queue_tickets t JOIN cases c ON c.id = t.case_id;
UPDATE queue_tickets SET outcome = 'notice'
WHERE outcome = 'case_accepted' AND case_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = queue_tickets.case_id AND e.kind = 'notice');
ALTER TABLE cases ADD COLUMN window INTEGER;
UPDATE cases SET window = (SELECT t.window FROM queue_tickets t WHERE t.case_id = cases.id ORDER BY t.id LIMIT 1);
CREATE TABLE case_prints (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    kind     TEXT NOT NULL CHECK (kind IN ('receipt','notice')),
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    window   INTEGER
);
CREATE INDEX case_prints_case ON case_prints(case_id, kind);
"#,
    // v13: residents changed since a time, for every session to follow others' edits without
    // reading the whole register again.
    r#"
CREATE INDEX residents_updated ON residents(updated_at);
"#,
    // v14: which database this is, made once at random: the residents' shared file beside it
    // names it, so a file left by another database at the same path is never believed.
    r#"
CREATE TABLE instance (
    name TEXT NOT NULL,
    one  INTEGER PRIMARY KEY CHECK (one = 1)
);
INSERT INTO instance (name, one) VALUES (lower(hex(randomblob(16))), 1);
"#,
    // v15: a number is never called before it was issued, whatever process writes it (the
    // demo once called a green-channel number 65 minutes early and reports counted the
    // negative wait). Rows already stored are left as they are: `check` reports them.
    r#"
CREATE TRIGGER queue_tickets_called_after_issue_insert BEFORE INSERT ON queue_tickets
WHEN NEW.called_at IS NOT NULL AND julianday(NEW.called_at) < julianday(NEW.issued_at)
BEGIN SELECT RAISE(ABORT, 'queue_tickets: called before issued'); END;
CREATE TRIGGER queue_tickets_called_after_issue_update BEFORE UPDATE OF called_at, issued_at ON queue_tickets
WHEN NEW.called_at IS NOT NULL AND julianday(NEW.called_at) < julianday(NEW.issued_at)
BEGIN SELECT RAISE(ABORT, 'queue_tickets: called before issued'); END;
"#,
    // v16: the weekly series a room booking belongs to (the id of its first date), so that a
    // series is moved or cancelled from one date on. Series booked before are found again:
    // the same mediator, room, time of day and purpose, written in the same minute.
    r#"
ALTER TABLE room_bookings ADD COLUMN series INTEGER;
UPDATE room_bookings SET series = (
    SELECT min(o.id) FROM room_bookings o
    WHERE o.mediator = room_bookings.mediator AND o.room_id = room_bookings.room_id
      AND o.created_at = room_bookings.created_at AND o.purpose = room_bookings.purpose
      AND substr(o.start, 12) = substr(room_bookings.start, 12)
      AND substr(o.end_at, 12) = substr(room_bookings.end_at, 12))
WHERE (SELECT count(*) FROM room_bookings o
    WHERE o.mediator = room_bookings.mediator AND o.room_id = room_bookings.room_id
      AND o.created_at = room_bookings.created_at AND o.purpose = room_bookings.purpose
      AND substr(o.start, 12) = substr(room_bookings.start, 12)
      AND substr(o.end_at, 12) = substr(room_bookings.end_at, 12)) > 1;
CREATE INDEX room_bookings_series ON room_bookings(series) WHERE series IS NOT NULL;
"#,
    // v17: the member desk marks a late check-in, and hours entered by hand above the approval
    // threshold or outside the current and previous quarter wait for a supervisor (not counted).
    r#"
ALTER TABLE service_records ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));
ALTER TABLE service_records ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));
CREATE INDEX service_records_pending ON service_records(id) WHERE pending = 1;
"#,
    // v18: import batches (issue 20): each import of residents or members is one batch, written in
    // chunks of rows, each chunk one transaction; every person a chunk created or changed is
    // recorded with the fields before and after, so that the batch can be undone whole.
    r#"
CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    who         TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('residents','members')),
    files       TEXT NOT NULL,
    added       INTEGER NOT NULL DEFAULT 0,
    changed     INTEGER NOT NULL DEFAULT 0,
    refused     INTEGER NOT NULL DEFAULT 0,
    chunks      INTEGER NOT NULL DEFAULT 0,
    audit_from  INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    finished_at TEXT,
    undone_at   TEXT
);
CREATE TABLE import_rows (
    batch     INTEGER NOT NULL REFERENCES import_batches(id),
    chunk     INTEGER NOT NULL,
    entity    TEXT NOT NULL CHECK (entity IN ('resident','party_member')),
    entity_id INTEGER NOT NULL,
    created   INTEGER NOT NULL CHECK (created IN (0, 1)),
    before    TEXT NOT NULL DEFAULT '',
    after     TEXT NOT NULL,
    PRIMARY KEY (batch, entity, entity_id)
);
"#,
    // v19: residents' requests on the grid (诉求): grids and their estates/buildings, the
    // service menu, partners and departments, requests with their dispatches and timeline, and
    // the hours a member earns on one. The new `grid` role widens the operators' CHECK, so that
    // table is rebuilt as in v9; the SSH keys that refer to it are set aside and put back.
    r#"
CREATE TABLE ssh_keys_v19 AS SELECT * FROM ssh_keys;
DELETE FROM ssh_keys;
CREATE TABLE operators_v19 (
    id         INTEGER PRIMARY KEY,
    login      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('clerk','mediator','member_desk','supervisor','admin','kiosk','board','grid')),
    window     INTEGER,
    retired    INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1)),
    created_at TEXT NOT NULL
);
INSERT INTO operators_v19 (id, login, name, role, window, retired, created_at)
    SELECT id, login, name, role, window, retired, created_at FROM operators;
DROP TABLE operators;
ALTER TABLE operators_v19 RENAME TO operators;
INSERT INTO ssh_keys SELECT * FROM ssh_keys_v19;
DROP TABLE ssh_keys_v19;
CREATE TABLE grids (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    leader     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE grid_places (
    id       INTEGER PRIMARY KEY,
    grid_id  INTEGER NOT NULL REFERENCES grids(id),
    estate   TEXT NOT NULL CHECK (length(estate) > 0),
    building TEXT NOT NULL DEFAULT '',
    UNIQUE (estate, building)
);
CREATE TABLE grid_staff (
    grid_id INTEGER NOT NULL REFERENCES grids(id),
    login   TEXT NOT NULL,
    PRIMARY KEY (grid_id, login)
);
CREATE TABLE request_services (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    category TEXT NOT NULL,
    provider TEXT NOT NULL CHECK (provider IN ('grid','member','partner','department')),
    response TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    skill    TEXT NOT NULL DEFAULT '',
    sort     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE contacts (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('partner','department')),
    name     TEXT NOT NULL CHECK (length(name) > 0),
    phone    TEXT NOT NULL DEFAULT '',
    services TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, name)
);
CREATE TABLE requests (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('consult','help','complaint','suggestion','order')),
    service     TEXT REFERENCES request_services(code),
    resident_id INTEGER REFERENCES residents(id),
    place       TEXT NOT NULL DEFAULT '',
    grid        TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL CHECK (length(text) > 0),
    urgency     TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal','urgent')),
    photos      TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL CHECK (source IN ('window','rounds','member_desk')),
    ticket_id   INTEGER REFERENCES queue_tickets(id),
    state       TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending','dispatched','accepted','in_progress','done','rated','supervisor')),
    reopened    INTEGER NOT NULL DEFAULT 0 CHECK (reopened IN (0,1)),
    rating      TEXT CHECK (rating IS NULL OR rating IN ('satisfied','fair','unsatisfied')),
    due_at      TEXT,
    done_at     TEXT,
    closed_at   TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    -- Only a complaint may leave the resident out (anonymous).
    CHECK (resident_id IS NOT NULL OR kind = 'complaint'),
    CHECK ((state = 'rated') = (closed_at IS NOT NULL))
);
CREATE INDEX requests_state ON requests(state, grid);
CREATE INDEX requests_created ON requests(created_at);
CREATE INDEX requests_closed ON requests(closed_at);
CREATE INDEX requests_resident ON requests(resident_id);
-- A rating is the resident's verdict on a completed request, never on one still in hand.
CREATE TRIGGER requests_rated_after_done BEFORE UPDATE OF rating ON requests
WHEN NEW.rating IS NOT NULL AND NEW.rating IS NOT OLD.rating AND OLD.state <> 'done'
BEGIN SELECT RAISE(ABORT, 'requests: rated before done'); END;
CREATE TABLE request_dispatches (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests(id),
    taker_kind  TEXT NOT NULL CHECK (taker_kind IN ('grid','member','partner','department')),
    taker_login TEXT,
    member_id   INTEGER REFERENCES party_members(id),
    contact_id  INTEGER REFERENCES contacts(id),
    taker_name  TEXT NOT NULL,
    escalated   INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0,1)),
    due_at      TEXT NOT NULL,
    by          TEXT NOT NULL,
    at          TEXT NOT NULL,
    accepted_at TEXT,
    done_at     TEXT,
    closed_at   TEXT,
    outcome     TEXT CHECK (outcome IS NULL OR outcome IN ('done','returned','escalated')),
    CHECK ((taker_kind = 'grid') = (taker_login IS NOT NULL)),
    CHECK ((taker_kind = 'member') = (member_id IS NOT NULL)),
    CHECK ((taker_kind IN ('partner','department')) = (contact_id IS NOT NULL)),
    CHECK ((closed_at IS NULL) = (outcome IS NULL))
);
-- One open dispatch per request, whatever two desks do at once.
CREATE UNIQUE INDEX request_dispatches_open ON request_dispatches(request_id) WHERE closed_at IS NULL;
-- Every list reads each request's latest dispatch: without this a year's list took seconds.
CREATE INDEX request_dispatches_request ON request_dispatches(request_id);
CREATE INDEX request_dispatches_member ON request_dispatches(member_id, at) WHERE member_id IS NOT NULL;
CREATE INDEX request_dispatches_login ON request_dispatches(taker_login) WHERE taker_login IS NOT NULL;
CREATE TABLE request_events (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_events_request ON request_events(request_id, id);
-- A member's hours for a request, once per dispatch they completed.
ALTER TABLE service_records ADD COLUMN dispatch_id INTEGER REFERENCES request_dispatches(id);
CREATE UNIQUE INDEX service_records_dispatch ON service_records(dispatch_id) WHERE dispatch_id IS NOT NULL;
"#,
    // v20: the off-site replica's heartbeat. `replicate run` stamps this one row every few
    // seconds while Litestream streams the file, so a replica's age can be read from the replica
    // itself: a quiet centre with replication running is fresh, a stopped one goes stale.
    r#"
CREATE TABLE replica_heartbeat (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    centre TEXT NOT NULL CHECK (length(trim(centre)) > 0),
    at     TEXT NOT NULL
);
"#,
];

/// The schema version this binary writes.
pub fn latest() -> u32 {
    MIGRATIONS.len() as u32
}
