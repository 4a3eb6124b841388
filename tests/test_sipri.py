"""The SIPRI pipeline: readers, format errors, rebuild equality, published figures reproduced."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from treatylab import load
from treatylab.datapackage import DATA_DIR
from treatylab.sipri import (
    DEFAULT_REGISTER,
    DEFAULT_SIPRI_DIR,
    DEFAULT_TIV_EXPORTS,
    SipriFormatError,
    build_tables,
    read_tiv_table,
    read_trade_register,
    to_csv_text,
)

needs_exports = pytest.mark.skipif(
    not DEFAULT_SIPRI_DIR.is_dir(),
    reason=f"SIPRI exports not found at {DEFAULT_SIPRI_DIR} (../shared/reference/sipri); "
    "the rebuild test needs them",
)


@needs_exports
def test_rebuild_equals_committed_files():
    for name, frame in build_tables().items():
        committed = (DATA_DIR / f"{name}.csv").read_text(encoding="utf-8")
        assert to_csv_text(frame) == committed, f"data/{name}.csv differs from a rebuild"


@needs_exports
def test_register_reader_shape_and_types():
    register = read_trade_register(DEFAULT_REGISTER)
    assert len(register) == 20_480
    assert register["delivery_year"].between(2000, 2023).all()
    assert register["order_year_estimated"].dtype == bool


def test_register_in_wrong_format_is_named(tmp_path: Path):
    bad = tmp_path / "not-a-register.csv"
    bad.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(SipriFormatError) as error:
        read_trade_register(bad)
    message = str(error.value)
    assert "not-a-register.csv" in message
    assert "trade register" in message
    assert "11 lines of SIPRI header text" in message


@needs_exports
def test_tiv_table_passed_as_register_is_refused():
    with pytest.raises(SipriFormatError, match="tiv-by-exporter"):
        read_trade_register(DEFAULT_TIV_EXPORTS)


def test_tiv_table_in_wrong_format_is_named(tmp_path: Path):
    bad = tmp_path / "wrong.csv"
    bad.write_text('"Country","Value"\n"Iran",3\n', encoding="utf-8")
    with pytest.raises(SipriFormatError, match=r"wrong\.csv: not a SIPRI TIV table"):
        read_tiv_table(bad)


@needs_exports
def test_register_columns_checked(tmp_path: Path):
    lines = DEFAULT_REGISTER.read_text(encoding="utf-8").splitlines()
    lines[11] = lines[11].replace("TIV delivery values", "TIV")
    broken = tmp_path / "register.csv"
    broken.write_text("\n".join(lines[:20]) + "\n", encoding="utf-8")
    with pytest.raises(SipriFormatError, match="TIV delivery values"):
        read_trade_register(broken)


def _shares(table: pd.DataFrame, start: int, end: int) -> pd.Series:
    period = table[table["year"].between(start, end)]
    totals = period.groupby("recipient")["tiv"].sum()
    return (100 * totals / totals.sum()).sort_values(ascending=False)


def _published(period: str) -> dict[str, float]:
    sheets = load("sipri_fact_sheets")
    rows = sheets[
        (sheets["period"] == period)
        & (sheets["subject"] == "Russia")
        & (sheets["indicator"] == "share of subject's arms exports")
    ]
    return dict(zip(rows["counterpart"], rows["value"], strict=True))


def test_2019_23_shares_match_the_march_2024_fact_sheet():
    shares = _shares(load("sipri_russia_exports_by_recipient"), 2019, 2023)
    published = _published("2019–23")
    assert set(published) == {"India", "China", "Egypt"}
    for recipient, value in published.items():
        assert abs(shares[recipient] - value) <= 0.5, (recipient, shares[recipient], value)
    assert list(shares.index[:3]) == ["India", "China", "Egypt"]
    assert round(shares["India"], 1) == 34.0
    assert round(shares["China"], 1) == 20.7
    assert round(shares["Egypt"], 1) == 7.5


@pytest.mark.parametrize(
    "table", ["sipri_russia_exports_by_recipient", "sipri_russia_exports_by_recipient_1992_2021"]
)
def test_2015_19_top_three_in_order(table):
    shares = _shares(load(table), 2015, 2019)
    assert list(shares.index[:3]) == ["India", "China", "Algeria"]
    assert list(_published("2015–19")) == ["India", "China", "Algeria"]


def test_iran_rank_2019_23():
    shares = _shares(load("sipri_russia_exports_by_recipient"), 2019, 2023)
    positive = shares[shares > 0]
    assert list(positive.index).index("Iran") + 1 == 31
    assert len(positive) == 43
    assert round(positive["Iran"], 2) == 0.17


def test_long_series_never_mixes_editions_in_a_key():
    series = load("sipri_long_series")
    assert not series.duplicated(["vintage", "series", "year"]).any()
    both = series.pivot_table(index="year", columns="vintage", values="tiv", aggfunc="size")
    assert both.notna().sum(axis=1).max() == 2  # overlap years exist in both editions...
    russia = series[series["series"] == "Russia: total arms exports"]
    in_2019 = russia[russia["year"] == 2019].set_index("vintage")["tiv"]
    assert in_2019.round(0).tolist() != [in_2019.iloc[0]] * 2  # ...and differ (5,531 vs 5,051)


def test_reverse_flow_2022_23():
    deliveries = load("sipri_russia_iran_deliveries")
    by = deliveries.groupby(["direction", "delivery_year"])["tiv_delivered"].sum()
    assert by[("Iran to Russia", 2022)] == 123
    assert by[("Iran to Russia", 2023)] == 120
    assert by.get(("Russia to Iran", 2023)) == 21
    assert ("Russia to Iran", 2022) not in by.index
