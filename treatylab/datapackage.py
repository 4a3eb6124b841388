"""Write data/datapackage.json (a Frictionless Data Package) from the catalogue.

The descriptor records, for each CSV in data/, its schema, licence, sources, size and sha256
hash, and describes the course's extract of SIPRI's exports in data/sipri/raw/ as plain files
(size, hash, licence, where the full exports were taken from); the import reads that extract
only if its hashes are the ones recorded here. ``treatylab.data.load`` checks the hash, so a
file edited by hand is noticed. The SIPRI descriptions quote the editions read from the
exports (years covered, generation date), taken from data/sipri_editions.csv.

``python -m treatylab.sipri`` (``make data``) rebuilds the SIPRI tables and this descriptor
together; after a deliberate change to a hand-built table, ``python -m treatylab.datapackage``
refreshes the descriptor alone. ``--check`` fails when it is out of date.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

from treatylab.catalog import (
    LICENCES,
    RAW_EXPORTS,
    SIPRI_DATABASE,
    all_tables,
    edition_facts,
    raw_source,
)
from treatylab.sipri_extract import source_sha256

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.json"
EDITIONS = "sipri_editions.csv"


class DescriptorError(RuntimeError):
    """The descriptor cannot be written: a file it must describe is missing."""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def resource(name: str, spec: dict, data_dir: Path) -> dict:
    """One Frictionless resource for a table of the catalogue."""
    path = data_dir / spec["path"]
    if not path.is_file():
        raise DescriptorError(f"the table {spec['path']} is missing from the data folder")
    schema: dict = {"fields": spec["fields"]}
    if spec.get("primary_key"):
        schema["primaryKey"] = spec["primary_key"]
    schema["missingValues"] = [""]
    return {
        "name": name,
        "path": spec["path"],
        "title": spec["title"],
        "description": spec["description"],
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": path.stat().st_size,
        "hash": f"sha256:{sha256_of(path)}",
        "licenses": [LICENCES[spec["licence"]]],
        "sources": spec["sources"],
        "schema": schema,
    }


def read_editions(data_dir: Path) -> list[dict[str, str]]:
    """The rows of sipri_editions.csv, as strings."""
    path = data_dir / EDITIONS
    if not path.is_file():
        raise DescriptorError(f"{path} is missing: run `make data` to rebuild the SIPRI tables.")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_files(editions: list[dict[str, str]]) -> list[str]:
    """The committed files the editions are read from ("data/sipri/raw/<file>"), in order."""
    return [file for row in editions for file in row["files"].split("; ")]


def local_path(data_dir: Path, file: str) -> Path:
    """Where a path written as "data/..." (as in sipri_editions) is under ``data_dir``."""
    return data_dir / Path(file).relative_to("data")


def raw_resource(
    file: str, data_dir: Path, sha256: str, source: str | None, facts: dict[str, str]
) -> dict:
    """One committed file of sipri/raw/ as a plain file resource (it is not a clean table).

    ``source`` is the sha256 of the full export it was made from, as the file records it.
    """
    path = local_path(data_dir, file)
    if not path.is_file():
        raise DescriptorError(f"{path} is missing: sipri_editions.csv names it.")
    spec = next(
        (s for prefix, s in RAW_EXPORTS.items() if path.name.startswith(prefix + "_")), None
    )
    if spec is None:
        raise DescriptorError(f"{path}: not a file of the SIPRI extract the catalogue knows.")
    return {
        "name": spec["name"],
        "path": path.relative_to(data_dir).as_posix(),
        "title": spec["title"].format_map(facts),
        "description": spec["description"].format_map(facts),
        # "type": "file" tells frictionless to check size and hash only, not to parse a table.
        "profile": "data-resource",
        "type": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": path.stat().st_size,
        "hash": f"sha256:{sha256}",
        "licenses": [LICENCES["SIPRI"]],
        "sources": [SIPRI_DATABASE, raw_source(source, spec["made"])],
    }


def descriptor(data_dir: Path = DATA_DIR) -> dict:
    """The whole package descriptor, built from the catalogue and the files on disk."""
    editions = read_editions(data_dir)
    files = raw_files(editions)
    missing = [file for file in files if not local_path(data_dir, file).is_file()]
    if missing:
        raise DescriptorError(
            f"{local_path(data_dir, missing[0])} is missing: sipri_editions.csv names it."
        )
    hashes = {file: sha256_of(local_path(data_dir, file)) for file in files}
    sources = {file: source_sha256(local_path(data_dir, file)) for file in files}
    facts = edition_facts(editions, sources)
    tables = [resource(name, spec, data_dir) for name, spec in all_tables(facts).items()]
    raw = [raw_resource(file, data_dir, hashes[file], sources[file], facts) for file in files]
    return {
        "profile": "data-package",
        "name": "treatylab-data",
        "title": "treatylab: data for a course on the 2025 Russia–Iran treaty",
        "description": "SIPRI arms-transfer tables rebuilt by treatylab/sipri.py from the "
        "course's extract of SIPRI's own export files (in sipri/raw/: the rows the lessons use "
        "and the register's world totals; SIPRI's full exports are not included), and "
        "hand-built fact tables (timeline, treaty "
        "provisions, the article's claims, experts' arguments, predictions, trade) in which "
        "every row carries its source title and URL, and a paragraph-by-paragraph digest of "
        "the source article in the course's own words. See data/README.md.",
        "homepage": "https://www.sipri.org/databases/armstransfers",
        "licenses": [LICENCES["CC-BY-4.0"], LICENCES["SIPRI"]],
        "resources": tables + raw,
    }


def render(data_dir: Path = DATA_DIR) -> str:
    return json.dumps(descriptor(data_dir), indent=2, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder.

    ``os.replace`` swaps the file in one step, so a crash leaves the old file or the new one,
    never half a file.
    """
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write(data_dir: Path = DATA_DIR) -> Path:
    path = data_dir / DESCRIPTOR
    write_atomically(path, render(data_dir))
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        if "--check" in args:
            current = (DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8")
            if current != render():
                print("data/datapackage.json is out of date: run `make data`.", file=sys.stderr)
                return 1
            print("data/datapackage.json is up to date.")
            return 0
        print(f"wrote {write()}")
    except DescriptorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
