"""Lesson 04 questions: answers a learner would type, right and wrong, and what they are told.

For each question: the worked answer and other legitimate forms pass and are left unchanged;
plausible wrong answers, typed as a learner would type them, fail with their own message; bad
input gets a clear message. Exercise 4.7 (free text) is recorded, never "correct".
"""

from __future__ import annotations

import math
import pickle
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from checking import fails, passes

from treatylab.check import RECORDED, WRONG, check
from treatylab.questions.lesson04 import (
    EXPERTS,
    MODEL_STEELMAN,
    analyst_names,
    analysts_named,
    arguments,
)

ROOT = Path(__file__).resolve().parent.parent

LIMITED = """
The case that the treaty's significance is limited, as its holders would put it. Paul Kolbe,
a former CIA officer writing in The Cipher Brief, called it mostly symbolic: signed after
Assad's fall and just before Trump's return, it reassures more than it changes (A20). According
to UK Defence Intelligence, it lacks the mutual-defence clause of Russia's pacts with North
Korea and Belarus (A21). The test came in June 2025: Putin denounced the strikes on Iran but
pledged no practical support (E52), and Smagin argued that rescuing Iran was not worth a
clash with Israel and the US for Moscow. The best answer from the other side is the
consultation plan signed in December 2025; I would change my mind if it led to joint
projects within a few years.
"""

REAL_WORDS = (
    "the treaty was signed in Moscow in January and ratified by both parliaments later that "
    "year while analysts in many capitals disagreed about what it would change for trade "
    "energy transport sanctions drones diplomacy security cooperation and the wider region "
    "some saw a turning point others saw a record of existing ties and a few expected little "
    "beyond words"
)


def unchanged(qid: str, answer: object, expected_status: str | None = None) -> None:
    """Check ``answer`` and assert that the check left it exactly as it was."""
    before = pickle.dumps(answer)
    feedback = check(qid, answer)
    if expected_status is not None:
        assert feedback.status == expected_status, feedback.text()
    assert pickle.dumps(answer) == before, f"{qid} changed the answer it was given"


@pytest.fixture(scope="module")
def table():
    return arguments()


@pytest.fixture(scope="module")
def others(table):
    in_article = table.loc[table["in_article"], "speaker"].unique()
    return table[~table["speaker"].isin(in_article)]


@pytest.fixture(scope="module")
def views(others):
    return others[others["kind"] == "claim"]


# --- Exercise 4.1 ---------------------------------------------------------------------------


def test_ex4_1_right_in_every_shape(table):
    rows = table[table["speaker"].isin(EXPERTS)]
    answer = pd.crosstab(rows["speaker"], rows["kind"])
    passes("ex4_1", answer)
    passes("ex4_1", answer.T)  # kinds in rows: the same counts
    passes("ex4_1", rows.groupby(["speaker", "kind"]).size())  # long form
    passes("ex4_1", rows.groupby("speaker")["kind"].value_counts().unstack(fill_value=0))
    passes("ex4_1", pd.crosstab(rows["speaker"], rows["kind"], margins=True))
    passes("ex4_1", answer.reset_index())  # speaker as a column
    passes("ex4_1", rows.groupby(["speaker", "kind"]).size().reset_index(name="rows"))
    unchanged("ex4_1", answer)


def test_ex4_1_wrong(table):
    rows = table[table["speaker"].isin(EXPERTS)]
    in_article = table[table["in_article"]]
    fails("ex4_1", pd.crosstab(in_article["speaker"], in_article["kind"]), "official", "in_article")
    fails("ex4_1", pd.crosstab(rows["speaker"], rows["stance"]), "stances", "count by `kind`")
    fails("ex4_1", pd.crosstab(table["speaker"], table["kind"]), "every speaker")
    outside = table[table["in_article"] == False]  # noqa: E712 - as a learner writes it
    fails("ex4_1", pd.crosstab(outside["speaker"], outside["kind"]), "not* in the article")
    fails("ex4_1", rows["kind"].value_counts(), "two experts together")
    answer = pd.crosstab(rows["speaker"], rows["kind"])
    fails("ex4_1", answer.drop(index="Ivan Glukhov"), "missing")
    fails("ex4_1", answer + 1, "is not right")
    fails("ex4_1", "3 claims", "expected a table of counts")
    fails("ex4_1", None, "expected a table of counts")


