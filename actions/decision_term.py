"""The zorgplicht decision term: 6 weeks after the school received the written
registration, once extendable by at most 4 weeks (Wet passend onderwijs, 2014)."""

from dataclasses import dataclass
from datetime import date, timedelta

DECISION_WEEKS = 6
EXTENSION_WEEKS = 4


@dataclass(frozen=True)
class DecisionTerm:
    received: date
    extended: bool

    @property
    def weeks(self) -> int:
        return DECISION_WEEKS + (EXTENSION_WEEKS if self.extended else 0)

    @property
    def deadline(self) -> date:
        return self.received + timedelta(weeks=self.weeks)

    def days_left(self, today: date) -> int:
        """Positive: days to go; 0: today is the last day; negative: days past."""
        return (self.deadline - today).days
