"""Partial ISO 8601 dates (``1855``, ``1945-08``, ``2022-09-26``) as typed bounds.

Dates are written at the precision the source gives. Users still want to sort
and filter by real dates, so each is turned into the earliest and latest day
it can mean and its precision. A value that is not a real day (``2022-02-30``)
gets no bounds (NaT); the validator reports those.
"""

from __future__ import annotations

import numpy as np
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
    """Bounds of distinct values, with numpy: a few hundred values, so pandas'
    per-call overhead would cost more than the work."""
    text = values.astype("str").where(values.notna(), "")
    length = text.str.len().to_numpy()
    good = text.str.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?").to_numpy(dtype=bool)
    padded = np.where(length == 4, text + "-01-01", np.where(length == 7, text + "-01", text))
    earliest = pd.to_datetime(pd.Series(np.where(good, padded, None), dtype="str"), format="%Y-%m-%d", errors="coerce")
    day = earliest.to_numpy()
    unit = np.where(length == 4, "Y", "M")
    ends = {u: (day.astype(f"datetime64[{u}]") + np.timedelta64(1, u)).astype(day.dtype) for u in ("Y", "M")}
    last = np.where(unit == "Y", ends["Y"], ends["M"]) - np.timedelta64(1, "D")
    latest = np.where(length == 10, day, last)
    known = ~np.isnat(day)
    precision = pd.Categorical(
        [_BY_LENGTH.get(n) if ok else None for n, ok in zip(length, known, strict=True)], categories=PRECISIONS
    )
    index = values.index
    return (
        pd.Series(day, index=index),
        pd.Series(latest.astype(day.dtype), index=index),
        pd.Series(precision, index=index),
    )
