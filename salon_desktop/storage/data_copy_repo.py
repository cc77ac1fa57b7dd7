"""The reads behind a client's data copy (GDPR Art. 15/20) and the retention review that
are not already in another repository (SQL only)."""

from __future__ import annotations

from datetime import date

from salon_desktop.storage.database import Database, Row


def all_visits(db: Database, client_id: int) -> list[Row]:
    """Every visit, newest first (the card shows 20; the copy holds all)."""
    return db.query("SELECT v.*, s.display_name AS stylist_name FROM visits v "
                    "LEFT JOIN staff s ON s.id = v.stylist_id WHERE v.client_id = ? "
                    "ORDER BY v.started_at DESC, v.id DESC", (client_id,))


def bookings(db: Database, client_id: int) -> list[Row]:
    """Every booking, cancelled ones included, newest first."""
    return db.query("SELECT a.*, s.display_name AS stylist_name, k.name AS service_name "
                    "FROM appointments a LEFT JOIN staff s ON s.id = a.stylist_id "
                    "LEFT JOIN catalogue k ON k.id = a.service_id WHERE a.client_id = ? "
                    "ORDER BY a.starts_at DESC, a.id DESC", (client_id,))


def processing_history(db: Database, client_id: int, since: str) -> list[Row]:
    """Audit entries about the client and their bookings, oldest first, from ``since`` (the
    card's creation: row ids are reused, and an earlier client's entries are not this
    client's). Only the columns the report may show: time, action, role."""
    return db.query(
        "SELECT ts, action, staff_role FROM audit_log WHERE ts >= :since AND ("
        "(record_type = 'client' AND record_id = :client) OR (record_type = 'appointment' "
        "AND record_id IN (SELECT CAST(id AS TEXT) FROM appointments WHERE "
        "client_id = :id))) ORDER BY id", {"since": since, "client": str(client_id),
                                          "id": client_id})


def inactive_clients(db: Database, before: date) -> list[Row]:
    """Clients whose last visit, booking and card creation are all before ``before``, who
    are not restricted (Art. 18 may keep data for a legal claim) and have no open request."""
    day = before.isoformat()
    return db.query(
        "SELECT c.id, c.first_name, c.last_name, substr(c.created_at, 1, 10) AS created_on, "
        "max(coalesce((SELECT max(substr(started_at, 1, 10)) FROM visits v "
        "WHERE v.client_id = c.id), ''), coalesce((SELECT max(substr(starts_at, 1, 10)) "
        "FROM appointments a WHERE a.client_id = c.id), '')) AS last_seen "
        "FROM clients c WHERE c.restricted = 0 AND substr(c.created_at, 1, 10) < :day "
        "AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.client_id = c.id "
        "AND v.started_at >= :day) AND NOT EXISTS (SELECT 1 FROM appointments a "
        "WHERE a.client_id = c.id AND a.starts_at >= :day) AND NOT EXISTS (SELECT 1 FROM "
        "data_requests r WHERE r.client_id = c.id AND r.status = 'open') "
        "ORDER BY last_seen, c.sort_name, c.id", {"day": day})
