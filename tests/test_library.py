"""The library around the data: codebook, citation, versions, diff, export, polars."""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import PACKAGE, ROOT, read_rows, write_rows

import japan_russia_relations as jrr
from japan_russia_relations.cli import main
from japan_russia_relations.diff import diff_packages, render_text
from japan_russia_relations.export import export


def test_describe_lists_every_field_with_its_vocabulary() -> None:
    book = jrr.describe("sanctions")
    res = PACKAGE.resources["sanctions"]
    assert list(book["field"]) == res.field_names
    row = book.set_index("field").loc["measure_type"]
    assert "asset_freeze: " in row["allowed values"]
    assert bool(row["required"]) is True
    assert book.set_index("field").loc["imposing_id", "references"] == "actors.actor_id"


def test_search_fields_across_tables() -> None:
    hits = jrr.search_fields("quote")
    assert {"quote", "quote_language", "quote_is_translation"} <= set(hits["field"])
    assert set(hits["table"]) == {"statements"}


def test_versions_agree_everywhere() -> None:
    pyproject = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)[1]
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"]
    changelog = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)[0]
    assert pyproject == package == cff == changelog == jrr.__version__


def _cff_schema() -> dict:
    spec = importlib.util.find_spec("cffconvert")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("cffconvert (which ships the CFF 1.2.0 JSON schema) is not installed; .ci/run installs it")
    path = Path(next(iter(spec.submodule_search_locations))) / "schemas" / "1.2.0" / "schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_citation_cff_is_valid_for_a_dataset() -> None:
    import jsonschema

    meta = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    meta["date-released"] = str(meta["date-released"])  # YAML reads it as a date
    jsonschema.validate(meta, _cff_schema())
    assert meta["type"] == "dataset"
    assert meta["license"] == "CC-BY-4.0"


def test_cite_styles() -> None:
    version = jrr.__version__
    assert f"(Version {version})" in jrr.cite("text")
    bib = jrr.cite("bibtex")
    assert bib.startswith("@misc{japan_russia_relations_") and f"version = {{{version}}}" in bib
    assert jrr.cite("cff") == (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="choose one of"):
        jrr.cite("apa")


def test_cite_points_to_the_doi_once_minted(monkeypatch: pytest.MonkeyPatch) -> None:
    from japan_russia_relations import citation

    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "doi" not in citation.citation()  # none minted yet: nothing invented
    extra = 'repository-code: "https://example.org/jrr"\n'
    monkeypatch.setattr(citation, "citation_file", lambda: cff + extra)
    assert jrr.cite("text").rstrip().endswith("[Data set]. https://example.org/jrr")
    monkeypatch.setattr(citation, "citation_file", lambda: cff + extra + 'doi: "10.5281/zenodo.1"\n')
    assert jrr.cite("text").rstrip().endswith("https://doi.org/10.5281/zenodo.1")
    bib = jrr.cite("bibtex")
    assert "doi = {10.5281/zenodo.1}" in bib and "url = {https://doi.org/10.5281/zenodo.1}" in bib


def test_diff_reports_added_changed_and_retired(package_copy: Path) -> None:
    path = package_copy / "data" / "events.csv"
    rows = read_rows(path)
    header = rows[0]
    gone = rows.pop(5)[0]
    rows[1][header.index("title")] = "A corrected title"
    added = list(rows[2])
    added[0] = "EV-9999"
    rows.append(added)
    write_rows(path, rows)
    result = diff_packages(ROOT, package_copy)["events"]
    assert result.added == ["EV-9999"]
    assert result.retired == [gone]
    assert result.changed == {rows[1][0]: ["title"]}
    assert diff_packages(ROOT, ROOT)["events"].empty
    assert "events: 1 added, 1 changed, 1 retired" in render_text(diff_packages(ROOT, package_copy))


def test_diff_cli_json(package_copy: Path, capsys) -> None:
    assert main(["diff", str(ROOT), str(package_copy), "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["events"] == {"added": [], "retired": [], "changed": {}}
    assert main(["diff", str(ROOT), str(package_copy / "nowhere")]) == 2


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx", "sqlite"])
def test_export_formats_round_trip(fmt: str, tmp_path: Path) -> None:
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    written = export(["events", "sanctions"], tmp_path, fmt)
    events = jrr.load("events")
    if fmt == "sqlite":
        with sqlite3.connect(written[0]) as con:
            back = pd.read_sql("select event_id, event_type from events", con)
    elif fmt == "csv":
        back = pd.read_csv(tmp_path / "events.csv", keep_default_na=False)
    elif fmt == "parquet":
        back = pd.read_parquet(tmp_path / "events.parquet")
        assert isinstance(back["event_type"].dtype, pd.CategoricalDtype)
    else:
        back = pd.read_excel(tmp_path / "events.xlsx")
    assert list(back["event_id"]) == list(events["event_id"])
    assert list(back["event_type"].astype(str)) == list(events["event_type"].astype(str))


def test_polars_backend_keeps_the_typing() -> None:
    pl = pytest.importorskip("polars")
    frame = jrr.load("events", backend="polars")
    assert frame.height == len(jrr.load("events"))
    assert isinstance(frame.schema["event_type"], pl.Enum)
    assert frame.schema["date_earliest"] == pl.Datetime("us")
    with pytest.raises(ValueError, match="unknown backend"):
        jrr.load("events", backend="spark")


def test_retired_ids_registry_matches_schema() -> None:
    rows = read_rows(PACKAGE.resources["retired_ids"].path)
    assert rows[0] == PACKAGE.resources["retired_ids"].field_names


def test_public_functions_survive_repeated_calls() -> None:
    """Submodules must not shadow the package's functions of the same name."""
    for _ in range(2):
        assert jrr.validate().valid
        assert jrr.cite("text")
        assert len(jrr.describe("events"))


def test_sqlite_has_keys_and_full_text_search(tmp_path: Path) -> None:
    path = export(["events"], tmp_path, "sqlite")[0]
    with sqlite3.connect(path) as con:
        pk = [r[1] for r in con.execute("PRAGMA table_info(statements)") if r[5]]
        fks = {(r[3], r[2]) for r in con.execute("PRAGMA foreign_key_list(statements)")}
        hits = con.execute(
            "SELECT event_id FROM events WHERE rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH 'Shimoda')"
        ).fetchall()
        days = {r[0] for r in con.execute("SELECT length(date_earliest) FROM events")}
    assert pk == ["statement_id"]
    assert ("speaker_id", "actors") in fks and ("event_id", "events") in fks
    assert ("EV-0001",) in hits
    assert days == {10}  # one resolution: the day, as text


def test_xlsx_dates_have_no_time(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    import openpyxl

    export(["events"], tmp_path, "xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "events.xlsx").active
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("date_earliest") + 1)
    assert cell.is_date and cell.number_format in ("yyyy-mm-dd", "YYYY-MM-DD", "mm-dd-yy")
    assert cell.value.hour == 0 and cell.value.minute == 0


def test_zenodo_metadata_matches_the_citation() -> None:
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert zenodo["version"] == cff["version"] == jrr.__version__
    assert zenodo["title"] == cff["title"] and zenodo["upload_type"] == "dataset"


def test_pre_commit_hook_runs_the_validator() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "jrr-validate" and hooks[0]["entry"].startswith("jrr validate")
    assert hooks[0]["pass_filenames"] is False
