"""Property test: a random change to one cell of a real row is either reported
at that row, or the data is still valid and loads with the value intact."""

from __future__ import annotations

import re
import shutil
import unicodedata

import pandas as pd
from conftest import PACKAGE, ROOT, read_rows, write_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from japan_russia_relations.load import load
from japan_russia_relations.validator import validate

TABLES = ["events", "statements", "sanctions", "territorial_claims", "sources", "actors"]
NASTY = [
    "",
    " padded",
    "trailing ",
    "=cmd()",
    "+1",
    "-1",
    "@x",
    "2022-02-30",
    "2099-01-01",
    "1945-13",
    "NA",
    "null",
    "SRC-9999",
    "EV-0001",
    "JPN",
    "javascript:alert(1)",
    "tab\there",
    "line\nbreak",
    "e\u0301",
    "0",
    "1e400",
    "true",
    "x" * 700,
]


@st.composite
def corruption(draw):
    table = draw(st.sampled_from(TABLES))
    res = PACKAGE.resources[table]
    rows = read_rows(res.path)
    row = draw(st.integers(min_value=1, max_value=len(rows) - 1))
    column = draw(st.sampled_from(res.field_names))
    value = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)))
    return table, row, column, value


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=corruption())
def test_single_cell_corruption_is_caught_or_harmless(tmp_path_factory, change) -> None:
    table, row, column, value = change
    root = tmp_path_factory.mktemp("pkg")
    shutil.copy(ROOT / "datapackage.json", root / "datapackage.json")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "schemas", root / "schemas")
    path = root / "data" / f"{table}.csv"
    rows = read_rows(path)
    original = rows[row][rows[0].index(column)]
    rows[row][rows[0].index(column)] = value
    write_rows(path, rows)

    report = validate(root)
    res = PACKAGE.resources[table]
    line = row + 1
    if report.valid:
        assert _plausible(res.field(column), value), (table, line, column, value)
        frame = load(table, root=root)
        loaded = frame.iloc[row - 1][column]
        assert (value == "" and pd.isna(loaded)) or str(loaded).lower() == value.lower() or _same_number(loaded, value)
    elif value != original:
        here = [p for p in report.problems if p.file == res.relpath and p.line == line]
        key_change = column == res.primary_key or column.endswith("_id") or column == "source_ids"
        assert here or key_change, (table, line, column, value, report.to_text())


def _plausible(field: dict, value: str) -> bool:
    """An independent oracle for one cell: what any valid value must satisfy."""
    cons = field.get("constraints", {})
    if value == "":
        return not cons.get("required", False)
    if field["type"] == "string" and (
        value != value.strip()
        or value[0] in "=+-@"
        or any(ord(c) < 32 or ord(c) == 127 for c in value)
        or unicodedata.normalize("NFC", value) != value
    ):
        return False
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        return False
    return "enum" not in cons or value in cons["enum"]


def _same_number(loaded, value: str) -> bool:
    try:
        return float(loaded) == float(value)
    except (TypeError, ValueError):
        return False
