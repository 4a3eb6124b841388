"""Lesson 05 "What happened next": the events after the signing, and the predictions scored.

Exercises 5.1–5.4 work on the ``timeline`` table (the rows after the signing, a gap in days,
the legal steps to entry into force, the sanctions events of September 2025); 5.5–5.7 on
``predictions`` (three verdicts, the share of settled predictions borne out, and the learner's
own verdict on a judgement call). Every expected answer, every known mistake and every id or
date a message names is computed here from data/, so a row added to the timeline or a verdict
changed in predictions.csv changes the keys with it. The event ids below are the keys the
exercise prompts name (the signing, the US strikes ...), not answers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from treatylab.data import load, resource
from treatylab.questions.base import Mistake, NotApplicable, Wrong, question
from treatylab.questions.kinds import (
    Choice,
    Counts,
    FreeText,
    Item,
    Keyed,
    Labels,
    Number,
    Record,
    Table,
)
from treatylab.questions.text import affirms, fold, ids_in, words
from treatylab.ratification import is_political_statement, legal_steps

# Keys of the timeline rows the prompts and messages refer to (event_id is the primary key).
SIGNING_ID = "E40"  # the treaty is signed in the Kremlin
ISRAEL_STRIKES_ID = "E50"  # Israel's air campaign begins (June 2025 war)
US_STRIKES_ID = "E51"  # US strikes on three nuclear sites (exercise 5.2)
PUTIN_ARAGHCHI_ID = "E52"  # Putin receives Araghchi in the Kremlin, the day after
RUSSIA_DONE_ID = "E46"  # Putin signs the ratification law: Russia's procedure complete
MAJLIS_ID = "E48"  # Iran's parliament passes the bill
GUARDIAN_COUNCIL_ID = "E49"  # Iran's Guardian Council clears it

SNAPBACK_MONTH = (2025, 9)  # exercise 5.4: the sanctions events of September 2025
SANCTIONS = "sanctions"

SCORED_IDS = ("F05", "F08", "F11")  # exercise 5.5: one forecast of the article, two of analysts
JUDGEMENT_ID = "F01"  # exercise 5.7: Ontikov's forecast, a judgement call
SETTLED = ("borne out", "not borne out")
BORNE_OUT = "borne out"


# --- the timeline ------------------------------------------------------------------------------


@functools.cache
def timeline() -> pd.DataFrame:
    return load("timeline")


def event(event_id: str) -> pd.Series:
    """One timeline row by its id."""
    table = timeline()
    return table[table["event_id"] == event_id].iloc[0]


def event_date(event_id: str) -> pd.Timestamp:
    return pd.Timestamp(event(event_id)["date"])


def day(date: object, year: bool = True) -> str:
    """'2 October 2025' (no leading zero), or '2 October'."""
    stamp = pd.Timestamp(date)
    return f"{stamp.day} {stamp:%B %Y}" if year else f"{stamp.day} {stamp:%B}"


def when(event_id: str) -> str:
    """How a message dates an event: the day, or only the month when that is all that is known."""
    row = event(event_id)
    stamp = pd.Timestamp(row["date"])
    return day(stamp) if row["date_precision"] == "day" else f"some day in {stamp:%B %Y}"


def id_list(ids: Iterable[str]) -> str:
    """'E38, E39 and E40'."""
    ids = list(ids)
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"


def signing_date() -> pd.Timestamp:
    return event_date(SIGNING_ID)


def rows_where(mask: pd.Series) -> pd.DataFrame:
    """Timeline rows, in date order (ties by id), as a new table."""
    return timeline()[mask].sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)


def after_signing() -> pd.DataFrame:
    """Exercise 5.1: the rows dated strictly after the signing."""
    return rows_where(timeline()["date"] > signing_date())


def ids(rows: pd.DataFrame) -> list[str]:
    return [str(i) for i in rows["event_id"]]


def days_between(first_id: str, second_id: str) -> int:
    return int((event_date(second_id) - event_date(first_id)).days)


def ratification_rows() -> pd.DataFrame:
    """Every 'ratification' row after the signing, political statements included."""
    table = timeline()
    return rows_where((table["category"] == "ratification") & (table["date"] > signing_date()))


def ratification_steps() -> list[str]:
    """Exercise 5.3: the legal steps after the signing, oldest first (the course's one rule)."""
    return ids(legal_steps(ratification_rows()))


def political_statements() -> list[str]:
    """The ratification rows after the signing whose caveat marks a statement, not a step."""
    rows = ratification_rows()
    return ids(rows[is_political_statement(rows)])


def entry_into_force_id() -> str:
    """The last legal step: entry into force."""
    return ratification_steps()[-1]


def in_month(year: int, month: int) -> pd.Series:
    dates = timeline()["date"]
    return (dates.dt.year == year) & (dates.dt.month == month)


def is_sanctions() -> pd.Series:
    return timeline()["category"] == SANCTIONS


def september_sanctions() -> list[str]:
    """Exercise 5.4: the sanctions rows of September 2025 (month-precision rows by their month)."""
    return ids(rows_where(in_month(*SNAPBACK_MONTH) & is_sanctions()))


def month_start(year: int, month: int) -> pd.Timestamp:
    return pd.Timestamp(year=year, month=month, day=1)


def next_month_start() -> pd.Timestamp:
    return month_start(*SNAPBACK_MONTH) + pd.offsets.MonthBegin(1)


def stored_on_next_month() -> list[str]:
    """Sanctions rows of month precision stored on the 1st of October: a day filter that runs
    'up to 1 October' takes them for September."""
    table = timeline()
    mask = (
        is_sanctions()
        & (table["date"] == next_month_start())
        & (table["date_precision"] == "month")
    )
    return ids(rows_where(mask))


def sanctions_in_previous_month() -> list[str]:
    previous = month_start(*SNAPBACK_MONTH) - pd.offsets.MonthBegin(1)
    return ids(rows_where(in_month(previous.year, previous.month) & is_sanctions()))


def september_not_sanctions() -> list[str]:
    return ids(rows_where(in_month(*SNAPBACK_MONTH) & ~is_sanctions()))


def september_other_years() -> list[str]:
    year, month = SNAPBACK_MONTH
    dates = timeline()["date"]
    return ids(rows_where((dates.dt.month == month) & (dates.dt.year != year) & is_sanctions()))


# --- predictions -----------------------------------------------------------------------------


@functools.cache
def predictions() -> pd.DataFrame:
    return load("predictions")


@functools.cache
def verdicts() -> tuple[str, ...]:
    """The four verdicts, as data/datapackage.json defines the `verdict` column."""
    fields = resource("predictions")["schema"]["fields"]
    field = next(f for f in fields if f["name"] == "verdict")
    return tuple(field["constraints"]["enum"])


def prediction(prediction_id: str) -> pd.Series:
    table = predictions()
    return table[table["prediction_id"] == prediction_id].iloc[0]


def verdict_of(prediction_id: str) -> str:
    return str(prediction(prediction_id)["verdict"])


def outcome_event(prediction_id: str) -> str:
    """The timeline row that settles a prediction, as predictions.csv names it ('' if none)."""
    value = prediction(prediction_id)["outcome_event_id"]
    return "" if pd.isna(value) else str(value)


def evidence_of(prediction_id: str) -> str:
    """'E59, 28 September 2025' for a message, or '' when the row names no event."""
    event_id = outcome_event(prediction_id)
    return f"{event_id}, {when(event_id)}" if event_id else ""


def scored() -> dict[str, str]:
    """Exercise 5.5: the three verdicts as predictions.csv gives them."""
    return {pid: verdict_of(pid) for pid in SCORED_IDS}


def count(verdict: str, table: pd.DataFrame | None = None) -> int:
    table = predictions() if table is None else table
    return int((table["verdict"] == verdict).sum())


def share_borne_out(table: pd.DataFrame | None = None) -> float:
    """Exercise 5.6: the share of settled predictions (borne out or not) that were borne out."""
    table = predictions() if table is None else table
    settled = table[table["verdict"].isin(SETTLED)]
    return float((settled["verdict"] == BORNE_OUT).mean()) if len(settled) else float("nan")


def of_kind(kind: str) -> pd.DataFrame:
    table = predictions()
    return table[table["source_kind"] == kind]


# --- verdicts written with hyphens or underscores ----------------------------------------------


def verdict_key(value: str) -> str:
    """'Not-borne_out ' -> 'not borne out': the verdicts compare whatever separates the words."""
    return re.sub(r"[\s_\-]+", " ", fold(value)).strip()


class VerdictMap(Counts):
    """Exercise 5.5's mapping of prediction id -> verdict, verdicts compared by ``verdict_key``.

    The engine's Counts compares label values after ``fold``, which keeps hyphens; a learner
    who writes 'not-borne-out' means the verdict, so values are read through ``verdict_key``.
    A value that is not one of the four verdicts is a matter of form, refused first.
    """

    def _value(self, value: Any, label: Any) -> Any:
        read = verdict_key(super()._value(value, label))
        if read not in {verdict_key(v) for v in verdicts()}:
            options = ", ".join(repr(v) for v in verdicts())
            raise Wrong(
                f"The verdict for {label!r} ({value!r}) is not one of the four verdicts: use "
                f"exactly one of {options}."
            )
        return read

    def diagnose(self, given: Keyed, expected: Keyed) -> str:
        known = {fold(str(k)) for k in predictions()["prediction_id"]}
        unknown = [given.shown[k] for k in given.order if k not in known]
        missing = [
            str(given.shown.get(k, k)).upper() for k in expected.values if k not in given.values
        ]
        if missing and not unknown:
            wanted = ", ".join(SCORED_IDS)
            return f"Give a verdict for each of {wanted}; missing: {', '.join(missing)}."
        return super().diagnose(given, expected)


class Verdict(Choice):
    """One of the four verdicts, read like ``VerdictMap``'s (hyphens and case do not matter)."""

    def normalise(self, answer: Any) -> Item:
        if isinstance(answer, str):
            answer = verdict_key(answer)
        return super().normalise(answer)


# --- Exercise 5.1 ------------------------------------------------------------------------------


def _ex5_1_success(given: object) -> str:
    rows = after_signing()
    first, last = rows.iloc[0], rows.iloc[-1]
    months = rows.loc[rows["date_precision"] == "month", "event_id"].tolist()
    note = (
        f" {id_list(months)} {'has' if len(months) == 1 else 'have'} month precision: only "
        "the month is known, but it is still after the signing."
        if months
        else ""
    )
    return (
        f"{len(rows)} events follow the signing in the timeline, from {first['event_id']} "
        f"({when(first['event_id'])}) to {last['event_id']} ({when(last['event_id'])}).{note}"
    )


def _same_year_message() -> str:
    year = signing_date().year
    table = timeline()
    before = ids(rows_where((table["date"].dt.year == year) & (table["date"] <= signing_date())))
    later = ids(rows_where(table["date"].dt.year > year))
    parts = [
        f"That is every event of {year}. The signing was on {day(signing_date(), year=False)}, "
        f"so {id_list(before)} (the signing itself and what came before it) do not count"
    ]
    if later:
        parts.append(f", while the events of later years ({id_list(later)}) do count")
    return "".join(parts) + ": filter on the date, `timeline['date'] > signing`."


def _whole_timeline_message() -> str:
    years = timeline()["date"].dt.year
    return (
        f"That is the whole timeline ({years.min()}–{years.max()}); keep only the rows after "
        f"the signing ({day(signing_date())}): `timeline[timeline['date'] > signing]`."
    )


question(
    "ex5_1",
    "events after the signing",
    Table(
        after_signing,
        "the timeline rows dated after the signing",
        key=["event_id"],
        columns=["date"],
        row="event",
    ),
    mistakes=[
        Mistake.answer(
            lambda: rows_where(timeline()["date"] >= signing_date()),
            lambda: (
                f"Almost: your table includes the signing itself ({SIGNING_ID}, "
                f"{day(signing_date())}). 'After the signing' means strictly later: use `>`, "
                "not `>=`."
            ),
        ),
        Mistake.answer(
            lambda: rows_where(timeline()["date"].dt.year == signing_date().year),
            _same_year_message,
        ),
        Mistake.answer(lambda: timeline(), _whole_timeline_message),
        Mistake.answer(
            lambda: rows_where(timeline()["date"] < signing_date()),
            "These are the events *before* the signing: the comparison points the wrong way. "
            "Use `timeline['date'] > signing`.",
        ),
        Mistake.answer(
            lambda: rows_where(timeline()["date"] <= signing_date()),
            "These are the events up to and including the signing: the comparison points the "
            "wrong way. Use `timeline['date'] > signing`.",
        ),
        Mistake.answer(
            lambda: after_signing()[after_signing()["date_precision"] == "day"],
            lambda: (
                "You left out the rows whose date has month precision ("
                + id_list(ids(after_signing()[after_signing()["date_precision"] == "month"]))
                + "): only the month is known, but they are still after the signing. Keep them."
            ),
        ),
        Mistake.answer(
            lambda: after_signing()[~after_signing()["event"].str.startswith("Context")],
            lambda: (
                "You left out the context events ("
                + id_list(ids(after_signing()[after_signing()["event"].str.startswith("Context")]))
                + "). They are not about Russia and Iran directly, but they did happen after the "
                "signing: keep them here."
            ),
        ),
    ],
    hints=[
        f"Find the signing date first: the row of the timeline whose `event_id` is '{SIGNING_ID}'.",
        "Keep the rows whose `date` is greater than the signing date: "
        "`timeline[timeline['date'] > signing]`. Strictly greater: the signing is not 'after'.",
        "Keep the columns as they are (at least `event_id` and `date`): do not select only "
        "the ids.",
    ],
    success=_ex5_1_success,
)


# --- Exercise 5.2 ------------------------------------------------------------------------------


def _ex5_2_success(given: object) -> str:
    expected = days_between(SIGNING_ID, US_STRIKES_ID)
    council = days_between(GUARDIAN_COUNCIL_ID, US_STRIKES_ID)
    entry = entry_into_force_id()
    to_force = days_between(US_STRIKES_ID, entry)
    return (
        f"{expected} days. The strikes came {council} days after Iran's Guardian Council "
        f"cleared the bill ({GUARDIAN_COUNCIL_ID}) and {to_force} days before the treaty "
        f"entered into force ({entry}); and even in force, its Art. 3(3) is no promise of "
        "defence."
    )


def _days_to_us() -> int:
    return days_between(SIGNING_ID, US_STRIKES_ID)


question(
    "ex5_2",
    "days from the signing to the US strikes",
    Number(
        _days_to_us,
        "a whole number of days",
        integer=True,
        days=True,
        advice=f"Subtract the signing date ({SIGNING_ID}) from the date of the US strikes "
        f"({US_STRIKES_ID}) and take `.days`.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: -_days_to_us(),
            "The sign is reversed: subtract the earlier date (the signing) from the later one "
            "(the strikes).",
        ),
        Mistake.answer(
            lambda: days_between(SIGNING_ID, ISRAEL_STRIKES_ID),
            lambda: (
                f"That runs to {day(event_date(ISRAEL_STRIKES_ID), year=False)}, when Israel's "
                f"strikes began ({ISRAEL_STRIKES_ID}). The question asks for the US strikes of "
                f"{day(event_date(US_STRIKES_ID), year=False)} ({US_STRIKES_ID})."
            ),
        ),
        Mistake.answer(
            lambda: days_between(SIGNING_ID, PUTIN_ARAGHCHI_ID),
            lambda: (
                f"That runs to {day(event_date(PUTIN_ARAGHCHI_ID), year=False)}, when Putin "
                f"received Araghchi ({PUTIN_ARAGHCHI_ID}), not to the US strikes "
                f"({US_STRIKES_ID})."
            ),
        ),
        Mistake.answer(
            lambda: _days_to_us() + 1,
            "That is one day too many: you counted both the first and the last day (an "
            "inclusive count). A difference of two dates excludes one end.",
        ),
        Mistake.answer(
            lambda: _days_to_us() / 7,
            "That looks like weeks. The question asks for days: use `.days`.",
        ),
        Mistake.answer(
            lambda: _days_to_us() // 7,
            "That looks like whole weeks. The question asks for days: use `.days`.",
        ),
        Mistake.answer(
            lambda: _days_to_us() * 86_400,
            "That is seconds (`.total_seconds()`): use `.days` for the number of days.",
        ),
    ],
    hints=[
        "Subtract two dates: `(later - earlier)` gives a Timedelta; `.days` gives whole days.",
        f"The US strikes are event {US_STRIKES_ID}, not the Israeli strikes that opened the war "
        f"({ISRAEL_STRIKES_ID}). Subtract the signing date ({SIGNING_ID}) from "
        f"{US_STRIKES_ID}'s date.",
    ],
    success=_ex5_2_success,
)


