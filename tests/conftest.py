"""Shared fixtures: the real package, and throw-away copies of it to break."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from japan_russia_relations.descriptor import read_package

PACKAGE = read_package()
ROOT = PACKAGE.root


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the real package that a test may damage."""
    dest = tmp_path / "pkg"
    dest.mkdir()
    shutil.copy(ROOT / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "schemas", dest / "schemas")
    return dest


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def append_copy(path: Path, row: int, new_id: str) -> int:
    """Append a copy of data row ``row`` (counting the header as 0) under ``new_id``;
    return the copy's editor line."""
    rows = read_rows(path)
    rows.append([new_id, *rows[row][1:]])
    write_rows(path, rows)
    return len(rows)


def number_notes(root: Path, row: int, value: str) -> None:
    """Fill territories' notes with 1, 2, 3…, so the column looks numeric, then
    set data row ``row`` (counting from 1) to ``value``."""
    path = root / "data" / "territories.csv"
    rows = read_rows(path)
    notes = rows[0].index("notes")
    for number, line in enumerate(rows[1:], start=1):
        line[notes] = str(number)
    rows[row][notes] = value
    write_rows(path, rows)


@pytest.fixture
def set_cell() -> Callable[[Path, str, int, str, str], int]:
    """Set one cell of a table in a package copy; return its editor line.

    ``row`` counts data rows from 0, so the returned line is ``row + 2``.
    """

    def _set(root: Path, table: str, row: int, column: str, value: str) -> int:
        path = root / "data" / f"{table}.csv"
        rows = read_rows(path)
        rows[row + 1][rows[0].index(column)] = value
        write_rows(path, rows)
        return row + 2

    return _set
