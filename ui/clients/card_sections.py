"""The parts of a client card, each built from what the service returned and nothing else.

A field gets a row only when its name is in the card's ``visible_fields``: for a stylist
the phone, e-mail, address and birth date rows are never created, so no widget can hold
them. Masked fields (birth date, health details) appear as •••• with an eye button until
revealed through the service.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from salon_desktop.domain.clients import HEALTH, ClientCard, HealthInfo, PatchTestResult
from salon_desktop.domain.validation import format_phone
from salon_desktop.domain.visits import Visit
from salon_desktop.i18n import N_, _, get_translator, ngettext
from ui.clients.masked import MaskedValue
from ui.clients.texts import health_flag_line, language_label, money
from ui.icons import icon
from ui.lock.clipboard import copy_sensitive
from ui.widgets import heading, label, note

EMPTY = "—"
PATCH_RESULTS: dict[PatchTestResult, str] = {
    PatchTestResult.PENDING: N_("result pending"),
    PatchTestResult.NEGATIVE: N_("negative, may be used"),
    PatchTestResult.POSITIVE: N_("positive, do not use"),
}
COPY_TIP = N_("Copy (taken off the clipboard again after 30 seconds)")
VISIT_COLUMNS = (N_("Date"), N_("Stylist"), N_("Services"), N_("Price"),
                 N_("Colour formula"))


def value_label(text: str | None, object_name: str = "") -> QLabel:
    widget = label(word_wrap=True)
    widget.setText(text if text else EMPTY)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        widget.setObjectName(object_name)
    return widget


def contact_value(text: str | None, object_name: str) -> QWidget:
    """A phone, e-mail or address with a copy button instead of selectable text: the copy
    leaves the clipboard after 30 s and at the lock (``ui.lock.clipboard``), and nothing
    lingers in the primary selection."""
    shown = value_label(text, object_name)
    shown.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    shown.setWordWrap(False)  # beside a button a wrapping label would shrink to a column
    if not text:
        return shown
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(shown)
    copy = QToolButton()
    copy.setObjectName(f"copy_{object_name}")
    copy.setIcon(icon("copy"))
    line = shown.fontMetrics().height()
    copy.setIconSize(QSize(line, line))
    copy.setFixedSize(line + 6, line + 2)
    copy.setAutoRaise(True)
    copy.setToolTip(_(COPY_TIP))
    copy.setAccessibleName(_(COPY_TIP))
    copy.clicked.connect(lambda: copy_sensitive(text))
    row.addWidget(copy)
    row.addStretch(1)
    return box


def caption(msgid: str) -> QLabel:
    widget = label("hint", word_wrap=False)
    widget.setText(_(msgid))
    widget.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return widget


def details(card: ClientCard, revealed: dict[str, object],
            on_reveal: Callable[[str], None]) -> QWidget:
    """Contact details and preferences: short fields two to a row, long ones a row each."""
    shown = card.visible_fields
    short: list[tuple[str, QWidget]] = []
    wide: list[tuple[str, QWidget]] = []
    if "phone" in shown:
        short.append((N_("Phone"), contact_value(format_phone(card.phone), "phone")))
    if "email" in shown:
        short.append((N_("E-mail"), contact_value(card.email, "email")))
    if "birth_date" in shown:
        short.append((N_("Birth date"), _birth_date(card, revealed, on_reveal)))
    short.append((N_("Language"), value_label(language_label(card.language), "language")))
    if "favourite_stylist_id" in shown:
        short.append((N_("Favourite stylist"),
                      value_label(card.favourite_stylist, "favourite_stylist")))
    if "address" in shown:
        wide.append((N_("Address"), contact_value(card.address, "address")))
    if "preferences" in shown:
        wide.append((N_("Preferences"), value_label(card.preferences, "preferences")))
    if "notes" in shown:
        wide.append((N_("Notes"), value_label(card.notes, "notes")))

    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(12)
    grid.setVerticalSpacing(6)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)
    for position, (msgid, widget) in enumerate(short):
        row, column = divmod(position, 2)
        grid.addWidget(caption(msgid), row, column * 2)
        grid.addWidget(widget, row, column * 2 + 1)
    first_wide = grid.rowCount()
    for offset, (msgid, widget) in enumerate(wide):
        grid.addWidget(caption(msgid), first_wide + offset, 0)
        grid.addWidget(widget, first_wide + offset, 1, 1, 3)
    return box


def _birth_date(card: ClientCard, revealed: dict[str, object],
                on_reveal: Callable[[str], None]) -> QWidget:
    if "birth_date" in revealed:
        value = revealed["birth_date"]
        return value_label(get_translator().date(value) if isinstance(value, date) else None,
                           "birth_date")
    if "birth_date" not in card.masked_fields:
        return value_label(None, "birth_date")  # none on file: nothing to reveal
    masked = MaskedValue("birth_date")
    masked.reveal_clicked.connect(lambda: on_reveal("birth_date"))
    return masked


def health(card: ClientCard, revealed: dict[str, object],
           on_reveal: Callable[[str], None]) -> QWidget | None:
    """The flag line (everyone who gets it) and the masked details (roles that may read
    them); ``None`` when the service returned neither."""
    has_details = HEALTH in card.visible_fields
    consented = card.health_consent is not None and card.health_consent.given
    knows_consent = has_details or "health_consent" in card.visible_fields
    if card.health_flags is None and not has_details and not knows_consent:
        return None
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(6)
    flags = card.health_flags
    if flags is not None:
        line = QLabel(health_flag_line(flags))
        line.setObjectName("health_flags")
        warn = flags.allergy_on_file or flags.contraindication_on_file
        column.addWidget(note(line) if warn else _hint(line))
    if HEALTH in revealed and isinstance(revealed[HEALTH], HealthInfo):
        column.addWidget(_health_details(revealed[HEALTH]))  # type: ignore[arg-type]
    elif HEALTH in card.masked_fields:
        row = QWidget()
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(caption(N_("Allergies, contraindications, patch tests")), 0, 0)
        masked = MaskedValue(HEALTH)
        masked.reveal_clicked.connect(lambda: on_reveal(HEALTH))
        grid.addWidget(masked, 0, 1)
        grid.setColumnStretch(1, 1)
        column.addWidget(row)
    elif knows_consent and not consented:
        column.addWidget(_hint(QLabel(_("No consent to keep health data: nothing about "
                                        "allergies or patch tests may be recorded."))))
    return box


def _hint(widget: QLabel) -> QLabel:
    widget.setProperty("role", "hint")
    widget.setWordWrap(True)
    return widget


def _health_details(info: HealthInfo) -> QWidget:
    box = QWidget()
    grid = QGridLayout(box)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(12)
    grid.setColumnStretch(1, 1)
    translator = get_translator()
    lines = []
    for test in info.patch_tests:
        parts = [translator.date(test.applied_at.date()), test.product,
                 _(PATCH_RESULTS[test.result])]
        if test.valid_until is not None:
            parts.append(_("valid until {date}").format(date=translator.date(test.valid_until)))
        if test.tested_by:
            parts.append(test.tested_by)
        lines.append(" · ".join(parts))
    rows = ((N_("Allergies"), info.allergies, "allergies"),
            (N_("Contraindications"), info.contraindications, "contraindications"),
            (N_("Patch tests"), "\n".join(lines), "patch_tests"))
    for row, (msgid, text, name) in enumerate(rows):
        grid.addWidget(caption(msgid), row, 0)
        grid.addWidget(value_label(text, name), row, 1)
    return box


def section_title(text: str) -> QLabel:
    widget = heading(1.05)
    widget.setText(text)
    return widget


def visits_section(card: ClientCard, visits: list[Visit],
                   on_more: Callable[[], None]) -> QWidget:
    """"Visits (12)", the table newest first, and "Show older visits" while there are."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    count = max(card.visit_count, len(visits))
    column.addWidget(section_title(ngettext("Visits ({count})", "Visits ({count})",
                                            count).format(count=count)))
    if not visits:
        column.addWidget(_hint(QLabel(_("No visits recorded yet."))))
        return box
    column.addWidget(visits_table(visits))
    if len(visits) < count:
        more = QPushButton(_("Show older visits"))
        more.setObjectName("more_visits")
        more.setProperty("role", "link")
        more.clicked.connect(on_more)
        row = QHBoxLayout()
        row.addWidget(more)
        row.addStretch(1)
        column.addLayout(row)
    return box


def visits_table(visits: list[Visit]) -> QTableWidget:
    """Newest first, as the service returns them; notes in the row's tooltip."""
    table = QTableWidget(len(visits), len(VISIT_COLUMNS))
    table.setObjectName("visits")
    table.setHorizontalHeaderLabels([_(title) for title in VISIT_COLUMNS])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    translator = get_translator()
    for row, visit in enumerate(visits):
        cells = (translator.date(visit.started_at.date()), visit.stylist or EMPTY,
                 ", ".join(line.name for line in visit.lines) or EMPTY,
                 money(visit.price_cents), visit.colour_formula or "")
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if visit.notes:
                item.setToolTip(visit.notes)
            if column == 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
    header = table.horizontalHeader()
    for column in range(len(VISIT_COLUMNS)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 4
    height += sum(table.rowHeight(row) for row in range(min(len(visits), 12)))
    table.setFixedHeight(height)  # the card scrolls, not the table (up to 12 rows)
    return table
