"""Panels: unique keys on the real data, and hand-counted values on a small package.

The small package keeps the real lookups and schemas but replaces the core
tables with a few rows written here, so every expected number below was
counted by hand from those rows.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import read_rows, write_rows

from japan_russia_relations.cli import main
from japan_russia_relations.panels import panel

KEYS = {
    "events": ["ccode1", "ccode2", "year"],
    "sanctions": ["sender", "target", "year", "category"],
    "territorial_claims": ["territory_id", "actor_id", "dimension", "year"],
}


@pytest.mark.parametrize("table", list(KEYS))
def test_real_panel_has_unique_keys(table: str) -> None:
    frame = panel(table)
    assert len(frame) > 0
    assert not frame.duplicated(KEYS[table]).any()


def replace_rows(root: Path, table: str, rows: list[dict[str, str]]) -> None:
    header = read_rows(root / "data" / f"{table}.csv")[0]
    write_rows(root / "data" / f"{table}.csv", [header] + [[r.get(c, "") for c in header] for r in rows])


def test_events_panel_counts_by_plover_and_zero_fills(package_copy: Path) -> None:
    base = {"title": "t", "description": "d", "source_ids": "SRC-0002"}
    replace_rows(
        package_copy,
        "events",
        [
            {
                **base,
                "event_id": "EV-0001",
                "date": "1995-05",
                "event_type": "summit",
                "actor_id": "JPN",
                "target_id": "RUS",
            },
            {
                **base,
                "event_id": "EV-0002",
                "date": "1995-06-01",
                "event_type": "phone_call",
                "actor_id": "P-KISHIDA-FUMIO",
                "target_id": "RUS-MFA",
            },
            {
                **base,
                "event_id": "EV-0003",
                "date": "1997",
                "event_type": "expulsion",
                "actor_id": "RUS",
                "target_id": "JPN",
            },
            {
                **base,
                "event_id": "EV-0004",
                "date": "1996",
                "event_type": "legislation",
                "actor_id": "JPN",
                "target_id": "",
            },
        ],
    )
    frame = panel("events", root=package_copy).set_index(["ccode1", "ccode2", "year"])
    assert frame.loc[(740, 365, 1995), "consult"] == 2  # a body and a person count for their states
    assert frame.loc[(740, 365, 1995), "total"] == 2
    assert frame.loc[(740, 365, 1996), "total"] == 0  # zero-filled; the event without a target is left out
    assert frame.loc[(365, 740, 1997), "coerce"] == 1
    assert set(frame.index.get_level_values("year")) == {1995, 1996, 1997}


def test_sanctions_panel_counts_announced_in_force_and_designations(package_copy: Path) -> None:
    base = {"package_id": "JPN-2014", "imposing_id": "JPN", "target_id": "RUS", "programme_target_id": "RUS",
            "description": "d", "source_ids": "SRC-0002"}  # fmt: skip
    replace_rows(
        package_copy,
        "sanctions",
        [
            {**base, "sanction_id": "SA-0001", "measure_type": "asset_freeze", "gsdb_category": "financial",
             "announced": "2014-07-28", "status": "in_force", "status_as_of": "2016-12-26",
             "status_source_ids": "SRC-0002", "individuals_designated": "40", "entities_designated": "2"},
            {**base, "sanction_id": "SA-0002", "measure_type": "asset_freeze", "gsdb_category": "financial",
             "announced": "2015-03", "status": "unknown", "notes": "n", "individuals_designated": "5"},
            {**base, "sanction_id": "SA-0003", "measure_type": "import_ban", "gsdb_category": "trade",
             "announced": "2014-09-24", "end_date": "2015-02", "status": "lifted", "status_source_ids": "SRC-0002"},
        ],
    )  # fmt: skip
    frame = panel("sanctions", root=package_copy).set_index(["sender", "target", "year", "category"])
    fin = frame.xs("financial", level="category").loc[("JPN", "RUS")]
    assert list(fin.loc[[2014, 2015, 2016], "in_force"]) == [1, 1, 1]
    assert list(fin.loc[[2014, 2015, 2016], "announced"]) == [1, 1, 0]
    assert list(fin.loc[[2014, 2015, 2016], "status_unknown"]) == [0, 1, 1]
    assert fin.loc[2014, "individuals_designated"] == 40 and fin.loc[2015, "individuals_designated"] == 5
    trade = frame.xs("trade", level="category").loc[("JPN", "RUS")]
    assert list(trade.loc[[2014, 2015, 2016], "in_force"]) == [1, 1, 0]
    assert frame.loc[("JPN", "RUS", 2016, "arms"), "announced"] == 0  # zero-filled category


def test_claims_panel_takes_the_reference_day_and_inherits_from_groups(package_copy: Path) -> None:
    base = {"basis": "statement", "description": "d", "source_ids": "SRC-0002"}
    replace_rows(
        package_copy,
        "territorial_claims",
        [
            {**base, "claim_id": "TC-0001", "territory_id": "SHIKOTAN", "actor_id": "JPN", "dimension": "settlement",
             "position": "proposes", "start": "2000", "end": "2002-03", "superseded_by_id": "TC-0002"},
            {**base, "claim_id": "TC-0002", "territory_id": "DISPUTED-FOUR", "actor_id": "JPN",
             "dimension": "settlement", "position": "negotiates", "start": "2002-03"},
        ],
    )  # fmt: skip
    mid = panel("territorial_claims", root=package_copy).set_index(["territory_id", "actor_id", "dimension", "year"])
    key = ("SHIKOTAN", "JPN", "settlement")
    assert mid.loc[(*key, 2001), "position"] == "proposes"
    assert mid.loc[(*key, 2002), "position"] == "negotiates"  # on 1 July 2002 the group row holds
    assert mid.loc[(*key, 2002), "inherited_from"] == "DISPUTED-FOUR"
    assert ("HABOMAI", "JPN", "settlement", 2001) not in mid.index  # Habomai's series starts with the group row
    assert mid.loc[("HABOMAI", "JPN", "settlement", 2002), "claim_id"] == "TC-0002"
    last = panel("territorial_claims", on="last-day", root=package_copy).set_index(list(mid.index.names))
    assert last.loc[(*key, 2000), "claim_id"] == "TC-0001"


def test_panel_rejects_what_it_cannot_do() -> None:
    with pytest.raises(ValueError, match="freq"):
        panel("events", freq="month")
    with pytest.raises(ValueError, match="no panel"):
        panel("actors")


def test_cli_writes_a_panel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "dyads.csv"
    assert main(["panel", "events", "--to", str(target)]) == 0
    with target.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["ccode1", "ccode2", "year"]
    assert "wrote" in capsys.readouterr().err
