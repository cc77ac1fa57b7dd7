"""First-run set-up: the salon's details and the first manager account."""

from __future__ import annotations

from dataclasses import astuple

from salon_desktop.domain.errors import SalonError, ValidationError
from salon_desktop.domain.roles import Role
from salon_desktop.domain.settings import SALON_DETAIL_KEYS, SETTINGS, SalonDetails
from salon_desktop.i18n import N_
from salon_desktop.security.passwords import hash_password
from salon_desktop.services.base import Service, public
from salon_desktop.services.staff_rules import check_new_password, check_username
from salon_desktop.storage import settings_repo, staff_repo


class AlreadySetUp(SalonError):
    msgid = N_("This salon is already set up.")


def validate_setup(details: SalonDetails, admin_username: str, admin_password: str) -> str:
    """Check the set-up form before anything is created; returns the cleaned username."""
    if not details.name.strip():
        raise ValidationError("salon_name", N_("Please enter the salon's name."))
    for key, value in zip(SALON_DETAIL_KEYS, astuple(details), strict=True):
        SETTINGS[key].parse(value)
    username = check_username(admin_username)
    check_new_password(admin_password, username=username, salon_name=details.name,
                       min_length=int(SETTINGS["min_password_length"].default))
    return username


class SetupService(Service):
    @public
    def is_set_up(self) -> bool:
        return staff_repo.count(self.db) > 0

    @public
    def set_up(self, details: SalonDetails, admin_username: str, admin_display_name: str,
               admin_password: str) -> int:
        """Store the salon's details and create the first manager; only ever once."""
        username = validate_setup(details, admin_username, admin_password)
        display = admin_display_name.strip() or username
        values = dict(zip(SALON_DETAIL_KEYS, astuple(details), strict=True))
        parsed = {k: SETTINGS[k].parse(v) for k, v in values.items()}
        with self.db.transaction():
            if staff_repo.count(self.db):
                raise AlreadySetUp()
            for key, value in parsed.items():
                settings_repo.put(self.db, key, SETTINGS[key].to_text(value))
            staff_id = staff_repo.insert(
                self.db, username=username, display_name=display, role=Role.ADMIN.value,
                password_hash=hash_password(admin_password), must_change_password=False,
                now=self.ctx.clock.now())
            self.audit("salon.setup", record_type="staff", record_id=staff_id,
                       fields=list(values))
        return staff_id
