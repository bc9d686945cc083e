"""Checks of the coding rules a schema declares beyond Table Schema.

Three schema properties are read here, so that each rule is written once, in
the schema, and the codebook can print it:

- ``x-conditions``: rules between the fields of one row, each
  ``{"if": {field: [values]}`` (or ``"ifFilled": [fields]``) ``, "then":
  {"required": [...], "empty": [...], "allowed": {field: [values]}}, "why":
  "..."}``;
- ``x-numberOrder``: pairs of number fields where the second may not be
  less than the first;
- ``x-actorPeriod``: which actor columns a row names and which of its dates
  must fall within those actors' lifespans (``actors.start``/``actors.end``);
  with ``endRequired`` a row of an actor that ceased to exist must end.

Dates are compared leniently: a row is flagged only when it is outside the
lifespan whatever day its partial dates mean.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .report import Problem
from .table import Context, flag


def check_conditions(ctx: Context) -> list[Problem]:
    """Each ``x-conditions`` rule of each table, at the rows it applies to."""
    out: list[Problem] = []
    for table, raw in ctx.tables.items():
        frame = raw.frame
        for rule in ctx.package.resources[table].schema.get("x-conditions", []):
            applies = _matches(frame, rule)
            if not applies.any():
                continue
            when = _when(rule)
            then = rule["then"]
            for name in then.get("required", []):
                out += flag(ctx, table, name, applies & (frame[name] == ""), f"is required when {when}", "condition")
            for name in then.get("empty", []):
                out += flag(ctx, table, name, applies & (frame[name] != ""), f"must be empty when {when}", "condition")
            for name, allowed in then.get("allowed", {}).items():
                bad = applies & ~frame[name].isin(allowed)
                out += flag(
                    ctx, table, name, bad, f"is not allowed when {when}; use one of {', '.join(allowed)}", "condition"
                )
    return out


def check_number_order(ctx: Context) -> list[Problem]:
    """Each ``x-numberOrder`` pair: the second number may not be below the
    first (a low, best and high estimate in that order)."""
    out: list[Problem] = []
    for table, raw in ctx.tables.items():
        for first, second in ctx.package.resources[table].schema.get("x-numberOrder", []):
            low, high = (pd.to_numeric(raw.frame[n].astype(str), errors="coerce") for n in (first, second))
            below = (high < low).to_numpy()  # an empty or malformed cell is NaN: nothing to compare
            out += flag(ctx, table, second, below, f"is less than {first} of the same row", "number-order")
    return out


def _matches(frame: pd.DataFrame, rule: dict) -> pd.Series:
    """Rows a rule applies to: fields holding one of the given values
    (``if``), or simply filled (``ifFilled``)."""
    mask = pd.Series(True, index=frame.index)
    for name, values in rule.get("if", {}).items():
        mask &= frame[name].isin(values)
    for name in rule.get("ifFilled", []):
        mask &= frame[name] != ""
    return mask


def _when(rule: dict) -> str:
    parts = [f"{f} is {'/'.join(v)}" for f, v in rule.get("if", {}).items()]
    parts += [f"{f} is given" for f in rule.get("ifFilled", [])]
    return " and ".join(parts)


@dataclass(frozen=True)
class Lifespans:
    """Each actor's earliest possible start and latest possible end (NaT: unbounded).

    A body shares the lifespan of its state where it has none of its own: it
    cannot outlive it. People keep only their own.
    """

    start: dict[str, np.datetime64]
    end: dict[str, np.datetime64]

    @classmethod
    def of(cls, ctx: Context) -> Lifespans | None:
        raw = ctx.tables.get("actors")
        if raw is None:
            return None
        frame = raw.frame
        first = ctx.bounds("actors", "start")[0][raw.distinct("start").codes]
        last = ctx.bounds("actors", "end")[1][raw.distinct("end").codes]
        start = dict(zip(frame["actor_id"], first, strict=True))
        end = dict(zip(frame["actor_id"], last, strict=True))
        for actor, kind, state in zip(frame["actor_id"], frame["actor_type"], frame["state_id"], strict=True):
            if kind != "person" and state in start:
                start[actor] = _later(start[actor], start[state])
                end[actor] = _earlier(end[actor], end[state])
        return cls(start, end)


def _later(a: np.datetime64, b: np.datetime64) -> np.datetime64:
    return b if np.isnat(a) or (not np.isnat(b) and b > a) else a


def _earlier(a: np.datetime64, b: np.datetime64) -> np.datetime64:
    return b if np.isnat(a) or (not np.isnat(b) and b < a) else a


def check_actor_periods(ctx: Context) -> list[Problem]:
    """No row is dated outside the lifespan of an actor it names, and a row of
    an actor that ceased to exist ends by then (``x-actorPeriod``)."""
    spans = Lifespans.of(ctx)
    if spans is None:
        return []
    out: list[Problem] = []
    for table, raw in ctx.tables.items():
        rule = ctx.package.resources[table].schema.get("x-actorPeriod")
        if rule:
            out += _period_problems(ctx, table, raw.frame, rule, spans)
    return out


def _period_problems(ctx: Context, table: str, frame: pd.DataFrame, rule: dict, spans: Lifespans) -> list[Problem]:
    begins_late, begins_early = _first_of(ctx, table, rule["start"])
    end_field = rule.get("end")
    ends_early = ctx.row_bounds(table, end_field)[0] if end_field else begins_early
    ends_early = np.where(np.isnat(ends_early), begins_early, ends_early)
    open_ended = (frame[end_field] == "").to_numpy() if end_field and rule.get("endRequired") else None
    out: list[Problem] = []
    for column in rule["fields"]:
        first, last = _actor_bounds(frame[column], spans)
        before = ~np.isnat(first) & ~np.isnat(begins_late) & (begins_late < first)
        after = ~np.isnat(last) & ~np.isnat(ends_early) & (ends_early > last)
        for outside, message in ((before, _NOT_YET), (after, _GONE)):
            out += flag(ctx, table, column, pd.Series(outside, index=frame.index), message, "actor-period")
        if open_ended is not None:
            gone = open_ended & ~np.isnat(last)
            message = f"names an actor that ceased to exist, so {end_field} must be given (by the actor's end)"
            out += flag(ctx, table, column, pd.Series(gone, index=frame.index), message, "actor-period")
    return out


def _first_of(ctx: Context, table: str, fields: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(latest, earliest) day of the first of ``fields`` that is filled in each row."""
    late, early = ctx.row_bounds(table, fields[0])[::-1]
    for name in fields[1:]:
        e, la = ctx.row_bounds(table, name)
        late, early = np.where(np.isnat(late), la, late), np.where(np.isnat(early), e, early)
    return late, early


def _actor_bounds(column: pd.Series, spans: Lifespans) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the latest start and earliest end among the actors a cell names
    (several for a list column): the strictest window the row must fit."""
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    first, last = [], []
    for cell in uniques.tolist():
        ids = [i for i in str(cell).split(";") if i]
        first.append(max(_known(spans.start, ids), default=_NAT))
        last.append(min(_known(spans.end, ids), default=_NAT))
    return np.array(first, dtype="datetime64[D]")[codes], np.array(last, dtype="datetime64[D]")[codes]


def _known(days: dict[str, np.datetime64], ids: list[str]) -> list[np.datetime64]:
    return [days[i] for i in ids if i in days and not np.isnat(days[i])]


_NAT = np.datetime64("NaT", "D")


_NOT_YET = "names an actor that did not exist yet on the row's date"
_GONE = "names an actor that had ceased to exist by the row's date"
