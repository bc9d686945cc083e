"""Read a CSV for validation, reporting structural faults with their place.

The fast path is one pandas read of the whole file with every cell kept as
written, and one pass over the raw bytes counting commas and line feeds: from
those counts follow short rows (which pandas pads silently) and line breaks
inside cells (which shift editor line numbers). Only when pandas cannot parse
the file (bad UTF-8, a row with too many cells, an unterminated quote) or the
counts disagree is it scanned again with the ``csv`` module, slowly but
precisely, to list every fault with its line and column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .descriptor import Resource
from .report import Problem


@dataclass(frozen=True)
class Distinct:
    """A column as its distinct values and, for each row, the index of its value.

    Most columns repeat a few values (dates, codes, ids of sources) many
    times, so every element-wise check runs once per distinct value and is
    mapped back to the rows through ``codes``.
    """

    codes: np.ndarray
    values: pd.Series

    def counts(self) -> np.ndarray:
        """How many rows hold each distinct value."""
        return np.bincount(self.codes, minlength=len(self.values))


@dataclass
class RawTable:
    """A table read as text, and the editor line number of each row."""

    frame: pd.DataFrame
    lines: pd.Series
    _distinct: dict[str, Distinct] = field(default_factory=dict, repr=False)

    def distinct(self, name: str) -> Distinct:
        """The column ``name`` factorised, once per run."""
        if name not in self._distinct:
            codes, uniques = pd.factorize(self.frame[name], use_na_sentinel=False)
            self._distinct[name] = Distinct(codes, pd.Series(uniques, dtype="str"))
        return self._distinct[name]

    def all_distinct(self, name: str) -> bool:
        """True when no value of ``name`` repeats (an id column, as a rule).

        Sorting finds a repeat in a tenth of the time hashing a million ids
        takes; the column is then its own list of distinct values.
        """
        col = self.frame[name]
        ordered = col.sort_values(ignore_index=True).array
        if (ordered[1:] == ordered[:-1]).any():
            return False
        self._distinct.setdefault(name, Distinct(np.arange(len(col)), col.reset_index(drop=True)))
        return True


def read_for_validation(res: Resource) -> tuple[RawTable | None, list[Problem]]:
    """Return the raw table, or None and the structural problems that stop it."""
    file = res.relpath
    if not res.path.is_file():
        return None, [Problem(file, None, None, "file is missing", check="file")]
    if res.path.stat().st_size == 0:
        return None, [Problem(file, 1, None, "file is empty: it needs at least the header line", check="file")]
    marks = _Marks(res.path)
    if marks.carriage_returns:
        return None, _carriage_returns(file, res.path.read_bytes())
    try:
        frame = _read_fast(res)
    except (pd.errors.ParserError, UnicodeDecodeError, csv.Error, ValueError):
        return None, scan_structure(res) or [_unlocated(file)]
    problems = _header_problems(file, list(frame.columns), res.field_names)
    raw = RawTable(frame, _line_numbers(marks, frame))
    if not problems and not _every_row_complete(marks, raw, _free_text_columns(res)):
        problems = scan_structure(res)  # a comma outside free text is a fault found later
    if problems:
        return None, problems
    return raw, []


_NOT_MARKS = bytes(range(0x20, 0x7F)).replace(b",", b"") + bytes(range(0x80, 0x100))


_CHUNK = 1 << 20


class _Marks:
    """Commas, line feeds and carriage returns of a file, counted in one pass.

    Deleting every other byte leaves a short string to count in; UTF-8 never
    uses a byte below 0x80 inside a multi-byte character, so nothing is
    miscounted. The file is read in chunks into one buffer, so a large file
    is never held in memory twice.
    """

    def __init__(self, path: Path) -> None:
        self.commas = self.newlines = self.carriage_returns = 0
        self.trailing_newline = False
        buffer = bytearray(_CHUNK)
        with path.open("rb", buffering=0) as fh:
            while size := fh.readinto(buffer):
                kept = (buffer if size == _CHUNK else buffer[:size]).translate(None, _NOT_MARKS)
                self.commas += kept.count(b",")
                self.newlines += kept.count(b"\n")
                self.carriage_returns += kept.count(b"\r")
                self.trailing_newline = buffer[size - 1] == ord("\n")


def _unlocated(file: str) -> Problem:
    return Problem(file, None, None, "pandas could not read the file, but no fault was located", check="csv")


def _free_text_columns(res: Resource) -> list[str]:
    """Columns whose values may hold commas: no pattern, no vocabulary, text."""
    return [
        f["name"]
        for f in res.fields
        if f["type"] == "string" and not {"pattern", "enum"} & set(f.get("constraints", {}))
    ]


def _every_row_complete(marks: _Marks, raw: RawTable, free_text: list[str]) -> bool:
    """True when every row has as many cells as the header.

    pandas pads a short row with empty cells, so count instead: every comma
    in the file is either a delimiter or part of a cell's value. When the
    delimiters number exactly (columns - 1) per line, no row is short (pandas
    has already refused any row that is too long). Only free text is
    searched: elsewhere a comma breaks a pattern and makes the slow scan run.
    """
    delimiters = marks.commas - sum(_count_in_cells(raw.distinct(col), ",") for col in free_text)
    return delimiters == (len(raw.frame.columns) - 1) * (len(raw.frame) + 1)


def _count_in_cells(column: Distinct, text: str) -> int:
    """How often ``text`` occurs inside the cells of a column, counted per distinct value."""
    return int(column.values.str.count(text).to_numpy(dtype="int64") @ column.counts())


def _read_fast(res: Resource) -> pd.DataFrame:
    numeric = {f["name"]: "str" for f in res.fields if f["type"] != "string"}
    frame = pd.read_csv(
        res.path,
        dtype=numeric or None,
        na_filter=False,
        encoding="utf-8",
        encoding_errors="strict",
        skip_blank_lines=False,
    )
    numeric_looking = [col for col in frame.columns if frame[col].dtype != "str"]
    if numeric_looking:  # text that happened to look numeric: read again as written ("007" stays "007")
        again = pd.read_csv(res.path, usecols=numeric_looking, dtype="str", na_filter=False, encoding="utf-8")
        for col in numeric_looking:
            frame[col] = again[col]
    return frame


def _line_numbers(marks: _Marks, frame: pd.DataFrame) -> pd.Series:
    """Editor line of each row: header is line 1; cells may hold line breaks."""
    one_line_each = marks.newlines + (not marks.trailing_newline) == len(frame) + 1
    if one_line_each:
        return pd.Series(range(2, len(frame) + 2), index=frame.index)
    breaks = pd.Series(0, index=frame.index)
    for col in frame.columns:
        breaks += frame[col].str.count("\n").fillna(0).astype(int)
    return 2 + (breaks + 1).cumsum() - (breaks + 1)


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
    """Slow, exact scan: undecodable bytes, cell counts, unterminated quotes."""
    file = res.relpath
    data = res.path.read_bytes()
    problems = _utf8_problems(file, data)
    text = data.decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    width = None
    line = 1
    try:
        for row in reader:
            if width is None:
                width = len(row)
                problems += _header_problems(file, row, res.field_names)
            elif len(row) != width:
                problems.append(
                    Problem(file, line, None, f"row has {len(row)} cells, the header has {width}", check="row-length")
                )
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(file, line, None, f"cannot parse the row: {exc} (is a quote left open?)", check="csv"))
    return problems


def _carriage_returns(file: str, data: bytes) -> list[Problem]:
    """Lines holding a CR: the files use LF only, and a CR would hide a value."""
    return [
        Problem(
            file, number, None, "holds a carriage return (CR LF or a stray CR); save with LF line endings", check="eol"
        )
        for number, raw in enumerate(data.split(b"\n"), start=1)
        if b"\r" in raw
    ]


def _utf8_problems(file: str, data: bytes) -> list[Problem]:
    problems = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            col = len(raw[: exc.start].decode("utf-8", errors="replace")) + 1
            problems.append(
                Problem(
                    file,
                    number,
                    None,
                    f"not UTF-8: byte {raw[exc.start]:#04x} at character {col}; save the file as UTF-8",
                    check="encoding",
                )
            )
    return problems
