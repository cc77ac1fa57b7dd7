"""Staff members as the rest of the app sees them: never with the password hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salon_desktop.domain.roles import Role


@dataclass(frozen=True)
class StaffMember:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    must_change_password: bool
    created_at: datetime
    #: Failed sign-ins since the last success: the manager sees who is being guessed at.
    failed_attempts: int = 0
