"""The research-grade coding rules: each check catches its fault, at its place.

Every test breaks a copy of the real package in one place (or adds one row)
and asserts the problem reported at that row and column.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_rows, write_rows

from japan_russia_relations.validator import validate


def row_of(root: Path, table: str, key: str) -> tuple[list[list[str]], int]:
    rows = read_rows(root / "data" / f"{table}.csv")
    return rows, next(i for i, r in enumerate(rows) if r[0] == key)


def edit(root: Path, table: str, key: str, **cells: str) -> int:
    """Set cells of the row whose id is ``key``; return its editor line."""
    rows, i = row_of(root, table, key)
    for column, value in cells.items():
        rows[i][rows[0].index(column)] = value
    write_rows(root / "data" / f"{table}.csv", rows)
    return i + 1


def problems_at(root: Path, table: str, line: int, column: str) -> list[str]:
    report = validate(root)
    return [p.message for p in report.problems if (p.file, p.line, p.column) == (f"data/{table}.csv", line, column)]


@pytest.mark.parametrize(
    ("table", "key", "cells", "column", "words"),
    [
        ("sanctions", "SA-0075", {"successor_id": ""}, "successor_id", "required when status is replaced"),
        ("sanctions", "SA-0117", {"end_date": "2025-10"}, "end_date", "must be empty when status is in_force"),
        ("sanctions", "SA-0117", {"status_as_of": ""}, "status_as_of", "required when status is in_force"),
        ("sanctions", "SA-0072", {"individuals_designated": "1"}, "individuals_designated", "must be empty"),
        ("territorial_claims", "TC-0003", {"dimension": "sovereignty"}, "position", "not allowed when dimension"),
        ("actors", "RUS-FSB", {"state_id": ""}, "state_id", "required when actor_type is government_body"),
    ],
)
def test_conditions(package_copy: Path, table, key, cells, column, words) -> None:
    line = edit(package_copy, table, key, **cells)
    assert any(words in m for m in problems_at(package_copy, table, line, column))


def test_event_after_its_actor_ceased_to_exist(package_copy: Path) -> None:
    line = edit(package_copy, "events", "EV-0290", date="1995-10-18")
    assert problems_at(package_copy, "events", line, "actor_id") == [
        "names an actor that had ceased to exist by the row's date"
    ]


def test_event_before_its_actor_existed(package_copy: Path) -> None:
    line = edit(package_copy, "events", "EV-0265", actor_id="RUS-FSB", date="1980")
    assert "names an actor that did not exist yet on the row's date" in problems_at(
        package_copy, "events", line, "actor_id"
    )


def test_a_body_shares_the_lifespan_of_its_state(package_copy: Path) -> None:
    rows = read_rows(package_copy / "data" / "actors.csv")
    body = rows[1][:]
    body[rows[0].index("actor_id")] = "SUN-MFA"
    body[rows[0].index("actor_type")] = "government_body"
    body[rows[0].index("state_id")] = "SUN"
    for column in ("iso3", "cow_code", "start", "end", "source_ids", "notes", "name_ja", "name_ru"):
        body[rows[0].index(column)] = ""
    write_rows(package_copy / "data" / "actors.csv", [*rows, body])
    line = edit(package_copy, "events", "EV-0290", actor_id="SUN-MFA", date="2001")
    assert problems_at(package_copy, "events", line, "actor_id")


def test_defunct_state_position_left_open(package_copy: Path) -> None:
    line = edit(package_copy, "territorial_claims", "TC-0004", end="", ended_by="")
    assert any("must be given" in m for m in problems_at(package_copy, "territorial_claims", line, "actor_id"))


def test_position_ending_after_its_state(package_copy: Path) -> None:
    line = edit(package_copy, "territorial_claims", "TC-0004", end="1920")
    assert problems_at(package_copy, "territorial_claims", line, "actor_id")


def test_overlapping_positions(package_copy: Path) -> None:
    edit(package_copy, "territorial_claims", "TC-0012", end="1995", superseded_by_id="")
    _, later = row_of(package_copy, "territorial_claims", "TC-0014")
    messages = problems_at(package_copy, "territorial_claims", later + 1, "start")
    assert messages == ["overlaps TC-0012, of the same territory, actor and dimension"]


def test_gap_needs_a_note(package_copy: Path) -> None:
    line = edit(package_copy, "territorial_claims", "TC-0045", gap_note="")
    assert problems_at(package_copy, "territorial_claims", line, "gap_note") == [
        "is empty, but this row starts after a gap since TC-0041 ended"
    ]


def test_successor_must_follow(package_copy: Path) -> None:
    line = edit(package_copy, "territorial_claims", "TC-0012", superseded_by_id="TC-0013")
    assert problems_at(package_copy, "territorial_claims", line, "superseded_by_id") == [
        "names TC-0013, a position of another actor or dimension"
    ]


def test_group_and_member_rows_must_agree(package_copy: Path) -> None:
    line = edit(package_copy, "territorial_claims", "TC-0046", position="renounces")
    assert problems_at(package_copy, "territorial_claims", line, "position") == [
        "contradicts TC-0021 on DISPUTED-FOUR (claims_sovereignty) at the same time",
        "contradicts TC-0024 on DISPUTED-FOUR (claims_sovereignty) at the same time",
    ]


def test_settlement_rows_may_refine_their_group(package_copy: Path) -> None:
    assert validate(package_copy).valid  # TC-0039 on Habomai differs from TC-0019 on the group: allowed
