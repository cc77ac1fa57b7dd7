"""Rules for usernames and new passwords, shared by set-up, staff management, own password
changes and the CLI.

The password policy itself (blocklist, passphrases, the manager's minimum length) lives in
``salon_desktop.security.password_policy``; this module feeds it the salon's settings and turns
its verdict into a field error, so every place that sets a password applies the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.settings import SETTINGS
from salon_desktop.i18n import N_
from salon_desktop.security import password_policy
from salon_desktop.security.password_policy import PasswordProblem
from salon_desktop.storage import settings_repo
from salon_desktop.storage.database import Database

_USERNAME = re.compile(r"^[\w.\-]{2,40}$")


def check_username(raw: str) -> str:
    username = raw.strip()
    if not _USERNAME.fullmatch(username):
        raise ValidationError("username", N_("A username has 2–40 letters, digits, dots, "
                                             "dashes or underscores, without spaces."))
    return username


@dataclass(frozen=True)
class PolicyContext:
    """What the policy needs from the salon: its name and the manager's minimum length."""

    salon_name: str
    min_length: int


def policy_context(db: Database) -> PolicyContext:
    stored = settings_repo.get_all(db)
    length_def = SETTINGS["min_password_length"]
    try:
        min_length = int(length_def.parse(stored.get("min_password_length",
                                                     str(length_def.default))))
    except ValidationError:  # a damaged value must not weaken the policy below the default
        min_length = int(length_def.default)
    return PolicyContext(stored.get("salon_name", ""), min_length)


def password_problems(password: str, *, username: str,
                      context: PolicyContext) -> list[PasswordProblem]:
    """The live hint for a password field: every rule not met yet (empty when fine)."""
    return password_policy.password_hint(password, username=username,
                                         salon_name=context.salon_name,
                                         min_length=context.min_length)


def check_new_password(password: str, *, username: str, salon_name: str,
                       min_length: int, field: str = "password") -> None:
    """Raise a ``ValidationError`` on ``field`` naming the first rule the password breaks."""
    problem = password_policy.first_problem(password, username=username,
                                            salon_name=salon_name, min_length=min_length)
    if problem is not None:
        raise ValidationError(field, problem.msgid, rule=problem.rule.value, **problem.params)
