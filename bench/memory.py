"""Memory: resident memory (RSS) of every Wegwijzer process after start and
while 10,000 turns go through the gateway, to see that nothing keeps growing.

    .venv/web/bin/python bench/memory.py [--turns 10000] [--conversations 20] [--profile single] [--record]

Starts its own Wegwijzer (rate limits lifted: all load comes from one address)
and sends mixed FAQ questions, school lookups and form steps
(bench/workload.py) from --conversations users at once, back to back. RSS is
read from /proc (the process and its children) after start and every tenth of
the turns; "peak" is the kernel's high-water mark (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from report import publish  # noqa: E402
from services import Stack  # noqa: E402
from workload import Target, Texts, bench_stack, kinds_for, process_tree, stack_arguments  # noqa: E402

TARGET_TOTAL_MB = 2500


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _megabytes(stack: Stack, field: str) -> dict[str, float]:
    """Per service: the sum over its process tree."""
    return {
        name: sum(_status_kb(pid, field) for pid in process_tree(service.process.pid)) / 1024
        for name, service in stack.services.items()
    }


class Turns:
    """A shared count of turns sent, and the RSS samples taken along the way."""

    def __init__(self, stack: Stack, total: int) -> None:
        self.stack, self.total, self.sent, self.errors = stack, total, 0, 0
        self.every = total // 10
        self.samples: list[tuple[int, dict[str, float]]] = [(0, _megabytes(stack, "VmRSS"))]

    def count(self, ok: bool) -> bool:
        """Counts one turn; False when the total is reached."""
        self.sent += 1
        self.errors += not ok
        if self.sent % self.every == 0:
            self.samples.append((self.sent, _megabytes(self.stack, "VmRSS")))
            print(f"  {self.sent} turns", flush=True)
        return self.sent < self.total


async def _user(target: Target, texts: Texts, user: int, turns: Turns) -> None:
    for kind in kinds_for(user):
        conversation = await target.open(kind)
        for text in texts.conversation(kind):
            if turns.sent >= turns.total:
                return
            try:
                ok = await target.say(conversation, text)
            except httpx.HTTPError:
                ok = False
            if not turns.count(ok):
                return


async def _drive(url: str, token: str, users: int, turns: Turns) -> None:
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        target, texts = Target("gateway", client, token), Texts()
        await asyncio.gather(*(_user(target, texts, u, turns) for u in range(users)))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--turns", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=20, help="users at once, back to back")
    stack_arguments(parser)
    args = parser.parse_args()

    with bench_stack(args.profile) as stack:
        turns = Turns(stack, args.turns)
        asyncio.run(
            _drive(f"http://127.0.0.1:{stack.config.port}", stack.config.token(), args.conversations, turns)
        )
        peak = _megabytes(stack, "VmHWM")

    # Columns: after start and every fifth of the turns; growth: last sample minus
    # the one after the first fifth (the first turns fill caches).
    shown, base = turns.samples[::2], turns.samples[2]
    header = " | ".join(f"after {n:,} turns" if n else "after start" for n, _ in shown)

    def row(name: str, values: list[float], top: float, growth: float) -> str:
        return f"| {name} | " + " | ".join(f"{v:.0f}" for v in values) + f" | {top:.0f} | {growth:+.0f} |"

    rows = [
        row(name, [sample[name] for _, sample in shown], peak[name], shown[-1][1][name] - base[1][name])
        for name in peak
    ]
    totals = [sum(sample.values()) for _, sample in shown]
    rows.append(row("all", totals, sum(peak.values()), totals[-1] - sum(base[1].values())))
    body = [
        f"Profile: {args.profile}. {turns.sent:,} turns through the gateway from {args.conversations} "
        f"users at once, back to back; {turns.errors} errors. RSS in MB (process and children).",
        "",
        f"| process | {header} | peak (VmHWM) | growth after {base[0]:,} turns |",
        "|---|" + "---|" * (len(shown) + 2),
        *rows,
        "",
        f"Target: all processes together under {TARGET_TOTAL_MB} MB, no growth trend. The growth column "
        f"compares the last sample with the one after {base[0]:,} turns.",
    ]
    publish("Memory", ".venv/web/bin/python", body, args.record)
    return 0 if not turns.errors and sum(peak.values()) < TARGET_TOTAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
