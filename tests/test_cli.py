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


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = jrr(command, "--help")
    assert result.returncode == 0
    assert "example:" in result.stdout and "jrr " in result.stdout


def test_main_help_shows_an_example_for_every_command() -> None:
    result = jrr("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command.example in result.stdout


def test_closed_pipe_ends_quietly() -> None:
    script = f"{sys.executable} -m japan_russia_relations show events --limit 5 | head -1"
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr


@pytest.mark.parametrize("limit", ["-1", "two"])
def test_limit_must_be_a_count(limit: str) -> None:
    result = jrr("show", "events", "--limit", limit)
    assert result.returncode == 2
    assert "--limit" in result.stderr


def test_show_fits_the_terminal_and_shows_missing_values_one_way() -> None:
    from japan_russia_relations.display import fit
    from japan_russia_relations.load import load

    text = fit(load("events").head(20), 120)
    assert max(len(line) for line in text.splitlines()) < 1000
    assert not {"NaN", "<NA>", "NaT"} & set(text.split())
    assert "…" in text  # long descriptions are cut


def test_validate_accepts_the_descriptor_path(capsys) -> None:
    from conftest import ROOT

    assert main(["validate", str(ROOT / "datapackage.json")]) == 0
    assert capsys.readouterr().out.startswith("valid:")


def test_unknown_table_suggests_the_right_name() -> None:
    result = jrr("show", "event")
    assert result.returncode == 2
    assert "did you mean 'events'" in result.stderr


def test_cite_one_row_gives_its_pages(capsys) -> None:
    assert main(["cite", "EV-0001"]) == 0
    out = capsys.readouterr().out
    assert "Row EV-0001 of table events" in out and "SRC-0033" in out
    assert main(["cite", "EV-0001", "--format", "bibtex"]) == 0
    assert "@misc{SRC_0033" in capsys.readouterr().out


def test_cite_unknown_row_is_usage_error(capsys) -> None:
    assert main(["cite", "EV-9999"]) == 2
    assert "no row 'EV-9999'" in capsys.readouterr().err


def test_info_shows_dates_as_written() -> None:
    result = jrr("info")
    assert "1904-01-01" not in result.stdout


def test_validate_command_does_not_import_hypothesis() -> None:
    """pandera would pull in hypothesis (half a second) where it is installed, as here."""
    code = (
        "import sys; from japan_russia_relations.cli import main; code = main(['validate', '.']);"
        "print(code, sys.modules.get('hypothesis') is not None)"
    )
    from conftest import ROOT

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.split()[-2:] == ["0", "False"], result.stderr