# --- Exercise 5.3 ------------------------------------------------------------------------------


def _statement_message() -> str:
    statements = political_statements()
    entry = entry_into_force_id()
    described = "; ".join(f"{i} ({when(i)})" for i in statements)
    return (
        f"Your list includes {described}: its caveat marks it as a political statement, not a "
        f"step of the procedure. Read the `caveat` column and leave such rows out. The legal "
        f"date is {day(event_date(entry))} ({entry})."
    )


def _with_statements() -> list[str]:
    if not political_statements():
        raise NotApplicable
    return ids(ratification_rows())


def _ex5_3_success(given: object) -> str:
    steps = ratification_steps()
    entry = steps[-1]
    gap = days_between(RUSSIA_DONE_ID, MAJLIS_ID)
    return (
        f"{len(steps)} steps, from {steps[0]} ({when(steps[0])}) to entry into force ({entry}, "
        f"{when(entry)}). Russia finished its procedure on {when(RUSSIA_DONE_ID)} "
        f"({RUSSIA_DONE_ID}), {gap} days before Iran's Majlis voted ({MAJLIS_ID})."
    )


question(
    "ex5_3",
    "the road to entry into force",
    Labels(
        ratification_steps,
        "event ids such as 'E43', in date order",
        ordered=True,
        known=lambda: timeline()["event_id"],
        noun="timeline id",
        order_advice="Sort the rows by `date`, earliest first.",
    ),
    mistakes=[
        Mistake.answer(_with_statements, _statement_message),
        Mistake.answer(
            lambda: ratification_steps()[::-1],
            "The right steps, latest first: sort by `date` in ascending order (the default of "
            "`sort_values`), earliest first.",
        ),
        Mistake.answer(
            lambda: ratification_steps()[:-1],
            lambda: (
                f"Add the last step: entry into force on {day(event_date(entry_into_force_id()))} "
                f"({entry_into_force_id()}), which the timeline also files under 'ratification'."
            ),
        ),
        Mistake.answer(
            lambda: [SIGNING_ID, *ratification_steps()],
            f"The signing ({SIGNING_ID}) comes before ratification; list the steps after it, "
            "from the bill sent to the Duma onwards.",
        ),
        Mistake.answer(
            lambda: ids(legal_steps(timeline())),
            "Your list includes ratification steps from before the signing: keep only the rows "
            "dated after it.",
        ),
        Mistake.when(
            lambda given: bool(set(given.keys) & {fold(i) for i in political_statements()}),
            _statement_message,
            example=lambda: [*political_statements(), *ratification_steps()],
        ),
        Mistake.when(
            lambda given: fold(SIGNING_ID) in given.keys,
            f"The signing ({SIGNING_ID}) is not a step of ratification: list the steps after it.",
            example=lambda: [*ratification_steps(), SIGNING_ID],
        ),
    ],
    hints=[
        "Keep the timeline rows of category 'ratification' dated after the signing, and sort "
        "them by date.",
        "Read each row's `caveat`: one of them is a political statement, not a step of the "
        "legal procedure. Leave it out, and keep entry into force as the last step.",
        "`rows['caveat'].fillna('').str.startswith('A political statement')` marks the "
        "rows to leave out; `.sort_values('date')['event_id'].tolist()` gives the list.",
    ],
    success=_ex5_3_success,
)


