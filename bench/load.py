"""Load: many conversations at once through the gateway, then a check that every
message is in its conversation exactly once and got an answer.

    .venv/web/bin/python bench/load.py [--conversations 100] [--messages 20] [--record]

Starts its own Wegwijzer on free ports (throw-away data folder, the per-address
and per-conversation rate limits lifted: all load comes from this one address).
Reports errors, lost, duplicated, delayed and unanswered messages, and p50/p95/p99 per message.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from report import percentiles, publish  # noqa: E402
from workload import bench_stack, stack_arguments  # noqa: E402

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
# How long turns that waited for Rasa may take to be answered by the gateway's retry.
DRAIN_SECONDS = 300


async def _conversation(client: httpx.AsyncClient, number: int, count: int, latencies: list[float]) -> dict:
    """One user: `count` numbered messages, one after the other, as a person would.
    A turn Rasa did not answer in time gets a notice (or, behind such a turn,
    nothing yet): it is delayed, and the gateway answers it later."""
    errors, delayed, sent = 0, 0, []
    response = await client.post("/api/conversations")
    if response.status_code != 201:
        return {"id": None, "sent": [], "errors": count, "delayed": 0}
    conversation = response.json()["conversation_id"]
    for turn in range(count):
        text = f"{QUESTIONS[(number + turn) % len(QUESTIONS)]} ({number}.{turn})"
        start = time.perf_counter()
        reply = await client.post(f"/api/conversations/{conversation}/messages", json={"text": text})
        latencies.append((time.perf_counter() - start) * 1000)
        if reply.status_code != 200:
            errors += 1
        elif not any(m.get("sender", "bot") == "bot" for m in reply.json()["messages"]):
            delayed += 1
        sent.append(text)
    return {"id": conversation, "sent": sent, "errors": errors, "delayed": delayed}


def _check(history: dict, sent: list[str]) -> dict:
    users = [m["text"] for m in history["messages"] if m["sender"] == "user"]
    return {
        "lost": sum(1 for text in sent if text not in users),
        "duplicated": sum(users.count(text) - 1 for text in set(users) if users.count(text) > 1),
        # A turn that waited for Rasa is answered later, after the user's next messages,
        # so the transcript's order cannot tell; the gateway counts what still waits.
        "unanswered": history["waiting_for_bot"],
    }


async def _settle(client: httpx.AsyncClient, outcomes: list[dict]) -> float:
    """Wait until every delayed turn is answered (or DRAIN_SECONDS pass), then check
    each conversation; returns the seconds it took."""
    start = time.perf_counter()
    while True:
        for outcome in outcomes:
            if outcome["id"]:
                history = (await client.get(f"/api/conversations/{outcome['id']}")).json()
                outcome.update(_check(history, outcome["sent"]))
        waiting = sum(o.get("unanswered", 0) for o in outcomes)
        if not waiting or time.perf_counter() - start > DRAIN_SECONDS:
            return time.perf_counter() - start
        await asyncio.sleep(5)


async def _run(
    base_url: str, conversations: int, messages: int
) -> tuple[list[dict], list[float], float, float]:
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=conversations, max_keepalive_connections=conversations)
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
        start = time.perf_counter()
        outcomes = await asyncio.gather(
            *(_conversation(client, n, messages, latencies) for n in range(conversations))
        )
        wall = time.perf_counter() - start
        drained = await _settle(client, list(outcomes))
        return list(outcomes), latencies, wall, drained


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20)
    stack_arguments(parser)
    args = parser.parse_args()
    with bench_stack(args.profile) as stack:
        config = stack.config
        outcomes, latencies, wall, drained = asyncio.run(
            _run(f"http://127.0.0.1:{config.port}", args.conversations, args.messages)
        )

    totals = {
        key: sum(o.get(key, 0) for o in outcomes)
        for key in ("errors", "lost", "duplicated", "unanswered", "delayed")
    }
    p50, p95, p99 = percentiles(latencies)
    body = [
        f"{args.conversations} conversations at once, {args.messages} messages each, through the gateway"
        f" ({args.profile} profile, {len(config.rasa_ports)} Rasa process(es)).",
        "",
        "| messages | errors | lost | duplicated | unanswered | delayed | p50 ms | p95 ms | p99 ms "
        "| messages/s |",
        "|---|---|---|---|---|---|---|---|---|---|",
        f"| {len(latencies)} | {totals['errors']} | {totals['lost']} | {totals['duplicated']} "
        f"| {totals['unanswered']} | {totals['delayed']} | {p50:.0f} | {p95:.0f} | {p99:.0f} "
        f"| {len(latencies) / wall:.1f} |",
        "",
        "errors: HTTP errors. delayed: turns Rasa did not answer within the gateway's timeout (the user got",
        "a notice; the gateway's retry answered them later). unanswered: still without an answer",
        f"{drained:.0f} s after the last message (the check waits up to {DRAIN_SECONDS} s for the retries).",
    ]
    publish("Load through the gateway", ".venv/web/bin/python", body, args.record)
    failed = ("errors", "lost", "duplicated", "unanswered")
    return 0 if not any(totals[key] for key in failed) else 1


if __name__ == "__main__":
    raise SystemExit(main())
