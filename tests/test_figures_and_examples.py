"""Figures render headless to real PNGs; the example scripts run and answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PNG = b"\x89PNG\r\n\x1a\n"


def test_every_figure_renders_to_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from japan_russia_relations.figures import FIGURES, write_all

    written = write_all(tmp_path)
    assert [p.stem for p in written] == list(FIGURES)
    for path in written:
        data = path.read_bytes()
        assert data.startswith(PNG), path
        assert len(data) > 10_000, path  # a blank canvas is far smaller


def test_readme_figures_exist_in_docs() -> None:
    from japan_russia_relations.figures import FIGURES

    for name in FIGURES:
        assert (ROOT / "docs" / "img" / f"{name}.png").read_bytes().startswith(PNG)


@pytest.mark.parametrize("script", sorted((ROOT / "examples").glob("*.py")), ids=lambda p: p.stem)
def test_example_runs_and_prints_a_table(script: Path) -> None:
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) >= 3, result.stdout


def test_figures_drawn_twice_are_identical(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from japan_russia_relations.figures import write_all

    first = {p.name: p.read_bytes() for p in write_all(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in write_all(tmp_path / "b")}
    assert first == second


def test_events_timeline_gives_every_plover_type_its_own_colour() -> None:
    pytest.importorskip("matplotlib")
    from japan_russia_relations.figures import events_timeline

    fig = events_timeline()
    legend = fig.axes[0].get_legend()
    colours = [tuple(h.get_facecolor()) for h in legend.legend_handles]
    assert len(colours) == len(set(colours))
