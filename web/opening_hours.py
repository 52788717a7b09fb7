"""When the steunpunt's consultants can take over a chat (knowledge/swv.yml).

Read again when the file changes, so an editor's new holiday counts at once.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from web.config_file import ConfigFile

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")  # fmt: skip


@dataclass(frozen=True)
class QueueSettings:
    alarm_minutes: int
    available_minutes: int


@dataclass(frozen=True)
class OpeningHours:
    zone: ZoneInfo
    # Index 0 = Monday; None = closed that weekday.
    days: tuple[tuple[time, time] | None, ...]
    closed: frozenset[date]

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        hours = self._hours_on(local.date())
        return hours is not None and hours[0] <= local.time() < hours[1]

    def next_opening(self, moment: datetime) -> datetime | None:
        """The first moment at or after `moment` when the steunpunt is open."""
        local = moment.astimezone(self.zone)
        for offset in range(60):  # closed for two months means: nothing to promise
            day = local.date() + timedelta(days=offset)
            hours = self._hours_on(day)
            if hours is None:
                continue
            start, end = (datetime.combine(day, t, self.zone) for t in hours)
            if local < end:
                return max(start, local)
        return None

    def _hours_on(self, day: date) -> tuple[time, time] | None:
        return None if day in self.closed else self.days[day.weekday()]

    def describe_moment(self, moment: datetime, now: datetime) -> str:
        """'vandaag om 9.00 uur', 'morgen om 9.00 uur', 'maandag 4 januari om 9.00 uur'."""
        local, today = moment.astimezone(self.zone), now.astimezone(self.zone).date()
        clock = f"{local.hour}.{local.minute:02d} uur"
        if local.date() == today:
            return f"vandaag om {clock}"
        if local.date() == today + timedelta(days=1):
            return f"morgen om {clock}"
        return f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]} om {clock}"

    def describe_week(self) -> str:
        """'maandag tot en met donderdag 9.00-17.00 uur, vrijdag 9.00-13.00 uur'."""
        parts, i = [], 0
        while i < 7:
            j = i
            while j + 1 < 7 and self.days[j + 1] == self.days[i]:
                j += 1
            if self.days[i] is not None:
                start, end = self.days[i]
                days = WEEKDAYS[i] if i == j else f"{WEEKDAYS[i]} tot en met {WEEKDAYS[j]}"
                parts.append(f"{days} {start.hour}.{start.minute:02d}-{end.hour}.{end.minute:02d} uur")
            i = j + 1
        return ", ".join(parts) if parts else "op dit moment geen vaste tijden"


def _parse_hours(value: object, weekday: str) -> tuple[time, time] | None:
    if not value:
        return None
    start_text, end_text = str(value).split("-")
    start, end = time.fromisoformat(start_text.strip()), time.fromisoformat(end_text.strip())
    if start >= end:
        raise ValueError(f"openingstijden {weekday}: {value} eindigt niet na het begin")
    return start, end


@dataclass(frozen=True)
class SwvConfig:
    name: str
    colour: str
    # Other sites allowed to embed the widget (CORS origins).
    websites: tuple[str, ...]
    hours: OpeningHours
    queue: QueueSettings
    steunpunt: dict[str, str]


def parse_swv(raw: dict[str, Any]) -> SwvConfig:
    table = raw["openingstijden"]
    hours = OpeningHours(
        zone=ZoneInfo(table.get("tijdzone", "Europe/Amsterdam")),
        days=tuple(_parse_hours(table.get(day), day) for day in WEEKDAYS),
        closed=frozenset(table.get("gesloten") or []),
    )
    queue = raw.get("wachtrij") or {}
    swv = raw.get("swv") or {}
    colour = str(swv.get("kleur", "#00577a"))
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise ValueError(f"swv.kleur: {colour} is geen kleur zoals #00577a")
    return SwvConfig(
        name=str(swv.get("name", "")),
        colour=colour,
        websites=tuple(str(site).rstrip("/") for site in swv.get("websites") or []),
        hours=hours,
        queue=QueueSettings(
            alarm_minutes=int(queue.get("alarm_na_minuten", 10)),
            available_minutes=int(queue.get("beschikbaar_minuten", 5)),
        ),
        steunpunt={key: str(value) for key, value in raw["steunpunt"].items()},
    )


def swv_file(path: Path) -> ConfigFile[SwvConfig]:
    return ConfigFile(path, parse_swv)
