"""What a contributor meets: one mistake, a few clear problems; a descriptor
that cannot lead outside the package; ids that are kept."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import append_copy, read_rows, write_rows

from japan_russia_relations.validator import validate


def _break(root: Path, mistake: str) -> None:
    path = root / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if mistake == "short row":
        rows = read_rows(path)
        rows[5] = rows[5][:-2]
        write_rows(path, rows)
    elif mistake == "stray quote":
        lines[7] = lines[7].replace(",", ',"', 1)
        path.write_text("\n".join(lines), encoding="utf-8")
    elif mistake == "trailing blank line":
        path.write_text(text + "\n", encoding="utf-8")
    elif mistake == "missing column":
        write_rows(path, [r[:-1] for r in read_rows(path)])
    elif mistake == "unknown column":
        write_rows(path, [[*r, "x"] for r in read_rows(path)])
    elif mistake == "windows line endings":
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    elif mistake == "latin-1":
        path.write_bytes(text.encode("utf-8").decode("utf-8").encode("latin-1", errors="replace"))


MISTAKES = ["short row", "stray quote", "trailing blank line", "missing column", "unknown column",
            "windows line endings", "latin-1"]  # fmt: skip


@pytest.mark.parametrize("mistake", MISTAKES)
def test_one_mistake_yields_at_most_five_problems(package_copy: Path, mistake: str) -> None:
    _break(package_copy, mistake)
    report = validate(package_copy)
    assert not report.valid
    assert len(report.problems) <= 5, report.to_text()
    first = report.sorted()[0]
    assert first.file == "data/events.csv", report.to_text()  # the real fault comes first
    assert not any("is cited by no row" in p.message for p in report.problems)


def _descriptor(root: Path) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def _write_descriptor(root: Path, meta: dict) -> None:
    (root / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("path", "../../etc/passwd", "leads out of the package"),
        ("path", "/etc/passwd", "not a relative path"),
        ("path", "https://example.org/events.csv", "not a relative path"),
        ("schema", "../outside.json", "leads out of the package"),
    ],
)
def test_paths_outside_the_package_are_refused_and_not_read(package_copy: Path, key, value, words) -> None:
    outside = package_copy.parent / "outside.json"
    outside.write_text('{"secret": "do not echo"}', encoding="utf-8")
    meta = _descriptor(package_copy)
    meta["resources"][0][key] = value
    _write_descriptor(package_copy, meta)
    report = validate(package_copy)
    assert len(report.problems) == 1, report.to_text()
    problem = report.problems[0]
    assert words in problem.message and "resource events" in problem.message
    assert "secret" not in report.to_text() and "root:" not in report.to_text()


def test_a_symbolic_link_out_of_the_package_is_refused(package_copy: Path) -> None:
    secret = package_copy.parent / "secret.csv"
    secret.write_text("event_id\nEV-0001\n", encoding="utf-8")
    os.symlink(secret, package_copy / "data" / "linked.csv")
    meta = _descriptor(package_copy)
    meta["resources"][0]["path"] = "data/linked.csv"
    _write_descriptor(package_copy, meta)
    report = validate(package_copy)
    assert [p.message for p in report.problems] == [
        "datapackage.json: resource events, path: 'data/linked.csv' leads out of the package (through a symbolic link)"
    ]


def test_invalid_json_and_duplicate_names_are_one_problem_each(package_copy: Path) -> None:
    (package_copy / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    assert len(validate(package_copy).problems) == 1
    meta = json.loads(Path(__file__).parent.parent.joinpath("datapackage.json").read_text(encoding="utf-8"))
    meta["resources"].append(dict(meta["resources"][0]))
    _write_descriptor(package_copy, meta)
    report = validate(package_copy)
    assert len(report.problems) == 1 and "used by two resources" in report.problems[0].message


def test_a_released_id_may_not_vanish(package_copy: Path) -> None:
    path = package_copy / "data" / "events.csv"
    rows = read_rows(path)
    gone = rows.pop(1)[0]
    write_rows(path, rows)
    report = validate(package_copy)
    found = [p for p in report.problems if p.value == gone and p.file == "data/released_ids.csv"]
    assert found and "published by a release" in found[0].message, report.to_text()


def test_a_repeated_row_under_a_new_id_is_flagged(package_copy: Path) -> None:
    path = package_copy / "data" / "events.csv"
    original = read_rows(path)[3][0]
    line = append_copy(path, 3, "EV-9000")
    report = validate(package_copy)
    found = [p for p in report.problems if p.check == "id-repeat"]
    assert len(found) == 1 and f"repeats {original}" in found[0].message and found[0].line == line
