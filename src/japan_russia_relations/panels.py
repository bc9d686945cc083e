"""Country-year panels built from the core tables, ready to merge with COW data.

``panel("events")``: directed dyad-years (``ccode1``, ``ccode2``, ``year``, as
peacesciencer names them) with counts of events by PLOVER category; every
dyad that occurs is zero-filled over the years both of its states exist.
``panel("sanctions")``: sender × target × year × GSDB category, with the
measures announced, the measures in force, those of unknown status and the
people and entities designated. ``panel("territorial_claims")``: territory ×
actor × year × dimension with the position in force and the claim behind it.

How a year gets its value is part of the coding and stated in the codebook
(:data:`RULES`): an event counts in the year it began; a measure counts as in
force in every year on some day of which it is known to have been in force;
a territorial position is the one in force on 1 July (``on="mid-year"``) or
on 31 December (``on="last-day"``). Every panel ends with the last year the
table's own dates reach, never at today, so it is the same on every day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from . import intervals
from .descriptor import read_package
from .load import load, read_raw

RULES = {
    "events": "An event counts in the year of its earliest possible date (`date_earliest`), once, whatever its "
    "`end_date`; events without a target, or whose actor or target belongs to no state with a COW code, are left "
    "out. Each dyad that occurs is zero-filled over the years in which both of its states exist (the union of the "
    "lifespans of the state rows sharing its COW code), up to the last year of the table.",
    "sanctions": "`announced`: measures announced in the year (the effective date where no announcement is known). "
    "`in_force`: measures known to be in force on at least one day of the year: from the effective (else announced) "
    "date to `end_date` for measures that ended, to `status_as_of` for measures in force. `status_unknown`: measures "
    "begun by the end of the year whose status is `unknown` or `suspended`. Designations are summed over the measures "
    "announced in the year. Each sender–target pair is zero-filled over every category from its first year.",
    "territorial_claims": "The position in force on the reference day: 1 July (`on='mid-year'`, the default) or "
    "31 December (`on='last-day'`). A row on a group holds for each member without a row of its own in force; of two "
    "rows in force, the later-starting one. Years run from the first start of the territory–actor–dimension series "
    "to the end of its actor or the last year of the table; a year with no position has an empty `position`.",
}

FREQS = ("year",)
DAYS = {"mid-year": (7, 1), "last-day": (12, 31)}


def panel(table: str, freq: str = "year", *, on: str = "mid-year", root: Path | str | None = None) -> pd.DataFrame:
    """The ``table`` as a panel at ``freq`` (only ``"year"`` so far).

    >>> dyads = panel("events")
    >>> list(dyads.columns[:3])
    ['ccode1', 'ccode2', 'year']
    >>> japan_to_russia = dyads[(dyads["ccode1"] == 740) & (dyads["ccode2"] == 365)]
    >>> int(japan_to_russia.loc[japan_to_russia["year"] == 1956, "total"].iloc[0]) > 0
    True
    """
    if freq not in FREQS:
        raise ValueError(f"unknown freq {freq!r}; choose one of {', '.join(FREQS)}")
    if on not in DAYS:
        raise ValueError(f"unknown reference day {on!r}; choose one of {', '.join(DAYS)}")
    builders = {"events": _events, "sanctions": _sanctions, "territorial_claims": _claims}
    if table not in builders:
        raise ValueError(f"no panel for {table!r}; panels exist for {', '.join(builders)}")
    return builders[table](root, on).reset_index(drop=True)


def _states(root: Path | str | None) -> tuple[dict[str, str], dict[str, Any], pd.DataFrame]:
    """Each actor's state, each state's COW code, and the state rows."""
    actors = load("actors", root=root)
    state_of = {
        a: (a if t == "state" else s)
        for a, t, s in zip(actors.actor_id, actors.actor_type, actors.state_id, strict=True)
    }
    states = actors[actors.actor_type == "state"]
    return state_of, dict(zip(states.actor_id, states.cow_code, strict=True)), states


def _years_alive(states: pd.DataFrame, ccode: int, first: int, last: int) -> set[int]:
    """Years in which some state row with COW code ``ccode`` exists, within [first, last]."""
    years: set[int] = set()
    for _, row in states[states.cow_code == ccode].iterrows():
        start = first if pd.isna(row.start_earliest) else max(first, row.start_earliest.year)
        end = last if pd.isna(row.end_latest) else min(last, row.end_latest.year)
        years.update(range(start, end + 1))
    return years


def _events(root: Path | str | None, on: str) -> pd.DataFrame:
    events = load("events", root=root)
    state_of, cow, states = _states(root)
    plover = _plover(root)
    frame = pd.DataFrame(
        {
            "ccode1": events.actor_id.map(state_of).map(cow),
            "ccode2": events.target_id.map(state_of).map(cow),
            "year": events.date_earliest.dt.year,
            "kind": events.event_type.astype(str).map(plover),
        }
    ).dropna(subset=["ccode1", "ccode2", "year"])
    frame = frame.astype({"ccode1": "int64", "ccode2": "int64", "year": "int64"})
    kinds = sorted(set(plover.values()))
    counts = pd.crosstab([frame.ccode1, frame.ccode2, frame.year], frame.kind).reindex(columns=kinds, fill_value=0)
    last = int(events.date_earliest.dt.year.max())
    first = int(events.date_earliest.dt.year.min())
    index = [
        (a, b, y)
        for a, b in sorted(set(zip(frame.ccode1, frame.ccode2, strict=True)))
        for y in sorted(_years_alive(states, a, first, last) & _years_alive(states, b, first, last))
    ]
    full = counts.reindex(pd.MultiIndex.from_tuples(index, names=["ccode1", "ccode2", "year"]), fill_value=0)
    full.columns = [c.lower() for c in full.columns]
    full["total"] = full.sum(axis=1)
    return full.astype("int64").reset_index()


def _plover(root: Path | str | None) -> dict[str, str]:
    """Each event type's PLOVER category, ``NONE`` where it has none (the codebook says why)."""
    vocab = read_package(root).resources["events"].field("event_type")["x-vocabulary"]
    return {value: entry.get("plover", "NONE") for value, entry in vocab.items()}


