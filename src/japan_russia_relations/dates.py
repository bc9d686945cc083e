"""Partial ISO 8601 dates (``1855``, ``1945-08``, ``2022-09-26``) as typed bounds.

Dates are written at the precision the source gives. Users still want to sort
and filter by real dates, so each is turned into the earliest and latest day
it can mean and its precision. A value that is not a real day (``2022-02-30``)
gets no bounds (NaT); the validator reports those.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

PRECISIONS = ["year", "month", "day"]


def date_bounds(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Return (earliest, latest, precision) for a Series of partial dates.

    Dates repeat a great deal, so the work is done once per distinct value;
    a missing value maps to the extra empty slot at the end.
    """
    codes, uniques = pd.factorize(values)
    distinct = pd.Series([*uniques, None], dtype="str")
    codes[codes < 0] = len(uniques)
    return tuple(s.take(codes).set_axis(values.index) for s in _bounds(distinct))  # type: ignore[return-value]


def _bounds(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Bounds of distinct values as Series on the index of ``values``."""
    parts = [_one(v) for v in values.tolist()]
    earliest, latest = _days(parts)
    index = values.index
    return (
        pd.Series(earliest.astype(_UNIT), index=index),
        pd.Series(latest.astype(_UNIT), index=index),
        pd.Series(pd.Categorical([p[2] for p in parts], categories=PRECISIONS), index=index),
    )


def day_bounds(values: Iterable[object]) -> tuple[np.ndarray, np.ndarray]:
    """Earliest and latest day (NaT when no real date) of each of a few
    distinct values, one plain-Python step each: for a few hundred values
    pandas' per-call overhead would cost more than the work."""
    return _days([_one(v) for v in _plain(values)])


def well_formed(values: Iterable[object]) -> np.ndarray:
    """True where a value is written like a partial date, real or not."""
    return np.array([isinstance(v, str) and _SHAPE.fullmatch(v) is not None for v in _plain(values)], dtype=bool)


def _plain(values: Iterable[object]) -> Iterable[object]:
    """Python objects to loop over: a Series converts to a list in one call,
    many times faster than stepping through its Arrow array."""
    return values.tolist() if isinstance(values, pd.Series) else values


def _days(parts: list[tuple[dt.date | None, dt.date | None, str | None]]) -> tuple[np.ndarray, np.ndarray]:
    """Earliest and latest days as ``datetime64[D]``, built from day numbers:
    numpy converts whole numbers many times faster than date objects."""
    return _day_array([p[0] for p in parts]), _day_array([p[1] for p in parts])


def _day_array(days: list[dt.date | None]) -> np.ndarray:
    numbers = [_NAT if d is None else d.toordinal() - _EPOCH for d in days]
    return np.array(numbers, dtype="int64").view("datetime64[D]")


_EPOCH = dt.date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min  # numpy's NaT


_UNIT = "datetime64[us]"
_SHAPE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_NONE: tuple[None, None, None] = (None, None, None)


def _one(text: object) -> tuple[dt.date | None, dt.date | None, str | None]:
    """(earliest, latest, precision) of one partial date; Nones when it is no real date."""
    if not isinstance(text, str) or not _SHAPE.fullmatch(text):
        return _NONE
    try:
        year = int(text[:4])
        if len(text) == 4:
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        month = int(text[5:7])
        if len(text) == 7:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month"
        day = dt.date(year, month, int(text[8:10]))
    except ValueError:  # month 13, day 30 of February, year 0
        return _NONE
    return day, day, "day"
