"""Run a table's pandera schema, once per distinct value of each column.

A million-row column usually holds far fewer distinct values (dates, codes,
actor ids). Every element-wise check (type, pattern, vocabulary, range,
required) gives the same answer for the same value, so each distinct value is
checked once and a failure is reported at every row that holds the value.
Uniqueness is the one check that needs the whole column; pandera runs it there.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.errors as pe
import pandera.pandas as pa

from .descriptor import Resource
from .report import Problem
from .structure import RawTable
from .to_pandera import to_pandera

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


def _distinct_frame(frame: pd.DataFrame, names: list[str]) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Each column's distinct values, padded to one length by repeating the
    column's first value (a repeat adds no new failure), and each row's code."""
    codes, columns = {}, {}
    for name in names:
        codes[name], uniques = pd.factorize(frame[name])
        columns[name] = pd.Series(uniques, dtype="str").replace("", pd.NA)
    length = max((len(c) for c in columns.values()), default=0)
    padded = {n: _pad(c, length) for n, c in columns.items()}
    return pd.DataFrame(padded), codes


def _pad(values: pd.Series, length: int) -> pd.Series:
    """``values`` followed by copies of its first value, up to ``length``."""
    extra = pd.Series([values.iat[0]] * (length - len(values)), dtype=values.dtype) if len(values) else values
    return pd.concat([values, extra], ignore_index=True)


def _element_problems(res: Resource, raw: RawTable, columns: dict[str, pa.Column]) -> list[Problem]:
    """Type, pattern, vocabulary, range and required checks, once per distinct value."""
    if not columns:
        return []
    distinct, codes = _distinct_frame(raw.frame, list(columns))
    per_value = {
        name: pa.Column(c.dtype, checks=c.checks, nullable=c.nullable, coerce=True) for name, c in columns.items()
    }
    cases = _failing(pa.DataFrameSchema(per_value, coerce=True), distinct)
    messages: dict[str, dict[int, list[str]]] = {}
    for case in cases.itertuples(index=False):
        if isinstance(case.column, str) and case.index is not None and not pd.isna(case.index):
            i = int(case.index)
            if i < int(codes[case.column].max()) + 1:  # beyond that is padding
                messages.setdefault(case.column, {}).setdefault(i, []).append(_message(str(case.check)))
    out = []
    for name, bad in messages.items():
        col = raw.frame[name]
        for r in np.flatnonzero(np.isin(codes[name], list(bad))):
            out += [
                Problem(res.relpath, int(raw.lines.iat[r]), name, m, col.iat[r], "schema")
                for m in bad[int(codes[name][r])]
            ]
    return out


def _whole_column_problems(res: Resource, raw: RawTable, columns: dict[str, pa.Column]) -> list[Problem]:
    """Unique columns (their values are all distinct anyway) checked whole."""
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


def schema_problems(res: Resource, raw: RawTable) -> list[Problem]:
    """Every failure of the table's pandera schema, with file, line and column."""
    if raw.frame.empty:
        return []
    columns = to_pandera(res).columns
    unique = {name: col for name, col in columns.items() if col.unique}
    rest = {name: col for name, col in columns.items() if not col.unique}
    return _element_problems(res, raw, rest) + _whole_column_problems(res, raw, unique)
