"""Read ``datapackage.json`` and its Table Schemas.

The schemas are the single source of truth: the loader's dtypes, the pandera
checks and the codebook all come from the structures returned here. Besides
the standard Table Schema properties we use a few ``x-`` properties:

- field ``x-partialDate``: an ISO 8601 date at year, month or day precision;
- field ``x-delimiter``: a multi-valued field, values joined by the delimiter;
- field ``x-vocabulary``: the label (and PLOVER/CAMEO mappings) of each enum value;
- field ``x-maxWords``: the most words a text may have;
- schema ``x-listForeignKeys``: foreign keys of multi-valued fields;
- schema ``x-dateOrder``: pairs of date fields where the second may not precede the first;
- schema ``x-requireOneOf``: groups of fields of which at least one must be filled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .fields import Field
from .paths import DESCRIPTOR, package_root


@dataclass(frozen=True)
class Resource:
    """One table of the package: its name, CSV path and Table Schema."""

    name: str
    path: Path
    relpath: str
    schema: dict[str, Any]
    title: str = ""
    description: str = ""

    @property
    def fields(self) -> list[dict[str, Any]]:
        return self.schema["fields"]

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @cached_property
    def typed_fields(self) -> list[Field]:
        """The fields as :class:`.fields.Field` objects, in order."""
        return [Field(f) for f in self.fields]

    @property
    def primary_key(self) -> str:
        return self.schema["primaryKey"][0]

    def field(self, name: str) -> dict[str, Any]:
        for f in self.fields:
            if f["name"] == name:
                return f
        raise KeyError(name)


@dataclass(frozen=True)
class Package:
    """The parsed descriptor: metadata and resources in descriptor order."""

    root: Path
    metadata: dict[str, Any]
    resources: dict[str, Resource] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.metadata["version"]


class DescriptorError(ValueError):
    """The descriptor or a schema is missing or unreadable."""


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DescriptorError(f"{path}: file not found") from exc
    except json.JSONDecodeError as exc:
        raise DescriptorError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc


def read_package(root: Path | str | None = None) -> Package:
    """Parse the package at ``root`` (default: the bundled one).

    Parsed packages are kept, keyed by the modification times of the
    descriptor and the schemas, so an edited schema is read again (no stale
    verdict) while repeated loads do not parse the same JSON twice.
    """
    base = (Path(root) if root is not None else package_root()).resolve()
    return _read_package_cached(base, _stamp(base))


def _stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of the descriptor and every schema file."""
    files = [root / DESCRIPTOR, *sorted((root / "schemas").glob("*.json"))]
    return tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file())


@lru_cache(maxsize=8)
def _read_package_cached(root: Path, stamp: tuple) -> Package:
    meta = _read_json(root / DESCRIPTOR)
    resources: dict[str, Resource] = {}
    for res in meta.get("resources", []):
        schema = res["schema"]
        if isinstance(schema, str):
            schema = _read_json(root / schema)
        resources[res["name"]] = Resource(
            name=res["name"],
            path=root / res["path"],
            relpath=res["path"],
            schema=schema,
            title=res.get("title", ""),
            description=res.get("description", ""),
        )
    return Package(root=root, metadata=meta, resources=resources)


def all_foreign_keys(resource: Resource) -> list[tuple[str, str, str, str | None]]:
    """Every reference of a table as (field, target table, target field, delimiter).

    Single-valued keys come from ``foreignKeys`` (delimiter None), multi-valued
    ones from ``x-listForeignKeys``. An empty or absent ``resource`` is the
    table itself.
    """
    out = []
    for key, multi in (("foreignKeys", False), ("x-listForeignKeys", True)):
        for fk in resource.schema.get(key, []):
            src = fk["fields"][0]
            ref = fk["reference"]
            target = ref.get("resource") or resource.name
            delim = resource.field(src).get("x-delimiter", ";") if multi else None
            out.append((src, target, ref["fields"][0], delim))
    return out
