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
    """A vocabulary as a table, with the extra columns its entries carry
    (PLOVER and CAMEO mappings, the dimension of a position)."""
    vocab = field["x-vocabulary"]
    extras = [key for key in ("plover", "cameo", "dimension", "inclusion") if any(key in v for v in vocab.values())]
    head = "| value | meaning |" + "".join(f" {_EXTRA[k]} |" for k in extras)
    lines = ["", f"Values of `{field['name']}`:", "", head, "| --- | --- |" + " --- |" * len(extras)]
    for value, entry in vocab.items():
        cells = "".join(f" {_extra_cell(entry, k)} |" for k in extras)
        lines.append(f"| `{value}` | {entry['label']} |{cells}")
    unmapped = [(value, entry["plover_none"]) for value, entry in vocab.items() if "plover_none" in entry]
    if unmapped:
        lines += ["", f"Values without a PLOVER category ({_NONE_MARK} above), and why:", ""]
        lines += [f"- `{value}`: {why}" for value, why in unmapped]
    if "plover" in extras:
        lines += ["", _PLOVER_SOURCE]
    if "inclusion" in extras:
        lines += ["", _INCLUSION, ""]
        lines += [f"- `{value}`: {entry['scope']}" for value, entry in vocab.items() if "scope" in entry]
    return lines


def _extra_cell(entry: dict[str, Any], key: str) -> str:
    """One extra cell of a vocabulary row: a mapping, or the inclusion rule."""
    if key == "plover" and "plover_none" in entry:
        return entry.get(key, _NONE_MARK)
    if key == "inclusion" and "from" in entry:
        return f"{entry['inclusion']} from {entry['from']}"
    return str(entry.get(key, ""))


_EXTRA = {"plover": "PLOVER", "cameo": "CAMEO", "dimension": "dimension", "inclusion": "inclusion"}
_INCLUSION = (
    "The inclusion rule: `every` means the table aims to hold every such event between Japan and Russia (from "
    "the year given, if any), so a missing one is a gap to report; `selection` means rows enter where pages "
    "report them, so absence says nothing. `jrr coverage` prints the events per decade and type and the years "
    "with none ([docs/coverage.md](coverage.md)). Where the rule covers only part of a type:"
)
_NONE_MARK = "none"
_PLOVER_SOURCE = (
    "CAMEO codes map to PLOVER categories as in the PLOVER project's conversion table, CAMEO2PLOVER-2021 "
    "(https://github.com/openeventdata/PLOVER/blob/master/CAMEO2PLOVER-2021.txt). `jrr panel events` counts "
    "events by these categories; values without one are counted as `none`."
)


def _rules_md(res: Resource) -> list[str]:
    """The coding rules a table's schema declares beyond the Table Schema."""
    schema = res.schema
    lines = []
    for first, second in schema.get("x-dateOrder", []):
        lines.append(f"- `{second}` may not be before `{first}`.")
    for first, second in schema.get("x-numberOrder", []):
        lines.append(f"- `{second}` may not be less than `{first}`.")
    for group in schema.get("x-requireOneOf", []):
        lines.append(f"- At least one of {', '.join(f'`{g}`' for g in group)} is given.")
    for rule in schema.get("x-conditions", []):
        when = " and ".join(
            [f"`{f}` is {', '.join(f'`{v}`' for v in vals)}" for f, vals in rule.get("if", {}).items()]
            + [f"`{f}` is given" for f in rule.get("ifFilled", [])]
        )
        then = rule["then"]
        parts = [f"{', '.join(f'`{n}`' for n in then[k])} {word}" for k, word in _THEN.items() if then.get(k)]
        parts += [f"`{n}` is one of {', '.join(f'`{v}`' for v in vals)}" for n, vals in then.get("allowed", {}).items()]
        lines.append(f"- When {when}: {'; '.join(parts)} ({rule['why']}).")
    period = schema.get("x-actorPeriod")
    if period:
        names = ", ".join(f"`{f}`" for f in period["fields"])
        dates = " or ".join(f"`{f}`" for f in period["start"]) + (f" to `{period['end']}`" if period.get("end") else "")
        lines.append(
            f"- The row ({dates}) falls within the lifespan (`actors.start` to `actors.end`) of every actor in "
            f"{names}; a body shares its state's lifespan."
            + (f" A row of an actor that ceased to exist gives `{period['end']}`." if period.get("endRequired") else "")
        )
    return ["Rules the validator checks beyond each field's own constraints:", "", *lines, ""] if lines else []


_THEN = {"required": "must be given", "empty": "must be empty"}


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
        out += _rules_md(res)
        out += _extra_md(res.name)
    out += _panels_md()
    return "\n".join(out).rstrip() + "\n"


def _extra_md(table: str) -> list[str]:
    """Prose a table needs beyond its fields: how its rows make a panel."""
    if table != "territorial_claims":
        return []
    from .intervals import __doc__ as rules

    return ["How positions fit together:", "", " ".join((rules or "").split()), ""]


def _panels_md() -> list[str]:
    """How `jrr panel` turns the core tables into panels, and its year rules."""
    from .panels import RULES

    lines = [
        "## Panels",
        "",
        "`jrr panel TABLE --freq year` (or `jrr.panel(TABLE)`) turns a core table into a panel. "
        "How a year gets its value:",
        "",
    ]
    lines += [f"- `{table}`: {rule}" for table, rule in RULES.items()]
    return [*lines, ""]
