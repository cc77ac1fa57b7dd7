"""Rules for usernames and new passwords, shared by set-up, staff management and the CLI.

The full password policy (blocklist, passphrases, the manager's minimum length) lives in
``salon_desktop.security.password_policy``; this module turns its verdict into field errors.
"""

from __future__ import annotations

import re

from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import N_
from salon_desktop.security import password_policy

_USERNAME = re.compile(r"^[\w.\-]{2,40}$")


def check_username(raw: str) -> str:
    username = raw.strip()
    if not _USERNAME.fullmatch(username):
        raise ValidationError("username", N_("A username has 2–40 letters, digits, dots, "
                                             "dashes or underscores, without spaces."))
    return username


def check_new_password(password: str, *, username: str, salon_name: str,
                       min_length: int) -> None:
    problem = password_policy.first_problem(password, username=username,
                                            salon_name=salon_name, min_length=min_length)
    if problem is not None:
        raise ValidationError("password", problem, min_length=min_length)
