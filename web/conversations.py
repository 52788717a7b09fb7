"""Conversations and their transcripts in the gateway's own database.

The gateway owns conversation state; Rasa's tracker store is Rasa's business.
"""

import json
import secrets
from dataclasses import dataclass
from typing import Any

from web.clock import Clock, SystemClock, stamp
from web.storage.database import Database

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
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db, self.clock = db, clock or SystemClock()
        db.create_table(
            "conversations", {"id": str, "created_at": str, "last_activity_at": str, "state": str}, pk="id"
        )
        # Files from before guided flows (summary) and staff replies (author) lack
        # some of these columns; create_table adds them.
        db.create_table(
            "messages",
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
            indexes=[("conversation_id", "id")],
        )

    def create(self) -> str:
        # 192 random bits: the id is the only key to a conversation.
        conversation_id = secrets.token_urlsafe(24)
        now = stamp(self.clock.now())
        row = {"id": conversation_id, "created_at": now, "last_activity_at": now, "state": "bot"}
        self.db.insert("conversations", row)
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
        with self.db.transaction():
            row_id = self.db.insert(
                "messages",
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
                },
            )
            self.db.update("conversations", conversation_id, {"last_activity_at": now})
        return int(row_id or 0)

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
        # The bot's messages since anyone else's last one: reading back from the
        # newest message along the (conversation_id, id) index, not a fixed window.
        rows = self.db.execute(
            "select buttons from messages where conversation_id = ? and sender = ? and id > coalesce(("
            "select id from messages where conversation_id = ? and sender <> ? order by id desc limit 1"
            "), 0) order by id desc",
            [conversation_id, BOT_SENDER, conversation_id, BOT_SENDER],
        ).fetchall()
        offered: dict[str, str] = {}
        for (buttons,) in rows:
            offered.update({b["payload"]: b["title"] for b in json.loads(buttons)})
        return offered

    def erase(self, conversation_id: str) -> None:
        """Remove the conversation and everything kept about it: every table with
        a conversation_id column (messages, transitions, notes, callbacks, signals)."""
        tables = self.db.tables_with("conversation_id")
        with self.db.transaction():
            for table in tables:
                self.db.delete_where(table, "conversation_id = ?", [conversation_id])
            self.db.delete_where("conversations", "id = ?", [conversation_id])

    def is_healthy(self) -> bool:
        return self.db.is_healthy()
