"""How far the events table reaches: events per decade and type, and the years with none.

The inclusion rule lives in the schema beside each event type (``inclusion``
``every`` or ``selection`` in the ``x-vocabulary`` of ``event_type``, with
``from`` and ``scope`` where the claim is narrower); the codebook prints it and
this module reads it from there, so a gap in an ``every`` type can be told
from a type the table only samples.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

FIRST_YEAR = 1855  # the Treaty of Shimoda, where the dataset begins
SEARCHES = Path("docs") / "year_searches.csv"  # the curators' record of years searched one by one
DECADE_MINIMUM = 8  # events per decade the table aims for, or a record of the searches that found fewer


def inclusion(root: Path | str | None = None) -> dict[str, dict[str, Any]]:
    """Each event type's inclusion rule: ``{"inclusion": ..., "from": ..., "scope": ...}``."""
    from .descriptor import read_package

    vocabulary = read_package(root).resources["events"].field("event_type")["x-vocabulary"]
    keys = ("inclusion", "from", "scope")
    return {value: {k: entry[k] for k in keys if k in entry} for value, entry in vocabulary.items()}


@dataclass(frozen=True)
class Coverage:
    """The events, their inclusion rules and the year the data reaches, read once."""

    events: pd.DataFrame
    rules: dict[str, dict[str, Any]]
    until: int

    @classmethod
    def of(cls, root: Path | str | None = None) -> Coverage:
        """Read the package at ``root``. The data reaches the last day a source
        was read (or the newest event, if later): not today, so the same data
        always gives the same report."""
        from .load import load

        events = load("events", root=root)
        dates = (load("sources", root=root)["accessed"].max(), events["date_earliest"].max())
        until = max((d.year for d in dates if pd.notna(d)), default=FIRST_YEAR)
        return cls(events, inclusion(root), until)

    def per_decade(self) -> pd.DataFrame:
        """Events per decade and type, every decade from the 1850s and every
        type listed (zeros included), with each type's inclusion rule."""
        decades = range(_decade(FIRST_YEAR), _decade(self.until) + 10, 10)
        index = pd.MultiIndex.from_product([decades, list(self.rules)], names=["decade", "event_type"])
        decade = _decade(self.events["date_earliest"].dt.year).rename("decade")
        counts = self.events.groupby([decade, self.events["event_type"].astype(str)]).size()
        frame = counts.reindex(index, fill_value=0).rename("events").reset_index()
        frame.insert(2, "inclusion", frame["event_type"].map(lambda t: _rule_text(self.rules[t])))
        return frame

    def thin_decades(self, minimum: int = DECADE_MINIMUM) -> dict[int, int]:
        """The decades from the 1850s with fewer than ``minimum`` events, and their counts."""
        totals = self.per_decade().groupby("decade")["events"].sum()
        return {int(d): int(n) for d, n in totals.items() if n < minimum}

    def empty_years(self) -> list[int]:
        """The years from 1855 to the data's last year in which no event began."""
        seen = set(self.events["date_earliest"].dt.year.dropna().astype(int))
        return [y for y in range(FIRST_YEAR, self.until + 1) if y not in seen]


def per_decade(root: Path | str | None = None) -> pd.DataFrame:
    """:meth:`Coverage.per_decade` of the package at ``root``."""
    return Coverage.of(root).per_decade()


def empty_years(root: Path | str | None = None) -> list[int]:
    """:meth:`Coverage.empty_years` of the package at ``root``."""
    return Coverage.of(root).empty_years()


def year_searches(root: Path | str | None = None) -> dict[int, dict[str, str]]:
    """The years searched one by one, from ``docs/year_searches.csv`` beside the
    package (a checkout; a wheel carries no docs and gets ``{}``): for each year,
    the day it was searched, the queries and what they found. It lets the docs
    tell a year searched and found empty from one nobody has looked at yet."""
    from .paths import package_root

    path = Path(root or package_root()) / SEARCHES
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {int(row["year"]): row for row in csv.DictReader(fh)}


def search_status(year: int, searches: dict[int, dict[str, str]]) -> str:
    """What the docs say about an empty year: searched (when, found nothing) or not yet."""
    row = searches.get(year)
    if row is None:
        return "not yet searched year by year"
    return f"searched {row['searched']}, nothing found ([queries]({SEARCHES.name}))"


