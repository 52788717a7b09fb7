"""Where a chat turn's time goes: py-spy samples one service while turns go
through the gateway, and the functions with the most samples are listed.

    .venv/web/bin/python bench/hotspots.py [--service rasa] [--turns 300] [--record]

--service is rasa, actions or gateway. Four users send mixed FAQ questions,
school lookups and form steps (bench/workload.py) back to back. Percentages are
of the samples taken while the service was busy (py-spy leaves out idle
threads); "own" is time in the function itself, "total" includes what it calls.
How issue 9's fixes were found: e.g. Rasa's check of its own response schema.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from report import publish  # noqa: E402
from workload import Target, Texts, bench_stack, drive  # noqa: E402

PY_SPY = ROOT / ".venv" / "web" / "bin" / "py-spy"
USERS = 4
SHOWN = 25


async def _send(url: str, token: str, turns: int) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        await drive(Target("gateway", client, token), Texts(), USERS, turns)


def _frame(frame: str) -> str:
    """'handle (rasa/core/processor.py:157)' -> 'handle (processor.py)'."""
    name, _, where = frame.partition(" (")
    return f"{name} ({where.rsplit('/', 1)[-1].split(':')[0]})" if where else name


def _tables(raw: Path) -> tuple[int, list[str], list[str]]:
    """Rows by total time and rows by own time (where the CPU actually went: in a
    web server the total-time table is mostly middleware that only passes through)."""
    total_samples, total, own = 0, collections.Counter(), collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [_frame(f) for f in stack.split(";")]
        total_samples += int(count)
        for frame in set(frames):
            total[frame] += int(count)
        own[frames[-1]] += int(count)
    # Frames in (nearly) every sample are the server's main loop, not a finding.
    by_total = [f for f, n in total.most_common() if n < 0.97 * total_samples][:SHOWN]
    by_own = [f for f, _ in own.most_common(SHOWN)]

    def rows(frames: list[str]) -> list[str]:
        return [
            f"| {f} | {total[f] / total_samples:.1%} | {own[f] / total_samples:.1%} |".replace("<", "&lt;")
            for f in frames
        ]

    return total_samples, rows(by_total), rows(by_own)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--service", choices=["rasa", "actions", "gateway"], default="rasa")
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--raw", type=Path, help="also keep py-spy's samples (one stack per line) here")
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, bench_stack("single") as stack:
        url, token = f"http://127.0.0.1:{stack.config.port}", stack.config.token()
        asyncio.run(_send(url, token, 20))  # warm-up, not sampled
        raw = Path(tmp) / "profile.txt"
        pid = stack.services[args.service].process.pid
        spy = subprocess.Popen(
            [
                str(PY_SPY),
                "record",
                "--pid",
                str(pid),
                "--rate",
                "200",
                "--format",
                "raw",
                "--output",
                str(raw),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        asyncio.run(_send(url, token, args.turns))
        spy.send_signal(signal.SIGINT)  # py-spy writes its file when interrupted
        spy.wait(60)
        samples, by_total, by_own = _tables(raw)
        if args.raw:
            shutil.copyfile(raw, args.raw)

    body = [
        f"Service: {args.service}; {args.turns} turns through the gateway from {USERS} users at once; "
        f"{samples} samples at 200 per second while the service was busy.",
        "",
        "| function (file) | total | own |",
        "|---|---|---|",
        *by_total,
        "",
        "The same samples by own time:",
        "",
        "| function (file) | total | own |",
        "|---|---|---|",
        *by_own,
    ]
    publish(f"Profile of {args.service}", ".venv/web/bin/python", body, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
