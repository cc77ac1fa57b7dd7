"""The client data report in a language the person chose, through the Privacy actions.

``ClientRights`` (``ui/privacy/client_rights.py``) always asks for the report in the client's
own language (``language=None``). The Reports section offers an override (an English
speaker whose card says Eesti), but must not copy the save / preview / print / export logic
to get it. So the actions get an environment whose ``data_subject`` service fills in the
chosen language — nothing else differs, every other service is the real one.

Interim: once ``ClientRights`` takes a ``language`` itself, this module goes and the panel
passes the language directly (asked of the lead with the Reports section).

The language is read when the service is looked up, which ``ClientRights`` does on the GUI
thread before handing the job to the worker — except after printing, where the lookup runs
on the worker: so the chosen language is a plain attribute the worker may read, never a
widget.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from salon_desktop.context import AppContext
    from salon_desktop.services.data_subject import DataSubjectService
    from ui.pages import PageEnv

Language = Callable[[], str | None]


class _SubjectInLanguage:
    """``DataSubjectService`` with ``language=`` filled in when the caller gave none."""

    def __init__(self, service: DataSubjectService, language: str | None) -> None:
        self._service, self._language = service, language

    def _with(self, options: dict[str, Any]) -> dict[str, Any]:
        if self._language is None or options.get("language") is not None:
            return options
        return {**options, "language": self._language}

    def access_report_pdf(self, client_id: int, **options: Any) -> bytes:
        return self._service.access_report_pdf(client_id, **self._with(options))

    def save_access_report(self, client_id: int, out_path: Path, **options: Any) -> Path:
        return self._service.save_access_report(client_id, out_path, **self._with(options))

    def export_json(self, client_id: int, out_path: Path, **options: Any) -> Path:
        return self._service.export_json(client_id, out_path, **self._with(options))


class _ServicesInLanguage:
    def __init__(self, services: object, language: Language) -> None:
        self._services, self._language = services, language

    @property
    def data_subject(self) -> _SubjectInLanguage:
        return _SubjectInLanguage(self._services.data_subject,  # type: ignore[attr-defined]
                                  self._language())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._services, name)


class _ContextInLanguage:
    def __init__(self, ctx: AppContext, language: Language) -> None:
        self._ctx, self._language = ctx, language

    @property
    def services(self) -> _ServicesInLanguage:
        # looked up each time: the context builds new services when the vault is reopened
        return _ServicesInLanguage(self._ctx.services, self._language)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)


def in_language(env: PageEnv, language: Language) -> PageEnv:
    """``env`` whose client data reports come in ``language()`` (``None``: the client's)."""
    return dataclasses.replace(env, ctx=cast("AppContext", _ContextInLanguage(env.ctx,
                                                                                language)))
