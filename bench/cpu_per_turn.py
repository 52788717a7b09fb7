"""CPU time per chat turn, by process: what each turn costs the machine, apart
from how long anyone waited. Latency on a shared 2-core VM swings with the
host; CPU time per turn hardly does, so it shows a change in the gateway's or
Rasa's own cost where latency percentiles cannot.

    .venv/web/bin/python bench/cpu_per_turn.py [--turns 600] [--users 4] [--rounds 3]
                                               [--profile single] [--record]

Starts its own Wegwijzer and sends the same mixed turns (bench/workload.py)
through the gateway's public API and straight to Rasa's webhook, alternating
over --rounds rounds, --users at once and back to back. Reads each service's
user + system CPU time from /proc before and after; the benchmark's own client
is counted too, since it shares the two cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from report import publish  # noqa: E402
from services import Stack  # noqa: E402
from workload import Target, Texts, bench_stack, drive, process_tree, stack_arguments  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
TARGETS = ("gateway", "rasa")


def _cpu_seconds(pid: int) -> float:
    # Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _client_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _snapshot(stack: Stack) -> dict[str, float]:
    cpu = {
        name: sum(_cpu_seconds(pid) for pid in process_tree(service.process.pid))
        for name, service in stack.services.items()
    }
    return {**cpu, "benchmark client": _client_seconds()}


async def _run(stack: Stack, turns: int, users: int, rounds: int) -> dict[str, dict[str, float]]:
    config = stack.config
    urls = {"gateway": f"http://127.0.0.1:{config.port}", "rasa": config.rasa_url}
    used = {t: dict.fromkeys(_snapshot(stack), 0.0) for t in TARGETS}
    answered = dict.fromkeys(TARGETS, 0)
    clients = {t: httpx.AsyncClient(base_url=urls[t], timeout=120) for t in TARGETS}
    targets = {t: Target(t, clients[t], config.token()) for t in TARGETS}
    texts = Texts()
    try:
        for target in targets.values():  # warm-up: first TensorFlow calls, connections
            await drive(target, texts, 1, 15)
        for _ in range(rounds):
            for name, target in targets.items():
                before = _snapshot(stack)
                answered[name] += await drive(target, texts, users, turns // rounds)
                after = _snapshot(stack)
                for process in before:
                    used[name][process] += after[process] - before[process]
    finally:
        for client in clients.values():
            await client.aclose()
    return {t: {p: s * 1000 / answered[t] for p, s in used[t].items()} for t in TARGETS}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--turns", type=int, default=600, help="answered turns per target")
    parser.add_argument("--users", type=int, default=4, help="conversations at once, back to back")
    parser.add_argument("--rounds", type=int, default=3)
    stack_arguments(parser)
    args = parser.parse_args()
    with bench_stack(args.profile) as stack:
        per_turn = asyncio.run(_run(stack, args.turns, args.users, args.rounds))
    processes = [p for p in per_turn["gateway"] if p != "benchmark client"] + ["benchmark client"]
    body = [
        f"Profile: {args.profile}. {args.turns} answered turns per target, {args.users} conversations "
        f"at once, {args.rounds} alternating rounds. CPU ms (user + system) per answered turn.",
        "",
        "| process | turns through the gateway | turns straight to Rasa |",
        "|---|---|---|",
        *(f"| {p} | {per_turn['gateway'][p]:.1f} | {per_turn['rasa'][p]:.1f} |" for p in processes),
        f"| all | {sum(per_turn['gateway'].values()):.1f} | {sum(per_turn['rasa'].values()):.1f} |",
    ]
    publish("CPU time per turn", ".venv/web/bin/python", body, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
