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
];

/// The schema version this binary writes.
pub fn latest() -> u32 {
    MIGRATIONS.len() as u32
}