# --- Exercise 5.4 ------------------------------------------------------------------------------


def _month_name() -> str:
    return f"{month_start(*SNAPBACK_MONTH):%B %Y}"


def _next_month_message() -> str:
    rows = stored_on_next_month()
    return (
        f"{id_list(rows)} {'is' if len(rows) == 1 else 'are'} stored as "
        f"{next_month_start():%Y-%m-%d} only because of month precision: "
        f"{'it' if len(rows) == 1 else 'they'} happened some day in "
        f"{next_month_start():%B %Y}. A filter that runs up to and including "
        f"{day(next_month_start(), year=False)} catches {'it' if len(rows) == 1 else 'them'} "
        "by mistake: use `.dt.month` and `.dt.year`, or `< '"
        f"{next_month_start():%Y-%m-%d}'`."
    )


def _previous_month_message() -> str:
    rows = sanctions_in_previous_month()
    dated = ", ".join(f"{i} ({when(i)})" for i in rows)
    return f"{dated}: that is the month before, not {_month_name()}. Start the filter on the 1st."


def _other_categories_message() -> str:
    table = timeline().set_index("event_id")
    rows = september_not_sanctions()
    named = ", ".join(f"{i} ({table.loc[i, 'category']})" for i in rows)
    return (
        f"Some of these are not sanctions events: {named}. Filter on "
        f"`category == '{SANCTIONS}'` as well as on the month."
    )


