"""What the benchmarks send, and the three ways to send it.

Three kinds of turn, with texts people did not write for the training data:
- faq: a parent's factual question (the held-out NLU examples in tests/nlu);
- sop: a question about schools' support (held-out tests/nlu/scholen.yml),
  answered by a lookup in the support-profile database;
- form: a step of the guided decision-term flow (yes/no, a date), checked
  by the action server's form validation.

Three targets, each one layer less than the one before:
- gateway: the public chat API (what the widget calls);
- rasa: Rasa's gateway-channel webhook (the same turn without the gateway);
- parse: Rasa's /model/parse (NLU alone, no dialogue, no actions).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import re
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from nlu_eval import held_out_texts
from services import PROFILES, Stack, StackConfig, throwaway_stack

KINDS = ("faq", "sop", "form")
TARGETS = ("gateway", "rasa", "parse")
FLOW = "zorgplicht_termijn"
# Held-out files whose intents are answered by a knowledge article.
FAQ_FILES = ("zorgplicht", "opp", "tlv", "escalatieladder", "thuiszitten", "ondersteuning", "zorg",
             "steunpunt", "leerling")  # fmt: skip
# Turns per conversation before the user starts a new one (form: the flow's three questions).
TURNS = {"faq": 5, "sop": 4, "form": 3}


def _form_steps(number: int) -> list[str]:
    """Written registration: yes; received: some weeks ago; extended: no."""
    ago = ["2 weken geleden", "3 weken geleden", "10 dagen geleden", "vorige week", "5 weken geleden"]
    return [random.Random(number).choice(["ja", "Ja", "ja hoor", "jazeker"]), ago[number % len(ago)], "nee"]


class Texts:
    """Endless, shuffled (fixed seed) texts per kind, shared by all users."""

    def __init__(self, seed: int = 7) -> None:
        shuffle = random.Random(seed)
        faq = held_out_texts(*FAQ_FILES)
        sop = held_out_texts("scholen")
        shuffle.shuffle(faq)
        shuffle.shuffle(sop)
        self._faq, self._sop = itertools.cycle(faq), itertools.cycle(sop)
        self._forms = itertools.count()

    def conversation(self, kind: str) -> list[str]:
        if kind == "form":
            return _form_steps(next(self._forms))
        source = self._faq if kind == "faq" else self._sop
        return [next(source) for _ in range(TURNS[kind])]


@dataclass
class Latencies:
    """Milliseconds per kind of turn, and the turns that failed."""

    ms: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    errors: int = 0

    def add(self, kind: str, started: float, ok: bool) -> None:
        self.ms[kind].append((time.perf_counter() - started) * 1000)
        self.errors += not ok

    def extend(self, other: Latencies) -> None:
        for kind in KINDS:
            self.ms[kind] += other.ms[kind]
        self.errors += other.errors

    def all(self) -> list[float]:
        return [ms for kind in KINDS for ms in self.ms[kind]]


def server_timing(header: str) -> dict[str, float]:
    """The gateway's Server-Timing header (web/server_timing.py): ms per part."""
    return {name: float(ms) for name, ms in re.findall(r"(\w+);dur=([\d.]+)", header)}


class Target:
    """Sends one conversation's turns to one layer of the stack."""

    def __init__(self, name: str, client: httpx.AsyncClient, token: str) -> None:
        self.name, self._client, self._token = name, client, token
        # The gateway's Server-Timing of its last answer (web/server_timing.py), in ms.
        self.server_timing: dict[str, float] = {}

    async def open(self, kind: str) -> str:
        """A new conversation; a form conversation starts the flow (not measured)."""
        if self.name == "gateway":
            body = {"start": FLOW} if kind == "form" else {}
            response = await self._client.post("/api/conversations", json=body)
            response.raise_for_status()
            return response.json()["conversation_id"]
        sender = f"bench-{uuid.uuid4().hex}"
        if self.name == "rasa" and kind == "form":
            await self._webhook(sender, f"/flow_{FLOW}")
        return sender

    async def _webhook(self, sender: str, text: str) -> bool:
        response = await self._client.post(
            "/webhooks/gateway/webhook",
            json={"sender": sender, "message": text},
            headers={"X-Wegwijzer-Token": self._token},
        )
        return response.status_code == 200 and bool(response.json())

    async def say(self, conversation: str, text: str) -> bool:
        """One turn; True when it was answered."""
        if self.name == "gateway":
            response = await self._client.post(
                f"/api/conversations/{conversation}/messages", json={"text": text}
            )
            self.server_timing = server_timing(response.headers.get("server-timing", ""))
            return response.status_code == 200 and any(
                m.get("sender", "bot") == "bot" for m in response.json()["messages"]
            )
        if self.name == "rasa":
            return await self._webhook(conversation, text)
        response = await self._client.post("/model/parse", params={"token": self._token}, json={"text": text})
        return response.status_code == 200 and bool(response.json().get("intent"))


def kinds_for(user: int) -> Iterator[str]:
    """Each user goes through the kinds in turn, starting at a different one."""
    return itertools.islice(itertools.cycle(KINDS), user % len(KINDS), None)


async def drive(target: Target, texts: Texts, users: int, turns: int) -> int:
    """`users` conversations at once, back to back, until `turns` turns are sent;
    returns how many were answered."""
    sent = answered = 0

    async def user(number: int) -> None:
        nonlocal sent, answered
        for kind in kinds_for(number):
            conversation = await target.open(kind)
            for text in texts.conversation(kind):
                if sent >= turns:
                    return
                sent += 1
                ok = await target.say(conversation, text)  # not `answered += await ...`: that reads
                answered += ok  # the count before the await and loses the other users' turns

    await asyncio.gather(*(user(n) for n in range(users)))
    return answered


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (a service may start children)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    kids = [int(c) for c in children.read_text().split()] if children.exists() else []
    return [pid, *(p for kid in kids for p in process_tree(kid))]


def stack_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", choices=PROFILES, default="single")
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")


@contextmanager
def bench_stack(profile: str) -> Iterator[Stack]:
    """A throw-away Wegwijzer on free ports with a temporary data folder and the
    gateway's rate limits lifted: all the load comes from this one address."""
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**StackConfig.one_client_env(), "WEGWIJZER_RATE_CONVERSATION_MESSAGES": "1000000"}
        print(f"Starting Wegwijzer ({profile} profile) for the benchmark ...", flush=True)
        with throwaway_stack(Path(var_dir), profile, gateway_env=env) as stack:
            yield stack
