"""One real Wegwijzer (gateway, Rasa with the trained model, action server) for
the whole end-to-end session, on free ports with its own data folder."""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from datastores import missing_programs
from services import ROOT, WEB_BIN, Stack, StackConfig, throwaway_stack

OFFICE_HOURS = "2026-12-01T10:00:00+01:00"
PASSWORD = "een-lang-wachtwoord-voor-tests"


# scripts/test.sh runs this suite twice: on the single profile, then with
# WEGWIJZER_TEST_PROFILE=scaled (PostgreSQL, Redis, two Rasa processes).
PROFILE = os.environ.get("WEGWIJZER_TEST_PROFILE", "single")


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Iterator[Stack]:
    model = ROOT / "models" / "wegwijzer.tar.gz"
    if not model.is_file():
        pytest.fail("no trained model: run `make test` (it trains first), not pytest alone")
    if PROFILE == "scaled" and missing_programs():
        pytest.skip(f"scaled profile: {' and '.join(missing_programs())} not installed and could not be "
                    "(see var/log/install-datastores.log)")  # fmt: skip
    with throwaway_stack(
        tmp_path_factory.mktemp("var"),
        PROFILE,
        model=model,
        # A Tuesday morning, in the example SWV's office hours, whenever CI runs.
        gateway_env={"WEGWIJZER_CLOCK_START": OFFICE_HOURS, **StackConfig.one_client_env()},
    ) as running:
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


def add_staff(stack: Stack, username: str, role: str = "consulent") -> None:
    """Through the CLI, as a steunpunt creates its first account."""
    command = [str(WEB_BIN / "python"), "-m", "web.staff", "toevoegen", username, "--naam", username.title(),
               "--rol", role, "--wachtwoord-stdin"]  # fmt: skip
    env = {**stack.base_env, "WEGWIJZER_VAR_DIR": str(stack.config.var_dir)}
    done = subprocess.run(command, input=PASSWORD + "\n", env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 or "bestaat" in done.stderr or "al een account" in done.stderr, done.stderr


class Console:
    """A consultant logged in to the staff API with their own cookie."""

    def __init__(self, stack: Stack, username: str, role: str = "consulent") -> None:
        add_staff(stack, username, role)
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{stack.config.port}", timeout=30)
        response = self.client.post(
            "/api/medewerker/login", json={"gebruikersnaam": username, "wachtwoord": PASSWORD}
        )
        assert response.status_code == 200, response.text
        self.csrf = response.json()["csrf"]

    def act(self, path: str, body: dict | None = None) -> httpx.Response:
        return self.client.post(
            f"/api/medewerker{path}", json=body or {}, headers={"X-CSRF-Token": self.csrf}
        )

    def get(self, path: str) -> dict:
        response = self.client.get(f"/api/medewerker{path}")
        assert response.status_code == 200, response.text
        return response.json()

    def close(self) -> None:
        self.client.close()


@pytest.fixture
def console(stack) -> Iterator[Console]:
    consultant = Console(stack, "anna")
    yield consultant
    consultant.close()


CHROMIUM = os.environ.get("WEGWIJZER_CHROMIUM", "/usr/bin/chromium")
# Screenshots of the main screens, written by the browser tests (README links them).
SCREENSHOTS = ROOT / "var" / "screenshots"
# This machine has no internet: without these, chromium keeps trying to reach Google.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright (scripts/browser.sh installs it)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no chromium at {CHROMIUM}: run `make test` (scripts/browser.sh installs it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


def serious(page) -> list[str]:
    """axe-core's serious and critical accessibility violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in ("serious", "critical")]
