"""The only module that knows Rasa's address, token and error shapes.

With several Rasa processes (the scaled profile) requests go round-robin, so
one conversation's turns alternate between them: they share the tracker store
and a lock store, so any of them may answer any turn. A process that refuses
the connection is skipped; that request never reached it, so it is safe to send
it to the next one.
"""

import itertools
from collections.abc import Sequence
from typing import Any

import httpx


class RasaUnavailable(Exception):
    """Rasa did not answer, or answered with an error."""


class RasaClient:
    def __init__(
        self,
        base_urls: Sequence[str],
        token: str,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._token = token
        self._base_urls = list(base_urls)
        self._next = itertools.cycle(self._base_urls)
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)

    async def _request(self, method: str, path: str, **request: Any) -> httpx.Response:
        """A request that either answers 200 or raises RasaUnavailable."""
        error: httpx.HTTPError | None = None
        for _ in self._base_urls:
            try:
                response = await self._http.request(method, next(self._next) + path, **request)
                break
            except httpx.ConnectError as refused:  # not delivered: the next process may take it
                error = refused
            except httpx.HTTPError as failed:
                raise RasaUnavailable(type(failed).__name__) from failed
        else:
            raise RasaUnavailable(type(error).__name__) from error
        if response.status_code != 200:
            raise RasaUnavailable(f"status {response.status_code}")
        return response

    async def send_message(self, sender: str, text: str) -> list[dict[str, Any]]:
        """One user turn through the gateway channel; returns Rasa's bot messages."""
        response = await self._request(
            "POST",
            "/webhooks/gateway/webhook",
            json={"sender": sender, "message": text},
            headers={"X-Wegwijzer-Token": self._token},
        )
        messages = response.json()
        if not isinstance(messages, list):
            raise RasaUnavailable("unexpected reply")
        return messages

    async def _append_event(self, sender: str, event: dict[str, Any]) -> None:
        await self._request(
            "POST", f"/conversations/{sender}/tracker/events", params={"token": self._token}, json=event
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
            "PUT", f"/conversations/{sender}/tracker/events", params={"token": self._token}, json=[]
        )

    async def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation as Rasa knows it: intents, entities, slots, actions."""
        response = await self._request(
            "GET", f"/conversations/{sender}/tracker", params={"token": self._token}
        )
        return response.json()

    async def is_ready(self) -> bool:
        """Every Rasa process is up and has a model loaded."""
        for base_url in self._base_urls:
            try:
                response = await self._http.get(
                    f"{base_url}/status", params={"token": self._token}, timeout=3
                )
            except httpx.HTTPError:
                return False
            if response.status_code != 200 or not response.json().get("model_file"):
                return False
        return True

    async def aclose(self) -> None:
        await self._http.aclose()
