"""Consultants' internal notes on a conversation, and their standard texts.
Neither is ever shown to the user."""

import sqlite_utils

from web.clock import Clock, stamp
from web.config_file import ConfigFile
from web.handoff_texts import HandoffTexts
from web.transaction import transaction

MAX_STANDARD_TEXTS = 20


class Notes:
    def __init__(self, db: sqlite_utils.Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        db["notes"].create(
            {"id": int, "conversation_id": str, "author": str, "text": str, "at": str},
            pk="id",
            if_not_exists=True,
        )
        db["notes"].create_index(["conversation_id"], if_not_exists=True)

    def add(self, conversation_id: str, author: str, text: str) -> None:
        self.db["notes"].insert(
            {
                "conversation_id": conversation_id,
                "author": author,
                "text": text,
                "at": stamp(self.clock.now()),
            }
        )

    def of(self, conversation_id: str) -> list[dict[str, str]]:
        rows = self.db["notes"].rows_where("conversation_id = ?", [conversation_id], order_by="id")
        return [{"auteur": r["author"], "tekst": r["text"], "tijd": r["at"]} for r in rows]


class StandardTexts:
    """The console's copy once a beheerder saved one; until then knowledge/overdracht.yml."""

    def __init__(self, db: sqlite_utils.Database, defaults: ConfigFile[HandoffTexts]) -> None:
        self.db, self.defaults = db, defaults
        db["standard_texts"].create(
            {"position": int, "titel": str, "tekst": str}, pk="position", if_not_exists=True
        )

    def all(self) -> list[dict[str, str]]:
        rows = list(self.db["standard_texts"].rows_where(order_by="position"))
        if not rows:
            return list(self.defaults.get().standard_texts)
        return [{"titel": r["titel"], "tekst": r["tekst"]} for r in rows]

    def replace(self, texts: list[dict[str, str]]) -> None:
        with transaction(self.db):  # a console never sees half a list
            self.db["standard_texts"].delete_where()
            self.db["standard_texts"].insert_all(
                {"position": i, "titel": t["titel"], "tekst": t["tekst"]} for i, t in enumerate(texts)
            )
