"""The constraints of each Table Schema field, checked by pandera on parsed values.

Text becomes typed values in one place (:mod:`..parse`); a cell that does not
parse is one problem, reported here, and pandera keeps what it is for:
required, unique, pattern, range, length and vocabulary, checked on the
parsed values. Each column is checked once per distinct value (a million-row
column usually holds far fewer), and the columns of every table that share a
spec are stacked into one pandera column, since pandera's cost is mostly per
column. Uniqueness is the one check that needs the whole column; pandera runs
it there when the column repeats a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import pandera.errors as pe
import pandera.pandas as pa

from ..descriptor import Package, Resource
from ..fields import Field
from ..parse import Parsed, parse
from .report import Problem
from .table import RawTable


def _register_backends() -> None:
    """pandera registers its pandas backends on the first validation; doing it
    when this module is imported (which only a validation does) keeps that
    cost with the other imports. Registering validates nothing."""
    from pandera.backends.pandas.register import register_pandas_backends

    register_pandas_backends("pandas.core.frame.DataFrame")


_register_backends()

_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "date": "datetime64[us]"}


def field_checks(fld: Field) -> list[pa.Check]:
    """The constraint checks of one field, each with a message people read.
    A partial date's pattern is left out: the parser reports its shape."""
    cons = fld.constraints
    checks = []
    if fld.enum:
        checks.append(pa.Check.isin(fld.enum, error="is not one of the allowed values: " + ", ".join(fld.enum)))
    if fld.pattern and not fld.partial_date:
        checks.append(pa.Check.str_matches(fld.pattern, error=_pattern_message(fld.pattern)))
    if "minimum" in cons:
        checks.append(pa.Check.ge(cons["minimum"], error=f"is below the minimum {cons['minimum']}"))
    if "maximum" in cons:
        checks.append(pa.Check.le(cons["maximum"], error=f"is above the maximum {cons['maximum']}"))
    if "maxLength" in cons:
        checks.append(
            pa.Check.str_length(max_value=cons["maxLength"], error=f"is longer than {cons['maxLength']} characters")
        )
    if "minLength" in cons:
        checks.append(
            pa.Check.str_length(min_value=cons["minLength"], error=f"is shorter than {cons['minLength']} characters")
        )
    return checks


def _pattern_message(pattern: str) -> str:
    if pattern.startswith("^https?://"):
        return "is not a web address starting with http:// or https://"
    return f"does not match the pattern {pattern}"


def pandera_columns(res: Resource) -> dict[str, pa.Column]:
    """The pandera column of each field, derived from its Table Schema alone,
    for values already parsed (:func:`..parse.parse`)."""
    return {
        fld.name: pa.Column(
            _DTYPES.get(fld.type), checks=field_checks(fld), nullable=not fld.required, unique=fld.unique, required=True
        )
        for fld in res.typed_fields
    }


def to_pandera(res: Resource) -> pa.DataFrameSchema:
    """The pandera schema of a table: its columns, strict and in order."""
    return pa.DataFrameSchema(pandera_columns(res), name=res.name, strict=True, ordered=True)


_MESSAGES = {
    "not_nullable": "is required but empty",
    "field_uniqueness": "is not unique: another row has the same value",
}


def _message(check: str, value: str) -> str:
    """pandera's check names as sentences; our own checks carry theirs. A value
    that fails a pattern only because of outer spaces says so."""
    if check.startswith("does not match") and value != value.strip():
        return "has leading or trailing spaces"
    return _MESSAGES.get(check, check)


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
    field: Field
    column: pa.Column

    @cached_property
    def parsed(self) -> Parsed:
        return parse(self.field, self.raw.distinct(self.field.name).values, distinct=True)

    @cached_property
    def keep(self) -> np.ndarray:
        """Distinct values pandera sees: all but those that did not parse."""
        return np.flatnonzero(~self.parsed.bad)

    def size(self) -> int:
        return len(self.keep)

    @cached_property
    def typed(self) -> pd.Series:
        return self.parsed.values.iloc[self.keep].reset_index(drop=True)

    def spec(self) -> tuple:
        """What pandera checks the column for, as a key: columns of every table
        that share it are stacked into one pandera column. A required column
        with no empty value is checked as an optional one: with nothing
        missing, the two give the same answers."""
        col = self.column
        checks = tuple((c.name, c.error, repr(c.statistics)) for c in col.checks)
        nullable = col.nullable or not self.typed.isna().any()
        return str(col.dtype), nullable, checks

    def parse_problems(self) -> list[Problem]:
        """One problem at each row whose cell does not parse."""
        bad = np.flatnonzero(self.parsed.bad)
        return self.at_rows({int(i): [str(self.parsed.reasons[i])] for i in bad}, check="type")

    def at_rows(self, messages: dict[int, list[str]], check: str = "schema") -> list[Problem]:
        """Each distinct value's messages at every row holding it."""
        if not messages:
            return []
        col, codes = self.raw.frame[self.field.name], self.raw.distinct(self.field.name).codes
        lines = self.raw.lines
        return [
            Problem(self.res.relpath, int(lines.iat[r]), self.field.name, m, str(col.iat[r]), check)
            for r in np.flatnonzero(np.isin(codes, list(messages)))
            for m in messages[int(codes[r])]
        ]


