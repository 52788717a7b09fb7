"""Signaleren: what parents and pupils run into, per week or month, for the
SWV board. Only counts of conversations, never a transcript, and any count
below MINIMUM is not shown: a small number can point at one family."""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from web.intake_card import TOPIC_LABELS
from web.signals import NEEDS_PERSON, SCHOOL, TOPIC, UNANSWERED
from web.storage.database import Database

MINIMUM = 5
ZONE = ZoneInfo("Europe/Amsterdam")
PERIODS = ("week", "maand")
# Categories with a fixed, short list of values show "<5"; those whose values
# come from users or schools (questions, school names) only show rows of 5 or more.
CONVERSATIONS, TOPICS, HANDOFFS, OUTCOMES, UNANSWERED_COUNT = (
    "Gesprekken", "Onderwerpen", "Naar een medewerker", "Uitkomsten", "Niet beantwoord",
)  # fmt: skip
QUESTIONS, SCHOOLS, SITUATIONS = "Vragen zonder antwoord", "Scholen", "Situaties die een mens vragen"
OPEN_ENDED = {QUESTIONS, SCHOOLS, SITUATIONS}
REASON_LABELS = {"gevraagd": "Zelf om een medewerker gevraagd", "veiligheid": "Bericht over onveiligheid"}


@dataclass(frozen=True)
class Row:
    period: str
    category: str
    value: str
    count: int | None  # None: fewer than MINIMUM, not shown


def period_of(moment: str, per: str) -> str:
    local = datetime.fromisoformat(moment).astimezone(ZONE)
    if per == "week":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{local.year}-{local.month:02d}"


def _normal(text: str) -> str:
    return " ".join(text.lower().strip(" ?.!").split())


def report(db: Database, per: str) -> list[Row]:
    cells: dict[tuple[str, str, str], set[str]] = defaultdict(set)

    def count(moment: str, category: str, value: str, conversation: str) -> None:
        cells[(period_of(moment, per), category, value)].add(conversation)

    for conversation, created in db.execute("select id, created_at from conversations"):
        count(created, CONVERSATIONS, "totaal", conversation)
    for conversation, kind, value, at in db.execute("select conversation_id, kind, value, at from signals"):
        if kind == TOPIC:
            count(at, TOPICS, TOPIC_LABELS.get(value, value), conversation)
        elif kind == SCHOOL:
            count(at, SCHOOLS, value, conversation)
        elif kind == NEEDS_PERSON:
            count(at, SITUATIONS, value, conversation)
        elif kind == UNANSWERED:
            count(at, UNANSWERED_COUNT, "totaal", conversation)
            count(at, QUESTIONS, _normal(value), conversation)
    for conversation, to_state, reason, at in db.execute(
        "select conversation_id, to_state, reason, at from transitions where to_state in (?, ?, ?)",
        ["wachtrij", "terugbelverzoek", "afgerond"],
    ):
        if to_state == "afgerond":
            count(at, OUTCOMES, reason, conversation)
        elif reason not in ("terug in de wachtrij",):
            count(at, HANDOFFS, REASON_LABELS.get(reason, reason), conversation)

    rows = []
    for (period, category, value), conversations in sorted(cells.items()):
        shown = len(conversations) >= MINIMUM
        if category in OPEN_ENDED and not shown:
            continue
        rows.append(Row(period, category, value, len(conversations) if shown else None))
    return rows


def _cell(text: str) -> str:
    """A spreadsheet must not run a user's text as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["periode", "categorie", "waarde", "gesprekken"])
    for row in rows:
        count = str(row.count) if row.count is not None else f"minder dan {MINIMUM}"
        writer.writerow([row.period, row.category, _cell(row.value), count])
    # The byte-order mark makes Excel read the file as UTF-8 (ë, é).
    return "\ufeff" + out.getvalue()
