"""Lesson 04 questions: the worked answers pass, plausible mistakes get the intended message."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from checking import fails, passes

from treatylab.questions.lesson04 import (
    EXPERTS,
    arguments,
    speakers_named,
)

STEELMAN = """
The strongest case that the treaty matters goes like this. The Institute for the Study of War
argued at the signing that its loose wording on military-technical cooperation could cover
drones, and that after the loss of Syria it might open the way for Russian refuelling hubs or
ships in Iran. Emil Avdaliani argued in March 2025 that the Ukraine war made Iran a pivotal
partner for Moscow, and expected the alignment to outlast the war. A Jerusalem Post op-ed of
January 2026 points to evidence that the text is being used: a three-year consultation roadmap
signed in December 2025. Critics note that Russia sent no military help in June 2025; a
supporter would answer that the treaty never promised any, because its value lies in
sanctions, energy and transport. What would weaken this case: a roadmap that produces no joint
projects within a few years.
"""


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


def test_ex4_1(table):
    rows = table[table["speaker"].isin(EXPERTS)]
    answer = pd.crosstab(rows["speaker"], rows["kind"])
    passes("ex4_1", answer)
    passes("ex4_1", answer.T)  # kinds in rows: accepted
    passes("ex4_1", rows.groupby(["speaker", "kind"]).size())  # long form: accepted
    in_article = table[table["in_article"]]
    fails("ex4_1", pd.crosstab(in_article["speaker"], in_article["kind"]), "official")
    fails("ex4_1", pd.crosstab(rows["speaker"], rows["stance"]), "stances", "kind")
    fails("ex4_1", pd.crosstab(table["speaker"], table["kind"]), "official")
    fails("ex4_1", answer.drop(index="Ivan Glukhov"), "missing")
    fails("ex4_1", answer + 1, "counts are not right")
    fails("ex4_1", "3 claims", "expected a dataframe")
    fails("ex4_1", None, "expected a dataframe")


def test_ex4_2(table):
    rows = table[table["speaker"].isin(EXPERTS)]
    answer = rows.loc[rows["kind"] == "prediction", "argument_id"].tolist()
    passes("ex4_2", answer)
    passes("ex4_2", [a.lower() for a in answer])
    passes("ex4_2", rows[rows["kind"] == "prediction"])  # the rows themselves: accepted
    fails("ex4_2", table.loc[table["kind"] == "prediction", "argument_id"].tolist(), "not by one")
    fails("ex4_2", ["C31", "C34", "C39", "C41"], "article_claims")
    fails("ex4_2", [*answer, "A12"], "reason", "C34")
    fails("ex4_2", [a for a in answer if a != "A08"], "Andrei Ontikov")
    fails("ex4_2", ["A08", "A17", "A19", "A01"], "claim, not a prediction")
    fails("ex4_2", "A08", "single text")
    fails("ex4_2", [8, 17, 19], "not text")


def test_ex4_3(table, others):
    answer = others.groupby("stance")["speaker"].nunique()
    passes("ex4_3", answer)
    passes("ex4_3", answer.to_dict())
    fails("ex4_3", others["stance"].value_counts(), "rows, not analysts")
    fails("ex4_3", table.groupby("stance")["speaker"].nunique(), "officials")
    no_officials = table[~table["speaker"].isin(["Kazem Jalali", "Dmitry Peskov"])]
    fails("ex4_3", no_officials.groupby("stance")["speaker"].nunique(), "Ontikov and Glukhov")
    fails("ex4_3", others.groupby("kind")["speaker"].nunique(), "kinds")
    fails("ex4_3", answer / answer.sum(), "shares")
    fails("ex4_3", answer.drop("mixed"), "'mixed' is missing")
    fails("ex4_3", 40, "expected a series")


def test_ex4_4(table, others, views):
    crosstab = pd.crosstab(views["perspective"], views["stance"])
    answer = crosstab.index[crosstab["significant"] > crosstab["limited"]].tolist()
    passes("ex4_4", answer)
    ties = crosstab.index[crosstab["significant"] >= crosstab["limited"]].tolist()
    fails("ex4_4", ties, "tie")
    leaning_limited = crosstab.index[crosstab["limited"] > crosstab["significant"]].tolist()
    fails("ex4_4", leaning_limited, "more 'limited'")
    rows = pd.crosstab(others["perspective"], others["stance"])
    fails("ex4_4", rows.index[rows["significant"] > rows["limited"]].tolist(), "prediction rows")
    claims = table[table["kind"] == "claim"]
    every = pd.crosstab(claims["perspective"], claims["stance"])
    fails("ex4_4", every.index[every["significant"] > every["limited"]].tolist(), "officials")
    fails("ex4_4", answer[:1], "missing")
    fails("ex4_4", ["significant"], "not a perspective")
    fails("ex4_4", ["Europe"], "not a perspective")
    fails("ex4_4", crosstab, "list of names")


def test_ex4_5(table, others, views):
    answer = (views["timing"] == "after June 2025 war").mean()
    passes("ex4_5", answer)
    passes("ex4_5", round(float(answer), 2))
    after = int((views["timing"] == "after June 2025 war").sum())
    fails("ex4_5", answer * 100, "percentage")
    fails("ex4_5", after, "number of views")
    fails("ex4_5", after / views["speaker"].nunique(), "distinct analysts", "Balmasov")
    fails("ex4_5", (others["timing"] == "after June 2025 war").mean(), "predictions included")
    claims = table[table["kind"] == "claim"]
    fails("ex4_5", (claims["timing"] == "after June 2025 war").mean(), "officials")
    fails("ex4_5", 1 - answer, "before")
    fails("ex4_5", math.nan, "nan")
    fails("ex4_5", "0.3", "expected a number")


def test_ex4_6(table, others):
    mentions = others[others["argument"].str.contains("allian|allies", case=False)]
    answer = [s for s in mentions["speaker"] if not s.startswith("Hemshikha Mishra")]
    passes("ex4_6", answer)
    passes("ex4_6", [s.upper() for s in answer])
    fails("ex4_6", mentions["speaker"].tolist(), "Iran's allies that were struck")
    fails("ex4_6", [*answer, "Sergey Balmasov"], "'union'")
    fails("ex4_6", [*answer, "Ivan Glukhov"], "article's own experts")
    fails("ex4_6", [*answer, "Kazem Jalali"], "official")
    fails("ex4_6", [*answer, "Vladimir Blinov"], "does not use the words")
    fails("ex4_6", [*answer, "Paul Kolbe"], "does not mention")
    fails("ex4_6", answer[1:], "missing")
    fails("ex4_6", [*answer, "Carnegie"], "copy names exactly")
    fails("ex4_6", "John Helmer", "single text")


def test_ex4_7(table):
    passes("ex4_7", STEELMAN)
    fails("ex4_7", "Kolbe is right because it is for show.", "at least 80")
    anonymous = STEELMAN.replace("Institute for the Study of War", "one think tank")
    anonymous = anonymous.replace("Emil Avdaliani", "one analyst").replace("Jerusalem Post", "an")
    fails("ex4_7", anonymous, "name at least one speaker")
    no_reason = " ".join(["Paul Kolbe thinks the treaty is mostly for show."] * 12)
    fails("ex4_7", no_reason, "say why")
    copied = STEELMAN + " " + table["argument"].iloc[25]
    fails("ex4_7", copied, "copied")
    fails("ex4_7", None, "expected text")
    fails("ex4_7", 42, "expected text")


def test_speakers_named_matches_surnames_and_acronyms():
    assert speakers_named("Kolbe said so") == {"Paul Kolbe": "Kolbe"}
    assert "Institute for the Study of War (ISW)" in speakers_named("the ISW argued")
    assert speakers_named("the trends are clear") == {}  # acronyms keep their case
    assert speakers_named("nobody at all") == {}


@pytest.mark.parametrize("qid", [f"ex4_{n}" for n in range(1, 8)])
@pytest.mark.parametrize(
    "bad",
    [..., None, math.nan, float("inf"), "", [], {}, pd.DataFrame(), pd.Series(dtype=float)],
)
def test_bad_input_never_escapes(qid, bad):
    from treatylab.check import check

    feedback = check(qid, bad)
    assert not feedback.correct
    assert feedback.message
    assert "could not be checked" not in feedback.message