def _other_years_message() -> str:
    rows = september_other_years()
    years = sorted({event_date(i).year for i in rows})
    return (
        f"`.dt.month == {SNAPBACK_MONTH[1]}` alone also keeps September of other years "
        f"({id_list(rows)}, {', '.join(map(str, years))}): add `.dt.year == {SNAPBACK_MONTH[0]}`."
    )


def _september_plus(extra: list[str]) -> list[str]:
    if not extra:
        raise NotApplicable
    return september_sanctions() + extra


question(
    "ex5_4",
    "sanctions events of September 2025",
    Labels(
        september_sanctions,
        "event ids such as 'E56'",
        known=lambda: timeline()["event_id"],
        noun="timeline id",
    ),
    mistakes=[
        Mistake.answer(lambda: _september_plus(stored_on_next_month()), _next_month_message),
        Mistake.answer(
            lambda: _september_plus(sanctions_in_previous_month()), _previous_month_message
        ),
        Mistake.answer(
            lambda: _september_plus(september_not_sanctions()), _other_categories_message
        ),
        Mistake.answer(lambda: _september_plus(september_other_years()), _other_years_message),
        Mistake.answer(
            lambda: ids(
                rows_where(is_sanctions() & (timeline()["date"].dt.year == SNAPBACK_MONTH[0]))
            ),
            lambda: (
                f"That is every sanctions event of {SNAPBACK_MONTH[0]}: keep only "
                f"{_month_name()} (`.dt.month == {SNAPBACK_MONTH[1]}`)."
            ),
        ),
        Mistake.when(
            lambda given: bool(set(given.keys) & {fold(i) for i in stored_on_next_month()}),
            _next_month_message,
            example=lambda: _september_plus(stored_on_next_month())[1:],
        ),
        Mistake.when(
            lambda given: bool(set(given.keys) & {fold(i) for i in sanctions_in_previous_month()}),
            _previous_month_message,
            example=lambda: _september_plus(sanctions_in_previous_month())[1:],
        ),
    ],
    hints=[
        "Filter on two conditions: `category == 'sanctions'` and a date in September 2025 "
        "(`timeline['date'].dt.month == 9` and `.dt.year == 2025`).",
        "Check `date_precision`: a month-precision event is stored on the first day of its "
        "month, so 2025-10-01 may mean 'some day in October'.",
    ],
    success=lambda given: (
        f"{len(september_sanctions())} events: {id_list(september_sanctions())}. Russia objected "
        "at every step but could not stop the return of UN sanctions."
    ),
)


