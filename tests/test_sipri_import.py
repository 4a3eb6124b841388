"""`python -m treatylab.sipri` (what `make data` runs), through the real command line.

Why: a damaged SIPRI export must never reach data/. Each damaged copy is fed to the command with
`--out` pointing at a temporary copy of data/, and the copy must come out byte for byte as it
went in, with exit status 2 and a message naming the file, the line and the reason. A new
release (2024 added) and an older edition (2023 removed) must be accepted, and the edition row
must say so: the living-course test builds on that.

The exports are built once per module from data/sipri/raw/; the refusals run concurrently, as
separate processes, so the file stays fast on two cores.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from treatylab import sipri_import
from treatylab.catalog import SIPRI_TABLE_NAMES
from treatylab.data import read_table
from treatylab.datapackage import DATA_DIR
from treatylab.sipri_import import default_export

ROOT = DATA_DIR.parent
REGISTER = default_export(DATA_DIR, "register")
TIV_EXPORTS = default_export(DATA_DIR, "exports")
HEADER_LINES = 12  # SIPRI's 11 lines of header text and the column names

pytestmark = pytest.mark.slow


def run_import(*args: str | Path, out: Path) -> subprocess.CompletedProcess:
    """`python -m treatylab.sipri ... --out OUT`, as `make data` runs it."""
    command = [sys.executable, "-m", "treatylab.sipri", *map(str, args), "--out", str(out)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def import_here(*args: str | Path, out: Path) -> int:
    """The same command in this process (about 0.6 s less than a new interpreter)."""
    return sipri_import.main([*map(str, args), "--out", str(out), "--skip-frictionless"])


def copy_of_data(target: Path) -> Path:
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns(".sipri-import-*"))
    return target


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and its sha256: what "byte-equal" is checked against."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- the exports, built once --------------------------------------------------------------


@pytest.fixture(scope="module")
def register_parts() -> tuple[list[str], list[str]]:
    """SIPRI's header (with the column row) and the data rows of the committed register."""
    lines = REGISTER.read_text(encoding="utf-8").split("\n")
    return lines[:HEADER_LINES], [line for line in lines[HEADER_LINES:] if line]


def year_of(row: str) -> str:
    return next(csv.reader([row]))[10]


def with_year(row: str, year: str) -> str:
    fields = next(csv.reader([row]))
    fields[10] = year
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


def register_text(header: list[str], rows: list[str], end: str = "\n") -> str:
    return "\n".join([*header, *rows]) + end


