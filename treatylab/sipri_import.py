"""``python -m treatylab.sipri`` (``make data``): import SIPRI's exports into data/, all or nothing.

The repository does not hold SIPRI's full exports (SIPRI's terms limit what may be reproduced)
but the course's extract of them, in data/sipri/raw/ (``treatylab.sipri_extract``): the rows
the lessons use and the register's world totals per year. Without arguments the import
rebuilds every SIPRI table, data/datapackage.json and the tables' section of data/README.md
(which quotes the editions) from that extract, byte-equal to what is committed; it reads the
extract only there, and only if each file's sha256 is the one data/datapackage.json records.
With ``--register``, ``--tiv-exports``, ``--tiv-imports`` it takes SIPRI's full exports
instead (a newer download, or the same one again), writes their extract into data/sipri/raw/
under names that state the edition, replacing the files they supersede, and builds the tables
from that extract, so the repository can always rebuild its own data.

What protects data/:

1. **Each export is checked** (``treatylab.sipri_exports``): encoding, header, columns, the type
   of every value, a complete last row, no missing year, and that it is SIPRI's full export:
   a register limited to some countries, or a file the course made (its extract, the world
   totals), is refused.
2. **It is compared with the edition already in data/**: SIPRI revises past years by a few per
   cent, so a delivery year whose world total falls by more than 40 % (or rises by more than
   67 %), or that has far fewer rows, is a damaged or filtered file, not a revision. The
   register is compared with the committed world totals (rows and TIV per year), the TIV
   tables with sipri_editions and sipri_long_series. A register that only covers fewer years
   (an older edition) passes. ``--accept-revision`` overrides this comparison, never the checks
   of step 1.
3. **Everything is built in a temporary folder** inside the data folder: the extract, the
   tables (from the extract, read back), datapackage.json and README.md with its tables'
   section rewritten. The tables are read back through the same loader the notebooks use and
   the package is validated with frictionless.
4. **Only then are files replaced**, each with ``os.replace`` (one step per file), in an order
   that keeps a crash recoverable: the extract first, then the tables, then README.md,
   datapackage.json last.
   Before the extract is moved, the sha256 of its new files is written to
   ``data/.sipri-pending-hashes.json``, removed once datapackage.json is in place. Before
   datapackage.json is replaced, ``treatylab.load`` refuses any changed table with its hash
   check; running ``make data`` again (no arguments) finishes the job from the extract already
   in data/sipri/raw/, which it trusts through that file. Files that did not change are not
   touched.

A refusal exits with status 2 and one message naming the file, the line where there is one,
and the reason; data/ is left byte for byte as it was.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from treatylab import datapackage
from treatylab.sipri import (
    SERIES_RUSSIA_TOTAL,
    Edition,
    build_tables,
    register_edition,
    tiv_edition,
    to_csv_text,
)
from treatylab.sipri_exports import (
    Export,
    SipriFormatError,
    read_tiv_table,
    read_trade_register,
)
from treatylab.sipri_extract import (
    FULL_EXPORT_PATTERNS,
    PATTERNS,
    README,
    extract_files,
    patterns_of,
    read_register_extract,
    read_tiv_extract,
    read_world_totals,
    world_totals,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data"
RAW = Path("sipri") / "raw"
RAW_PATTERNS = PATTERNS  # the committed files of data/sipri/raw/, by kind
STAGING_PREFIX = ".sipri-import-"
# The sha256 of the extract files an import is moving into data/sipri/raw/, kept until
# datapackage.json records them: what lets `make data` finish an interrupted import.
PENDING = ".sipri-pending-hashes.json"

# The plausible change of a year's total between two editions. SIPRI's revisions move past
# years by some per cent: between the 2022 TIV tables and the January 2025 register, Russia's
# yearly exports for 2000–21 differ by at most 16 % (2019: 5,531 against 5,051, -9 %). A file
# cut in half moves a year by half.
MAX_FALL = 0.40
MAX_RISE = 1 / (1 - MAX_FALL) - 1  # the same ratio upwards: +67 %
# Years with less than this in the previous edition are too small for a ratio to mean much.
MIN_COMPARED_TIV = 100.0
MIN_COMPARED_ROWS = 20

EXIT_REFUSED = 2
EXIT_INVALID_BUILD = 3


class BuildInvalid(RuntimeError):
    """The tables built in the temporary folder do not validate (a bug, not the input's fault)."""


# --- the inputs ---------------------------------------------------------------------------


OPTIONS = {
    "register": "--register",
    "totals": "--register",
    "exports": "--tiv-exports",
    "imports": "--tiv-imports",
}


def default_export(data_dir: Path, kind: str) -> Path:
    """The one committed file of ``kind`` in data/sipri/raw/ (refused if none or several).

    ``kind``: "register" (the register extract), "totals" (the register's world totals),
    "exports" or "imports" (the TIV extracts).
    """
    folder = data_dir / RAW
    found = sorted(folder.glob(RAW_PATTERNS[kind]))
    option = OPTIONS[kind]
    if not found:
        raise SipriFormatError(
            folder,
            f"no file named {RAW_PATTERNS[kind]} here (the course's extract of SIPRI's exports)",
            advice="Restore it with `git checkout -- data/sipri/raw/`, or import SIPRI's full "
            f"export with {option} FILE.",
        )
    if len(found) > 1:
        names = ", ".join(path.name for path in found)
        raise SipriFormatError(
            folder,
            f"{len(found)} files match {RAW_PATTERNS[kind]} ({names}); the import needs one",
            advice="Keep the one you mean (git status shows which is new), or import SIPRI's "
            f"full export again with {option} FILE.",
        )
    return found[0]


def trusted_hashes(out: Path) -> dict[str, set[str]]:
    """The sha256 each committed file of sipri/raw/ may have: the one datapackage.json records,
    and the one an interrupted import recorded in PENDING for a file it had moved into place."""
    path = out / datapackage.DESCRIPTOR
    advice = (
        "Restore it with `git checkout -- data/datapackage.json`, or import SIPRI's full "
        "exports with --register, --tiv-exports and --tiv-imports."
    )
    if not path.is_file():
        raise SipriFormatError(
            path,
            "missing: the extract in sipri/raw/ is read only with the sha256 hashes it records",
            advice=advice,
        )
    hashes: dict[str, set[str]] = {}
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        for res in descriptor["resources"]:
            if str(res.get("path", "")).startswith(RAW.as_posix() + "/"):
                hashes.setdefault(res["path"], set()).add(res["hash"].split(":", 1)[-1])
        pending = out / PENDING
        if pending.is_file():
            for rel, sha in json.loads(pending.read_text(encoding="utf-8")).items():
                hashes.setdefault(rel, set()).add(sha)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise SipriFormatError(
            path, f"cannot read the hashes of sipri/raw/ ({type(error).__name__})", advice=advice
        ) from None
    return hashes


def committed_file(out: Path, kind: str, trusted: dict[str, set[str]]) -> Path:
    """The committed file of ``kind``, refused unless its sha256 is the one recorded."""
    path = default_export(out, kind)
    rel = path.relative_to(out).as_posix()
    if rel not in trusted:
        raise SipriFormatError(
            path,
            "data/datapackage.json does not list this file, so it is not the extract the "
            "repository committed (the import reads no other)",
            advice="Remove it and restore the committed one with `git checkout -- "
            "data/sipri/raw/`, or import SIPRI's full export with "
            f"{OPTIONS[kind]} FILE.",
        )
    if datapackage.sha256_of(path) not in trusted[rel]:
        raise SipriFormatError(
            path,
            "the file has been changed since it was committed: its sha256 is not the one "
            "data/datapackage.json records, and the import reads only the committed extract",
            advice="Restore it with `git checkout -- data/sipri/raw/`, or import SIPRI's full "
            f"export with {OPTIONS[kind]} FILE (see {README}).",
        )
    return path


def read_exports(args: argparse.Namespace) -> tuple[Export, Export, Export]:
    """Read and check the three exports; the TIV tables must come from one download.

    A file given on the command line must be SIPRI's full export; otherwise the committed
    extract is read, after its hashes are checked. ``--tiv-vintage`` names the download year of
    the TIV tables given on the command line; the extract records its own.
    """
    out = Path(args.out)
    trusted: dict[str, set[str]] | None = None

    def committed(kind: str) -> Path:
        nonlocal trusted
        if trusted is None:
            trusted = trusted_hashes(out)
        return committed_file(out, kind, trusted)

    if args.register:
        register = read_trade_register(args.register)
    else:
        register = read_register_extract(committed("register"), committed("totals"))
    tiv = {}
    for side, given in (("exports", args.tiv_exports), ("imports", args.tiv_imports)):
        if given:
            tiv[side] = read_tiv_table(given, side, args.tiv_vintage)
        else:
            tiv[side] = read_tiv_extract(committed(side), side)
    exports, imports = tiv["exports"], tiv["imports"]
    if exports.vintage_year != imports.vintage_year:
        raise SipriFormatError(
            imports.path,
            f"the two TIV tables are from different downloads ({exports.vintage_year} for "
            f"{exports.path.name}, {imports.vintage_year} for this one); the course never "
            "mixes editions",
            advice="Pass both tables of one download (--tiv-exports and --tiv-imports), with "
            "--tiv-vintage YYYY if their names do not say the year.",
        )
    return register, exports, imports


def full_exports_in_raw(out: Path) -> list[Path]:
    """SIPRI's full exports left in data/sipri/raw/ (the course commits only their extract)."""
    return sorted(path for pattern in FULL_EXPORT_PATTERNS for path in (out / RAW).glob(pattern))


# --- the comparison with the edition in data/ ---------------------------------------------


@dataclass(frozen=True)
class Previous:
    """What data/ holds now: the editions and the annual totals the new files are compared with."""

    editions: dict[str, dict[str, str]]
    totals: dict[tuple[str, str], dict[int, float]]  # (vintage, series) -> year -> TIV
    # The register's committed world totals: per delivery year, rows and TIV of the full export.
    world: pd.DataFrame | None = None

    @classmethod
    def read(cls, data_dir: Path) -> Previous | None:
        """The edition in ``data_dir``, or None if there is none to compare with."""
        world = None
        if any((data_dir / RAW).glob(RAW_PATTERNS["totals"])):
            try:
                world = read_world_totals(default_export(data_dir, "totals"))[0]
            except SipriFormatError as error:
                raise SipriFormatError(
                    error.path,
                    "cannot read the world totals of the edition now in data/ to compare the "
                    f"new export with ({error.reason})",
                    advice="Restore them with `git checkout -- data/sipri/raw/`, or skip the "
                    "comparison with --accept-revision.",
                ) from None
        editions, totals = cls._tables(data_dir)
        if not editions and world is None:
            return None
        return cls(editions, totals, world)

    @staticmethod
    def _tables(
        data_dir: Path,
    ) -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], dict[int, float]]]:
        editions_csv = data_dir / datapackage.EDITIONS
        series_csv = data_dir / "sipri_long_series.csv"
        if not (editions_csv.is_file() and series_csv.is_file()):
            return {}, {}
        try:
            editions = {row["edition"]: row for row in _csv_rows(editions_csv)}
            totals: dict[tuple[str, str], dict[int, float]] = {}
            for row in _csv_rows(series_csv):
                key = (row["vintage"], row["series"])
                totals.setdefault(key, {})[int(row["year"])] = float(row["tiv"])
            for row in editions.values():  # the comparison needs these as numbers
                _ = [int(row[key]) for key in ("rows", "first_year", "last_year")]
        except (KeyError, ValueError, TypeError) as error:
            raise SipriFormatError(
                editions_csv,
                f"cannot read the edition now in {data_dir} to compare the new exports with "
                f"({type(error).__name__}: {error})",
                advice="Restore data/ with `git checkout -- data/`, or skip the comparison "
                "with --accept-revision.",
            ) from None
        return editions, totals

    def series(self, edition: str, series: str) -> dict[int, float]:
        vintage = self.editions.get(edition, {}).get("vintage", "")
        return self.totals.get((vintage, series), {})


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def implausible_changes(
    register: Export, exports: Export, imports: Export, previous: Previous
) -> list[SipriFormatError]:
    """Differences from the edition in data/ too large to be one of SIPRI's revisions."""
    problems: list[SipriFormatError] = []
    if previous.world is not None:
        label = previous.editions.get("register", {}).get("label", "register")
        new, old = world_totals(register), previous.world
        problems += _year_rows_fell(register, _by_year(new, "rows"), _by_year(old, "rows"), label)
        new_tiv, old_tiv_world = _by_year(new, "tiv_delivered"), _by_year(old, "tiv_delivered")
        problems += _totals_moved(register, new_tiv, old_tiv_world, "world total")
    old_tiv = previous.editions.get("tiv_tables")
    if old_tiv:
        problems += _rows_fell(imports, exports.rows + imports.rows, old_tiv)
    table = exports.frame
    russia = table[(table["Export_From"] == "Russia") & (table["Import_To"] == "Total")]
    russia_totals = _year_totals(russia[russia["Year"] != "Total"], "Year", "TIV")
    old_russia = previous.series("tiv_tables", SERIES_RUSSIA_TOTAL)
    problems += _totals_moved(exports, russia_totals, old_russia, "Russia's total")
    return problems