# --- Exercise 5.5 ------------------------------------------------------------------------------

NON_RECOGNITION_IDS = ("E60", "E61")  # Russia calls the snapback void / does not accept it


def _with(pid: str, verdict: str) -> dict[str, str]:
    answer = scored()
    if verdict_key(answer[pid]) == verdict_key(verdict):
        raise NotApplicable  # the data already give this verdict: it is no mistake
    return {**answer, pid: verdict}


def _f05_message() -> str:
    out = outcome_event("F05")
    return (
        "F05: vague (the article's word is 'may'), but the US strikes on three nuclear sites on "
        f"{when(out)} ({out}) meet it on any reading."
    )


def _f08_recognition_message() -> str:
    out = outcome_event("F08")
    said = "; ".join(f"{i}, {when(i)}" for i in NON_RECOGNITION_IDS)
    return (
        f"F08: Russia said it does not recognise the sanctions ({said}), but refusing to "
        "recognise them is not stopping them. The sanctions returned on "
        f"{when(out)} ({out})."
    )


def _f08_settled_message() -> str:
    out = outcome_event("F08")
    return (
        f"F08 can be settled now: the UN sanctions came back on {when(out)} ({out}) over "
        "Russia's objections."
    )


def _f11_message() -> str:
    out = outcome_event("F11")
    statements = political_statements()
    extra = (
        f" {id_list(statements)} ({when(statements[0])}) is a political statement, and even "
        "that is months after February."
        if statements
        else ""
    )
    return (
        f"F11 said mid-February 2025; the treaty entered into force on {when(out)} ({out}).{extra}"
    )


