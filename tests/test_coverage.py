"""`jrr coverage`: events per decade and type beside the inclusion rule, and the empty years."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import ROOT

from japan_russia_relations import coverage
from japan_russia_relations.codebook import render_markdown


def _event_years() -> list[tuple[int, str]]:
    with (ROOT / "data" / "events.csv").open(encoding="utf-8", newline="") as fh:
        return [(int(r["date"][:4]), r["event_type"]) for r in csv.DictReader(fh)]


def test_counts_per_decade_and_type_match_the_csv() -> None:
    frame = coverage.per_decade()
    expected = Counter((year // 10 * 10, kind) for year, kind in _event_years())
    got = {(r.decade, r.event_type): r.events for r in frame.itertuples() if r.events}
    assert got == dict(expected)
    assert frame["decade"].min() == 1850 and frame.groupby("decade").size().nunique() == 1  # every type, every decade


def test_empty_years_are_the_years_without_an_event() -> None:
    seen = {year for year, _ in _event_years()}
    empty = coverage.empty_years()
    assert empty and not seen & set(empty)
    assert set(range(1855, empty[-1] + 1)) - set(empty) <= seen


def test_spans_join_consecutive_years() -> None:
    assert coverage.spans([1856, 1857, 1860, 1862, 1863, 1864]) == ["1856–1857", "1860", "1862–1864"]
    assert coverage.spans([]) == []


def test_the_rule_is_read_from_the_schema(package_copy: Path) -> None:
    path = package_copy / "schemas" / "events.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    vocab = next(f for f in schema["fields"] if f["name"] == "event_type")["x-vocabulary"]
    assert coverage.inclusion()["summit"] == {"inclusion": "every", "from": 1956}
    vocab["summit"] = {**vocab["summit"], "inclusion": "selection"}
    del vocab["summit"]["from"]
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    frame = coverage.per_decade(root=package_copy)
    assert set(frame.loc[frame.event_type == "summit", "inclusion"]) == {"selection"}


def test_the_codebook_prints_the_rule() -> None:
    book = render_markdown()
    assert "| `summit` | Heads of state or government meet in person. | CONSULT | 04 | every from 1956 |" in book
    assert "- `phone_call`: Every call between the leaders" in book


def test_every_event_type_states_its_rule() -> None:
    for value, rule in coverage.inclusion().items():
        assert rule["inclusion"] in ("every", "selection"), value
        assert isinstance(rule.get("from", 1855), int), value


def test_docs_coverage_is_up_to_date() -> None:
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8") == coverage.markdown(), (
        "regenerate: jrr coverage --format markdown > docs/coverage.md"
    )


def test_cli_prints_the_matrix_and_the_empty_years() -> None:
    run = subprocess.run([sys.executable, "-m", "japan_russia_relations", "coverage"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Years with no event" in run.stdout and "summit" in run.stdout
    as_csv = subprocess.run(
        [sys.executable, "-m", "japan_russia_relations", "coverage", "--format", "csv"], capture_output=True, text=True
    )
    assert as_csv.stdout.splitlines()[0] == "decade,event_type,inclusion,events"


def _problems(root: Path, column: str) -> list[str]:
    from japan_russia_relations.validator import validate

    return [p.message for p in validate(root).problems if p.column == column]


def test_coordinates_say_what_they_stand_for(package_copy: Path, set_cell) -> None:
    for column in ("longitude", "geo_precision"):
        set_cell(package_copy, "events", 0, column, "")
    set_cell(package_copy, "events", 0, "latitude", "43.0")
    assert any("is required when latitude is given" in m for m in _problems(package_copy, "geo_precision"))
    assert any("is required when latitude is given" in m for m in _problems(package_copy, "longitude"))
    set_cell(package_copy, "events", 0, "longitude", "141.3")
    set_cell(package_copy, "events", 0, "geo_precision", "city")
    assert any("allowed values" in m for m in _problems(package_copy, "geo_precision"))
    set_cell(package_copy, "events", 0, "geo_precision", "near")
    assert _problems(package_copy, "geo_precision") == [] and _problems(package_copy, "longitude") == []


def test_casualty_estimates_are_ordered_and_sourced(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "events", 0, "casualties_low", "50")
    set_cell(package_copy, "events", 0, "casualties_best", "40")
    assert any(
        "is required when casualties_low is given" in m for m in _problems(package_copy, "casualties_source_ids")
    )
    assert _problems(package_copy, "casualties_best") == ["is less than casualties_low of the same row"]
    set_cell(package_copy, "events", 0, "casualties_best", "60")
    set_cell(package_copy, "events", 0, "casualties_source_ids", "SRC-0001")
    assert _problems(package_copy, "casualties_best") == [] and _problems(package_copy, "casualties_source_ids") == []
    set_cell(package_copy, "events", 0, "casualties_source_ids", "SRC-9999")
    assert _problems(package_copy, "casualties_source_ids")  # a reference into sources like any other


def test_loaded_casualties_are_whole_numbers() -> None:
    import japan_russia_relations as jrr

    events = jrr.load("events")
    assert str(events["casualties_best"].dtype) == "Int64"
    assert set(events["geo_precision"].dropna()) <= {"place", "near", "territory"}
    assert events["latitude"].notna().sum() == events["geo_precision"].notna().sum()


def test_searched_years_are_told_from_years_not_searched() -> None:
    searches = {1860: {"year": "1860", "searched": "2026-12-02", "queries": "q", "result": "nothing"}}
    got = coverage.status_spans([1858, 1859, 1860, 1861, 1863], searches)
    assert got == [
        ("1858–1859", "not yet searched year by year"),
        ("1860", "searched 2026-12-02, nothing found ([queries](year_searches.csv))"),
        ("1861", "not yet searched year by year"),
        ("1863", "not yet searched year by year"),
    ]


def test_the_search_record_is_read_from_the_docs(package_copy: Path) -> None:
    year = coverage.empty_years(package_copy)[0]
    (package_copy / "docs").mkdir(exist_ok=True)
    (package_copy / "docs" / "year_searches.csv").write_text(
        f"year,searched,queries,result\n{year},2026-12-02,Japan Russia {year},nothing of the relation\n",
        encoding="utf-8",
    )
    assert coverage.year_searches(package_copy)[year]["queries"] == f"Japan Russia {year}"
    page = coverage.markdown(package_copy)
    assert f"| {year} | searched 2026-12-02, nothing found" in page
    (package_copy / "docs" / "year_searches.csv").unlink()
    assert coverage.year_searches(package_copy) == {}
    assert "searched 2026-12-02" not in coverage.markdown(package_copy)


def test_each_recorded_search_names_its_day_and_queries() -> None:
    import datetime as dt

    for year, row in coverage.year_searches().items():
        assert coverage.FIRST_YEAR <= year <= dt.date.today().year, year
        dt.date.fromisoformat(row["searched"])
        assert row["queries"].strip() and row["result"].strip(), year


def test_thin_decades_are_those_under_the_minimum() -> None:
    counts = Counter(year // 10 * 10 for year, _ in _event_years())
    thin = coverage.Coverage.of().thin_decades()
    assert thin == {d: counts.get(d, 0) for d in thin}
    assert all(n < coverage.DECADE_MINIMUM for n in thin.values())
    assert all(counts[d] >= coverage.DECADE_MINIMUM for d in counts if d not in thin)
    assert "## Decades with fewer than 8 events" in coverage.markdown()
