"""Identifiers that are kept: released ids do not vanish, and no row repeats another.

A citation points at an id, so an id a release published must stay in its
table or be listed in ``retired_ids``; ``released_ids`` (written by
``scripts/record_released_ids.py`` when a release is cut) says which ids those
are. A row entered twice under two ids is caught by its content: an event with
the same date, actor and title as another, a statement with the same date and
quote.
"""

from __future__ import annotations

import numpy as np

from .report import Problem
from .table import Context, flag, present, problems_at

KEYS = {"events": "event_id", "statements": "statement_id", "sanctions": "sanction_id",
        "territorial_claims": "claim_id", "sources": "source_id"}  # fmt: skip
SAME = {"events": ["date", "actor_id", "title"], "statements": ["date", "quote"]}


def check_released_ids(ctx: Context) -> list[Problem]:
    """Every released id is still in its table, or listed as retired."""
    if "released_ids" not in ctx.tables:
        return []
    if any(table in ctx.unreadable for table in KEYS):
        return []  # its ids cannot be seen; the unreadable table is reported already
    released = ctx.tables["released_ids"].frame["released_id"].tolist()
    wanted, kept = set(released), set()
    for table, key in [*KEYS.items(), ("retired_ids", "retired_id")]:
        if table in ctx.tables:
            kept |= present(ctx.tables[table].frame[key], wanted)
    gone = np.array([i not in kept for i in released], dtype=bool)
    message = "was published by a release and is gone from its table; restore it or list it in retired_ids"
    return flag(ctx, "released_ids", "released_id", gone, message, "id-released")


def check_repeated_rows(ctx: Context) -> list[Problem]:
    """A row that repeats another under a new id, by its content."""
    out: list[Problem] = []
    for table, columns in SAME.items():
        if table not in ctx.tables:
            continue
        frame = ctx.tables[table].frame
        repeats = np.flatnonzero(frame.duplicated(columns, keep="first").to_numpy())
        if not len(repeats):
            continue
        first = frame.drop_duplicates(columns).set_index(columns)[KEYS[table]]
        for row in repeats:
            original = first.loc[tuple(frame.iloc[row][c] for c in columns)]
            message = f"repeats {original} (same {', '.join(columns)}) under a new id; merge the two rows"
            out += problems_at(ctx, table, np.array([row]), KEYS[table], message, "id-repeat")
    return out
