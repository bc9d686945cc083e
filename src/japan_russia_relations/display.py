"""Tables for people and tools: the ``table``, ``csv`` and ``json`` renderings.

The ``table`` rendering fits the terminal: long text cells are cut with an
ellipsis, as pandas and sqlite-utils do, and a missing value is always shown
the same way, whatever its dtype (``NaN``, ``<NA>`` and ``NaT`` alike).
"""

from __future__ import annotations

import shutil
from typing import TextIO

import pandas as pd

FORMATS = ("table", "csv", "json")
MISSING = ""


def render(frame: pd.DataFrame, fmt: str, out: TextIO) -> None:
    """Write ``frame`` to ``out`` as ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "csv":
        out.write(frame.to_csv(index=False))
    elif fmt == "json":
        out.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=2) + "\n")
    else:
        out.write(fit(frame, shutil.get_terminal_size((120, 24)).columns) + "\n")


def fit(frame: pd.DataFrame, width: int) -> str:
    """The frame as text no wider than ``width`` where it can be: each cell
    is cut to a share of the width, missing values shown as :data:`MISSING`,
    dates without a time."""
    cells = frame.astype(object).map(_cell)
    widest = max(12, width // max(1, min(len(cells.columns), 6)))
    cut = cells.map(lambda v: v if len(v) <= widest else v[: widest - 1] + "…")
    with pd.option_context("display.max_columns", None, "display.width", width, "display.max_colwidth", widest):
        return cut.to_string(index=False)


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)
