"""What each bot turn was about, kept apart from the transcript: the topic and
article answered, a school whose profile was shown, a situation the knowledge
marks as needing a person, a question the bot could not answer (scrubbed).

The intake card and the SWV report (web/insights.py) read these, so neither
needs Rasa's tracker, and the report never needs a transcript.
"""

from typing import Any

from web.clock import Clock, stamp
from web.scrub import scrub
from web.storage.database import Database

TOPIC, ARTICLE, SCHOOL, NEEDS_PERSON, UNANSWERED, FLOW = (
    "onderwerp", "artikel", "school", "hulp_nodig", "onbeantwoord", "stappenplan",
)  # fmt: skip


class Signals:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        db.create_table(
            "signals",
            {"id": int, "conversation_id": str, "kind": str, "value": str, "at": str},
            pk="id",
            indexes=[("conversation_id",), ("kind", "at")],
        )

    def record_turn(self, conversation_id: str, user_text: str, rasa_messages: list[dict[str, Any]]) -> None:
        found: list[tuple[str, str]] = []
        for item in rasa_messages:
            custom = item.get("custom")
            if not isinstance(custom, dict):
                continue
            if isinstance(custom.get("article"), str):
                found.append((ARTICLE, custom["article"]))
                found.append((TOPIC, custom["article"].split("-")[0]))
            if isinstance(custom.get("handoff_hint"), str):
                found.append((NEEDS_PERSON, custom["handoff_hint"]))
            if isinstance(custom.get("school_name"), str):
                found.append((SCHOOL, custom["school_name"]))
            if isinstance(custom.get("summary"), dict):
                found.append((FLOW, str(custom["summary"].get("title", ""))))
            if custom.get("unanswered") is True and not user_text.startswith("/"):
                found.append((UNANSWERED, scrub(user_text)[:300]))
        at = stamp(self.clock.now())
        self.db.insert_all(
            "signals",
            ({"conversation_id": conversation_id, "kind": kind, "value": value, "at": at}
             for kind, value in found),
        )  # fmt: skip

    def of(self, conversation_id: str) -> dict[str, list[str]]:
        """Per kind, the distinct values in the order they came up."""
        result: dict[str, list[str]] = {}
        for row in self.db.rows_where("signals", "conversation_id = ?", [conversation_id], order_by="id"):
            values = result.setdefault(row["kind"], [])
            if row["value"] not in values:
                values.append(row["value"])
        return result