# --- Exercise 4.2 ---------------------------------------------------------------------------


def test_ex4_2_right(table):
    rows = table[table["speaker"].isin(EXPERTS)]
    predictions = rows[rows["kind"] == "prediction"]
    answer = predictions["argument_id"].tolist()
    passes("ex4_2", answer)
    passes("ex4_2", [a.lower() for a in answer])
    passes("ex4_2", predictions["argument_id"])  # a Series
    passes("ex4_2", predictions["argument_id"].values)  # a pandas array / numpy array
    passes("ex4_2", predictions["argument_id"].unique())
    passes("ex4_2", predictions)  # the rows themselves
    passes("ex4_2", set(answer))
    unchanged("ex4_2", predictions)


def test_ex4_2_wrong(table):
    rows = table[table["speaker"].isin(EXPERTS)]
    answer = rows.loc[rows["kind"] == "prediction", "argument_id"].tolist()
    everyone = table.loc[table["kind"] == "prediction", "argument_id"].tolist()
    fails("ex4_2", everyone, "other speakers")
    fails("ex4_2", [*answer, "A24"], "A24 is by Institute for the Study of War")
    fails("ex4_2", [*answer, "A12"], "reason", "C34")
    fails("ex4_2", ["C31", "C34", "C39", "C41"], "article_claims")
    fails("ex4_2", [*answer, "C31"], "article_claims")
    fails("ex4_2", [a for a in answer if a != "A08"], "Andrei Ontikov")
    fails("ex4_2", ["A08", "A17", "A19", "A01"], "A01 is a claim, not a prediction")
    fails("ex4_2", rows.loc[rows["kind"] == "claim", "argument_id"], "claims, not their")
    fails("ex4_2", [*answer, "A99"], "no argument 'A99'")
    fails("ex4_2", rows.index[rows["kind"] == "prediction"].tolist(), "row number")
    fails("ex4_2", "A08", "single text")


# --- Exercise 4.3 (issue 12: the check never changes the learner's Series) --------------------


def test_ex4_3_right(others):
    answer = others.groupby("stance")["speaker"].nunique()
    passes("ex4_3", answer)
    passes("ex4_3", answer.to_dict())
    passes("ex4_3", answer.reset_index())  # stance and speaker as two columns
    passes("ex4_3", answer.reindex(["significant", "limited", "mixed"]))
    pairs = others.drop_duplicates(["speaker", "stance"])
    passes("ex4_3", pairs["stance"].value_counts())
    passes("ex4_3", answer.astype(float))


def test_ex4_3_leaves_the_learners_series_as_it_was(others):
    """The old key renamed the index and changed the dtype of the Series it was given."""
    answer = others.groupby("stance")["speaker"].nunique()
    copy = answer.copy()
    for given in (answer, answer.rename_axis("Stance"), answer.astype("Int64")):
        index_name, dtype, name = given.index.name, given.dtype, given.name
        labels = list(given.index)
        check("ex4_3", given)
        assert given.index.name == index_name and given.dtype == dtype and given.name == name
        assert list(given.index) == labels
    pd.testing.assert_series_equal(answer, copy)
    wrong = others["stance"].value_counts()
    unchanged("ex4_3", wrong, WRONG)


