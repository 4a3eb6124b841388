"""Write data/datapackage.json (a Frictionless Data Package) from the catalogue.

The descriptor records, for each CSV in data/, its schema, licence, sources, size and sha256
hash. ``treatylab.data.load`` checks the hash, so a file edited by hand is noticed; after a
deliberate change to a table, run ``python -m treatylab.datapackage`` (``make data`` does it).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from treatylab.catalog import LICENCES, all_tables

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = "datapackage.json"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def resource(name: str, spec: dict, data_dir: Path) -> dict:
    """One Frictionless resource for a table of the catalogue."""
    path = data_dir / spec["path"]
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


def descriptor(data_dir: Path = DATA_DIR) -> dict:
    """The whole package descriptor, built from the catalogue and the files on disk."""
    return {
        "profile": "tabular-data-package",
        "name": "treatylab-data",
        "title": "treatylab: data for a course on the 2025 Russia–Iran treaty",
        "description": "SIPRI arms-transfer tables rebuilt by treatylab/sipri.py from SIPRI's "
        "own export files, and hand-built fact tables (timeline, treaty provisions, the "
        "article's claims, experts' arguments, predictions, trade) in which every row carries "
        "its source title and URL, and a paragraph-by-paragraph digest of the source article in "
        "the course's own words. See data/README.md.",
        "homepage": "https://www.sipri.org/databases/armstransfers",
        "licenses": [LICENCES["CC-BY-4.0"], LICENCES["SIPRI"]],
        "resources": [resource(name, spec, data_dir) for name, spec in all_tables().items()],
    }


def render(data_dir: Path = DATA_DIR) -> str:
    return json.dumps(descriptor(data_dir), indent=2, ensure_ascii=False) + "\n"


def write(data_dir: Path = DATA_DIR) -> Path:
    path = data_dir / DESCRIPTOR
    path.write_text(render(data_dir), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        current = (DATA_DIR / DESCRIPTOR).read_text(encoding="utf-8")
        if current != render():
            print("data/datapackage.json is out of date: run `make data`.", file=sys.stderr)
            return 1
        print("data/datapackage.json is up to date.")
        return 0
    print(f"wrote {write()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
