"""Opening hours from knowledge/swv.yml: open or closed, the next opening, and
how the chat says it."""

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from web.opening_hours import swv_file

AMS = ZoneInfo("Europe/Amsterdam")
SWV = """
steunpunt: {name: "Steunpunt", phone: "0800", email: "a@b.nl"}
openingstijden:
  tijdzone: "Europe/Amsterdam"
  maandag: "09:00-17:00"
  dinsdag: "09:00-17:00"
  woensdag: "09:00-17:00"
  donderdag: "09:00-17:00"
  vrijdag: "09:00-13:00"
  gesloten: [2026-12-25]
wachtrij: {alarm_na_minuten: 7}
"""


@pytest.fixture
def config(tmp_path: Path):
    path = tmp_path / "swv.yml"
    path.write_text(SWV)
    return swv_file(path)


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=AMS)


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (at(2026, 12, 1, 9, 0), True),  # Tuesday, opening minute
        (at(2026, 12, 1, 16, 59), True),
        (at(2026, 12, 1, 17, 0), False),  # closing time itself is closed
        (at(2026, 12, 1, 8, 59), False),
        (at(2026, 12, 4, 12, 30), True),  # Friday morning
        (at(2026, 12, 4, 13, 30), False),  # Friday afternoon
        (at(2026, 12, 5, 11, 0), False),  # Saturday
        (at(2026, 12, 25, 11, 0), False),  # Christmas, a Friday
    ],
)
def test_open_or_closed(config, moment, is_open):
    assert config.get().hours.is_open(moment) is is_open


def test_the_next_opening_skips_weekend_and_closed_days(config):
    hours = config.get().hours
    assert hours.next_opening(at(2026, 12, 4, 15, 0)) == at(2026, 12, 7, 9, 0)  # Friday pm -> Monday
    assert hours.next_opening(at(2026, 12, 24, 18, 0)) == at(2026, 12, 28, 9, 0)  # past Christmas
    assert hours.next_opening(at(2026, 12, 1, 7, 30)) == at(2026, 12, 1, 9, 0)
    now = at(2026, 12, 1, 10, 0)
    assert hours.next_opening(now) == now


def test_the_chat_says_when_in_plain_dutch(config):
    hours = config.get().hours
    friday = at(2026, 12, 4, 15, 0)
    assert hours.describe_moment(at(2026, 12, 7, 9, 0), friday) == "maandag 7 december om 9.00 uur"
    assert hours.describe_moment(at(2026, 12, 5, 9, 30), friday) == "morgen om 9.30 uur"
    assert hours.describe_week() == "maandag tot en met donderdag 9.00-17.00 uur, vrijdag 9.00-13.00 uur"


def test_an_edit_counts_at_once(config, tmp_path):
    assert config.get().queue.alarm_minutes == 7
    path = tmp_path / "swv.yml"
    before = path.stat().st_mtime_ns
    path.write_text(
        SWV.replace("alarm_na_minuten: 7", "alarm_na_minuten: 3").replace("[2026-12-25]", "[2026-12-01]")
    )
    os.utime(path, ns=(before + 10**9, before + 10**9))  # a coarse file clock must still see the change
    assert config.get().queue.alarm_minutes == 3
    assert not config.get().hours.is_open(at(2026, 12, 1, 10, 0))


def test_the_shipped_file_parses():
    config = swv_file(Path(__file__).resolve().parents[2] / "knowledge" / "swv.yml").get()
    assert config.hours.describe_week().startswith("maandag")
    assert config.steunpunt["phone"]
