"""Where the salon's data lives: --data-dir, then SALON_DESKTOP_DATA_DIR, then the platform's
user data folder (platformdirs), so IT helpers and scripts can point at another vault."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

ENV_DATA_DIR = "SALON_DESKTOP_DATA_DIR"
APP_DIR_NAME = "SalonDesktop"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return user_data_path(APP_DIR_NAME, appauthor=False)


def resolve_demo_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The demo salon has its own folder (and so its own vault id and keyring entry), so
    trying the demo can never touch the real salon's data. An explicit --data-dir wins."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    return user_data_path(f"{APP_DIR_NAME}-Demo", appauthor=False)
