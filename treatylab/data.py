"""Load the course's tables from data/, typed by the schema and checked against the package.

``load("timeline")`` returns a DataFrame whose columns have the types declared in
``data/datapackage.json``. Before reading, the file's sha256 is compared with the descriptor,
so a learner who edits a CSV by accident gets a clear message instead of silently wrong
answers. Every failure raises ``DataFileError``, whose message names the file, says what is
wrong and how to restore it; in a notebook it is shown without a traceback.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR = DATA_DIR / "datapackage.json"
SIPRI_PREFIX = "sipri_"
TABULAR = "tabular-data-resource"


class DataFileError(RuntimeError):
    """A data file is missing, edited, or does not match its schema."""

    def _render_traceback_(self) -> list[str]:  # IPython: show the message, not a traceback
        return [f"DataFileError: {self}"]


def _restore_hint(path: str) -> str:
    hint = f"Restore it with `git checkout -- data/{path}`"
    if Path(path).name.startswith(SIPRI_PREFIX):
        hint += " or rebuild it from the extract of SIPRI's files with `make data`"
    return hint + "."


@functools.cache
def _descriptor() -> dict:
    if not DESCRIPTOR.is_file():
        raise DataFileError(f"data/{DESCRIPTOR.name} is missing. {_restore_hint(DESCRIPTOR.name)}")
    try:
        return json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    except ValueError as error:
        raise DataFileError(
            f"data/{DESCRIPTOR.name} is not valid JSON ({error}). {_restore_hint(DESCRIPTOR.name)}"
        ) from None


def _tables(descriptor: dict) -> list[dict]:
    """The tabular resources: SIPRI's raw exports in data/sipri/raw/ are files, not tables."""
    return [res for res in descriptor["resources"] if res.get("profile") == TABULAR]


def table_names() -> list[str]:
    """The names of every table in the data package."""
    return [res["name"] for res in _tables(_descriptor())]


def resource(name: str) -> dict:
    """The descriptor entry of one table: schema, sources, licence, hash."""
    for res in _tables(_descriptor()):
        if res["name"] == name:
            return res
    raise DataFileError(
        f"There is no table called {name!r} in data/. Tables: {', '.join(table_names())}."
    )


def _verify_hash(path: Path, res: dict) -> None:
    expected = res["hash"].split(":", 1)[-1]
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != expected:
        raise DataFileError(
            f"data/{res['path']} has been changed since it was published: its contents no "
            f"longer match data/datapackage.json. {_restore_hint(res['path'])} "
            "(Maintainers who changed it on purpose: run `make data` to refresh the hashes.)"
        )


def _typed(frame: pd.DataFrame, res: dict) -> pd.DataFrame:
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in frame.columns]
    extra = [c for c in frame.columns if c not in names]
    if missing or extra:
        raise DataFileError(
            f"data/{res['path']} does not match its schema: "
            f"missing columns {missing}, unexpected columns {extra}. {_restore_hint(res['path'])}"
        )
    for field in fields:
        name, kind = field["name"], field["type"]
        column = frame[name]
        try:
            if kind == "boolean":
                frame[name] = column.map({"true": True, "false": False}).astype("boolean")
            elif kind == "date":
                frame[name] = pd.to_datetime(column, format="%Y-%m-%d")
            elif kind in ("integer", "year"):
                frame[name] = pd.to_numeric(column).astype("Int64")
            elif kind == "number":
                frame[name] = pd.to_numeric(column).astype("float64")
            else:
                frame[name] = column.astype("string")
        except (ValueError, TypeError) as error:
            raise DataFileError(
                f"data/{res['path']}: column {name!r} does not hold {kind} values ({error}). "
                f"{_restore_hint(res['path'])}"
            ) from None
    return frame[names]


@functools.cache
def _load_cached(name: str) -> pd.DataFrame:
    return read_table(DATA_DIR, resource(name))


def read_table(data_dir: Path, res: dict) -> pd.DataFrame:
    """Read one table of a data folder: hash checked, typed by its schema.

    ``load`` uses it for data/; the SIPRI import uses it to read back the tables it has just
    built in a temporary folder before they replace data/.
    """
    path = data_dir / res["path"]
    if not path.is_file():
        raise DataFileError(f"data/{res['path']} is missing. {_restore_hint(res['path'])}")
    _verify_hash(path, res)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (ValueError, pd.errors.ParserError) as error:
        raise DataFileError(
            f"data/{res['path']} cannot be read as CSV ({error}). {_restore_hint(res['path'])}"
        ) from None
    return _typed(raw, res)


def load(name: str) -> pd.DataFrame:
    """Return the table ``name`` of data/ as a typed DataFrame (a fresh copy each call)."""
    return _load_cached(name).copy()


def sources(name: str) -> pd.DataFrame:
    """The sources of one table (title and URL), as listed in the data package."""
    return pd.DataFrame(resource(name).get("sources", []))


def clear_cache() -> None:
    """Forget loaded tables (tests use it after changing files on disk)."""
    _load_cached.cache_clear()
    _descriptor.cache_clear()
