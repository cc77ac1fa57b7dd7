"""Version 5: the erasure journal, so a restored backup cannot bring an erased client back.

A backup taken before a client was erased (GDPR Art. 17) still holds the client. The journal
lives in the live database and survives a restore: before the swap the restore reads it from
the database being replaced, erases every journalled client that the backup still holds and
copies the journal rows over (``backup/restore.py``, ``storage/erasure.py``).

It keeps only what identifying *the record* needs, never the person: the client's row id and
the row's ``created_at`` stamp. Row ids alone are not enough because ``clients.id`` has no
AUTOINCREMENT: erasing the newest client frees its id for the next new client, who must not
be erased by a later restore. ``by_staff`` has no foreign key: the journal is carried into a
restored database whose staff table may not hold that member.
"""

SQL = """
CREATE TABLE erasure_journal (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL,
    client_created_at TEXT,
    erased_at         TEXT NOT NULL,
    by_staff          INTEGER,
    UNIQUE (client_id, client_created_at)
);
"""
