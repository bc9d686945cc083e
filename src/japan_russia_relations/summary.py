"""What ``jrr info`` prints: version, tables, rows and the date range of each."""

from __future__ import annotations

import pandas as pd

from .descriptor import Package, is_partial_date, read_package
from .load import load


def table_span(package: Package, name: str) -> tuple[int, str]:
    """Rows of a table and the span of its main date (a required date first)."""
    res = package.resources[name]
    frame = load(name, root=package.root)
    dates = [f["name"] for f in res.fields if is_partial_date(f)]
    dates.sort(key=lambda name: not res.field(name).get("constraints", {}).get("required", False))
    if not dates or not len(frame):
        return len(frame), ""
    first, last = frame[f"{dates[0]}_earliest"].min(), frame[f"{dates[0]}_latest"].max()
    if pd.isna(first) or pd.isna(last):
        return len(frame), ""
    return len(frame), f"{first:%Y-%m-%d} … {last:%Y-%m-%d} ({dates[0]})"


def summary_lines() -> list[str]:
    """One line per table: rows and the span of its first partial-date field."""
    package = read_package()
    lines = [f"japan-russia-relations {package.version} — {package.metadata['title']}", f"data: {package.root}", ""]
    lines.append(f"{'table':<20}{'rows':>6}  date range")
    for name in package.resources:
        rows, span = table_span(package, name)
        lines.append(f"{name:<20}{rows:>6}  {span}")
    return lines


def counts_markdown() -> str:
    """The README's table of tables: name, rows and what a row is."""
    package = read_package()
    lines = ["| table | rows | one row is |", "| --- | ---: | --- |"]
    for name, res in package.resources.items():
        lines.append(f"| `{name}` | {len(load(name))} | {res.description} |")
    return "\n".join(lines)
