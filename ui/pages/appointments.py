"""The Appointments section: the appointment book (``ui.booking``), for every role.

The main window reaches the page through ``MainWindow.page("appointments")`` (which builds
it if it was not shown yet) to call ``book_for_client(id, name)`` (the Clients page's
"Book"), and the lock calls ``clear()`` on it once built.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from salon_desktop.domain.roles import Permission
from salon_desktop.i18n import N_
from ui.booking.page import AppointmentsPage
from ui.pages import PageEnv, PageSpec

TITLE = N_("Appointments")


def build(env: PageEnv) -> QWidget:
    return AppointmentsPage(env)


PAGE = PageSpec("appointments", TITLE, "appointments", build,
                lambda session: session.can(Permission.BOOKING_READ),
                draft_kinds=AppointmentsPage.draft_kinds)
