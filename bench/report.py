"""How every benchmark reports: a Markdown section naming its command and machine,
printed, and appended to bench/RESULTS.md with --record."""

import os
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def describe_machine() -> str:
    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    with open("/proc/meminfo") as meminfo:
        mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores, {cpu or platform.processor()}, {mem_kb / 1024**2:.0f} GB"


def cpu_check_ms() -> float:
    """Median time of a fixed pure-Python loop. This machine is a virtual one whose
    speed drifts with its neighbours (the same check took 115-163 ms within a
    minute), so every result carries it: compare runs only at similar values."""
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i * i % 7
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99 (inclusive method: no extrapolation beyond the data)."""
    if len(values) < 2:
        return (values[0],) * 3 if values else (float("nan"),) * 3
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[94], q[98]


def publish(title: str, python: str, body: list[str], record: bool) -> None:
    """Print the section; with record, append it to RESULTS.md."""
    command = " ".join([python, *sys.argv])
    lines = [
        f"### {title}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        "",
        f"Command: `{command}`  ",
        f"Machine: {describe_machine()}; CPU check {cpu_check_ms():.0f} ms (lower is faster)",
        "",
        *body,
        "",
    ]
    print("\n".join(lines))
    if record:
        with open(RESULTS, "a", encoding="utf-8") as results:
            results.write("\n".join(lines) + "\n")