def _year_totals(frame: pd.DataFrame, year: str, value: str) -> dict[int, float]:
    values = pd.to_numeric(frame[value])
    return values.groupby(pd.to_numeric(frame[year]).astype(int)).sum().to_dict()


def _by_year(world: pd.DataFrame, column: str) -> dict[int, float]:
    return dict(zip(world["delivery_year"].astype(int), world[column], strict=True))


def _year_rows_fell(
    register: Export, new: dict[int, float], old: dict[int, float], label: str
) -> list[SipriFormatError]:
    """A delivery year with far fewer rows than in the edition in data/: a cut or filtered file.

    Only years in both are compared, so that an edition covering fewer years passes.
    """
    for year in sorted(set(new) & set(old)):
        before, after = int(old[year]), int(new[year])
        if before >= MIN_COMPARED_ROWS and after < (1 - MAX_FALL) * before:
            return [
                SipriFormatError(
                    register.path,
                    f"the file ends here after {register.rows:,} rows, with {after:,} for "
                    f"delivery year {year} where the edition in data/ ({label}) has {before:,} "
                    f"(and {int(sum(old.values())):,} rows in all): far fewer rows than a SIPRI "
                    "revision removes, so the file looks cut off or filtered",
                    line=int(register.frame.index[-1]),
                    advice=_revision_advice(),
                )
            ]
    return []


