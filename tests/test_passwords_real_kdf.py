"""The shipped hashing parameters: argon2id, at least argon2-cffi's defaults, rehash on change."""

from __future__ import annotations

import argon2
import pytest
from argon2 import PasswordHasher

from salon_desktop.security import passwords

pytestmark = pytest.mark.real_kdf


def test_hash_is_argon2id_with_library_defaults() -> None:
    stored = passwords.hash_password("Kevad-2026-Tulp")
    params = argon2.extract_parameters(stored)
    defaults = PasswordHasher()
    assert params.type is argon2.Type.ID
    assert params.memory_cost >= defaults.memory_cost
    assert params.time_cost >= defaults.time_cost
    assert passwords.verify_password(stored, "Kevad-2026-Tulp")
    assert not passwords.verify_password(stored, "kevad-2026-tulp")
    assert not passwords.needs_rehash(stored)


def test_weaker_hash_needs_rehash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash("Kevad-2026-Tulp")
    assert passwords.verify_password(weak, "Kevad-2026-Tulp")
    assert passwords.needs_rehash(weak)


def test_unknown_user_costs_a_real_verification() -> None:
    assert passwords.verify_password(None, "anything") is False
