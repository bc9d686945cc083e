"""Benchmark: the whole `jrr validate` process against `frictionless validate`.

Scales the real package to each size (rows per core table, cloned under new
ids), then runs both commands as separate processes on the same files, side
by side, recording wall time and peak memory (ru_maxrss of the child). It
also times the validation work alone, after imports, inside one process.

    python benchmarks/bench_validate.py --sizes 0 10000 100000 1000000 --tables events

Size 0 is the real package as it is, what a contributor validates.

Results are printed as a Markdown table; docs/benchmarks.md records a run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from scale import CORE, scale

T = TypeVar("T")

BIN = Path(sys.executable).parent


# A fresh wrapper process whose only child is the command: its RUSAGE_CHILDREN
# peak is that command's own, not the largest of every command run so far.
# The wrapper times the child itself, so its own start-up is not counted.
_TIMED = (
    "import resource, subprocess, sys, time;"
    "t = time.perf_counter();"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False);"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident GiB of one command run as its own process."""
    out = subprocess.run([sys.executable, "-c", _TIMED, *cmd], capture_output=True, text=True, check=True).stdout
    seconds, peak_kib = out.split()
    return float(seconds), int(peak_kib) / 2**20


def work_only(root: Path) -> float:
    """Seconds for the validation itself in a process that already imported everything."""
    code = (
        "import time, pandera.pandas, japan_russia_relations.validator as v, japan_russia_relations.to_pandera;"
        f"t = time.perf_counter(); r = v.validate({str(root)!r}); print(time.perf_counter() - t, r.valid)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[1] == "True", "the scaled package should be valid"
    return float(out[0])


def frictionless_work_only(root: Path) -> float:
    code = (
        "import time, frictionless;"
        f"t = time.perf_counter(); r = frictionless.Package({str(root / 'datapackage.json')!r}).validate();"
        "print(time.perf_counter() - t)"
    )
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def median_of(repeat: int, measure: Callable[[T], float | tuple[float, ...]], arg: T) -> tuple[float, ...]:
    """Each figure ``measure(arg)`` gives, as its median over ``repeat`` calls."""
    runs = [measure(arg) for _ in range(repeat)]
    runs = [r if isinstance(r, tuple) else (r,) for r in runs]
    return tuple(statistics.median(figures) for figures in zip(*runs, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", type=int, default=[0, 10_000, 100_000, 1_000_000])
    parser.add_argument("--tables", nargs="*", default=list(CORE))
    parser.add_argument("--skip-frictionless-above", type=int, default=10**9, help="skip frictionless for larger sizes")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each jrr measurement (the median is shown)")
    parser.add_argument("--repeat-frictionless", type=int, default=3, help="runs of each frictionless measurement")
    args = parser.parse_args()
    print(f"tables scaled: {', '.join(args.tables)}\n")
    print(
        "| rows per table | jrr validate | peak GiB | frictionless validate | peak GiB | ratio "
        "| jrr work only | frictionless work only | work ratio |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = scale(Path(tmp) / "pkg", size, tuple(args.tables) if size else ())
            os.sync()  # flush the freshly written files, so neither command pays for it
            jrr_s, jrr_mem = median_of(args.repeat, run, [str(BIN / "jrr"), "validate", str(root)])
            (jrr_work,) = median_of(args.repeat, work_only, root)
            if size <= args.skip_frictionless_above:
                fl_cmd = [str(BIN / "frictionless"), "validate", str(root / "datapackage.json")]
                fl_s, fl_mem = median_of(args.repeat_frictionless, run, fl_cmd)
                (fl_work,) = median_of(args.repeat_frictionless, frictionless_work_only, root)
                cells = (
                    f"{fl_s:.1f} s | {fl_mem:.2f} | {fl_s / jrr_s:.1f}× "
                    f"| {jrr_work:.3f} s | {fl_work:.1f} s | {fl_work / jrr_work:.1f}×"
                )
            else:
                cells = f"skipped | | | {jrr_work:.3f} s | skipped | "
            label = f"{size:,}" if size else "real package"
            print(f"| {label} | {jrr_s:.2f} s | {jrr_mem:.2f} | {cells} |", flush=True)
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
