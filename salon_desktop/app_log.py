"""The application log: a rotating file in the data folder, for support.

It records what the app did (opened the vault, a command failed with which error class), never
personal data: messages are written by our code with ids and counts only, and exceptions from the
core carry no personal values by convention (see domain/errors.py). Secrets and client fields are
never passed to a logger; tests scan this file for seeded markers.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_DIR_NAME = "logs"
LOG_FILE_NAME = "salon-desktop.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(data_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send the root logger to ``<data_dir>/logs/salon-desktop.log`` (1 MB × 5 files).

    Returns the log path, or ``None`` when the folder is not writable (then only stderr
    warnings remain; the app must still start).
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_salon_desktop", False):
            root.removeHandler(handler)
            handler.close()
    path = data_dir / LOG_DIR_NAME / LOG_FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                       encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._salon_desktop = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