def _element_problems(slots: list[_Slot]) -> list[Problem]:
    """Pattern, vocabulary, range, length and required checks, once per
    distinct value, with one pandera run for every table's columns."""
    if not slots:
        return []
    specs: dict[tuple, list[_Slot]] = {}
    for slot in slots:
        specs.setdefault(slot.spec(), []).append(slot)
    groups = list(specs.values())
    length = max(max(sum(s.size() for s in group) for group in groups), 1)
    frame = pd.DataFrame({f"spec{i}": _stacked(group, length) for i, group in enumerate(groups)})
    schema = pa.DataFrameSchema(
        {f"spec{i}": _per_value(g[0].column, key[1]) for i, (key, g) in enumerate(specs.items())}
    )
    bad: dict[_Slot, dict[int, list[str]]] = {}
    for case in _failing(schema, frame).itertuples(index=False):
        if not isinstance(case.column, str) or case.index is None or pd.isna(case.index):
            continue
        group, at = groups[int(case.column.removeprefix("spec"))], int(case.index)
        ends = np.cumsum([s.size() for s in group])
        k = int(np.searchsorted(ends, at, side="right"))
        if k < len(group):  # beyond the last slot is padding
            slot = group[k]
            value = int(slot.keep[at - int(ends[k] - slot.size())])
            text = str(slot.raw.distinct(slot.field.name).values.iat[value])
            bad.setdefault(slot, {}).setdefault(value, []).append(_message(str(case.check), text))
    return [problem for slot, messages in bad.items() for problem in slot.at_rows(messages)]


def _stacked(group: list[_Slot], length: int) -> Any:
    """The parsed values of a spec's slots one after another, padded to
    ``length`` by repeating the first value (a repeat adds no new failure)."""
    parts = [s.typed for s in group]
    values = (parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)).array
    if len(values) == length:
        return values
    index = np.arange(length)
    index[len(values) :] = 0
    return values.take(index) if len(values) else pd.array([pd.NA] * length)


def _per_value(col: pa.Column, nullable: bool) -> pa.Column:
    """The column as checked on distinct values; text needs no dtype check."""
    text = col.dtype is None
    return pa.Column(None if text else col.dtype, checks=col.checks, nullable=nullable)


def _whole_column_problems(res: Resource, raw: RawTable, columns: dict[str, pa.Column]) -> list[Problem]:
    """Unique columns that hold a repeated value, checked whole so that pandera
    names every row of each repeat."""
    if not columns:
        return []
    only_unique = {n: pa.Column(None, unique=True, nullable=True) for n in columns}
    cases = _failing(pa.DataFrameSchema(only_unique), raw.frame[list(columns)].replace("", pd.NA))
    return [
        Problem(
            res.relpath,
            int(raw.lines.iat[int(c.index)]),
            c.column,
            _message(str(c.check), ""),
            str(raw.frame[c.column].iat[int(c.index)]),
            "schema",
        )
        for c in cases.itertuples(index=False)
        if c.index is not None and not pd.isna(c.index)
    ]


def _without_uniqueness(col: pa.Column) -> pa.Column:
    """The column's other checks, for a unique column already checked whole."""
    return pa.Column(col.dtype, checks=col.checks, nullable=col.nullable, required=True)


def _cannot_fail(fld: Field, col: pa.Column) -> bool:
    """Optional text without checks accepts every cell: no need to ask anyone."""
    return col.nullable and not col.unique and not col.checks and col.dtype is None and not fld.partial_date


def _by_size(slots: list[_Slot]) -> list[list[_Slot]]:
    """Columns with few distinct values apart from those with many, so that a
    column of a million ids does not pad every other column to a million."""
    few = [s for s in slots if s.size() <= _FEW]
    return [few, [s for s in slots if s.size() > _FEW]]


_FEW = 4096


def schema_problems(package: Package, tables: dict[str, RawTable]) -> list[Problem]:
    """Every cell that does not parse, and every failure of each table's
    constraints, with file, line and column.

    A unique column whose values are all distinct passes the uniqueness check
    by definition, so only its other constraints join the per-value run; one
    that repeats a value is also checked whole.
    """
    out: list[Problem] = []
    slots: list[_Slot] = []
    for name, raw in tables.items():
        if raw.frame.empty:
            continue
        res = package.resources[name]
        columns = pandera_columns(res)
        repeats = {n: col for n, col in columns.items() if col.unique and not raw.all_distinct(n)}
        out += _whole_column_problems(res, raw, repeats)
        for fld in res.typed_fields:
            col = columns[fld.name]
            if not _cannot_fail(fld, col):
                slot = _Slot(res, raw, fld, _without_uniqueness(col) if fld.name in repeats else col)
                out += slot.parse_problems()
                slots.append(slot)
    for group in _by_size(slots):
        out += _element_problems(group)
    return out
