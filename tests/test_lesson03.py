"""Lesson 03 questions as a learner answers them, and our SIPRI ranks against SIPRI's own lists.

Every expected value comes from the course's period module or from data/, never typed here,
except the figures SIPRI itself published (the fact sheets), which are the point of comparison.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from checking import fails, passes

from treatylab.check import RECORDED, WRONG, check
from treatylab.data import load
from treatylab.periods import (
    EDITION_2022,
    REGISTER,
    covers,
    latest_period,
    ordinal,
    period_label,
    rank_of,
    ranking,
    share_of,
    top,
)
from treatylab.questions import find
from treatylab.questions.lesson03 import (
    IRAN,
    SHARE_PERIOD,
    claim_periods,
    edition_periods,
    newest_published,
    nineties,
    published_periods,
    published_top,
    rank_cases,
    top_three_periods,
    uncovered_published,
)


@pytest.fixture(scope="module")
def claims():
    return load("article_claims")


@pytest.fixture(scope="module")
def register():
    return load("sipri_russia_exports_by_recipient")


@pytest.fixture(scope="module")
def edition_2022():
    return load("sipri_russia_exports_by_recipient_1992_2021")


# --- the claim check against SIPRI's own publications ------------------------------------------


def test_our_top_three_is_sipris_wherever_the_register_covers_a_published_period():
    compared = [p for p in published_periods() if covers(*p, REGISTER)]
    assert compared, "no published period to compare with"
    for start, end in compared:
        assert top(start, end, 3) == published_top(start, end), period_label(start, end)


def test_the_2022_edition_reproduces_sipris_2015_19_list():
    assert top(2015, 2019, 3, EDITION_2022) == published_top(2015, 2019)


def test_published_lists_the_lesson_quotes():
    assert published_top(2015, 2019) == ["India", "China", "Algeria"]
    assert published_top(2019, 2023) == ["India", "China", "Egypt"]
    assert published_top(2020, 2024) == ["India", "China", "Kazakhstan"]
    if (2021, 2025) in published_periods():  # SIPRI's March 2026 release
        assert published_top(2021, 2025) == ["India", "China", "Belarus"]
    assert IRAN not in published_top(*newest_published())


def test_periods_beyond_the_register_come_from_fact_sheets_only():
    last = latest_period()[1]
    assert all(end > last for _, end in uncovered_published())
    assert latest_period() == claim_periods()[-1][:2]


def test_the_claim_periods_follow_the_editions():
    periods = [(s, e) for s, e, _ in claim_periods()]
    assert periods[0] == nineties() == (1992, 1999)
    assert periods[-1] == latest_period()
    assert all(covers(s, e, table) for s, e, table in claim_periods())


def test_iran_was_in_the_top_three_only_in_the_1990s():
    ranks = {(s, e): rank_of(IRAN, s, e, table) for s, e, table in claim_periods()}
    assert [p for p, r in ranks.items() if r <= 3] == [nineties()]
    assert top_three_periods() == [(1992, 1996), (1997, 2001)]


def test_the_two_editions_disagree_on_2000_04_in_the_january_2025_register():
    generated = load("sipri_editions").set_index("edition").loc["register", "generated"]
    if str(generated)[:10] != "2025-01-03":
        pytest.skip("a newer register: the lesson picks the period where the editions differ")
    assert rank_of(IRAN, 2000, 2004, EDITION_2022) == 5
    assert rank_of(IRAN, 2000, 2004, REGISTER) == 4


# --- Exercise 3.1 (right: 3, alternative forms: 4, wrong: 6) -----------------------------------


def test_ex3_1(claims):
    counts = claims["kind"].value_counts()
    for right in [
        counts,
        dict(counts),
        counts.reindex(["fact", "attribution", "opinion", "prediction"]),
        claims.groupby("kind").size(),
        counts.rename_axis("kind").reset_index(),
        counts.astype(float),
    ]:
        before = right.copy()
        passes("ex3_1", right)
        if isinstance(before, pd.Series | pd.DataFrame):
            assert before.equals(right)
    fails("ex3_1", claims["verdict"].value_counts(), "by verdict")
    fails("ex3_1", claims["made_by_type"].value_counts(), "made_by_type")
    fails("ex3_1", claims["kind"].value_counts(normalize=True), "proportions")
    fails("ex3_1", claims.loc[claims["checkable"], "kind"].value_counts(), "only the checkable")
    margins = pd.crosstab(claims["kind"], "count", margins=True, margins_name="total")["count"]
    fails("ex3_1", margins, "total row")
    fails("ex3_1", {**dict(counts), "facts": 1}, "'facts' is not a kind")
    fails("ex3_1", counts + 0.4, "is not right")
    fails("ex3_1", 41, "values by kind")
    fails("ex3_1", None, "values by kind")


# --- Exercise 3.2 (right: 1, alternative forms: 5, wrong: 7) -----------------------------------


def test_ex3_2(claims):
    chosen = claims.loc[claims["checkable"] & (claims["verdict"] == "unverifiable"), "claim_id"]
    for right in [
        chosen.tolist(),
        chosen,
        chosen.to_numpy(),
        chosen.array,
        chosen.unique(),
        [c.lower() for c in chosen],
    ]:
        passes("ex3_2", right)
    every = claims.loc[claims["verdict"] == "unverifiable", "claim_id"].tolist()
    fails("ex3_2", every, "opinions included")
    no_check = claims.loc[~claims["checkable"] & (claims["verdict"] == "unverifiable"), "claim_id"]
    fails("ex3_2", no_check.tolist(), "*not* checkable")
    either = claims.loc[claims["checkable"] | (claims["verdict"] == "unverifiable"), "claim_id"]
    fails("ex3_2", either.tolist(), "`&`")
    pending = claims.loc[claims["verdict"] == "pending", "claim_id"].tolist()
    fails("ex3_2", chosen.tolist() + pending[:1], "pending")
    contradicted = claims.loc[claims["verdict"] == "not supported", "claim_id"].tolist()
    fails("ex3_2", contradicted, "not supported")
    fails("ex3_2", chosen.tolist()[:-1], "1 missing")
    fails("ex3_2", chosen.tolist() + ["C99"], "'C99' is not a claim id")
    fails("ex3_2", "C19", "single text")
    fails("ex3_2", [19, 24], "not text")


# --- Exercise 3.3 (right: 1, alternative implementations: 4, wrong: 11) ------------------------


def learner_rank_of(default, *, by="sum", ascending=False, base=1, end_shift=0, start_shift=0):
    """A rank_of as a learner writes it, right or with one planted mistake."""

    def rank_of(recipient, start, end, table=default):
        rows = table[(table["year"] >= start + start_shift) & (table["year"] <= end + end_shift)]
        rows = rows[rows["tiv"] > 0]
        grouped = rows.groupby("recipient")["tiv"]
        totals = grouped.sum() if by == "sum" else grouped.size()
        totals = totals.sort_values(ascending=ascending, kind="mergesort")
        if recipient not in totals.index:
            return None
        return list(totals.index).index(recipient) + base

    return rank_of


def test_ex3_3_right_answers(register):
    passes("ex3_3", learner_rank_of(register))

    def with_rank_method(recipient, start, end, table=register):
        in_years = table[table["year"].between(start, end)]
        ranks = in_years.groupby("recipient")["tiv"].sum().rank(ascending=False, method="min")
        return ranks.get(recipient)

    def with_reindex(recipient, start, end, table=register):
        totals = table[table["year"].between(start, end)].groupby("recipient")["tiv"].sum()
        ranks = totals.sort_values(ascending=False).rank(ascending=False)
        return ranks.reindex([recipient]).iloc[0]  # NaN when absent

    def with_nlargest(recipient, start, end, table=register):
        totals = table.query("@start <= year <= @end").groupby("recipient")["tiv"].sum()
        ordered = totals.nlargest(len(totals)).index.tolist()
        return ordered.index(recipient) + 1 if recipient in ordered else None

    for right in (with_rank_method, with_reindex, with_nlargest):
        passes("ex3_3", right)


def test_ex3_3_a_function_that_ignores_table_fails_and_is_named(register, edition_2022):
    def always_register(recipient, start, end, table=register):
        return learner_rank_of(register)(recipient, start, end)

    message = fails("ex3_3", always_register, "whatever `table`", "edition_2022").message
    assert "2000, 2004" in message  # the call that shows it: the editions disagree there

    def always_2022(recipient, start, end, table=register):
        return learner_rank_of(edition_2022)(recipient, start, end)

    fails("ex3_3", always_2022, "whatever `table`", "2022 edition")

    def half_ignores_table(recipient, start, end, table=register):
        if start < 2000:  # uses the table only where the register has no data
            return learner_rank_of(register)(recipient, start, end, table)
        return learner_rank_of(register, base=1)(recipient, start, end, register)

    fails("ex3_3", half_ignores_table, "whatever `table`")

    def ignores_table_and_counts_from_0(recipient, start, end, table=register):
        return learner_rank_of(register, base=0)(recipient, start, end)

    fails("ex3_3", ignores_table_and_counts_from_0, "`table` differs")


def test_ex3_3_wrong_answers(register):
    fails("ex3_3", learner_rank_of(register, by="count"), "how many delivery rows")
    fails("ex3_3", learner_rank_of(register, base=0), "count from 1")
    fails("ex3_3", learner_rank_of(register, ascending=True), "smallest")
    fails("ex3_3", learner_rank_of(register, end_shift=-1), "end year is missing")
    fails("ex3_3", learner_rank_of(register, start_shift=1), "start year is missing")

    def returns_nothing(recipient, start, end, table=register):
        learner_rank_of(register)(recipient, start, end, table)

    fails("ex3_3", returns_nothing, "returned None for every call", "`return`")

    def never_none(recipient, start, end, table=register):
        return learner_rank_of(register)(recipient, start, end, table) or 0

    fails("ex3_3", never_none, "should return None")

    def three_arguments(recipient, start, end):
        return learner_rank_of(register)(recipient, start, end)

    fails("ex3_3", three_arguments, "should take the arguments (recipient, start, end, table)")

    def crashes(recipient, start, end, table=register):
        raise KeyError(recipient)

    fails("ex3_3", crashes, "raised KeyError")
    fails("ex3_3", 31, "expected a function")
    fails("ex3_3", learner_rank_of, "should take the arguments")


def test_the_worked_rank_of_is_the_period_modules_rank():
    """ex3_3's expected ranks come from its worked answer; they must be treatylab.periods'."""
    q = find("ex3_3")
    for recipient, start, end, table in rank_cases():
        worked = q.reference()(recipient, start, end, load(table))
        assert worked == rank_of(recipient, start, end, table), (recipient, start, end, table)


def test_ex3_3_cases_vary_every_argument():
    """For each argument, two calls that differ in it alone and expect different ranks."""
    cases = rank_cases()
    expected = {c: rank_of(c[0], c[1], c[2], c[3]) for c in cases}
    for position in range(4):
        assert any(
            [i for i in range(4) if a[i] != b[i]] == [position] and expected[a] != expected[b]
            for a in cases
            for b in cases
        ), f"argument {position} is never varied alone"
    assert any(rank is None for rank in expected.values())
    assert set((s, e) for _, s, e, t in cases if t == EDITION_2022) >= set(edition_periods())


# --- Exercise 3.4 (right: 1, alternative forms: 6, wrong: 6) -----------------------------------


def test_ex3_4():
    right = top_three_periods()
    for form in [
        right,
        tuple(right),
        set(right),
        [period_label(s, e) for s, e in right],
        [f"{s}-{e}" for s, e in right],
        np.array(right),
        pd.DataFrame(right, columns=["start", "end"]),
    ]:
        passes("ex3_4", form)
    fails("ex3_4", [], "rank <= 3")
    by_rows = [p for p in edition_periods() if p != edition_periods()[-1]]
    fails("ex3_4", by_rows, "delivery rows")
    fails("ex3_4", right + [(2002, 2006)], "top five")
    fails("ex3_4", right + [(2012, 2016)], "should not be there", "is 10")
    missing = fails("ex3_4", right[:1], "is missing", "rank_of('Iran', 1997, 2001, edition_2022)")
    assert "is 3" in missing.message
    fails("ex3_4", [(1990, 1994)], "not one of the periods")
    fails("ex3_4", "1992–96", "put them in a list")
    fails("ex3_4", [1992, 1997], "(start, end) pairs")


# --- Exercise 3.5 (right: 1, alternative forms: 4, wrong: 7) -----------------------------------


def test_ex3_5(register, edition_2022):
    start, end = SHARE_PERIOD
    in_period = register[register["year"].between(start, end)]
    share = (
        100 * in_period.loc[in_period["recipient"] == IRAN, "tiv"].sum() / in_period["tiv"].sum()
    )
    for right in [share, round(share, 2), np.float64(share), np.array(share)]:
        passes("ex3_5", right)
    feedback = passes("ex3_5", share)
    shown = f"{share:.2f}"
    assert shown in feedback.message
    passes("ex3_5", float(shown))  # the rounded value the success message shows
    fails("ex3_5", share / 100, "fraction")
    series = load("sipri_long_series")
    world = series[series["series"] == "World: total arms transfers"].set_index("year")["tiv"]
    iran_tiv = in_period.loc[in_period["recipient"] == IRAN, "tiv"].sum()
    fails("ex3_5", 100 * iran_tiv / world.loc[start:end].sum(), "world arms transfers")
    fails("ex3_5", iran_tiv, "total TIV")
    fails("ex3_5", 100 - share, "everyone else")
    short = register[register["year"].between(start, end - 1)]
    fails(
        "ex3_5",
        100 * short.loc[short["recipient"] == IRAN, "tiv"].sum() / short["tiv"].sum(),
        "leaves out the end year",
    )
    fails("ex3_5", share_of(IRAN, start - 1, end - 1), "one year off")
    fails("ex3_5", 7.5, "not quite")
    fails("ex3_5", float("nan"), "NaN")
    fails("ex3_5", pd.Series([share]), ".item()")
    fails("ex3_5", "0.23", "remove the quotes")


# --- Exercise 3.6 (right: 1, alternative forms: 3, wrong: 4) -----------------------------------


def test_ex3_6():
    timeline = load("timeline").set_index("event_id")
    gap = timeline.loc["E41", "date"] - timeline.loc["E40", "date"]
    for right in [gap.days, gap, np.int64(gap.days), float(gap.days)]:
        passes("ex3_6", right)
    fails("ex3_6", -gap.days, "subtracted")
    fails("ex3_6", gap.days + 1, "both end days")
    fails("ex3_6", gap.total_seconds(), "seconds")
    fails("ex3_6", gap.days * 24, "hours")
    fails("ex3_6", "three", "expected a number")
    fails("ex3_6", 3.5, "whole number")


# --- Exercise 3.7 (recorded: 9, refused: 10) -------------------------------------------------


def latest_facts() -> dict:
    start, end = latest_period()
    return {
        "period": period_label(start, end),
        "rank": ordinal(rank_of(IRAN, start, end)),
        "of": len(ranking(start, end)),
        "share": f"{share_of(IRAN, start, end):.2f}",
    }


def recorded(text: str) -> None:
    feedback = check("ex3_7", text)
    assert feedback.status == RECORDED, feedback.text()
    assert "checklist" in feedback.message and "model answer" in feedback.message


def test_ex3_7_is_recorded_never_correct_and_graded_by_hand():
    q = find("ex3_7")
    assert q.manual
    assert check("ex3_7", q.reference()).status == RECORDED


def test_ex3_7_recorded():
    f = latest_facts()
    newest = newest_published()
    for text in [
        f"In SIPRI's Arms Transfers Database (register, January 2025), Iran was the {f['rank']} "
        f"of {f['of']} recipients of Russian major arms in {f['period']}, with {f['share']} % "
        "of Russia's deliveries by TIV.",
        "SIPRI data show Iran ranked 10th among Russia's arms recipients in 2015-2019, with "
        "about 1.4 % of deliveries.",
        f"Iran held {f['share']}% of Russia's arms exports in {f['period']} (SIPRI).",
        "Iran was Russia's 3rd largest arms customer only in 1992–99 (7.5 %, SIPRI 2022 edition).",
        f"For {period_label(*newest)} SIPRI names {', '.join(published_top(*newest))} as Russia's "
        "top three recipients; Iran is not among them.",
        f"Iran is not among the top three buyers of Russian arms: in {f['period']} it ranked "
        f"{f['rank']} of {f['of']}, per SIPRI data.",
        "It was third only in the 1990s, SIPRI data show; Iran ranked "
        f"{f['rank']} of {f['of']} recipients in {f['period']}.",
        "Iran was once Russia's third largest arms buyer, according to SIPRI, but in "
        f"{f['period']} it ranked only {f['rank']} of {f['of']}.",
        "The article's claim that Iran is Russia's third largest buyer is outdated: SIPRI ranks "
        f"it {f['rank']} of {f['of']} in {f['period']}.",
    ]:
        recorded(text)


def test_ex3_7_refuses_the_claim_the_lesson_refutes():
    for text in [
        "Iran is Russia's third largest buyer of weapons after India and China, according to "
        "SIPRI data for recent years.",
        "According to SIPRI, Iran is among the top three importers of Russian arms today, "
        "behind India and China.",
        "Iran is Russia's third largest buyer, not its first, according to SIPRI data for "
        f"{latest_facts()['period']}.",
    ]:
        feedback = fails("ex3_7", text, "the very claim the lesson refutes")
        assert latest_facts()["rank"] in feedback.message
        assert published_top(*newest_published())[-1] in feedback.message


def test_ex3_7_refuses_figures_that_contradict_the_data():
    f = latest_facts()
    fails(
        "ex3_7",
        f"SIPRI data show that in {f['period']} Iran ranked 10th among Russia's arms recipients.",
        "rank 10",
        f"not to {f['period']}",
    )
    fails(
        "ex3_7",
        f"SIPRI: in {f['period']} Iran ranked {f['rank']} of {f['of']} recipients of Russian "
        "arms, with 5.5 % of deliveries by TIV.",
        "share of 5.5 %",
        f"{f['share']} %",
    )
    fails(
        "ex3_7",
        f"SIPRI: in {f['period']} Iran ranked {f['rank']} of 99 recipients of Russian arms.",
        "count of 99",
    )
    uncovered = uncovered_published()
    if uncovered:
        fails(
            "ex3_7",
            f"In {period_label(*uncovered[-1])} Iran was third among Russia's recipients, "
            "SIPRI's fact sheet says.",
            "the very claim",
        )


def test_ex3_7_refuses_missing_ingredients():
    f = latest_facts()
    fails("ex3_7", "According to SIPRI, Iran is a minor buyer of Russian arms nowadays.", "period")
    fails(
        "ex3_7",
        f"In {f['period']} Iran was the {f['rank']} of {f['of']} recipients of Russian arms.",
        "SIPRI",
    )
    fails(
        "ex3_7",
        f"SIPRI: Iran imported $25.5 million of Russian arms in {f['period']}, a small amount.",
        "not money",
    )
    fails(
        "ex3_7",
        f"SIPRI: in {f['period']} Iran was a very small recipient of Russian arms, far behind "
        "India.",
        "as digits",
    )
    fails("ex3_7", "Iran 31st", "write at least 8")
    fails("ex3_7", None, "as text")


def test_ex3_7_never_blames_the_course_for_odd_text():
    for text in ["2019-23 " * 20, "third " * 30 + "Iran SIPRI", "1990s 1990s 3rd 3rd SIPRI Iran"]:
        assert check("ex3_7", text).status in (WRONG, RECORDED)
