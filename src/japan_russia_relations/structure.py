"""Read a CSV for validation, reporting structural faults with their place.

The fast path is one pyarrow read of the whole file with every cell kept as
text: pyarrow refuses a row with too many or too few cells, bytes that are
not UTF-8 and an open quote, so a file it reads has none of those. A line
break inside a cell shows in the cell itself, so editor line numbers follow
from the cells. Carriage returns, which any CSV reader takes for line ends,
are looked for in the raw bytes first.

Without pyarrow (it is an extra), pandas reads the file and the commas in the
raw bytes are counted: pandas pads a short row silently, and the count finds
it. Whenever either reader refuses the file or the counts disagree, the file
is scanned again with the ``csv`` module, slowly but precisely, to list every
fault with its line and column.
"""

from __future__ import annotations

import csv
import io
import mmap
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .descriptor import Resource
from .report import Problem

try:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv
except ImportError:  # pyarrow is an extra: without it pandas reads every file
    pacsv = None


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
    """A table read as text; each row's editor line is worked out when first asked."""

    frame: pd.DataFrame
    _distinct: dict[str, Distinct] = field(default_factory=dict, repr=False)

    @cached_property
    def lines(self) -> pd.Series:
        """Editor line of each row: the header is line 1, and a line break
        inside a cell pushes every later row down. Counted per distinct value,
        and only when a problem needs a line."""
        breaks = np.zeros(len(self.frame), dtype="int64")
        for name in self.frame.columns:
            values = self.distinct(name)
            per_value = values.values.str.count("\n").to_numpy(dtype="int64")
            if per_value.any():
                breaks += per_value[values.codes]
        first = 2 + np.concatenate([[0], np.cumsum(breaks + 1)[:-1]])
        return pd.Series(first, index=self.frame.index)

    def distinct(self, name: str) -> Distinct:
        """The column ``name`` factorised, once per run."""
        if name not in self._distinct:
            self._distinct[name] = _factorise(self.frame[name])
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


def _factorise(col: pd.Series) -> Distinct:
    """A column's codes and distinct values; a categorical already has both."""
    if isinstance(col.dtype, pd.CategoricalDtype):  # read factorised already
        return Distinct(col.cat.codes.to_numpy(), pd.Series(col.cat.categories, dtype="str"))
    codes, uniques = pd.factorize(col, use_na_sentinel=False)
    return Distinct(codes, pd.Series(uniques, dtype="str"))


def read_for_validation(res: Resource) -> tuple[RawTable | None, list[Problem]]:
    """Return the raw table, or None and the structural problems that stop it."""
    file = res.relpath
    if not res.path.is_file():
        return None, [Problem(file, None, None, "file is missing", check="file")]
    if res.path.stat().st_size == 0:
        return None, [Problem(file, 1, None, "file is empty: it needs at least the header line", check="file")]
    if _holds_carriage_return(res.path):
        return None, _carriage_returns(file, res.path.read_bytes())
    frame = _read_arrow(res)
    if frame is None:
        return _read_pandas(res)
    problems = _header_problems(file, list(frame.columns), res.field_names)
    return (None, problems) if problems else (RawTable(frame), [])


def _holds_carriage_return(path: Path) -> bool:
    """A CR anywhere in the file; searched in the mapped file, without a copy."""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        return mapped.find(b"\r") >= 0


def _read_arrow(res: Resource) -> pd.DataFrame | None:
    """Every cell as text, or None when pyarrow is missing or refuses the file.

    pyarrow reads a blank line as a row of empty cells, where the row is in
    fact short. A file with a row whose first cell is empty is left to the
    pandas path, whose comma count tells the two apart; no valid row has one,
    as every table's first column is its required id. Line
    breaks inside cells are not expected: where one meets a block boundary
    pyarrow finds itself "out of sync" and refuses the file, and the pandas
    path reads it instead; elsewhere the break is read as part of the cell.
    """
    if pacsv is None:
        return None
    try:
        table = pacsv.read_csv(
            res.path,
            parse_options=pacsv.ParseOptions(ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=_arrow_types(res), strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        )
    except pa.ArrowException:  # a fault: the pandas path and the scan locate it
        return None
    if table.num_columns and _any_empty(table.column(0)):
        return None
    return table.to_pandas()  # dictionaries of different blocks are unified here


def _any_empty(column: pa.ChunkedArray) -> bool:
    """True when a cell of the column is empty, asked of Arrow directly."""
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    return bool(pc.any(pc.equal(column, "")).as_py())


def _arrow_types(res: Resource) -> dict[str, pa.DataType]:
    """Each column as text, ``large_string`` as pandas keeps it, so nothing
    is cast. In a large file, a column that repeats values (all but the
    unique ones) is dictionary-encoded as it is parsed, on pyarrow's threads:
    it arrives factorised, as a categorical, and its text is stored once per
    distinct value rather than once per row. A small file is not worth it:
    there the dictionaries cost more than hashing the column afterwards."""
    large = res.path.stat().st_size >= _DICTIONARY_BYTES
    return {
        f["name"]: pa.dictionary(pa.int32(), pa.large_string())
        if large and not f.get("constraints", {}).get("unique")
        else pa.large_string()
        for f in res.fields
    }


_DICTIONARY_BYTES = 1 << 20


def _read_pandas(res: Resource) -> tuple[RawTable | None, list[Problem]]:
    """The path without pyarrow, and for files pyarrow refuses."""
    file = res.relpath
    try:
        frame = _read_fast(res)
    except (pd.errors.ParserError, UnicodeDecodeError, csv.Error, ValueError):
        return None, scan_structure(res) or [_unlocated(file)]
    problems = _header_problems(file, list(frame.columns), res.field_names)
    raw = RawTable(frame)
    if not problems and not _every_row_complete(_count_commas(res.path), raw, _free_text_columns(res)):
        problems = scan_structure(res)  # a comma outside free text is a fault found later
    if problems:
        return None, problems
    return raw, []


_NOT_COMMAS = bytes(range(256)).replace(b",", b"")


_CHUNK = 1 << 20


def _count_commas(path: Path) -> int:
    """Commas in the file, counted in 1 MiB chunks so a large file is never
    held twice. Deleting every other byte leaves only the commas; UTF-8 never
    uses a byte below 0x80 inside a multi-byte character, so nothing is
    miscounted."""
    commas = 0
    buffer = bytearray(_CHUNK)
    with path.open("rb", buffering=0) as fh:
        while size := fh.readinto(buffer):
            commas += len((buffer if size == _CHUNK else buffer[:size]).translate(None, _NOT_COMMAS))
    return commas


def _unlocated(file: str) -> Problem:
    return Problem(file, None, None, "pandas could not read the file, but no fault was located", check="csv")


def _free_text_columns(res: Resource) -> list[str]:
    """Columns whose values may hold commas: no pattern, no vocabulary, text."""
    return [
        f["name"]
        for f in res.fields
        if f["type"] == "string" and not {"pattern", "enum"} & set(f.get("constraints", {}))
    ]


def _every_row_complete(commas: int, raw: RawTable, free_text: list[str]) -> bool:
    """True when every row has as many cells as the header.

    pandas pads a short row with empty cells, so count instead: every comma
    in the file is either a delimiter or part of a cell's value. When the
    delimiters number exactly (columns - 1) per line, no row is short (pandas
    has already refused any row that is too long). Only free text is
    searched: elsewhere a comma breaks a pattern and makes the slow scan run.
    """
    delimiters = commas - sum(_count_in_cells(raw.distinct(col), ",") for col in free_text)
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
