"""The citation of this exact version, from ``CITATION.cff``.

``CITATION.cff`` travels inside the wheel beside ``datapackage.json``, so an
installed package cites the version it actually holds.
"""

from __future__ import annotations

import re
from typing import Any

from .paths import package_root

STYLES = ("text", "bibtex", "cff")


def citation_file() -> str:
    """The raw text of the bundled ``CITATION.cff``."""
    return (package_root() / "CITATION.cff").read_text(encoding="utf-8")


def citation() -> dict[str, Any]:
    """``CITATION.cff`` parsed (YAML; PyYAML comes with frictionless)."""
    import yaml

    return yaml.safe_load(citation_file())


def _authors(meta: dict[str, Any]) -> list[str]:
    names = []
    for author in meta.get("authors", []):
        if "name" in author:
            names.append(author["name"])
        else:
            names.append(f"{author.get('family-names', '')}, {author.get('given-names', '')}".strip(", "))
    return names


def cite(style: str = "text") -> str:
    """The citation in ``text``, ``bibtex`` or ``cff`` form.

    It points to the release's DOI once ``CITATION.cff`` has one (``doi``), else
    to the repository (``repository-code``) or the ``url``; none is written until
    it exists, so nothing here is a guess.
    """
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")
    if style == "cff":
        return citation_file()
    meta = citation()
    year = str(meta.get("date-released", ""))[:4]
    version = meta["version"]
    authors = _authors(meta)
    doi = meta.get("doi")
    where = f"https://doi.org/{doi}" if doi else meta.get("repository-code") or meta.get("url")
    if style == "text":
        tail = f" {where}" if where else ""
        return f"{'; '.join(authors)} ({year}). {meta['title']} (Version {version}) [Data set].{tail}\n"
    key = "japan_russia_relations_" + re.sub(r"\W", "_", version)
    fields = {
        "author": " and ".join("{" + a + "}" if " " in a and "," not in a else a for a in authors),
        "title": "{" + meta["title"] + "}",
        "year": year,
        "version": version,
        "note": "Data set",
    }
    if doi:
        fields["doi"] = doi
    if where:
        fields["url"] = where
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@misc{{{key},\n{body}\n}}\n"


_PREFIXES = {"EV": "events", "ST": "statements", "SA": "sanctions", "TC": "territorial_claims"}


def cite_row(row_id: str, style: str = "text") -> str:
    """One row cited: the dataset's citation, then the pages the row rests on.

    >>> print(cite_row("EV-0001").splitlines()[2])
    Row EV-0001 of table events rests on these pages:
    """
    from .load import load

    if style not in ("text", "bibtex"):
        raise ValueError(f"a row is cited as text or bibtex, not {style!r}")
    table = _PREFIXES.get(row_id.split("-")[0])
    frame = load(table) if table else None
    match = frame[frame.iloc[:, 0] == row_id] if frame is not None else None
    if match is None or match.empty:
        raise LookupError(f"no row {row_id!r} in events, statements, sanctions or territorial_claims")
    row = match.iloc[0]
    ids = [i for column in ("source_ids", "status_source_ids") if column in row and isinstance(row[column], str)
           for i in row[column].split(";") if i]  # fmt: skip
    sources = load("sources").set_index("source_id").loc[list(dict.fromkeys(ids))]
    if style == "bibtex":
        entries = [_source_bibtex(sid, s) for sid, s in sources.iterrows()]
        return cite("bibtex") + "".join(entries)
    lines = [cite("text").rstrip("\n"), "", f"Row {row_id} of table {table} rests on these pages:"]
    lines += [f"  {sid}: {_source_text(s)}" for sid, s in sources.iterrows()]
    return "\n".join(lines) + "\n"


def _source_text(s: Any) -> str:
    parts = [str(s["publisher"])]
    if isinstance(s["published"], str):
        parts.append(f"({s['published']})")
    if isinstance(s["title"], str):
        parts.append(f"{s['title']}.")
    if isinstance(s["url"], str):
        parts.append(s["url"])
    parts.append(f"(accessed {s['accessed']:%Y-%m-%d})")
    return " ".join(parts)


def _source_bibtex(sid: str, s: Any) -> str:
    fields = {"title": s["title"], "howpublished": s["publisher"], "year": str(s["published"])[:4], "url": s["url"]}
    fields["note"] = f"Accessed {s['accessed']:%Y-%m-%d}"
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if isinstance(v, str) and v and v != "nan")
    return f"@misc{{{sid.replace('-', '_')},\n{body}\n}}\n"
