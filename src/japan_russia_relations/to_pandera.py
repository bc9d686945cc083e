"""Translate a Table Schema into a pandera ``DataFrameSchema``.

pandera's own frictionless converter reads dates as plain strings and drops
foreign keys, so we translate ourselves. The frame it checks is the raw one
(every cell a string, empty cells missing); ``coerce=True`` turns the text
into the schema's type and reports every cell that does not convert.
Foreign keys, partial dates and text rules are checked in :mod:`.checks`.
"""

from __future__ import annotations

from typing import Any

import pandera.pandas as pa

from .descriptor import Resource

_DTYPES = {"integer": "Int64", "number": "Float64", "date": "datetime64[ns]"}


def field_checks(fld: dict[str, Any]) -> list[pa.Check]:
    """The constraint checks of one field, each with a message people read."""
    cons = fld.get("constraints", {})
    checks = []
    if "enum" in cons:
        checks.append(pa.Check.isin(cons["enum"], error="is not one of the allowed values: " + ", ".join(cons["enum"])))
    if "pattern" in cons:
        checks.append(pa.Check.str_matches(cons["pattern"], error=f"does not match the pattern {cons['pattern']}"))
    if "minimum" in cons:
        checks.append(pa.Check.ge(cons["minimum"], error=f"is below the minimum {cons['minimum']}"))
    if "maximum" in cons:
        checks.append(pa.Check.le(cons["maximum"], error=f"is above the maximum {cons['maximum']}"))
    if "maxLength" in cons:
        checks.append(
            pa.Check.str_length(max_value=cons["maxLength"], error=f"is longer than {cons['maxLength']} characters")
        )
    if "minLength" in cons:
        checks.append(
            pa.Check.str_length(min_value=cons["minLength"], error=f"is shorter than {cons['minLength']} characters")
        )
    if fld["type"] == "boolean":
        allowed = fld.get("trueValues", ["true"]) + fld.get("falseValues", ["false"])
        checks.append(pa.Check.isin(allowed, error="is not one of: " + ", ".join(allowed)))
    return checks


def pandera_columns(res: Resource) -> dict[str, pa.Column]:
    """The pandera column of each field, derived from its Table Schema alone."""
    columns = {}
    for fld in res.fields:
        cons = fld.get("constraints", {})
        columns[fld["name"]] = pa.Column(
            _DTYPES.get(fld["type"], "str"),
            checks=field_checks(fld),
            nullable=not cons.get("required", False),
            unique=bool(cons.get("unique", False)),
            coerce=True,
            required=True,
        )
    return columns


def to_pandera(res: Resource) -> pa.DataFrameSchema:
    """The pandera schema of a table: its columns, strict and in order."""
    return pa.DataFrameSchema(pandera_columns(res), name=res.name, strict=True, ordered=True, coerce=True)
