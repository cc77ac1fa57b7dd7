"""Version 2: the client register (contacts, language, preferences, notes)."""

SQL = """
CREATE TABLE clients (
    id          INTEGER PRIMARY KEY,
    first_name  TEXT NOT NULL,
    last_name   TEXT NOT NULL,
    phone       TEXT,
    email       TEXT,
    birth_date  TEXT,
    address     TEXT,
    language    TEXT NOT NULL DEFAULT 'et' CHECK (language IN ('et', 'ru', 'en')),
    preferences TEXT,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX clients_by_name ON clients(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
"""
