"""Salon-wide settings: anyone signed in reads them, only the manager changes them."""

from __future__ import annotations

from salon_desktop.domain.errors import ValidationError
from salon_desktop.domain.roles import Permission
from salon_desktop.domain.settings import SALON_DETAIL_KEYS, SETTINGS, SalonDetails
from salon_desktop.i18n import N_
from salon_desktop.services.base import Service, public, requires, signed_in
from salon_desktop.storage import settings_repo


class SettingsService(Service):
    def _value(self, key: str, stored: dict[str, str]) -> int | bool | str:
        definition = SETTINGS[key]
        raw = stored.get(key)
        if raw is None:
            return definition.default
        try:
            return definition.parse(raw)
        except ValidationError:
            return definition.default

    @signed_in
    def all(self) -> dict[str, int | bool | str]:
        stored = settings_repo.get_all(self.db)
        return {key: self._value(key, stored) for key in SETTINGS}

    @signed_in
    def get(self, key: str) -> int | bool | str:
        if key not in SETTINGS:
            raise ValidationError("key", N_("There is no setting called “{key}”."), key=key)
        return self._value(key, settings_repo.get_all(self.db))

    @requires(Permission.SETTINGS_MANAGE)
    def set(self, key: str, raw: str | int | bool) -> int | bool | str:
        if key not in SETTINGS:
            raise ValidationError("key", N_("There is no setting called “{key}”."), key=key)
        definition = SETTINGS[key]
        value = definition.parse(raw)
        with self.db.transaction():
            settings_repo.put(self.db, key, definition.to_text(value))
            self.audit("settings.change", record_type="setting", record_id=key)
        return value

    @public
    def salon_details(self) -> SalonDetails:
        """Public: the salon's name shows on the sign-in and lock screens."""
        stored = settings_repo.get_all(self.db)
        values = [str(self._value(k, stored)) for k in SALON_DETAIL_KEYS]
        return SalonDetails(*values)

    @public
    def value(self, key: str) -> int | bool | str:
        """Read a setting the app itself needs before sign-in (e.g. the idle lock delay)."""
        return self._value(key, settings_repo.get_all(self.db))
