"""Loading many rows at once (demo data, large imports) without paying per row for indexes.

Inside the caller's transaction: the tables' secondary indexes and the search-index
triggers are set aside and recreated from their own stored SQL afterwards, and the page
cache is enlarged meanwhile, so a million rows go in sequentially and each index is built
once by sorting. A failure rolls the whole transaction back, DDL included.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from salon_desktop.storage.database import Database

BULK_CACHE_KIB = 262_144  # 256 MiB while loading; the previous size is restored after


@contextmanager
def bulk_load(db: Database, *tables: str) -> Iterator[None]:
    """Set aside the indexes and triggers of ``tables``; the caller rebuilds any FTS index
    that the triggers fed (``INSERT INTO x(x) VALUES ('rebuild')``)."""
    with db.transaction():
        previous_cache = int(db.scalar("PRAGMA cache_size"))
        marks = ", ".join("?" * len(tables))
        objects = db.query(f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN "
                           f"({marks}) AND type IN ('index', 'trigger') AND sql IS NOT NULL "
                           f"ORDER BY type, name", tables)
        db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB:d}")
        try:
            for obj in objects:
                db.execute(f'DROP {obj["type"].upper()} "{obj["name"]}"')
            yield
            for obj in objects:
                db.execute(obj["sql"])
        finally:
            db.execute(f"PRAGMA cache_size = {previous_cache:d}")
