"""Read a table's CSV with every cell kept as written: the one raw reader.

The loader, the validator, ``jrr diff`` and the benchmarks all read through
:func:`read_text`, so they see the same cells: text exactly as written, the
empty cell as ``""`` and nothing else missing (``NA`` is a code). pyarrow
reads the file on all cores and refuses a row with too many or too few cells,
bytes that are not UTF-8 and an open quote; the validator locates such faults
itself (:mod:`.validator.structure`). A line break inside a quoted cell is
read as part of the cell.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import pyarrow as pa


class ReadError(ValueError):
    """pyarrow refused the file (a short or long row, bytes not UTF-8, an open quote)."""


def read_text(path: Path, columns: list[str], *, factorise: set[str] = frozenset()) -> pd.DataFrame:
    """Every cell of ``path`` as text (``""`` when empty).

    ``columns`` names the file's fields; those in ``factorise`` are
    dictionary-encoded as they are parsed and arrive as categoricals, which
    saves memory on a large file whose columns repeat values. Raises
    :data:`ReadError` when pyarrow refuses the file.
    """
    import pyarrow as pa  # imported here so that importing the package stays cheap

    try:
        table = _read(path, columns, factorise, newlines=False)
    except pa.ArrowInvalid as exc:
        raise ReadError(str(exc)) from None
    return table.to_pandas()


def _read(path: Path, columns: list[str], factorise: set[str], *, newlines: bool) -> pa.Table:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    types = {c: pa.dictionary(pa.int32(), pa.large_string()) if c in factorise else pa.large_string() for c in columns}
    try:
        return pacsv.read_csv(
            path,
            parse_options=pacsv.ParseOptions(ignore_empty_lines=False, newlines_in_values=newlines),
            convert_options=pacsv.ConvertOptions(
                column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        )
    except pa.ArrowInvalid:
        # A line break inside a quoted cell that meets a block boundary throws
        # the fast parser off; the slower one that allows breaks in values
        # reads such a file, and refuses a truly broken one in its turn.
        if newlines:
            raise
    return _read(path, columns, factorise, newlines=True)
