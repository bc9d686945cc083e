"""Compare two data package directories: per table, ids added, changed, retired.

Cells are compared as written (raw text), so a change of precision in a date
(``2022-09`` to ``2022-09-26``) shows up as a change. The CHANGELOG entry of a
release can be written from the result.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from .descriptor import read_package
from .reading import read_text

FORMATS = ("text", "json")


@dataclass
class TableDiff:
    """What changed in one table between two versions."""

    added: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.added or self.retired or self.changed)


def _frame(root: Path, name: str) -> pd.DataFrame | None:
    package = read_package(root)
    if name not in package.resources or not package.resources[name].path.is_file():
        return None
    res = package.resources[name]
    frame = read_text(res.path, res.field_names)
    return frame.set_index(res.primary_key, drop=False)


def diff_table(old: pd.DataFrame | None, new: pd.DataFrame | None) -> TableDiff:
    """Ids added, retired, and the fields changed for ids in both."""
    old = old if old is not None else pd.DataFrame()
    new = new if new is not None else pd.DataFrame()
    out = TableDiff(
        added=sorted(set(new.index) - set(old.index)),
        retired=sorted(set(old.index) - set(new.index)),
    )
    common = sorted(set(old.index) & set(new.index))
    for key in common:
        fields = [c for c in new.columns if c not in old.columns or old.at[key, c] != new.at[key, c]]
        fields += [c for c in old.columns if c not in new.columns]
        if fields:
            out.changed[key] = fields
    return out


def diff_packages(old: Path | str, new: Path | str) -> dict[str, TableDiff]:
    """Every table of either package, compared."""
    names = list(dict.fromkeys([*read_package(old).resources, *read_package(new).resources]))
    return {name: diff_table(_frame(Path(old), name), _frame(Path(new), name)) for name in names}


def render_text(result: dict[str, TableDiff]) -> str:
    lines = []
    for name, d in result.items():
        if d.empty:
            continue
        lines.append(f"{name}: {len(d.added)} added, {len(d.changed)} changed, {len(d.retired)} retired")
        lines += [f"  + {i}" for i in d.added]
        lines += [f"  ~ {i} ({', '.join(f)})" for i, f in d.changed.items()]
        lines += [f"  - {i}" for i in d.retired]
    return "\n".join(lines) + "\n" if lines else "no differences\n"


def render_json(result: dict[str, TableDiff]) -> str:
    return json.dumps({name: asdict(d) for name, d in result.items()}, indent=2) + "\n"
