"""Lesson 05 "What happened next": the events of 2025 and the scoring of predictions.

The questions work on the ``timeline`` table (events after the signing, gaps in days, the
ratification chain, the snapback month) and on ``predictions`` (verdicts, the share of
settled predictions borne out, a prediction re-scored by the learner). Every expected answer
is computed here from data/; the event ids below are keys into the timeline, not answers.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import numpy as np
import pandas as pd

from treatylab.data import load
from treatylab.questions.base import (
    Wrong,
    close,
    describe,
    need_frame,
    need_labels,
    need_number,
    need_text,
    question,
    reject_known,
)
from treatylab.ratification import legal_steps

# Keys of the timeline events the lesson refers to (event_id is the table's primary key).
SIGNING_ID = "E40"  # the treaty is signed in the Kremlin
ISRAEL_STRIKES_ID = "E50"  # Israel's air campaign begins (June 2025 war)
US_STRIKES_ID = "E51"  # US strikes on Fordow, Natanz and Isfahan
PUTIN_ARAGHCHI_ID = "E52"  # Putin receives Araghchi in the Kremlin
JALALI_CLAIM_ID = "E54"  # Jalali says the treaty is already in force
SNAPBACK_ID = "E55"  # the E3 notify the Security Council
NON_RECOGNITION_ID = "E61"  # Nebenzia: Moscow does not accept that snapback took effect
ENTRY_INTO_FORCE_ID = "E62"  # the treaty enters into force (Russian foreign ministry)
HORMOZ_ID = "E58"  # Iranian state media report the Hormoz nuclear-plant deal

# The three predictions of exercise 5.5: one from the article, two from analysts.
SCORED_IDS = ("F05", "F08", "F11")
# The prediction the learner re-scores in exercise 5.7 (a judgement call).
JUDGEMENT_ID = "F01"

VERDICTS = ("borne out", "not borne out", "too early", "untestable")
SETTLED = ("borne out", "not borne out")

# Short labels for the 2025 timeline chart (our words; dates and categories come from data/).
SHORT_LABELS = {
    "E38": "Kremlin announces signing date",
    "E39": "Jalali: treaty to run 20 years",
    "E40": "Treaty signed in the Kremlin",
    "E41": "Trump takes office",
    "E42": "Valdai panel on the treaty",
    "E43": "Putin sends treaty to the Duma",
    "E44": "Duma ratifies",
    "E45": "Federation Council approves",
    "E46": "Putin signs ratification law",
    "E47": "EAEU–Iran free-trade deal in force",
    "E48": "Majlis passes the bill",
    "E49": "Guardian Council clears the bill",
    "E50": "Israel's strikes on Iran begin",
    "E51": "US strikes three nuclear sites",
    "E52": "Putin receives Araghchi",
    "E54": "Jalali: 'already in force' (political)",
    "E55": "E3 trigger snapback",
    "E56": "UNSC rejects relief draft",
    "E57": "UNSC rejects Russia–China delay",
    "E58": "Hormoz nuclear deal reported",
    "E59": "UN sanctions return",
    "E60": "Nebenzia: snapback void",
    "E61": "Nebenzia: no recognition",
    "E62": "Treaty enters into force",
}


# --- tables --------------------------------------------------------------------------------


@functools.cache
def timeline() -> pd.DataFrame:
    return load("timeline")


def event(event_id: str) -> pd.Series:
    """One timeline row by its id."""
    table = timeline()
    return table[table["event_id"] == event_id].iloc[0]


def _day(date: object, year: bool = True) -> str:
    """'2 October 2025' (no leading zero), or '2 October'."""
    stamp = pd.Timestamp(date)
    return f"{stamp.day} {stamp:%B %Y}" if year else f"{stamp.day} {stamp:%B}"


def event_date(event_id: str) -> pd.Timestamp:
    return pd.Timestamp(event(event_id)["date"])


@functools.cache
def signing_date() -> pd.Timestamp:
    return event_date(SIGNING_ID)


@functools.cache
def after_signing() -> pd.DataFrame:
    """Events strictly after the signing, with the gap in days (blank for month precision)."""
    table = timeline()
    rows = table[table["date"] > signing_date()].sort_values(["date", "event_id"]).copy()
    days = (rows["date"] - signing_date()).dt.days.astype("Int64")
    rows["days_after_signing"] = days.where(rows["date_precision"] == "day")
    return rows.reset_index(drop=True)


def days_between(first_id: str, second_id: str) -> int:
    return int((event_date(second_id) - event_date(first_id)).days)


@functools.cache
def ratification_steps() -> list[str]:
    """The legal steps from the bill to entry into force, in date order.

    They are the 'ratification' events after the signing, less the row whose caveat marks it
    as a political statement (Jalali's July remark) rather than a step of the procedure.
    """
    return legal_steps(after_signing())["event_id"].tolist()


@functools.cache
def september_sanctions() -> list[str]:
    """Events of category 'sanctions' in September 2025 (month-precision rows by their month)."""
    table = timeline()
    in_september = (table["date"].dt.year == 2025) & (table["date"].dt.month == 9)
    rows = table[in_september & (table["category"] == "sanctions")]
    return rows.sort_values("date")["event_id"].tolist()


@functools.cache
def predictions() -> pd.DataFrame:
    return load("predictions")


def verdict_of(prediction_id: str) -> str:
    table = predictions()
    return str(table.loc[table["prediction_id"] == prediction_id, "verdict"].iloc[0])


@functools.cache
def verdict_counts() -> pd.DataFrame:
    """Predictions by source kind (rows) and verdict (columns, in the fixed order)."""
    table = predictions()
    counts = pd.crosstab(table["source_kind"], table["verdict"])
    counts = counts.reindex(columns=list(VERDICTS), fill_value=0)
    counts = counts.reindex(["article", "analyst"])
    counts.index.name = "source_kind"
    counts.columns.name = "verdict"
    return counts.astype(int)


def share_borne_out(table: pd.DataFrame | None = None) -> float:
    """Share of settled predictions (borne out or not) that were borne out."""
    table = predictions() if table is None else table
    settled = table[table["verdict"].isin(SETTLED)]
    return float((settled["verdict"] == "borne out").mean())


# --- small guards for this lesson ------------------------------------------------------------


def _norm_verdict(value: object) -> str:
    text = re.sub(r"[\s_\-]+", " ", str(value)).strip().casefold()
    return text


def _need_verdict(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise Wrong(
            f"Give each verdict as text ({what}); got {describe(value)}. Use one of: "
            + ", ".join(repr(v) for v in VERDICTS)
            + "."
        )
    verdict = _norm_verdict(value)
    if verdict not in VERDICTS:
        raise Wrong(
            f"{value!r} is not one of the four verdicts ({what}). Use exactly one of: "
            + ", ".join(repr(v) for v in VERDICTS)
            + "."
        )
    return verdict


def _need_mapping(answer: object, what: str) -> dict[str, object]:
    if isinstance(answer, pd.Series):
        answer = answer.to_dict()
    if not isinstance(answer, dict):
        raise Wrong(
            f"Expected a dictionary ({what}), such as {{'F05': 'borne out', ...}}; "
            f"got {describe(answer)}."
        )
    if len(answer) > 100:
        raise Wrong(f"Expected a short dictionary ({what}); got {len(answer)} entries.")
    return {str(key).strip().upper(): value for key, value in answer.items()}


# --- questions -----------------------------------------------------------------------------


@question(
    "ex5_1",
    "events after the signing",
    hints=[
        "Find the signing date first: the row of the timeline whose `event_id` is 'E40'.",
        "Keep the rows whose `date` is greater than the signing date: "
        "`timeline[timeline['date'] > signing]`. Strictly greater: the signing is not 'after'.",
    ],
)
def ex5_1(answer: object) -> str:
    frame = need_frame(answer, ["event_id"], "the timeline rows after the signing")
    given_list = [str(x) for x in frame["event_id"].tolist()]
    given = set(given_list)
    expected_rows = after_signing()
    expected = set(expected_rows["event_id"])
    table = timeline()
    if len(given_list) != len(given):
        raise Wrong("Some events appear twice in your table; keep one row per event.")
    if given == set(table["event_id"]):
        raise Wrong(
            "That is the whole timeline (1995–2025); keep only the rows after 17 January 2025."
        )
    before = set(table.loc[table["date"] < signing_date(), "event_id"])
    if given and given <= before | {SIGNING_ID}:
        raise Wrong(
            "These are events *before* the signing: the comparison points the wrong way. "
            "Use `timeline['date'] > signing`."
        )
    if given == expected | {SIGNING_ID}:
        raise Wrong(
            "Almost: your table includes the signing itself (E40, 17 January 2025). "
            "'After the signing' means strictly later: use `>`, not `>=`."
        )
    in_2025 = set(table.loc[table["date"].dt.year == 2025, "event_id"])
    if given == in_2025:
        raise Wrong(
            "That is every event of 2025. The signing was on 17 January, so the two January "
            "events before it (E38, E39) and the signing itself (E40) do not count."
        )
    missing = expected - given
    month_rows = set(expected_rows.loc[expected_rows["date_precision"] == "month", "event_id"])
    if missing and missing <= month_rows and given <= expected:
        raise Wrong(
            f"You left out {', '.join(sorted(missing))}: its date has month precision (only "
            "the month is known), but it is still after the signing. Keep it."
        )
    context = set(expected_rows.loc[expected_rows["event"].str.startswith("Context"), "event_id"])
    if missing and missing <= context and given <= expected:
        raise Wrong(
            f"You left out {', '.join(sorted(missing))}, a context event. It is not about "
            "Russia and Iran directly, but it did happen after the signing: keep it here."
        )
    if given != expected:
        extra = sorted(given - expected)
        parts = []
        if missing:
            parts.append(f"{len(missing)} event(s) missing (e.g. {sorted(missing)[0]})")
        if extra:
            parts.append(f"{len(extra)} that should not be there (e.g. {extra[0]})")
        raise Wrong(f"Not quite: {' and '.join(parts)}. Filter on `date > signing`.")
    first, last = expected_rows.iloc[0], expected_rows.iloc[-1]
    return (
        f"{len(expected)} events follow the signing in the timeline, from {first['event_id']} "
        f"({_day(first['date'])}) to {last['event_id']} ({_day(last['date'])}, entry "
        "into force)."
    )


@question(
    "ex5_2",
    "days from the signing to the US strikes",
    hints=[
        "Subtract two dates: `(later - earlier)` gives a Timedelta; `.days` gives whole days.",
        "The US strikes are event E51 (22 June 2025), not the Israeli strikes that opened the "
        "war on 13 June (E50). Subtract the signing date (E40) from E51's date.",
    ],
)
def ex5_2(answer: object) -> str:
    if isinstance(answer, dt.timedelta | np.timedelta64):
        raise Wrong(
            f"You gave a time span ({describe(answer)}), not a number. Take its `.days` to get "
            "the number of days as a whole number."
        )
    value = need_number(answer, "a number of days")
    expected = days_between(SIGNING_ID, US_STRIKES_ID)
    israel = days_between(SIGNING_ID, ISRAEL_STRIKES_ID)
    araghchi = days_between(SIGNING_ID, PUTIN_ARAGHCHI_ID)
    us_date = event_date(US_STRIKES_ID)
    reject_known(
        value,
        [
            (
                -expected,
                "The sign is reversed: subtract the earlier date (the signing) from the later "
                "one (the strikes).",
            ),
            (
                israel,
                f"{israel} days runs to 13 June, when Israel's strikes began (E50). The "
                f"question asks for the US strikes of {_day(us_date, year=False)} (E51).",
            ),
            (
                expected + 1,
                f"{expected + 1} is one day too many. Either you counted both the first and "
                "the last day (an inclusive count; a difference of dates excludes one end), or "
                "you used 23 June, when Putin received Araghchi (E52), instead of the strikes.",
            )
            if araghchi == expected + 1
            else (
                expected + 1,
                f"{expected + 1} is one day too many: you counted both the first and the last "
                "day. A difference of dates excludes one end.",
            ),
            (expected - 1, f"{expected - 1} is one day short: subtract the dates directly."),
            (
                expected / 7,
                "That looks like weeks. The question asks for days: use `.days`.",
            ),
        ],
        tol=0.01,
    )
    if value != int(value):
        raise Wrong(f"Expected a whole number of days; got {value:g}.")
    if not close(value, expected, 0):
        raise Wrong(
            f"Not quite: you gave {value:g}. Subtract the signing date (E40) from the date of "
            "the US strikes (E51)."
        )
    gc_gap = days_between("E49", US_STRIKES_ID)
    to_force = days_between(US_STRIKES_ID, ENTRY_INTO_FORCE_ID)
    return (
        f"{expected} days. The strikes came {gc_gap} days after Iran's Guardian Council "
        f"cleared the bill and {to_force} days before the treaty entered into force; and even "
        "in force, its Art. 3(3) is no promise of defence."
    )


@question(
    "ex5_3",
    "the road to entry into force",
    hints=[
        "Keep the timeline rows of category 'ratification' dated after the signing, and sort "
        "them by date.",
        "Read each row's `caveat`: one of them is a political statement, not a step of the "
        "legal procedure. Leave it out, and keep entry into force (E62) as the last step.",
    ],
)
def ex5_3(answer: object) -> str:
    given = [x.upper() for x in need_labels(answer, "event ids such as 'E43', in date order")]
    expected = ratification_steps()
    if JALALI_CLAIM_ID in given:
        jalali = event(JALALI_CLAIM_ID)
        entry = event_date(ENTRY_INTO_FORCE_ID)
        raise Wrong(
            f"{JALALI_CLAIM_ID} is Ambassador Jalali's remark of {_day(jalali['date'])} that "
            "the treaty was already in force: a political statement (see its caveat), not a "
            f"step of the procedure. The legal date is {_day(entry, year=False)} "
            f"({ENTRY_INTO_FORCE_ID})."
        )
    if SIGNING_ID in given:
        raise Wrong(
            "The signing (E40) comes before ratification; list the steps after it, from the "
            "bill sent to the Duma onwards."
        )
    if len(given) != len(set(given)):
        raise Wrong("An event appears twice in your list; list each step once.")
    if set(given) == set(expected) and given != expected:
        raise Wrong("The right steps, in the wrong order: sort them by `date` (earliest first).")
    if set(given) == set(expected) - {ENTRY_INTO_FORCE_ID}:
        raise Wrong(
            f"Add the last step: entry into force on {_day(event_date(ENTRY_INTO_FORCE_ID))} "
            f"({ENTRY_INTO_FORCE_ID}), which the timeline also files under 'ratification'."
        )
    if given != expected:
        missing = [x for x in expected if x not in given]
        extra = [x for x in given if x not in expected]
        parts = []
        if missing:
            parts.append(f"{len(missing)} step(s) missing (e.g. {missing[0]})")
        if extra:
            parts.append(f"{len(extra)} that should not be there (e.g. {extra[0]})")
        raise Wrong(f"Not quite: {' and '.join(parts)}.")
    russia_done = event_date("E46")
    majlis = event_date("E48")
    return (
        f"{len(expected)} steps. Russia finished its procedure on "
        f"{_day(russia_done, year=False)} (E46), "
        f"{(majlis - russia_done).days} days before Iran's Majlis voted (E48); entry into "
        f"force followed on {_day(event_date(ENTRY_INTO_FORCE_ID))}."
    )


@question(
    "ex5_4",
    "sanctions events of September 2025",
    hints=[
        "Filter on two conditions: `category == 'sanctions'` and a date in September 2025 "
        "(`timeline['date'].dt.month == 9` and `.dt.year == 2025`).",
        "Check `date_precision`: a month-precision event is stored on the first day of its "
        "month, so 2025-10-01 means 'some day in October'.",
    ],
)
def ex5_4(answer: object) -> str:
    given = {x.upper() for x in need_labels(answer, "event ids such as 'E56'")}
    expected = september_sanctions()
    if SNAPBACK_ID in given:
        raise Wrong(
            f"{SNAPBACK_ID} (the E3 notification) is dated {_day(event_date(SNAPBACK_ID))}: "
            "August, not September."
        )
    if NON_RECOGNITION_ID in given:
        raise Wrong(
            f"{NON_RECOGNITION_ID} is stored as {event_date(NON_RECOGNITION_ID):%Y-%m-%d} only "
            "because it has month precision: it happened some day in October 2025. A filter "
            "that runs up to and including 1 October catches it by mistake."
        )
    if HORMOZ_ID in given:
        raise Wrong(
            f"{HORMOZ_ID} (the Hormoz nuclear-plant report) is in September, but its category "
            "is 'nuclear', not 'sanctions'."
        )
    if given != set(expected):
        missing = [x for x in expected if x not in given]
        extra = sorted(given - set(expected))
        parts = []
        if missing:
            parts.append(f"{len(missing)} missing (e.g. {missing[0]})")
        if extra:
            parts.append(f"{len(extra)} that should not be there (e.g. {extra[0]})")
        raise Wrong(f"Not quite: {' and '.join(parts)}.")
    return (
        f"{len(expected)} events: two failed Council votes, the return of UN sanctions and "
        "Russia's letter calling it void. Russia objected at every step but could not stop it."
    )


@question(
    "ex5_5",
    "three predictions scored",
    hints=[
        "Find each prediction's outcome in the timeline: F05 (Trump's line on Iran) → June "
        "2025; F08 (UN sanctions) → September 2025; F11 (entry into force) → October 2025.",
        "Ask of each: did the event the prediction describes happen, by the time given? The "
        "US struck Iran (E51); the UN sanctions returned (E59); the treaty took effect on "
        "2 October, not in February (E62).",
    ],
)
def ex5_5(answer: object) -> str:
    mapping = _need_mapping(answer, "prediction_id -> verdict")
    missing = [pid for pid in SCORED_IDS if pid not in mapping]
    if missing:
        raise Wrong(
            f"Give a verdict for each of {', '.join(SCORED_IDS)}; missing: {', '.join(missing)}."
        )
    known = set(predictions()["prediction_id"])
    unknown = [pid for pid in mapping if pid not in known]
    if unknown:
        raise Wrong(f"{unknown[0]!r} is not a prediction id of predictions.csv (F01–F18).")
    given = {pid: _need_verdict(mapping[pid], f"for {pid}") for pid in SCORED_IDS}
    problems = []
    for pid in SCORED_IDS:
        expected = verdict_of(pid)
        if given[pid] == expected:
            continue
        if pid == "F08":
            if given[pid] == "borne out":
                problems.append(
                    "F08: Russia said it does not recognise the sanctions (E61), but refusing "
                    "to recognise them is not stopping them. The Council rejected the delay "
                    "(E57) and the sanctions returned on 28 September (E59)."
                )
            else:
                problems.append(
                    "F08 can be settled now: the sanctions came back on 28 September 2025 "
                    "(E59) over Russia's objections."
                )
        elif pid == "F11":
            problems.append(
                "F11: the treaty entered into force on 2 October 2025 (E62), not in mid-"
                "February. Jalali's July remark (E54) is a political statement, and even that "
                "is months after February."
            )
        else:
            problems.append(
                f"{pid}: the article said Trump 'may' take a harder line. Vague, but the US "
                "strikes on three nuclear sites on 22 June 2025 (E51) meet it on any reading."
            )
    if problems:
        raise Wrong(
            f"{len(problems)} of {len(SCORED_IDS)} verdicts differ from the evidence. "
            + " ".join(problems[:2])
        )
    extra = [pid for pid in mapping if pid not in SCORED_IDS]
    note = f" (You also scored {', '.join(extra)}: compare with predictions.csv.)" if extra else ""
    return (
        "Matches predictions.csv: "
        + "; ".join(f"{pid} {given[pid]}" for pid in SCORED_IDS)
        + ". The two analysts' forecasts failed because they were precise enough to fail."
        + note
    )


@question(
    "ex5_6",
    "share of settled predictions borne out",
    hints=[
        "Only 'borne out' and 'not borne out' are settled. 'Too early' is not a failure, and "
        "'untestable' can never be scored.",
        "Keep the rows whose verdict is in ['borne out', 'not borne out'], then take the mean "
        "of `verdict == 'borne out'`.",
    ],
)
def ex5_6(answer: object) -> str:
    value = need_number(answer, "a share between 0 and 1")
    table = predictions()
    expected = share_borne_out()
    n_borne = int((table["verdict"] == "borne out").sum())
    n_not = int((table["verdict"] == "not borne out").sum())
    n_early = int((table["verdict"] == "too early").sum())
    n_all = len(table)
    testable = n_all - int((table["verdict"] == "untestable").sum())
    if 1 < value <= 100 and close(value / 100, expected, 0.005):
        raise Wrong("That is a percentage; give the share between 0 and 1 (e.g. 0.25, not 25).")
    by_kind = {
        kind: share_borne_out(table[table["source_kind"] == kind])
        for kind in ("article", "analyst")
    }
    reject_known(
        value,
        [
            (
                n_borne / testable,
                "You counted the 'too early' predictions as failures. They are not settled "
                "yet: leave them out of the denominator.",
            ),
            (
                n_borne / n_all,
                "That divides by all predictions (too early and untestable counted as failures) "
                "or gives the share of settled ones NOT borne out. Divide the borne-out count "
                "by the settled count.",
            ),
            (n_not / (n_borne + n_not), "That is the share NOT borne out; flip it."),
            (
                (n_borne + n_early) / n_all,
                "You counted 'too early' as borne out. Leave unsettled predictions out.",
            ),
            (
                (n_borne + n_early) / testable,
                "You counted 'too early' as borne out. Leave unsettled predictions out.",
            ),
            (
                by_kind["article"],
                "That is the article's predictions only; use all settled predictions.",
            ),
            (
                by_kind["analyst"],
                "That is the analysts' predictions only; use all settled predictions.",
            ),
        ],
        tol=0.005,
    )
    if not 0 <= value <= 1:
        raise Wrong(f"A share lies between 0 and 1; got {value:g}.")
    if not close(value, expected, 0.005):
        raise Wrong(
            f"Not quite: you gave {value:.3f}. Divide the number of 'borne out' verdicts by the "
            "number of settled verdicts ('borne out' + 'not borne out')."
        )
    return (
        f"{expected:.2f}: {n_borne} of the {n_borne + n_not} settled predictions were borne out; "
        f"{n_early} more are too early to call. Of the article's, every settled one was borne "
        f"out ({by_kind['article']:.0%}); of the analysts', {by_kind['analyst']:.0%}."
    )


_EVIDENCE = re.compile(
    r"\bE\d{2}\b|\b20\d\d-\d\d(-\d\d)?\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b",
    re.IGNORECASE,
)


@question(
    "ex5_7",
    "your verdict on Ontikov's prediction",
    hints=[
        "Give a dictionary with two keys: `{'verdict': 'borne out', 'reason': '...'}`; the "
        "verdict is one of the four words, the reason at least 15 words long.",
        "Anchor the reason in evidence: name a timeline event by its id (e.g. E52) or by its "
        "date (e.g. 23 June 2025), and say what 'problems' you think Russia did or did not face.",
    ],
)
def ex5_7(answer: object) -> str:
    if not isinstance(answer, dict):
        raise Wrong(
            f"Expected a dictionary with keys 'verdict' and 'reason'; got {describe(answer)}."
        )
    keys = {str(k).strip().casefold(): v for k, v in answer.items()}
    missing = [k for k in ("verdict", "reason") if k not in keys]
    if missing:
        raise Wrong(f"Your dictionary lacks the key(s) {missing}; give 'verdict' and 'reason'.")
    verdict = _need_verdict(keys["verdict"], "for F01")
    reason = need_text(keys["reason"], "the reason for your verdict", min_words=15)
    if not _EVIDENCE.search(reason):
        raise Wrong(
            "Back your verdict with evidence: name at least one timeline event, by its id "
            "(e.g. E52) or by its date (e.g. 23 June 2025)."
        )
    course = verdict_of(JUDGEMENT_ID)
    if verdict == course:
        agree = f"You agree with predictions.csv ('{course}')."
    else:
        agree = (
            f"predictions.csv says '{course}', in a loose sense: Russia's problems were to its "
            "standing as a partner, not military or legal ones. Your reading differs, which is "
            "fair if your evidence supports it: compare notes with a classmate."
        )
    return f"Your verdict: '{verdict}', with evidence. {agree}"
