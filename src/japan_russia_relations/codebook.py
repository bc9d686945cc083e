"""The codebook of a table as a DataFrame, and a search over every field.

Built from the Table Schemas alone, so it can never disagree with them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .descriptor import Package, Resource, all_foreign_keys, read_package
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


RULES = """\
## Rules that hold in every table

- **One sourced fact a row.** An event is one real-world event, however many
  reports there are of it: reports of the same event are merged into one row
  that cites them all (the de-duplication rule). A sanctions package announced
  on one day is one row per measure, sharing a `package_id`.
- **Sources.** Every row of the four core tables cites at least one row of
  `sources`, each a page that was read, its address copied exactly. Every
  source is cited by some row.
- **Dates at their true precision.** `1855`, `1945-08` and `2022-09-26` are
  written as the sources give them, never padded; the loader adds typed
  `<field>_earliest`, `<field>_latest` and `<field>_precision` columns. Dates
  are local to where the event happened; pre-1918 Russian and pre-1873
  Japanese dates are converted to the Gregorian calendar, with the original in
  `notes`.
- **Neutral words.** Titles, descriptions, summaries and notes are the
  curators' own words; contested claims are attributed to whoever made them.
  Territories have codes that adopt neither side's name. Only
  `statements.quote` carries someone's words, exactly as printed.
- **Instruments are events.** Treaties, declarations, decrees and other
  instruments are rows of `events` (types `treaty_signed`, `treaty_in_force`,
  `joint_declaration`, `agreement_signed`, `legislation`…);
  `territorial_claims.instrument_event_id` points to them where the row exists.
- **Identifiers are never reused.** A withdrawn id is listed in `retired_ids`.
"""


def _vocabulary_md(field: dict[str, Any]) -> list[str]:
    vocab = field["x-vocabulary"]
    mapped = any("plover" in v or "cameo" in v for v in vocab.values())
    head = "| value | meaning | PLOVER | CAMEO |" if mapped else "| value | meaning |"
    lines = ["", f"Values of `{field['name']}`:", "", head, "| --- | --- |" + (" --- | --- |" if mapped else "")]
    for value, entry in vocab.items():
        extra = f" {entry.get('plover', '')} | {entry.get('cameo', '')} |" if mapped else ""
        lines.append(f"| `{value}` | {entry['label']} |{extra}")
    return lines


def _summary_md(package: Package, name: str) -> str:
    from .summary import table_span

    rows, span = table_span(package, name)
    return f"{rows} rows" + (f"; {span}" if span else "")


def render_markdown() -> str:
    """The whole codebook, generated from ``datapackage.json`` and the schemas."""
    package = read_package()
    meta = package.metadata
    out = [
        f"# Codebook: {meta['title']}",
        "",
        "<!-- Generated by `jrr codebook --to docs/codebook.md`; do not edit by hand. -->",
        "",
        f"Version {package.version}. {meta['description']}",
        "",
        RULES,
    ]
    for res in package.resources.values():
        out += [
            f"## `{res.name}`: {res.title}",
            "",
            res.description,
            "",
            f"In this version: {_summary_md(package, res.name)}.",
            "",
        ]
        out += [
            "| field | type | required | description | constraints | references |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        vocabularies = []
        for row in _rows(res):
            cons = row["pattern"] and f"pattern `{row['pattern']}`"
            field = res.field(row["field"])
            if field.get("x-vocabulary"):
                vocabularies.append(field)
                cons = "one of the values below"
            elif row["allowed values"]:
                cons = row["allowed values"]
            if row["unique"]:
                cons = f"unique; {cons}" if cons else "unique"
            cells = [
                f"`{row['field']}`",
                row["type"],
                "yes" if row["required"] else "",
                row["description"],
                cons or "",
                row["references"] and f"`{row['references']}`",
            ]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        for field in vocabularies:
            out += _vocabulary_md(field)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
