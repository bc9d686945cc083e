"""Read a CSV for validation, reporting structural faults with their place.

The file is read by the project's one raw reader (:mod:`..reading`). pyarrow
refuses a row with too many or too few cells, bytes that are not UTF-8 and an
open quote, so a file it reads has none of those; when it refuses one, the
file is scanned again with the ``csv`` module, slowly but precisely, to list
every fault with its line. Carriage returns, which any CSV reader takes for
line ends, are looked for in the raw bytes first. A fault that repeats on
every line (CR LF endings, another encoding) is one problem for the file,
with the count of lines, so that one mistake never floods the report.
"""

from __future__ import annotations

import csv
import io
import mmap
from pathlib import Path

import pandas as pd

from ..descriptor import Resource
from ..reading import ReadError, read_text
from .report import Problem
from .table import RawTable

MAX_ROW_PROBLEMS = 5


def read_for_validation(res: Resource) -> tuple[RawTable | None, list[Problem]]:
    """Return the raw table, or None and the structural problems that stop it."""
    file = res.relpath
    if not res.path.is_file():
        return None, [Problem(file, None, None, "file is missing", check="file")]
    if res.path.stat().st_size == 0:
        return None, [Problem(file, 1, None, "file is empty: it needs at least the header line", check="file")]
    if _holds_carriage_return(res.path):
        return None, [_carriage_returns(file, res.path.read_bytes())]
    try:
        frame = read_text(res.path, res.field_names, factorise=_repeating(res))
    except ReadError:
        return None, scan_structure(res) or [_unlocated(file)]
    problems = _header_problems(file, list(frame.columns), res.field_names)
    if not problems and len(frame) and _any_empty(frame[frame.columns[0]]):
        # A blank line reads as a row of empty cells; only the scan can tell
        # it from a row whose first cell is empty (which the checks report).
        problems = scan_structure(res)
    return (None, problems) if problems else (RawTable(frame), [])


def _repeating(res: Resource) -> set[str]:
    """Columns to read dictionary-encoded: in a large file, all but the unique
    ones. They arrive factorised, and their text is stored once per distinct
    value rather than once per row. A small file is not worth it."""
    if res.path.stat().st_size < _DICTIONARY_BYTES:
        return set()
    return {f.name for f in res.typed_fields if not f.unique}


_DICTIONARY_BYTES = 1 << 20


def _any_empty(column: pd.Series) -> bool:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return "" in column.cat.categories
    return bool((column == "").any())


def _holds_carriage_return(path: Path) -> bool:
    """A CR anywhere in the file; searched in the mapped file, without a copy."""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        return mapped.find(b"\r") >= 0


def _unlocated(file: str) -> Problem:
    return Problem(file, None, None, "the file could not be read as CSV, but no fault was located", check="csv")


def _header_problems(file: str, header: list[str], expected: list[str]) -> list[Problem]:
    if header == expected:
        return []
    problems = [
        Problem(file, 1, name, "column is missing from the header", check="header")
        for name in expected
        if name not in header
    ]
    problems += [
        Problem(file, 1, name, "column is not in the schema", check="header") for name in header if name not in expected
    ]
    if not problems:
        problems.append(
            Problem(
                file,
                1,
                None,
                f"columns are out of order; the schema's order is: {', '.join(expected)}",
                value=",".join(header),
                check="header",
            )
        )
    return problems


def scan_structure(res: Resource) -> list[Problem]:
    """Slow, exact scan: undecodable bytes, cell counts, unterminated quotes.

    A file that is not UTF-8 is one problem, naming its first bad line and
    how many lines have bad bytes; row-length faults are listed up to
    :data:`MAX_ROW_PROBLEMS`, then counted in one more.
    """
    file = res.relpath
    data = res.path.read_bytes()
    encoding = _utf8_problem(file, data)
    if encoding:
        return [encoding]
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True)
    problems: list[Problem] = []
    short: list[Problem] = []
    width = None
    line = 1
    try:
        for row in reader:
            if width is None:
                width = len(row)
                problems += _header_problems(file, row, res.field_names)
            elif len(row) != width:
                cells = "an empty line" if not row else f"{len(row)} cells"
                short.append(Problem(file, line, None, f"row has {cells}, the header has {width}", check="row-length"))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(file, line, None, f"cannot parse the row: {exc} (is a quote left open?)", check="csv"))
    return problems + _capped(file, short)


def _capped(file: str, faults: list[Problem]) -> list[Problem]:
    if len(faults) <= MAX_ROW_PROBLEMS:
        return faults
    rest = len(faults) - MAX_ROW_PROBLEMS
    more = Problem(file, None, None, f"and {rest} more rows with the wrong number of cells", check="row-length")
    return [*faults[:MAX_ROW_PROBLEMS], more]


def _carriage_returns(file: str, data: bytes) -> Problem:
    """One problem for the file: the files use LF only, and a CR would hide a value."""
    lines = [n for n, raw in enumerate(data.split(b"\n"), start=1) if b"\r" in raw]
    where = "this line" if len(lines) == 1 else f"{len(lines)} lines, this the first"
    message = f"holds carriage returns (CR LF line ends or a stray CR) on {where}; save with LF line endings"
    return Problem(file, lines[0], None, message, check="eol")


def _utf8_problem(file: str, data: bytes) -> Problem | None:
    """One problem for a file that is not UTF-8: the first bad byte and how many lines have one."""
    bad = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad.append((number, raw[exc.start]))
    if not bad:
        return None
    number, byte = bad[0]
    count = f"; {len(bad)} lines have such bytes" if len(bad) > 1 else ""
    message = f"is not UTF-8: byte {byte:#04x} on line {number}{count}; save the file as UTF-8"
    return Problem(file, number, None, message, check="encoding")
