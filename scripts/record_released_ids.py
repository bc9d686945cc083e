"""Record the ids a release publishes in data/released_ids.csv (a release checklist step).

    python scripts/record_released_ids.py 1.1.0

Every id of the core tables and of `sources` that is not yet listed is added
with this version; ids already listed keep the version that first released
them. The validator then refuses a released id that disappears without a
`retired_ids` row.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLES = {"events": "event_id", "statements": "statement_id", "sanctions": "sanction_id",
          "territorial_claims": "claim_id", "sources": "source_id"}  # fmt: skip


def record(version: str, root: Path = ROOT) -> int:
    """Add this version's new ids; return how many were added."""
    path = root / "data" / "released_ids.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline=""))) if path.is_file() else []
    header = ["released_id", "table", "version"]
    known = {r[0] for r in rows[1:]}
    added = []
    for table, key in TABLES.items():
        with (root / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            added += [[r[key], table, version] for r in csv.DictReader(fh) if r[key] not in known]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows[1:], *added])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return len(added)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/record_released_ids.py VERSION")
    print(f"{record(sys.argv[1])} ids recorded as released in {sys.argv[1]}")
