"""A Rasa stand-in that is a real HTTP server on loopback, so the gateway's own
client, connection pool and error handling are what the tests exercise.

Tests describe Rasa as a handler: an httpx.Request in, an httpx.Response out
(plain or async). Raising httpx.ConnectError drops the connection without an
answer, as a Rasa that died would; any other error answers 500.
"""

import asyncio
import inspect
import json
import threading
from collections.abc import Awaitable, Callable
from types import TracebackType

import httpx
from aiohttp import web

RasaHandler = Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]]


class RasaStandIn:
    def __init__(self, handler: RasaHandler) -> None:
        self.handler = handler
        self.url = ""
        # Its own event loop in its own thread: the gateway under test runs in
        # TestClient's loop, and a handler may wait (asyncio.sleep) without blocking it.
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    def __enter__(self) -> "RasaStandIn":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{path:.*}", self._answer)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        asked = httpx.Request(
            request.method, str(request.url), headers=dict(request.headers), content=await request.read()
        )
        try:
            answer = self.handler(asked)
            if inspect.isawaitable(answer):
                answer = await answer
        except httpx.ConnectError:
            assert request.transport is not None
            request.transport.abort()
            raise web.HTTPServiceUnavailable() from None  # never sent: the connection is gone
        except Exception:  # a handler that cannot answer this request: Rasa's 500
            return web.Response(status=500, text="stand-in error")
        return web.Response(
            status=answer.status_code,
            body=answer.content,
            content_type=answer.headers.get("content-type", "application/json").split(";")[0],
        )


def answering_after(seconds: float, text: str) -> RasaHandler:
    """A Rasa that takes `seconds` over every turn, then says `text`."""

    async def handle(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(seconds)
        sender = json.loads(request.content)["sender"]
        return httpx.Response(200, json=[{"recipient_id": sender, "text": text}])

    return handle
