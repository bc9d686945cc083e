"""Partial ISO 8601 dates (``1855``, ``1945-08``, ``2022-09-26``) as typed bounds.

Dates are written at the precision the source gives. Users still want to sort
and filter by real dates, so each is turned into the earliest and latest day
it can mean and its precision. A value that is not a real day (``2022-02-30``)
gets no bounds (NaT); the validator reports those.
"""

from __future__ import annotations

import pandas as pd

PRECISIONS = ["year", "month", "day"]
_BY_LENGTH = {4: "year", 7: "month", 10: "day"}


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
    text = values.astype("str").where(values.notna(), "")
    length = text.str.len()
    precision = length.map(_BY_LENGTH).astype(pd.CategoricalDtype(PRECISIONS))
    padded = text.where(length != 4, text + "-01-01")
    padded = padded.where(length != 7, text + "-01")
    good = text.str.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
    earliest = pd.to_datetime(padded.where(good, None), format="%Y-%m-%d", errors="coerce")
    latest = earliest.where(length != 4, earliest + pd.offsets.YearEnd(0))
    latest = latest.where(length != 7, earliest + pd.offsets.MonthEnd(0))
    precision = precision.where(earliest.notna())
    return earliest, latest, precision
