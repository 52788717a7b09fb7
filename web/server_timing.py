"""How long the gateway itself took over a request, apart from waiting for
Rasa, in the standard Server-Timing header: "rasa;dur=23.4, gateway;dur=1.8"
(milliseconds). Browser devtools show it; bench/hop_floor.py reads it.

Measured from the moment the request reaches the app to the moment its answer
starts: uvicorn's own parsing and writing, which any HTTP hop costs, are outside.
"rasa" is the whole call to Rasa, the gateway's own HTTP client included.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from time import perf_counter

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Seconds the current request has waited for Rasa; a list, so that tasks which
# copied the context still add to the request's own total.
_waited: ContextVar[list[float] | None] = ContextVar("waited_for_rasa", default=None)


@contextmanager
def waiting_for_rasa() -> Iterator[None]:
    """Counts the time inside as Rasa's, not the gateway's."""
    started = perf_counter()
    try:
        yield
    finally:
        waited = _waited.get()
        if waited is not None:
            waited[0] += perf_counter() - started


class ServerTimingMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, waited = perf_counter(), [0.0]
        token = _waited.set(waited)

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                rasa, total = waited[0] * 1000, (perf_counter() - started) * 1000
                value = f"rasa;dur={rasa:.2f}, gateway;dur={total - rasa:.2f}".encode()
                message["headers"] = [*message.get("headers", []), (b"server-timing", value)]
            await send(message)

        try:
            await self.app(scope, receive, timed)
        finally:
            _waited.reset(token)
