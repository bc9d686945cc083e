"""Load a table of the package as a typed pandas DataFrame.

The CSV is read raw (no value turned into a missing one but an empty cell:
``NA`` is a real code), then each column is converted as its Table Schema
says. A value that does not convert raises :class:`DataError` with file, line
and column instead of silently becoming missing.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import pandas as pd

from .dates import date_bounds
from .descriptor import Package, Resource, read_package
from .fields import Field
from .parse import parse
from .reading import ReadError, read_text

if TYPE_CHECKING:
    import polars as pl


class UnknownTableError(KeyError):
    """Raised for a table name that is not in the package."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0])


class DataError(ValueError):
    """A value in a CSV does not fit its schema (run ``jrr validate`` for all)."""


def tables(root: Path | str | None = None) -> list[str]:
    """Names of the package's tables, in descriptor order.

    >>> tables()[:4]
    ['events', 'statements', 'sanctions', 'territorial_claims']
    """
    return list(read_package(root).resources)


def resource(name: str, package: Package) -> Resource:
    """Look ``name`` up among the package's resources only; never a path."""
    try:
        return package.resources[name]
    except (KeyError, TypeError):
        known = list(package.resources)
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UnknownTableError(f"unknown table {name!r}{hint}; the tables are: {', '.join(known)}") from None


def read_raw(res: Resource) -> pd.DataFrame:
    """Every cell as written, the empty cell missing (the shared raw reader)."""
    try:
        frame = read_text(res.path, res.field_names)
    except ReadError as exc:
        raise DataError(f"{res.relpath}: cannot be read as CSV ({exc}); run `jrr validate` for the place") from None
    return frame.where(frame != "")


def _convert(res: Resource, raw: pd.DataFrame, fld: Field) -> pd.Series:
    """One column typed by the shared parser; a cell that does not parse stops the load."""
    parsed = parse(fld, raw[fld.name])
    first = parsed.first_bad()
    if first is not None:
        value = raw[fld.name].iat[first]
        raise DataError(
            f"{res.relpath}:{first + 2}: column {fld.name!r}: {value!r} {parsed.reasons[first]}; "
            "run `jrr validate` for a full report"
        )
    if fld.enum:
        col = parsed.values
        outside = col.notna() & ~col.isin(fld.enum)
        if outside.any():
            first = int(outside.to_numpy().nonzero()[0][0])
            raise DataError(
                f"{res.relpath}:{first + 2}: column {fld.name!r}: {col.iat[first]!r} is not an allowed value; "
                "run `jrr validate` for a full report"
            )
        return col.astype(pd.CategoricalDtype(fld.enum))
    if fld.type == "string":
        return parsed.values.astype("str").where(parsed.values.notna())
    return parsed.values


def _typed(res: Resource, raw: pd.DataFrame) -> pd.DataFrame:
    columns: dict[str, pd.Series] = {}
    for fld in res.typed_fields:
        name = fld.name
        columns[name] = _convert(res, raw, fld)
        if fld.partial_date:
            earliest, latest, precision = date_bounds(raw[name])
            columns[f"{name}_earliest"] = earliest
            columns[f"{name}_latest"] = latest
            columns[f"{name}_precision"] = precision
    return pd.DataFrame(columns, index=raw.index)


@overload
def load(name: str, *, backend: Literal["pandas"] = "pandas", root: Path | str | None = None) -> pd.DataFrame: ...


@overload
def load(name: str, *, backend: Literal["polars"], root: Path | str | None = None) -> pl.DataFrame: ...


def load(name: str, *, backend: str = "pandas", root: Path | str | None = None) -> pd.DataFrame | pl.DataFrame:
    """Load table ``name`` as a DataFrame typed from its Table Schema.

    Ids and text are strings, enums categoricals carrying every allowed value,
    numbers nullable; each partial date keeps its written form and gains
    ``<field>_earliest``, ``<field>_latest`` and ``<field>_precision``.
    ``backend="polars"`` returns a polars DataFrame typed the same way (enums
    as ``pl.Enum``); it needs the ``polars`` extra.

    >>> events = load("events")
    >>> str(events["event_type"].dtype)
    'category'
    >>> events.loc[events["event_id"] == "EV-0001", ["date", "date_precision"]].values.tolist()
    [['1855-02-07', 'day']]
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
