"""Write tables to a directory as CSV, Parquet, Excel or SQLite.

The typed frames of :func:`load` are written, so dates come with their bounds.
Parquet needs pyarrow and Excel openpyxl (the ``parquet`` and ``xlsx`` extras).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .load import load

FORMATS = ("csv", "parquet", "xlsx", "sqlite")
_NEEDS = {"parquet": ("pyarrow", "parquet"), "xlsx": ("openpyxl", "xlsx")}


class MissingDependency(ImportError):
    """An optional dependency of a format is not installed."""


def _require(fmt: str) -> None:
    if fmt not in _NEEDS:
        return
    module, extra = _NEEDS[fmt]
    try:
        __import__(module)
    except ImportError:
        raise MissingDependency(
            f"--format {fmt} needs {module}: pip install 'japan-russia-relations[{extra}]'"
        ) from None


def _for_excel(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals as text (Excel has no categorical type) and dates as
    dates, without a time of day."""
    out = frame.astype({c: "str" for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)})
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.date
    return out


def export(names: list[str], to: Path | str, fmt: str) -> list[Path]:
    """Write each table in ``names`` under ``to``; return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    _require(fmt)
    out = Path(to)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "sqlite":
        from .sqlite_db import build

        return [build(out / "japan_russia_relations.sqlite")]
    frames = {name: load(name) for name in names}
    written = []
    for name, frame in frames.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False)
        elif fmt == "parquet":
            frame.to_parquet(path, index=False)
        else:
            _for_excel(frame).to_excel(path, index=False, sheet_name=name[:31])
        written.append(path)
    return written
