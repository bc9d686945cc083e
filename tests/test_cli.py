"""The jrr command: exit codes, streams and formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from japan_russia_relations.cli import COMMANDS, main


def jrr(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "japan_russia_relations", *args], capture_output=True, text=True)


def test_validate_clean_exits_zero(capsys) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("valid:")


def test_validate_invalid_exits_one_with_github_annotations(package_copy: Path, set_cell, capsys) -> None:
    line = set_cell(package_copy, "events", 0, "event_type", "invasion")
    assert main(["validate", str(package_copy), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert f"::error file=data/events.csv,line={line},col=4::event_type: is not one of the allowed values" in out


def test_validate_json(package_copy: Path, set_cell, capsys) -> None:
    line = set_cell(package_copy, "sources", 0, "url", "ftp://x")
    assert main(["validate", str(package_copy), "--format", "json"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["valid"] is False
    assert {"file": "data/sources.csv", "line": line, "column": "url"}.items() <= body["problems"][0].items()


def test_validate_usage_error(tmp_path: Path) -> None:
    result = jrr("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no datapackage.json" in result.stderr
    assert result.stdout == ""


def test_unknown_table_is_usage_error() -> None:
    result = jrr("show", "nope")
    assert result.returncode == 2
    assert "the tables are" in result.stderr


def test_show_csv_goes_to_stdout() -> None:
    result = jrr("show", "events", "--limit", "3", "--format", "csv")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("event_id,date,date_earliest")
    assert len(lines) == 4


def test_info_lists_every_table() -> None:
    result = jrr("info")
    assert result.returncode == 0
    for name in ("events", "statements", "sanctions", "territorial_claims", "sources"):
        assert name in result.stdout


@pytest.mark.parametrize("command", [name for name, *_ in COMMANDS])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = jrr(command, "--help")
    assert result.returncode == 0
    assert "example:" in result.stdout and "jrr " in result.stdout
