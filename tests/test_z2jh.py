"""classroom/z2jh/config.yaml is a valid Zero to JupyterHub config, and says what the course needs.

Helm validates a release's values the way ``merged`` and ``validate`` do here: the chart's
defaults (chart/values.yaml) deep-merged with the config (mappings key by key, a null removes a
key, anything else replaces), then checked against the chart's schema (chart/values.schema.json).
Both chart files are copies kept in the repository (chart/README.md), so this needs no network.
"""

from __future__ import annotations

import copy
import json
import re
import urllib.parse
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
Z2JH = ROOT / "classroom" / "z2jh"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def helm_merge(defaults: object, override: object) -> object:
    """Helm's coalescing of values: mappings merge, null deletes, other values replace."""
    if not isinstance(defaults, dict) or not isinstance(override, dict):
        return copy.deepcopy(override)
    merged = copy.deepcopy(defaults)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = helm_merge(merged.get(key), value)
    return merged


def validate(values: dict) -> None:
    schema = json.loads((Z2JH / "chart" / "values.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(values), key=lambda e: list(e.path))
    if errors:
        raise jsonschema.ValidationError(
            "; ".join(f"{'.'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors)
        )


@pytest.fixture(scope="module")
def config() -> dict:
    return load(Z2JH / "config.yaml")


@pytest.fixture(scope="module")
def merged(config: dict) -> dict:
    return helm_merge(load(Z2JH / "chart" / "values.yaml"), config)


def test_the_config_merged_with_the_charts_defaults_is_valid(merged: dict) -> None:
    validate(merged)


def test_the_schema_bites(config: dict) -> None:
    """A bare config misses required keys; a misspelt key is refused."""
    with pytest.raises(jsonschema.ValidationError):
        validate(config)
    typo = helm_merge(load(Z2JH / "chart" / "values.yaml"), {"singleuser": {"memroy": "1G"}})
    with pytest.raises(jsonschema.ValidationError, match="memroy"):
        validate(typo)


def test_the_merge_is_helms() -> None:
    assert helm_merge({"a": {"b": 1, "c": 2}, "l": [1]}, {"a": {"b": None, "d": 3}, "l": [2]}) == {
        "a": {"c": 2, "d": 3},
        "l": [2],
    }


def test_the_landing_page_is_the_guides_nbgitpuller_link(merged: dict) -> None:
    url = urllib.parse.urlsplit(merged["singleuser"]["defaultUrl"])
    assert url.path == "/git-pull"
    query = dict(urllib.parse.parse_qsl(url.query))
    assert query["branch"] == "student", "solutions/ stays off students' homes"
    assert query["targetpath"] == "treatylab"
    assert query["urlpath"].startswith("lab/tree/treatylab/")
    notebook = ROOT / query["urlpath"].removeprefix("lab/tree/treatylab/")
    assert notebook.is_file(), f"the landing page opens a notebook that exists: {notebook}"


def test_resources_culling_and_headroom(merged: dict) -> None:
    single = merged["singleuser"]
    units = {"M": 1e6, "G": 1e9, "Mi": 2**20, "Gi": 2**30}

    def size(text: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)([A-Za-z]+)", text).groups()
        return float(number) * units[unit]

    assert size(single["memory"]["guarantee"]) <= size(single["memory"]["limit"])
    assert size(single["memory"]["guarantee"]) >= 400e6, "a lesson needs ~300 MB (TEACHING.md)"
    assert single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert merged["cull"]["enabled"] and merged["cull"]["timeout"] <= 3600
    assert merged["scheduling"]["userPlaceholder"]["enabled"]


def test_nbgrader_exchange_is_shared_storage_where_the_config_says(merged: dict) -> None:
    single = merged["singleuser"]
    mounts = {m["name"]: m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    volumes = {v["name"]: v for v in single["storage"]["extraVolumes"]}
    assert "persistentVolumeClaim" in volumes["nbgrader-exchange"]
    config_text = single["extraFiles"]["nbgrader-config"]["stringData"]
    root = re.search(r'c\.Exchange\.root = "([^"]+)"', config_text).group(1)
    assert mounts["nbgrader-exchange"] == root
    assert 'course_id = "treatylab"' in config_text


def test_fetched_assignments_find_the_helper_package(merged: dict) -> None:
    path = merged["singleuser"]["extraEnv"]["PYTHONPATH"]
    home = merged["singleuser"]["storage"]["homeMountPath"]
    relative = Path(path).relative_to(Path(home) / "treatylab")
    assert (ROOT / relative / "treatylab").resolve() == (ROOT / "treatylab").resolve()


def test_the_news_pop_up_is_off_as_in_the_images_postbuild(merged: dict) -> None:
    overrides = merged["singleuser"]["extraFiles"]["jupyterlab-overrides"]["data"]
    post_build = (ROOT / "classroom" / "image" / "postBuild").read_text(encoding="utf-8")
    written = json.loads(re.search(r"printf '%s\\n' '(\{.*\})'", post_build).group(1))
    assert overrides == written
