"""Version 1: salon settings, staff accounts and the append-only, hash-chained audit log."""

SQL = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE staff (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name         TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'reception', 'stylist')),
    password_hash        TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    active               INTEGER NOT NULL DEFAULT 1,
    failed_attempts      INTEGER NOT NULL DEFAULT 0,
    last_failed_at       TEXT,
    ui_language          TEXT,
    created_at           TEXT NOT NULL
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    ts          TEXT NOT NULL,
    staff_id    INTEGER REFERENCES staff(id),
    staff_role  TEXT,
    workstation TEXT NOT NULL,
    source      TEXT NOT NULL,
    action      TEXT NOT NULL,
    record_type TEXT,
    record_id   TEXT,
    fields      TEXT,
    detail      TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);

-- The chain's head, updated in the same transaction as each entry, so dropping entries from
-- the end of the log is detected too.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    count     INTEGER NOT NULL,
    last_id   INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);

CREATE INDEX audit_log_record ON audit_log(record_type, record_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
"""
