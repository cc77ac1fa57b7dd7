"""Signing in and out. The same message whether or not the username exists."""

from __future__ import annotations

from salon_desktop.domain.errors import AuthenticationFailed
from salon_desktop.domain.roles import Role
from salon_desktop.security.passwords import hash_password, needs_rehash, verify_password
from salon_desktop.services.base import Service, Session, public, signed_in
from salon_desktop.storage import staff_repo


class AuthService(Service):
    @public
    def sign_in(self, username: str, password: str) -> Session:
        row = staff_repo.by_username(self.db, username.strip())
        ok = verify_password(row["password_hash"] if row else None, password)
        if not ok or row is None or not row["active"]:
            with self.db.transaction():
                if row is not None:
                    staff_repo.update(self.db, row["id"],
                                      failed_attempts=row["failed_attempts"] + 1,
                                      last_failed_at=self.ctx.clock.now().isoformat())
                self.audit("auth.sign_in_failed", record_type="staff",
                           record_id=row["id"] if row is not None else None)
            raise AuthenticationFailed()
        session = Session(staff_id=row["id"], username=row["username"],
                          display_name=row["display_name"], role=Role(row["role"]),
                          must_change_password=bool(row["must_change_password"]))
        self.ctx.session = session
        with self.db.transaction():
            updates: dict[str, object] = {"failed_attempts": 0}
            if needs_rehash(row["password_hash"]):
                updates["password_hash"] = hash_password(password)
            staff_repo.update(self.db, row["id"], **updates)
            self.audit("auth.sign_in", record_type="staff", record_id=row["id"])
        return session

    @signed_in
    def sign_out(self) -> None:
        self.audit("auth.sign_out", record_type="staff", record_id=self.ctx.session.staff_id)
        self.ctx.session = None