@pytest.fixture(scope="module")
def damaged(register_parts, tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Damaged exports: name -> (file, regex the refusal must match)."""
    header, rows = register_parts
    folder = tmp_path_factory.mktemp("damaged")
    cases: dict[str, tuple[str | bytes, str]] = {}

    row = rows[11_999]  # cut in the middle of its fourth field
    cut = register_text(header, rows[:11_999]) + row[: row.index(",", row.index(",") + 1) + 3]
    cases["cut-mid-row"] = (cut, r"line 12,012: the row has 3 fields .* cut off in the middle")

    row = rows[15_000]
    fields = row.split(",")
    assert fields[15] == "30"  # "TIV delivery values", cut to "3"
    cut = register_text(header, rows[:15_000]) + ",".join(fields[:15]) + ",3"
    cases["cut-mid-number"] = (cut, r"line 15,013: the row has 16 fields .* cut off in the middle")

    cases["cut-after-10000-rows"] = (
        register_text(header, rows[:10_000]),
        r"line 10,012: the file ends here after 10,000 rows .* has 20,480: .* looks cut off",
    )
    cases["header-only"] = (
        register_text(header, []),
        r"register-header-only\.csv: the trade register has no rows: .*only its header",
    )
    text = register_text(header, rows)
    assert "Cote d'Ivoire" in text  # SIPRI's own spelling is ASCII
    cases["cp1252"] = (
        text.replace("Cote d'Ivoire", "Côte d'Ivoire").encode("cp1252"),
        r"line \d[\d,]*: byte 0xF4 is not UTF-8: .*Windows-1252.*Côte d'Ivoire.*re-save it as "
        r"UTF-8",
    )
    cases["utf16"] = (
        text.encode("utf-16"),
        r"line 1: the file is encoded as UTF-16 .*re-save it as UTF-8",
    )
    cases["year-2012-removed"] = (
        register_text(header, [r for r in rows if year_of(r) != "2012"]),
        r"register-year-2012-removed\.csv: no rows at all for delivery year 2012, inside the "
        r"range the file covers \(2000–2023\)",
    )
    files = {}
    for name, (content, expected) in cases.items():
        path = folder / f"register-{name}.csv"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        files[name] = (path, expected)
    files["tiv-table-as-register"] = (
        TIV_EXPORTS,
        r"tiv-by-exporter.*line 1: this is a SIPRI TIV table .* not the trade register. Pass it "
        r"with --tiv-exports",
    )
    return files


def test_damaged_exports_are_refused_and_data_is_untouched(damaged, tmp_path):
    """Every damaged export: exit 2, file + line + reason, no traceback, data/ byte-equal.

    One test for all cases, run in parallel: each case is a process of about a second.
    """

    def attempt(name: str) -> tuple[str, subprocess.CompletedProcess, dict, dict]:
        out = copy_of_data(tmp_path / name)
        before = snapshot(out)
        result = run_import("--register", damaged[name][0], "--skip-frictionless", out=out)
        return name, result, before, snapshot(out)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(attempt, damaged))
    problems = []
    for name, result, before, after in results:
        path, expected = damaged[name]
        message = result.stderr
        if result.returncode != 2:
            problems.append(f"{name}: exit {result.returncode}, stdout {result.stdout!r}")
        if not message.startswith(f"error: {path}") or "Traceback" in message:
            problems.append(f"{name}: the message does not start with the file: {message!r}")
        if not re.search(expected, message, flags=re.DOTALL):
            problems.append(f"{name}: {message!r} does not match {expected!r}")
        if "Nothing in" not in message or after != before:
            problems.append(f"{name}: the copy of data/ changed")
    assert not problems, "\n".join(problems)


# --- accepted editions --------------------------------------------------------------------


def release_with_2024(register_parts, folder: Path) -> Path:
    """The committed register with 2023's rows copied as 2024 and a new generation date."""
    header, rows = register_parts
    header = [
        "Data generated: 10 Mar 2025 9:00:00 AM" if line.startswith("Data generated:") else line
        for line in header
    ]
    added = [with_year(row, "2024") for row in rows if year_of(row) == "2023"]
    new = folder / "trade-register.csv"
    new.write_text(register_text(header, rows + added), encoding="utf-8")
    return new


def test_a_new_release_with_2024_is_accepted(register_parts, tmp_path):
    new = release_with_2024(register_parts, tmp_path)
    out = copy_of_data(tmp_path / "data")

    assert import_here("--register", new, out=out) == 0
    editions = read_csv(out / "sipri_editions.csv")
    register = editions["register"]
    assert register["generated"] == "2025-03-10"
    assert register["label"] == "register (Mar 2025)"
    assert (register["first_year"], register["last_year"]) == ("2000", "2024")
    assert register["vintage"] == "SIPRI trade register, generated 2025-03-10"
    raw = out / "sipri" / "raw"
    assert register["files"] == "data/sipri/raw/trade-register_2000-2024_generated-2025-03-10.csv"
    assert (raw / "trade-register_2000-2024_generated-2025-03-10.csv").read_bytes() == (
        new.read_bytes()
    )
    assert not (raw / REGISTER.name).exists()  # the superseded export is removed
    series = (out / "sipri_long_series.csv").read_text(encoding="utf-8")
    assert (
        '2024,World: total arms transfers,29104.4,"SIPRI trade register, generated 2025-03-10"'
        in (series)
    )
    assert "generated 2025-01-03" not in series
    assert "2000–2024" in (out / "datapackage.json").read_text(encoding="utf-8")
    assert_loads(out)


def test_an_older_edition_without_2023_is_accepted(register_parts, tmp_path):
    """How the living-course test simulates an older edition: the last year removed."""
    header, rows = register_parts
    older = tmp_path / "trade-register.csv"
    older.write_text(register_text(header, [r for r in rows if year_of(r) != "2023"]), "utf-8")
    out = copy_of_data(tmp_path / "data")

    assert import_here("--register", older, out=out) == 0
    register = read_csv(out / "sipri_editions.csv")["register"]
    assert (register["first_year"], register["last_year"]) == ("2000", "2022")
    assert register["label"] == "register (Jan 2025)"
    deliveries = (out / "sipri_russia_iran_deliveries.csv").read_text(encoding="utf-8")
    assert ",2023," not in deliveries and ",2022," in deliveries
    assert_loads(out)


def test_make_data_rebuilds_data_from_the_raw_exports_alone(tmp_path):
    """A fresh clone: the SIPRI tables and datapackage.json deleted, then `make data`'s command.

    Frictionless is skipped (2 s): the result must equal data/, which test_data.py validates
    with frictionless.
    """
    out = copy_of_data(tmp_path / "data")
    for name in SIPRI_TABLE_NAMES:
        (out / f"{name}.csv").unlink()
    (out / "datapackage.json").unlink()

    result = run_import("--skip-frictionless", out=out)

    assert result.returncode == 0, result.stderr
    assert "no SIPRI edition" in result.stdout
    assert snapshot(out) == snapshot(DATA_DIR)


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["edition"]: row for row in csv.DictReader(handle)}


