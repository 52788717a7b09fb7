"""Conversations and their transcripts in the gateway's own SQLite file.

The gateway owns conversation state; Rasa's tracker store is Rasa's business.
"""

import json
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from web.clock import Clock, SystemClock, stamp
from web.transaction import transaction

# Who wrote a message: the user, the bot, a consultant, or the gateway itself
# (notices such as "Anna heeft het gesprek overgenomen").
USER, BOT_SENDER, STAFF_SENDER, SYSTEM = "user", "bot", "medewerker", "systeem"


@dataclass(frozen=True)
class StoredMessage:
    id: int
    sender: str
    author: str | None
    text: str
    buttons: list[dict[str, str]]
    sources: list[dict[str, str]]
    summary: dict[str, Any] | None
    created_at: str
    clicked: bool = False

    @property
    def in_own_words(self) -> bool:
        """Typed by the user: not a button, not a payload."""
        return self.sender == USER and not self.clicked and not self.text.startswith("/")


class ConversationStore:
    def __init__(self, path: Path, clock: Clock | None = None) -> None:
        self.clock = clock or SystemClock()
        path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by the event loop and the thread pool.
        connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db = sqlite_utils.Database(connection)
        self.db.enable_wal()
        self._create_tables()

    def _create_tables(self) -> None:
        self.db["conversations"].create(
            {"id": str, "created_at": str, "last_activity_at": str, "state": str},
            pk="id",
            if_not_exists=True,
        )
        self.db["messages"].create(
            {
                "id": int,
                "conversation_id": str,
                "sender": str,
                "text": str,
                "buttons": str,
                "sources": str,
                "summary": str,
                "author": str,
                "clicked": int,
                "created_at": str,
            },
            pk="id",
            foreign_keys=[("conversation_id", "conversations", "id")],
            if_not_exists=True,
        )
        # Files from before guided flows (summary) and staff replies (author) lack these.
        for column, kind in (("summary", str), ("author", str), ("clicked", int)):
            if column not in self.db["messages"].columns_dict:
                self.db["messages"].add_column(column, kind)
        self.db["messages"].create_index(["conversation_id", "id"], if_not_exists=True)

    def create(self) -> str:
        # 192 random bits: the id is the only key to a conversation.
        conversation_id = secrets.token_urlsafe(24)
        now = stamp(self.clock.now())
        self.db["conversations"].insert(
            {"id": conversation_id, "created_at": now, "last_activity_at": now, "state": "bot"}
        )
        return conversation_id

    def exists(self, conversation_id: str) -> bool:
        return bool(self.db.execute("select 1 from conversations where id = ?", [conversation_id]).fetchone())

    def add_message(
        self,
        conversation_id: str,
        sender: str,
        message: dict[str, Any],
        author: str | None = None,
        clicked: bool = False,
    ) -> int:
        """Store one message; returns its id, which orders the transcript.
        `clicked`: the user chose a button rather than typing their own words."""
        now = stamp(self.clock.now())
        row_id = (
            self.db["messages"]
            .insert(
                {
                    "conversation_id": conversation_id,
                    "sender": sender,
                    "text": message.get("text", ""),
                    "buttons": json.dumps(message.get("buttons", [])),
                    "sources": json.dumps(message.get("sources", [])),
                    "summary": json.dumps(message["summary"]) if message.get("summary") else None,
                    "author": author,
                    "clicked": int(clicked),
                    "created_at": now,
                }
            )
            .last_pk
        )
        self.db["conversations"].update(conversation_id, {"last_activity_at": now})
        return int(row_id)

    def messages(self, conversation_id: str, after: int = 0) -> list[StoredMessage]:
        """The transcript in order, or the part after message id `after`."""
        rows = self.db.execute(
            "select id, sender, author, text, buttons, sources, summary, created_at, clicked from messages "
            "where conversation_id = ? and id > ? order by id",
            [conversation_id, after],
        ).fetchall()
        return [
            StoredMessage(
                id=row[0], sender=row[1], author=row[2], text=row[3], buttons=json.loads(row[4] or "[]"),
                sources=json.loads(row[5] or "[]"), summary=json.loads(row[6]) if row[6] else None,
                created_at=row[7], clicked=bool(row[8]),
            )
            for row in rows
        ]  # fmt: skip

    def offered_buttons(self, conversation_id: str) -> dict[str, str]:
        """Payload -> title of the buttons in the bot's latest turn."""
        rows = self.db.execute(
            "select sender, buttons from messages where conversation_id = ? order by id desc limit 20",
            [conversation_id],
        ).fetchall()
        offered: dict[str, str] = {}
        for sender, buttons in rows:
            if sender != "bot":
                break
            offered.update({b["payload"]: b["title"] for b in json.loads(buttons)})
        return offered

    def erase(self, conversation_id: str) -> None:
        """Remove the conversation and everything kept about it: every table with
        a conversation_id column (messages, transitions, notes, callbacks, signals)."""
        tables = [t.name for t in self.db.tables if "conversation_id" in t.columns_dict]
        with transaction(self.db):
            for table in tables:
                self.db[table].delete_where("conversation_id = ?", [conversation_id])
            self.db["conversations"].delete_where("id = ?", [conversation_id])

    def is_healthy(self) -> bool:
        try:
            self.db.execute("select 1").fetchone()
        except sqlite3.Error:
            return False
        return True
