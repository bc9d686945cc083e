"""Datasette plugin of japan-russia-relations: lists of source ids become links.

A cell such as ``SRC-0033;SRC-0034`` in ``source_ids`` (or another column
naming sources) is shown as links to those rows of ``sources``.
"""

from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape

SOURCE_COLUMNS = {"source_ids", "status_source_ids", "quote_source_id", "quote_en_source_id"}


@hookimpl
def render_cell(value, column, table, database, datasette):
    if column not in SOURCE_COLUMNS or not isinstance(value, str) or not value.startswith("SRC-"):
        return None
    base = datasette.urls.table(database, "sources")
    links = [f'<a href="{base}/{escape(i)}">{escape(i)}</a>' for i in value.split(";") if i]
    return Markup(" ".join(links))
