"""The checks a Table Schema cannot express, each a small named function.

Every check takes the :class:`Context` (the package and its raw tables) and
returns problems. All work column-wise on whole tables so that a million
rows stay cheap; values are reported as written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dates import date_bounds
from .descriptor import Package, all_foreign_keys, is_partial_date
from .report import Problem
from .structure import RawTable


@dataclass
class Context:
    """What the checks see: the package, its readable raw tables, today."""

    package: Package
    tables: dict[str, RawTable]
    today: dt.date
    _bounds: dict[tuple[str, str], tuple[pd.Series, pd.Series, pd.Series]] = dataclasses.field(default_factory=dict)

    def bounds(self, table: str, field: str) -> tuple[pd.Series, pd.Series, pd.Series]:
        """The typed bounds of a partial-date column, computed once per run."""
        key = (table, field)
        if key not in self._bounds:
            col = self.tables[table].frame[field]
            self._bounds[key] = date_bounds(col.where(col != ""))
        return self._bounds[key]

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
        earliest, _, _ = ctx.bounds(table, fld["name"])
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
    for table in ctx.tables:
        for first, second in ctx.package.resources[table].schema.get("x-dateOrder", []):
            start, _, _ = ctx.bounds(table, first)
            _, end, _ = ctx.bounds(table, second)
            out += flag(
                ctx, table, second, end < start, lambda v, f=first: f"is before {f} of the same row", "date-order"
            )
    return out


def member(col: pd.Series, values: set[str]) -> pd.Series:
    """``col.isin(values)`` for large ``values``.

    pandas' ``isin`` on Arrow strings walks a large value list in Python (two
    seconds for 400k ids); factorising the column and testing its distinct
    values against a set costs a few milliseconds.
    """
    codes, uniques = pd.factorize(col)
    hit = np.array([u in values for u in uniques] + [False], dtype=bool)
    return pd.Series(hit[codes], index=col.index)


def present(col: pd.Series, wanted: set[str]) -> set[str]:
    """The members of ``wanted`` that occur in ``col``.

    Asking the (usually large) column about the (usually few) ids wanted
    avoids turning a million Arrow strings into Python objects.
    """
    if not wanted:
        return set()
    if len(wanted) > 50_000:
        return wanted & set(col.tolist())
    return set(col[col.isin(list(wanted))].unique().tolist())


def _items(col: pd.Series, delim: str | None) -> dict[str, list[str]]:
    """Each distinct cell of a reference column and the ids it holds.

    Working on distinct values keeps a million rows that cite the same few
    sources cheap; splitting is done in plain Python on those values only.
    """
    return {v: [i for i in (v.split(delim) if delim else [v]) if i] for v in col.unique()}


def check_references(ctx: Context) -> list[Problem]:
    """Every reference resolves, multi-valued ones (``SRC-0001;SRC-0002``) included."""
    out: list[Problem] = []
    for table, raw in ctx.tables.items():
        res = ctx.package.resources[table]
        for field, target, tfield, delim in all_foreign_keys(res):
            if target not in ctx.tables:
                continue
            cells = _items(raw.frame[field], delim)
            known = present(ctx.tables[target].frame[tfield], {i for ids in cells.values() for i in ids})
            missing = {v: [i for i in ids if i not in known] for v, ids in cells.items()}
            missing = {v: ids for v, ids in missing.items() if ids}
            if not missing:
                continue
            out += flag(
                ctx,
                table,
                field,
                member(raw.frame[field], set(missing)),
                lambda v, m=missing, t=f"{target}.{tfield}": f"refers to {', '.join(m[v])}, which is not in {t}",
                "reference",
            )
    return out


def check_sources_cited(ctx: Context) -> list[Problem]:
    """Every source is cited by at least one row of some table."""
    if "sources" not in ctx.tables:
        return []
    cited: set[str] = set()
    for table, raw in ctx.tables.items():
        for field, target, _, delim in all_foreign_keys(ctx.package.resources[table]):
            if target == "sources":
                for ids in _items(raw.frame[field], delim).values():
                    cited.update(ids)
    ids = ctx.tables["sources"].frame["source_id"]
    return flag(
        ctx,
        "sources",
        "source_id",
        (ids != "") & ~ids.isin(list(cited)),
        "is cited by no row; remove it or cite it",
        "source-uncited",
    )


def check_retired_ids(ctx: Context) -> list[Problem]:
    """A retired id never comes back, and its replacement exists."""
    if "retired_ids" not in ctx.tables:
        return []
    retired = ctx.tables["retired_ids"].frame
    gone = list(retired["retired_id"].unique())
    replacements = set(retired["replaced_by"].unique().tolist()) - {""}
    found: set[str] = set()
    out: list[Problem] = []
    for table, raw in ctx.tables.items():
        if table == "retired_ids":
            continue
        key = raw.frame[ctx.package.resources[table].primary_key]
        found |= present(key, replacements)
        out += flag(ctx, table, key.name, key.isin(gone), "is a retired id and may not be used again", "id-retired")
    unknown = (retired["replaced_by"] != "") & ~retired["replaced_by"].isin(list(found))
    out += flag(ctx, "retired_ids", "replaced_by", unknown, "names no row of any table", "reference")
    return out


_CONTROL = r"[\x00-\x1f\x7f]"


def _free_text(fld: dict) -> bool:
    """Fields without a pattern or vocabulary: those already rule out what
    the text checks look for, since every pattern is anchored."""
    cons = fld.get("constraints", {})
    return fld["type"] == "string" and "pattern" not in cons and "enum" not in cons


def check_text(ctx: Context) -> list[Problem]:
    """Free text: NFC, no control characters, no outer spaces, no formulas, not too long."""
    out: list[Problem] = []
    for table, raw, fld in ctx.columns("string"):
        if not _free_text(fld):
            continue
        name = fld["name"]
        col = raw.frame[name]
        out += flag(ctx, table, name, col != col.str.strip(), "has leading or trailing spaces", "text-space")
        out += flag(ctx, table, name, col.str.startswith(("=", "+", "-", "@")), _FORMULA, "text-formula")
        if raw.has_control_chars:
            out += flag(ctx, table, name, col.str.contains(_CONTROL, regex=True), _CONTROL_MESSAGE, "text-control")
        wide = col[~col.str.isascii()]  # only non-ASCII text can be other than NFC
        not_nfc = [i for i, v in wide.items() if not unicodedata.is_normalized("NFC", v)]
        out += flag(ctx, table, name, pd.Series(col.index.isin(not_nfc), index=col.index), _NFC, "text-nfc")
        if "x-maxWords" in fld:
            out += flag(
                ctx,
                table,
                name,
                _too_many_words(col, fld["x-maxWords"]),
                f"has more than {fld['x-maxWords']} words",
                "text-length",
            )
    return out


_FORMULA = "starts with =, +, - or @, which spreadsheets run as a formula"
_CONTROL_MESSAGE = "holds a control character (line break, tab…); write it on one line"
_NFC = "is not in Unicode NFC form"


def _too_many_words(col: pd.Series, most: int) -> pd.Series:
    """Word counts only where the spaces allow more than ``most`` words."""
    maybe = col[col.str.count(" ") >= most]
    over = [i for i, v in maybe.items() if len(v.split()) > most]
    return pd.Series(col.index.isin(over), index=col.index)


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
                        "datapackage.json",
                        None,
                        fld["name"],
                        f"{name}: x-vocabulary keys differ from constraints.enum",
                        check="schema",
                    )
                )
    return out


def check_one_of(ctx: Context) -> list[Problem]:
    """Each ``x-requireOneOf`` group: at least one of its fields is filled."""
    out: list[Problem] = []
    for table, raw in ctx.tables.items():
        for group in ctx.package.resources[table].schema.get("x-requireOneOf", []):
            empty = pd.concat([raw.frame[name] == "" for name in group], axis=1).all(axis=1)
            out += flag(ctx, table, group[0], empty, f"is empty, and so is {', '.join(group[1:])}: give one", "one-of")
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
    check_offline_sources,
    check_one_of,
]
