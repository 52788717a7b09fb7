"""Staff accounts: who may log in to the console, and with which role."""

from dataclasses import dataclass

from web.clock import Clock, stamp
from web.staff.passwords import DUMMY_HASH, hash_password, verify_password
from web.storage.database import Database

CONSULTANT, ADMIN = "consulent", "beheerder"
ROLES = (CONSULTANT, ADMIN)
MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """A new account or password that does not meet the rules (Dutch message)."""


@dataclass(frozen=True)
class Account:
    username: str
    name: str
    role: str


class Accounts:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        db.create_table(
            "staff",
            {"username": str, "name": str, "role": str, "password_hash": str, "created_at": str,
             "active": int},
            pk="username",
        )  # fmt: skip

    def create(self, username: str, name: str, role: str, password: str) -> Account:
        username = username.strip().lower()
        if not username.isascii() or not username.replace(".", "").replace("-", "").isalnum():
            raise AccountError("Een gebruikersnaam bestaat uit letters, cijfers, punt of streepje.")
        if role not in ROLES:
            raise AccountError(f"De rol is {' of '.join(ROLES)}.")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise AccountError(f"Een wachtwoord heeft minstens {MIN_PASSWORD_LENGTH} tekens.")
        if self.db.count_where("staff", "username = ?", [username]):
            raise AccountError(f"Er is al een account {username}.")
        self.db.insert(
            "staff",
            {"username": username, "name": name.strip() or username, "role": role,
             "password_hash": hash_password(password), "created_at": stamp(self.clock.now()), "active": 1}
        )  # fmt: skip
        return Account(username, name.strip() or username, role)

    def authenticate(self, username: str, password: str) -> Account | None:
        row = self._row(username.strip().lower())
        if row is None:
            verify_password(password, DUMMY_HASH)  # same time as a real check
            return None
        if not verify_password(password, row["password_hash"]):
            return None
        return Account(row["username"], row["name"], row["role"])

    def get(self, username: str) -> Account | None:
        row = self._row(username)
        return Account(row["username"], row["name"], row["role"]) if row else None

    def all(self) -> list[Account]:
        rows = self.db.rows_where("staff", "active = 1", order_by="name")
        return [Account(r["username"], r["name"], r["role"]) for r in rows]

    def _row(self, username: str) -> dict | None:
        rows = self.db.rows_where("staff", "username = ? and active = 1", [username])
        return rows[0] if rows else None
