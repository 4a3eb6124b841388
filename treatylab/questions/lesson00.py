"""Lesson 00 "Start here": three warm-ups on a small real table, Russia's 2016 deliveries to Iran.

They exercise the whole loop (prompt, answer, check, hint, check_all) on data a learner can
read in full: the register rows of 2016, the year of the S-300PMU2 deliveries.

A wrong filter in exercise 0.3 (the right column added over the wrong rows: another year, every
year, ``>=`` for ``==``) is named as a filter mistake; a total that is no known mistake is told to
check which rows it adds, never to add the column it has already added.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd

from treatylab.data import load
from treatylab.questions.base import Mistake, NotApplicable, question
from treatylab.questions.kinds import Label, Number

YEAR = 2016


@functools.cache
def _deliveries_2016() -> pd.DataFrame:
    table = load("sipri_russia_iran_deliveries")
    rows = table[(table["direction"] == "Russia to Iran") & (table["delivery_year"] == YEAR)]
    return rows.reset_index(drop=True)


def deliveries_2016() -> pd.DataFrame:
    """The Russia-to-Iran register rows delivered in 2016 (a copy)."""
    return _deliveries_2016().copy()


def _largest() -> pd.Series:
    rows = _deliveries_2016()
    return rows.loc[rows["tiv_delivered"].idxmax()]


def _russia_to_iran() -> pd.DataFrame:
    table = load("sipri_russia_iran_deliveries")
    return table[table["direction"] == "Russia to Iran"]


def _total_where(keep: Callable[[pd.DataFrame], pd.Series]) -> float:
    """TIV of Russia's deliveries to Iran on the rows ``keep`` selects: a filter's total."""
    rows = _russia_to_iran()
    return float(rows.loc[keep(rows), "tiv_delivered"].sum())


def _year_total(year: int) -> float:
    """A neighbouring year's total; NotApplicable if the table has no delivery that year."""
    total = _total_where(lambda rows: rows["delivery_year"] == year)
    if total == 0:
        raise NotApplicable
    return total


question(
    "ex0_1",
    "rows delivered in 2016",
    Number(
        lambda: len(_deliveries_2016()),
        "the number of rows in deliveries_2016",
        integer=True,
        advice="Look at the table printed above and count its rows.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: len(_deliveries_2016().columns),
            "That is the number of columns; count the rows instead.",
        ),
        Mistake.answer(
            lambda: len(load("sipri_russia_iran_deliveries")),
            "That counts the whole table; count only the rows of `deliveries_2016`.",
        ),
        Mistake.answer(
            lambda: len(_russia_to_iran()),
            f"That counts Russia's deliveries to Iran in every year; count only the rows "
            f"delivered in {YEAR} (`deliveries_2016`).",
        ),
        Mistake.answer(
            lambda: _deliveries_2016()["number_delivered"].sum(),
            "That adds up the items delivered; count the rows (one row per kind of item).",
        ),
    ],
    hints=[
        "`len(table)` counts the rows of a table.",
        "Count the rows of `deliveries_2016`, not of the whole `deliveries` table.",
    ],
    success=lambda given: (
        f"SIPRI records {len(_deliveries_2016())} kinds of item delivered from Russia to Iran "
        f"in {YEAR}."
    ),
)


question(
    "ex0_2",
    "largest item of 2016",
    Label(
        lambda: _largest()["designation"],
        "a designation, such as 'Konkurs'",
        choices=lambda: _deliveries_2016()["designation"].astype(str),
        noun="designation",
        advice="Sort by `tiv_delivered` and read the designation of the last row.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: _deliveries_2016().loc[
                _deliveries_2016()["number_delivered"].idxmax(), "designation"
            ],
            "That is the item delivered in the largest number, not the one with the largest "
            "TIV: sort by `tiv_delivered`, not `number_delivered`.",
        ),
        Mistake.answer(
            lambda: _deliveries_2016().loc[
                _deliveries_2016()["tiv_per_unit"].idxmax(), "designation"
            ],
            "That is the item with the largest TIV *per unit*; the exercise asks for the largest "
            "delivery, `tiv_delivered`.",
        ),
        Mistake.answer(
            lambda: _deliveries_2016().iloc[0]["designation"],
            "That is simply the first row; sort the table by `tiv_delivered`.",
        ),
        Mistake.answer(
            lambda: _deliveries_2016().sort_values("tiv_delivered").iloc[0]["designation"],
            "That is the *smallest* delivery: after `sort_values`, the largest is the last row "
            "(`.iloc[-1]`), or sort with `ascending=False`.",
        ),
    ],
    hints=[
        "Sort by the `tiv_delivered` column: `deliveries_2016.sort_values('tiv_delivered')`.",
        "The answer is text: the value of the `designation` column on the row with the "
        "largest `tiv_delivered`.",
    ],
    success=lambda given: (
        f"{_largest()['designation']} ({_largest()['description']}): "
        f"{int(_largest()['number_delivered'])} delivered at {_largest()['tiv_per_unit']:g} TIV "
        f"each, {_largest()['tiv_delivered']:g} TIV in all."
    ),
)


