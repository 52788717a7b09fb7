"""Who owns a conversation: the bot or a person, as a state machine in the gateway.

    bot -> wachtrij -> medewerker -> afgerond -> bot      (and bot -> terugbelverzoek)

While a person owns it (wachtrij, medewerker) the bot never answers. Every
change is one conditional UPDATE, so two consultants cannot both claim a
conversation, and every change is recorded with who, when and why.
"""

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from web.clock import Clock, stamp
from web.storage.database import Database

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
    state: str
    priority: str
    queued_at: str
    reason: str
    assignee: str | None


class Handoff:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        # due_at: when a callback request is due (the next opening of the steunpunt).
        columns = ("priority", "queued_at", "assignee", "reason", "due_at")
        db.add_columns("conversations", dict.fromkeys(columns, str))
        db.create_table(
            "transitions",
            {"id": int, "conversation_id": str, "from_state": str, "to_state": str, "actor": str,
             "reason": str, "at": str},
            pk="id",
            indexes=[("conversation_id", "id")],
        )  # fmt: skip

    def _field(self, conversation_id: str, column: str) -> str | None:
        rows = self.db.rows_where("conversations", "id = ?", [conversation_id], select=column)
        return rows[0][column] if rows else None

    def state(self, conversation_id: str) -> str:
        return self._field(conversation_id, "state") or BOT

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
        if to_state in (QUEUED, CALLBACK):
            fields["reason"] = reason  # the queue shows why someone waits
        if fields:
            self.db.update("conversations", conversation_id, fields)
        self._record(conversation_id, from_state, to_state, actor, reason)
        return from_state

    def _record(self, conversation_id: str, from_state: str, to_state: str, actor: str, reason: str) -> None:
        self.db.insert(
            "transitions",
            {"conversation_id": conversation_id, "from_state": from_state, "to_state": to_state,
             "actor": actor, "reason": reason, "at": stamp(self.clock.now())}
        )  # fmt: skip

    def request_person(self, conversation_id: str, reason: str, priority: str = NORMAL) -> None:
        """Into the queue from any state: an urgent request from someone already
        waiting (or with a callback pending) moves them to the front."""
        state = self.state(conversation_id)
        if state in (*HUMAN_STATES, CALLBACK):
            if priority == URGENT:
                self.db.update("conversations", conversation_id, {"priority": URGENT})
            return
        if state == CLOSED:
            self.move(conversation_id, BOT, "gebruiker", "nieuw bericht na afronding")
        now = stamp(self.clock.now())
        self.move(conversation_id, QUEUED, "bot", reason, priority=priority, queued_at=now, assignee=None)

    def request_callback(self, conversation_id: str, reason: str, due: datetime) -> None:
        """Outside office hours: the request waits until `due`, then joins the queue."""
        now = stamp(self.clock.now())
        self.move(conversation_id, CALLBACK, "gebruiker", reason, priority=NORMAL, queued_at=now,
                  due_at=stamp(due), assignee=None)  # fmt: skip

    def _entries(self, where_and_order: str, params: list[str]) -> list[QueueEntry]:
        """`where_and_order` is always one of the literal clauses below; values go in `params`."""
        columns = "id, state, priority, queued_at, reason, assignee"
        query = f"select {columns} from conversations where {where_and_order}"  # noqa: S608
        rows = self.db.execute(query, params).fetchall()
        return [QueueEntry(*row) for row in rows]

    def queue(self) -> list[QueueEntry]:
        """Who waits for a person now: urgent first, then longest waiting first.
        A callback request counts from the moment it is due."""
        return self._entries(
            "state = ? or (state = ? and due_at <= ?) "
            "order by case priority when ? then 0 else 1 end, "
            "case when due_at > queued_at then due_at else queued_at end, created_at, id",
            [QUEUED, CALLBACK, stamp(self.clock.now()), URGENT],
        )

    def scheduled(self) -> list[QueueEntry]:
        """Callback requests not yet due (left outside office hours)."""
        now = stamp(self.clock.now())
        return self._entries("state = ? and due_at > ? order by due_at, created_at, id", [CALLBACK, now])

    def owned(self) -> list[QueueEntry]:
        """Conversations a consultant has taken over."""
        return self._entries("state = ? order by queued_at, created_at, id", [STAFF])

    def position(self, conversation_id: str) -> int | None:
        """1 for the first in line; None when not waiting."""
        ids = [entry.conversation_id for entry in self.queue() if entry.state == QUEUED]
        return ids.index(conversation_id) + 1 if conversation_id in ids else None

    def typical_wait(self, days: int = 14, minimum: int = 3) -> float | None:
        """Median minutes from joining the queue to being picked up, over recent
        claims; None with too few to say anything honest."""
        since = stamp(self.clock.now() - timedelta(days=days))
        rows = self.db.execute(
            "select c.at, (select max(q.at) from transitions q where q.conversation_id = c.conversation_id "
            "and q.to_state = ? and q.id < c.id) from transitions c "
            "where c.from_state = ? and c.to_state = ? and c.at > ?",
            [QUEUED, QUEUED, STAFF, since],
        ).fetchall()
        waits = [
            (datetime.fromisoformat(claimed) - datetime.fromisoformat(queued)).total_seconds() / 60
            for claimed, queued in rows
            if queued
        ]
        return statistics.median(waits) if len(waits) >= minimum else None

    def claim(self, conversation_id: str, staff: str) -> None:
        self.move(conversation_id, STAFF, staff, "opgepakt", assignee=staff)

    def transfer(self, conversation_id: str, staff: str, colleague: str) -> None:
        """From one consultant to another, only by the one who has it now."""
        cursor = self.db.execute(
            "update conversations set assignee = ? where id = ? and state = ? and assignee = ?",
            [colleague, conversation_id, STAFF, staff],
        )
        if cursor.rowcount != 1:
            raise TransitionRefused("overdragen kan alleen door wie het gesprek heeft")
        self._record(conversation_id, STAFF, STAFF, staff, f"overgedragen aan {colleague}")

    def priority(self, conversation_id: str) -> str | None:
        return self._field(conversation_id, "priority")

    def assignee(self, conversation_id: str) -> str | None:
        return self._field(conversation_id, "assignee")

    def hand_back(self, conversation_id: str, staff: str) -> None:
        self.move(conversation_id, BOT, staff, "teruggegeven aan de bot", assignee=None, priority=None)

    def close(self, conversation_id: str, staff: str, outcome: str) -> None:
        self.move(conversation_id, CLOSED, staff, outcome, assignee=None, priority=None)

    def history(self, conversation_id: str) -> list[dict[str, str]]:
        return self.db.rows_where("transitions", "conversation_id = ?", [conversation_id], order_by="id")
