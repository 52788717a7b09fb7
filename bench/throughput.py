"""Throughput: the most turns per second Wegwijzer keeps up for 60 s with p95
under 500 ms, end to end through the gateway.

    .venv/web/bin/python bench/throughput.py [--seconds 60] [--p95 500] [--profile single] [--record]

Open loop, as independent parents are: turns arrive at random moments (Poisson,
fixed seed) at a set rate, whatever the answers' speed. Each goes to a
conversation that is not waiting for an answer, or starts a new one (mixed FAQ,
school lookups and form steps: bench/workload.py). Short probes (15 s) at rising
rates find the highest rate that keeps p95 under the limit; then that rate
runs the full --seconds, stepping down until it holds. Starts its own
Wegwijzer with the rate limits lifted (all load comes from one address).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from report import percentiles, publish  # noqa: E402
from workload import KINDS, Latencies, Target, Texts, bench_stack, stack_arguments  # noqa: E402

PROBE_SECONDS = 15
FIRST_RATE, RATE_STEP = 2.0, 2.0


@dataclass
class Run:
    rate: float
    seconds: float
    latencies: Latencies
    achieved: float

    def holds(self, limit_ms: float) -> bool:
        return not self.latencies.errors and percentiles(self.latencies.all())[1] < limit_ms

    def row(self, limit_ms: float) -> str:
        p50, p95, p99 = percentiles(self.latencies.all())
        verdict = "holds" if self.holds(limit_ms) else "too slow" if not self.latencies.errors else "errors"
        return (
            f"| {self.rate:g} | {self.seconds:.0f} s | {len(self.latencies.all())} | {self.achieved:.1f} "
            f"| {p50:.0f} | {p95:.0f} | {p99:.0f} | {self.latencies.errors} | {verdict} |"
        )


class Conversations:
    """Conversations with turns left that are not waiting for an answer."""

    def __init__(self, target: Target, texts: Texts) -> None:
        self._target, self._texts = target, texts
        self._idle: list[tuple[str, str, list[str]]] = []
        self._kinds = itertools.cycle(KINDS)

    async def take(self) -> tuple[str, str, list[str]]:
        if self._idle:
            return self._idle.pop()
        kind = next(self._kinds)
        return kind, await self._target.open(kind), self._texts.conversation(kind)

    def give_back(self, kind: str, conversation: str, texts: list[str]) -> None:
        if texts:
            self._idle.append((kind, conversation, texts))


async def _turn(target: Target, pool: Conversations, out: Latencies, done: list[float]) -> None:
    kind, conversation, texts = await pool.take()  # opening a conversation is not measured
    started = time.perf_counter()
    try:
        ok = await target.say(conversation, texts[0])
    except httpx.HTTPError:
        ok = False
    out.add(kind, started, ok)
    done.append(time.perf_counter())
    pool.give_back(kind, conversation, texts[1:])


async def _at_rate(target: Target, texts: Texts, rate: float, seconds: float) -> Run:
    arrivals = random.Random(int(rate * 1000))
    pool, out, done, tasks = Conversations(target, texts), Latencies(), [], []
    started = time.perf_counter()
    moment = 0.0
    while moment < seconds:
        await asyncio.sleep(max(0.0, started + moment - time.perf_counter()))
        tasks.append(asyncio.create_task(_turn(target, pool, out, done)))
        moment += arrivals.expovariate(rate)
    await asyncio.gather(*tasks)
    return Run(rate, seconds, out, len(done) / (max(done) - started))


async def _search(url: str, token: str, seconds: float, limit_ms: float) -> list[Run]:
    limits = httpx.Limits(max_connections=500, max_keepalive_connections=500)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        target, texts = Target("gateway", client, token), Texts()
        await _at_rate(target, texts, 1.0, 10)  # warm-up
        runs = [await _at_rate(target, texts, FIRST_RATE, PROBE_SECONDS)]
        print(runs[-1].row(limit_ms), flush=True)
        while runs[-1].holds(limit_ms):
            runs.append(await _at_rate(target, texts, runs[-1].rate + RATE_STEP, PROBE_SECONDS))
            print(runs[-1].row(limit_ms), flush=True)
        rate = max(FIRST_RATE, runs[-1].rate - RATE_STEP)
        while True:
            await asyncio.sleep(10)  # let the queue of the failed probe drain
            runs.append(await _at_rate(target, texts, rate, seconds))
            print(runs[-1].row(limit_ms), flush=True)
            if runs[-1].holds(limit_ms) or rate <= 1:
                return runs
            rate = max(1.0, rate - 1)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60, help="length of the sustained run")
    parser.add_argument("--p95", type=float, default=500, help="p95 limit in ms")
    stack_arguments(parser)
    args = parser.parse_args()

    with bench_stack(args.profile) as stack:
        config = stack.config
        runs = asyncio.run(_search(f"http://127.0.0.1:{config.port}", config.token(), args.seconds, args.p95))

    sustained = runs[-1]
    body = [
        f"Profile: {args.profile} ({len(config.rasa_ports)} Rasa process(es)). Sustained for "
        f"{sustained.seconds:.0f} s with p95 under {args.p95:.0f} ms: **{sustained.achieved:.1f} turns/s** "
        f"(offered {sustained.rate:g}/s)" + ("." if sustained.holds(args.p95) else ": not reached."),
        "",
        "| offered turns/s | length | turns | answered turns/s | p50 ms | p95 ms | p99 ms | errors | |",
        "|---|---|---|---|---|---|---|---|---|",
        *(run.row(args.p95) for run in runs),
        "",
        "Probes of 15 s at rising rates, then the full run at the highest rate that held. Turns arrive "
        "at random (Poisson) whatever the answers' speed; mixed FAQ, school lookups and form steps.",
    ]
    publish("Throughput", ".venv/web/bin/python", body, args.record)
    return 0 if sustained.holds(args.p95) else 1


if __name__ == "__main__":
    sys.exit(main())