question(
    "ex0_3",
    "total TIV of 2016",
    Number(
        lambda: _deliveries_2016()["tiv_delivered"].sum(),
        "a total in SIPRI TIV, millions",
        decimals=1,
        advice="If you added up `tiv_delivered`, check which rows you added: only those of "
        "`deliveries_2016` (Russia to Iran, delivered in 2016).",
    ),
    mistakes=[
        Mistake.answer(
            lambda: _largest()["tiv_delivered"],
            lambda: (
                f"That is the largest delivery alone (the {_largest()['designation']}); add "
                f"every row of {YEAR}."
            ),
        ),
        Mistake.answer(
            lambda: _deliveries_2016()["tiv_per_unit"].sum(),
            "That adds the TIV *per item*; add `tiv_delivered` instead.",
        ),
        Mistake.answer(
            lambda: _deliveries_2016()["number_delivered"].sum(),
            "That adds the number of items; add the TIV column instead.",
        ),
        Mistake.answer(
            lambda: load("sipri_russia_iran_deliveries")["tiv_delivered"].sum(),
            "That adds every year and both directions; add only the rows of `deliveries_2016`.",
        ),
        # A wrong filter: the right column added over the wrong rows (issue 12, ex0_3).
        Mistake.answer(
            lambda: _total_where(lambda rows: rows["delivery_year"].notna()),
            "You added the right column over every year of Russia's deliveries to Iran: keep "
            f"only the rows delivered in {YEAR} (`deliveries_2016`).",
        ),
        Mistake.answer(
            lambda: _total_where(lambda rows: rows["delivery_year"] >= YEAR),
            f"You added the right column, but over {YEAR} *and every later year*: the filter "
            f"needs `== {YEAR}`, not `>= {YEAR}`.",
        ),
        Mistake.answer(
            lambda: _total_where(lambda rows: rows["delivery_year"] <= YEAR),
            f"You added the right column, but over {YEAR} *and every earlier year*: the filter "
            f"needs `== {YEAR}`, not `<= {YEAR}`.",
        ),
        Mistake.answer(
            lambda: _total_where(lambda rows: rows["delivery_year"] != YEAR),
            f"You added every year *except* {YEAR}: the filter needs `==`, not `!=`.",
        ),
        Mistake.answer(
            lambda: _year_total(YEAR - 1),
            f"That is the total of {YEAR - 1}: you added the right column over the wrong year. "
            f"Use the rows delivered in {YEAR}.",
        ),
        Mistake.answer(
            lambda: _year_total(YEAR + 1),
            f"That is the total of {YEAR + 1}: you added the right column over the wrong year. "
            f"Use the rows delivered in {YEAR}.",
        ),
        Mistake.answer(
            lambda: 0.0,
            "Your total is 0: your filter kept no rows (a misspelt direction, or `order_year` "
            "instead of `delivery_year`?). Add up the rows of `deliveries_2016`.",
        ),
    ],
    hints=[
        "Add up a column with `.sum()`: `deliveries_2016['tiv_delivered'].sum()`.",
        "Use `tiv_delivered` (the whole delivery), not `tiv_per_unit` (one item).",
    ],
    success=lambda given: (
        f"{_deliveries_2016()['tiv_delivered'].sum():g} TIV. Remember: a TIV measures the "
        "volume of arms, not their price, so this is not a dollar figure."
    ),
)
