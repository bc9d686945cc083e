"""Partial dates become typed bounds at their precision."""

import pandas as pd
import pytest

from japan_russia_relations.dates import date_bounds


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("1855", "1855-01-01", "1855-12-31", "year"),
        ("1945-08", "1945-08-01", "1945-08-31", "month"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2023-02", "2023-02-01", "2023-02-28", "month"),
        ("2022-09-26", "2022-09-26", "2022-09-26", "day"),
    ],
)
def test_bounds(text: str, earliest: str, latest: str, precision: str) -> None:
    lo, hi, prec = date_bounds(pd.Series([text]))
    assert lo[0] == pd.Timestamp(earliest)
    assert hi[0] == pd.Timestamp(latest)
    assert prec[0] == precision


@pytest.mark.parametrize("text", ["2022-02-30", "2023-02-29", "1945-13", "45-08", "2022/09/26", "", None])
def test_not_a_date_has_no_bounds(text) -> None:
    lo, hi, prec = date_bounds(pd.Series([text], dtype="str"))
    assert pd.isna(lo[0]) and pd.isna(hi[0]) and pd.isna(prec[0])
