"""Scale the real data package to N rows per core table, cloning rows under new ids.

Cloned rows keep every reference valid (they point at the same actors, sources
and events as the row they copy), so a validator has to do all of its work.
Used by the benchmarks; writes nothing inside the repository.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from japan_russia_relations.descriptor import read_package
from japan_russia_relations.reading import read_text

CORE = ("events", "statements", "sanctions", "territorial_claims")
# The text the validator's repeated-row check compares (with the date and actor).
UNIQUE_TEXT = {"events": ("title",), "statements": ("quote",)}


def scale(dest: Path, rows: int, tables: tuple[str, ...] = CORE) -> Path:
    """Write a copy of the package to ``dest`` with ``rows`` rows in each of ``tables``."""
    package = read_package()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(package.root / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(package.root / "schemas", dest / "schemas", dirs_exist_ok=True)
    shutil.copytree(package.root / "data", dest / "data", dirs_exist_ok=True)
    for name in tables:
        res = package.resources[name]
        frame = read_text(res.path, res.field_names)
        prefix = frame[res.primary_key].iloc[0].split("-")[0]
        big = frame.iloc[[i % len(frame) for i in range(rows)]].reset_index(drop=True)
        originals = list(frame[res.primary_key])
        big[res.primary_key] = originals[:rows] + [f"{prefix}-{i:07d}" for i in range(len(originals) + 1, rows + 1)]
        clones = big.index >= len(originals)
        for column in UNIQUE_TEXT.get(name, ()):  # a clone is not a repeated row: mark its text
            big.loc[clones, column] = big.loc[clones, column] + " (" + big.loc[clones, res.primary_key] + ")"
        big.to_csv(dest / res.relpath, index=False, lineterminator="\n")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dest", type=Path)
    parser.add_argument("rows", type=int)
    parser.add_argument("--tables", nargs="*", default=list(CORE))
    args = parser.parse_args()
    scale(args.dest, args.rows, tuple(args.tables))
    print(f"wrote {args.dest} with {args.rows} rows in {', '.join(args.tables)}")


if __name__ == "__main__":
    main()
