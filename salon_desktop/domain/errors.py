"""Typed errors with translated, personal-data-free messages.

Every error the user may see carries an English msgid (extracted into the catalogs) and
named parameters. ``str(error)`` is English for logs and support; ``user_message()`` is in the
user's language. Parameters must never hold personal data: exceptions end up in logs.
"""

from __future__ import annotations

from typing import Any, ClassVar

from salon_desktop.i18n import N_, Translator, get_translator


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural message for extraction; ``SalonError`` picks the form when shown."""
    return singular, plural


class SalonError(Exception):
    msgid: ClassVar[str] = N_("Something went wrong. Please try again.")
    #: For messages with a count: (singular, plural) and the parameter that holds the count.
    plural: ClassVar[tuple[str, str] | None] = None
    plural_param: ClassVar[str] = ""
    #: What the user can do about it; shown under the message.
    way_out: ClassVar[str] = ""
    #: Parameters whose values are msgids themselves (a backup's ``reason``): translated when
    #: shown, so the whole sentence is in one language. A missing or empty one shows as "".
    #: ``params`` itself keeps the English value, for ``str(error)`` and for callers.
    translated_params: ClassVar[tuple[str, ...]] = ()

    def __init__(self, msgid: str | None = None, **params: Any) -> None:
        if msgid is None and self.plural is not None:
            count = int(params.get(self.plural_param, 0))
            msgid = self.plural[0] if count == 1 else self.plural[1]
        self.msgid_used = msgid or self.msgid
        self.params = params
        super().__init__(self._format(self.msgid_used))

    def _format(self, text: str, params: dict[str, Any] | None = None) -> str:
        try:
            return text.format(**(self.params if params is None else params))
        except (KeyError, IndexError, ValueError):
            return text

    def _shown_params(self, t: Translator) -> dict[str, Any]:
        """``params`` with the ``translated_params`` in the reader's language (a copy: the
        error may be shown in two languages, or logged, after this)."""
        if not self.translated_params:
            return self.params
        shown = dict(self.params)
        for name in self.translated_params:
            value = str(shown.get(name) or "")
            shown[name] = t.gettext(value) if value else ""
        return shown

    def user_message(self, translator: Translator | None = None) -> str:
        t = translator or get_translator()
        params = self._shown_params(t)
        if self.plural is not None and self.msgid_used in self.plural:
            count = int(self.params.get(self.plural_param, 0))
            text = self._format(t.ngettext(self.plural[0], self.plural[1], count), params)
        else:
            text = self._format(t.gettext(self.msgid_used), params)
        if self.way_out:
            text = f"{text}\n\n{self._format(t.gettext(self.way_out), params)}"
        return text


class ValidationError(SalonError):
    """Bad input in one field; the UI shows it next to that field."""

    msgid = N_("Please check this field.")

    def __init__(self, field: str, msgid: str | None = None, **params: Any) -> None:
        self.field = field
        super().__init__(msgid, **params)


class PermissionDenied(SalonError):
    msgid = N_("Your role does not allow this.")


class NotSignedIn(SalonError):
    msgid = N_("Please sign in first.")


class PasswordChangeRequired(SalonError):
    msgid = N_("Please change your temporary password first.")


class NotFound(SalonError):
    msgid = N_("The record was not found. It may have been erased.")


class AuthenticationFailed(SalonError):
    # The same words whether or not the user exists: no user enumeration.
    msgid = N_("Wrong username or password.")


class SignInThrottled(SalonError):
    plural = N_plural("Too many failed attempts. Please wait {seconds} second and try again.",
                      "Too many failed attempts. Please wait {seconds} seconds and try again.")
    plural_param = "seconds"

    @property
    def seconds(self) -> int:
        """How long the sign-in button should wait."""
        return int(self.params.get("seconds", 0))
