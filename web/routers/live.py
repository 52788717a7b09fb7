"""Server-sent events for the widget: a consultant's reply, a notice ("Anna heeft
het gesprek overgenomen") or a new place in the queue reaches the open chat
within about a second. The stream polls the gateway's database, so it works
whichever gateway process stored the message.

GET /api/conversations/{id}/events[?after=<message id>]
  event: bericht   data: a TranscriptMessage, not the user's own  (id: the message id)
  event: status    data: {"state": ..., "queue_position": ...}

A browser's EventSource reconnects by itself and sends Last-Event-ID, so
nothing is missed across a dropped connection; after a reload the widget
fetches the history first and streams from its last message.
"""

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse

from web.conversations import USER
from web.deps import HandoffDep, StoreDep
from web.replies import TranscriptMessage
from web.routers.chat import existing, status_with

router = APIRouter(prefix="/api", tags=["chat"])

POLL_SECONDS = 0.5
HEARTBEAT_SECONDS = 15
# A stream ends after this long; EventSource reconnects at once with Last-Event-ID.
MAX_STREAM_SECONDS = 300


@router.get("/conversations/{conversation_id}/events")
async def events(
    conversation_id: str,
    request: Request,
    store: StoreDep,
    handoff: HandoffDep,
    after: int = 0,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    existing(store, conversation_id)
    start = max(after, int(last_event_id) if last_event_id and last_event_id.isdigit() else 0)

    async def stream() -> AsyncIterator[str]:
        last, status, waited = start, None, 0.0
        yield "retry: 2000\n\n"
        while waited < MAX_STREAM_SECONDS and not await request.is_disconnected():
            for message in store.messages(conversation_id, after=last):
                last = message.id
                if message.sender == USER:  # the widget shows what it sent itself
                    continue
                data = TranscriptMessage(**vars(message)).model_dump_json(exclude_none=True)
                yield f"id: {message.id}\nevent: bericht\ndata: {data}\n\n"
            now = status_with(handoff, conversation_id, []).model_dump(exclude={"messages"})
            if now != status:
                status = now
                yield f"event: status\ndata: {json.dumps(now)}\n\n"
            await asyncio.sleep(POLL_SECONDS)
            waited += POLL_SECONDS
            if waited % HEARTBEAT_SECONDS < POLL_SECONDS:
                yield ": nog verbonden\n\n"

    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)
