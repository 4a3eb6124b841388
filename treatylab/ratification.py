"""Which ratification rows of the timeline are legal steps: one rule for every lesson.

The timeline files Ambassador Jalali's July 2025 remark that the treaty was "already in force"
under "ratification", because learners should meet it beside the real steps and learn to tell
the two apart by reading the row's caveat. The answer keys of lessons 01 and 05 need the same
distinction, so it is made here once; a data test keeps the caveat convention in place.
"""

from __future__ import annotations

import pandas as pd

CATEGORY = "ratification"
POLITICAL_STATEMENT = "A political statement"


def is_political_statement(rows: pd.DataFrame) -> pd.Series:
    """True for ratification rows whose caveat marks them as a statement, not a legal step."""
    caveat = rows["caveat"].fillna("")
    return (rows["category"] == CATEGORY) & caveat.str.startswith(POLITICAL_STATEMENT)


def legal_steps(rows: pd.DataFrame) -> pd.DataFrame:
    """The ratification rows that are steps of the procedure, oldest first."""
    steps = rows[(rows["category"] == CATEGORY) & ~is_political_statement(rows)]
    return steps.sort_values("date", kind="stable")
