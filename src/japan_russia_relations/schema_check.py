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


def _column_problems(res: Resource, raw: RawTable, name: str, column: pa.Column) -> list[Problem]:
    col = raw.frame[name]
    codes, uniques = pd.factorize(col)
    distinct = pd.DataFrame({name: pd.Series(uniques, dtype="str").replace("", pd.NA)})
    per_value = pa.Column(column.dtype, checks=column.checks, nullable=column.nullable, coerce=True)
    cases = _failing(pa.DataFrameSchema({name: per_value}, coerce=True), distinct)
    messages: dict[int, list[str]] = {}
    for case in cases.itertuples(index=False):
        if case.index is not None and not pd.isna(case.index):
            messages.setdefault(int(case.index), []).append(_message(str(case.check)))
    rows = np.flatnonzero(np.isin(codes, list(messages))) if messages else []
    out = [
        Problem(res.relpath, int(raw.lines.iat[r]), name, text, col.iat[r], "schema")
        for r in rows
        for text in messages[int(codes[r])]
    ]
    if column.unique:
        whole = pa.DataFrameSchema({name: pa.Column("str", nullable=True, unique=True)})
        dupes = _failing(whole, col.replace("", pd.NA).to_frame())
        out += [
            Problem(
                res.relpath, int(raw.lines.iat[int(i)]), name, _message("field_uniqueness"), col.iat[int(i)], "schema"
            )
            for i in dupes["index"].dropna()
        ]
    return out


def schema_problems(res: Resource, raw: RawTable) -> list[Problem]:
    """Every failure of the table's pandera schema, with file, line and column."""
    out: list[Problem] = []
    for name, column in to_pandera(res).columns.items():
        out += _column_problems(res, raw, name, column)
    return out
