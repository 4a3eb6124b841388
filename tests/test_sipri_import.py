"""`python -m treatylab.sipri` (what `make data` runs), through the real command line.

Why: a damaged SIPRI export must never reach data/. Each damaged copy is fed to the command with
`--out` pointing at a temporary copy of data/, and the copy must come out byte for byte as it
went in, with exit status 2 and a message naming the file, the line and the reason. A new
release (2024 added) and an older edition (2023 removed) must be accepted, and the edition row
must say so: the living-course test builds on that.

data/sipri/raw/ holds only the course's extract of SIPRI's exports, so the full exports fed to
the import are synthetic, made from the extract and its world totals (``sipri_fixtures``):
importing them writes the committed extract back, which shows that the extract is what the
import makes of a full export. Where SIPRI's real files are at hand (../shared/reference/sipri,
or $TREATYLAB_SIPRI_FULL_EXPORTS), one more test imports them and expects data/ byte for byte.

The refusals run concurrently, as separate processes, so the file stays fast on two cores.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sipri_fixtures as fixtures

from treatylab import sipri_import
from treatylab.catalog import SIPRI_TABLE_NAMES
from treatylab.data import read_table
from treatylab.datapackage import DATA_DIR, README_END, README_START, stale
from treatylab.sipri_import import PENDING, default_export

ROOT = DATA_DIR.parent
REGISTER = default_export(DATA_DIR, "register")  # the committed extract
TOTALS = default_export(DATA_DIR, "totals")
FULL_EXPORTS = Path(
    os.environ.get("TREATYLAB_SIPRI_FULL_EXPORTS", ROOT.parent / "shared" / "reference" / "sipri")
)
SHA_LINE = "# full export sha256: "

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
def damaged(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Damaged exports, and files that are not SIPRI's full export: name -> (file, regex)."""
    return fixtures.damaged_registers(tmp_path_factory.mktemp("damaged"))


# Run through a new interpreter, as `make data` runs the import; the others run in this
# process, through the same main(), meanwhile (a new interpreter costs about a second a case).
COMMAND_LINE_CASES = ("cut-after-10000-rows",)


def test_damaged_exports_are_refused_and_data_is_untouched(damaged, tmp_path, capsys):
    """Every damaged export: exit 2, file + line + reason, no traceback, data/ byte-equal."""

    def command_line(name: str) -> tuple[int, str, str]:
        out = copy_of_data(tmp_path / name)
        before = snapshot(out)
        result = run_import("--register", damaged[name][0], "--skip-frictionless", out=out)
        changed = "" if snapshot(out) == before else "changed"
        return result.returncode, result.stderr + result.stdout, changed

    with ThreadPoolExecutor(max_workers=len(COMMAND_LINE_CASES)) as pool:
        outside = {name: pool.submit(command_line, name) for name in COMMAND_LINE_CASES}
        out = copy_of_data(tmp_path / "data")
        before = snapshot(out)
        results = {}
        for name in damaged:
            if name in COMMAND_LINE_CASES:
                continue
            code = import_here("--register", damaged[name][0], out=out)
            captured = capsys.readouterr()
            results[name] = (code, captured.err + captured.out, snapshot(out) != before)
        results |= {name: future.result() for name, future in outside.items()}
    problems = []
    for name, (code, message, changed) in results.items():
        path, expected = damaged[name]
        if code != 2:
            problems.append(f"{name}: exit {code}, output {message!r}")
        if not message.startswith(f"error: {path}") or "Traceback" in message:
            problems.append(f"{name}: the message does not start with the file: {message!r}")
        if not re.search(expected, message, flags=re.DOTALL):
            problems.append(f"{name}: {message!r} does not match {expected!r}")
        if "Nothing in" not in message or changed:
            problems.append(f"{name}: the copy of data/ changed")
    assert not problems, "\n".join(problems)


# --- the extract: reproduced, and read only as committed ---------------------------------


def without_sha(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not line.startswith(SHA_LINE))


def test_the_committed_extract_is_what_the_import_makes_of_a_full_export(tmp_path):
    """Synthetic full exports in, the committed extract and tables out, byte for byte.

    Only the line recording the full export's sha256 differs (it is the synthetic file's).
    """
    register = fixtures.full_register(tmp_path)
    exports, imports = fixtures.full_tiv_tables(tmp_path)
    out = copy_of_data(tmp_path / "data")
    for name in SIPRI_TABLE_NAMES:  # rebuilt from the new extract, not kept
        (out / f"{name}.csv").unlink()
    args = ["--register", register, "--tiv-exports", exports, "--tiv-imports", imports]

    assert import_here(*args, out=out) == 0

    raw, committed_raw = out / "sipri" / "raw", DATA_DIR / "sipri" / "raw"
    assert sorted(p.name for p in raw.iterdir()) == sorted(p.name for p in committed_raw.iterdir())
    sources = {"trade-register": register, "tiv-by-exporter": exports, "tiv-by-importer": imports}
    for path in raw.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert without_sha(text) == without_sha((committed_raw / path.name).read_text("utf-8"))
        source = next(file for prefix, file in sources.items() if path.name.startswith(prefix))
        assert f"{SHA_LINE}{fixtures.sha256_of(source)}\n" in text, path.name
    for name in SIPRI_TABLE_NAMES:
        assert (out / f"{name}.csv").read_bytes() == (DATA_DIR / f"{name}.csv").read_bytes()
    assert not (out / PENDING).exists()


