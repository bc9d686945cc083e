"""Datasette plugin of japan-russia-relations: lists of source ids become links.

A cell such as ``SRC-0033;SRC-0034`` in ``source_ids`` (or another column
naming sources) shows each id as a link to its row of ``sources`` followed by
a link to the page itself, so a reader is one click from the evidence.
"""

from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape

SOURCE_COLUMNS = {"source_ids", "status_source_ids", "quote_source_id", "quote_en_source_id"}


@hookimpl
def render_cell(value, column, table, database, datasette):
    if column not in SOURCE_COLUMNS or not isinstance(value, str) or not value.startswith("SRC-"):
        return None
    ids = [i for i in value.split(";") if i]

    async def links() -> Markup:
        marks = ",".join("?" * len(ids))
        rows = await datasette.get_database(database).execute(
            f"select source_id, url from sources where source_id in ({marks})", ids
        )
        urls = {r["source_id"]: r["url"] for r in rows}
        base = datasette.urls.table(database, "sources")
        return Markup(" ".join(_link(base, i, urls.get(i)) for i in ids))

    return links


def _link(base: str, source_id: str, url: str | None) -> str:
    row = f'<a href="{base}/{escape(source_id)}">{escape(source_id)}</a>'
    if not url:
        return row  # the 2022 article and other sources without an address
    return f'{row} (<a href="{escape(url)}" rel="noopener nofollow">page</a>)'
