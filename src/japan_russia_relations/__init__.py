"""Japan–Russia relations, 1855 to today, as typed pandas DataFrames.

>>> import japan_russia_relations as jrr
>>> "events" in jrr.tables()
True
>>> events = jrr.load("events")
>>> events["date_precision"].dtype.name
'category'

Importing this package imports pandas only; the validator's pandera and
frictionless are imported when :func:`validate` is called.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version
from typing import TYPE_CHECKING, Any

from .load import DataError, UnknownTableError, load, load_all, tables

if TYPE_CHECKING:
    from .validator.report import Report

try:
    __version__ = _dist_version("japan-russia-relations")
except PackageNotFoundError:  # a bare checkout on sys.path
    __version__ = "0+unknown"


def load_events() -> Any:
    """The ``events`` table: one real-world event a row."""
    return load("events")


def load_statements() -> Any:
    """The ``statements`` table: one utterance or document a row, with its quote."""
    return load("statements")


def load_sanctions() -> Any:
    """The ``sanctions`` table: one measure from one imposing state a row."""
    return load("sanctions")


def load_territorial_claims() -> Any:
    """The ``territorial_claims`` table: one position on one territory a row."""
    return load("territorial_claims")


def describe(name: str) -> Any:
    """The codebook of table ``name`` as a DataFrame (one row per field)."""
    from .codebook import describe as _describe

    return _describe(name)


def search_fields(word: str) -> Any:
    """Fields of any table whose name or description mentions ``word``."""
    from .codebook import search_fields as _search

    return _search(word)


def cite(style: str = "text") -> str:
    """How to cite this exact version: ``text``, ``bibtex`` or ``cff``."""
    from .citation import cite as _cite

    return _cite(style)


def panel(table: str, freq: str = "year", *, on: str = "mid-year") -> Any:
    """``table`` as a panel a researcher can count with; see :mod:`.panels`."""
    from .panels import panel as _panel

    return _panel(table, freq, on=on)


def validate(path: Any = None) -> Report:
    """Check a data package directory (default: the bundled one); see ``jrr validate``."""
    from .validator import validate as _validate

    return _validate(path)


__all__ = [
    "DataError",
    "UnknownTableError",
    "__version__",
    "cite",
    "describe",
    "load",
    "load_all",
    "load_events",
    "load_sanctions",
    "load_statements",
    "load_territorial_claims",
    "panel",
    "search_fields",
    "tables",
    "validate",
]
