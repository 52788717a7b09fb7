"""Read a date in the past from how Dutch parents write it:
"15 maart", "15-3", "15/3/2026", "2026-03-15", "gisteren", "vorige week dinsdag",
"afgelopen maandag", "3 weken geleden", "twee dagen geleden".

A date without a year is the most recent such day up to today: people
tell us when something *happened*.
"""

import re
from datetime import date, timedelta
from typing import Optional

MONTH_NAMES = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip
WEEKDAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = {
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {name: number for number, name in enumerate(WEEKDAY_NAMES)}
NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "paar": 2,
}  # fmt: skip
UNIT_DAYS = {"dag": 1, "dagen": 1, "week": 7, "weken": 7, "maand": 30, "maanden": 30, "jaar": 365}

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?\b")
_WRITTEN = re.compile(rf"\b(\d{{1,2}})(?:e|ste|de)?\s+({_MONTH_NAMES})\.?(?:\s+(\d{{4}}))?\b")
_AGO = re.compile(r"\b(\d{1,2}|[a-zé]+)\s+(dag|dagen|week|weken|maand|maanden)\s+(?:geleden|terug)\b")
_LAST_WEEKDAY = re.compile(rf"\b(vorige week|afgelopen|vorige)?\s*({'|'.join(WEEKDAYS)})\b")


def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_year(year: int) -> int:
    return year + 2000 if year < 100 else year


def _most_recent(month: int, day: int, today: date) -> Optional[date]:
    """The latest (month, day) on or before today; 29 February goes back to a leap year."""
    for year in range(today.year, today.year - 8, -1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= today:
            return candidate
    return None


def _months_back(today: date, months: int) -> date:
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    for day in range(today.day, 0, -1):
        result = _safe_date(year, month + 1, day)
        if result is not None:
            return result
    raise AssertionError("unreachable: day 1 always exists")


def _explicit(text: str, today: date) -> Optional[date]:
    if match := _ISO.search(text):
        year, month, day = (int(g) for g in match.groups())
        return _safe_date(year, month, day)
    if match := _WRITTEN.search(text):
        day, month = int(match.group(1)), MONTHS[match.group(2)]
        if match.group(3):
            return _safe_date(int(match.group(3)), month, day)
        return _most_recent(month, day, today)
    if match := _NUMERIC.search(text):
        day, month = int(match.group(1)), int(match.group(2))
        if match.group(3):
            return _safe_date(_full_year(int(match.group(3))), month, day)
        if 1 <= month <= 12:
            return _most_recent(month, day, today)
    return None


def _relative(text: str, today: date) -> Optional[date]:
    if "eergisteren" in text:
        return today - timedelta(days=2)
    if "gisteren" in text:
        return today - timedelta(days=1)
    if re.search(r"\bvandaag\b", text):
        return today
    if match := _AGO.search(text):
        amount = NUMBER_WORDS.get(match.group(1)) or (
            int(match.group(1)) if match.group(1).isdigit() else None
        )
        if amount is None:
            return None
        unit = match.group(2)
        if unit.startswith("maand"):
            return _months_back(today, amount)
        return today - timedelta(days=amount * UNIT_DAYS[unit])
    if match := _LAST_WEEKDAY.search(text):
        weekday = WEEKDAYS[match.group(2)]
        if match.group(1) == "vorige week":
            monday_last_week = today - timedelta(days=today.weekday() + 7)
            return monday_last_week + timedelta(days=weekday)
        # "afgelopen dinsdag" or plain "dinsdag": the latest one before today.
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    return None


def parse_past_date(text: str, today: date) -> Optional[date]:
    """The date the text names, or None when it names none (or an impossible one)."""
    cleaned = text.lower().strip()
    return _explicit(cleaned, today) or _relative(cleaned, today)


def format_date(day: date, weekday: bool = True) -> str:
    """ "maandag 15 maart 2026": the weekday helps people check our reading of a
    date they typed; a date from a document reads better without it."""
    plain = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{WEEKDAY_NAMES[day.weekday()]} {plain}" if weekday else plain


_DURATION = re.compile(r"\b(\d{1,3}|[a-zé]+)\s+(dag|dagen|week|weken|maand|maanden|jaar)\b")


def parse_duration_days(text: str, today: date) -> Optional[int]:
    """How long something has lasted: "3 weken", "al twee maanden", "sinds 1 september"."""
    cleaned = text.lower().strip()
    if "sinds" in cleaned and (since := parse_past_date(cleaned, today)) is not None:
        return (today - since).days
    if match := _DURATION.search(cleaned):
        word = match.group(1)
        amount = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
        if amount is not None:
            return amount * UNIT_DAYS[match.group(2)]
    return None
