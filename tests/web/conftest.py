"""Gateway tests against a Rasa stand-in: real app, real SQLite file, a stand-in
Rasa on loopback (tests/web/rasa_stand_in.py).

The end-to-end tests in tests/e2e run the same API against the real Rasa.
"""

import json
import secrets
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from datastores import PostgresCluster, missing_programs, scratch_dir
from fastapi.testclient import TestClient
from services import Service, free_port

from tests.web.rasa_stand_in import RasaHandler, RasaStandIn
from web.clock import ShiftedClock
from web.main import create_app
from web.settings import Settings
from web.storage import open_database as open_storage
from web.storage.database import Database

ENGINES = ["sqlite", "postgresql"]


def fresh_postgres_database(request: pytest.FixtureRequest) -> str:
    """The URL of a new, empty database on the session's PostgreSQL server."""
    cluster = request.getfixturevalue("postgres_server")
    name = f"test_{secrets.token_hex(6)}"
    cluster.create_databases(name)
    return cluster.url(name)


@pytest.fixture(params=ENGINES)
def settings(request, tmp_path) -> Settings:
    """Every gateway test runs on both storage engines: SQLite (the default) and
    PostgreSQL (the scaled profile)."""
    # Ports nothing listens on: health checks must see Rasa and actions as down.
    return Settings(
        database_url=fresh_postgres_database(request) if request.param == "postgresql" else "",
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
def rasa_stand_in(rasa_handler) -> Iterator[RasaStandIn]:
    """Tests change how Rasa behaves mid-test by setting its `handler`."""
    with RasaStandIn(rasa_handler) as stand_in:
        yield stand_in


@pytest.fixture
def client(settings, rasa_stand_in, clock) -> Iterator[TestClient]:
    app = create_app(settings.model_copy(update={"rasa_url": rasa_stand_in.url, "rasa_timeout": 5}), clock)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def conversation(client) -> str:
    return client.post("/api/conversations").json()["conversation_id"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresCluster]:
    """A throw-away PostgreSQL on loopback (Debian's programs; scripts/test.sh installs them)."""
    if "postgresql" in missing_programs():
        pytest.skip("PostgreSQL is not installed and could not be (see var/log/install-datastores.log)")
    base = scratch_dir()
    cluster = PostgresCluster(base / "postgres", free_port(), secrets.token_urlsafe(16))
    cluster.initialise()
    server = Service("postgres", cluster.command(), cluster.ready, {}, base / "postgres.log")
    server.start()
    try:
        server.wait_ready()
        yield cluster
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=ENGINES)
def open_database(request, tmp_path) -> Iterator[Callable[[], Database]]:
    """Opens a new connection to one fresh database, per engine: each call is
    what another gateway process would have."""
    opened: list[Database] = []
    url = fresh_postgres_database(request) if request.param == "postgresql" else ""

    def connect() -> Database:
        opened.append(open_storage(Settings(database_url=url, var_dir=tmp_path)))
        return opened[-1]

    yield connect
    for database in opened:
        database.close()
