"""Gateway tests against a Rasa stand-in: real app, real SQLite file, fake Rasa transport.

The end-to-end tests in tests/e2e run the same API against the real Rasa.
"""

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi.testclient import TestClient

from web.clock import ShiftedClock
from web.main import create_app
from web.rasa_client import RasaClient
from web.settings import Settings

RasaHandler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def settings(tmp_path) -> Settings:
    # Ports nothing listens on: health checks must see Rasa and actions as down.
    return Settings(
        var_dir=tmp_path,
        rasa_url="http://127.0.0.1:9",
        actions_url="http://127.0.0.1:9",
        rasa_token="test-token",
        # Tests answer waiting turns themselves, at the moment they choose.
        pending_retry_seconds=3600,
    )


@pytest.fixture
def rasa_calls() -> list[dict]:
    return []


@pytest.fixture
def rasa_handler(rasa_calls) -> RasaHandler:
    """Default stand-in: echoes what it got, the way Rasa answers a turn."""

    def handle(request: httpx.Request) -> httpx.Response:
        payload = json.loads(request.content)
        rasa_calls.append({"headers": dict(request.headers), **payload})
        return httpx.Response(
            200, json=[{"recipient_id": payload["sender"], "text": "ok: " + payload["message"]}]
        )

    return handle


# A Tuesday morning: the example SWV in knowledge/swv.yml is open.
OFFICE_HOURS = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def clock() -> ShiftedClock:
    return ShiftedClock(OFFICE_HOURS)


@pytest.fixture
def client(settings, rasa_handler, clock) -> Iterator[TestClient]:
    app = create_app(settings, clock)
    with TestClient(app) as test_client:
        app.state.rasa = RasaClient(
            settings.rasa_url, settings.rasa_token, 5, transport=httpx.MockTransport(rasa_handler)
        )
        yield test_client


@pytest.fixture
def conversation(client) -> str:
    return client.post("/api/conversations").json()["conversation_id"]
