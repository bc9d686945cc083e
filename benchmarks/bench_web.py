"""Benchmark: `jrr serve`'s site on this machine. Reports how long building the
database and metadata takes, then the median and p95 latency of a table page,
a facet page and a full-text search page served by Datasette over HTTP.

    python benchmarks/bench_web.py --requests 50

Needs the web extra. docs/benchmarks.md records a run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from japan_russia_relations.web import DB_NAME, build, command, free_port, wait_until_up

PAGES = {
    "table (events)": f"/{DB_NAME}/events",
    "facet (events by event_type)": f"/{DB_NAME}/events?event_type=summit",
    "search (events, 'treaty')": f"/{DB_NAME}/events?_search=treaty",
    "table (statements)": f"/{DB_NAME}/statements",
}


def latencies(url: str, requests: int) -> list[float]:
    """Seconds per request for ``requests`` sequential GETs of ``url``."""
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
        times.append(time.perf_counter() - start)
    return times


def p95(values: list[float]) -> float:
    """The 95th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as site:
        start = time.perf_counter()
        build(site)
        print(f"build database and metadata: {time.perf_counter() - start:.2f} s")
        port = free_port()
        server = subprocess.Popen(command(Path(site), port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(port)
            print(f"{'page':32} {'median ms':>10} {'p95 ms':>8}   ({args.requests} requests each)")
            for name, path in PAGES.items():
                times = latencies(base + path, args.requests)
                print(f"{name:32} {statistics.median(times) * 1000:10.1f} {p95(times) * 1000:8.1f}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
