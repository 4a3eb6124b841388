"""Lesson 00 "Start here": three warm-ups on a small real table, Russia's 2016 deliveries to Iran.

They exercise the whole loop (prompt, answer, check, hint, check_all) on data a learner can
read in full: the six SIPRI register rows of 2016, the year of the S-300PMU2 deliveries.
"""

from __future__ import annotations

import functools

import pandas as pd

from treatylab.data import load
from treatylab.questions.base import (
    Wrong,
    close,
    need_int,
    need_number,
    need_text,
    question,
    reject_known,
)

YEAR = 2016


@functools.cache
def deliveries_2016() -> pd.DataFrame:
    """The Russia-to-Iran register rows delivered in 2016."""
    table = load("sipri_russia_iran_deliveries")
    rows = table[(table["direction"] == "Russia to Iran") & (table["delivery_year"] == YEAR)]
    return rows.reset_index(drop=True)


@question(
    "ex0_1",
    "rows delivered in 2016",
    hints=[
        "`len(table)` counts the rows of a table.",
        "Count the rows of `deliveries_2016`, not of the whole `deliveries` table.",
    ],
)
def ex0_1(answer: object) -> str:
    rows = deliveries_2016()
    value = need_int(answer, "the number of rows in deliveries_2016")
    reject_known(
        value,
        [
            (len(rows.columns), "That is the number of columns; count the rows instead."),
            (
                len(load("sipri_russia_iran_deliveries")),
                "That counts the whole table; count only the rows of `deliveries_2016`.",
            ),
        ],
        tol=0,
    )
    if value != len(rows):
        raise Wrong(f"Not quite: you gave {value}. Look at the table printed above and count.")
    return f"SIPRI records {len(rows)} kinds of item delivered from Russia to Iran in {YEAR}."


@question(
    "ex0_2",
    "largest item of 2016",
    hints=[
        "Sort by the `tiv_delivered` column: `deliveries_2016.sort_values('tiv_delivered')`.",
        "The answer is text: the value of the `designation` column on the row with the "
        "largest `tiv_delivered`.",
    ],
)
def ex0_2(answer: object) -> str:
    rows = deliveries_2016()
    text = need_text(answer, "a designation, such as 'Konkurs'")
    top = rows.loc[rows["tiv_delivered"].idxmax()]
    most_items = rows.loc[rows["number_delivered"].idxmax(), "designation"]
    first = rows.iloc[0]["designation"]
    folded = text.casefold()
    if folded == str(most_items).casefold():
        raise Wrong(
            f"{most_items} is the item delivered in the largest number, not the one with the "
            "largest TIV: sort by `tiv_delivered`, not `number_delivered`."
        )
    if folded == str(first).casefold():
        raise Wrong(f"{first} is simply the first row; sort the table by `tiv_delivered`.")
    if folded != str(top["designation"]).casefold():
        raise Wrong(f"Not quite: {text!r} is not the row with the largest `tiv_delivered`.")
    return (
        f"{top['designation']} ({top['description']}): {int(top['number_delivered'])} "
        f"delivered at {top['tiv_per_unit']:g} TIV each, {top['tiv_delivered']:g} TIV in all."
    )


@question(
    "ex0_3",
    "total TIV of 2016",
    hints=[
        "Add up a column with `.sum()`: `deliveries_2016['tiv_delivered'].sum()`.",
        "Use `tiv_delivered` (the whole delivery), not `tiv_per_unit` (one item).",
    ],
)
def ex0_3(answer: object) -> str:
    rows = deliveries_2016()
    expected = float(rows["tiv_delivered"].sum())
    value = need_number(answer, "a total in SIPRI TIV, millions")
    top = rows.loc[rows["tiv_delivered"].idxmax()]
    reject_known(
        value,
        [
            (
                float(top["tiv_delivered"]),
                f"That is the {top['designation']} systems alone; add every row of 2016.",
            ),
            (
                float(rows["tiv_per_unit"].sum()),
                "That adds the TIV *per item*; add `tiv_delivered` instead.",
            ),
            (
                float(rows["number_delivered"].sum()),
                "That adds the number of items; add the TIV column instead.",
            ),
        ],
        tol=0.05,
    )
    if not close(value, expected, 0.05):
        raise Wrong(f"Not quite: you gave {value:g}. Add the `tiv_delivered` column.")
    return (
        f"{expected:g} TIV. Remember: a TIV measures the volume of arms, not their price, "
        "so this is not a dollar figure."
    )
