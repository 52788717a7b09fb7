"""The 6-week decision term, 10 weeks with an extension."""

from datetime import date

import pytest

from actions.decision_term import DecisionTerm


@pytest.mark.parametrize(
    ("received", "extended", "deadline"),
    [
        (date(2026, 3, 2), False, date(2026, 4, 13)),
        (date(2026, 3, 2), True, date(2026, 5, 11)),
        # Across the new year.
        (date(2025, 12, 1), False, date(2026, 1, 12)),
        (date(2025, 11, 17), True, date(2026, 1, 26)),
        # Through February of a leap year (29 days) and of a common year (28 days).
        (date(2024, 2, 1), False, date(2024, 3, 14)),
        (date(2025, 2, 1), False, date(2025, 3, 15)),
        (date(2024, 2, 29), False, date(2024, 4, 11)),
    ],
)
def test_deadline(received, extended, deadline):
    assert DecisionTerm(received, extended).deadline == deadline


def test_days_left_before_on_and_after_the_deadline():
    term = DecisionTerm(date(2026, 10, 12), extended=False)  # deadline Monday 23 November 2026
    assert term.days_left(date(2026, 11, 11)) == 12
    assert term.days_left(date(2026, 11, 23)) == 0
    assert term.days_left(date(2026, 11, 28)) == -5


def test_weeks():
    assert DecisionTerm(date(2026, 1, 1), False).weeks == 6
    assert DecisionTerm(date(2026, 1, 1), True).weeks == 10