@pytest.mark.skipif(
    not (FULL_EXPORTS / "trade-register_2000-2023_generated-2025-01-03.csv").is_file(),
    reason=f"SIPRI's full exports are not in {FULL_EXPORTS} (they are not in the repository)",
)
@pytest.mark.living  # with the editions' tier (make test-living), not make test
def test_sipris_real_exports_give_back_the_committed_extract_and_data(tmp_path):
    """The copies of SIPRI's files the extract was made from: data/ comes out unchanged."""
    out = copy_of_data(tmp_path / "data")
    args = [
        *("--register", FULL_EXPORTS / "trade-register_2000-2023_generated-2025-01-03.csv"),
        *("--tiv-exports", FULL_EXPORTS / "tiv-by-exporter_1950-2021_vintage-2022.csv"),
        *("--tiv-imports", FULL_EXPORTS / "tiv-by-importer_1950-2021_vintage-2022.csv"),
    ]
    assert import_here(*args, out=out) == 0
    assert snapshot(out) == snapshot(DATA_DIR)


def test_make_data_rebuilds_data_from_the_extract_alone(tmp_path):
    """`make data` without arguments: the SIPRI tables deleted, rebuilt from data/sipri/raw/.

    Frictionless is skipped (2 s): the result must equal data/, which test_data.py validates
    with frictionless.
    """
    out = copy_of_data(tmp_path / "data")
    for name in SIPRI_TABLE_NAMES:
        (out / f"{name}.csv").unlink()

    result = run_import("--skip-frictionless", out=out)

    assert result.returncode == 0, result.stderr
    assert snapshot(out) == snapshot(DATA_DIR)


def test_the_extract_is_read_only_as_committed(tmp_path, capsys):
    """An edited extract, or one datapackage.json does not list, is refused; data/ untouched."""
    out = copy_of_data(tmp_path / "data")
    before = snapshot(out)
    extract = out / "sipri" / "raw" / REGISTER.name
    text = extract.read_text(encoding="utf-8")
    extract.write_text(text.replace(",Iran,", ",Iran ,", 1), encoding="utf-8", newline="")
    assert import_here(out=out) == 2
    assert re.search(
        rf"error: {re.escape(str(extract))}: the file has been changed since it was committed: "
        r"its sha256 is not the one data/datapackage.json records.*git checkout",
        capsys.readouterr().err,
        flags=re.DOTALL,
    )
    extract.write_text(text, encoding="utf-8", newline="")

    stray = out / "sipri" / "raw" / TOTALS.name.replace("2025-01-03", "2025-01-04")
    shutil.copyfile(TOTALS, stray)
    assert import_here(out=out) == 2
    assert "2 files match trade-register-world-totals_*.csv" in capsys.readouterr().err
    (out / "sipri" / "raw" / TOTALS.name).unlink()
    assert import_here(out=out) == 2
    assert "data/datapackage.json does not list this file" in capsys.readouterr().err
    stray.rename(out / "sipri" / "raw" / TOTALS.name)

    (out / "datapackage.json").unlink()
    assert import_here(out=out) == 2
    assert "datapackage.json: missing" in capsys.readouterr().err
    (out / "datapackage.json").write_bytes((DATA_DIR / "datapackage.json").read_bytes())
    assert snapshot(out) == before

    # A full export left in sipri/raw/ is not read, and the import says it should not be there.
    full = fixtures.full_register(
        out / "sipri" / "raw", REGISTER.name.replace("-extract_russia-iran", "")
    )
    assert import_here(out=out) == 0
    assert f"note: {full} looks like one of SIPRI's full exports" in capsys.readouterr().out
    full.unlink()
    assert snapshot(out) == before


# --- accepted editions --------------------------------------------------------------------


