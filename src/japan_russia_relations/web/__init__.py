"""Browse and query the data in a web page: a Datasette site built from the package.

:func:`build` writes the SQLite database (:mod:`..sqlite_db`, with keys and
full-text search) and the Datasette metadata, both generated from the
descriptor and the schemas: the package's title, licence and source, each
table's and column's description, units and vocabulary, facets on type,
actor, side and year, and canned queries for the README's questions.
:func:`serve` starts Datasette on 127.0.0.1 with the plugin in
``plugins/``, which renders source ids as links. Needs the ``web`` extra.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from .metadata import metadata

DB_NAME = "japan_russia_relations"
PLUGINS = Path(__file__).with_name("plugins")

# The date a row counts in for the year facet, and the column naming its side.
YEAR_FROM = {
    "events": "date_earliest",
    "statements": "date_earliest",
    "sanctions": "coalesce(announced_earliest, effective_earliest)",
    "territorial_claims": "start_earliest",
}
SIDE_FROM = {
    "events": "actor_id",
    "statements": "on_behalf_of",
    "sanctions": "imposing_id",
    "territorial_claims": "actor_id",
}


class MissingWebExtra(ImportError):
    """Datasette is not installed."""


def build(directory: Path | str, root: Path | str | None = None) -> tuple[Path, Path]:
    """Write ``<directory>/japan_russia_relations.db`` and ``metadata.json``; return both paths."""
    from ..descriptor import read_package
    from ..sqlite_db import build as build_db

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    db = build_db(out / f"{DB_NAME}.db", root)
    with sqlite3.connect(db) as con:
        _add_year_and_side(con)
    meta = out / "metadata.json"
    meta.write_text(json.dumps(metadata(read_package(root), DB_NAME), indent=2, ensure_ascii=False) + "\n", "utf-8")
    return db, meta


def _add_year_and_side(con: sqlite3.Connection) -> None:
    """A ``year`` and a ``side`` column on each core table, for facets: the
    year its date begins in, and the state its actor belongs to."""
    for table, expr in YEAR_FROM.items():
        con.execute(f'ALTER TABLE "{table}" ADD COLUMN year INTEGER')
        con.execute(f'UPDATE "{table}" SET year = CAST(substr({expr}, 1, 4) AS INTEGER)')
        con.execute(f'ALTER TABLE "{table}" ADD COLUMN side TEXT')
        actor = SIDE_FROM[table]
        con.execute(
            f"UPDATE \"{table}\" SET side = (SELECT CASE a.actor_type WHEN 'state' THEN a.actor_id "
            f'ELSE a.state_id END FROM actors a WHERE a.actor_id = "{table}".{actor})'
        )


def command(directory: Path, port: int) -> list[str]:
    """The Datasette command line that serves a built site on 127.0.0.1."""
    return [
        sys.executable, "-m", "datasette", "serve", str(directory / f"{DB_NAME}.db"),
        "--metadata", str(directory / "metadata.json"), "--plugins-dir", str(PLUGINS),
        "--host", "127.0.0.1", "--port", str(port), "--setting", "default_page_size", "50",
    ]  # fmt: skip


def require_datasette() -> None:
    """Raise :class:`MissingWebExtra` before any work if Datasette is absent."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise MissingWebExtra("jrr serve needs Datasette: pip install 'japan-russia-relations[web]'") from None


def serve(directory: Path, port: int) -> subprocess.Popen:
    """Start Datasette on the built site; the caller waits for it or stops it."""
    require_datasette()
    return subprocess.Popen(command(directory, port))


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (for tests and benchmarks)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_in_use(port: int) -> bool:
    """Whether another program already listens on ``port`` of 127.0.0.1."""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until_up(port: int, seconds: float = 30, process: subprocess.Popen | None = None) -> bool:
    """Wait until something accepts connections on ``port``, so callers never
    race Datasette's start-up. False if ``process`` ended first; ``TimeoutError``
    after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if port_in_use(port):
            return True
        if process is not None and process.poll() is not None:
            return False
        time.sleep(0.2)
    raise TimeoutError(f"Datasette did not start on port {port} within {seconds:g} s")
