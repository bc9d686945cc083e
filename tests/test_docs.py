"""The README stays in step with the data and the commands it shows."""

from __future__ import annotations

import re

from conftest import ROOT

from japan_russia_relations.summary import counts_markdown

README = ROOT / "README.md"


def test_readme_table_of_tables_matches_the_data() -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- counts:start -->\n(.*)<!-- counts:end -->", text, re.S)
    assert block, "README lost its counts markers"
    assert block.group(1).strip() == counts_markdown()


def test_readme_gives_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "pip install . && jrr info" in text
    assert 'pip install -e ".[test]" && python -m pytest' in text


def test_committed_codebook_is_current() -> None:
    from japan_russia_relations.codebook import render_markdown

    committed = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), "docs/codebook.md is stale: run `jrr codebook --to docs/codebook.md`"


def test_codebook_covers_every_field_and_vocabulary_value() -> None:
    from conftest import PACKAGE

    text = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    for res in PACKAGE.resources.values():
        for field in res.fields:
            assert f"| `{field['name']}` |" in text
            for value in field.get("x-vocabulary", {}):
                assert f"| `{value}` |" in text
