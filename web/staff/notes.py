"""Consultants' internal notes on a conversation, and their standard texts.
Neither is ever shown to the user."""

from web.clock import Clock, stamp
from web.config_file import ConfigFile
from web.handoff_texts import HandoffTexts
from web.storage.database import Database

MAX_STANDARD_TEXTS = 20


class Notes:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        db.create_table(
            "notes",
            {"id": int, "conversation_id": str, "author": str, "text": str, "at": str},
            pk="id",
            indexes=[("conversation_id",)],
        )

    def add(self, conversation_id: str, author: str, text: str) -> None:
        self.db.insert(
            "notes",
            {
                "conversation_id": conversation_id,
                "author": author,
                "text": text,
                "at": stamp(self.clock.now()),
            },
        )

    def of(self, conversation_id: str) -> list[dict[str, str]]:
        rows = self.db.rows_where("notes", "conversation_id = ?", [conversation_id], order_by="id")
        return [{"auteur": r["author"], "tekst": r["text"], "tijd": r["at"]} for r in rows]


class StandardTexts:
    """The console's copy once a beheerder saved one; until then knowledge/overdracht.yml."""

    def __init__(self, db: Database, defaults: ConfigFile[HandoffTexts]) -> None:
        self.db, self.defaults = db, defaults
        db.create_table("standard_texts", {"position": int, "titel": str, "tekst": str}, pk="position")

    def all(self) -> list[dict[str, str]]:
        rows = self.db.rows_where("standard_texts", order_by="position")
        if not rows:
            return list(self.defaults.get().standard_texts)
        return [{"titel": r["titel"], "tekst": r["tekst"]} for r in rows]

    def replace(self, texts: list[dict[str, str]]) -> None:
        with self.db.transaction():  # a console never sees half a list
            self.db.delete_where("standard_texts")
            self.db.insert_all(
                "standard_texts",
                ({"position": i, "titel": t["titel"], "tekst": t["tekst"]} for i, t in enumerate(texts)),
            )
