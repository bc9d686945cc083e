"""Written text to typed values: one function per Table Schema type.

The loader and the validator both call :func:`parse`, the loader on whole
columns and the validator on each column's distinct values, so whatever the
validator accepts the loader reads back, and a cell that does not parse is
one problem with one plain message on both sides. Missing is the empty cell
only (``NA`` is a code, not a gap).

The lexical forms are the Table Schema's: an integer is digits with an
optional sign (``1.0`` is not one); a number may also have a fraction, an
exponent, or be ``NaN``, ``INF`` or ``-INF`` (``nan`` and ``1_0`` are not); a
date is ``YYYY-MM-DD`` and a real day; a partial date (``x-partialDate``) is
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and real at its precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dates import day_bounds, well_formed
from .fields import Field

_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|NaN|INF|-INF")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

PARTIAL_DATE_SHAPE = "is not a date written YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class Parsed:
    """A column parsed: typed values (missing where empty or bad), which
    non-empty cells are bad, and why each bad one is bad."""

    values: pd.Series
    bad: np.ndarray
    reasons: np.ndarray

    def first_bad(self) -> int | None:
        hits = np.flatnonzero(self.bad)
        return int(hits[0]) if len(hits) else None


def parse(field: Field, text: pd.Series, *, distinct: bool = False) -> Parsed:
    """Parse ``text`` (every cell as written, ``""`` or missing for empty) as ``field``'s type.

    Values repeat (dates, codes), so each distinct value is parsed once and
    the result is spread back over the rows; a caller that already holds
    distinct values (the validator) says so with ``distinct=True``.
    """
    if distinct:
        return _parse_distinct(field, text.reset_index(drop=True))
    codes, uniques = pd.factorize(text.fillna(""), use_na_sentinel=False)
    once = _parse_distinct(field, pd.Series(uniques, dtype=object).astype(str))
    values = once.values.take(codes)
    values.index = text.index
    return Parsed(values, once.bad[codes], once.reasons[codes])


def _parse_distinct(field: Field, cells: pd.Series) -> Parsed:
    filled = (cells != "").to_numpy()
    if field.type == "integer":
        return _by_pattern(cells, filled, _INTEGER, "is not a whole number", "Int64")
    if field.type == "number":
        return _by_pattern(cells, filled, _NUMBER, "is not a number", "Float64")
    if field.type == "boolean":
        return _boolean(field, cells, filled)
    if field.type == "date":
        return _date(cells, filled)
    if field.partial_date:
        return _partial_date(cells, filled)
    return Parsed(cells.where(filled), np.zeros(len(cells), dtype=bool), np.full(len(cells), "", dtype=object))


def _reasons(bad: np.ndarray, message: str) -> np.ndarray:
    return np.where(bad, message, "").astype(object)


def _by_pattern(cells: pd.Series, filled: np.ndarray, pattern: re.Pattern, message: str, dtype: str) -> Parsed:
    ok = np.array([bool(pattern.fullmatch(v)) for v in cells.tolist()], dtype=bool)
    bad = filled & ~ok
    kept = cells.where(filled & ok)
    numbers = pd.to_numeric(kept.replace({"INF": "inf", "-INF": "-inf"}), errors="coerce")
    return Parsed(numbers.astype(dtype), bad, _reasons(bad, message))


def _boolean(field: Field, cells: pd.Series, filled: np.ndarray) -> Parsed:
    truth = {v: True for v in field.true_values} | {v: False for v in field.false_values}
    values = cells.map(truth)
    bad = filled & values.isna().to_numpy()
    message = "is not one of: " + ", ".join(field.true_values + field.false_values)
    return Parsed(values.astype("boolean"), bad, _reasons(bad, message))


def _date(cells: pd.Series, filled: np.ndarray) -> Parsed:
    shaped = np.array([bool(_DATE.fullmatch(v)) for v in cells.tolist()], dtype=bool)
    first, _ = day_bounds(cells.where(shaped, "").tolist())
    real = ~np.isnat(first)
    bad = filled & ~real
    values = pd.Series(first.astype("datetime64[us]"), index=cells.index)
    return Parsed(values, bad, _reasons(bad, "is not a real date written YYYY-MM-DD"))


def _partial_date(cells: pd.Series, filled: np.ndarray) -> Parsed:
    shaped = well_formed(cells.tolist())
    first, _ = day_bounds(cells.tolist())
    unreal = shaped & np.isnat(first)
    bad = filled & (~shaped | unreal)
    reasons = np.where(filled & ~shaped, PARTIAL_DATE_SHAPE, np.where(unreal, "is not a real date", "")).astype(object)
    return Parsed(cells.where(filled & ~bad), bad, reasons)
