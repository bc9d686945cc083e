"""The package as one SQLite database, built from the schemas.

Each table gets its columns typed as the Table Schema says, its primary key,
its single-valued foreign keys and, for its free text (titles, descriptions,
quotes, summaries, notes), a full-text index ``<table>_fts`` as sqlite-utils
and Datasette expect. Dates are written as ISO text at one resolution, the
day (``YYYY-MM-DD``), beside the date as written. ``jrr export --format
sqlite`` and ``jrr serve`` both use :func:`build`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from .descriptor import Resource, all_foreign_keys, read_package
from .load import load

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT", "string": "TEXT"}
SEARCHABLE = ("title", "description", "quote", "quote_en", "summary", "notes", "name_en", "name_ja", "name_ru")


def build(path: Path | str, root: Path | str | None = None) -> Path:
    """Write every table of the package at ``root`` to a new database at ``path``."""
    target = Path(path)
    target.unlink(missing_ok=True)
    package = read_package(root)
    with sqlite3.connect(target) as con:
        con.execute("PRAGMA foreign_keys = OFF")  # tables refer to each other; load all, then check
        for name, res in package.resources.items():
            frame = load(name, root=package.root)
            con.execute(_create(res, frame))
            con.executemany(_insert(name, frame), _records(frame))
            _full_text(con, res)
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise ValueError(f"{len(problems)} rows refer to rows that do not exist; run `jrr validate`")
    return target


def _column_type(res: Resource, column: str, dtype: Any) -> str:
    if column in res.field_names:
        return SQL_TYPES.get(res.field(column)["type"], "TEXT")
    return "TEXT"  # the derived date bounds and precisions


def _create(res: Resource, frame: pd.DataFrame) -> str:
    columns = [f'"{c}" {_column_type(res, c, frame[c].dtype)}' for c in frame.columns]
    columns.append(f'PRIMARY KEY ("{res.primary_key}")')
    for field, target, tfield, delimiter in all_foreign_keys(res):
        if delimiter is None:
            columns.append(f'FOREIGN KEY ("{field}") REFERENCES "{target}" ("{tfield}")')
    return f'CREATE TABLE "{res.name}" (\n  ' + ",\n  ".join(columns) + "\n)"


def _insert(name: str, frame: pd.DataFrame) -> str:
    names = ", ".join(f'"{c}"' for c in frame.columns)
    return f'INSERT INTO "{name}" ({names}) VALUES ({", ".join("?" for _ in frame.columns)})'


def _records(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(_value(v) for v in row) for row in frame.astype(object).itertuples(index=False)]


def _value(value: object) -> object:
    """A cell as SQLite stores it: missing as NULL, dates as days, flags as 0 and 1."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return int(value)
    return value.item() if hasattr(value, "item") else value


def _full_text(con: sqlite3.Connection, res: Resource) -> None:
    """A full-text index over the table's free text, kept beside it as ``<table>_fts``."""
    columns = [c for c in SEARCHABLE if c in res.field_names]
    if not columns:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    con.execute(f'CREATE VIRTUAL TABLE "{res.name}_fts" USING fts5({names}, content="{res.name}")')
    con.execute(f'INSERT INTO "{res.name}_fts" ("{res.name}_fts") VALUES (\'rebuild\')')
