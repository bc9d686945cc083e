"""One schema, one parser: the validator and the loader read every cell alike.

Each case breaks one cell of a copy of the package; the validator reports it
once, in plain words, and the loader refuses it with the same words (or both
accept it and the loader returns it exactly as written).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import number_notes, read_rows

from japan_russia_relations.load import DataError, load
from japan_russia_relations.validator import validate


@pytest.mark.parametrize(
    ("table", "column", "value", "words"),
    [
        ("events", "latitude", "nan", "is not a number"),
        ("events", "latitude", "1_0", "is not a number"),
        ("sanctions", "individuals_designated", "1.0", "is not a whole number"),
        ("sources", "accessed", "2022-02-30", "is not a real date written YYYY-MM-DD"),
    ],
)
def test_a_cell_that_does_not_parse_is_one_problem_and_stops_the_loader(
    package_copy: Path, set_cell, table: str, column: str, value: str, words: str
) -> None:
    row = {"sanctions": 6, "events": _first_with_coordinates(package_copy)}.get(table, 0)  # SA-0007 may carry counts
    line = set_cell(package_copy, table, row, column, value)
    report = validate(package_copy)
    assert [(p.line, p.column, p.message) for p in report.problems] == [(line, column, words)], report.to_text()
    with pytest.raises(DataError, match=words):
        load(table, root=package_copy)


def _first_with_coordinates(root: Path) -> int:
    """A row whose coordinates are complete, so a bad latitude is its only fault."""
    rows = read_rows(root / "data" / "events.csv")
    at = rows[0].index("latitude")
    return next(i for i, row in enumerate(rows[1:]) if row[at])


def test_text_that_looks_numeric_reads_back_as_written(package_copy: Path) -> None:
    number_notes(package_copy, 1, "007")
    assert validate(package_copy).valid
    assert load("territories", root=package_copy)["notes"].iloc[0] == "007"


def test_a_second_validation_sees_an_edited_schema(package_copy: Path) -> None:
    assert validate(package_copy).valid
    path = package_copy / "schemas" / "territories.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"maximum": 90', '"maximum": 40'), encoding="utf-8")
    assert not validate(package_copy).valid


def test_importing_runs_no_validation_and_no_pandera() -> None:
    code = "import sys, japan_russia_relations, japan_russia_relations.validator, japan_russia_relations.cli; "
    code += "print('pandera' in sys.modules, 'frictionless' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_old_import_paths_still_work() -> None:
    from japan_russia_relations.checks import CHECKS
    from japan_russia_relations.report import Problem, Report
    from japan_russia_relations.schema_check import schema_problems
    from japan_russia_relations.structure import read_for_validation
    from japan_russia_relations.to_pandera import to_pandera

    assert CHECKS and Problem and Report and schema_problems and read_for_validation and to_pandera
