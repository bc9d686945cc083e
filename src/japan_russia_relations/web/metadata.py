"""Datasette metadata generated from the descriptor and the schemas, never by hand."""

from __future__ import annotations

from typing import Any

from ..descriptor import Package, Resource

FACETS = {
    "events": ["event_type", "side", "actor_id", "year"],
    "statements": ["statement_type", "side", "speaker_id", "year"],
    "sanctions": ["measure_type", "side", "gsdb_category", "status", "year"],
    "territorial_claims": ["dimension", "position", "side", "territory_id", "year"],
}
LABELS = {"actors": "name_en", "territories": "name_en", "sources": "title", "events": "title"}
UNITS = {"area_km2": "km^2"}
DERIVED = {
    "year": "The year the row's date begins in (added for browsing; not in the CSV).",
    "side": "The state of the acting party (added for browsing; not in the CSV).",
}

QUERIES = {
    "sanctions_per_year_by_side": {
        "title": "Sanctions measures announced per year, by side",
        "sql": "select year, side, count(*) as measures from sanctions group by year, side order by year, side",
    },
    "positions_on_one_island": {
        "title": "Positions on one territory over time (its own rows and its group's)",
        "sql": (
            'select territory_id, actor_id, dimension, position, start, "end", claim_id from territorial_claims '
            "where territory_id = :territory or territory_id = "
            "(select parent_id from territories where territory_id = :territory) order by start_earliest, actor_id"
        ),
    },
    "statements_about_one_event": {
        "title": "Statements about one event",
        "sql": (
            "select statement_id, date, speaker_id, on_behalf_of, quote, summary from statements "
            "where event_id = :event_id order by date_earliest"
        ),
    },
}


def metadata(package: Package, database: str) -> dict[str, Any]:
    """Title, licence, tables, columns, facets, search and canned queries."""
    meta = package.metadata
    licence = (meta.get("licenses") or [{}])[0]
    return {
        "title": meta["title"],
        "description": meta["description"],
        "license": licence.get("name", ""),
        "license_url": licence.get("path", ""),
        "source": f"japan-russia-relations {package.version} (datapackage.json)",
        "databases": {
            database: {
                "tables": {name: _table(res) for name, res in package.resources.items()},
                "queries": QUERIES,
            }
        },
        "plugins": {"datasette-cluster-map": {"latitude_column": "latitude", "longitude_column": "longitude"}},
    }


def _table(res: Resource) -> dict[str, Any]:
    columns = {f.name: _column(f.description, f.vocabulary) for f in res.typed_fields}
    for f in res.typed_fields:
        if f.partial_date:
            for part in ("earliest", "latest", "precision"):
                columns[f"{f.name}_{part}"] = f"The {part} day (or precision) of `{f.name}`, derived by the loader."
    table: dict[str, Any] = {"title": res.title, "description": res.description, "columns": columns}
    if res.name in FACETS:
        columns.update(DERIVED)
        table["facets"] = FACETS[res.name]
        table["sort_desc"] = "year"
    if any(f.name in ("title", "description", "quote", "summary", "notes", "name_en") for f in res.typed_fields):
        table["fts_table"] = f"{res.name}_fts"
    if res.name in LABELS:
        table["label_column"] = LABELS[res.name]
    units = {c: u for c, u in UNITS.items() if c in res.field_names}
    if units:
        table["units"] = units
    return table


def _column(description: str, vocabulary: dict | None) -> str:
    if not vocabulary:
        return description
    values = "; ".join(f"{v}: {entry['label']}" for v, entry in vocabulary.items())
    return f"{description} Values: {values}"
