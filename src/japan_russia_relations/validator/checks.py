"""The checks a Table Schema cannot express, each a small named function.

Every check takes the :class:`.table.Context` (the package and its raw
tables) and returns problems. Element-wise tests run once per distinct value
of a column and are mapped back to the rows holding that value, so a million
rows cost little more than their distinct values; values are reported as
written. Whether a cell parses as its type is not checked here but where it
is parsed (:mod:`.pandera_bridge`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..descriptor import all_foreign_keys
from .claims import check_claim_intervals
from .conditions import check_actor_periods, check_conditions, check_number_order
from .ids import check_released_ids, check_repeated_rows
from .report import Problem
from .table import Context, RawTable, Stack, flag, flag_values, present


def check_dates(ctx: Context) -> list[Problem]:
    """No date is after today (whether a date is real is the parser's job)."""
    out: list[Problem] = []
    today = np.datetime64(ctx.today, "D")
    future = f"is after today ({ctx.today.isoformat()})"
    for table, _, fld in ctx.fields():
        if fld.partial_date:
            earliest, _ = ctx.bounds(table, fld.name)
            out += flag_values(ctx, table, fld.name, lambda _, e=earliest: e > today, future, "date-future")
        elif fld.type == "date":
            earliest, _ = ctx.bounds(table, fld.name)  # a full date is its own bounds
            out += flag_values(ctx, table, fld.name, lambda _, e=earliest: e > today, future, "date-future")
    return out


def check_date_order(ctx: Context) -> list[Problem]:
    """Each ``x-dateOrder`` pair: the later date may not end before the earlier begins."""
    out: list[Problem] = []
    for table in ctx.tables:
        for first, second in ctx.package.resources[table].schema.get("x-dateOrder", []):
            start = ctx.row_bounds(table, first)[0]
            end = ctx.row_bounds(table, second)[1]
            before = end < start  # NaT compares false: no order to check
            out += flag(ctx, table, second, before, lambda v, f=first: f"is before {f} of the same row", "date-order")
    return out


def _items(raw: RawTable, field: str, delim: str | None) -> dict[str, list[str]]:
    """Each distinct cell of a reference column and the ids it holds.

    Working on distinct values keeps a million rows that cite the same few
    sources cheap; splitting is done in plain Python on those values only.
    """
    return {v: [i for i in (v.split(delim) if delim else [v]) if i] for v in raw.distinct(field).values.tolist()}


def check_references(ctx: Context) -> list[Problem]:
    """Every reference resolves, multi-valued ones (``SRC-0001;SRC-0002``) included.

    The ids wanted from one target column by every reference to it are
    looked up together, so a large target (events) is searched once.
    """
    refs = [
        (table, field, target, tfield, _items(raw, field, delim))
        for table, raw in ctx.tables.items()
        for field, target, tfield, delim in all_foreign_keys(ctx.package.resources[table])
        if target in ctx.tables
    ]
    wanted: dict[tuple[str, str], set[str]] = {}
    for _, _, target, tfield, cells in refs:
        wanted.setdefault((target, tfield), set()).update(i for ids in cells.values() for i in ids)
    known = {key: present(ctx.tables[key[0]].frame[key[1]], ids) for key, ids in wanted.items()}
    out: list[Problem] = []
    for table, field, target, tfield, cells in refs:
        found = known[(target, tfield)]
        missing = {v: [i for i in ids if i not in found] for v, ids in cells.items()}
        missing = {v: ids for v, ids in missing.items() if ids}
        if missing:
            out += flag_values(
                ctx,
                table,
                field,
                lambda v, m=missing: [x in m for x in v.tolist()],
                lambda v, m=missing, t=f"{target}.{tfield}": f"refers to {', '.join(m[v])}, which is not in {t}",
                "reference",
            )
    return out


def skipped(ctx: Context, table: str, column: str, what: str, needs: set[str]) -> list[Problem]:
    """One line saying a check was skipped because tables it needs could not be read."""
    missing = sorted(needs & ctx.unreadable)
    file = ctx.package.resources[table].relpath
    names = ", ".join(ctx.package.resources[m].relpath for m in missing)
    return [Problem(file, None, column, f"{what} not checked: {names} could not be read", check="skipped")]


def check_sources_cited(ctx: Context) -> list[Problem]:
    """Every source is cited by at least one row of some table."""
    if "sources" not in ctx.tables:
        return []
    citing = {
        t for t, r in ctx.package.resources.items() for _, target, _, _ in all_foreign_keys(r) if target == "sources"
    }
    if citing & ctx.unreadable:
        return skipped(ctx, "sources", "source_id", "Uncited sources", citing)
    cited: set[str] = set()
    for table, raw in ctx.tables.items():
        for field, target, _, delim in all_foreign_keys(ctx.package.resources[table]):
            if target == "sources":
                for ids in _items(raw, field, delim).values():
                    cited.update(ids)
    return flag_values(
        ctx,
        "sources",
        "source_id",
        lambda ids: [i != "" and i not in cited for i in ids.tolist()],
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
        if table in ("retired_ids", "released_ids"):  # these list ids, they do not use them
            continue
        key = raw.frame[ctx.package.resources[table].primary_key]
        found |= present(key, replacements)
        out += flag(ctx, table, key.name, key.isin(gone), "is a retired id and may not be used again", "id-retired")
    if ctx.unreadable - {"retired_ids"}:
        return out + skipped(ctx, "retired_ids", "replaced_by", "Replacements", set(ctx.package.resources))
    unknown = (retired["replaced_by"] != "") & ~retired["replaced_by"].isin(list(found))
    out += flag(ctx, "retired_ids", "replaced_by", unknown, "names no row of any table", "reference")
    return out


_CONTROL = r"[\x00-\x1f\x7f]"


def check_text(ctx: Context) -> list[Problem]:
    """Free text: NFC, no control characters, no outer spaces, no formulas, not too long."""
    free = [(table, fld.name) for table, _, fld in ctx.fields("string") if fld.free_text]
    stack = Stack.of(ctx, free)
    out = stack.flag(ctx, lambda v: v != v.str.strip(), "has leading or trailing spaces", "text-space")
    out += stack.flag(ctx, lambda v: v.str.startswith(("=", "+", "-", "@")), _FORMULA, "text-formula")
    out += stack.flag(ctx, lambda v: v.str.contains(_CONTROL, regex=True), _CONTROL_MESSAGE, "text-control")
    out += stack.flag(ctx, _not_nfc, _NFC, "text-nfc")
    for table, _, fld in ctx.fields("string"):
        if fld.free_text and fld.max_words:
            most = fld.max_words
            out += flag_values(
                ctx,
                table,
                fld.name,
                lambda v, m=most: _too_many_words(v, m),
                f"has more than {most} words",
                "text-length",
            )
    return out


_FORMULA = "starts with =, +, - or @, which spreadsheets run as a formula"
_CONTROL_MESSAGE = "holds a control character (line break, tab…); write it on one line"
_NFC = "is not in Unicode NFC form"


def _not_nfc(values: pd.Series) -> np.ndarray:
    """Values not in NFC; only non-ASCII text can be, so only that is normalised."""
    wide = values[~values.str.isascii()]
    bad = [i for i, v in wide.items() if not unicodedata.is_normalized("NFC", v)]
    return values.index.isin(bad)


def _too_many_words(values: pd.Series, most: int) -> np.ndarray:
    """Word counts only where the spaces allow more than ``most`` words."""
    maybe = values[values.str.count(" ") >= most]
    over = [i for i, v in maybe.items() if len(v.split()) > most]
    return values.index.isin(over)


def check_vocabulary_labels(ctx: Context) -> list[Problem]:
    """Schema sanity: each enum value has its codebook label and no more."""
    out: list[Problem] = []
    for name, res in ctx.package.resources.items():
        for fld in res.typed_fields:
            if fld.vocabulary is not None and list(fld.vocabulary) != fld.enum:
                out.append(
                    Problem(
                        "datapackage.json",
                        None,
                        fld.name,
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


CHECKS: list[Callable[[Context], list[Problem]]] = [
    check_dates,
    check_date_order,
    check_references,
    check_sources_cited,
    check_retired_ids,
    check_text,
    check_vocabulary_labels,
    check_offline_sources,
    check_one_of,
    check_conditions,
    check_number_order,
    check_actor_periods,
    check_claim_intervals,
    check_released_ids,
    check_repeated_rows,
]
