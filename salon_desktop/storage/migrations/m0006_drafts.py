"""Version 6: drafts, the unsaved edits a lock put aside for the staff member who typed them.

When the screen locks with a client card or a booking half-edited, the typed text must be
neither lost nor shown to the next person at the desk. It is kept here, in the encrypted
database, under the staff member's id, and offered back only to them (services/drafts.py).
A draft is short-lived: older than a day it is discarded (and audited) at the next sign-in,
and ``secure_delete`` overwrites the freed pages.

``(staff_id, kind, key)`` is unique: locking twice with the same card open keeps one draft,
the newer text. ``payload_json`` is whatever the form needs to put its fields back; it never
reaches the audit log or the application log.
"""

SQL = """
CREATE TABLE drafts (
    id           INTEGER PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    saved_at     TEXT NOT NULL,
    UNIQUE (staff_id, kind, key)
);
CREATE INDEX drafts_saved_at ON drafts (saved_at);
"""
