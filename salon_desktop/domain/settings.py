"""Salon-wide settings as typed definitions: one place says each key's type, range and default.

Each capability that adds a setting adds it here (and to docs/settings.md); the CLI's
``settings list|set`` and the Administration screen read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from salon_desktop.domain.errors import ValidationError
from salon_desktop.i18n import N_


@dataclass(frozen=True)
class SettingDef:
    key: str
    kind: type  # int, bool or str
    default: int | bool | str
    label: str
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 200
    required: bool = False

    def parse(self, raw: str | int | bool) -> int | bool | str:
        if self.kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on", "jah", "да"):
                return True
            if text in ("0", "false", "no", "off", "ei", "нет"):
                return False
            raise ValidationError(self.key, N_("Please answer yes or no."))
        if self.kind is int:
            try:
                value = int(str(raw).strip())
            except ValueError:
                raise ValidationError(self.key, N_("Please enter a whole number.")) from None
            if (self.minimum is not None and value < self.minimum) or (
                    self.maximum is not None and value > self.maximum):
                raise ValidationError(self.key, N_("Please enter a number from {minimum} to "
                                                   "{maximum}."),
                                      minimum=self.minimum, maximum=self.maximum)
            return value
        text = str(raw).strip()
        if self.required and not text:
            raise ValidationError(self.key, N_("This field cannot be empty."))
        if len(text) > self.max_length:
            raise ValidationError(self.key, N_("Please keep this under {limit} characters."),
                                  limit=self.max_length)
        return text

    def to_text(self, value: int | bool | str) -> str:
        if self.kind is bool:
            return "true" if value else "false"
        return str(value)


SETTINGS: dict[str, SettingDef] = {d.key: d for d in (
    SettingDef("salon_name", str, "", N_("Salon name"), max_length=120, required=True),
    SettingDef("salon_registry_code", str, "", N_("Registry code"), max_length=40),
    SettingDef("salon_address", str, "", N_("Address"), max_length=200),
    SettingDef("salon_email", str, "", N_("E-mail"), max_length=200),
    SettingDef("salon_phone", str, "", N_("Phone"), max_length=40),
    SettingDef("idle_lock_minutes", int, 2, N_("Lock after minutes without input"), 1, 15),
    SettingDef("min_password_length", int, 8, N_("Minimum password length"), 8, 64),
    SettingDef("stylists_see_own_clients_only", bool, False,
               N_("Stylists see only clients they have served or are booked with")),
    SettingDef("store_health_data", bool, True, N_("Store health data")),
    SettingDef("patch_test_hard_block", bool, False,
               N_("Block bookings that need a valid patch test")),
    SettingDef("backup_reminder_days", int, 7, N_("Remind about backups after days"), 1, 90),
    SettingDef("retention_inactive_years", int, 3,
               N_("Erase clients after years without a visit or booking"), 1, 10),
    SettingDef("retention_accounting_years", int, 7,
               N_("Keep accounting records for years"), 7, 15),
)}

SALON_DETAIL_KEYS = ("salon_name", "salon_registry_code", "salon_address", "salon_email",
                     "salon_phone")


@dataclass(frozen=True)
class SalonDetails:
    """The data controller shown on client reports and the recovery sheet."""

    name: str
    registry_code: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
