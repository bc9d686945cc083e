"""The benchmarks measure a valid package: a scaled copy must pass the validator,
or the validator would stop early and the timings would flatter it."""

from __future__ import annotations

import sys
from pathlib import Path

import japan_russia_relations as jrr

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from scale import scale


def test_a_scaled_package_is_valid_and_has_the_rows_asked_for(tmp_path: Path) -> None:
    root = scale(tmp_path / "pkg", 1000, ("events", "statements"))
    report = jrr.validate(root)
    assert report.valid, report.problems[:5]
    lines = (root / "data" / "events.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1001
