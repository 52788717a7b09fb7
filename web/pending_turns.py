"""When Rasa does not answer, nothing the user typed is lost: the turn waits
here, the user is told so, and the gateway retries every few seconds in order;
the answer then reaches the chat through the event stream.

Later messages of the same conversation wait behind the first, so the bot
always answers in the order the user wrote.
"""

import asyncio
import logging

from web.app_state import AppState
from web.bot_turns import bot_turn
from web.clock import Clock, stamp
from web.rasa_client import RasaUnavailable
from web.storage.database import Database

logger = logging.getLogger(__name__)


class PendingTurns:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock
        db.create_table(
            "pending_turns",
            {"id": int, "conversation_id": str, "text": str, "base_url": str, "at": str, "claimed": int},
            pk="id",
        )

    def add(self, conversation_id: str, text: str, base_url: str) -> None:
        self.db.insert(
            "pending_turns",
            {
                "conversation_id": conversation_id,
                "text": text,
                "base_url": base_url,
                "at": stamp(self.clock.now()),
                "claimed": 0,
            },
        )

    def count(self, conversation_id: str) -> int:
        return self.db.count_where("pending_turns", "conversation_id = ?", [conversation_id])

    def waiting(self, conversation_id: str) -> bool:
        return bool(self.count(conversation_id))

    def all(self) -> list[dict]:
        return self.db.rows_where("pending_turns", order_by="id")

    def claim(self, turn_id: int) -> bool:
        """Only one retry (of possibly several gateway processes) answers a turn."""
        result = self.db.execute(
            "update pending_turns set claimed = 1 where id = ? and coalesce(claimed, 0) = 0", [turn_id]
        )
        return result.rowcount == 1

    def release(self, turn_id: int) -> None:
        self.db.execute("update pending_turns set claimed = 0 where id = ?", [turn_id])

    def done(self, turn_id: int) -> None:
        self.db.delete_where("pending_turns", "id = ?", [turn_id])


# Conversations answered at the same time after an outage: enough that a hundred
# waiting parents are not served one by one, few enough not to swamp Rasa again.
PARALLEL_CONVERSATIONS = 4


async def answer_pending(state: AppState) -> int:
    """One round: per conversation, answer its waiting turns in order until Rasa
    fails; several conversations at once. Returns how many turns were answered."""
    by_conversation: dict[str, list[dict]] = {}
    for turn in state.pending.all():
        by_conversation.setdefault(turn["conversation_id"], []).append(turn)
    gate = asyncio.Semaphore(PARALLEL_CONVERSATIONS)

    async def answer(turns: list[dict]) -> int:
        async with gate:
            return await _answer_in_order(state, turns)

    answered = sum(await asyncio.gather(*(answer(turns) for turns in by_conversation.values())))
    if answered:
        logger.info("answered %d turns that waited for Rasa", answered)
    return answered


async def _answer_in_order(state: AppState, turns: list[dict]) -> int:
    answered = 0
    for turn in turns:
        if not state.store.exists(turn["conversation_id"]):  # erased meanwhile
            state.pending.done(turn["id"])
            continue
        if not state.pending.claim(turn["id"]):
            break  # another process is answering this conversation's turns
        try:
            await bot_turn(state, turn["conversation_id"], turn["text"], turn["base_url"])
        except RasaUnavailable:
            state.pending.release(turn["id"])
            break
        state.pending.done(turn["id"])
        answered += 1
    return answered


async def answer_pending_forever(state: AppState, every: float) -> None:
    while True:
        try:
            await answer_pending(state)
        except Exception:  # one bad round must not stop the next
            logger.exception("retrying waiting turns failed")
        await asyncio.sleep(every)
