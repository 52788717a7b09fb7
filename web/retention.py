"""Keep conversations no longer than configured: `retention_days` after the last
message (default 30). A callback request that still waits for the steunpunt is
kept until it is handled; from then the same term runs. Removal is from the
gateway (every table, web/conversations.py `erase`) and from Rasa's tracker;
a conversation whose Rasa copy cannot be emptied now is tried again next round.

Runs every hour inside the gateway, and on demand:
    .venv/web/bin/python -m web.retention
"""

import asyncio
import logging
from datetime import timedelta

from web.app_state import AppState
from web.clock import Clock, SystemClock, stamp
from web.conversations import ConversationStore
from web.handoff import BOT, CLOSED
from web.rasa_client import RasaClient, RasaUnavailable
from web.settings import get_settings
from web.storage import open_database

logger = logging.getLogger(__name__)
EVERY = timedelta(hours=1)
# Only conversations nobody is working on: not waiting, not with a consultant,
# not a callback request that has not been handled.
PURGEABLE_STATES = (BOT, CLOSED)


def expired(store: ConversationStore, clock: Clock, days: int) -> list[str]:
    cutoff = stamp(clock.now() - timedelta(days=days))
    rows = store.db.execute(
        "select id from conversations where last_activity_at < ? and state in (?, ?)",
        [cutoff, *PURGEABLE_STATES],
    ).fetchall()
    return [row[0] for row in rows]


async def purge(store: ConversationStore, rasa: RasaClient, clock: Clock, days: int) -> int:
    """Remove what is past its term; returns how many conversations were removed."""
    removed = 0
    for conversation_id in expired(store, clock, days):
        try:
            await rasa.forget(conversation_id)
        except RasaUnavailable as error:
            logger.warning("retention: Rasa unavailable (%s); trying again next round", error)
            break
        store.erase(conversation_id)
        removed += 1
    if removed:
        logger.info("retention: %d conversations removed (older than %d days)", removed, days)
    return removed


async def purge_every_hour(state: AppState, clock: Clock, days: int) -> None:
    """`state` is read each round: what is on it may change while the gateway runs."""
    while True:
        try:
            await purge(state.store, state.rasa, clock, days)
        except Exception:  # a failed round must not stop the next one
            logger.exception("retention round failed")
        await asyncio.sleep(EVERY.total_seconds())


def main() -> int:

    settings = get_settings()
    clock = SystemClock()

    async def run() -> int:
        rasa = RasaClient(settings.rasa_urls, settings.rasa_token, settings.rasa_timeout)
        try:
            return await purge(
                ConversationStore(open_database(settings), clock), rasa, clock, settings.retention_days
            )
        finally:
            await rasa.aclose()

    print(f"{asyncio.run(run())} gesprekken verwijderd (ouder dan {settings.retention_days} dagen).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
