"""The Table Schemas: complete, consistent, and valid to frictionless."""

from __future__ import annotations

import re

import pytest
from conftest import PACKAGE, ROOT

from japan_russia_relations.descriptor import all_foreign_keys
from japan_russia_relations.to_pandera import to_pandera

RESOURCES = list(PACKAGE.resources.values())


@pytest.mark.parametrize("res", RESOURCES, ids=lambda r: r.name)
def test_every_field_is_documented_and_typed(res) -> None:
    for field in res.fields:
        assert field.get("description", "").strip(), f"{res.name}.{field['name']} has no description"
        assert field["type"] in {"string", "integer", "number", "boolean", "date"}
    assert res.primary_key in res.field_names


@pytest.mark.parametrize("res", RESOURCES, ids=lambda r: r.name)
def test_patterns_are_anchored_and_grouped(res) -> None:
    for field in res.fields:
        pattern = field.get("constraints", {}).get("pattern")
        if pattern is None:
            continue
        assert pattern.startswith("^") and pattern.endswith("$"), pattern
        depth = 0
        for i, ch in enumerate(pattern):
            depth += ch == "("
            depth -= ch == ")"
            if ch == "|" and pattern[i - 1] != "\\":
                assert depth > 0, f"{res.name}.{field['name']}: bare alternation in {pattern}"
        re.compile(pattern)


@pytest.mark.parametrize("res", RESOURCES, ids=lambda r: r.name)
def test_vocabularies_have_labels(res) -> None:
    for field in res.fields:
        enum = field.get("constraints", {}).get("enum")
        if enum:
            vocab = field.get("x-vocabulary", {})
            assert list(vocab) == enum, field["name"]
            assert all(v.get("label") for v in vocab.values())


@pytest.mark.parametrize("res", RESOURCES, ids=lambda r: r.name)
def test_references_point_at_real_fields(res) -> None:
    for field, target, tfield, _ in all_foreign_keys(res):
        assert field in res.field_names
        assert tfield in PACKAGE.resources[target].field_names


@pytest.mark.parametrize("res", RESOURCES, ids=lambda r: r.name)
def test_pandera_schema_mirrors_table_schema(res) -> None:
    schema = to_pandera(res)
    assert list(schema.columns) == res.field_names
    for field in res.fields:
        col = schema.columns[field["name"]]
        cons = field.get("constraints", {})
        assert col.nullable is (not cons.get("required", False))
        assert col.unique is bool(cons.get("unique", False))
        expected = sum(k in cons for k in ("enum", "pattern", "minimum", "maximum", "maxLength", "minLength"))
        expected -= bool(field.get("x-partialDate"))  # a partial date's shape is the parser's to check
        assert len(col.checks) == expected, field["name"]


def test_frictionless_finds_the_package_valid() -> None:
    from frictionless import Package

    report = Package(str(ROOT / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]


def test_descriptor_metadata() -> None:
    meta = PACKAGE.metadata
    assert meta["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    for key in ("name", "title", "description", "version", "licenses", "contributors", "keywords", "created"):
        assert meta.get(key), key
    assert meta["licenses"][0]["name"] == "CC-BY-4.0"
