"""Who owns a conversation: the bot or a person, as a state machine in the gateway.

    bot -> wachtrij -> medewerker -> afgerond -> bot      (and bot -> terugbelverzoek)

While a person owns it (wachtrij, medewerker) the bot never answers. Every
change is one conditional UPDATE, so two consultants cannot both claim a
conversation, and every change is recorded with who, when and why.
"""

from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils

BOT, QUEUED, STAFF, CLOSED, CALLBACK = "bot", "wachtrij", "medewerker", "afgerond", "terugbelverzoek"
# The bot stays silent in these states: a person has it, or is about to.
HUMAN_STATES = (QUEUED, STAFF)
ALLOWED = {
    (BOT, QUEUED),
    (BOT, CALLBACK),
    (QUEUED, STAFF),
    (QUEUED, BOT),  # the user withdraws before anyone picks it up
    (STAFF, QUEUED),  # transfer to a colleague
    (STAFF, CLOSED),
    (STAFF, BOT),  # hand back
    (CLOSED, BOT),
    (CALLBACK, STAFF),
    (CALLBACK, CLOSED),
}
NORMAL, URGENT = "normaal", "urgent"


class TransitionRefused(Exception):
    """The conversation is not in a state that allows this change (any more)."""


@dataclass(frozen=True)
class QueueEntry:
    conversation_id: str
    priority: str
    queued_at: str
    reason: str


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Handoff:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        columns = db["conversations"].columns_dict
        for name in ("priority", "queued_at", "assignee", "reason"):
            if name not in columns:
                db["conversations"].add_column(name, str)
        db["transitions"].create(
            {"id": int, "conversation_id": str, "from_state": str, "to_state": str, "actor": str,
             "reason": str, "at": str},
            pk="id",
            if_not_exists=True,
        )  # fmt: skip
        db["transitions"].create_index(["conversation_id", "id"], if_not_exists=True)

    def state(self, conversation_id: str) -> str:
        row = self.db.execute("select state from conversations where id = ?", [conversation_id]).fetchone()
        return row[0] if row else BOT

    def move(self, conversation_id: str, to_state: str, actor: str, reason: str, **fields: str | None) -> str:
        """Change the state if the current one allows it; returns the old state."""
        from_state = self.state(conversation_id)
        if (from_state, to_state) not in ALLOWED:
            raise TransitionRefused(f"{from_state} -> {to_state}")
        cursor = self.db.execute(
            "update conversations set state = ? where id = ? and state = ?",
            [to_state, conversation_id, from_state],
        )
        if cursor.rowcount != 1:  # someone else changed it between our read and write
            raise TransitionRefused(f"{from_state} -> {to_state}: changed meanwhile")
        if fields:
            self.db["conversations"].update(conversation_id, fields)
        self.db["transitions"].insert(
            {"conversation_id": conversation_id, "from_state": from_state, "to_state": to_state,
             "actor": actor, "reason": reason, "at": _now()}
        )  # fmt: skip
        return from_state

    def request_person(self, conversation_id: str, reason: str, priority: str = NORMAL) -> None:
        """Into the queue from any state: an urgent request from someone already
        waiting (or with a callback pending) moves them to the front."""
        state = self.state(conversation_id)
        if state in (*HUMAN_STATES, CALLBACK):
            if priority == URGENT:
                self.db["conversations"].update(conversation_id, {"priority": URGENT})
            return
        if state == CLOSED:
            self.move(conversation_id, BOT, "gebruiker", "nieuw bericht na afronding")
        self.move(conversation_id, QUEUED, "bot", reason, priority=priority, queued_at=_now(), assignee=None)

    def queue(self) -> list[QueueEntry]:
        """Waiting conversations: urgent first, then longest waiting first."""
        rows = self.db.execute(
            "select id, priority, queued_at, reason from conversations where state = ? "
            "order by case priority when ? then 0 else 1 end, queued_at, rowid",
            [QUEUED, URGENT],
        ).fetchall()
        return [QueueEntry(*row) for row in rows]

    def position(self, conversation_id: str) -> int | None:
        """1 for the first in line; None when not waiting."""
        ids = [entry.conversation_id for entry in self.queue()]
        return ids.index(conversation_id) + 1 if conversation_id in ids else None

    def claim(self, conversation_id: str, staff: str) -> None:
        self.move(conversation_id, STAFF, staff, "opgepakt", assignee=staff)

    def hand_back(self, conversation_id: str, staff: str) -> None:
        self.move(conversation_id, BOT, staff, "teruggegeven aan de bot", assignee=None, priority=None)

    def close(self, conversation_id: str, staff: str, outcome: str) -> None:
        self.move(conversation_id, CLOSED, staff, outcome, assignee=None, priority=None)

    def history(self, conversation_id: str) -> list[dict[str, str]]:
        return list(
            self.db["transitions"].rows_where("conversation_id = ?", [conversation_id], order_by="id")
        )
