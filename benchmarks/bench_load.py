"""Benchmark: a cold `import japan_russia_relations; load('events')` against a
cold `pandas.read_csv('data/events.csv')`, side by side, each in a new process.

    python benchmarks/bench_load.py --repeat 7

The package may cost at most 15% more; docs/benchmarks.md records a run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from japan_russia_relations.descriptor import read_package

EVENTS = read_package().resources["events"].path
COMMANDS = {
    "pandas.read_csv": f"import pandas as pd; pd.read_csv({str(EVENTS)!r})",
    "jrr.load": "import japan_russia_relations as j; j.load('events')",
}


def cold(code: str) -> float:
    """Seconds for one new Python process running ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.repeat):  # interleaved, so both see the same machine state
        for name, code in COMMANDS.items():
            times[name].append(cold(code))
    base = statistics.median(times["pandas.read_csv"])
    print(f"| command | median of {args.repeat} cold runs | relative |")
    print("| --- | ---: | ---: |")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| `{name}` | {median:.3f} s | {median / base:.2f}× |")


if __name__ == "__main__":
    main()
