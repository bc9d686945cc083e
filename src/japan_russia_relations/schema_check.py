"""Run a table's pandera schema, once per distinct value of each column.

A million-row column usually holds far fewer distinct values (dates, codes,
actor ids). Every element-wise check (type, pattern, vocabulary, range,
required) gives the same answer for the same value, so each distinct value is
checked once and a failure is reported at every row that holds the value.
Uniqueness is the one check that needs the whole column; pandera runs it
there when the column repeats a value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.errors as pe
import pandera.pandas as pa

from .descriptor import Resource
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


def _distinct_frame(raw: RawTable, names: list[str]) -> pd.DataFrame:
    """Each column's distinct values, padded to one length by repeating the
    column's first value (a repeat adds no new failure); empty cells missing."""
    columns = {name: raw.distinct(name).values.replace("", pd.NA) for name in names}
    length = max((len(c) for c in columns.values()), default=0)
    return pd.DataFrame({n: _pad(c, length) for n, c in columns.items()})


def _pad(values: pd.Series, length: int) -> pd.Series:
    """``values`` followed by copies of its first value, up to ``length``."""
    extra = pd.Series([values.iat[0]] * (length - len(values)), dtype=values.dtype) if len(values) else values
    return pd.concat([values, extra], ignore_index=True)


def _element_problems(res: Resource, raw: RawTable, columns: dict[str, pa.Column]) -> list[Problem]:
    """Type, pattern, vocabulary, range and required checks, once per distinct value."""
    if not columns:
        return []
    distinct = _distinct_frame(raw, list(columns))
    per_value = {
        name: pa.Column(None if _is_text(c) else c.dtype, checks=c.checks, nullable=c.nullable, coerce=not _is_text(c))
        for name, c in columns.items()
    }
    cases = _failing(pa.DataFrameSchema(per_value), distinct)
    messages: dict[str, dict[int, list[str]]] = {}
    for case in cases.itertuples(index=False):
        if isinstance(case.column, str) and case.index is not None and not pd.isna(case.index):
            i = int(case.index)
            if i < len(raw.distinct(case.column).values):  # beyond that is padding
                messages.setdefault(case.column, {}).setdefault(i, []).append(_message(str(case.check)))
    out = []
    for name, bad in messages.items():
        col, codes = raw.frame[name], raw.distinct(name).codes
        for r in np.flatnonzero(np.isin(codes, list(bad))):
            out += [
                Problem(res.relpath, int(raw.lines.iat[r]), name, m, col.iat[r], "schema") for m in bad[int(codes[r])]
            ]
    return out


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


def _by_size(raw: RawTable, columns: dict[str, pa.Column]) -> list[dict[str, pa.Column]]:
    """Columns with few distinct values apart from those with many, so that a
    column of a million ids does not pad every other column to a million."""
    few = {n: c for n, c in columns.items() if len(raw.distinct(n).values) <= _FEW}
    many = {n: c for n, c in columns.items() if n not in few}
    return [few, many]


_FEW = 4096


def schema_problems(res: Resource, raw: RawTable) -> list[Problem]:
    """Every failure of the table's pandera schema, with file, line and column.

    A unique column whose values are all distinct passes pandera's uniqueness
    check by definition, so it joins the per-value checks; one that repeats a
    value is checked whole.
    """
    if raw.frame.empty:
        return []
    columns = {name: col for name, col in pandera_columns(res).items() if not _cannot_fail(col)}
    repeats = {name: col for name, col in columns.items() if col.unique and not raw.all_distinct(name)}
    rest = {name: col for name, col in columns.items() if name not in repeats}
    out = _whole_column_problems(res, raw, repeats)
    for group in _by_size(raw, rest):
        out += _element_problems(res, raw, group)
    return out