def test_ex4_3_wrong(table, others):
    answer = others.groupby("stance")["speaker"].nunique()
    fails("ex4_3", others["stance"].value_counts(), "rows, not analysts")
    fails("ex4_3", table.groupby("stance")["speaker"].nunique(), "officials")
    no_officials = table[~table["speaker"].isin(["Kazem Jalali", "Dmitry Peskov"])]
    fails("ex4_3", no_officials.groupby("stance")["speaker"].nunique(), "Andrei Ontikov")
    outside = table[~table["in_article"]]
    fails("ex4_3", outside.groupby("stance")["speaker"].nunique(), "in_article == False")
    fails("ex4_3", others.groupby("kind")["speaker"].nunique(), "kinds")
    fails("ex4_3", answer / answer.sum(), "shares")
    fails("ex4_3", others["stance"].value_counts(normalize=True), "shares")
    fails("ex4_3", answer.drop("mixed"), "1 stance is missing")
    fails("ex4_3", answer + 0.4, "is not right")  # a fractional count is not a count
    fails("ex4_3", others["speaker"].nunique(), "a series or a dict")


# --- Exercise 4.4 ---------------------------------------------------------------------------


def test_ex4_4_right(views):
    crosstab = pd.crosstab(views["perspective"], views["stance"])
    chosen = crosstab.index[crosstab["significant"] > crosstab["limited"]]
    passes("ex4_4", chosen.tolist())
    passes("ex4_4", chosen)  # the Index itself
    passes("ex4_4", chosen.to_numpy())
    passes("ex4_4", [p.lower() for p in reversed(chosen.tolist())])
    passes("ex4_4", set(chosen))


def test_ex4_4_wrong(table, others, views):
    crosstab = pd.crosstab(views["perspective"], views["stance"])
    answer = crosstab.index[crosstab["significant"] > crosstab["limited"]].tolist()
    ties = crosstab.index[crosstab["significant"] >= crosstab["limited"]].tolist()
    fails("ex4_4", ties, "tie")
    fails("ex4_4", [*answer, "Iranian"], "Iranian has as many")
    other_way = crosstab.index[crosstab["limited"] > crosstab["significant"]].tolist()
    fails("ex4_4", other_way, "other way")
    fails("ex4_4", [*answer, "Western"], "Western has more 'limited'")
    rows = pd.crosstab(others["perspective"], others["stance"])
    fails("ex4_4", rows.index[rows["significant"] > rows["limited"]].tolist(), "prediction rows")
    claims = table[table["kind"] == "claim"]
    every = pd.crosstab(claims["perspective"], claims["stance"])
    fails("ex4_4", every.index[every["significant"] > every["limited"]].tolist(), "officials")
    fails("ex4_4", answer[:1], "missing")
    fails("ex4_4", ["significant"], "not a perspective")
    fails("ex4_4", ["Europe"], "not a perspective")
    fails("ex4_4", crosstab, "keep one column")


# --- Exercise 4.5 ---------------------------------------------------------------------------


def test_ex4_5_right(views):
    answer = (views["timing"] == "after June 2025 war").mean()
    passes("ex4_5", answer)
    passes("ex4_5", round(float(answer), 2))
    after = int((views["timing"] == "after June 2025 war").sum())
    passes("ex4_5", after / len(views))
    passes("ex4_5", views["timing"].value_counts(normalize=True)["after June 2025 war"])


def test_ex4_5_wrong(table, others, views):
    answer = (views["timing"] == "after June 2025 war").mean()
    after = int((views["timing"] == "after June 2025 war").sum())
    fails("ex4_5", answer * 100, "percentage")
    fails("ex4_5", after, "number of views")
    fails("ex4_5", after / views["speaker"].nunique(), "distinct analysts", "Balmasov")
    fails("ex4_5", round(after / views["speaker"].nunique(), 2), "distinct analysts")
    fails("ex4_5", (others["timing"] == "after June 2025 war").mean(), "predictions included")
    claims = table[table["kind"] == "claim"]
    fails("ex4_5", (claims["timing"] == "after June 2025 war").mean(), "officials")
    outside = claims[~claims["in_article"]]
    fails("ex4_5", (outside["timing"] == "after June 2025 war").mean(), "in_article == False")
    fails("ex4_5", 1 - answer, "before")
    fails("ex4_5", math.nan, "nan")
    fails("ex4_5", "0.3", "remove the quotes")
    fails("ex4_5", pd.Series([answer]), ".item()")


