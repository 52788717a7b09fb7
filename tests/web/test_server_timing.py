"""The Server-Timing header: the time a request waited for Rasa, and the
gateway's own time apart from that wait."""

import re

import httpx
import pytest

from tests.web.rasa_stand_in import answering_after

RASA_SECONDS = 0.3


def _timings(response: httpx.Response) -> dict[str, float]:
    parts = re.findall(r"(\w+);dur=([\d.]+)", response.headers["server-timing"])
    return {name: float(ms) for name, ms in parts}


@pytest.fixture
def rasa_handler():
    return answering_after(RASA_SECONDS, "Na een tijdje.")


def test_a_turn_counts_the_wait_for_rasa_as_rasas(client, conversation):
    response = client.post(f"/api/conversations/{conversation}/messages", json={"text": "hoi"})
    timings = _timings(response)
    assert timings["rasa"] >= RASA_SECONDS * 1000
    # The gateway's own part: what is left of the request, far less than Rasa's wait.
    assert 0 < timings["gateway"] < RASA_SECONDS * 1000 / 2


def test_a_request_without_rasa_has_no_rasa_time(client, conversation):
    timings = _timings(client.get(f"/api/conversations/{conversation}"))
    assert timings["rasa"] == 0
    assert timings["gateway"] > 0