def status_spans(years: list[int], searches: dict[int, dict[str, str]]) -> list[tuple[str, str]]:
    """Consecutive years with the same search status joined, as ``(span, status)``."""
    groups: list[tuple[list[int], str]] = []
    for year in years:
        status = search_status(year, searches)
        if groups and groups[-1][1] == status and year == groups[-1][0][-1] + 1:
            groups[-1][0].append(year)
        else:
            groups.append(([year], status))
    return [(spans(g)[0], status) for g, status in groups]


def spans(years: list[int]) -> list[str]:
    """Consecutive years joined: ``[1856, 1857, 1860]`` gives ``["1856–1857", "1860"]``."""
    out: list[list[int]] = []
    for year in years:
        if out and year == out[-1][1] + 1:
            out[-1][1] = year
        else:
            out.append([year, year])
    return [f"{a}" if a == b else f"{a}–{b}" for a, b in out]


def wide(frame: pd.DataFrame) -> pd.DataFrame:
    """The per-decade counts as a type-by-decade matrix with a total, for
    reading: every type the table means to hold in full, and the sampled
    types that have rows."""
    matrix = frame.pivot_table(index=["event_type", "inclusion"], columns="decade", values="events", sort=False)
    matrix.columns = [str(d) for d in matrix.columns]
    matrix.insert(0, "total", matrix.sum(axis=1))
    matrix = matrix.reset_index()
    keep = (matrix["inclusion"] != "selection") | (matrix["total"] > 0)
    total = pd.DataFrame(
        [{"event_type": "all", "inclusion": "", **matrix.drop(columns=["event_type", "inclusion"]).sum()}]
    )
    return pd.concat([matrix[keep], total], ignore_index=True).astype({c: int for c in matrix.columns[2:]})


def _decade(year: Any) -> Any:
    """The decade a year (or a column of years) falls in."""
    return year // 10 * 10


def _rule_text(rule: dict[str, Any]) -> str:
    return f"{rule['inclusion']} from {rule['from']}" if "from" in rule else rule["inclusion"]


def markdown(root: Path | str | None = None) -> str:
    """docs/coverage.md: the rule, the counts per decade and type, and the empty years."""
    cov = Coverage.of(root)
    matrix, empty, searches = wide(cov.per_decade()), cov.empty_years(), year_searches(root)
    lines = [
        "# Coverage of `events`",
        "",
        "Generated by `jrr coverage --format markdown` from the data; do not edit by hand.",
        "",
        "Each event type says whether the table aims to hold every such event (`every`, from a year where",
        "given) or a selection; the rule is in the schema beside the type and in the",
        "[codebook](codebook.md). A zero under an `every` type is a gap to fill, not an absence.",
        "",
        f"## Events per decade and type (decades start in the year shown; data as of {cov.until})",
        "",
        "| " + " | ".join(matrix.columns) + " |",
        "| --- | --- |" + " ---: |" * (len(matrix.columns) - 2),
    ]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in matrix.itertuples(index=False)]
    lines += ["", f"## Decades with fewer than {DECADE_MINIMUM} events", ""]
    lines += ["| decade | events | years searched one by one |", "| --- | ---: | --- |"]
    for decade, count in cov.thin_decades().items():
        searched = [y for y in searches if decade <= y < decade + 10]
        done = ", ".join(spans(searched)) if searched else "none yet"
        lines.append(f"| {decade}s | {count} | {done} |")
    lines += [
        "",
        f"## Years with no event ({len(empty)} of {cov.until - FIRST_YEAR + 1})",
        "",
        "| years | searched |",
        "| --- | --- |",
    ]
    lines += [f"| {span} | {status} |" for span, status in status_spans(empty, searches)]
    lines += [
        "",
        'A year "searched, nothing found" was searched on its own in the stored pages (the queries and',
        f"what they turned up are in [{SEARCHES.name}]({SEARCHES.name})) and gave no event of the relation",
        'that a page supports. A year "not yet searched" is a gap in the research, not evidence that',
        "nothing happened. Record each new year-by-year search there.",
        "",
    ]
    return "\n".join(lines)
