"""The checks a Table Schema cannot express, each a small named function.

Every check takes the :class:`Context` (the package and its raw tables) and
returns problems. All work column-wise on whole tables so that a million
rows stay cheap; values are reported as written.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd

from .dates import date_bounds
from .descriptor import Package, all_foreign_keys, is_partial_date
from .report import Problem
from .structure import RawTable

CORE_TABLES = ("events", "statements", "sanctions", "territorial_claims")


@dataclass
class Context:
    """What the checks see: the package, its readable raw tables, today."""

    package: Package
    tables: dict[str, RawTable]
    today: dt.date

    def columns(self, kind: str | None = None) -> Iterator[tuple[str, RawTable, dict]]:
        """(table, raw, field) for each field, optionally of one type only."""
        for name, raw in self.tables.items():
            for fld in self.package.resources[name].fields:
                if kind is None or fld["type"] == kind:
                    yield name, raw, fld


def flag(
    ctx: Context, table: str, column: str | None, mask: pd.Series, message: str | Callable[[str], str], check: str
) -> list[Problem]:
    """One problem per row where ``mask`` holds, at that row's editor line."""
    raw = ctx.tables[table]
    hits = mask[mask].index
    if len(hits) == 0:
        return []
    file = ctx.package.resources[table].relpath
    values = raw.frame.loc[hits, column] if column else pd.Series("", index=hits)
    lines = raw.lines.loc[hits]
    out = []
    for i in hits:
        value = values[i]
        text = message(value) if callable(message) else message
        out.append(Problem(file, int(lines[i]), column, text, value, check))
    return out


def check_dates(ctx: Context) -> list[Problem]:
    """Partial dates are real days at their precision and none is after today."""
    out: list[Problem] = []
    today = pd.Timestamp(ctx.today)
    for table, raw, fld in ctx.columns("string"):
        if not is_partial_date(fld):
            continue
        col = raw.frame[fld["name"]]
        earliest, _, _ = date_bounds(col.where(col != ""))
        shaped = col.str.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
        out += flag(ctx, table, fld["name"], shaped & earliest.isna(), "is not a real date", "date-real")
        out += flag(
            ctx, table, fld["name"], earliest > today, f"is after today ({ctx.today.isoformat()})", "date-future"
        )
    for table, raw, fld in ctx.columns("date"):
        col = raw.frame[fld["name"]]
        parsed = pd.to_datetime(col.where(col != ""), format="%Y-%m-%d", errors="coerce")
        out += flag(
            ctx, table, fld["name"], (col != "") & parsed.isna(), "is not a date written YYYY-MM-DD", "date-real"
        )
        out += flag(ctx, table, fld["name"], parsed > today, f"is after today ({ctx.today.isoformat()})", "date-future")
    return out


def check_date_order(ctx: Context) -> list[Problem]:
    """Each ``x-dateOrder`` pair: the later date may not end before the earlier begins."""
    out: list[Problem] = []
    for table, raw in ctx.tables.items():
        for first, second in ctx.package.resources[table].schema.get("x-dateOrder", []):
            start, _, _ = date_bounds(raw.frame[first].where(raw.frame[first] != ""))
            _, end, _ = date_bounds(raw.frame[second].where(raw.frame[second] != ""))
            out += flag(
                ctx, table, second, end < start, lambda v, f=first: f"is before {f} of the same row", "date-order"
            )
    return out


def check_references(ctx: Context) -> list[Problem]:
    """Every reference resolves, multi-valued ones (``SRC-0001;SRC-0002``) included."""
    out: list[Problem] = []
    for table in ctx.tables:
        res = ctx.package.resources[table]
        for field, target, tfield, delim in all_foreign_keys(res):
            if target not in ctx.tables:
                continue
            known = set(ctx.tables[target].frame[tfield])
            col = ctx.tables[table].frame[field]
            items = col.str.split(delim) if delim else col.to_frame()[field].map(lambda v: [v])
            exploded = items.explode()
            missing = exploded[(exploded != "") & ~exploded.isin(known)]
            if missing.empty:
                continue
            by_row = missing.groupby(level=0).agg(", ".join)
            out += [
                Problem(
                    res.relpath,
                    int(ctx.tables[table].lines[i]),
                    field,
                    f"refers to {by_row[i]}, which is not in {target}.{tfield}",
                    col[i],
                    "reference",
                )
                for i in by_row.index
            ]
    return out


