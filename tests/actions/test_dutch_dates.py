"""Dates as parents type them, read relative to a fixed today."""

from datetime import date

import pytest

from actions.dutch_dates import format_date, parse_duration_days, parse_past_date

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 maart", date(2026, 3, 15)),
        ("op 15 mrt.", date(2026, 3, 15)),
        ("15-3", date(2026, 3, 15)),
        ("15/3/2026", date(2026, 3, 15)),
        ("15-03-26", date(2026, 3, 15)),
        ("2026-03-15", date(2026, 3, 15)),
        ("ik heb haar op 1e september aangemeld", date(2026, 9, 1)),
        ("gisteren", date(2026, 11, 22)),
        ("eergisteren", date(2026, 11, 21)),
        ("vandaag", MONDAY),
        ("vorige week dinsdag", date(2026, 11, 17)),
        ("afgelopen vrijdag", date(2026, 11, 20)),
        ("maandag", date(2026, 11, 16)),
        ("3 weken geleden", date(2026, 11, 2)),
        ("twee dagen geleden", date(2026, 11, 21)),
        ("een maand geleden", date(2026, 10, 23)),
        # No year: the most recent such day, so December is last year's.
        ("15 december", date(2025, 12, 15)),
    ],
)
def test_reads_dutch_dates(text, expected):
    assert parse_past_date(text, MONDAY) == expected


@pytest.mark.parametrize(
    "text", ["", "weet ik niet", "31-2", "30 februari", "ergens in het voorjaar", "13-13"]
)
def test_no_date_or_impossible_date_gives_none(text):
    assert parse_past_date(text, MONDAY) is None


def test_year_boundary_without_a_year():
    new_year = date(2027, 1, 4)
    assert parse_past_date("20 december", new_year) == date(2026, 12, 20)
    assert parse_past_date("vorige week woensdag", new_year) == date(2026, 12, 30)
    assert parse_past_date("3 weken geleden", new_year) == date(2026, 12, 14)


def test_29_february_goes_back_to_the_last_leap_year():
    assert parse_past_date("29 februari", date(2026, 11, 23)) == date(2024, 2, 29)
    assert parse_past_date("29-2", date(2028, 3, 1)) == date(2028, 2, 29)


def test_a_month_back_from_the_31st_lands_on_the_last_day():
    assert parse_past_date("een maand geleden", date(2026, 3, 31)) == date(2026, 2, 28)


def test_format_names_the_weekday_so_people_can_check():
    assert format_date(date(2026, 3, 15)) == "zondag 15 maart 2026"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("al 3 weken", 21),
        ("twee maanden", 60),
        ("sinds 1 november", 22),
        ("een paar dagen", 2),
        ("lang", None),
    ],
)
def test_durations(text, days):
    assert parse_duration_days(text, MONDAY) == days