@pytest.mark.living  # with the editions' tier (make test-living), not make test
def test_a_new_release_with_2024_is_accepted(tmp_path):
    new = fixtures.register_with_added_year(tmp_path)
    out = copy_of_data(tmp_path / "data")

    assert import_here("--register", new, out=out) == 0
    editions = read_csv(out / "sipri_editions.csv")
    register = editions["register"]
    assert register["generated"] == "2025-03-10"
    assert register["label"] == "register (Mar 2025)"
    assert (register["first_year"], register["last_year"]) == ("2000", "2024")
    assert register["vintage"] == "SIPRI trade register, generated 2025-03-10"
    assert register["rows"] == str(20_480 + fixtures.world_totals()[2023][0])
    raw = out / "sipri" / "raw"
    extract = "trade-register-extract_russia-iran_2000-2024_generated-2025-03-10.csv"
    totals = "trade-register-world-totals_2000-2024_generated-2025-03-10.csv"
    assert register["files"] == f"data/sipri/raw/{extract}; data/sipri/raw/{totals}"
    assert not (raw / REGISTER.name).exists() and not (raw / TOTALS.name).exists()  # superseded
    assert not list(raw.glob("trade-register_*"))  # the full export is not copied in
    text = (raw / extract).read_text(encoding="utf-8")
    assert f"{SHA_LINE}{fixtures.sha256_of(new)}" in text and "Synthetic" not in text
    assert "Data generated: 10 Mar 2025 9:00:00 AM\n" in text
    world_2023 = fixtures.world_totals()[2023][1]
    assert f"\n2024,{fixtures.world_totals()[2023][0]},{world_2023}\n" in (raw / totals).read_text()
    series = (out / "sipri_long_series.csv").read_text(encoding="utf-8")
    vintage = '"SIPRI trade register, generated 2025-03-10"'
    assert f"2024,World: total arms transfers,{world_2023},{vintage}" in series
    assert "generated 2025-01-03" not in series
    assert "2000–2024" in (out / "datapackage.json").read_text(encoding="utf-8")
    # data/README.md's tables' section is written in the same step: it states the new edition.
    readme = (out / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(README_START) : readme.index(README_END)]
    assert "Russia's arms deliveries by recipient and year, 2000–2024 (SIPRI register)" in section
    assert "generated on 10 Mar 2025" in section and "3 Jan 2025" not in section
    assert stale(out) == []
    assert_loads(out)
    assert import_here(out=out) == 0  # and `make data` rebuilds it from the new extract


@pytest.mark.living  # with the editions' tier (make test-living), not make test
def test_an_older_edition_without_2023_is_accepted(tmp_path):
    """How the living-course test simulates an older edition: the last year removed."""
    older = fixtures.register_without_last_year(tmp_path)
    out = copy_of_data(tmp_path / "data")

    assert import_here("--register", older, out=out) == 0
    register = read_csv(out / "sipri_editions.csv")["register"]
    assert (register["first_year"], register["last_year"]) == ("2000", "2022")
    assert register["label"] == "register (Jan 2025)"
    assert register["rows"] == str(20_480 - fixtures.world_totals()[2023][0])
    assert "2000-2022_generated-2025-01-03.csv" in register["files"]
    deliveries = (out / "sipri_russia_iran_deliveries.csv").read_text(encoding="utf-8")
    assert ",2023," not in deliveries and ",2022," in deliveries
    assert_loads(out)


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


def test_a_crash_half_way_is_detected_and_make_data_finishes_the_job(tmp_path, monkeypatch, capsys):
    """Killed after the new extract and one table are in place, before datapackage.json.

    The loader's hash check then refuses the changed table, and `make data` without arguments
    completes the import from the extract already moved into sipri/raw/, which it trusts
    through the hashes the import recorded before moving it (PENDING).
    """
    from treatylab.data import DataFileError
    from treatylab.datapackage import render

    new = fixtures.register_with_added_year(tmp_path)
    out = copy_of_data(tmp_path / "data")
    real_replace, calls = os.replace, []

    def dying_replace(source, target):
        if ".sipri-import-" not in str(target):  # a file of data/ itself, not the staging copy
            calls.append(target)
            if len(calls) == 5:  # PENDING, extract and world totals, one table, power cut
                raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(sipri_import.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        import_here("--register", new, out=out)
    monkeypatch.setattr(sipri_import.os, "replace", real_replace)

    assert not list(out.glob(".sipri-import-*")), "the temporary folder is removed"
    assert Path(calls[0]).name == PENDING and (out / PENDING).is_file()
    assert [Path(c).parent.name for c in calls[1:3]] == ["raw", "raw"]
    assert Path(calls[3]).parent == out and Path(calls[3]).suffix == ".csv"
    assert not (out / "sipri" / "raw" / REGISTER.name).exists()  # the raw swap was complete
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    changed = next(r for r in descriptor["resources"] if r["path"] == Path(calls[3]).name)
    with pytest.raises(DataFileError, match="has been changed"):
        read_table(out, changed)

    assert Path(calls[-1]).name != "README.md", "the README is replaced after the tables"
    assert "2000–2023 (SIPRI register)" in (out / "README.md").read_text(encoding="utf-8")

    assert import_here(out=out) == 0
    assert (out / "datapackage.json").read_text(encoding="utf-8") == render(out)
    assert stale(out) == []  # the README's tables' section too
    assert "2000–2024 (SIPRI register)" in (out / "README.md").read_text(encoding="utf-8")
    assert read_csv(out / "sipri_editions.csv")["register"]["last_year"] == "2024"
    assert not (out / PENDING).exists()
    assert_loads(out)
    capsys.readouterr()
