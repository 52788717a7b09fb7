"""The only module that knows Rasa's address, token and error shapes.

With several Rasa processes (the scaled profile) requests go round-robin, so
one conversation's turns alternate between them: they share the tracker store
and a lock store, so any of them may answer any turn. A process that refuses
the connection is skipped; that request never reached it, so it is safe to send
it to the next one.

aiohttp rather than httpx: this call is on every turn's path, and httpx's
client cost about four times as much CPU per request (bench/RESULTS.md,
"Gateway's client for Rasa").
"""

import asyncio
import itertools
import json
from collections.abc import Sequence
from typing import Any

import aiohttp

from web.server_timing import waiting_for_rasa

# Sanic (Rasa's server) closes a keep-alive connection after 5 s idle. Dropping
# it sooner ourselves means a turn never goes out on a connection Rasa is closing.
KEEPALIVE_SECONDS = 4.0


class RasaUnavailable(Exception):
    """Rasa did not answer, or answered with an error."""


class RasaClient:
    def __init__(self, base_urls: Sequence[str], token: str, timeout: float) -> None:
        self._token = token
        self._base_urls = list(base_urls)
        self._next = itertools.cycle(self._base_urls)
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        # Made on first use: a session belongs to the event loop it was made in.
        # No session-wide timeout: every request passes its own (self.timeout, or 3 s for /status).
        if self._session is None:
            connector = aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS)
            self._session = aiohttp.ClientSession(connector=connector)
        return self._session

    async def _request(self, method: str, path: str, **request: Any) -> Any:
        """Rasa's JSON answer to a request it answered with 200; anything else
        raises RasaUnavailable."""
        with waiting_for_rasa():
            status, body = await self._answer(method, path, request)
        if status != 200:
            raise RasaUnavailable(f"status {status}")
        try:
            return json.loads(body)
        except ValueError as garbled:
            raise RasaUnavailable("unreadable reply") from garbled

    async def _answer(self, method: str, path: str, request: dict[str, Any]) -> tuple[int, bytes]:
        """Status and body from the first process that takes the request."""
        error: Exception | None = None
        for _ in self._base_urls:
            try:
                async with self._http().request(
                    method, next(self._next) + path, timeout=self.timeout, **request
                ) as response:
                    return response.status, await response.read()
            except aiohttp.ClientConnectorError as refused:  # not delivered: the next process may take it
                error = refused
            except (aiohttp.ClientError, asyncio.TimeoutError) as failed:
                raise RasaUnavailable(type(failed).__name__) from failed
        raise RasaUnavailable(type(error).__name__) from error

    def _token_param(self) -> dict[str, str]:
        return {"token": self._token}

    async def send_message(self, sender: str, text: str) -> list[dict[str, Any]]:
        """One user turn through the gateway channel; returns Rasa's bot messages."""
        messages = await self._request(
            "POST",
            "/webhooks/gateway/webhook",
            json={"sender": sender, "message": text},
            headers={"X-Wegwijzer-Token": self._token},
        )
        if not isinstance(messages, list):
            raise RasaUnavailable("unexpected reply")
        return messages

    async def _append_event(self, sender: str, event: dict[str, Any]) -> None:
        await self._request(
            "POST", f"/conversations/{sender}/tracker/events", params=self._token_param(), json=event
        )

    async def log_user_message(self, sender: str, text: str) -> None:
        """Add what the user said to Rasa's tracker without Rasa answering: the
        transcript stays complete while a person owns the conversation."""
        # No intent: nothing was predicted; the metadata says why.
        await self._append_event(
            sender,
            {
                "event": "user",
                "text": text,
                "parse_data": {"intent": {}, "entities": [], "text": text},
                "metadata": {"gateway": "niet door de bot beantwoord"},
            },
        )

    async def log_staff_message(self, sender: str, text: str, staff: str) -> None:
        """A consultant's reply, as a bot turn marked with who wrote it."""
        await self._append_event(sender, {"event": "bot", "text": text, "metadata": {"medewerker": staff}})

    async def forget(self, sender: str) -> None:
        """Empty Rasa's tracker for this conversation (its events are replaced by none)."""
        await self._request(
            "PUT", f"/conversations/{sender}/tracker/events", params=self._token_param(), json=[]
        )

    async def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation as Rasa knows it: intents, entities, slots, actions."""
        return await self._request("GET", f"/conversations/{sender}/tracker", params=self._token_param())

    async def is_ready(self) -> bool:
        """Every Rasa process is up and has a model loaded."""
        for base_url in self._base_urls:
            try:
                async with self._http().get(
                    f"{base_url}/status", params=self._token_param(), timeout=aiohttp.ClientTimeout(total=3)
                ) as response:
                    if response.status != 200 or not (await response.json()).get("model_file"):
                        return False
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                return False
        return True

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
