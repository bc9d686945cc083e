"""Run each table's pandera schema, once per distinct value of each column.

A million-row column usually holds far fewer distinct values (dates, codes,
actor ids). Every element-wise check (type, pattern, vocabulary, range,
required) gives the same answer for the same value, so each distinct value is
checked once and a failure is reported at every row that holds the value.
pandera's cost is mostly per column, so the columns of every table that share
a spec are stacked into one, and pandera runs once for the whole package.
Uniqueness is the one check that needs the whole column; pandera runs it
there when the column repeats a value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.errors as pe
import pandera.pandas as pa

from .descriptor import Package, Resource
from .report import Problem
from .structure import RawTable
from .to_pandera import pandera_columns


def _load_backends() -> None:
    """pandera imports its pandas backends on the first validation; validating
    one tiny frame here pays that cost with the other imports, not with the
    first table checked."""
    pa.DataFrameSchema({"x": pa.Column("str")}).validate(pd.DataFrame({"x": ["x"]}))


_load_backends()

_COERCE = {"Int64": "is not a whole number", "Float64": "is not a number", "datetime64[ns]": "is not a date"}


def _message(check: str) -> str:
    """pandera's check names as sentences; our own checks carry theirs."""
    if check.startswith(("is ", "does ", "has ")):
        return check
    if check == "not_nullable":
        return "is required but empty"
    if check == "field_uniqueness":
        return "is not unique: another row has the same value"
    if check.startswith("coerce_dtype"):
        kind = check.split("'")[1] if "'" in check else check
        return _COERCE.get(kind, f"cannot be read as {kind}")
    return check


def _failing(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> pd.DataFrame:
    """pandera's failure cases (index, check), empty when the frame passes."""
    try:
        schema.validate(frame, lazy=True)
    except pe.SchemaErrors as exc:
        return exc.failure_cases
    return pd.DataFrame(columns=["index", "check"])


@dataclass(frozen=True, eq=False)
class _Slot:
    """One column of one table, checked per distinct value (hashed by identity)."""

    res: Resource
    raw: RawTable
    name: str
    column: pa.Column

    def size(self) -> int:
        return len(self.raw.distinct(self.name).values)

    def spec(self) -> tuple:
        """What pandera checks the column for, as a key: columns of every table
        that share it (dates, source lists, vocabularies) are stacked into one
        pandera column, since pandera's cost is mostly per column, not per
        value. A required column with no empty cell is checked as an optional
        one: with nothing missing, the two give the same answers."""
        col = self.column
        checks = tuple((c.name, c.error, repr(c.statistics)) for c in col.checks)
        nullable = col.nullable or not (self.raw.distinct(self.name).values == "").any()
        return str(col.dtype), nullable, checks


def _element_problems(slots: list[_Slot]) -> list[Problem]:
    """Type, pattern, vocabulary, range and required checks, once per distinct
    value, with one pandera run for every table's columns."""
    if not slots:
        return []
    specs: dict[tuple, list[_Slot]] = {}
    for slot in slots:
        specs.setdefault(slot.spec(), []).append(slot)
    groups = list(specs.values())
    length = max(sum(s.size() for s in group) for group in groups)
    frame = pd.DataFrame({f"spec{i}": _stacked(group, length) for i, group in enumerate(groups)})
    nullable = [key[1] for key in specs]
    schema = pa.DataFrameSchema({f"spec{i}": _per_value(g[0].column, nullable[i]) for i, g in enumerate(groups)})
    bad: dict[_Slot, dict[int, list[str]]] = {}
    for case in _failing(schema, frame).itertuples(index=False):
        if not isinstance(case.column, str) or case.index is None or pd.isna(case.index):
            continue
        group, at = groups[int(case.column.removeprefix("spec"))], int(case.index)
        ends = np.cumsum([s.size() for s in group])
        k = int(np.searchsorted(ends, at, side="right"))
        if k < len(group):  # beyond the last slot is padding
            value = at - int(ends[k] - group[k].size())
            bad.setdefault(group[k], {}).setdefault(value, []).append(_message(str(case.check)))
    return [problem for slot, messages in bad.items() for problem in _at_rows(slot, messages)]


def _stacked(group: list[_Slot], length: int) -> pd.api.extensions.ExtensionArray:
    """The distinct values of a spec's slots one after another, empty cells
    missing, padded to ``length`` by repeating the first value (a repeat adds
    no new failure). One ``take`` does both; a large column alone in its spec
    with no empty cell is passed on as it is."""
    parts = [s.raw.distinct(s.name).values for s in group]
    values = (parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)).array
    empty = np.asarray(values == "", dtype=bool)
    if len(values) == length and not empty.any():
        return values
    index = np.arange(length)
    index[: len(values)][empty] = -1
    index[len(values) :] = index[0]
    return values.take(index, allow_fill=True)


