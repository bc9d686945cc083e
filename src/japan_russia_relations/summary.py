"""What ``jrr info`` prints: version, tables, rows and the date range of each."""

from __future__ import annotations

from .descriptor import Package, read_package
from .load import load


def table_span(package: Package, name: str) -> tuple[int, str]:
    """Rows of a table and the span of its main date (a required date first)."""
    res = package.resources[name]
    frame = load(name, root=package.root)
    dates = [f.name for f in sorted(res.typed_fields, key=lambda f: not f.required) if f.partial_date]
    if not dates or not len(frame):
        return len(frame), ""
    column = dates[0]
    known = frame[frame[f"{column}_earliest"].notna()]
    if known.empty:
        return len(frame), ""
    first = known.loc[known[f"{column}_earliest"].idxmin(), column]  # as written: 1904 stays 1904
    last = known.loc[known[f"{column}_latest"].idxmax(), column]
    return len(frame), f"{first} … {last} ({column})"


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
