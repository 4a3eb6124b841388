"""``python -m treatylab.sipri`` (``make data``): import SIPRI's exports into data/, all or nothing.

Without arguments it rebuilds every SIPRI table and data/datapackage.json from the exports
committed in data/sipri/raw/, byte-equal to what is committed. With ``--register``,
``--tiv-exports``, ``--tiv-imports`` it takes a newer SIPRI download instead, and copies it into
data/sipri/raw/ under a name that states its edition, replacing the export it supersedes, so the
repository can always rebuild its own data.

What protects data/:

1. **Each export is checked** (``treatylab.sipri_exports``): encoding, header, columns, the type
   of every value, a complete last row, no missing year.
2. **It is compared with the edition already in data/**: SIPRI revises past years by a few per
   cent, so a year whose world total falls by more than 40 % (or rises by more than 67 %), or a
   file with far fewer rows per year, is a damaged or filtered file, not a revision. A register
   that only covers fewer years (an older edition) passes. ``--accept-revision`` overrides this
   comparison, never the checks of step 1.
3. **Everything is built in a temporary folder** inside the data folder: the tables, the
   copies of the exports, datapackage.json. They are read back through the same loader the
   notebooks use and the package is validated with frictionless.
4. **Only then are files replaced**, each with ``os.replace`` (one step per file), in an order
   that keeps a crash recoverable: the raw exports first, then the tables, datapackage.json
   last. Before datapackage.json is replaced, ``treatylab.load`` refuses any changed table with
   its hash check; running ``make data`` again (no arguments) finishes the job from the exports
   already in data/sipri/raw/. Files that did not change are not touched.

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
    SERIES_WORLD_TOTAL,
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

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data"
RAW = Path("sipri") / "raw"
RAW_PATTERNS = {
    "register": "trade-register*.csv",
    "exports": "tiv-by-exporter*.csv",
    "imports": "tiv-by-importer*.csv",
}
STAGING_PREFIX = ".sipri-import-"

# The plausible change of a year's total between two editions. SIPRI's revisions move past
# years by some per cent: between the 2022 TIV tables and the January 2025 register, Russia's
# yearly exports for 2000–21 differ by at most 16 % (2019: 5,531 against 5,051, -9 %). A file
# cut in half moves a year by half.
MAX_FALL = 0.40
MAX_RISE = 1 / (1 - MAX_FALL) - 1  # the same ratio upwards: +67 %
# Years with less than this in the previous edition are too small for a ratio to mean much.
MIN_COMPARED_TIV = 100.0

EXIT_REFUSED = 2
EXIT_INVALID_BUILD = 3


class BuildInvalid(RuntimeError):
    """The tables built in the temporary folder do not validate (a bug, not the input's fault)."""


# --- the inputs ---------------------------------------------------------------------------


def default_export(data_dir: Path, kind: str) -> Path:
    """The one export of ``kind`` in data/sipri/raw/ (refused if there are none or several)."""
    folder = data_dir / RAW
    found = sorted(folder.glob(RAW_PATTERNS[kind]))
    option = {"register": "--register", "exports": "--tiv-exports", "imports": "--tiv-imports"}
    if not found:
        raise SipriFormatError(
            folder,
            f"no file named {RAW_PATTERNS[kind]} here",
            advice=f"Pass the export with {option[kind]} FILE.",
        )
    if len(found) > 1:
        names = ", ".join(path.name for path in found)
        raise SipriFormatError(
            folder,
            f"{len(found)} exports match {RAW_PATTERNS[kind]} ({names}); the import needs one",
            advice="Keep the one you mean (git status shows which is new) or pass it with "
            f"{option[kind]} FILE.",
        )
    return found[0]


def read_exports(args: argparse.Namespace) -> tuple[Export, Export, Export]:
    """Read and check the three exports; the TIV tables must come from one download.

    ``--tiv-vintage`` names the download year of the TIV tables given on the command line;
    the ones already in data/sipri/raw/ keep the year in their names.
    """
    out = Path(args.out)
    register = read_trade_register(args.register or default_export(out, "register"))
    tiv = {}
    for side, given in (("exports", args.tiv_exports), ("imports", args.tiv_imports)):
        path = given or default_export(out, side)
        tiv[side] = read_tiv_table(path, side, args.tiv_vintage if given else None)
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


# --- the comparison with the edition in data/ ---------------------------------------------


@dataclass(frozen=True)
class Previous:
    """What data/ holds now: the editions and the annual totals the new files are compared with."""

    editions: dict[str, dict[str, str]]
    totals: dict[tuple[str, str], dict[int, float]]  # (vintage, series) -> year -> TIV

    @classmethod
    def read(cls, data_dir: Path) -> Previous | None:
        """The edition in ``data_dir``, or None if there is none to compare with."""
        editions_csv = data_dir / datapackage.EDITIONS
        series_csv = data_dir / "sipri_long_series.csv"
        if not (editions_csv.is_file() and series_csv.is_file()):
            return None
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
        return cls(editions, totals)

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
    old_register = previous.editions.get("register")
    if old_register:
        years = register.last_year - register.first_year + 1
        problems += _rows_fell(register, register.rows, years, old_register)
    world = _year_totals(register.frame, "Delivery year", "TIV delivery values")
    old_world = previous.series("register", SERIES_WORLD_TOTAL)
    problems += _totals_moved(register, world, old_world, "world total")
    old_tiv = previous.editions.get("tiv_tables")
    if old_tiv:
        problems += _rows_fell(imports, exports.rows + imports.rows, None, old_tiv)
    table = exports.frame
    russia = table[(table["Export_From"] == "Russia") & (table["Import_To"] == "Total")]
    russia_totals = _year_totals(russia[russia["Year"] != "Total"], "Year", "TIV")
    old_russia = previous.series("tiv_tables", SERIES_RUSSIA_TOTAL)
    problems += _totals_moved(exports, russia_totals, old_russia, "Russia's total")
    return problems


def _year_totals(frame: pd.DataFrame, year: str, value: str) -> dict[int, float]:
    values = pd.to_numeric(frame[value])
    return values.groupby(pd.to_numeric(frame[year]).astype(int)).sum().to_dict()


def _rows_fell(
    last: Export, rows: int, years: int | None, old: dict[str, str]
) -> list[SipriFormatError]:
    """Far fewer rows than the edition in data/: the file was cut short.

    The register is compared per year covered, so that an older edition (fewer years) passes;
    the TIV tables always start in 1950 and are compared as a whole. ``last`` is the file
    whose end is named in the message.
    """
    old_rows = int(old["rows"])
    if years is None:
        new_rate, old_rate, per_year = rows, old_rows, ""
    else:
        old_years = int(old["last_year"]) - int(old["first_year"]) + 1
        new_rate, old_rate = rows / years, old_rows / old_years
        per_year = f" ({new_rate:,.0f} a year against {old_rate:,.0f})"
    if new_rate >= (1 - MAX_FALL) * old_rate:
        return []
    return [
        SipriFormatError(
            last.path,
            f"the file ends here after {rows:,} rows{per_year}; the edition in data/ "
            f"({old['label']}) has {old_rows:,}: far fewer rows than a SIPRI revision "
            "removes, so the file looks cut off",
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


def stage(folder: Path, out: Path, exports: list[Export], tables: dict[str, pd.DataFrame]) -> None:
    """Fill ``folder`` with a copy of ``out`` holding the new exports, tables, datapackage.json.

    ``folder`` is inside ``out``, on the same file system, so that ``os.replace`` can move each
    file into place in one step.
    """
    shutil.copytree(out, folder, dirs_exist_ok=True, ignore=_skip_staging)
    raw = folder / RAW
    raw.mkdir(parents=True, exist_ok=True)
    keep = set()
    for export in exports:
        target = raw / export.canonical_name
        if export.path.resolve() != (out / RAW / export.canonical_name).resolve():
            shutil.copyfile(export.path, target)
        keep.add(target.name)
    for pattern in RAW_PATTERNS.values():
        for superseded in raw.glob(pattern):
            if superseded.name not in keep:
                superseded.unlink()
    for name, frame in tables.items():
        (folder / f"{name}.csv").write_text(to_csv_text(frame), encoding="utf-8", newline="")
    datapackage.write(folder)


def _skip_staging(directory: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(STAGING_PREFIX)]


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

    Order: raw exports (new ones in, superseded ones out), then tables, datapackage.json last.
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
    for rel in [r for r in changed if _replace_order(r) == 0]:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(folder / rel, out / rel)
    for old in superseded:
        (out / old).unlink()
    for rel in [r for r in changed if _replace_order(r) > 0]:
        os.replace(folder / rel, out / rel)
    return [str(rel) for rel in changed] + [f"{old} (removed)" for old in superseded]


def _same_bytes(new: Path, current: Path) -> bool:
    return current.is_file() and current.read_bytes() == new.read_bytes()


def _replace_order(rel: Path) -> int:
    """0: a raw export; 1: a table or other file; 2: datapackage.json, always last."""
    if rel.parts[: len(RAW.parts)] == RAW.parts:
        return 0
    return 2 if rel == Path(datapackage.DESCRIPTOR) else 1


# --- the command --------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m treatylab.sipri",
        description="Rebuild the SIPRI tables of data/ and data/datapackage.json from SIPRI's "
        "exports (default: the ones in data/sipri/raw/), or import a newer download. Bad input "
        "is refused and data/ is left untouched.",
    )
    p.add_argument("--register", type=Path, help="SIPRI trade-register CSV export")
    p.add_argument("--tiv-exports", type=Path, help="SIPRI TIV table by exporter (long form)")
    p.add_argument("--tiv-imports", type=Path, help="SIPRI TIV table by importer (long form)")
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
    previous = Previous.read(out)
    if previous is None:
        print(f"note: no SIPRI edition in {out} to compare the exports with")
    else:
        problems = implausible_changes(register, exports, imports, previous)
        if problems and not args.accept_revision:
            raise problems[0]
        for problem in problems:
            print(f"accepted as a revision (--accept-revision): {problem.reason}")
    tables = build_tables(register, exports, imports)
    remove_stale_staging(out)
    folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    try:
        stage(folder, out, [register, exports, imports], tables)
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