# --- Exercise 4.6 ---------------------------------------------------------------------------


def test_ex4_6_right(others):
    mentions = others[others["argument"].str.contains("allian|allies", case=False)]
    answer = [s for s in mentions["speaker"] if not s.startswith("Hemshikha Mishra")]
    passes("ex4_6", answer)
    passes("ex4_6", [s.upper() for s in answer])
    passes("ex4_6", pd.Series(answer))
    passes("ex4_6", sorted(answer))
    said = r"\bno alliance|not an alliance|not a military alliance|not allies|block an alliance"
    negated = others["argument"].str.contains(said, case=False)
    passes("ex4_6", others.loc[negated, "speaker"].unique())


def test_ex4_6_wrong(others):
    mentions = others[others["argument"].str.contains("allian|allies", case=False)]
    answer = [s for s in mentions["speaker"] if not s.startswith("Hemshikha Mishra")]
    fails("ex4_6", mentions["speaker"].tolist(), "Hemshikha Mishra", "place to start reading")
    fails("ex4_6", [*answer, "Sergey Balmasov"], "does not mention an alliance")
    fails("ex4_6", [*answer, "Ivan Glukhov"], "article's own experts")
    fails("ex4_6", [*answer, "Kazem Jalali"], "official")
    fails("ex4_6", [*answer, "Vladimir Blinov"], "does not use the words")
    fails("ex4_6", [*answer, "Paul Kolbe"], "does not mention")
    fails("ex4_6", answer[1:], "missing")
    fails("ex4_6", [*answer, "Carnegie"], "copy names exactly", "Carnegie Politika")
    fails("ex4_6", ["Foreign Policy", *answer[1:]], "not a speaker")
    ids = others.loc[others["speaker"].isin(answer) & (others["kind"] == "claim"), "argument_id"]
    fails("ex4_6", ids.tolist(), "argument ids")
    fails("ex4_6", "John Helmer", "single text")


# --- Exercise 4.7 (free text: recorded, never correct) ----------------------------------------


def test_ex4_7_model_and_other_real_attempts_are_recorded():
    for text in (MODEL_STEELMAN, LIMITED, LIMITED.replace("Paul Kolbe", "Kolbe")):
        feedback = check("ex4_7", text)
        assert feedback.status == RECORDED, feedback.text()
        assert "A model answer" in feedback.message
        assert not feedback.correct
    unchanged("ex4_7", LIMITED, RECORDED)


def test_ex4_7_refusals():
    fails("ex4_7", "Kolbe is right because it is for show.", "at least 80")
    filler = " ".join(f"lorem ipsum {w}" for w in REAL_WORDS.split())
    fails("ex4_7", filler, "placeholder")
    fails("ex4_7", " ".join(["Kolbe and Smagin say the treaty is limited."] * 20), "repeats")
    fails("ex4_7", LIMITED.replace("(A20)", "(A99)"), "A99", "expert_arguments")
    fails("ex4_7", LIMITED.replace("(E52)", "(E99)"), "E99", "timeline")
    fails("ex4_7", LIMITED.replace(", and Smagin argued", ", and some argued"), "at least 2")
    copied = LIMITED + " " + arguments()["argument"].iloc[25]
    fails("ex4_7", copied, "copied")
    fails("ex4_7", None, "expected your answer as text")
    fails("ex4_7", 42, "expected your answer as text")


