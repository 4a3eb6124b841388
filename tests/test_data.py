"""data/: the package validates, every fact row is sourced, the loader fails helpfully."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from treatylab import data
from treatylab.catalog import SIPRI_TABLE_NAMES, all_tables
from treatylab.data import DataFileError, load
from treatylab.datapackage import DATA_DIR, README_END, README_START, render, render_readme

FACT_TABLES = [name for name in all_tables() if name not in SIPRI_TABLE_NAMES]


def test_descriptor_is_current():
    assert (DATA_DIR / "datapackage.json").read_text(encoding="utf-8") == render(), (
        "data/datapackage.json is stale: run `make data`"
    )


def test_readme_tables_section_is_current():
    """data/README.md's section "The tables" is what the catalogue gives (written, not typed)."""
    assert (DATA_DIR / "README.md").read_text(encoding="utf-8") == render_readme(), (
        "the tables' section of data/README.md is stale: run `make data` "
        "(or `python -m treatylab.datapackage`) after editing treatylab/catalog*.py"
    )


def generated_section(readme: str) -> str:
    start, end = readme.index(README_START), readme.index(README_END)
    return readme[start:end]


def test_readme_section_describes_each_table_once_from_the_descriptor():
    """Heading, title, description, every column and every source of each table, in order."""
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = generated_section(readme)
    assert readme.index("## The tables") < readme.index(README_START)
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r for r in descriptor["resources"] if r["profile"] == "tabular-data-resource"]
    headings = [f"### `{res['name']}`" for res in tables]
    assert re.findall(r"^### `\w+`$", readme, flags=re.M) == headings, "one heading per table"
    positions = [section.index(heading) for heading in headings]
    assert positions == sorted(positions)
    for res, start, end in zip(tables, positions, [*positions[1:], len(section)], strict=True):
        part = section[start:end]
        assert f"**{res['title']}**" in part
        assert res["description"] in part
        for field in res["schema"]["fields"]:
            assert f"| `{field['name']}` | {field['type']} |" in part, (res["name"], field["name"])
        for source in res["sources"]:
            assert f"]({source['path']})" in part, (res["name"], source["path"])


