"""Server-side login sessions: the browser holds a random token, the database
holds only its hash, the role and a CSRF token. Logging out deletes the row."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from web.clock import Clock, stamp
from web.staff.accounts import Account, Accounts
from web.storage.database import Database

IDLE_TIMEOUT = timedelta(hours=8)
# Failed logins per user name before it is locked for a while.
MAX_FAILURES, LOCKOUT = 5, timedelta(minutes=15)


@dataclass(frozen=True)
class Session:
    account: Account
    csrf: str

    def csrf_matches(self, token: str | None) -> bool:
        return token is not None and hmac.compare_digest(token, self.csrf)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    def __init__(self, db: Database, accounts: Accounts, clock: Clock) -> None:
        self.db, self.accounts, self.clock = db, accounts, clock
        db.create_table(
            "staff_sessions",
            {"token_hash": str, "username": str, "csrf": str, "created_at": str, "last_seen": str},
            pk="token_hash",
        )
        db.create_table("login_failures", {"username": str, "at": str}, indexes=[("username", "at")])

    def is_locked(self, username: str) -> bool:
        since = stamp(self.clock.now() - LOCKOUT)
        failures = self.db.count_where("login_failures", "username = ? and at > ?", [username.lower(), since])
        return failures >= MAX_FAILURES

    def log_in(self, username: str, password: str) -> tuple[str, Session] | None:
        """A new session token, or None (wrong password, unknown user, locked)."""
        if self.is_locked(username):
            return None
        account = self.accounts.authenticate(username, password)
        if account is None:
            self.db.insert("login_failures", {"username": username.lower(), "at": stamp(self.clock.now())})
            return None
        self.db.delete_where("login_failures", "username = ?", [account.username])
        token, csrf, now = secrets.token_urlsafe(32), secrets.token_urlsafe(24), stamp(self.clock.now())
        self.db.insert(
            "staff_sessions",
            {"token_hash": _digest(token), "username": account.username, "csrf": csrf,
             "created_at": now, "last_seen": now}
        )  # fmt: skip
        return token, Session(account, csrf)

    def get(self, token: str | None) -> Session | None:
        """The live session for this token, or None; an idle one is removed."""
        if not token:
            return None
        rows = self.db.rows_where("staff_sessions", "token_hash = ?", [_digest(token)])
        if not rows:
            return None
        row, now = rows[0], self.clock.now()
        account = self.accounts.get(row["username"])
        if account is None or datetime.fromisoformat(row["last_seen"]) < now - IDLE_TIMEOUT:
            self.db.delete_where("staff_sessions", "token_hash = ?", [row["token_hash"]])
            return None
        self.db.update("staff_sessions", row["token_hash"], {"last_seen": stamp(now)})
        return Session(account, row["csrf"])

    def log_out(self, token: str) -> None:
        self.db.delete_where("staff_sessions", "token_hash = ?", [_digest(token)])

    def online(self, within: timedelta) -> list[str]:
        """Staff whose console was open recently: someone can take a chat now."""
        since = stamp(self.clock.now() - within)
        rows = self.db.execute(
            "select distinct username from staff_sessions where last_seen > ?", [since]
        ).fetchall()
        return [row[0] for row in rows]
