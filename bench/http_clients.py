"""The gateway's CPU per call to Rasa: its client (web/rasa_client.py, aiohttp)
against httpx, the client it had before, alternating in one process.

    .venv/web/bin/python bench/http_clients.py [--requests 2000] [--rounds 4] [--record]

A stand-in Rasa in a separate process (bench/rasa_stand_in.py) answers every
turn with the same FAQ-sized reply, so only the client's work is counted: the
CPU time of this process per request, one request at a time over a kept-alive
connection, as the gateway sends a conversation's turns, on uvloop as in the
gateway.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import httpx
import uvloop

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "bench")]
from rasa_stand_in import stand_in_rasa  # noqa: E402
from report import publish  # noqa: E402

from web.rasa_client import RasaClient  # noqa: E402


async def _cpu_ms_per_request(send, requests: int) -> float:
    await send()  # the connection is open before the clock starts
    started = time.process_time()
    for _ in range(requests):
        await send()
    return (time.process_time() - started) * 1000 / requests


async def _measure(url: str, requests: int, rounds: int) -> dict[str, list[float]]:
    rasa = RasaClient([url], "token", 30)
    plain = httpx.AsyncClient(timeout=30)
    payload = {"sender": "bench", "message": "wat is een opp"}

    async def with_httpx() -> None:
        response = await plain.post(
            f"{url}/webhooks/gateway/webhook", json=payload, headers={"X-Wegwijzer-Token": "token"}
        )
        json.loads(response.content)

    clients = {
        "aiohttp (web/rasa_client.py)": lambda: rasa.send_message("bench", payload["message"]),
        "httpx.AsyncClient (before)": with_httpx,
    }
    spent: dict[str, list[float]] = {name: [] for name in clients}
    try:
        for _ in range(rounds):
            for name, send in clients.items():
                spent[name].append(await _cpu_ms_per_request(send, requests))
    finally:
        await rasa.aclose()
        await plain.aclose()
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()
    with stand_in_rasa() as url:
        # uvloop, as uvicorn runs the gateway.
        spent = uvloop.run(_measure(url, args.requests, args.rounds))
    rows = [
        f"| {name} | {' / '.join(f'{ms:.3f}' for ms in per_round)} | {statistics.mean(per_round):.3f} |"
        for name, per_round in spent.items()
    ]
    body = [
        f"{args.requests} requests per round, {args.rounds} alternating rounds, one at a time on a "
        "kept-alive connection. CPU ms of the client's process per request (the stand-in Rasa runs in "
        "another process).",
        "",
        "| client | per round | mean |",
        "|---|---|---|",
        *rows,
    ]
    publish("Gateway's client for Rasa", ".venv/web/bin/python", body, args.record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