def _per_value(col: pa.Column, nullable: bool) -> pa.Column:
    """The column as checked on distinct values: text keeps only its own checks."""
    text = _is_text(col)
    return pa.Column(None if text else col.dtype, checks=col.checks, nullable=nullable, coerce=not text)


def _at_rows(slot: _Slot, messages: dict[int, list[str]]) -> list[Problem]:
    """Each failing distinct value's messages at every row holding it."""
    col, codes = slot.raw.frame[slot.name], slot.raw.distinct(slot.name).codes
    return [
        Problem(slot.res.relpath, int(slot.raw.lines.iat[r]), slot.name, m, col.iat[r], "schema")
        for r in np.flatnonzero(np.isin(codes, list(messages)))
        for m in messages[int(codes[r])]
    ]


def _whole_column_problems(res: Resource, raw: RawTable, columns: dict[str, pa.Column]) -> list[Problem]:
    """Unique columns that hold a repeated value, checked whole so that pandera
    names every row of each repeat."""
    if not columns:
        return []
    cases = _failing(pa.DataFrameSchema(columns, coerce=True), raw.frame[list(columns)].replace("", pd.NA))
    return [
        Problem(
            res.relpath,
            int(raw.lines.iat[int(c.index)]),
            c.column,
            _message(str(c.check)),
            raw.frame[c.column].iat[int(c.index)],
            "schema",
        )
        for c in cases.itertuples(index=False)
        if c.index is not None and not pd.isna(c.index)
    ]


def _is_text(col: pa.Column) -> bool:
    """A text column: every cell read is text already, so its dtype check cannot
    fail, and pandera's string dtype check is element-wise and slow; the
    per-value run leaves it out and keeps the column's own checks."""
    return str(col.dtype) in {"str", "string", "string[pyarrow]"}


def _cannot_fail(col: pa.Column) -> bool:
    """Optional text without checks accepts every cell: no need to ask pandera."""
    return col.nullable and not col.unique and not col.checks and _is_text(col)


def _by_size(slots: list[_Slot]) -> list[list[_Slot]]:
    """Columns with few distinct values apart from those with many, so that a
    column of a million ids does not pad every other column to a million."""
    few = [s for s in slots if s.size() <= _FEW]
    return [few, [s for s in slots if s.size() > _FEW]]


_FEW = 4096


def schema_problems(package: Package, tables: dict[str, RawTable]) -> list[Problem]:
    """Every failure of each table's pandera schema, with file, line and column.

    A unique column whose values are all distinct passes pandera's uniqueness
    check by definition, so it joins the per-value checks; one that repeats a
    value is checked whole.
    """
    out: list[Problem] = []
    slots: list[_Slot] = []
    for name, raw in tables.items():
        if raw.frame.empty:
            continue
        res = package.resources[name]
        columns = {n: col for n, col in pandera_columns(res).items() if not _cannot_fail(col)}
        repeats = {n: col for n, col in columns.items() if col.unique and not raw.all_distinct(n)}
        out += _whole_column_problems(res, raw, repeats)
        slots += [_Slot(res, raw, n, col) for n, col in columns.items() if n not in repeats]
    for group in _by_size(slots):
        out += _element_problems(group)
    return out
