"""Latency of one chat turn: through the gateway's public API and straight to
Rasa's webhook, side by side in one run.

    .venv/web/bin/python bench/latency.py [--messages 200] [--concurrency 1] [--record]

Without --gateway-url it starts its own Wegwijzer (scripts/services.py) on free
ports with a throw-away data folder. --record appends the table to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from report import publish  # noqa: E402
from services import StackConfig, throwaway_stack  # noqa: E402

# A mix of what parents send: factual questions, small talk, unclear messages.
QUESTIONS = [
    "Hoe lang mag een school doen over een besluit na aanmelding?",
    "hoeveel weken heeft de school om te beslissen",
    "hallo",
    "wij wachten al weken op antwoord van de school over de aanmelding, mag dat?",
    "dank je wel",
    "ben jij een robot?",
    "wat voor weer wordt het morgen",
    "mag de school de termijn verlengen",
    "xkcd qwpoz",
    "binnen welke termijn moet de school een passende plek bieden",
]


@dataclass
class Result:
    target: str
    latencies_ms: list[float]
    errors: int
    wall_s: float

    def row(self) -> str:
        q = statistics.quantiles(self.latencies_ms, n=100, method="inclusive")
        rate = len(self.latencies_ms) / self.wall_s
        return (
            f"| {self.target} | {len(self.latencies_ms)} | {self.errors} | {q[49]:.1f} | {q[94]:.1f} "
            f"| {q[98]:.1f} | {rate:.1f} |"
        )


async def _gateway_user(client: httpx.AsyncClient, messages: list[str], out: list[float]) -> int:
    conversation = (await client.post("/api/conversations")).json()["conversation_id"]
    errors = 0
    for text in messages:
        started = time.perf_counter()
        response = await client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
        out.append((time.perf_counter() - started) * 1000)
        errors += response.status_code != 200
    return errors


async def _rasa_user(client: httpx.AsyncClient, token: str, messages: list[str], out: list[float]) -> int:
    sender = f"bench-{uuid.uuid4().hex}"
    errors = 0
    for text in messages:
        started = time.perf_counter()
        response = await client.post(
            "/webhooks/gateway/webhook",
            json={"sender": sender, "message": text},
            headers={"X-Wegwijzer-Token": token},
        )
        out.append((time.perf_counter() - started) * 1000)
        errors += response.status_code != 200
    return errors


async def _measure(target: str, base_url: str, token: str, total: int, concurrency: int) -> Result:
    per_user = max(1, total // concurrency)
    plan = [[QUESTIONS[(u + i) % len(QUESTIONS)] for i in range(per_user)] for u in range(concurrency)]
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        started = time.perf_counter()
        if target == "gateway":
            errors = await asyncio.gather(*(_gateway_user(client, m, latencies) for m in plan))
        else:
            errors = await asyncio.gather(*(_rasa_user(client, token, m, latencies) for m in plan))
        wall = time.perf_counter() - started
    return Result(target, latencies, sum(errors), wall)


async def _run(args: argparse.Namespace, gateway_url: str, rasa_url: str, token: str) -> list[Result]:
    # Warm up both paths (first TensorFlow calls are slow), then measure.
    await _measure("gateway", gateway_url, token, 10, 1)
    await _measure("rasa", rasa_url, token, 10, 1)
    return [
        await _measure("gateway", gateway_url, token, args.messages, args.concurrency),
        await _measure("rasa", rasa_url, token, args.messages, args.concurrency),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=200, help="measured messages per target")
    parser.add_argument("--concurrency", type=int, default=1, help="conversations in parallel")
    parser.add_argument("--gateway-url", help="use a running gateway instead of starting one")
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    parser.add_argument("--record", action="store_true", help="append the table to bench/RESULTS.md")
    args = parser.parse_args()

    with ExitStack() as cleanup:
        if args.gateway_url:
            gateway_url, rasa_url = args.gateway_url, args.rasa_url
            token = StackConfig.from_env().token()
        else:
            var_dir = Path(cleanup.enter_context(tempfile.TemporaryDirectory()))
            print("Starting Wegwijzer for the benchmark ...", flush=True)
            config = cleanup.enter_context(
                throwaway_stack(var_dir, gateway_env=StackConfig.one_client_env())
            ).config
            gateway_url, rasa_url, token = f"http://127.0.0.1:{config.port}", config.rasa_url, config.token()
        results = asyncio.run(_run(args, gateway_url, rasa_url, token))

    body = [
        f"Concurrency: {args.concurrency} conversations in parallel.",
        "",
        "| target | messages | errors | p50 ms | p95 ms | p99 ms | messages/s |",
        "|---|---|---|---|---|---|---|",
        *(r.row() for r in results),
        "",
        "`gateway` = POST /api/conversations/{id}/messages; `rasa` = Rasa's gateway-channel webhook directly "
        "(the same turn without the gateway).",
    ]
    publish("Latency", ".venv/web/bin/python", body, args.record)
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
