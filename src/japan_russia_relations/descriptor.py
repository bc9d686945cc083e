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
- schema ``x-requireOneOf``: groups of fields of which at least one must be filled;
- schema ``x-numberOrder``: pairs of number fields where the second may not be less than the first;
- schema ``x-conditions`` and ``x-actorPeriod``: coding rules (see :mod:`.validator.conditions`).
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


def _read_json(path: Path, shown: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DescriptorError(f"{shown}: file not found") from None
    except json.JSONDecodeError as exc:
        raise DescriptorError(f"{shown}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    if not isinstance(data, dict):
        raise DescriptorError(f"{shown}: not a JSON object")
    return data


def inside(root: Path, relpath: Any, what: str) -> Path:
    """``relpath`` as a path inside the package directory, or DescriptorError.

    The descriptor of a pull request is untrusted: an absolute path, ``..``,
    a URL or a symbolic link leading out of the package is refused, and the
    file it names is never opened, so nothing outside is read or echoed.
    """
    if not isinstance(relpath, str) or not relpath:
        raise DescriptorError(f"{what}: the path must be a relative path inside the package")
    if "://" in relpath or relpath.startswith(("/", "\\")) or Path(relpath).is_absolute():
        raise DescriptorError(f"{what}: {relpath!r} is not a relative path inside the package")
    if ".." in Path(relpath).parts:
        raise DescriptorError(f"{what}: {relpath!r} leads out of the package ('..' is not allowed)")
    target = (root / relpath).resolve()
    if not target.is_relative_to(root):
        raise DescriptorError(f"{what}: {relpath!r} leads out of the package (through a symbolic link)")
    return target


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
    meta = _read_json(root / DESCRIPTOR, DESCRIPTOR)
    resources: dict[str, Resource] = {}
    for number, res in enumerate(meta.get("resources", []), start=1):
        name = res.get("name") if isinstance(res, dict) else None
        what = f"{DESCRIPTOR}: resource {name or number}"
        if not name:
            raise DescriptorError(f"{what}: has no name")
        if name in resources:
            raise DescriptorError(f"{what}: the name {name!r} is used by two resources")
        path = inside(root, res.get("path"), f"{what}, path")
        schema = res.get("schema")
        if isinstance(schema, str):
            schema = _read_json(inside(root, schema, f"{what}, schema"), schema)
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            raise DescriptorError(f"{what}: the schema has no list of fields")
        resources[name] = Resource(
            name=name,
            path=path,
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