def _rows_fell(last: Export, rows: int, old: dict[str, str]) -> list[SipriFormatError]:
    """Far fewer rows in the TIV tables than the edition in data/: the file was cut short.

    The TIV tables always start in 1950 and are compared as a whole. ``last`` is the file
    whose end is named in the message.
    """
    old_rows = int(old["rows"])
    if rows >= (1 - MAX_FALL) * old_rows:
        return []
    return [
        SipriFormatError(
            last.path,
            f"the file ends here after {rows:,} rows (both tables); the edition in data/ "
            f"({old['label']}) has {old_rows:,}: far fewer rows than a SIPRI revision "
            "removes, so the file looks cut off or filtered",
            line=int(last.frame.index[-1]),
            advice=_revision_advice(),
        )
    ]


def _totals_moved(
    export: Export, new: dict[int, float], old: dict[int, float], what: str
) -> list[SipriFormatError]:
    """Years whose total moved more than a SIPRI revision moves one (only years in both)."""
    for year in sorted(set(new) & set(old)):
        before, after = old[year], new[year]
        if before < MIN_COMPARED_TIV:
            continue
        change = after / before - 1
        if change < -MAX_FALL or change > MAX_RISE:
            direction = "falls" if change < 0 else "rises"
            return [
                SipriFormatError(
                    export.path,
                    f"the {what} for {year} {direction} from {before:,.0f} to {after:,.0f} TIV "
                    f"({change:+.0%}) against the edition in data/; SIPRI's revisions move a "
                    "year by a few per cent, so the file looks cut off or filtered",
                    advice=_revision_advice(),
                )
            ]
    return []