def _differs(pid: str, given: Keyed) -> bool:
    key = fold(pid)
    return key in given.values and given.values[key] != verdict_key(verdict_of(pid))


def _says(pid: str, verdict: str, given: Keyed) -> bool:
    return given.values.get(fold(pid)) == verdict_key(verdict) and _differs(pid, given)


question(
    "ex5_5",
    "three predictions scored",
    VerdictMap(
        scored,
        "a dict mapping each prediction id to its verdict",
        values="label",
        vocabulary=verdicts,
        known=lambda: predictions()["prediction_id"],
        noun="prediction id",
    ),
    mistakes=[
        Mistake.answer(lambda: _with("F08", BORNE_OUT), _f08_recognition_message),
        Mistake.answer(lambda: _with("F08", "too early"), _f08_settled_message),
        Mistake.answer(lambda: _with("F11", "too early"), _f11_message),
        Mistake.answer(lambda: _with("F11", BORNE_OUT), _f11_message),
        Mistake.answer(lambda: _with("F05", "untestable"), _f05_message),
        Mistake.answer(lambda: _with("F05", "too early"), _f05_message),
        Mistake.when(
            lambda given: _says("F08", BORNE_OUT, given),
            _f08_recognition_message,
            example=lambda: {**_with("F08", BORNE_OUT), "F05": "untestable"},
        ),
        Mistake.when(
            lambda given: _differs("F08", given),
            _f08_settled_message,
            example=lambda: {**_with("F08", "untestable"), "F11": "too early"},
        ),
        Mistake.when(
            lambda given: _differs("F11", given),
            _f11_message,
            example=lambda: {**_with("F11", "untestable"), "F05": "untestable"},
        ),
        Mistake.when(
            lambda given: _differs("F05", given),
            _f05_message,
            example=lambda: _with("F05", "not borne out"),
        ),
    ],
    hints=[
        "Find each prediction's outcome in the timeline: F05 (Trump's line on Iran) → June "
        "2025; F08 (UN sanctions) → September 2025; F11 (entry into force) → October 2025.",
        "Ask of each: did the event the prediction describes happen, by the time given? "
        "Declaring sanctions void is not the same as stopping them.",
    ],
    success=lambda given: (
        "Matches predictions.csv: "
        + "; ".join(f"{pid} {verdict_of(pid)} ({evidence_of(pid)})" for pid in SCORED_IDS)
        + ". The forecasts that failed were precise enough to fail."
    ),
)


