"""Version 3: the client card's health section, the search index, the service catalogue,
visits, the appointment book, opening hours and breaks.

The search index is an FTS5 table over a view (external content), kept in sync by triggers,
so it follows every insert, edit and delete without the services remembering to. It has two
columns: ``name`` (first and last name) and ``contact`` (e-mail and the phone's digits in the
forms people type, from ``clients.phone_search``); a stylist's search is restricted to
``name`` so contact data never decides what a stylist finds. ``ё`` is folded to ``е`` in the
view because unicode61 treats it as a letter of its own.

Times in the appointment book are the salon's local wall-clock time (``YYYY-MM-DDTHH:MM``),
like the paper book they replace; audit entries stay UTC.
"""

from __future__ import annotations

from salon_desktop.storage.database import Database

_NAME = "replace(replace({r}.first_name || ' ' || {r}.last_name, 'ё', 'е'), 'Ё', 'Е')"
_CONTACT = "coalesce({r}.email, '') || ' ' || coalesce({r}.phone_search, '')"


def _fts_row(r: str) -> str:
    return f"{r}.id, {_NAME.format(r=r)}, {_CONTACT.format(r=r)}"


SQL = f"""
ALTER TABLE clients ADD COLUMN favourite_stylist_id INTEGER REFERENCES staff(id);
ALTER TABLE clients ADD COLUMN health_consent INTEGER CHECK (health_consent IN (0, 1));
ALTER TABLE clients ADD COLUMN health_consent_at TEXT;
ALTER TABLE clients ADD COLUMN health_consent_by INTEGER REFERENCES staff(id);
-- Derived when written (storage/clients_repo.py): the phone's digits as typed with and
-- without +372, and "last first" with case and accents folded, the list's sort order
-- (NOCASE folds only ASCII: Šmidt would sort after Zukov).
ALTER TABLE clients ADD COLUMN phone_search TEXT;
ALTER TABLE clients ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';

DROP INDEX clients_by_name;
CREATE INDEX clients_by_sort_name ON clients(sort_name);
-- Small and dense: sorting a few thousand search matches reads this, not the rows.
CREATE INDEX clients_by_id_sort ON clients(id, sort_name);
CREATE INDEX clients_by_phone ON clients(phone);
CREATE INDEX clients_by_email ON clients(email COLLATE NOCASE);
CREATE INDEX clients_by_birth_date ON clients(birth_date);

CREATE VIEW clients_search_source AS
SELECT {_NAME.format(r="c")} AS name, {_CONTACT.format(r="c")} AS contact, c.id AS id
FROM clients AS c;

CREATE VIRTUAL TABLE clients_fts USING fts5(
    name, contact,
    content = 'clients_search_source', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER clients_fts_insert AFTER INSERT ON clients BEGIN
    INSERT INTO clients_fts (rowid, name, contact) VALUES ({_fts_row("new")});
END;

CREATE TRIGGER clients_fts_delete AFTER DELETE ON clients BEGIN
    INSERT INTO clients_fts (clients_fts, rowid, name, contact)
    VALUES ('delete', {_fts_row("old")});
END;

CREATE TRIGGER clients_fts_update
AFTER UPDATE OF first_name, last_name, email, phone_search ON clients BEGIN
    INSERT INTO clients_fts (clients_fts, rowid, name, contact)
    VALUES ('delete', {_fts_row("old")});
    INSERT INTO clients_fts (rowid, name, contact) VALUES ({_fts_row("new")});
END;

CREATE TABLE client_health (
    client_id         INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    allergies         TEXT,
    contraindications TEXT,
    updated_at        TEXT NOT NULL,
    updated_by        INTEGER REFERENCES staff(id)
);

CREATE TABLE patch_tests (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    product     TEXT NOT NULL,
    applied_at  TEXT NOT NULL,
    tested_by   INTEGER REFERENCES staff(id),
    result      TEXT NOT NULL CHECK (result IN ('pending', 'negative', 'positive')),
    valid_until TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX patch_tests_by_client ON patch_tests(client_id, applied_at);

CREATE TABLE catalogue (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
    price_cents      INTEGER NOT NULL CHECK (price_cents >= 0),
    needs_patch_test INTEGER NOT NULL DEFAULT 0,
    active           INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX catalogue_active_name ON catalogue(name COLLATE NOCASE) WHERE active = 1;

CREATE TABLE appointments (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER REFERENCES clients(id),
    stylist_id INTEGER NOT NULL REFERENCES staff(id),
    service_id INTEGER NOT NULL REFERENCES catalogue(id),
    starts_at  TEXT NOT NULL,
    ends_at    TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'booked'
               CHECK (status IN ('booked', 'arrived', 'done', 'no_show', 'cancelled')),
    notes      TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX appointments_by_stylist ON appointments(stylist_id, starts_at);
CREATE INDEX appointments_by_start ON appointments(starts_at);
CREATE INDEX appointments_by_client ON appointments(client_id, starts_at);

CREATE TABLE visits (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients(id),
    stylist_id     INTEGER REFERENCES staff(id),
    appointment_id INTEGER REFERENCES appointments(id),
    started_at     TEXT NOT NULL,
    price_cents    INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    notes          TEXT,
    colour_formula TEXT,
    created_at     TEXT NOT NULL,
    created_by     INTEGER REFERENCES staff(id)
);
CREATE INDEX visits_by_client ON visits(client_id, started_at);
CREATE INDEX visits_by_stylist ON visits(stylist_id, client_id);

-- The service's name and price as they were on the day (the catalogue changes later).
CREATE TABLE visit_services (
    visit_id    INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    service_id  INTEGER REFERENCES catalogue(id),
    name        TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    PRIMARY KEY (visit_id, position)
) WITHOUT ROWID;

-- weekday: 0 = Monday … 6 = Sunday; no hours = closed that day.
CREATE TABLE opening_hours (
    weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 0 AND 6),
    opens   TEXT,
    closes  TEXT,
    CHECK ((opens IS NULL) = (closes IS NULL)),
    CHECK (opens IS NULL OR closes > opens)
);
INSERT INTO opening_hours (weekday, opens, closes) VALUES
    (0, '09:00', '19:00'), (1, '09:00', '19:00'), (2, '09:00', '19:00'),
    (3, '09:00', '19:00'), (4, '09:00', '19:00'), (5, '10:00', '16:00'), (6, NULL, NULL);

-- A recurring break on a weekday, for one stylist or (stylist_id NULL) the whole salon.
CREATE TABLE breaks (
    id         INTEGER PRIMARY KEY,
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    stylist_id INTEGER REFERENCES staff(id) ON DELETE CASCADE,
    starts     TEXT NOT NULL,
    ends       TEXT NOT NULL,
    CHECK (ends > starts)
);
"""


def after(db: Database) -> None:
    """Normalise the phone numbers already stored, derive the search columns and index
    every existing client."""
    from salon_desktop.domain.client_search import sort_name
    from salon_desktop.domain.validation import phone_search_text, try_normalise_phone

    # Index the rows as they are first: the update trigger below removes each row's old
    # entry, which must exist (FTS5 'delete' of an unindexed row corrupts the index).
    db.execute("INSERT INTO clients_fts (clients_fts) VALUES ('rebuild')")
    updates = []
    for row in db.query("SELECT id, first_name, last_name, phone FROM clients"):
        phone = (try_normalise_phone(row["phone"]) or row["phone"]) if row["phone"] else None
        updates.append((phone, phone_search_text(phone),
                        sort_name(row["first_name"], row["last_name"]), row["id"]))
    db.executemany("UPDATE clients SET phone = ?, phone_search = ?, sort_name = ? "
                   "WHERE id = ?", updates)
    db.execute("INSERT INTO clients_fts (clients_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0)')")
