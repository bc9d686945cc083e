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
    """The citation in ``text``, ``bibtex`` or ``cff`` form."""
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")
    if style == "cff":
        return citation_file()
    meta = citation()
    year = str(meta.get("date-released", ""))[:4]
    version = meta["version"]
    authors = _authors(meta)
    if style == "text":
        where = f" {meta['url']}" if meta.get("url") else ""
        return f"{'; '.join(authors)} ({year}). {meta['title']} (Version {version}) [Data set].{where}\n"
    key = "japan_russia_relations_" + re.sub(r"\W", "_", version)
    fields = {
        "author": " and ".join("{" + a + "}" if " " in a and "," not in a else a for a in authors),
        "title": "{" + meta["title"] + "}",
        "year": year,
        "version": version,
        "note": "Data set",
    }
    if meta.get("url"):
        fields["url"] = meta["url"]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@misc{{{key},\n{body}\n}}\n"
