"""The loader: typed frames from the schemas, nothing lost, nothing read from outside."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import PACKAGE, read_rows, write_rows

import japan_russia_relations as jrr
from japan_russia_relations.load import DataError, UnknownTableError, load


def test_tables_follow_the_descriptor() -> None:
    assert jrr.tables() == list(PACKAGE.resources)


@pytest.mark.parametrize("name", list(PACKAGE.resources))
def test_every_table_loads_typed(name: str) -> None:
    frame = load(name)
    res = PACKAGE.resources[name]
    assert len(frame) == len(read_rows(res.path)) - 1
    for field in res.fields:
        col = frame[field["name"]]
        enum = field.get("constraints", {}).get("enum")
        if enum:
            assert isinstance(col.dtype, pd.CategoricalDtype)
            assert list(col.cat.categories) == enum
        elif field["type"] == "integer":
            assert col.dtype == "Int64"
        elif field["type"] == "number":
            assert col.dtype == "Float64"
        elif field["type"] == "boolean":
            assert col.dtype == "boolean"
        elif field["type"] == "string":
            assert pd.api.types.is_string_dtype(col.dtype)
        if field.get("x-partialDate"):
            for suffix in ("earliest", "latest"):
                assert pd.api.types.is_datetime64_any_dtype(frame[f"{field['name']}_{suffix}"])
            assert isinstance(frame[f"{field['name']}_precision"].dtype, pd.CategoricalDtype)


def test_core_tables_have_rows() -> None:
    for name in ("events", "statements", "sanctions", "territorial_claims"):
        assert len(load(name)) > 0, name


def test_wrappers_match_load() -> None:
    pd.testing.assert_frame_equal(jrr.load_events(), load("events"))
    pd.testing.assert_frame_equal(jrr.load_sanctions(), load("sanctions"))


def test_date_bounds_follow_precision() -> None:
    events = load("events")
    row = events[events["date"].str.len() == 10].iloc[0]
    assert row["date_earliest"] == row["date_latest"] == pd.Timestamp(row["date"])
    assert row["date_precision"] == "day"


@pytest.mark.parametrize("name", ["nope", "../data/events", "data/events.csv", "/etc/passwd", ""])
def test_unknown_table_names_the_tables(name: str) -> None:
    with pytest.raises(UnknownTableError, match="the tables are: events"):
        load(name)


def test_na_is_a_value_not_missing(package_copy: Path) -> None:
    path = package_copy / "data" / "actors.csv"
    rows = read_rows(path)
    rows[1][rows[0].index("name_ja")] = "NA"
    rows[1][rows[0].index("notes")] = "null"
    write_rows(path, rows)
    frame = load("actors", root=package_copy)
    assert frame.loc[0, "name_ja"] == "NA"
    assert frame.loc[0, "notes"] == "null"


def test_value_outside_vocabulary_is_an_error_not_missing(package_copy: Path) -> None:
    path = package_copy / "data" / "events.csv"
    rows = read_rows(path)
    rows[3][rows[0].index("event_type")] = "invasion"
    write_rows(path, rows)
    with pytest.raises(DataError, match=r"data/events.csv:4: column 'event_type'"):
        load("events", root=package_copy)


def test_import_is_cheap() -> None:
    code = (
        "import sys, japan_russia_relations as j; j.load('events'); "
        "print('pandera' in sys.modules, 'frictionless' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
