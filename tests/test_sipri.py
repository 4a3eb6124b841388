"""The SIPRI pipeline: readers, format errors, rebuild equality, published figures reproduced.

The exports are committed in data/sipri/raw/, so every test here runs in any clone. The
command line (refusals, atomic replacement, new editions) is tested in test_sipri_import.py.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from treatylab import data, load
from treatylab.catalog import SIPRI_TABLES
from treatylab.datapackage import DATA_DIR, render, sha256_of
from treatylab.sipri import build_tables, register_edition, to_csv_text
from treatylab.sipri_exports import SipriFormatError, read_tiv_table, read_trade_register
from treatylab.sipri_import import default_export

RAW = DATA_DIR / "sipri" / "raw"
YEARS = ("2000", "2001")


@pytest.fixture(scope="module")
def exports():
    return (
        read_trade_register(default_export(DATA_DIR, "register")),
        read_tiv_table(default_export(DATA_DIR, "exports"), "exports"),
        read_tiv_table(default_export(DATA_DIR, "imports"), "imports"),
    )


@pytest.fixture(scope="module")
def register_lines() -> list[str]:
    """A small register: SIPRI's header, the column row, and the rows delivered in 2000–01."""
    lines = default_export(DATA_DIR, "register").read_text(encoding="utf-8").split("\n")
    rows = [line for line in lines[12:] if line and next(csv.reader([line]))[10] in YEARS]
    return [*lines[:12], *rows, ""]


def test_rebuild_equals_committed_files(exports):
    tables = build_tables(*exports)
    assert {f"{name}.csv" for name in tables} == {
        path.name for path in DATA_DIR.glob("sipri_*.csv") if path.name != "sipri_fact_sheets.csv"
    }
    for name, frame in tables.items():
        committed = (DATA_DIR / f"{name}.csv").read_text(encoding="utf-8")
        assert to_csv_text(frame) == committed, f"data/{name}.csv differs from a rebuild"


def test_register_reader_shape_and_edition(exports):
    register = exports[0]
    assert register.rows == len(register.frame) == 20_480
    assert (register.first_year, register.last_year) == (2000, 2023)
    assert str(register.generated) == "2025-01-03"
    assert register.frame.index[0] == 13  # line numbers of the file: 11 header lines + columns
    assert register.canonical_name == default_export(DATA_DIR, "register").name


def test_the_edition_is_read_from_the_files(exports):
    editions = load("sipri_editions").set_index("edition")
    assert list(editions.index) == ["register", "tiv_tables"]
    register = editions.loc["register"]
    assert register["vintage"] == "SIPRI trade register, generated 2025-01-03"
    assert register["label"] == "register (Jan 2025)"
    assert register["generated"] == pd.Timestamp("2025-01-03")
    assert (register["first_year"], register["last_year"], register["rows"]) == (2000, 2023, 20480)
    tiv = editions.loc["tiv_tables"]
    assert (tiv["vintage"], tiv["label"], tiv["kind"]) == (
        "SIPRI TIV tables, 2022 download",
        "2022 edition",
        "TIV tables",
    )
    assert pd.isna(tiv["generated"]) and (tiv["first_year"], tiv["last_year"]) == (1950, 2021)
    vintages = set(load("sipri_long_series")["vintage"])
    assert vintages == set(editions["vintage"])
    assert register_edition(exports[0]).vintage == register["vintage"]
    for row in editions["files"]:
        for file in row.split("; "):
            assert (DATA_DIR.parent / file).is_file(), file


def test_every_raw_export_is_described_with_its_hash():
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    raw = {res["path"]: res for res in descriptor["resources"] if res["path"].startswith("sipri/")}
    on_disk = {f"sipri/raw/{p.name}" for p in RAW.iterdir() if p.name != "README.md"}
    assert set(raw) == on_disk
    for path, res in raw.items():
        assert res["hash"] == f"sha256:{sha256_of(DATA_DIR / path)}"
        assert res["bytes"] == (DATA_DIR / path).stat().st_size
        assert res["licenses"][0]["name"] == "SIPRI-ATD-user-rules"
        assert "github.com" in res["sources"][1]["path"]  # the committed copies' origin
        assert res["profile"] == "data-resource"
    assert not set(data.table_names()) & {res["name"] for res in raw.values()}


def test_sipri_descriptions_type_no_year_of_an_edition():
    """Years covered and generation dates come from sipri_editions, never typed."""
    typed = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
    for name, spec in SIPRI_TABLES.items():
        for key in ("title", "description"):
            text = spec[key].replace("1990–91", "").replace(name, "")
            assert not typed.search(text), (name, key, typed.findall(text))
    rendered = json.loads(render())
    titles = {res["name"]: res["title"] for res in rendered["resources"]}
    assert titles["sipri_russia_exports_by_recipient"].endswith("2000–2023 (SIPRI register)")
    assert not re.search(r"\{[a-z_]+\}", json.dumps(rendered, ensure_ascii=False))


def test_register_in_wrong_format_is_named(tmp_path: Path):
    bad = tmp_path / "not-a-register.csv"
    bad.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(SipriFormatError) as error:
        read_trade_register(bad)
    message = str(error.value)
    assert "not-a-register.csv, line 1" in message
    assert "trade register" in message
    assert "11 lines of SIPRI header text" in message


def test_tiv_table_passed_as_register_is_refused():
    with pytest.raises(SipriFormatError, match=r"tiv-by-exporter.*line 1: this is a SIPRI TIV"):
        read_trade_register(default_export(DATA_DIR, "exports"))


