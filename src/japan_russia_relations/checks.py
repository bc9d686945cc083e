"""The checks a Table Schema cannot express, each a small named function.

Every check takes the :class:`Context` (the package and its raw tables) and
returns problems. Element-wise tests run once per distinct value of a column
(:meth:`.RawTable.distinct`) and are mapped back to the rows holding that
value, so a million rows cost little more than their distinct values; values
are reported as written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dates import day_bounds, well_formed
from .descriptor import Package, all_foreign_keys, is_partial_date
from .report import Problem
from .structure import RawTable


@dataclass
class Context:
    """What the checks see: the package, its readable raw tables, today."""

    package: Package
    tables: dict[str, RawTable]
    today: dt.date
    _bounds: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = dataclasses.field(default_factory=dict)

    def bounds(self, table: str, field: str) -> tuple[np.ndarray, np.ndarray]:
        """Earliest and latest day of each distinct value of a partial-date
        column (NaT where it is no real date), in the order of
        :meth:`.RawTable.distinct`; computed once per run."""
        key = (table, field)
        if key not in self._bounds:
            self._bounds[key] = day_bounds(self.tables[table].distinct(field).values)
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


def flag_values(
    ctx: Context,
    table: str,
    column: str,
    test: Callable[[pd.Series], pd.Series | np.ndarray],
    message: str | Callable[[str], str],
    check: str,
) -> list[Problem]:
    """Like :func:`flag`, with ``test`` run once on each distinct value of ``column``."""
    return _Stack.of(ctx, [(table, column)]).flag(ctx, test, message, check)


@dataclass
class _Stack:
    """The distinct values of several columns one after another, so that a
    test runs once for all of them instead of once per column."""

    columns: list[tuple[str, str]]
    values: pd.Series
    ends: np.ndarray

    @classmethod
    def of(cls, ctx: Context, columns: list[tuple[str, str]]) -> _Stack:
        parts = [ctx.tables[table].distinct(name).values for table, name in columns]
        none = pd.Series([], dtype="str")  # so that no columns at all still concatenate
        values = parts[0] if len(parts) == 1 else pd.concat([none, *parts], ignore_index=True)
        return cls(columns, values, np.cumsum([len(p) for p in parts], dtype="int64"))

    def flag(
        self,
        ctx: Context,
        test: Callable[[pd.Series], pd.Series | np.ndarray],
        message: str | Callable[[str], str],
        check: str,
    ) -> list[Problem]:
        """Problems at every row whose value fails ``test``, column by column."""
        hit = np.asarray(test(self.values), dtype=bool)
        out: list[Problem] = []
        for (table, name), start, end in zip(self.columns, [0, *self.ends[:-1]], self.ends, strict=True):
            part = hit[start:end]
            if part.any():
                raw = ctx.tables[table]
                rows = pd.Series(part[raw.distinct(name).codes], index=raw.frame.index)
                out += flag(ctx, table, name, rows, message, check)
        return out


def _parsed(values: pd.Series) -> pd.Series:
    """Full ``YYYY-MM-DD`` dates parsed (NaT when empty or malformed)."""
    return pd.to_datetime(values.where(values != ""), format="%Y-%m-%d", errors="coerce")


def check_dates(ctx: Context) -> list[Problem]:
    """Partial dates are real days at their precision and none is after today."""
    out: list[Problem] = []
    today = pd.Timestamp(ctx.today)
    future = f"is after today ({ctx.today.isoformat()})"
    for table, _, fld in ctx.columns("string"):
        if is_partial_date(fld):
            name = fld["name"]
            earliest, _ = ctx.bounds(table, name)
            unreal = "is not a real date"
            out += flag_values(
                ctx, table, name, lambda v, e=earliest: well_formed(v) & np.isnat(e), unreal, "date-real"
            )
            out += flag_values(ctx, table, name, lambda _, e=earliest: e > today, future, "date-future")
    for table, raw, fld in ctx.columns("date"):
        name = fld["name"]
        parsed = _parsed(raw.distinct(name).values)
        wrong = "is not a date written YYYY-MM-DD"
        out += flag_values(ctx, table, name, lambda v, p=parsed: (v != "") & p.isna(), wrong, "date-real")
        out += flag_values(ctx, table, name, lambda _, p=parsed: p > today, future, "date-future")
    return out


def check_date_order(ctx: Context) -> list[Problem]:
    """Each ``x-dateOrder`` pair: the later date may not end before the earlier begins."""
    out: list[Problem] = []
    for table, raw in ctx.tables.items():
        for first, second in ctx.package.resources[table].schema.get("x-dateOrder", []):
            start = ctx.bounds(table, first)[0][raw.distinct(first).codes]
            end = ctx.bounds(table, second)[1][raw.distinct(second).codes]
            before = pd.Series(end < start, index=raw.frame.index)  # NaT compares false: no order to check
            out += flag(ctx, table, second, before, lambda v, f=first: f"is before {f} of the same row", "date-order")
    return out


def present(col: pd.Series, wanted: set[str]) -> set[str]:
    """The members of ``wanted`` that occur in ``col``.

    A small column (a lookup table) is simply made a set. A large one is
    asked about the (usually few) ids wanted, which avoids turning a million
    Arrow strings into Python objects.
    """
    if not wanted:
        return set()
    if len(col) <= _SMALL or len(wanted) > _SMALL:
        return wanted & set(col.tolist())
    return set(col[col.isin(list(wanted))].unique().tolist())


_SMALL = 50_000


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


def check_sources_cited(ctx: Context) -> list[Problem]:
    """Every source is cited by at least one row of some table."""
    if "sources" not in ctx.tables:
        return []
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
    free = [(table, fld["name"]) for table, _, fld in ctx.columns("string") if _free_text(fld)]
    stack = _Stack.of(ctx, free)
    out = stack.flag(ctx, lambda v: v != v.str.strip(), "has leading or trailing spaces", "text-space")
    out += stack.flag(ctx, lambda v: v.str.startswith(("=", "+", "-", "@")), _FORMULA, "text-formula")
    out += stack.flag(ctx, lambda v: v.str.contains(_CONTROL, regex=True), _CONTROL_MESSAGE, "text-control")
    out += stack.flag(ctx, _not_nfc, _NFC, "text-nfc")
    for table, _, fld in ctx.columns("string"):
        if _free_text(fld) and "x-maxWords" in fld:
            most = fld["x-maxWords"]
            out += flag_values(
                ctx,
                table,
                fld["name"],
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


def _coding_checks() -> list[Callable[[Context], list[Problem]]]:
    """The research-grade coding checks, which live in modules of their own."""
    from .claim_checks import check_claim_intervals
    from .conditions import check_actor_periods, check_conditions

    return [check_conditions, check_actor_periods, check_claim_intervals]


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

CHECKS += _coding_checks()
