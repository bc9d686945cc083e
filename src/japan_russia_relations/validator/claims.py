"""Checks that make ``territorial_claims`` a panel (rules in :mod:`.intervals`)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from ..intervals import Position, group_conflicts, positions, series
from .report import Problem
from .table import Context, problems_at

TABLE = "territorial_claims"


def check_claim_intervals(ctx: Context) -> list[Problem]:
    """No overlap within a territory, actor and dimension; every gap explained;
    a successor that really follows; group and member rows that agree."""
    raw = ctx.tables.get(TABLE)
    if raw is None:
        return []
    frame = raw.frame
    items = positions(frame.to_dict("records"))
    hits: dict[str, dict[int, list[str]]] = {}

    def hit(column: str, p: Position, message: str) -> None:
        hits.setdefault(column, {}).setdefault(p.row, []).append(message)

    for rows in series(items).values():
        for earlier, later in pairwise(rows):
            if earlier.overlaps(later):
                hit(
                    "start",
                    later,
                    f"overlaps {earlier.claim_id}, of the same territory, actor and dimension",
                )
            elif earlier.gap_before(later) and not later.gap_note:
                hit("gap_note", later, f"is empty, but this row starts after a gap since {earlier.claim_id} ended")
    by_id = {p.claim_id: p for p in items}
    for p in items:
        if p.superseded_by:
            message = _successor_problem(p, by_id.get(p.superseded_by))
            if message:
                hit("superseded_by_id", p, message)
    parents = _parents(ctx)
    for member, general in group_conflicts(items, parents):
        hit(
            "position",
            member,
            f"contradicts {general.claim_id} on {general.territory} ({general.position}) at the same time",
        )
    return [
        problem
        for column, rows in hits.items()
        for row, messages in rows.items()
        for message in messages
        for problem in problems_at(ctx, TABLE, np.array([row]), column, message, "claim-interval")
    ]


def _successor_problem(p: Position, nxt: Position | None) -> str:
    if nxt is None:
        return ""  # a missing id is reported by the reference check
    if (nxt.actor, nxt.dimension) != (p.actor, p.dimension):
        return f"names {nxt.claim_id}, a position of another actor or dimension"
    if p.end is None:
        return "is given, but end is empty"
    if nxt.start[0] > p.end[1] or p.end[0] > nxt.start[1]:
        return f"names {nxt.claim_id}, which does not start when this row ends"
    return ""


def _parents(ctx: Context) -> dict[str, str]:
    raw = ctx.tables.get("territories")
    if raw is None:
        return {}
    return dict(zip(raw.frame["territory_id"], raw.frame["parent_id"], strict=True))