def check_sources_cited(ctx: Context) -> list[Problem]:
    """Every source is cited by at least one row of some table."""
    if "sources" not in ctx.tables:
        return []
    cited: set[str] = set()
    for table in ctx.tables:
        for field, target, _, delim in all_foreign_keys(ctx.package.resources[table]):
            if target == "sources":
                col = ctx.tables[table].frame[field]
                cited.update(col.str.split(delim).explode() if delim else col)
    ids = ctx.tables["sources"].frame["source_id"]
    return flag(
        ctx,
        "sources",
        "source_id",
        (ids != "") & ~ids.isin(cited),
        "is cited by no row; remove it or cite it",
        "source-uncited",
    )


def check_retired_ids(ctx: Context) -> list[Problem]:
    """A retired id never comes back, and its replacement exists."""
    if "retired_ids" not in ctx.tables:
        return []
    retired = ctx.tables["retired_ids"].frame
    live: dict[str, set[str]] = {}
    out: list[Problem] = []
    for table, raw in ctx.tables.items():
        if table == "retired_ids":
            continue
        key = ctx.package.resources[table].primary_key
        live[table] = set(raw.frame[key])
        out += flag(
            ctx,
            table,
            key,
            raw.frame[key].isin(set(retired["retired_id"])),
            "is a retired id and may not be used again",
            "id-retired",
        )
    every = set().union(*live.values()) if live else set()
    gone = (retired["replaced_by"] != "") & ~retired["replaced_by"].isin(every)
    out += flag(ctx, "retired_ids", "replaced_by", gone, "names no row of any table", "reference")
    return out


_CONTROL = r"[\x00-\x1f\x7f]"


def check_text(ctx: Context) -> list[Problem]:
    """Text cells: NFC, no control characters, no outer spaces, no formulas."""
    out: list[Problem] = []
    for table, raw, fld in ctx.columns("string"):
        name = fld["name"]
        col = raw.frame[name]
        out += flag(
            ctx,
            table,
            name,
            col.str.contains(_CONTROL, regex=True),
            "holds a control character (line break, tab…); write it on one line",
            "text-control",
        )
        out += flag(ctx, table, name, col != col.str.strip(), "has leading or trailing spaces", "text-space")
        out += flag(
            ctx,
            table,
            name,
            col.str.match(r"[=+\-@]"),
            "starts with =, +, - or @, which spreadsheets run as a formula",
            "text-formula",
        )
        wide = col[col.str.contains(r"[^\x00-\x7f]", regex=True)]
        not_nfc = col.index.isin([i for i, v in wide.items() if not unicodedata.is_normalized("NFC", v)])
        out += flag(ctx, table, name, pd.Series(not_nfc, index=col.index), "is not in Unicode NFC form", "text-nfc")
        if "x-maxWords" in fld:
            words = col.str.split().str.len()
            out += flag(
                ctx, table, name, words > fld["x-maxWords"], f"has more than {fld['x-maxWords']} words", "text-length"
            )
    return out


def check_vocabulary_labels(ctx: Context) -> list[Problem]:
    """Schema sanity: each enum value has its codebook label and no more."""
    out: list[Problem] = []
    for name, res in ctx.package.resources.items():
        for fld in res.fields:
            vocab = fld.get("x-vocabulary")
            enum = fld.get("constraints", {}).get("enum")
            if vocab is not None and list(vocab) != enum:
                out.append(
                    Problem(
                        str(res.schema.get("_path", f"schemas/{name}.json")),
                        None,
                        fld["name"],
                        "x-vocabulary keys differ from constraints.enum",
                        check="schema",
                    )
                )
    return out


def check_offline_sources(ctx: Context) -> list[Problem]:
    """A source without a URL must say in its notes where a copy is kept."""
    if "sources" not in ctx.tables:
        return []
    frame = ctx.tables["sources"].frame
    offline = (frame["url"] == "") & (frame["notes"] == "")
    return flag(
        ctx, "sources", "url", offline, "is empty and notes do not say where the source can be read", "source-offline"
    )


CHECKS = [
    check_dates,
    check_date_order,
    check_references,
    check_sources_cited,
    check_retired_ids,
    check_text,
    check_vocabulary_labels,
]