def _revision_advice() -> str:
    return (
        "Download the export again. If SIPRI really revised the data this much, run "
        'make data SIPRI_ARGS="... --accept-revision".'
    )


# --- building in a temporary folder, then replacing ---------------------------------------


def remove_stale_staging(out: Path) -> None:
    """Temporary folders an interrupted import left behind (they never touch data/ itself)."""
    for stale in out.glob(f"{STAGING_PREFIX}*"):
        print(f"note: removing {stale}, left by an interrupted import")
        shutil.rmtree(stale, ignore_errors=True)


def stage_extract(folder: Path, out: Path, exports: list[Export]) -> tuple[Export, ...]:
    """Fill ``folder`` with a copy of ``out`` holding the extract of each full export given.

    The files an extract supersedes (another edition's) are removed. Returns the three exports
    read back from the extract in ``folder``: the tables are built from what will be committed,
    nothing else. ``folder`` is inside ``out``, on the same file system, so that ``os.replace``
    can move each file into place in one step.
    """
    shutil.copytree(out, folder, dirs_exist_ok=True, ignore=_skip_staging)
    raw = folder / RAW
    raw.mkdir(parents=True, exist_ok=True)
    for export in exports:
        if export.extract:
            continue
        files = extract_files(export)
        for pattern in patterns_of(export):
            for superseded in raw.glob(pattern):
                if superseded.name not in files:
                    superseded.unlink()
        for name, text in files.items():
            (raw / name).write_text(text, encoding="utf-8", newline="")
    return (
        read_register_extract(default_export(folder, "register"), default_export(folder, "totals")),
        read_tiv_extract(default_export(folder, "exports"), "exports"),
        read_tiv_extract(default_export(folder, "imports"), "imports"),
    )