def assert_loads(out: Path) -> None:
    """Every table of the updated folder loads through the course's own loader."""
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        if res["profile"] == "tabular-data-resource":
            assert len(read_table(out, res)) > 0, res["name"]


def test_a_table_that_breaks_its_schema_stops_the_import(tmp_path):
    """The read-back before replacing data/: a constraint broken by a bug is caught there."""
    from treatylab.sipri_import import BuildInvalid, schema_problems, validate

    folder = copy_of_data(tmp_path / "data")
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    editions = next(r for r in descriptor["resources"] if r["name"] == "sipri_editions")
    table = read_table(folder, editions)
    assert schema_problems(table, editions["schema"]) == []
    table.loc[1, "edition"] = "register"
    table.loc[0, "rows"] = 0
    assert schema_problems(table, editions["schema"]) == [
        "rows: values below 1",
        "primary key ['edition'] is not unique",
    ]
    with pytest.raises(BuildInvalid, match="sipri_editions: 2 rows read back, 3 built"):
        validate(folder, {"sipri_editions": table.iloc[[0, 1, 1]]}, check_package=False)


def test_a_crash_half_way_is_detected_and_make_data_finishes_the_job(
    register_parts, tmp_path, monkeypatch, capsys
):
    """Killed after the new export and one table are in place, before datapackage.json.

    The loader's hash check then refuses the changed table, and `make data` without arguments
    completes the import from the export already copied into sipri/raw/.
    """
    from treatylab.data import DataFileError
    from treatylab.datapackage import render

    new = release_with_2024(register_parts, tmp_path)
    out = copy_of_data(tmp_path / "data")
    real_replace, calls = os.replace, []

    def dying_replace(source, target):
        if ".sipri-import-" not in str(target):  # a file of data/ itself, not the staging copy
            calls.append(target)
            if len(calls) == 3:  # the export, one table, then the power cut
                raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(sipri_import.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        import_here("--register", new, out=out)
    monkeypatch.setattr(sipri_import.os, "replace", real_replace)

    assert not list(out.glob(".sipri-import-*")), "the temporary folder is removed"
    assert Path(calls[0]).parent.name == "raw" and Path(calls[1]).suffix == ".csv"
    assert not (out / "sipri" / "raw" / REGISTER.name).exists()  # the raw swap was complete
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    changed = next(r for r in descriptor["resources"] if r["path"] == Path(calls[1]).name)
    with pytest.raises(DataFileError, match="has been changed"):
        read_table(out, changed)

    assert import_here(out=out) == 0
    assert (out / "datapackage.json").read_text(encoding="utf-8") == render(out)
    assert read_csv(out / "sipri_editions.csv")["register"]["last_year"] == "2024"
    assert_loads(out)
    capsys.readouterr()
