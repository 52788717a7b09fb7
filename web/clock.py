"""What time it is, injectable: opening hours and waiting times depend on it,
and tests must be able to say "it is Saturday night" or "a day later"."""

from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class ShiftedClock:
    """Real time moved to start at `start`: a gateway started by a test in
    another process believes it is that moment, and time still passes."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(timezone.utc)

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self._offset

    def advance(self, delta: timedelta) -> None:
        self._offset += delta


def stamp(moment: datetime) -> str:
    """How the gateway stores a moment: ISO 8601 in UTC, sortable as text."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds")
