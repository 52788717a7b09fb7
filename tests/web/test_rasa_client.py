"""The gateway's client for Rasa, against real sockets: which failures move a
request to the next Rasa process, and which end it as RasaUnavailable."""

import asyncio
import json
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from services import free_port

from tests.web.rasa_stand_in import RasaStandIn
from web.rasa_client import RasaClient, RasaUnavailable


def _answers(name: str, calls: list[str]):
    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(name)
        sender = json.loads(request.content)["sender"]
        return httpx.Response(200, json=[{"recipient_id": sender, "text": f"{name} antwoordt"}])

    return handle


@pytest.fixture
def calls() -> list[str]:
    return []


@pytest.fixture
def first(calls) -> Iterator[RasaStandIn]:
    with RasaStandIn(_answers("eerste", calls)) as stand_in:
        yield stand_in


@pytest.fixture
def second(calls) -> Iterator[RasaStandIn]:
    with RasaStandIn(_answers("tweede", calls)) as stand_in:
        yield stand_in


def _run(work: Coroutine[Any, Any, Any]) -> Any:
    """In a thread of its own: the browser tests leave an event loop running in this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, work).result()


async def _say(client: RasaClient, text: str = "hallo") -> list[dict]:
    try:
        return await client.send_message("gesprek-1", text)
    finally:
        await client.aclose()


def test_turns_alternate_between_rasa_processes(first, second, calls):
    async def four_turns() -> None:
        client = RasaClient([first.url, second.url], "token", 5)
        try:
            for _ in range(4):
                await client.send_message("gesprek-1", "hallo")
        finally:
            await client.aclose()

    _run(four_turns())
    assert calls == ["eerste", "tweede", "eerste", "tweede"]


def test_a_process_that_refuses_the_connection_is_skipped(second, calls):
    nobody = f"http://127.0.0.1:{free_port()}"
    [reply] = _run(_say(RasaClient([nobody, second.url], "token", 5)))
    assert reply["text"] == "tweede antwoordt"
    assert calls == ["tweede"]


def test_every_process_refusing_is_unavailable():
    nobody = [f"http://127.0.0.1:{free_port()}" for _ in range(2)]
    with pytest.raises(RasaUnavailable):
        _run(_say(RasaClient(nobody, "token", 5)))


def test_a_dropped_turn_is_not_sent_again_to_another_process(first, second, calls):
    """Rasa may have acted on a turn it never answered: sending it to the next
    process could answer it twice."""

    def dies(request: httpx.Request) -> httpx.Response:
        calls.append("eerste")
        raise httpx.ConnectError("the process died mid-turn")

    first.handler = dies
    with pytest.raises(RasaUnavailable):
        _run(_say(RasaClient([first.url, second.url], "token", 5)))
    assert calls == ["eerste"]


def test_an_answer_after_the_timeout_is_unavailable(first):
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(2)
        return httpx.Response(200, json=[])

    first.handler = slow
    client = RasaClient([first.url], "token", 0.2)
    with pytest.raises(RasaUnavailable, match="TimeoutError"):
        _run(_say(client))


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(500, json={"error": "kapot"}),
        httpx.Response(200, text="<html>"),
        httpx.Response(200, json={}),
    ],
    ids=["server error", "not json", "not a list of messages"],
)
def test_an_error_or_garbled_answer_is_unavailable(first, answer):
    first.handler = lambda request: answer
    with pytest.raises(RasaUnavailable):
        _run(_say(RasaClient([first.url], "token", 5)))


def test_the_token_goes_with_every_request(first):
    seen: list[tuple[str, str | None, str | None]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        token_header, token_param = request.headers.get("x-wegwijzer-token"), request.url.params.get("token")
        seen.append((request.url.path, token_header, token_param))
        return httpx.Response(200, json=[{"text": "ok"}] if request.url.path.endswith("webhook") else {})

    first.handler = handle

    async def both() -> None:
        client = RasaClient([first.url], "geheim", 5)
        try:
            await client.send_message("gesprek-1", "hallo")
            await client.forget("gesprek-1")
        finally:
            await client.aclose()

    _run(both())
    assert seen == [
        ("/webhooks/gateway/webhook", "geheim", None),
        ("/conversations/gesprek-1/tracker/events", None, "geheim"),
    ]
