"""Load a table of the package as a typed pandas DataFrame.

The CSV is read raw (no value turned into a missing one but an empty cell:
``NA`` is a real code), then each column is converted as its Table Schema
says. A value that does not convert raises :class:`DataError` with file, line
and column instead of silently becoming missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .dates import date_bounds
from .descriptor import Package, Resource, enum_values, is_partial_date, read_package


class UnknownTableError(KeyError):
    """Raised for a table name that is not in the package."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0])


class DataError(ValueError):
    """A value in a CSV does not fit its schema (run ``jrr validate`` for all)."""


def tables(root: Path | str | None = None) -> list[str]:
    """Names of the package's tables, in descriptor order."""
    return list(read_package(root).resources)


def resource(name: str, package: Package) -> Resource:
    """Look ``name`` up among the package's resources only; never a path."""
    try:
        return package.resources[name]
    except (KeyError, TypeError):
        known = ", ".join(package.resources)
        raise UnknownTableError(f"unknown table {name!r}; the tables are: {known}") from None


def read_raw(res: Resource) -> pd.DataFrame:
    """Read a CSV with every cell as written; only empty cells are missing."""
    text_types = {f["name"]: "str" for f in res.fields if f["type"] != "string"}
    return pd.read_csv(
        res.path,
        dtype=text_types or None,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
        skip_blank_lines=False,
    )


def _fail(res: Resource, column: str, bad: pd.Series, what: str) -> DataError:
    index = bad[bad].index[0]
    return DataError(f"{res.relpath}:{index + 2}: column {column!r}: {what}; run `jrr validate` for a full report")


def _convert(res: Resource, col: pd.Series, fld: dict[str, Any]) -> pd.Series:
    kind = fld["type"]
    name = fld["name"]
    if kind == "integer":
        num = pd.to_numeric(col, errors="coerce")
        bad = col.notna() & (num.isna() | (num % 1 != 0))
        if bad.any():
            raise _fail(res, name, bad, f"{col[bad].iloc[0]!r} is not a whole number")
        return num.astype("Int64")
    if kind == "number":
        num = pd.to_numeric(col, errors="coerce")
        bad = col.notna() & num.isna()
        if bad.any():
            raise _fail(res, name, bad, "not a number")
        return num.astype("Float64")
    if kind == "boolean":
        truth = {v: True for v in fld.get("trueValues", ["true"])}
        truth.update({v: False for v in fld.get("falseValues", ["false"])})
        out = col.map(truth)
        bad = col.notna() & out.isna()
        if bad.any():
            raise _fail(res, name, bad, "not true or false")
        return out.astype("boolean")
    if kind == "date":
        out = pd.to_datetime(col, format="%Y-%m-%d", errors="coerce")
        bad = col.notna() & out.isna()
        if bad.any():
            raise _fail(res, name, bad, "not a date YYYY-MM-DD")
        return out
    allowed = enum_values(fld)
    if allowed:
        outside = col.notna() & ~col.isin(allowed)
        if outside.any():
            raise _fail(res, name, outside, f"{col[outside].iloc[0]!r} is not an allowed value")
        return col.astype(pd.CategoricalDtype(allowed))
    return col.astype("str").where(col.notna())


def _typed(res: Resource, raw: pd.DataFrame) -> pd.DataFrame:
    columns: dict[str, pd.Series] = {}
    for fld in res.fields:
        name = fld["name"]
        columns[name] = _convert(res, raw[name], fld)
        if is_partial_date(fld):
            earliest, latest, precision = date_bounds(raw[name])
            columns[f"{name}_earliest"] = earliest
            columns[f"{name}_latest"] = latest
            columns[f"{name}_precision"] = precision
    return pd.DataFrame(columns, index=raw.index)


def load(name: str, *, backend: str = "pandas", root: Path | str | None = None) -> Any:
    """Load table ``name`` as a DataFrame typed from its Table Schema.

    Ids and text are strings, enums categoricals carrying every allowed value,
    numbers nullable; each partial date keeps its written form and gains
    ``<field>_earliest``, ``<field>_latest`` and ``<field>_precision``.
    ``backend="polars"`` returns a polars DataFrame typed the same way (enums
    as ``pl.Enum``); it needs the ``polars`` extra.

    >>> events = load("events")            # doctest: +SKIP
    """
    if backend not in ("pandas", "polars"):
        raise ValueError(f"unknown backend {backend!r}; choose 'pandas' or 'polars'")
    res = resource(name, read_package(root))
    raw = read_raw(res)
    missing = [c for c in res.field_names if c not in raw.columns]
    if missing:
        raise DataError(f"{res.relpath}:1: missing columns {missing}; run `jrr validate`")
    frame = _typed(res, raw)
    return _to_polars(frame) if backend == "polars" else frame


def _to_polars(frame: pd.DataFrame) -> Any:
    """The same table as polars, categoricals kept with all their categories."""
    try:
        import polars as pl
    except ImportError:
        raise ImportError("backend='polars' needs polars: pip install 'japan-russia-relations[polars]'") from None
    enums = {c: list(frame[c].cat.categories) for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)}
    plain = frame.copy()
    for col in enums:
        plain[col] = frame[col].astype(object).where(frame[col].notna(), None)
    out = pl.from_pandas(plain)
    return out.with_columns([pl.col(c).cast(pl.String).cast(pl.Enum(cats)) for c, cats in enums.items()])


def load_all(root: Path | str | None = None, *, backend: str = "pandas") -> dict[str, Any]:
    """Every table, by name."""
    return {name: load(name, backend=backend, root=root) for name in tables(root)}