def stage_tables(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Write the tables, datapackage.json and README.md's tables' section into ``folder``."""
    for name, frame in tables.items():
        (folder / f"{name}.csv").write_text(to_csv_text(frame), encoding="utf-8", newline="")
    datapackage.write(folder)


def _skip_staging(directory: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(STAGING_PREFIX) or name == PENDING]


def validate(folder: Path, tables: dict[str, pd.DataFrame], check_package: bool = True) -> None:
    """Read every table back as the notebooks will, and validate the package with frictionless.

    The read-back checks hashes, column types and the schema's constraints (required, enum,
    minimum, primary key) in a few milliseconds; frictionless checks the same and the
    descriptor itself, but costs about 2 s (most of it importing jsonschema).
    """
    from treatylab.data import DataFileError, read_table

    descriptor = json.loads((folder / datapackage.DESCRIPTOR).read_text(encoding="utf-8"))
    resources = {res["name"]: res for res in descriptor["resources"]}
    for name, frame in tables.items():
        try:
            loaded = read_table(folder, resources[name])
        except (DataFileError, KeyError) as error:
            raise BuildInvalid(f"{name}: {error}") from None
        if len(loaded) != len(frame):
            raise BuildInvalid(f"{name}: {len(loaded)} rows read back, {len(frame)} built")
        problems = schema_problems(loaded, resources[name]["schema"])
        if problems:
            raise BuildInvalid(f"{name}: " + "; ".join(problems))
    if check_package:
        try:
            from frictionless import Package
        except ImportError:
            raise BuildInvalid(
                "frictionless is not installed (pip install -r requirements.txt), or pass "
                "--skip-frictionless"
            ) from None
        report = Package(str(folder / datapackage.DESCRIPTOR)).validate()
        if not report.valid:
            errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors][:5]
            raise BuildInvalid("frictionless: " + "; ".join(errors))


def schema_problems(frame: pd.DataFrame, schema: dict) -> list[str]:
    """What in a typed table breaks its Table Schema's constraints."""
    problems = []
    for field in schema["fields"]:
        name, rules = field["name"], field.get("constraints", {})
        values = frame[name]
        if rules.get("required") and values.isna().any():
            problems.append(f"{name}: {int(values.isna().sum())} empty values")
        present = values.dropna()
        if "enum" in rules and not present.isin(rules["enum"]).all():
            problems.append(
                f"{name}: values outside {rules['enum']}: {set(present) - set(rules['enum'])}"
            )
        if "minimum" in rules and (present < rules["minimum"]).any():
            problems.append(f"{name}: values below {rules['minimum']}")
    key = schema.get("primaryKey")
    if key and frame.duplicated(key).any():
        problems.append(f"primary key {key} is not unique")
    return problems


def replace(folder: Path, out: Path) -> list[str]:
    """Move the changed files from ``folder`` into ``out``; return what changed.

    Order: the extract (new files in, superseded ones out), then tables, then README.md (its
    tables' section quotes the editions), datapackage.json last. The hashes of the new extract
    files are kept in PENDING until datapackage.json records them.
    """
    staged = sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())
    changed = sorted(
        (rel for rel in staged if not _same_bytes(folder / rel, out / rel)), key=_replace_order
    )
    superseded = [
        path.relative_to(out)
        for pattern in RAW_PATTERNS.values()
        for path in sorted((out / RAW).glob(pattern))
        if not (folder / path.relative_to(out)).exists()
    ]
    raw_changed = [r for r in changed if _replace_order(r) == 0]
    if raw_changed:
        pending = {rel.as_posix(): datapackage.sha256_of(folder / rel) for rel in raw_changed}
        datapackage.write_atomically(out / PENDING, json.dumps(pending, indent=2) + "\n")
    for rel in raw_changed:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(folder / rel, out / rel)
    for old in superseded:
        (out / old).unlink()
    for rel in [r for r in changed if _replace_order(r) > 0]:
        os.replace(folder / rel, out / rel)
    (out / PENDING).unlink(missing_ok=True)
    return [str(rel) for rel in changed] + [f"{old} (removed)" for old in superseded]


