"""Every public method of every service declares who may call it (@requires, @signed_in or
@public), so a new method cannot forget its permission check."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import salon_desktop.services as services_package
from salon_desktop.services.base import Service


def _all_service_classes() -> list[type[Service]]:
    for info in pkgutil.walk_packages(services_package.__path__,
                                      f"{services_package.__name__}."):
        importlib.import_module(info.name)
    found: list[type[Service]] = []
    pending = list(Service.__subclasses__())
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return [c for c in found if c.__module__.startswith(services_package.__name__)]


def _undeclared(cls: type[Service]) -> list[str]:
    missing = []
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") or hasattr(Service, name):
            continue  # private helpers, and the base class's own (audit, db)
        if isinstance(inspect.getattr_static(cls, name), property):
            continue
        if callable(member) and not hasattr(member, "__requires__"):
            missing.append(f"{cls.__module__}.{cls.__name__}.{name}")
    return missing


def test_services_are_found() -> None:
    names = {cls.__name__ for cls in _all_service_classes()}
    assert {"AuthService", "StaffService", "AuditService", "SettingsService"} <= names


def test_every_public_service_method_declares_its_permission() -> None:
    missing = [m for cls in _all_service_classes() for m in _undeclared(cls)]
    assert missing == [], ("decorate these with @requires(Permission…), @signed_in or "
                           f"@public: {missing}")


def test_the_check_catches_an_undecorated_method() -> None:
    class Careless(Service):
        def leak(self) -> None: ...

    assert _undeclared(Careless) == [f"{__name__}.Careless.leak"]