# --- Exercise 5.6 ------------------------------------------------------------------------------


def _settled_count(table: pd.DataFrame | None = None) -> int:
    return sum(count(v, table) for v in SETTLED)


def _ratio(numerator: int, denominator: int) -> float:
    if not denominator:
        raise NotApplicable
    return numerator / denominator


def _ex5_6_success(given: object) -> str:
    n_borne, n_settled = count(BORNE_OUT), _settled_count()
    article = of_kind("article")
    parts = [
        f"{share_borne_out():.2f}: {n_borne} of the {n_settled} settled predictions were borne "
        f"out; {count('too early')} more are too early to call and {count('untestable')} "
        "cannot be scored as worded."
    ]
    art_settled = _settled_count(article)
    parts.append(
        f" Of the article's {len(article)} forecasts, {art_settled} could be settled"
        + (f", {count(BORNE_OUT, article)} of them borne out." if art_settled else ".")
    )
    return "".join(parts)


question(
    "ex5_6",
    "share of settled predictions borne out",
    Number(
        share_borne_out,
        "a share between 0 and 1",
        decimals=2,
        minimum=0,
        maximum=1,
        advice="Divide the number of 'borne out' verdicts by the number of settled verdicts "
        "('borne out' + 'not borne out').",
    ),
    mistakes=[
        Mistake.answer(
            lambda: 100 * share_borne_out(),
            "That is a percentage; give the share between 0 and 1 (e.g. 0.25, not 25).",
        ),
        Mistake.answer(
            lambda: _ratio(count(BORNE_OUT), len(predictions()) - count("untestable")),
            "You counted the 'too early' predictions as failures. They are not settled yet: "
            "leave them out of the denominator.",
        ),
        Mistake.answer(
            lambda: _ratio(count(BORNE_OUT), len(predictions())),
            "That divides by all predictions, as if 'too early' and 'untestable' were "
            "failures. Divide the borne-out count by the settled count.",
        ),
        Mistake.answer(
            lambda: _ratio(count("not borne out"), _settled_count()),
            "That is the share NOT borne out; flip it.",
        ),
        Mistake.answer(
            lambda: _ratio(count(BORNE_OUT) + count("too early"), len(predictions())),
            "You counted 'too early' as borne out. Leave unsettled predictions out.",
        ),
        Mistake.answer(
            lambda: _ratio(
                count(BORNE_OUT) + count("too early"),
                len(predictions()) - count("untestable"),
            ),
            "You counted 'too early' as borne out. Leave unsettled predictions out.",
        ),
        Mistake.answer(
            lambda: share_borne_out(of_kind("article")),
            "That is the article's predictions only; use all settled predictions.",
        ),
        Mistake.answer(
            lambda: share_borne_out(of_kind("analyst")),
            "That is the analysts' predictions only; use all settled predictions.",
        ),
        Mistake.answer(
            lambda: count(BORNE_OUT),
            "That is the number of predictions borne out; divide it by the number settled.",
        ),
    ],
    hints=[
        "Only 'borne out' and 'not borne out' are settled. 'Too early' is not a failure, and "
        "'untestable' can never be scored.",
        "Keep the rows whose verdict is in ['borne out', 'not borne out'], then take the mean "
        "of `verdict == 'borne out'`.",
    ],
    success=_ex5_6_success,
)


# --- Exercise 5.7 ------------------------------------------------------------------------------

# Words nearly every English sentence uses: a reason with none of them is not yet prose.
COMMON_WORDS = frozenset(
    "the a an of to in and or but not no is was were are be been has had have it its this that "  # noqa: SIM905
    "for on by as with from so did does do than which who because since yet".split()
)
DATE = re.compile(
    r"\b20\d\d-\d\d(?:-\d\d)?\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b",
    re.IGNORECASE,
)
# "The treaty was (already) in force during / when ... the war": contradicts entry into force.
IN_FORCE_IN_WAR = re.compile(
    r"\b(?:was|were|is|already|been) in force (?:during|when|at the time of|throughout|by the "
    r"time of|as) (?:the )?(?:june )?(?:2025 )?(?:war|strikes?|attacks?|bombing|israel\w*|us|"
    r"americans?|iran was)\b"
)
# A sentence that reports or imagines ("Jalali said ...", "had it been in force ...") is no claim.
NOT_ASSERTED = re.compile(r"\b(?:if|had|would|could|said|says|claimed|claims|argued|thought)\b")


