"""The validator against the real data and against one fault at a time.

Each test breaks a copy of the real package in one place and asserts the
exact file, line and column reported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import append_copy, number_notes, read_rows, write_rows

from japan_russia_relations.descriptor import read_package
from japan_russia_relations.report import Problem
from japan_russia_relations.validator import UsageError, structure, validate


def at(report, file: str, line: int | None, column: str | None) -> list[Problem]:
    return [p for p in report.problems if (p.file, p.line, p.column) == (file, line, column)]


def test_real_data_is_valid() -> None:
    report = validate()
    assert report.valid, report.to_text()
    assert len(report.files) == len(read_package().resources)


def test_copy_is_valid(package_copy: Path) -> None:
    assert validate(package_copy).valid


def test_no_descriptor_is_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no datapackage\.json"):
        validate(tmp_path)


@pytest.mark.parametrize(
    ("table", "column", "value", "words"),
    [
        ("events", "date", "2022-02-30", "not a real date"),
        ("events", "date", "2022-13", "is not a real date"),
        ("events", "date", "22-1", "is not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
        ("events", "event_type", "invasion", "not one of the allowed values"),
        ("events", "event_id", "EV-12", "does not match the pattern"),
        ("events", "actor_id", "XXX", "not in actors.actor_id"),
        ("events", "source_ids", "SRC-0001;SRC-9999", "SRC-9999, which is not in sources.source_id"),
        ("events", "source_ids", "", "is required but empty"),
        ("events", "title", "=HYPERLINK(1)", "formula"),
        ("events", "title", "@SUM(A1)", "formula"),
        ("events", "title", " Leading space", "leading or trailing spaces"),
        ("events", "title", "Tab\tinside", "control character"),
        ("events", "title", "Cafe\u0301", "NFC"),
        ("events", "latitude", "north", "is not a number"),
        ("events", "latitude", "95", "above the maximum 90"),
        ("sources", "url", "ftp://example.org/file", "is not a web address starting with http:// or https://"),
        ("sources", "url", "javascript:alert(1)", "is not a web address"),
        ("sources", "accessed", "2022-02-30", "date"),
        ("sources", "title", "Bell\x07", "control character"),
        ("statements", "event_id", "EV-9999", "EV-9999, which is not in events.event_id"),
        ("sanctions", "event_id", "EV-9998", "EV-9998, which is not in events.event_id"),
        ("territories", "notes", "=1+1", "formula"),
        ("territories", "name_ru", "Cafe\u0301", "NFC"),
        ("sanctions", "notes", "trailing ", "leading or trailing spaces"),
        ("statements", "quote_is_translation", "yes", "is not one of"),
        ("statements", "quote", " ".join(["word"] * 61), "more than 60 words"),
        ("sanctions", "individuals_designated", "many", "whole number"),
        ("sanctions", "individuals_designated", "-1", "below the minimum 0"),
    ],
)
def test_single_cell_faults_are_located(package_copy: Path, set_cell, table, column, value, words) -> None:
    line = set_cell(package_copy, table, 0, column, value)
    report = validate(package_copy)
    found = at(report, f"data/{table}.csv", line, column)
    assert found, report.to_text()
    assert any(words in p.message for p in found), [p.message for p in found]


@pytest.mark.parametrize(("table", "column"), [("events", "date"), ("sources", "accessed")])
def test_future_date(package_copy: Path, set_cell, table: str, column: str) -> None:
    line = set_cell(package_copy, table, 0, column, "2026-11-26")
    report = validate(package_copy, today=dt.date(2026, 11, 25))
    assert any("after today" in p.message for p in at(report, f"data/{table}.csv", line, column)), report.to_text()


def test_end_before_start(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "events", 0, "date", "2020-05-02")
    line = set_cell(package_copy, "events", 0, "end_date", "2020-05-01")
    report = validate(package_copy)
    assert any("before date" in p.message for p in at(report, "data/events.csv", line, "end_date"))


def test_month_end_may_share_the_month(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "events", 0, "date", "2020-05-20")
    line = set_cell(package_copy, "events", 0, "end_date", "2020-05")
    assert not at(validate(package_copy), "data/events.csv", line, "end_date")


def test_sanction_effective_before_announced(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "sanctions", 0, "announced", "2022-03-10")
    line = set_cell(package_copy, "sanctions", 0, "effective", "2022-03-09")
    report = validate(package_copy)
    assert any("before announced" in p.message for p in at(report, "data/sanctions.csv", line, "effective"))


def test_duplicate_id(package_copy: Path, set_cell) -> None:
    first = read_rows(package_copy / "data" / "events.csv")[1][0]
    line = set_cell(package_copy, "events", 1, "event_id", first)
    report = validate(package_copy)
    assert any("not unique" in p.message for p in at(report, "data/events.csv", line, "event_id"))


def test_retired_id_may_not_return(package_copy: Path) -> None:
    live = read_rows(package_copy / "data" / "events.csv")[1][0]
    path = package_copy / "data" / "retired_ids.csv"
    rows = read_rows(path)
    rows.append([live, "events", "2026-01-01", "duplicate of another row", ""])
    write_rows(path, rows)
    report = validate(package_copy)
    assert any("retired" in p.message for p in at(report, "data/events.csv", 2, "event_id"))


def test_uncited_source(package_copy: Path) -> None:
    line = append_copy(package_copy / "data" / "sources.csv", 1, "SRC-9999")
    report = validate(package_copy)
    assert any("cited by no row" in p.message for p in at(report, "data/sources.csv", line, "source_id"))


def test_not_utf8(package_copy: Path) -> None:
    path = package_copy / "data" / "events.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"E", b"\xe9", 1)
    path.write_bytes(b"\n".join(lines))
    report = validate(package_copy)
    found = at(report, "data/events.csv", 3, None)
    assert any("not UTF-8" in p.message for p in found), report.to_text()


@pytest.mark.parametrize("change", ["missing", "extra", "reordered"])
def test_header_faults(package_copy: Path, change: str) -> None:
    path = package_copy / "data" / "actors.csv"
    rows = read_rows(path)
    if change == "missing":
        rows = [r[:-1] for r in rows]
    elif change == "extra":
        rows = [[*r, "x"] for r in rows]
    else:
        rows = [[r[1], r[0], *r[2:]] for r in rows]
    write_rows(path, rows)
    report = validate(package_copy)
    found = [p for p in report.problems if p.file == "data/actors.csv" and p.line == 1]
    assert found, report.to_text()
    expected = {"missing": "missing from the header", "extra": "not in the schema", "reordered": "out of order"}[change]
    assert any(expected in p.message for p in found)


@pytest.mark.parametrize(("delta", "cells"), [(1, "too many"), (-1, "too few"), (-3, "too few")])
def test_row_length(package_copy: Path, delta: int, cells: str) -> None:
    path = package_copy / "data" / "events.csv"
    rows = read_rows(path)
    width = len(rows[0])
    rows[3] = [*rows[3], "x"] if delta > 0 else rows[3][:delta]
    write_rows(path, rows)
    report = validate(package_copy)
    found = at(report, "data/events.csv", 4, None)
    assert any(f"row has {width + delta} cells, the header has {width}" in p.message for p in found), report.to_text()


def test_blank_line_is_a_short_row(package_copy: Path) -> None:
    path = package_copy / "data" / "events.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(2, "")
    path.write_text("\n".join(lines), encoding="utf-8")
    assert at(validate(package_copy), "data/events.csv", 3, None)


def test_unterminated_quote(package_copy: Path) -> None:
    path = package_copy / "data" / "events.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[4] = lines[4].replace(",", ',"', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    report = validate(package_copy)
    assert any(p.file == "data/events.csv" and p.line == 5 for p in report.problems), report.to_text()


def test_line_break_inside_cell_keeps_later_lines_right(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "events", 0, "description", "two\nlines")
    line = set_cell(package_copy, "events", 2, "title", "=bad") + 1
    report = validate(package_copy)
    assert at(report, "data/events.csv", 2, "description")
    assert at(report, "data/events.csv", line, "title"), report.to_text()


def test_empty_and_missing_files(package_copy: Path) -> None:
    (package_copy / "data" / "statements.csv").write_text("", encoding="utf-8")
    (package_copy / "data" / "territories.csv").unlink()
    report = validate(package_copy)
    assert any("empty" in p.message for p in report.problems if p.file == "data/statements.csv")
    assert any("missing" in p.message for p in report.problems if p.file == "data/territories.csv")


def test_all_errors_are_collected(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "events", 0, "title", "=x")
    set_cell(package_copy, "sanctions", 0, "measure_type", "nope")
    set_cell(package_copy, "actors", 0, "name_en", " padded")
    report = validate(package_copy)
    assert {"data/events.csv", "data/sanctions.csv", "data/actors.csv"} <= set(report.counts())


def test_validator_never_writes(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "events", 0, "title", "=x")
    before = {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()}
    validate(package_copy)
    after = {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()}
    assert before == after


def test_windows_line_ending_is_reported(package_copy: Path) -> None:
    path = package_copy / "data" / "actors.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] += b"\r"
    path.write_bytes(b"\n".join(lines))
    report = validate(package_copy)
    found = [p for p in report.problems if p.file == "data/actors.csv"]
    assert len(found) == 1 and "carriage returns" in found[0].message and found[0].line == 4, found


def test_required_date_left_empty(package_copy: Path, set_cell) -> None:
    line = set_cell(package_copy, "events", 1, "date", "")
    report = validate(package_copy)
    assert any("required" in p.message for p in at(report, "data/events.csv", line, "date")), report.to_text()


def test_sanction_needs_an_announced_or_effective_date(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "sanctions", 2, "effective", "")
    line = set_cell(package_copy, "sanctions", 2, "announced", "")
    report = validate(package_copy)
    assert any("so is effective" in p.message for p in at(report, "data/sanctions.csv", line, "announced"))


def test_source_without_url_must_say_where_it_is_kept(package_copy: Path, set_cell) -> None:
    set_cell(package_copy, "sources", 3, "url", "")
    line = set_cell(package_copy, "sources", 3, "notes", "")
    report = validate(package_copy)
    assert any("notes do not say" in p.message for p in at(report, "data/sources.csv", line, "url")), report.to_text()


def test_every_check_is_registered() -> None:
    import inspect

    from japan_russia_relations.validator import checks, claims, conditions

    modules = (checks, conditions, claims)
    defined = {n for m in modules for n, f in inspect.getmembers(m, inspect.isfunction) if n.startswith("check_")}
    assert defined == {f.__name__ for f in checks.CHECKS}


def test_text_that_looks_numeric_is_checked_as_written(package_copy: Path) -> None:
    """A text column holding only numbers is read as text: "07 " keeps its zero and its space."""
    number_notes(package_copy, 3, "07 ")
    report = validate(package_copy)
    found = at(report, "data/territories.csv", 4, "notes")
    assert [(p.check, p.value) for p in found] == [("text-space", "07 ")], report.to_text()
    assert len(report.problems) == 1, report.to_text()


def test_line_breaks_across_a_large_file_keep_every_line_right(package_copy: Path) -> None:
    """Past pyarrow's 1 MiB blocks, a line break in every row's cell: whichever
    reader ends up reading the file, each fault is reported at its own row."""
    path = package_copy / "data" / "events.csv"
    rows = read_rows(path)
    header, body = rows[0], rows[1:]
    ident, desc = header.index("event_id"), header.index("description")
    big = [list(row) for _ in range(20) for row in body]
    for number, row in enumerate(big, start=1):
        row[ident] = f"EV-{number:04d}"
        row[desc] = f"{row[desc]}\nsecond line"
    write_rows(path, [header, *big])
    assert path.stat().st_size > 3 * 2**20
    report = validate(package_copy)
    lines = {p.line for p in report.problems if p.column == "description" and "control character" in p.message}
    assert lines == {2 + 2 * i for i in range(len(big))}


def test_faults_in_a_large_file_are_located(package_copy: Path) -> None:
    """A file past 1 MiB is read with its repeating columns dictionary-encoded
    (with pyarrow); faults in it are found and placed as in a small one."""
    path = package_copy / "data" / "events.csv"
    rows = read_rows(path)
    header, body = rows[0], rows[1:]
    big = [list(row) for _ in range(10) for row in body]
    for number, row in enumerate(big, start=1):
        row[header.index("event_id")] = f"EV-{number:04d}"
        row[header.index("title")] += f" ({number})"  # a clone is not a repeat of its original
    faults = {
        3: ("event_type", "invasion", "not one of the allowed values"),
        len(body) + 5: ("title", " Leading space", "leading or trailing spaces"),
        2 * len(body) + 7: ("actor_id", "XXX", "not in actors.actor_id"),
        len(big) - 1: ("date", "2022-02-30", "not a real date"),
    }
    for index, (column, value, _) in faults.items():
        big[index][header.index(column)] = value
    write_rows(path, [header, *big])
    assert path.stat().st_size > structure._DICTIONARY_BYTES
    report = validate(package_copy)
    for index, (column, _, words) in faults.items():
        found = at(report, "data/events.csv", index + 2, column)
        assert any(words in p.message for p in found), (column, report.to_text())
    assert {p.line for p in report.problems} == {index + 2 for index in faults}
