"""Staff password policy (placeholder: length only; the staff issue brings the full rules).

``first_problem`` returns the msgid of the first rule the password breaks, or ``None``.
"""

from __future__ import annotations

from salon_desktop.i18n import N_

MAX_LENGTH = 1024


def first_problem(password: str, *, username: str = "", salon_name: str = "",
                  min_length: int = 8) -> str | None:
    if len(password) < min_length:
        return N_("Use at least {min_length} characters.")
    if len(password) > MAX_LENGTH:
        return N_("Use at most 1024 characters.")
    return None
