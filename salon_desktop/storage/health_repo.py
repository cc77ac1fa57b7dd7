"""Rows of ``client_health`` and ``patch_tests`` (SQL only; the health service checks the
consent, the salon's setting and the role)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from salon_desktop.storage.database import Database, Row


def get(db: Database, client_id: int) -> Row | None:
    return db.query_one("SELECT allergies, contraindications FROM client_health "
                        "WHERE client_id = ?", (client_id,))


def put(db: Database, client_id: int, allergies: str | None, contraindications: str | None,
        staff_id: int, now: datetime) -> None:
    db.execute("INSERT INTO client_health (client_id, allergies, contraindications, updated_at, "
               "updated_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT(client_id) DO UPDATE SET "
               "allergies = excluded.allergies, contraindications = excluded.contraindications, "
               "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
               (client_id, allergies, contraindications, now.isoformat(), staff_id))


def patch_tests(db: Database, client_id: int) -> list[Row]:
    return db.query("SELECT p.*, s.display_name AS tested_by_name FROM patch_tests p "
                    "LEFT JOIN staff s ON s.id = p.tested_by WHERE p.client_id = ? "
                    "ORDER BY p.applied_at DESC, p.id DESC", (client_id,))


def add_patch_test(db: Database, client_id: int, *, product: str, applied_at: datetime,
                   tested_by: int | None, result: str, valid_until: date | None,
                   now: datetime) -> int:
    cur = db.execute(
        "INSERT INTO patch_tests (client_id, product, applied_at, tested_by, result, "
        "valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (client_id, product, applied_at.isoformat(timespec="minutes"), tested_by, result,
         None if valid_until is None else valid_until.isoformat(), now.isoformat()))
    return int(cur.lastrowid)


def patch_test_client(db: Database, test_id: int) -> int | None:
    value = db.scalar("SELECT client_id FROM patch_tests WHERE id = ?", (test_id,))
    return None if value is None else int(value)


def set_patch_test_result(db: Database, test_id: int, result: str,
                          valid_until: date | None) -> None:
    db.execute("UPDATE patch_tests SET result = ?, valid_until = ? WHERE id = ?",
               (result, None if valid_until is None else valid_until.isoformat(), test_id))


def flags(db: Database, client_id: int, today: date) -> tuple[bool, bool, date | None]:
    """(allergy on file, contraindication on file, latest valid-until of a negative test
    still valid today)."""
    row = get(db, client_id)
    until = db.scalar("SELECT max(valid_until) FROM patch_tests WHERE client_id = ? AND "
                      "result = 'negative' AND valid_until >= ?", (client_id, today.isoformat()))
    return (bool(row and row["allergies"]), bool(row and row["contraindications"]),
            None if until is None else date.fromisoformat(until))


def has_valid_patch_test(db: Database, client_id: int, start: datetime,
                         min_hours: int) -> bool:
    """A negative test applied at least ``min_hours`` before ``start`` and valid that day."""
    latest = (start - timedelta(hours=min_hours)).isoformat(timespec="minutes")
    return db.scalar("SELECT 1 FROM patch_tests WHERE client_id = ? AND result = 'negative' "
                     "AND applied_at <= ? AND (valid_until IS NULL OR valid_until >= ?) "
                     "LIMIT 1", (client_id, latest, start.date().isoformat())) is not None

