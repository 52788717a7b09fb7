"""Latency of one chat turn, layer by layer, in one run: through the gateway's
public API, straight to Rasa's webhook, and Rasa's NLU alone (/model/parse),
for FAQ answers, school (SOP) lookups and a step of a guided form, at 1, 10
and 50 conversations at once.

    .venv/web/bin/python bench/latency.py [--levels 1 10 50] [--think 2] [--rounds 3]
                                          [--profile single] [--record]

Starts its own Wegwijzer (scripts/services.py) on free ports with a throw-away
data folder; the gateway's rate limits are lifted (all load comes from one
address). One conversation sends its turns back to back. With more, each user
waits --think seconds (0.5-1.5x, at random) between turns: reading an answer
and typing the next question takes people far longer, so the load is on the
high side. --rounds: each round sends every level's turns to each target in turn;
more rounds, more turns (a firmer p95). Texts: bench/workload.py.
--record appends the tables to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from report import percentiles, publish  # noqa: E402
from workload import (  # noqa: E402
    KINDS,
    TARGETS,
    Latencies,
    Target,
    Texts,
    bench_stack,
    kinds_for,
    stack_arguments,
)

# Measured turns per user at each level: about 300 turns per target and level,
# sent in ROUNDS rounds that alternate between the targets: this virtual machine's
# speed drifts (bench/report.py), and the drift must not fall on one target only.
TURNS_PER_USER = {1: 300, 10: 30, 50: 9}
ROUNDS = 3
WARM_UP_TURNS = 15


async def _user(target: Target, texts: Texts, user: int, turns: int, think: float, out: Latencies) -> None:
    pause = random.Random(user)
    sent = 0
    for kind in kinds_for(user):
        conversation = await target.open(kind)
        for text in texts.conversation(kind):
            if sent == turns:
                return
            if think:
                await asyncio.sleep(think * pause.uniform(0.5, 1.5))
            started = time.perf_counter()
            try:
                ok = await target.say(conversation, text)
            except httpx.HTTPError:
                ok = False
            out.add(kind, started, ok)
            sent += 1


async def _level(
    target: Target, texts: Texts, users: int, turns: int, think: float
) -> tuple[Latencies, float]:
    out = Latencies()
    started = time.perf_counter()
    await asyncio.gather(
        *(_user(target, texts, u, turns, think if users > 1 else 0, out) for u in range(users))
    )
    return out, time.perf_counter() - started


async def _run(urls: dict[str, str], token: str, levels: list[int], think: float, rounds: int) -> dict:
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    clients = {t: httpx.AsyncClient(base_url=urls[t], timeout=120, limits=limits) for t in TARGETS}
    targets = {t: Target(t, clients[t], token) for t in TARGETS}
    texts = Texts()
    try:
        for target in targets.values():  # first TensorFlow calls and connections are slow
            await _level(target, texts, 1, WARM_UP_TURNS, 0)
        results = {(name, users): (Latencies(), 0.0) for name in targets for users in levels}
        for users in levels:
            turns = TURNS_PER_USER.get(users, max(9, 300 // users)) // ROUNDS
            for round_ in range(1, rounds + 1):
                for name, target in targets.items():
                    print(f"  {users} conversation(s), round {round_}, {name} ...", flush=True)
                    out, wall = await _level(target, texts, users, turns, think)
                    merged, walls = results[name, users]
                    merged.extend(out)
                    results[name, users] = merged, walls + wall
        return results
    finally:
        for client in clients.values():
            await client.aclose()


def _cell(values: list[float]) -> str:
    return " / ".join(f"{v:.0f}" for v in percentiles(values))


def _table(results: dict, users: int) -> list[str]:
    rows = []
    for kind in (*KINDS, "all"):
        pick = {
            t: (results[t, users][0].all() if kind == "all" else results[t, users][0].ms[kind])
            for t in TARGETS
        }
        gateway, rasa = percentiles(pick["gateway"])[0], percentiles(pick["rasa"])[0]
        rows.append(
            f"| {users} | {kind} | {len(pick['gateway'])} | {_cell(pick['gateway'])} | {_cell(pick['rasa'])} "
            f"| {_cell(pick['parse'])} | {gateway - rasa:+.0f} ms, {(gateway / rasa - 1) * 100:+.0f}% |"
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 10, 50], help="conversations at once")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between a user's turns")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="rounds per level (turns grow with them)")
    stack_arguments(parser)
    args = parser.parse_args()

    with bench_stack(args.profile) as stack:
        config = stack.config
        urls = {
            "gateway": f"http://127.0.0.1:{config.port}",
            "rasa": config.rasa_url,
            "parse": config.rasa_url,
        }
        results = asyncio.run(_run(urls, config.token(), args.levels, args.think, args.rounds))

    errors = {f"{t} at {u}": r[0].errors for (t, u), r in results.items() if r[0].errors}
    body = [
        f"Profile: {args.profile} ({len(config.rasa_ports)} Rasa process(es)). "
        f"Think time between a user's turns: {args.think:g} s on average (none for a single conversation). "
        f"Errors: {errors or 'none'}.",
        "",
        "| conversations | kind | turns | gateway p50 / p95 / p99 ms | Rasa webhook | /model/parse "
        "| gateway adds (p50) |",
        "|---|---|---|---|---|---|---|",
        *(row for users in args.levels for row in _table(results, users)),
        "",
        "gateway: POST /api/conversations/{id}/messages. Rasa webhook: the same turn sent straight to Rasa's "
        "gateway channel. /model/parse: Rasa's NLU alone on the same text. Offered load (turns/s, gateway): "
        + ", ".join(
            f"{users}: {len(results['gateway', users][0].all()) / results['gateway', users][1]:.1f}"
            for users in args.levels
        )
        + ".",
    ]
    publish("Latency by layer", ".venv/web/bin/python", body, args.record)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
