"""The codebook of a table as a DataFrame, and a search over every field.

Built from the Table Schemas alone, so it can never disagree with them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .descriptor import Resource, all_foreign_keys, read_package
from .load import resource

COLUMNS = ["table", "field", "type", "description", "required", "unique", "allowed values", "pattern", "references"]


def _allowed(field: dict[str, Any]) -> str:
    vocab = field.get("x-vocabulary")
    if vocab:
        return "; ".join(f"{value}: {entry['label']}" for value, entry in vocab.items())
    cons = field.get("constraints", {})
    bounds = [
        f">= {cons['minimum']}" if "minimum" in cons else "",
        f"<= {cons['maximum']}" if "maximum" in cons else "",
    ]
    return " and ".join(b for b in bounds if b)


def _kind(field: dict[str, Any]) -> str:
    if field.get("x-partialDate"):
        return "partial date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if field.get("x-delimiter"):
        return f"list of ids separated by '{field['x-delimiter']}'"
    return field["type"]


def _rows(res: Resource) -> list[dict[str, Any]]:
    refs = {field: f"{target}.{tfield}" for field, target, tfield, _ in all_foreign_keys(res)}
    rows = []
    for field in res.fields:
        cons = field.get("constraints", {})
        rows.append(
            {
                "table": res.name,
                "field": field["name"],
                "type": _kind(field),
                "description": field.get("description", ""),
                "required": bool(cons.get("required", False)),
                "unique": bool(cons.get("unique", False)),
                "allowed values": _allowed(field),
                "pattern": cons.get("pattern", ""),
                "references": refs.get(field["name"], ""),
            }
        )
    return rows


def describe(name: str) -> pd.DataFrame:
    """The codebook of table ``name``: one row per field."""
    return pd.DataFrame(_rows(resource(name, read_package())), columns=COLUMNS)


def search_fields(word: str) -> pd.DataFrame:
    """Fields of any table whose name or description mentions ``word``."""
    rows = [row for res in read_package().resources.values() for row in _rows(res)]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    hit = frame["field"].str.contains(word, case=False, regex=False) | frame["description"].str.contains(
        word, case=False, regex=False
    )
    return frame[hit].reset_index(drop=True)
