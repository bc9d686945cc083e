"""Territorial positions as intervals: the rules that make them a panel.

For each territory, actor and dimension, positions follow one another: they
may not overlap, and a gap between two of them is explained in the later
row's ``gap_note``. A position on a group of territories (``DISPUTED-FOUR``,
whose members name it in ``territories.parent_id``) holds for each member
that has no position of its own, of the same actor and dimension, at that
time: the island row is the more specific statement. In the control,
sovereignty and dispute dimensions a group row and a member row that overlap
must agree; in the settlement dimension they may differ, since an offer can
concern part of a group (the 1956 declaration's Habomai and Shikotan).

Partial dates are read leniently: two rows overlap only when the later
surely starts before the earlier surely ends, and a gap is a gap only when
the later surely starts more than a day after the earlier surely ended. A
position is in force on a day from its earliest start up to its end; an end
known only to the month or year counts to the last day of that month or year.
These functions serve the validator and :mod:`.panels` alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from .dates import day_bounds

MUST_AGREE = ("control", "sovereignty", "dispute")


@dataclass(frozen=True)
class Position:
    """One row of ``territorial_claims`` with its dates as day bounds."""

    row: int
    claim_id: str
    territory: str
    actor: str
    dimension: str
    position: str
    start: tuple[dt.date, dt.date]
    end: tuple[dt.date, dt.date] | None
    end_is_day: bool
    superseded_by: str
    gap_note: str

    def overlaps(self, later: Position) -> bool:
        """True when ``later`` surely starts before this one surely ends."""
        return self.end is None or later.start[1] < self.end[0]

    def gap_before(self, later: Position) -> bool:
        """True when ``later`` surely starts more than a day after this one ended."""
        return self.end is not None and later.start[0] > self.end[1] + dt.timedelta(days=1)

    def in_force(self, day: dt.date) -> bool:
        if day < self.start[0]:
            return False
        if self.end is None:
            return True
        return day < self.end[0] if self.end_is_day else day <= self.end[1]


def positions(records: Iterable[dict[str, str]]) -> list[Position]:
    """Positions from rows as written (a dict per row); rows without a real start are left out."""
    rows = list(records)
    starts = _bounds([r["start"] for r in rows])
    ends = _bounds([r["end"] for r in rows])
    out = []
    for i, (r, start, end) in enumerate(zip(rows, starts, ends, strict=True)):
        if start is None:
            continue
        out.append(
            Position(
                i, r["claim_id"], r["territory_id"], r["actor_id"], r["dimension"], r["position"],
                start, end, len(r["end"]) == 10, r.get("superseded_by_id", ""), r.get("gap_note", ""),
            )
        )  # fmt: skip
    return out


def _bounds(values: list[str]) -> list[tuple[dt.date, dt.date] | None]:
    first, last = day_bounds(values)
    return [None if np.isnat(a) else (a.item(), b.item()) for a, b in zip(first, last, strict=True)]


def series(items: Iterable[Position]) -> dict[tuple[str, str, str], list[Position]]:
    """Positions by (territory, actor, dimension), each list in order of start."""
    out: dict[tuple[str, str, str], list[Position]] = {}
    for p in items:
        out.setdefault((p.territory, p.actor, p.dimension), []).append(p)
    for group in out.values():
        group.sort(key=lambda p: (p.start[0], p.start[1]))
    return out


def members(parents: dict[str, str]) -> dict[str, list[str]]:
    """Each group territory and its members, from ``parent_id``."""
    out: dict[str, list[str]] = {}
    for child, parent in parents.items():
        if parent:
            out.setdefault(parent, []).append(child)
    return out


def group_conflicts(items: list[Position], parents: dict[str, str]) -> Iterator[tuple[Position, Position]]:
    """(member row, group row) pairs that overlap and disagree where they must agree."""
    by_key = series(items)
    for (territory, actor, dimension), rows in by_key.items():
        group = parents.get(territory, "")
        if not group or dimension not in MUST_AGREE:
            continue
        for member in rows:
            for general in by_key.get((group, actor, dimension), []):
                if member.position != general.position and _intersect(member, general):
                    yield member, general


def _intersect(a: Position, b: Position) -> bool:
    first, second = (a, b) if a.start <= b.start else (b, a)
    return first.overlaps(second)


def in_force(items: Iterable[Position], day: dt.date) -> Position | None:
    """The position in force on ``day``; of two, the one that started later."""
    live = [p for p in items if p.in_force(day)]
    return max(live, key=lambda p: p.start) if live else None