def _sanctions(root: Path | str | None, on: str) -> pd.DataFrame:
    sanctions = load("sanctions", root=root)
    _, cow, _ = _states(root)
    began = sanctions.effective_earliest.fillna(sanctions.announced_earliest)
    stated = sanctions.announced_earliest.fillna(sanctions.effective_earliest)
    until = sanctions.end_date_latest.where(sanctions.status.isin(["lifted", "expired", "replaced"]))
    until = until.fillna(sanctions.status_as_of_latest.where(sanctions.status == "in_force"))
    last = int(pd.concat([stated, began, sanctions.end_date_latest, sanctions.status_as_of_latest]).max().year)
    unknown = sanctions.status.isin(["unknown", "suspended"])
    keys = pd.DataFrame(
        {
            "sender": sanctions.imposing_id,
            "target": sanctions.target_id,
            "category": sanctions.gsdb_category.astype(str),
        }
    )
    announced = keys.assign(year=stated.dt.year)
    designated = announced.assign(
        individuals_designated=sanctions.individuals_designated.fillna(0),
        entities_designated=sanctions.entities_designated.fillna(0),
        designations_approximate=sanctions.designations_approximate.fillna(False).astype(bool),
    )
    columns = {
        "announced": announced.groupby(list(announced.columns)).size(),
        "in_force": _per_year(keys[until.notna()], began.dt.year, until.dt.year),
        "status_unknown": _per_year(keys[unknown], began.dt.year, pd.Series(last, index=keys.index)),
    }
    sums = designated.groupby(list(announced.columns))
    for name in ("individuals_designated", "entities_designated"):
        columns[name] = sums[name].sum()
    columns["designations_approximate"] = sums["designations_approximate"].any()
    first = announced.groupby(["sender", "target"]).year.min()
    categories = list(sanctions.gsdb_category.cat.categories)
    index = pd.MultiIndex.from_tuples(
        [(s, t, c, y) for (s, t), y0 in first.items() for y in range(int(y0), last + 1) for c in categories],
        names=["sender", "target", "category", "year"],
    )
    out = pd.DataFrame({name: col.reorder_levels(index.names).reindex(index) for name, col in columns.items()})
    out = out.fillna({"designations_approximate": False}).fillna(0)
    out = out.astype(
        {c: "int64" for c in columns if c != "designations_approximate"} | {"designations_approximate": bool}
    )
    out = out.reset_index()
    out.insert(2, "ccode_sender", out.sender.map(cow).astype("Int64"))
    out.insert(3, "ccode_target", out.target.map(cow).astype("Int64"))
    return out.sort_values(["sender", "target", "year", "category"])