def test_ex4_7_institution_words_are_never_analysts():
    """Issue 12: 'foreign policy' or 'global research' were taken for an analyst's name."""
    text = (
        "Foreign Policy and Global Research argue that Russia's foreign policy is global; "
        "research at the Middle East Council and UK Defence Intelligence agree. " + REAL_WORDS
    )
    assert analysts_named(text) == set()
    fails("ex4_7", text, "name at least 2 analysts")
    names = analyst_names()
    assert "Paul Kolbe" in names and "Hemshikha Mishra" in names and "Ankit Kumar" in names
    assert not any(re.search(r"Policy|Research|Intelligence|Post|Daily", n) for n in names)
    assert not {"Kazem Jalali", "Dmitry Peskov"} & set(names)  # officials are not analysts


def test_ex4_7_names_by_full_name_or_unambiguous_surname():
    assert analysts_named("Kolbe and Avdaliani disagree.") == {"Paul Kolbe", "Emil Avdaliani"}
    # A first name that is another analyst's surname does not count twice.
    assert analysts_named("Mansour Alimardani spoke in the Majlis.") == {"Mansour Alimardani"}
    assert analysts_named("Renad Mansour and Mansour Alimardani") == {
        "Renad Mansour",
        "Mansour Alimardani",
    }
    assert analysts_named("the trends are clear, the policy is global") == set()


def test_ex4_7_notes_a_stance_that_differs_from_the_table():
    text = LIMITED.replace("called it mostly symbolic", "called it significant")
    feedback = check("ex4_7", text)
    assert feedback.status == RECORDED
    assert "Paul Kolbe calls the treaty 'significant'" in feedback.message


def test_the_worked_steelman_is_the_keys_model_answer():
    nb = nbformat.read(ROOT / "solutions" / "04_expert_arguments.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "s04-26")
    assert MODEL_STEELMAN.strip() in cell.source


# --- bad input and the notebooks --------------------------------------------------------------


@pytest.mark.parametrize("qid", [f"ex4_{n}" for n in range(1, 8)])
@pytest.mark.parametrize(
    "bad",
    [..., None, math.nan, float("inf"), "", [], {}, pd.DataFrame(), pd.Series(dtype=float)],
    ids=lambda b: type(b).__name__,
)
def test_bad_input_gets_a_clear_message(qid, bad):
    feedback = check(qid, bad)
    assert not feedback.done
    assert feedback.message
    assert "could not" not in feedback.message


def test_numpy_forms_of_every_list_answer_pass():
    ids = arguments().query("speaker in @EXPERTS and kind == 'prediction'")["argument_id"]
    passes("ex4_2", np.array(ids.tolist()))
    passes("ex4_2", pd.array(ids.tolist(), dtype="string"))


def test_the_exercise_master_imports_hint_and_ends_with_check_all():
    """Titles, objectives, the Time line and exercise minutes: tests/test_lesson_map.py."""
    master = nbformat.read(ROOT / "solutions" / "04_expert_arguments.ipynb", as_version=4)
    setup = next(c.source for c in master.cells if c.cell_type == "code")
    assert "check, check_all, hint" in setup
    assert master.cells[-1].source.strip() == "check_all(4)"
    prompts = [c.source for c in master.cells if c.source.startswith("### Exercise 4.")]
    assert len(prompts) == 7 and all(re.search(r", \d+ min\)", p) for p in prompts)


def test_ex4_1_and_ex4_6_structural_diagnoses_are_reached():
    """Messages the kinds of lesson 04 give when no declared mistake matches exactly."""
    from treatylab.questions import lesson04 as key

    rows = key.expert_rows()
    by_stance = pd.crosstab(rows["speaker"], rows["stance"]) if "stance" in rows else None
    if by_stance is not None and not by_stance.empty:
        fails("ex4_1", by_stance.iloc[:1], "stance")
    table = key.arguments()
    quoted = table[table["speaker"].isin([*key.EXPERTS, key.officials()[0]])]
    fails("ex4_1", pd.crosstab(quoted["speaker"], quoted["kind"]).iloc[:, :2], "officials")
    defence = key.defence_only_speakers()
    if defence:
        fails("ex4_6", [*key.not_alliance_speakers()[:1], defence[0]], "defence")
