"""Load: many conversations at once through the gateway, then a check that every
message is in its conversation exactly once and got an answer.

    .venv/web/bin/python bench/load.py [--conversations 100] [--messages 20] [--record]

Starts its own Wegwijzer on free ports (throw-away data folder, the per-address
and per-conversation rate limits lifted: all load comes from this one address).
Reports errors, lost and duplicated messages, and p50/p95/p99 per message.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from datastores import scratch_dir  # noqa: E402
from latency import QUESTIONS  # noqa: E402
from report import publish  # noqa: E402
from services import PROFILES, Stack, StackConfig, free_port  # noqa: E402


async def _conversation(client: httpx.AsyncClient, number: int, count: int, latencies: list[float]) -> dict:
    """One user: `count` numbered messages, one after the other, as a person would."""
    errors, sent = 0, []
    response = await client.post("/api/conversations")
    if response.status_code != 201:
        return {"errors": count, "lost": 0, "duplicated": 0, "unanswered": 0, "delayed": 0}
    conversation = response.json()["conversation_id"]
    for turn in range(count):
        text = f"{QUESTIONS[(number + turn) % len(QUESTIONS)]} ({number}.{turn})"
        start = time.perf_counter()
        reply = await client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
        latencies.append((time.perf_counter() - start) * 1000)
        if reply.status_code != 200 or not reply.json()["messages"]:
            errors += 1
        sent.append(text)
    history = (await client.get(f"/api/conversations/{conversation}")).json()["messages"]
    users = [m["text"] for m in history if m["sender"] == "user"]
    # Each user message must be followed by at least one answer before the next user message.
    senders = [m["sender"] for m in history]
    unanswered = sum(
        1
        for i, s in enumerate(senders)
        if s == "user" and (i + 1 == len(senders) or senders[i + 1] == "user")
    )
    return {
        "errors": errors,
        "lost": sum(1 for text in sent if text not in users),
        "duplicated": sum(users.count(text) - 1 for text in set(users) if users.count(text) > 1),
        "unanswered": unanswered,
        # Turns that waited for Rasa (a notice instead of an answer; answered later by the retry).
        "delayed": sum(1 for m in history if m["sender"] == "systeem"),
    }


async def _run(base_url: str, conversations: int, messages: int) -> tuple[list[dict], list[float], float]:
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=conversations, max_keepalive_connections=conversations)
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
        start = time.perf_counter()
        outcomes = await asyncio.gather(
            *(_conversation(client, n, messages, latencies) for n in range(conversations))
        )
        return list(outcomes), latencies, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--profile", choices=PROFILES, default="single")
    parser.add_argument("--record", action="store_true", help="append the table to bench/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**StackConfig.one_client_env(), "WEGWIJZER_RATE_CONVERSATION_MESSAGES": "1000000"}
        scaled = args.profile == "scaled"
        config = StackConfig(
            var_dir=Path(var_dir),
            port=free_port(),
            rasa_port=free_port(),
            actions_port=free_port(),
            gateway_env=env,
            profile=args.profile,
            postgres_port=free_port(),
            redis_port=free_port(),
            datastore_dir=scratch_dir() if scaled else None,
        )
        print(f"Starting Wegwijzer ({args.profile} profile) for the load test ...", flush=True)
        try:
            with Stack(config):
                outcomes, latencies, wall = asyncio.run(
                    _run(f"http://127.0.0.1:{config.port}", args.conversations, args.messages)
                )
        finally:
            if config.datastore_dir:
                shutil.rmtree(config.datastore_dir, ignore_errors=True)
    totals = {
        key: sum(o[key] for o in outcomes)
        for key in ("errors", "lost", "duplicated", "unanswered", "delayed")
    }
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    body = [
        f"{args.conversations} conversations at once, {args.messages} messages each, through the gateway"
        f" ({args.profile} profile, {len(config.rasa_ports)} Rasa process(es)).",
        "",
        "| messages | errors | lost | duplicated | unanswered | delayed | p50 ms | p95 ms | p99 ms "
        "| messages/s |",
        "|---|---|---|---|---|---|---|---|---|---|",
        f"| {len(latencies)} | {totals['errors']} | {totals['lost']} | {totals['duplicated']} "
        f"| {totals['unanswered']} | {totals['delayed']} | {q[49]:.0f} | {q[94]:.0f} | {q[98]:.0f} "
        f"| {len(latencies) / wall:.1f} |",
    ]
    publish("Load through the gateway", ".venv/web/bin/python", body, args.record)
    return 0 if not any(totals.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
