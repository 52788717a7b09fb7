"""One real Wegwijzer (gateway, Rasa with the trained model, action server) for
the whole end-to-end session, on free ports with its own data folder."""

from collections.abc import Iterator

import httpx
import pytest
from services import ROOT, Stack, StackConfig, free_port


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    model = ROOT / "models" / "wegwijzer.tar.gz"
    if not model.is_file():
        pytest.fail("no trained model: run `make test` (it trains first), not pytest alone")
    config = StackConfig(
        var_dir=tmp_path_factory.mktemp("var"),
        port=free_port(),
        rasa_port=free_port(),
        actions_port=free_port(),
        model=model,
    )
    with Stack(config) as running:
        yield running


@pytest.fixture(scope="session")
def gateway(stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"http://127.0.0.1:{stack.config.port}", timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def parse(stack):
    """Rasa's NLU alone (/model/parse) on the running model."""
    with httpx.Client(base_url=stack.config.rasa_url, timeout=30) as rasa:

        def parse(text: str) -> dict:
            response = rasa.post("/model/parse", params={"token": stack.config.token()}, json={"text": text})
            response.raise_for_status()
            return response.json()

        yield parse


class Chat:
    """A user in one conversation, speaking only the public chat API."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        response = client.post("/api/conversations")
        assert response.status_code == 201
        self.id = response.json()["conversation_id"]

    def say(self, text: str) -> dict:
        response = self.client.post(f"/api/conversations/{self.id}/messages", json={"text": text})
        assert response.status_code == 200, response.text
        return response.json()

    def text_of(self, text: str) -> str:
        return "\n".join(m["text"] for m in self.say(text)["messages"])


@pytest.fixture
def chat(gateway) -> Chat:
    return Chat(gateway)
