"""The tables as the checks see them: text, distinct values, and where a row is.

Most columns repeat a few values (dates, codes, ids of sources), so every
element-wise check runs once per distinct value (:meth:`RawTable.distinct`)
and is mapped back to the rows that hold it; :class:`Stack` runs one test
over the distinct values of several columns at once. Every problem found at a
row is built by :func:`problems_at`, so a row's editor line is worked out in
one place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from ..dates import day_bounds
from ..descriptor import Package
from ..fields import Field
from .report import Problem


@dataclass(frozen=True)
class Distinct:
    """A column as its distinct values and, for each row, the index of its value."""

    codes: np.ndarray
    values: pd.Series

    def counts(self) -> np.ndarray:
        """How many rows hold each distinct value."""
        return np.bincount(self.codes, minlength=len(self.values))


@dataclass
class RawTable:
    """A table read as text; each row's editor line is worked out when first asked."""

    frame: pd.DataFrame
    _distinct: dict[str, Distinct] = field(default_factory=dict, repr=False)

    @cached_property
    def lines(self) -> pd.Series:
        """Editor line of each row: the header is line 1, and a line break
        inside a cell pushes every later row down. Counted per distinct value,
        and only when a problem needs a line."""
        breaks = np.zeros(len(self.frame), dtype="int64")
        for name in self.frame.columns:
            values = self.distinct(name)
            per_value = values.values.str.count("\n").to_numpy(dtype="int64")
            if per_value.any():
                breaks += per_value[values.codes]
        first = 2 + np.concatenate([[0], np.cumsum(breaks + 1)[:-1]])
        return pd.Series(first, index=self.frame.index)

    def distinct(self, name: str) -> Distinct:
        """The column ``name`` factorised, once per run."""
        if name not in self._distinct:
            self._distinct[name] = _factorise(self.frame[name])
        return self._distinct[name]

    def all_distinct(self, name: str) -> bool:
        """True when no value of ``name`` repeats (an id column, as a rule).

        Sorting finds a repeat in a tenth of the time hashing a million ids
        takes; the column is then its own list of distinct values.
        """
        col = self.frame[name]
        ordered = col.sort_values(ignore_index=True).array
        if (ordered[1:] == ordered[:-1]).any():
            return False
        self._distinct.setdefault(name, Distinct(np.arange(len(col)), col.reset_index(drop=True)))
        return True


def _factorise(col: pd.Series) -> Distinct:
    """A column's codes and distinct values; a categorical already has both."""
    if isinstance(col.dtype, pd.CategoricalDtype):  # read factorised already
        return Distinct(col.cat.codes.to_numpy(), pd.Series(col.cat.categories, dtype="str"))
    codes, uniques = pd.factorize(col, use_na_sentinel=False)
    return Distinct(codes, pd.Series(uniques, dtype="str"))


@dataclass
class Context:
    """What the checks see: the package, its readable raw tables, today, and
    the tables that could not be read (checks that need them are skipped)."""

    package: Package
    tables: dict[str, RawTable]
    today: dt.date
    unreadable: set[str] = dataclasses.field(default_factory=set)
    _bounds: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = dataclasses.field(default_factory=dict)

    def bounds(self, table: str, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Earliest and latest day of each distinct value of a partial-date
        column (NaT where it is no real date), in the order of
        :meth:`RawTable.distinct`; computed once per run."""
        key = (table, name)
        if key not in self._bounds:
            self._bounds[key] = day_bounds(self.tables[table].distinct(name).values)
        return self._bounds[key]

    def row_bounds(self, table: str, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Earliest and latest day of a partial-date column, one per row."""
        codes = self.tables[table].distinct(name).codes
        earliest, latest = self.bounds(table, name)
        return earliest[codes], latest[codes]

    def fields(self, kind: str | None = None) -> Iterator[tuple[str, RawTable, Field]]:
        """(table, raw, field) for each field of a readable table, optionally of one type only."""
        for name, raw in self.tables.items():
            for fld in self.package.resources[name].typed_fields:
                if kind is None or fld.type == kind:
                    yield name, raw, fld


Message = str | Callable[[str], str]


def problems_at(
    ctx: Context, table: str, rows: np.ndarray, column: str | None, message: Message, check: str
) -> list[Problem]:
    """One problem at each of ``rows`` (positions in the table), at its editor line."""
    if len(rows) == 0:
        return []
    raw = ctx.tables[table]
    file = ctx.package.resources[table].relpath
    lines = raw.lines.to_numpy()
    values = raw.frame[column].to_numpy() if column else None
    out = []
    for r in rows.tolist():
        value = "" if values is None else str(values[r])
        text = message(value) if callable(message) else message
        out.append(Problem(file, int(lines[r]), column, text, value, check))
    return out


def flag(
    ctx: Context, table: str, column: str | None, mask: pd.Series | np.ndarray, message: Message, check: str
) -> list[Problem]:
    """One problem per row where ``mask`` holds."""
    return problems_at(ctx, table, np.flatnonzero(np.asarray(mask, dtype=bool)), column, message, check)


def flag_values(
    ctx: Context,
    table: str,
    column: str,
    test: Callable[[pd.Series], pd.Series | np.ndarray],
    message: Message,
    check: str,
) -> list[Problem]:
    """Like :func:`flag`, with ``test`` run once on each distinct value of ``column``."""
    return Stack.of(ctx, [(table, column)]).flag(ctx, test, message, check)


@dataclass
class Stack:
    """The distinct values of several columns one after another, so that a
    test runs once for all of them instead of once per column."""

    columns: list[tuple[str, str]]
    values: pd.Series
    ends: np.ndarray

    @classmethod
    def of(cls, ctx: Context, columns: list[tuple[str, str]]) -> Stack:
        parts = [ctx.tables[table].distinct(name).values for table, name in columns]
        none = pd.Series([], dtype="str")  # so that no columns at all still concatenate
        values = parts[0] if len(parts) == 1 else pd.concat([none, *parts], ignore_index=True)
        return cls(columns, values, np.cumsum([len(p) for p in parts], dtype="int64"))

    def flag(
        self, ctx: Context, test: Callable[[pd.Series], pd.Series | np.ndarray], message: Message, check: str
    ) -> list[Problem]:
        """Problems at every row whose value fails ``test``, column by column."""
        hit = np.asarray(test(self.values), dtype=bool)
        out: list[Problem] = []
        for (table, name), start, end in zip(self.columns, [0, *self.ends[:-1]], self.ends, strict=True):
            part = hit[start:end]
            if part.any():
                out += flag(ctx, table, name, part[ctx.tables[table].distinct(name).codes], message, check)
        return out


def present(col: pd.Series, wanted: set[str]) -> set[str]:
    """The members of ``wanted`` that occur in ``col``.

    A small column (a lookup table) is simply made a set. A large one is
    asked about the (usually few) ids wanted, which avoids turning a million
    Arrow strings into Python objects.
    """
    if not wanted:
        return set()
    if len(col) <= _SMALL or len(wanted) > _SMALL:
        return wanted & set(col.tolist())
    return set(col[col.isin(list(wanted))].unique().tolist())


_SMALL = 50_000