def _same_bytes(new: Path, current: Path) -> bool:
    return current.is_file() and current.read_bytes() == new.read_bytes()


def _replace_order(rel: Path) -> int:
    """0: a file of the extract; 1: a table or other file; 2: README.md, which describes the
    tables; 3: datapackage.json, always last."""
    if rel.parts[: len(RAW.parts)] == RAW.parts:
        return 0
    return {Path(datapackage.README): 2, Path(datapackage.DESCRIPTOR): 3}.get(rel, 1)


# --- the command --------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m treatylab.sipri",
        description="Rebuild the SIPRI tables of data/ and data/datapackage.json from the "
        "course's extract of SIPRI's exports in data/sipri/raw/, or import SIPRI's full "
        "exports (a newer download), writing their extract there. Bad input is refused and "
        "data/ is left untouched.",
    )
    p.add_argument(
        "--register", type=Path, help="SIPRI trade-register CSV export, all countries (full)"
    )
    p.add_argument("--tiv-exports", type=Path, help="SIPRI TIV table by exporter (long form, full)")
    p.add_argument("--tiv-imports", type=Path, help="SIPRI TIV table by importer (long form, full)")
    p.add_argument(
        "--tiv-vintage",
        type=int,
        metavar="YEAR",
        help="year the TIV tables were downloaded, when their file names do not say "
        "(..._vintage-YYYY.csv)",
    )
    p.add_argument(
        "--accept-revision",
        action="store_true",
        help="accept totals or row counts far from the edition in data/ (a real SIPRI revision)",
    )
    p.add_argument(
        "--skip-frictionless",
        action="store_true",
        help="do not validate the package with frictionless (about 2 s; the tables are still "
        "read back and checked against their schemas); for tests",
    )
    p.add_argument(
        "--out", type=Path, default=DEFAULT_DATA, help="data folder to update (default: data/)"
    )
    return p


def describe(edition: Edition) -> str:
    return f"{edition.label}: {edition.first_year}–{edition.last_year}, {edition.rows:,} rows"


def run(args: argparse.Namespace) -> list[str]:
    """Check, compare, build, validate, replace. Returns the files of ``args.out`` changed."""
    out = Path(args.out)
    if not out.is_dir():
        raise SipriFormatError(out, "no such data folder", advice="Check --out.")
    register, exports, imports = read_exports(args)
    for full in full_exports_in_raw(out):
        print(
            f"note: {full} looks like one of SIPRI's full exports: the repository keeps only "
            f"the course's extract (SIPRI's terms; see {README}). Move it out of data/."
        )
    try:
        previous = Previous.read(out)
    except SipriFormatError as error:
        if not args.accept_revision:
            raise
        print(f"note: no comparison with the edition in data/ (--accept-revision): {error}")
        previous = None
    if previous is None:
        print(f"note: no SIPRI edition in {out} to compare the exports with")
    else:
        problems = implausible_changes(register, exports, imports, previous)
        if problems and not args.accept_revision:
            raise problems[0]
        for problem in problems:
            print(f"accepted as a revision (--accept-revision): {problem.reason}")
    remove_stale_staging(out)
    folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        register, exports, imports = stage_extract(folder, out, [register, exports, imports])
        tables = build_tables(register, exports, imports)
        stage_tables(folder, tables)
        validate(folder, tables, check_package=not args.skip_frictionless)
        changed = replace(folder, out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    editions = [register_edition(register), tiv_edition(exports, imports)]
    print("SIPRI editions: " + "; ".join(describe(edition) for edition in editions))
    return changed


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        changed = run(args)
    except SipriFormatError as error:
        print(f"error: {error}\nNothing in {args.out} was changed.", file=sys.stderr)
        return EXIT_REFUSED
    except (BuildInvalid, datapackage.DescriptorError) as error:
        print(
            f"error: the data package built in a temporary folder does not validate: {error}. "
            "If the problem is in a SIPRI table, it is a bug in treatylab/sipri.py, not in the "
            f"exports; otherwise fix the file named. Nothing in {args.out} was changed.",
            file=sys.stderr,
        )
        return EXIT_INVALID_BUILD
    if changed:
        print(f"updated in {args.out}: " + ", ".join(changed))
    else:
        print(f"{args.out} is unchanged: the rebuild equals the files there.")
    return 0