def _reads_as_sentences(text: str) -> None:
    found = set(words(text))
    if len(found & COMMON_WORDS) < 2:
        raise Wrong(
            "Your reason does not read as sentences yet: write it out in full sentences, in "
            "your own words."
        )


def _cited_ids_exist(text: str) -> None:
    events = set(timeline()["event_id"])
    forecasts = set(predictions()["prediction_id"])
    for cited in ids_in(text, "EF"):
        table, known = ("timeline", events) if cited[0] == "E" else ("predictions", forecasts)
        if cited not in known:
            first, last = min(known), max(known)
            raise Wrong(
                f"{cited} is not an id of the {table} table (its ids run from {first} to "
                f"{last}): cite a row that exists."
            )


def _cites_evidence(text: str) -> None:
    if not ids_in(text, "E") and not DATE.search(text):
        raise Wrong(
            "Back your verdict with evidence: name at least one timeline event, by its id "
            f"(e.g. {PUTIN_ARAGHCHI_ID}) or by its date (e.g. "
            f"{when(PUTIN_ARAGHCHI_ID)})."
        )


def _no_treaty_in_force_in_war(text: str) -> None:
    entry, war = entry_into_force_id(), ISRAEL_STRIKES_ID
    if event_date(entry) <= event_date(war):
        return  # the data would not contradict it
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):
        if NOT_ASSERTED.search(fold(sentence)):
            continue
        if affirms(sentence, "in force", IN_FORCE_IN_WAR):
            raise Wrong(
                f"Check your dates: the treaty entered into force on {when(entry)} ({entry}), "
                f"{days_between(war, entry)} days after Israel's strikes began ({war}). It was "
                "not in force during the June war."
            )


def f01_model() -> str:
    """A model reason for exercise 5.7 (it argues 'too early'; any verdict may be argued)."""
    loose = "borne out in a loose sense"
    if verdict_key(verdict_of(JUDGEMENT_ID)) == BORNE_OUT:
        loose += ", as predictions.csv scores it"
    return (
        f"Too early. Force was used against Iran ({ISRAEL_STRIKES_ID}, {US_STRIKES_ID}), so the "
        "condition was met. But the treaty asked nothing of Russia in a war (Art. 3(3)), so "
        "Russia met no legal or military problem; what it met was criticism of its worth as a "
        "partner, which the Kremlin had to rebut on 24 June 2025. Whether that costs Russia "
        "anything, in Tehran's trust or in later deals, is not yet known. The strongest "
        f"objection: having to rebut the charge is itself a problem, which makes the forecast "
        f"{loose}."
    )


class OwnVerdict(Record):
    """Exercise 5.7: a verdict of the learner's own and the reason for it, recorded.

    The verdict is one of the four (any of them is legitimate); the reason is free text. The
    record says how the learner's verdict compares with the course's, which is a judgement call
    too, so a different verdict is never marked down.
    """

    def record(self, given: dict[str, Any]) -> str:
        mine = given["verdict"]
        course = verdict_of(JUDGEMENT_ID)
        if mine.key == fold(verdict_key(course)):
            compare = f"You agree with predictions.csv ('{course}')."
        else:
            compare = (
                f"predictions.csv says '{course}' (read its `outcome` column for why). Your "
                "reading differs, which is fair if your evidence supports it: compare notes "
                "with a classmate."
            )
        reason = self.fields["reason"].record(given["reason"])
        return f"Your verdict: {mine.shown!r}. {compare} {reason}"


class OwnChoice(Verdict):
    """The verdict field of exercise 5.7; the model answer argues 'too early'."""

    def expected_answer(self) -> Any:
        return "too early"


question(
    "ex5_7",
    "your verdict on Ontikov's prediction",
    OwnVerdict(
        {
            "verdict": OwnChoice(verdicts, "your verdict on F01"),
            "reason": FreeText(
                f01_model,
                "the reason for your verdict",
                min_words=15,
                checks=[
                    _reads_as_sentences,
                    _cited_ids_exist,
                    _cites_evidence,
                    _no_treaty_in_force_in_war,
                ],
                checklist=[
                    "evidence that is dated and sourced in the timeline (an event id)",
                    "what kind of 'problem' you count (legal, military, or damage to Russia's "
                    "standing as a partner)",
                    "an answer to the strongest objection to your own verdict",
                ],
            ),
        },
        "a dict with your verdict and your reason",
    ),
    hints=[
        "Give a dictionary with two keys: `{'verdict': 'borne out', 'reason': '...'}`; the "
        "verdict is one of the four words, the reason at least 15 words long.",
        "Anchor the reason in evidence: name a timeline event by its id (e.g. "
        f"{PUTIN_ARAGHCHI_ID}) or by its date, and say what 'problems' you think Russia did or "
        "did not face.",
    ],
)
