"""Rasa's lock store for several Rasa processes (the scaled profile).

Rasa 3.6's RedisLockStore hands out a ticket by reading the conversation's lock
from Redis, adding the ticket and writing the lock back. Two processes doing that
at the same moment both think they hold the lock; both turns then run at once and
the tracker store keeps only one of them (tests/e2e/test_scaled_e2e.py lost a turn
this way). This store takes the lock with Redis's own atomic operation instead
(SET NX with an expiry, released only by its owner), so one process at a time runs
a turn of a conversation. Turns that arrive at the very same moment may run in
either order; the gateway sends one conversation's turns one after the other.
"""

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncGenerator

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import LockError as RedisLockError

POLL_SECONDS = 0.02


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # The same settings as `type: redis` (url, port, password, db, key_prefix).
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        lock = self.red.lock(f"{self.key_prefix}{conversation_id}:atomic", timeout=lock_lifetime)
        waited = 0.0
        while not lock.acquire(blocking=False):
            if waited > lock_lifetime:
                raise LockError(f"Conversation '{conversation_id}' stayed locked for {lock_lifetime} s.")
            await asyncio.sleep(POLL_SECONDS)  # never block the event loop while waiting
            waited += POLL_SECONDS
        try:
            yield TicketLock(conversation_id)
        finally:
            try:
                lock.release()
            except RedisLockError:
                pass  # it expired while the turn ran: nothing left to release