def _per_year(keys: pd.DataFrame, first: pd.Series, last: pd.Series) -> pd.Series:
    """How many rows of ``keys`` span each year, each row from ``first`` to ``last``."""
    spans = keys.assign(
        year=[list(range(int(a), int(b) + 1)) for a, b in zip(first[keys.index], last[keys.index], strict=True)]
    )
    spans = spans.explode("year").dropna(subset=["year"])
    return spans.astype({"year": "int64"}).groupby(["sender", "target", "category", "year"]).size()


def _claims(root: Path | str | None, on: str) -> pd.DataFrame:
    package = read_package(root)
    claims = read_raw(package.resources["territorial_claims"]).astype(object).fillna("")
    items = intervals.positions(claims.to_dict("records"))
    territories = load("territories", root=root)
    parents = dict(zip(territories.territory_id, territories.parent_id.fillna(""), strict=True))
    ends = _actor_ends(root)
    last = max(max(p.start[1].year, p.end[1].year if p.end else 0) for p in items)
    month, day = DAYS[on]
    rows = []
    for (territory, actor, dimension), own in _with_groups(items, parents).items():
        inherited = [
            p for p in items if (p.territory, p.actor, p.dimension) == (parents.get(territory), actor, dimension)
        ]
        stop = min(last, ends.get(actor, last))
        for year in range(min(p.start[0].year for p in own + inherited), stop + 1):
            when = dt.date(year, month, day)
            hit = intervals.in_force(own, when) or intervals.in_force(inherited, when)
            rows.append(
                {
                    "territory_id": territory,
                    "actor_id": actor,
                    "dimension": dimension,
                    "year": year,
                    "position": hit.position if hit else None,
                    "claim_id": hit.claim_id if hit else None,
                    "inherited_from": hit.territory if hit and hit.territory != territory else None,
                }
            )
    out = pd.DataFrame(rows).sort_values(["territory_id", "actor_id", "dimension", "year"])
    return out.astype({"position": "string", "claim_id": "string", "inherited_from": "string"})


def _with_groups(items: list[intervals.Position], parents: dict[str, str]) -> dict[tuple, list]:
    """Each territory–actor–dimension series, with a member's (maybe empty) own
    rows wherever its group has rows of that actor and dimension."""
    out: dict[tuple, list] = {key: list(rows) for key, rows in intervals.series(items).items()}
    groups = intervals.members(parents)
    for territory, actor, dimension in list(out):
        for member in groups.get(territory, []):
            out.setdefault((member, actor, dimension), [])
    return out


def _actor_ends(root: Path | str | None) -> dict[str, int]:
    """The last year of each actor that ceased to exist."""
    actors = load("actors", root=root)
    ended = actors[actors.end_latest.notna()]
    return dict(zip(ended.actor_id, ended.end_latest.dt.year, strict=True))