def test_register_passed_as_tiv_table_and_sides_swapped_are_refused():
    with pytest.raises(SipriFormatError, match="this is a SIPRI trade register.*--register"):
        read_tiv_table(default_export(DATA_DIR, "register"), "exports")
    with pytest.raises(SipriFormatError, match="TIV table by importer.*--tiv-imports"):
        read_tiv_table(default_export(DATA_DIR, "imports"), "exports")


def test_tiv_table_in_wrong_format_is_named(tmp_path: Path):
    bad = tmp_path / "wrong_vintage-2022.csv"
    bad.write_text('"Country","Value"\n"Iran",3\n', encoding="utf-8")
    with pytest.raises(SipriFormatError, match=r"wrong_vintage-2022\.csv, line 1: not a SIPRI TIV"):
        read_tiv_table(bad, "exports")


def test_tiv_vintage_comes_from_the_name_or_the_option(tmp_path: Path):
    source = default_export(DATA_DIR, "exports")
    unnamed = tmp_path / "export_tiv.csv"
    unnamed.write_bytes(source.read_bytes())
    with pytest.raises(SipriFormatError, match="--tiv-vintage"):
        read_tiv_table(unnamed, "exports")
    table = read_tiv_table(unnamed, "exports", vintage_year=2026)
    assert table.canonical_name == "tiv-by-exporter_1950-2021_vintage-2026.csv"


def test_tiv_table_cut_inside_a_pair_or_its_total(tmp_path: Path):
    lines = default_export(DATA_DIR, "imports").read_text(encoding="utf-8").split("\n")
    assert lines[-2] == '"Zimbabwe","Total","Total",946'
    cut = tmp_path / "cut_vintage-2022.csv"
    cut.write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")  # ends before a Total row
    with pytest.raises(SipriFormatError, match=r"line 41,213: .*without the 'Total' row"):
        read_tiv_table(cut, "imports")
    cut.write_text("\n".join(lines[:-1])[:-1], encoding="utf-8")  # "946" cut to "94"
    with pytest.raises(SipriFormatError, match=r"line 41,215: .*'Total' .* is 94, .*newline"):
        read_tiv_table(cut, "imports")


def test_register_columns_checked(tmp_path: Path, register_lines):
    lines = list(register_lines)
    lines[11] = lines[11].replace("TIV delivery values", "TIV")
    broken = tmp_path / "register.csv"
    broken.write_text("\n".join(lines[:20]) + "\n", encoding="utf-8")
    with pytest.raises(SipriFormatError, match=r"line 12: .*missing \['TIV delivery values'\]"):
        read_trade_register(broken)


def test_a_bad_value_names_the_file_line_and_column(tmp_path: Path, register_lines):
    lines = list(register_lines)
    fields = lines[19].split(",")
    fields[10] = "20l0"  # Delivery year, typed with a letter l
    lines[19] = ",".join(fields)
    broken = tmp_path / "register.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SipriFormatError) as error:
        read_trade_register(broken)
    assert str(error.value).startswith(f"{broken}, line 20: column ")
    assert "column 'Delivery year' holds '20l0' where SIPRI gives a year" in str(error.value)


def test_last_row_cut_in_its_last_field(tmp_path: Path, register_lines):
    text = "\n".join(register_lines).rstrip("\n")
    broken = tmp_path / "register.csv"
    broken.write_text(text[:-1], encoding="utf-8")  # "...,No" cut to "...,N"
    last = len(register_lines) - 1
    with pytest.raises(SipriFormatError, match=rf"line {last:,}: column 'Local production' .*cut"):
        read_trade_register(broken)


def test_header_without_generation_date_or_limited_to_one_supplier(tmp_path: Path, register_lines):
    lines = list(register_lines)
    broken = tmp_path / "register.csv"
    broken.write_text("\n".join(lines[:10] + ["Data made: today"] + lines[11:30]), "utf-8")
    with pytest.raises(SipriFormatError, match="no 'Data generated:' line"):
        read_trade_register(broken)
    lines[0] = lines[0].replace("from All countries", "from Russia")
    broken.write_text("\n".join(lines[:30]) + "\n", encoding="utf-8")
    with pytest.raises(SipriFormatError, match="from Russia to All countries only"):
        read_trade_register(broken)


def test_windows_line_ends_and_a_byte_order_mark_are_read(tmp_path: Path, register_lines):
    copy = tmp_path / "register.csv"
    copy.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(register_lines).encode("utf-8"))
    register = read_trade_register(copy)
    assert register.rows == len(register_lines) - 13 and str(register.generated) == "2025-01-03"
    assert (register.first_year, register.last_year) == (2000, 2001)
    assert register.frame["Local production"].isin(["Yes", "No"]).all()


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


def test_tiv_tables_of_two_downloads_are_never_mixed(tmp_path: Path):
    """--tiv-vintage names the tables given; the ones in data/sipri/raw/ keep their year."""
    from treatylab.sipri_import import parser, read_exports

    newer = tmp_path / "import_tiv.csv"
    newer.write_bytes(default_export(DATA_DIR, "imports").read_bytes())
    args = parser().parse_args(
        ["--tiv-imports", str(newer), "--tiv-vintage", "2026", "--out", str(DATA_DIR)]
    )
    with pytest.raises(SipriFormatError, match=r"different downloads \(2022 .*, 2026 for this"):
        read_exports(args)
