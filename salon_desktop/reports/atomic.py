"""Writing a file so that it is either complete or not there at all.

Consent forms and marketing lists hold personal data: a crash, a full disk or a pulled USB
stick must not leave half a file behind (that someone would then print or upload). The file
is produced in a temporary file next to the target, flushed to disk, then renamed over it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from salon_desktop.domain.errors import SalonError
from salon_desktop.i18n import N_


class FileNotSaved(SalonError):
    """The file could not be written. No parameters: the path may contain a person's user
    name, and errors reach the logs."""

    msgid = N_("The file could not be saved.")
    way_out = N_("Way out: check that the folder exists and can be written to, that the disk "
                 "is not full and that the file is not open in another program, then try "
                 "again.")


def write_atomically(out_path: Path, produce: Callable[[Path], None],
                     error: type[SalonError] = FileNotSaved) -> None:
    """Call ``produce(temp_path)``, fsync, then ``os.replace`` onto ``out_path``.

    An ``OSError`` anywhere becomes ``error()``; any failure removes the temporary file.
    """
    out_path = Path(out_path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out_path.stem}.", suffix=".tmp",
                                             dir=out_path.parent)
    except OSError:
        raise error() from None
    os.close(handle)
    temp_path = Path(temp_name)
    try:
        produce(temp_path)
        with temp_path.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp_path, out_path)
    except OSError:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise error() from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise
