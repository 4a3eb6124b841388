"""The SIPRI pipeline: readers, format errors, rebuild equality, published figures reproduced.

data/sipri/raw/ holds the course's extract of SIPRI's exports, not the full files (SIPRI's
terms), so every test here runs in any clone: the tables are rebuilt from the extract, and the
readers are fed synthetic full exports made from it (``sipri_fixtures``). The command line
(refusals, atomic replacement, new editions, the extract reproduced) is tested in
test_sipri_import.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import sipri_fixtures as fixtures

from treatylab import data, load
from treatylab.catalog import SIPRI_TABLES
from treatylab.datapackage import DATA_DIR, render, sha256_of
from treatylab.sipri import build_tables, register_edition, to_csv_text
from treatylab.sipri_exports import SipriFormatError, read_tiv_table, read_trade_register
from treatylab.sipri_extract import (
    read_register_extract,
    read_tiv_extract,
    read_world_totals,
    world_totals,
)

RAW = DATA_DIR / "sipri" / "raw"
YEARS = ("2000", "2001")
MARKER_LINES = 7  # the '# treatylab' lines at the top of each extract file


@pytest.fixture(scope="module")
def exports():
    """The committed extract, read as the import reads it."""
    return (
        read_register_extract(fixtures.register_extract(), fixtures.world_totals_file()),
        read_tiv_extract(fixtures.tiv_extract("exports"), "exports"),
        read_tiv_extract(fixtures.tiv_extract("imports"), "imports"),
    )


@pytest.fixture(scope="module")
def full_register(tmp_path_factory):
    """The synthetic full register, read as a user's download is read."""
    return read_trade_register(fixtures.full_register(tmp_path_factory.mktemp("full")))


@pytest.fixture(scope="module")
def tiv_tables(tmp_path_factory) -> tuple[Path, Path]:
    """TIV tables in SIPRI's format (the extract's rows only: the readers need no more)."""
    return fixtures.small_tiv_tables(tmp_path_factory.mktemp("tiv"))


@pytest.fixture(scope="module")
def register_lines() -> list[str]:
    """A small register: SIPRI's header, the column row, and the rows delivered in 2000–01."""
    header, rows = fixtures.register_parts()
    return [*header, *(row for row in rows if fixtures.year_of(row) in YEARS), ""]


def test_rebuild_equals_committed_files(exports):
    tables = build_tables(*exports)
    assert {f"{name}.csv" for name in tables} == {
        path.name for path in DATA_DIR.glob("sipri_*.csv") if path.name != "sipri_fact_sheets.csv"
    }
    for name, frame in tables.items():
        committed = (DATA_DIR / f"{name}.csv").read_text(encoding="utf-8")
        assert to_csv_text(frame) == committed, f"data/{name}.csv differs from a rebuild"


def test_a_full_register_and_its_extract_build_the_same_tables(exports, full_register):
    """The extract keeps every row the tables select; its world totals are the full export's."""
    assert not full_register.extract and full_register.rows == len(full_register.frame)
    from_full = build_tables(full_register, *exports[1:])
    from_extract = build_tables(*exports)
    for name, frame in from_extract.items():
        assert to_csv_text(from_full[name]) == to_csv_text(frame), name
    assert world_totals(full_register).equals(exports[0].world)


def test_register_reader_shape_and_edition(exports):
    register = exports[0]
    assert register.extract and register.rows == 20_480 and len(register.frame) == 2_394
    assert (register.first_year, register.last_year) == (2000, 2023)
    assert str(register.generated) == "2025-01-03"
    # line numbers of the file: the marker, 11 lines of SIPRI's header text, the columns
    assert register.frame.index[0] == MARKER_LINES + 13
    assert register.canonical_name == "trade-register_2000-2023_generated-2025-01-03.csv"
    assert (
        register.source_sha256
        == fixtures.marker_fields(fixtures.register_extract())["full export sha256"]
    )
    assert register.world["rows"].sum() == 20_480
    countries = register.frame[["Supplier", "Recipient"]]
    assert countries.isin(["Russia", "Iran"]).any(axis=1).all()
    exporters, importers = exports[1].frame, exports[2].frame
    assert set(exporters["Export_From"]) == {"Russia", "Soviet Union"}
    assert set(importers["Import_To"]) == {"Iran"}
    assert (exports[1].rows + exports[2].rows, exports[1].first_year) == (71_842, 1950)


def test_the_extract_is_a_small_part_of_each_export(exports):
    """What the repository reproduces of SIPRI's exports (README: 11.7 %, 6.9 %, 0.8 %)."""
    shares = [len(export.frame) / export.rows for export in exports]
    assert [round(100 * share, 1) for share in shares] == [11.7, 6.9, 0.8]


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
    files = [file for row in editions["files"] for file in row.split("; ")]
    assert [Path(file).name.split("_")[0] for file in files] == [
        "trade-register-extract",
        "trade-register-world-totals",
        "tiv-by-exporter-extract",
        "tiv-by-importer-extract",
    ]
    for file in files:
        assert (DATA_DIR.parent / file).is_file(), file
    assert {Path(file).name for file in files} == {
        path.name for path in RAW.iterdir() if path.name != "README.md"
    }


def test_every_raw_export_is_described_with_its_hash():
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    raw = {res["path"]: res for res in descriptor["resources"] if res["path"].startswith("sipri/")}
    on_disk = {f"sipri/raw/{p.name}" for p in RAW.iterdir() if p.name != "README.md"}
    assert set(raw) == on_disk
    for path, res in raw.items():
        assert res["hash"] == f"sha256:{sha256_of(DATA_DIR / path)}"
        assert res["bytes"] == (DATA_DIR / path).stat().st_size
        assert res["licenses"][0]["name"] == "SIPRI-ATD-user-rules"
        assert "github.com" in res["sources"][1]["path"]  # where the full exports came from
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


def test_tiv_table_passed_as_register_is_refused(tiv_tables):
    with pytest.raises(SipriFormatError, match=r"tiv-by-exporter.*line 1: this is a SIPRI TIV"):
        read_trade_register(tiv_tables[0])


def test_register_passed_as_tiv_table_and_sides_swapped_are_refused(tmp_path, tiv_tables):
    register = fixtures.full_register(tmp_path)
    with pytest.raises(SipriFormatError, match="this is a SIPRI trade register.*--register"):
        read_tiv_table(register, "exports", vintage_year=2022)
    with pytest.raises(SipriFormatError, match="TIV table by importer.*--tiv-imports"):
        read_tiv_table(tiv_tables[1], "exports")


@pytest.mark.parametrize("kind", ["register", "totals", "exports", "imports"])
def test_a_file_of_the_extract_is_not_read_as_an_export(kind):
    """Only the import reads the committed extract, in extract mode; a reader refuses it."""
    path = {
        "register": fixtures.register_extract(),
        "totals": fixtures.world_totals_file(),
        "exports": fixtures.tiv_extract("exports"),
        "imports": fixtures.tiv_extract("imports"),
    }[kind]
    expected = r"line 1: this is not SIPRI's export but a file made by treatylab"
    with pytest.raises(SipriFormatError, match=expected) as error:
        if kind in ("register", "totals"):
            read_trade_register(path)
        else:
            read_tiv_table(path, kind)
    assert "make data` without SIPRI_ARGS" in str(error.value)


def test_an_edited_extract_is_refused(tmp_path):
    """The extract's own checks: a row it does not keep, counts that do not add up."""
    marker, lines = fixtures.split_marker(fixtures.register_extract())
    header, rows = lines[:12], lines[12:]
    foreign = rows[0].replace("Russia", "Ruritania")
    edited = fixtures.write(
        tmp_path / "extract.csv", "\n".join([*marker, *header, foreign, *rows[1:]]) + "\n"
    )
    with pytest.raises(SipriFormatError, match=r"line 20: a row the extract does not keep"):
        read_register_extract(edited, fixtures.world_totals_file())
    fixtures.write(edited, "\n".join([*marker, *header, *rows[1:]]) + "\n")
    with pytest.raises(SipriFormatError, match="2,393 rows where '# rows kept' says 2,394"):
        read_register_extract(edited, fixtures.world_totals_file())
    marker, lines = fixtures.split_marker(fixtures.world_totals_file())
    lines[1] = lines[1].replace(",", ",1", 1)  # 708 rows in 2000 become 1708
    totals = fixtures.write(tmp_path / "totals.csv", "\n".join([*marker, *lines]) + "\n")
    with pytest.raises(SipriFormatError, match="add up to 21,480, not to the 20,480"):
        read_world_totals(totals)


def test_tiv_table_in_wrong_format_is_named(tmp_path: Path):
    bad = tmp_path / "wrong_vintage-2022.csv"
    bad.write_text('"Country","Value"\n"Iran",3\n', encoding="utf-8")
    with pytest.raises(SipriFormatError, match=r"wrong_vintage-2022\.csv, line 1: not a SIPRI TIV"):
        read_tiv_table(bad, "exports")


def test_tiv_vintage_comes_from_the_name_or_the_option(tmp_path: Path, tiv_tables):
    unnamed = tmp_path / "export_tiv.csv"
    unnamed.write_bytes(tiv_tables[0].read_bytes())
    with pytest.raises(SipriFormatError, match="--tiv-vintage"):
        read_tiv_table(unnamed, "exports")
    table = read_tiv_table(unnamed, "exports", vintage_year=2026)
    assert table.canonical_name == "tiv-by-exporter_1950-2021_vintage-2026.csv"


def test_tiv_table_cut_inside_a_pair_or_its_total(tmp_path: Path):
    """SIPRI's importer table for Iran (the extract's rows, without its marker), cut short."""
    _, lines = fixtures.split_marker(fixtures.tiv_extract("imports"))
    assert lines[-1] == '"Iran","Total","Total",46500'
    cut = tmp_path / "cut_vintage-2022.csv"
    cut.write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")  # ends before a Total row
    with pytest.raises(
        SipriFormatError, match=rf"line {len(lines) - 2}: .*without the 'Total' row"
    ):
        read_tiv_table(cut, "imports")
    cut.write_text("\n".join(lines)[:-1], encoding="utf-8")  # "46500" cut to "4650"
    with pytest.raises(
        SipriFormatError, match=rf"line {len(lines)}: .*'Total' .* is 4650, .*newline"
    ):
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
    assert len(in_2019) == 2, in_2019  # ...2019 is in both editions...
    assert abs(in_2019.iloc[0] - in_2019.iloc[1]) >= 1, (
        in_2019
    )  # ...and they differ (5,531 vs 5,051)


def test_reverse_flow_2022_23():
    deliveries = load("sipri_russia_iran_deliveries")
    by = deliveries.groupby(["direction", "delivery_year"])["tiv_delivered"].sum()
    assert by[("Iran to Russia", 2022)] == 123
    assert by[("Iran to Russia", 2023)] == 120
    assert by.get(("Russia to Iran", 2023)) == 21
    assert ("Russia to Iran", 2022) not in by.index


def test_tiv_tables_of_two_downloads_are_never_mixed(tmp_path: Path, tiv_tables):
    """--tiv-vintage names the tables given; the extract in data/sipri/raw/ keeps its year."""
    from treatylab.sipri_import import parser, read_exports

    newer = tmp_path / "import_tiv.csv"
    newer.write_bytes(tiv_tables[1].read_bytes())
    args = parser().parse_args(
        ["--tiv-imports", str(newer), "--tiv-vintage", "2026", "--out", str(DATA_DIR)]
    )
    with pytest.raises(SipriFormatError, match=r"different downloads \(2022 .*, 2026 for this"):
        read_exports(args)
