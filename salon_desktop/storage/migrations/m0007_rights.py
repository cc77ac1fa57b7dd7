"""Version 7: clients' rights — the requests register, the record of processing (Art. 30)
with its security measures (Art. 32), and visits that outlive an erased client.

``data_requests`` has no foreign key to ``clients`` on purpose: the erasure (which deletes
every row that references the client, ``storage/erasure.py``) must leave the register entry
as proof the request was handled; the erasure sets its ``client_id`` to NULL instead, since
row ids are reused and must not point at the next client.

``visits.client_id`` becomes optional, with ``anon_ref`` (a random id shared by one erased
client's visits) and ``keep_until`` (end of the accounting retention): the Accounting Act
keeps a visit's date, services and price for seven years, while the person behind it must
go. SQLite cannot drop a NOT NULL, so the table is rebuilt. Renaming it would make its
children's foreign keys follow the old name (foreign keys are on and cannot be switched off
inside the migration's transaction), so the new table is filled, the children's rows are put
aside, the old table is dropped (its cascade empties the children) and the children's rows
are put back — for every table that references ``visits``, not only ``visit_services``.
"""

from __future__ import annotations

from salon_desktop.domain.processing_record import ACTIVITY_KEYS, MEASURES, RecipientKind
from salon_desktop.storage.database import Database

_KINDS = "('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection')"
_RECIPIENTS = "(" + ", ".join(f"'{k.value}'" for k in RecipientKind) + ")"

SQL = f"""
CREATE TABLE data_requests (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN {_KINDS}),
    client_id        INTEGER,
    client_erased    INTEGER NOT NULL DEFAULT 0 CHECK (client_erased IN (0, 1)),
    received_on      TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    extended         INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
    extension_reason TEXT,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'refused')),
    handled_by       INTEGER REFERENCES staff(id),
    note             TEXT,
    closed_on        TEXT,
    outcome          TEXT,
    created_at       TEXT NOT NULL,
    created_by       INTEGER REFERENCES staff(id),
    CHECK (extended = 0 OR extension_reason IS NOT NULL),
    CHECK ((status = 'open') = (closed_on IS NULL)),
    CHECK (due_on > received_on)
);
CREATE INDEX data_requests_by_status ON data_requests(status, due_on);
CREATE INDEX data_requests_by_client ON data_requests(client_id);

CREATE TABLE processing_activities (
    key           TEXT PRIMARY KEY,
    last_reviewed TEXT,
    reviewed_by   INTEGER REFERENCES staff(id)
) WITHOUT ROWID;

-- The salon's own wording of an activity's text in one language (else the catalog's).
CREATE TABLE processing_texts (
    activity_key TEXT NOT NULL REFERENCES processing_activities(key),
    field        TEXT NOT NULL CHECK (field IN ('purpose', 'data', 'legal_basis', 'retention')),
    language     TEXT NOT NULL CHECK (language IN ('et', 'ru', 'en')),
    text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
    updated_at   TEXT NOT NULL,
    updated_by   INTEGER REFERENCES staff(id),
    PRIMARY KEY (activity_key, field, language)
) WITHOUT ROWID;

CREATE TABLE processing_recipients (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN {_RECIPIENTS}),
    name     TEXT NOT NULL DEFAULT '',
    note     TEXT,
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position INTEGER NOT NULL
);

CREATE TABLE security_measures (
    id           INTEGER PRIMARY KEY,
    key          TEXT UNIQUE,
    text         TEXT,
    holder       TEXT NOT NULL DEFAULT '',
    physical     INTEGER NOT NULL CHECK (physical IN (0, 1)),
    last_checked TEXT,
    checked_by   INTEGER REFERENCES staff(id),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    position     INTEGER NOT NULL,
    CHECK (key IS NOT NULL OR length(trim(text)) > 0)
);
"""

_VISITS = """
CREATE TABLE visits_v7 (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER REFERENCES clients(id),
    stylist_id     INTEGER REFERENCES staff(id),
    appointment_id INTEGER REFERENCES appointments(id),
    started_at     TEXT NOT NULL,
    price_cents    INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    notes          TEXT,
    colour_formula TEXT,
    created_at     TEXT NOT NULL,
    created_by     INTEGER REFERENCES staff(id),
    anon_ref       TEXT,
    keep_until     TEXT,
    CHECK (client_id IS NOT NULL OR anon_ref IS NOT NULL),
    CHECK (client_id IS NULL OR (anon_ref IS NULL AND keep_until IS NULL))
)"""
_COLUMNS = ("id, client_id, stylist_id, appointment_id, started_at, price_cents, notes, "
            "colour_formula, created_at, created_by")
_INDEXES = (
    "CREATE INDEX visits_by_client ON visits(client_id, started_at)",
    "CREATE INDEX visits_by_stylist ON visits(stylist_id, client_id)",
    "CREATE INDEX visits_anonymised ON visits(keep_until) WHERE client_id IS NULL",
    # Erasing a booking unlinks the visits made from it; without this index each deleted
    # booking scans every visit (the foreign key check and the unlink alike).
    "CREATE INDEX visits_by_appointment ON visits(appointment_id)",
)

_RECIPIENT_SEED = (RecipientKind.ACCOUNTANT, RecipientKind.SMS, RecipientKind.EMAIL,
                   RecipientKind.IT_SUPPORT, RecipientKind.AUTHORITIES)


def _children_of_visits(db: Database) -> list[str]:
    tables = [r[0] for r in db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    return [t for t in tables
            if any(r["table"] == "visits" for r in db.query(f'PRAGMA foreign_key_list("{t}")'))]


def rebuild_visits(db: Database) -> None:
    children = _children_of_visits(db)
    db.execute(_VISITS)
    db.execute(f"INSERT INTO visits_v7 ({_COLUMNS}) SELECT {_COLUMNS} FROM visits")
    for child in children:
        db.execute(f'CREATE TEMP TABLE "aside_{child}" AS SELECT * FROM "{child}"')
    db.execute("DROP TABLE visits")
    db.execute("ALTER TABLE visits_v7 RENAME TO visits")
    for statement in _INDEXES:
        db.execute(statement)
    for child in children:
        db.execute(f'INSERT INTO "{child}" SELECT * FROM temp."aside_{child}"')
        db.execute(f'DROP TABLE temp."aside_{child}"')


def after(db: Database) -> None:
    rebuild_visits(db)
    db.executemany("INSERT INTO processing_activities (key) VALUES (?)",
                   [(key,) for key in ACTIVITY_KEYS])
    db.executemany("INSERT INTO processing_recipients (kind, position) VALUES (?, ?)",
                   [(kind.value, n) for n, kind in enumerate(_RECIPIENT_SEED)])
    db.executemany("INSERT INTO security_measures (key, physical, position) VALUES (?, ?, ?)",
                   [(key, int(physical), n) for n, (key, _text, physical)
                    in enumerate(MEASURES)])