def test_check_and_write_cover_the_readme_section_and_nothing_else(tmp_path, capsys, monkeypatch):
    """--check names a stale section; writing restores it and leaves the hand-written text."""
    from treatylab import datapackage
    from treatylab.datapackage import DescriptorError, stale, write

    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns(".sipri-import-*"))
    readme = folder / "README.md"
    committed = readme.read_text(encoding="utf-8")
    assert stale(folder) == []

    readme.write_text(committed.replace("dated events", "events", 1), encoding="utf-8")
    assert stale(folder) == ["data/README.md"]
    write(folder)
    assert readme.read_text(encoding="utf-8") == committed

    # Hand-written text is kept as it is written; only the section between the markers is ours.
    edited = committed.replace("## Licences", "## Licences and credits")
    readme.write_text(edited, encoding="utf-8")
    assert stale(folder) == []
    write(folder)
    assert readme.read_text(encoding="utf-8") == edited

    # Without its markers the README is refused, and neither file is written.
    descriptor_before = (folder / "datapackage.json").read_bytes()
    readme.write_text(committed.replace(README_END, ""), encoding="utf-8")
    (folder / "timeline.csv").write_text(
        (folder / "timeline.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    with pytest.raises(DescriptorError, match="lacks the markers"):
        write(folder)
    assert (folder / "datapackage.json").read_bytes() == descriptor_before
    assert not list(folder.glob(".*.tmp"))

    # The command line: --check fails on a stale section and names it.
    readme.write_text(committed.replace("dated events", "events", 1), encoding="utf-8")
    (folder / "timeline.csv").write_bytes((DATA_DIR / "timeline.csv").read_bytes())
    monkeypatch.setattr(datapackage, "DATA_DIR", folder)
    assert datapackage.main(["--check"]) == 1
    assert "data/README.md is out of date" in capsys.readouterr().err
    assert datapackage.main([]) == 0
    assert datapackage.main(["--check"]) == 0
    assert readme.read_text(encoding="utf-8") == committed


def test_every_csv_is_described():
    described = {spec["path"] for spec in all_tables().values()}
    on_disk = {path.name for path in DATA_DIR.glob("*.csv")}
    assert on_disk == described


def test_frictionless_validates_the_package():
    from frictionless import Package

    report = Package(str(DATA_DIR / "datapackage.json")).validate()
    errors = [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors][:10]
    assert report.valid, errors


@pytest.mark.parametrize("name", list(all_tables()))
def test_every_table_loads_typed(name):
    table = load(name)
    assert len(table) > 0
    fields = data.resource(name)["schema"]["fields"]
    assert list(table.columns) == [f["name"] for f in fields]


@pytest.mark.parametrize("name", FACT_TABLES)
def test_every_fact_row_has_a_source_url(name):
    table = load(name)
    url_columns = [c for c in table.columns if c == "source_url"]
    assert url_columns, f"{name} has no source_url column"
    urls = table["source_url"]
    assert urls.notna().all()
    assert urls.str.match(r"https?://").all()
    assert table["source_title"].notna().all()


def test_timeline_dates_and_uniqueness():
    timeline = load("timeline")
    assert pd.api.types.is_datetime64_any_dtype(timeline["date"])
    assert timeline["date"].between("1990-01-01", "2026-12-31").all()
    assert not timeline.duplicated(["date", "event"]).any()
    assert timeline["event_id"].is_unique
    month = timeline["date_precision"] == "month"
    assert (timeline.loc[month, "date"].dt.day == 1).all()
    key_dates = {
        "2025-01-17": "treaty",
        "2025-04-08": "ratification",
        "2025-04-16": "ratification",
        "2025-04-21": "ratification",
        "2025-05-21": "ratification",
        "2025-06-11": "ratification",
        "2025-10-02": "treaty",
        "2001-03-12": "treaty",
    }
    for day in key_dates:
        assert (timeline["date"] == day).any(), f"no event on {day}"


def test_claims_kinds_verdicts_and_evidence():
    claims = load("article_claims")
    assert set(claims["kind"]) <= {"fact", "attribution", "opinion", "prediction"}
    assert set(claims["verdict"]) <= {
        "supported",
        "not supported",
        "partly supported",
        "unverifiable",
        "pending",
    }
    names_source = (
        claims["evidence"].str.contains(
            r"data:|\.md|http|searched|not found|source|table|article|TASS|Reuters|SIPRI",
            case=False,
            regex=True,
        )
        | claims["evidence_table"].notna()
    )
    assert names_source.all(), claims.loc[~names_source, "claim_id"].tolist()
    third = claims[claims["claim"].str.contains("third", case=False)]
    assert (third["verdict"] == "not supported").any()


def test_arguments_and_predictions_vocabularies():
    args = load("expert_arguments")
    assert set(args["kind"]) <= {"claim", "reason", "evidence", "prediction"}
    assert set(args["stance"]) <= {"significant", "limited", "mixed"}
    assert {"Ontikov", "Glukhov"} <= {s.split()[-1] for s in args["speaker"]}
    assert args.loc[args["in_article"], "role_status"].str.contains("not confirmed").any()
    preds = load("predictions")
    assert set(preds["verdict"]) <= {"borne out", "not borne out", "too early", "untestable"}


# --- the loader's error paths ---------------------------------------------------------------


@pytest.fixture
def copy_of_data(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    monkeypatch.setattr(data, "DATA_DIR", target)
    monkeypatch.setattr(data, "DESCRIPTOR", target / "datapackage.json")
    data.clear_cache()
    yield target
    data.clear_cache()


def test_missing_file_names_it_and_says_how_to_restore(copy_of_data):
    (copy_of_data / "timeline.csv").unlink()
    with pytest.raises(DataFileError) as error:
        load("timeline")
    assert "data/timeline.csv is missing" in str(error.value)
    assert "git checkout -- data/timeline.csv" in str(error.value)


def test_edited_file_fails_the_hash(copy_of_data):
    path = copy_of_data / "sipri_long_series.csv"
    path.write_text(path.read_text().replace("413.0", "414.0"), encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load("sipri_long_series")
    message = str(error.value)
    assert "data/sipri_long_series.csv has been changed" in message
    assert "make data" in message


def test_missing_column_is_reported(copy_of_data):
    path = copy_of_data / "trade_turnover.csv"
    frame = pd.read_csv(path, dtype=str).drop(columns=["basis"])
    frame.to_csv(path, index=False)
    descriptor = json.loads((copy_of_data / "datapackage.json").read_text())
    from treatylab.datapackage import sha256_of

    for res in descriptor["resources"]:
        if res["name"] == "trade_turnover":
            res["hash"] = f"sha256:{sha256_of(path)}"
    (copy_of_data / "datapackage.json").write_text(json.dumps(descriptor))
    data.clear_cache()
    with pytest.raises(DataFileError, match=r"missing columns \['basis'\]"):
        load("trade_turnover")


def test_corrupted_descriptor_and_unknown_table(copy_of_data):
    with pytest.raises(DataFileError, match="no table called 'nope'"):
        load("nope")
    (copy_of_data / "datapackage.json").write_text("{not json", encoding="utf-8")
    data.clear_cache()
    with pytest.raises(DataFileError, match="not valid JSON"):
        load("timeline")


def test_error_shows_without_traceback_in_ipython():
    error = DataFileError("data/x.csv is missing.")
    assert error._render_traceback_() == ["DataFileError: data/x.csv is missing."]


def test_load_returns_a_copy():
    first = load("timeline")
    first.loc[0, "event"] = "changed"
    assert load("timeline").loc[0, "event"] != "changed"


def test_data_readme_covers_every_table():
    readme = (Path(DATA_DIR) / "README.md").read_text(encoding="utf-8")
    for name in all_tables():
        assert f"`{name}`" in readme, f"data/README.md does not describe {name}"


def test_predictions_link_to_timeline_events():
    preds = load("predictions")
    linked = preds["outcome_event_id"].dropna()
    assert len(linked) >= 10
    assert set(linked) <= set(load("timeline")["event_id"])


def test_exactly_one_ratification_row_is_a_political_statement():
    from treatylab.ratification import is_political_statement, legal_steps

    timeline = load("timeline")
    statements = timeline[is_political_statement(timeline)]
    assert statements["event_id"].tolist() == ["E54"]  # Jalali, 18 July 2025
    steps = legal_steps(timeline)
    assert steps["date"].is_monotonic_increasing
    assert steps["date"].iloc[-1] == pd.Timestamp("2025-10-02")


def test_every_source_url_is_well_formed():
    """Offline half of the link check (the weekly workflow job requests each URL)."""
    from tools.check_links import malformed, source_urls

    cited = source_urls()
    assert len(cited) > 100
    bad = {url: malformed(url) for url in cited if malformed(url)}
    assert not bad, bad


def test_malformed_urls_are_recognised():
    from tools.check_links import malformed

    assert malformed("https://eadaily.com./ru/news") != ""
    assert malformed("iz.ru/article") != ""
    assert malformed("https://www.sipri.org/x y") != ""
    assert malformed("ftp://example.org/file") != ""
    assert malformed("https://www.sipri.org/databases/armstransfers") == ""


# Outlets the sources describe as state-funded or government-aligned (issue 15). A title that
# names one of them must carry the matching source type, whichever column it sits in.
OUTLET_TYPES = {
    "Al Jazeera": "state-funded media",
    "RFE/RL": "state-funded media",
    "Azatutyun": "state-funded media",
    "Trend News Agency": "government-aligned media",
    "Caliber.az": "government-aligned media",
    "Azernews": "government-aligned media",
}


def test_state_funded_and_government_aligned_outlets_are_labelled():
    from treatylab.catalog_facts import SOURCE_TYPES

    assert {"state-funded media", "government-aligned media"} <= set(SOURCE_TYPES)
    timeline = load("timeline")
    checked = 0
    for prefix in ("", "second_"):
        for _, row in timeline.dropna(subset=[f"{prefix}source_title"]).iterrows():
            title = row[f"{prefix}source_title"]
            for outlet, kind in OUTLET_TYPES.items():
                if outlet.casefold() in title.casefold() or (
                    outlet == "Caliber.az" and "caliber.az" in str(row[f"{prefix}source_url"])
                ):
                    assert row[f"{prefix}source_type"] == kind, (row["event_id"], title)
                    checked += 1
    assert checked >= 9
    # tables without a type column say it in the title
    titled = (("article_claims", "source_title"), ("predictions", "outcome_source_title"))
    for name, column in titled:
        table = load(name)
        for title in table[column]:
            if "Al Jazeera" in title or "RFE/RL" in title:
                assert "state-funded" in title or "government-funded" in title, title


def test_stated_timeline_counts_are_true():
    """The counts the timeline's description states are computed from the table, never typed.

    The catalogue holds placeholders; the descriptor and data/README.md state the table's counts.
    """
    timeline = load("timeline")
    status = timeline["status"].value_counts()
    template = all_tables()["timeline"]["description"]
    assert template.startswith("{timeline_events} dated events of Russia–Iran relations")
    typed = re.findall(r"\b\d+ (?:dated events|rest on|carry dates)|for \d+ of them", template)
    assert not typed, f"counts typed in the catalogue: {typed}"

    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    spec = next(r for r in descriptor["resources"] if r["name"] == "timeline")
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    stated = re.search(
        r"(\d+) dated events of Russia–Iran relations.*?for (\d+) of them", readme, re.S
    )
    assert stated, "data/README.md no longer states the timeline's counts"
    assert int(stated.group(1)) == len(timeline)
    assert int(stated.group(2)) == status["confirmed-two-sources"]
    description = spec["description"]
    assert description in readme
    assert description.startswith(f"{len(timeline)} dated events")
    assert f"for {status['confirmed-two-sources']} of them" in description
    assert f"{status['confirmed-one-source']} rest on one source" in description
    assert f"{status['contradicted']} carry dates corrected" in description
    years = timeline["date"].dt.year
    assert spec["title"].endswith(f"{years.min()}–{years.max()}")
    ids = timeline["event_id"].tolist()
    assert f"E01–{ids[-1]}" in json.dumps(spec, ensure_ascii=False)
    assert timeline.sort_values(["date", "event_id"])["event_id"].tolist() == sorted(ids)
    # "The last two are ... (`E63`) and ... (`E64`)": named in the text, so checked here.
    last_two = re.search(r"The last two are .*?\(`(E\d+)`\) and .*?\(`(E\d+)`\)", description)
    assert last_two and list(last_two.groups()) == ids[-2:]


def test_counts_follow_the_tables_when_rows_change():
    """table_facts recomputes what the descriptions state from whatever rows the tables hold."""
    from treatylab.catalog import table_facts
    from treatylab.datapackage import table_rows

    rows = table_rows(DATA_DIR)
    facts = table_facts(rows)
    assert facts["timeline_events"] == str(len(load("timeline")))
    assert facts["digest_paragraphs"] == str(len(load("article_digest")))

    def fewer(name: str) -> list[dict[str, str]]:
        table = rows(name)
        if name == "timeline":
            return [row for row in table if row["status"] != "contradicted"]
        if name == "sipri_fact_sheets":
            return [row for row in table if row["row_id"] != "S110"]
        return table

    changed = table_facts(fewer)
    assert changed["timeline_events"] == str(len(load("timeline")) - 2)
    assert changed["timeline_contradicted"] == "0"
    assert changed["fact_sheets_2026_rows"] == "S106–S109, S111–S124"
    described = all_tables({**_edition_facts(), **changed})["timeline"]["description"]
    assert described.startswith(f"{len(load('timeline')) - 2} dated events")


def _edition_facts() -> dict[str, str]:
    from treatylab.catalog import edition_facts
    from treatylab.datapackage import local_path, raw_files, read_editions
    from treatylab.sipri_extract import source_sha256

    editions = read_editions(DATA_DIR)
    hashes = {f: source_sha256(local_path(DATA_DIR, f)) for f in raw_files(editions)}
    return edition_facts(editions, hashes)


def test_figures_typed_in_descriptions_match_the_tables():
    """Published figures, article numbers and row ids a description names, checked on the rows.

    Counts and row ranges are computed (placeholders); these are facts about particular rows,
    typed in the catalogue's prose, so a corrected row must come with a corrected description.
    """
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["name"]: r["description"] for r in descriptor["resources"]}

    sheets = load("sipri_fact_sheets")

    def figure(published: str, period: str, subject: str, indicator: str, counterpart=None):
        rows = sheets[
            (sheets["published"] == published)
            & (sheets["period"] == period)
            & (sheets["subject"] == subject)
            & (sheets["indicator"] == indicator)
        ]
        if counterpart is not None:
            rows = rows[rows["counterpart"] == counterpart]
        assert len(rows) == 1, (published, period, subject, indicator, counterpart)
        return rows["value"].iloc[0]

    share, change = "share of global arms exports", "change in arms exports vs previous period"
    recipients = "share of subject's arms exports"
    text = described["sipri_fact_sheets"]
    assert figure("2026-03", "2021–25", "Russia", "rank among exporters") == 3
    assert figure("2026-03", "2021–25", "Russia", share, "World") == 6.8
    assert figure("2026-03", "2021–25", "Russia", change) == -64
    assert figure("2025-03", "2020–24", "Russia", change) == -64
    assert [figure("2026-03", "2021–25", "Russia", recipients, c) for c in ("India", "China")] == [
        48,
        13,
    ]
    assert figure("2026-03", "2021–25", "Russia", recipients, "Belarus") == 13
    assert "Russia is third among exporters with 6.8 % of the world total" in text
    assert "India takes 48 % of Russia's deliveries, China and Belarus 13 % each" in text
    restated = {
        s: figure("2025-03", "2015–19", s, share, "World")
        for s in ("United States", "France", "Russia")
    }
    original = {
        s: figure("2020-03", "2015–19", s, share, "World")
        for s in ("United States", "France", "Russia")
    }
    assert restated == {"United States": 35, "France": 8.6, "Russia": 21}
    assert original == {"United States": 36, "France": 7.9, "Russia": 21}
    assert figure("2026-03", "2016–20", "United States", share, "World") == 36
    assert figure("2026-03", "2016–20", "Russia", share, "World") == 21
    assert "(US 36 %, Russia 21 %; rows S122–S124)" in text
    main_2020_24 = sheets[
        (sheets["published"] == "2025-03")
        & (sheets["subject"] == "Russia")
        & (sheets["indicator"] == recipients)
    ].sort_values("value", ascending=False)["counterpart"]
    assert main_2020_24.head(3).tolist() == ["India", "China", "Kazakhstan"]
    assert "(India, China, Kazakhstan)" in text

    provisions = load("treaty_provisions")
    confirmed = provisions[provisions["article_status"] == "confirmed"].dropna(subset=["article"])
    by_treaty = confirmed.groupby("treaty")["article"].apply(list).to_dict()
    assert by_treaty == {
        "2025 Russia–Iran": ["1", "2", "3(1)", "3(2)", "3(3)", "3(4)", "4", "5(4)", "14"],
        "2001 Russia–Iran": ["21"],
        "2024 Russia–DPRK": ["4"],
    }
    assert (
        "Arts. 1, 2, 3(1)–3(4), 4, 5(4) and 14 of the 2025 treaty, Art. 21"
        in (described["treaty_provisions"])
    )

    claims = load("article_claims").set_index("claim_id")
    first = [f"C{n:02d}" for n in range(1, 42)]
    assert claims.loc[first, "paragraph"].is_monotonic_increasing  # C01–C41 follow the article
    assert claims.index[-1] == "C42" and claims.loc["C42", "paragraph"] == 28
    assert (
        "C42 (paragraph 28, the reports of separatism) was split off C36"
        in (described["article_claims"])
    )


def test_prediction_outcome_source_belongs_to_its_event():
    """A prediction's outcome source, when it is a timeline source, is a source of its event."""
    timeline = load("timeline").set_index("event_id")
    sources_of = {
        event: {row["source_url"], row["second_source_url"]} - {None}
        for event, row in timeline.astype(object).where(timeline.notna(), None).iterrows()
    }
    every_source = set().union(*sources_of.values())
    for _, row in load("predictions").dropna(subset=["outcome_event_id"]).iterrows():
        url = row["outcome_source_url"]
        if url in every_source:
            assert url in sources_of[row["outcome_event_id"]], (row["prediction_id"], url)


def test_verdicts_agree_with_their_outcome_text():
    """Lesson 05's definitions: an outcome that says it cannot be scored is not 'borne out'."""
    preds = load("predictions")
    cannot = preds["outcome"].str.contains(
        r"cannot be scored|cannot be measured|only the first half", case=False, regex=True
    )
    assert not (cannot & (preds["verdict"] == "borne out")).any(), preds.loc[
        cannot & (preds["verdict"] == "borne out"), "prediction_id"
    ].tolist()


def test_no_cell_cites_the_research_notes():
    """Evidence cites original sources, never the team's notes (treaty_facts.md and the like)."""
    for name in FACT_TABLES:
        table = load(name).astype(str)
        for column in table.columns:
            cited = table[column].str.contains(r"\b\w+\.md\b|shared/source", regex=True)
            assert not cited.any(), (name, column, table.loc[cited].iloc[:, 0].tolist())


def test_stance_counts_quoted_in_c40_are_computed_from_the_table():
    import re

    args = load("expert_arguments")
    left_out = args["in_article"] | args["speaker"].isin(["Kazem Jalali", "Dmitry Peskov"])
    others = args[(args["kind"] == "claim") & ~left_out]
    counts = others["stance"].value_counts()
    claims = load("article_claims").set_index("claim_id")
    text = claims.loc["C40", "evidence"]
    pattern = r"(\d+) (?:are classed )?'(significant|limited|mixed)'"
    numbers = {stance: n for n, stance in re.findall(pattern, text)}
    assert {k: int(v) for k, v in numbers.items()} == {
        stance: int(counts.get(stance, 0)) for stance in ("significant", "limited", "mixed")
    }
    assert f"{len(others)} claim rows by {others['speaker'].nunique()} other analysts" in text


def test_newest_fact_sheet_has_russias_main_recipients():
    """Lessons 02–03 take 'the latest period' from the table: it must carry Russia's top three."""
    sheets = load("sipri_fact_sheets")
    latest = sheets.loc[sheets["published"] == sheets["published"].max()]
    period = latest.loc[latest["subject"] == "Russia", "period"].max()
    assert period == "2021–25"
    recipients = latest[
        (latest["subject"] == "Russia")
        & (latest["indicator"] == "share of subject's arms exports")
        & (latest["period"] == period)
    ].sort_values("value", ascending=False, kind="mergesort")
    assert recipients["counterpart"].head(3).tolist() == ["India", "China", "Belarus"]
    assert "Iran" not in set(recipients["counterpart"])


ARTICLE_TEXT = Path(DATA_DIR).parent.parent / "shared" / "source" / "seal-the-deal.txt"


def test_article_digest_is_keyed_to_the_claims():
    digest = load("article_digest")
    assert digest["paragraph"].tolist() == list(range(1, len(digest) + 1))
    listed = {
        int(row["paragraph"]): set(str(row["claim_ids"]).split("; "))
        for _, row in digest.dropna(subset=["claim_ids"]).iterrows()
    }
    claims = load("article_claims")
    for _, claim in claims.iterrows():
        assert claim["claim_id"] in listed.get(int(claim["paragraph"]), set()), claim["claim_id"]
    assert set().union(*listed.values()) <= set(claims["claim_id"])


def test_article_digest_quotes_only_its_studied_phrases():
    import re

    for _, row in load("article_digest").iterrows():
        phrases = [] if pd.isna(row["studied_phrases"]) else row["studied_phrases"].split(" | ")
        assert sorted(re.findall(r'"([^"]+)"', row["digest"])) == sorted(phrases), row["paragraph"]
        assert all(len(phrase.split()) <= 7 for phrase in phrases), row["paragraph"]


@pytest.mark.skipif(not ARTICLE_TEXT.exists(), reason="the source article is not in this clone")
def test_article_digest_phrases_are_exact_and_the_rest_is_paraphrase():
    import re

    body = ARTICLE_TEXT.read_text(encoding="utf-8").split("----", 1)[-1]
    paragraphs = [line for line in body.splitlines() if line.strip()]
    digest = load("article_digest")
    assert len(digest) == len(paragraphs)

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9$%]+", text.lower())

    article_words = words(body)
    runs = {tuple(article_words[i : i + 8]) for i in range(len(article_words) - 7)}
    for _, row in digest.iterrows():
        if not pd.isna(row["studied_phrases"]):
            for phrase in row["studied_phrases"].split(" | "):
                assert phrase in paragraphs[int(row["paragraph"]) - 1], phrase
        for column in ("digest", "source_title"):
            w = words(row[column])
            copied = [
                " ".join(w[i : i + 8]) for i in range(len(w) - 7) if tuple(w[i : i + 8]) in runs
            ]
            assert not copied, (row["paragraph"], copied)
