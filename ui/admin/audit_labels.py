"""Words for the audit log: each action code as a phrase, and the action groups of the filter.

The log stores stable codes ("staff.role_change"); the manager reads phrases. The core's
``ACTION_LABELS`` (client processing, also printed on a client's data report) come first; this
table adds the rest. An action nobody named yet shows its code, so nothing is ever hidden.
"""

from __future__ import annotations

from salon_desktop.domain.settings import SETTINGS
from salon_desktop.i18n import N_, _
from salon_desktop.services.audit_view import ACTION_LABELS, OTHER_PROCESSING

UI_ACTION_LABELS: dict[str, str] = {
    "auth.sign_in": N_("Signed in"),
    "auth.sign_in_failed": N_("Failed sign-in"),
    "auth.sign_out": N_("Signed out"),
    "auth.lock": N_("Locked the screen"),
    "auth.unlock": N_("Unlocked the screen"),
    "auth.unlock_failed": N_("Failed unlock"),
    "auth.password_change_failed": N_("Password change: wrong current password"),
    "staff.create": N_("Staff member added"),
    "staff.update": N_("Staff member's name changed"),
    "staff.role_change": N_("Role changed"),
    "staff.deactivate": N_("Staff member deactivated"),
    "staff.reactivate": N_("Staff member reactivated"),
    "staff.password_reset": N_("Temporary password set"),
    "staff.password_change": N_("Own password changed"),
    "settings.change": N_("Setting changed"),
    "salon.setup": N_("Salon set up"),
    "audit.export": N_("Audit log exported"),
    "audit.verify": N_("Audit log checked"),
    "backup.create": N_("Backup made"),
    "backup.verify": N_("Backup checked"),
    "backup.passphrase": N_("Backup passphrase set"),
    "backup.restore.discard_previous": N_("Data kept aside at a restore removed"),
    "client.view": N_("Client card opened"),
    "client.health_consent": N_("Health data consent recorded"),
    "client.health_update": N_("Health details changed"),
    "client.patch_test_add": N_("Patch test recorded"),
    "client.patch_test_result": N_("Patch test result recorded"),
    "client.restriction": N_("Processing restricted or released"),
    "consent.objection": N_("Objection to direct marketing recorded"),
    "consent.form_printed": N_("Consent form printed"),
    "consent.wording_edit": N_("Consent wording edited"),
    "health.erase": N_("Health data erased"),
    "appointment.book": N_("Booking made"),
    "appointment.move": N_("Booking moved"),
    "appointment.status": N_("Booking status changed"),
    "visit.record": N_("Visit recorded"),
    "catalogue.add": N_("Service added to the catalogue"),
    "catalogue.update": N_("Service changed in the catalogue"),
    "catalogue.activate": N_("Service shown or hidden in the catalogue"),
    "schedule.opening_hours": N_("Opening hours changed"),
    "schedule.break_add": N_("Break added"),
    "schedule.break_remove": N_("Break removed"),
    "marketing.list": N_("Marketing list made"),
    "marketing.export": N_("Marketing list exported"),
    "demo.clients_added": N_("Demo clients added"),
    "demo.data_added": N_("Demo data added"),
}

GROUP_LABELS: dict[str, str] = {
    "auth": N_("Sign-in, sign-out and lock"),
    "staff": N_("Staff accounts"),
    "settings": N_("Settings"),
    "salon": N_("Salon set-up"),
    "audit": N_("Audit log"),
    "backup": N_("Backups"),
    "client": N_("Clients"),
    "consent": N_("Consents"),
    "health": N_("Health data"),
    "appointment": N_("Appointments"),
    "booking": N_("Appointments"),
    "visit": N_("Visits"),
    "catalogue": N_("Services catalogue"),
    "schedule": N_("Opening hours and breaks"),
    "marketing": N_("Marketing lists"),
    "report": N_("Data reports"),
    "data": N_("Data exports"),
    "demo": N_("Demo data"),
}

RECORD_TYPES: dict[str, str] = {
    "client": N_("Client {id}"),
    "staff": N_("Staff member {id}"),
    "setting": N_("Setting: {id}"),
    "appointment": N_("Booking {id}"),
    "visit": N_("Visit {id}"),
    "audit_log": N_("Audit log"),
}
GROUP_ALL = N_("{group}: all")
NOBODY = "—"


def action_msgid(action: str, label: str | None = None) -> str | None:
    """The msgid naming ``action`` (``label`` is the core's, when the record carries one)."""
    if label and label != OTHER_PROCESSING:
        return label
    return ACTION_LABELS.get(action) or UI_ACTION_LABELS.get(action)


def action_text(action: str, label: str | None = None) -> str:
    msgid = action_msgid(action, label)
    return _(msgid) if msgid else action


def group_of(action: str) -> str:
    return action.split(".", 1)[0]


def group_text(prefix: str) -> str:
    """A group's name for the filter ("Staff accounts: all"), or its code when unnamed."""
    msgid = GROUP_LABELS.get(prefix)
    return _(GROUP_ALL).format(group=_(msgid) if msgid else f"{prefix}.*")


def record_text(record_type: str | None, record_id: str | None) -> str:
    """"Client 42", "Setting: Minimum password length"; unknown types as stored."""
    if not record_type:
        return ""
    msgid = RECORD_TYPES.get(record_type)
    if msgid is None:
        return f"{record_type} {record_id or ''}".strip()
    shown = record_id or ""
    definition = SETTINGS.get(shown) if record_type == "setting" else None
    if definition is not None:
        shown = _(definition.label)
    return _(msgid).format(id=shown)
