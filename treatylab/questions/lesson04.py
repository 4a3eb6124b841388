"""Lesson 04 "The expert arguments": arguments taken apart, other analysts set beside them.

Every expected answer and every known mistake is computed from the ``expert_arguments`` table.
Three groups of speakers matter, and the messages name them when a learner mixes them up:

* the article's two experts, Andrei Ontikov and Ivan Glukhov (their roles come only from the
  article and are not confirmed elsewhere);
* the officials the article quotes (today Kazem Jalali and Dmitry Peskov): some of their rows
  are in the article, some come from later reports, so filtering on ``in_article`` alone keeps
  their later rows;
* the other analysts: every speaker who does not appear in the article at all.

Each other analyst's piece has exactly one row of kind ``claim`` (its main judgement), plus a
``prediction`` row where they made one; one claim row is therefore one *view*. An analyst who
wrote twice with different stances makes views and distinct speakers differ, so a learner who
counts rows, speakers or views gets a different number each time; the messages say which.

Exercise 4.7 is free text: it is recorded, never marked correct. The check verifies only what
can be verified (a real attempt, at least two analysts of the table named, ids that exist, no
sentence copied from the table) and adds notes a learner can act on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from treatylab.data import load
from treatylab.questions.base import Mistake, Wrong, describe, is_real, question
from treatylab.questions.kinds import (
    Counts,
    FreeText,
    Grid,
    Item,
    Keyed,
    LabelList,
    Labels,
    Number,
    text_item,
)
from treatylab.questions.text import (
    NEGATION,
    fold,
    ids_in,
    mentioned,
    people_named,
    sentences,
    words,
)

EXPERTS = ("Andrei Ontikov", "Ivan Glukhov")
KINDS = ("claim", "reason", "evidence", "prediction")
STANCES = ("significant", "limited", "mixed")
AFTER_WAR = "after June 2025 war"
STEELMAN_MIN_WORDS = 80
MIN_ANALYSTS = 2

# "not an alliance": a negation before the word alliance / allies within one clause.
NOT_ALLIANCE = re.compile(r"\b(?:no|not|block\w*)\b[^.;:]*?\b(?:allian\w*|allies)\b", re.I)
ALLIANCE_WORD = re.compile(r"\b(?:allian\w*|allies)\b", re.I)
DEFENCE_WORDS = re.compile(r"defen[cs]e pact|mutual-defen[cs]e|go to war|defen[cs]e clause", re.I)

# A person's name as the speaker column writes it: two to four capitalised words. Institutions
# ("Foreign Policy magazine", "Global Research commentary", "UK Defence Intelligence") are
# never taken for people, so their words in a text never count as naming an analyst.
PERSON = re.compile(r"^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}$")
INSTITUTION = re.compile(
    r"Institute|Center|Centre|Council|Research|Intelligence|Daily|Post|Politika|Policy"
)
# Words that show a reason or evidence is being offered (a note in 4.7, never a verdict).
REASON_WORDS = re.compile(
    r"\b(because|since|therefore|thus|hence|evidence|for example|for instance|according to|"
    r"reasons?|as a result|points? to|given that|shows?|showed|cites?|cited)\b",
    re.I,
)


# --- the table and its three groups of speakers ---------------------------------------------


@functools.cache
def arguments() -> pd.DataFrame:
    """The whole expert_arguments table (shared: never modified here)."""
    return load("expert_arguments")


@functools.cache
def article_speakers() -> frozenset[str]:
    """Everyone with at least one row in the article: the two experts and the officials."""
    table = arguments()
    return frozenset(table.loc[table["in_article"].fillna(False), "speaker"])


@functools.cache
def officials() -> tuple[str, ...]:
    """The officials quoted in the article (everyone in it but the two experts)."""
    return tuple(sorted(article_speakers() - set(EXPERTS)))


def expert_rows() -> pd.DataFrame:
    """The article's two experts, argument by argument."""
    table = arguments()
    return table[table["speaker"].isin(EXPERTS)]


def other_rows(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every row of a speaker who does not appear in the article (claims and predictions)."""
    table = arguments() if table is None else table
    return table[~table["speaker"].isin(article_speakers())]


def views(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per piece of writing: the claim rows (of the other analysts by default)."""
    rows = other_rows() if table is None else table
    return rows[rows["kind"] == "claim"]


def not_in_article() -> pd.DataFrame:
    """The rows with ``in_article == False``: the mistake that keeps officials' later rows."""
    table = arguments()
    return table[~table["in_article"].fillna(False)]


def changed_minds() -> list[str]:
    """Other analysts with views of more than one stance (one person today: Balmasov)."""
    stances = views().groupby("speaker")["stance"].nunique()
    return sorted(stances[stances > 1].index)


def twice_writers() -> list[str]:
    """Other analysts with more than one view."""
    counts = views()["speaker"].value_counts()
    return sorted(counts[counts > 1].index)


def _and(names: Iterable[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _plural(count: int, word: str) -> str:
    if word == "evidence":
        return f"{count} evidence"
    return f"{count} {word}" + ("" if count == 1 else "s")


# --- Exercise 4.1: the experts' rows by kind ---------------------------------------------------


def kinds_by_speaker(rows: pd.DataFrame | None = None, column: str = "kind") -> pd.DataFrame:
    """Rows counted by speaker (rows of the table) and ``column`` (its columns)."""
    rows = expert_rows() if rows is None else rows
    return pd.crosstab(rows["speaker"], rows[column])


class SpeakerGrid(Grid):
    """A crosstab of speakers by kind, read in every shape a learner makes it.

    Beyond ``Grid``: the table turned round (kinds in rows) is the same answer, since speakers
    and kinds cannot be confused; ``speaker`` kept as a column (``reset_index()``) or a long
    table of speaker, kind and count is read too; and a single Series of kinds (both experts
    counted together) is refused with the reason.
    """

    def normalise(self, answer: Any) -> Keyed:
        if isinstance(answer, pd.DataFrame) and "speaker" in answer.columns:
            others = [c for c in answer.columns if c not in ("speaker", "kind")]
            if "kind" in answer.columns and len(others) == 1:
                answer = answer.set_index(["speaker", "kind"])[others[0]]
            else:
                answer = answer.set_index("speaker")
        if isinstance(answer, pd.Series) and not isinstance(answer.index, pd.MultiIndex):
            labels = {fold(str(label)) for label in answer.index}
            if labels and labels <= set(KINDS):
                raise Wrong(
                    "That counts the two experts together. Give one row per expert: "
                    "`pd.crosstab(rows['speaker'], rows['kind'])`."
                )
        keyed = super().normalise(answer)
        rows = {key[0] for key in keyed.values}
        if rows and rows <= set(KINDS):  # kinds in rows, speakers in columns: turn it round
            values = {(c, r): v for (r, c), v in keyed.values.items()}
            shown = {(c, r): (s[1], s[0]) for (r, c), s in keyed.shown.items()}
            return Keyed(values, shown, tuple(values))
        return keyed

    def diagnose(self, given: Keyed, expected: Keyed) -> str:
        listed = {key[0] for key in given.values}
        columns = {key[1] for key in given.values}
        if columns and columns <= set(STANCES):
            return STANCE_NOT_KIND
        quoted = [name for name in officials() if fold(name) in listed]
        if quoted:
            return officials_in_table()
        return super().diagnose(given, expected)


STANCE_NOT_KIND = (
    "Your columns are stances (significant, limited, mixed), not kinds. `kind` is the job a "
    "statement does inside an argument (claim, reason, evidence, prediction); `stance` is the "
    "speaker's overall view of the treaty. Count by `kind`."
)


def officials_in_table() -> str:
    who = "officials" if len(officials()) > 1 else "an official"
    return (
        f"Your table includes {_and(officials())}: {who} the article quotes, not its two "
        "experts. Filtering on `in_article` keeps them; filter on the two names "
        "(`isin(EXPERTS)`)."
    )


def _ex4_1_success(given: object) -> str:
    table = kinds_by_speaker()
    parts = [
        f"{name.split()[-1]}: "
        + ", ".join(
            _plural(int(table.loc[name, kind]) if kind in table.columns else 0, kind)
            for kind in KINDS
        )
        for name in table.index
    ]
    return "; ".join(parts) + ". Each row is one statement in our words, not a quotation."


question(
    "ex4_1",
    "the two experts' arguments by kind",
    SpeakerGrid(
        kinds_by_speaker,
        "the two experts' rows counted by kind",
        rows="speakers",
        columns="kinds",
    ),
    mistakes=[
        Mistake.answer(
            lambda: kinds_by_speaker(arguments()[arguments()["in_article"].fillna(False)]),
            officials_in_table,
        ),
        Mistake.answer(
            lambda: kinds_by_speaker(arguments()),
            "Your table has a row for every speaker of expert_arguments; keep only the "
            f"article's two experts, {_and(EXPERTS)}.",
        ),
        Mistake.answer(
            lambda: kinds_by_speaker(not_in_article()),
            "These are the speakers *not* in the article (`in_article == False`); the exercise "
            "asks for the article's two experts.",
        ),
        Mistake.answer(lambda: kinds_by_speaker(column="stance"), STANCE_NOT_KIND),
    ],
    hints=[
        "Keep the rows whose `speaker` is one of the article's two experts: "
        "`arguments[arguments['speaker'].isin(EXPERTS)]`.",
        "Then count with `pd.crosstab(rows['speaker'], rows['kind'])`: speakers in rows, "
        "kinds (claim, reason, evidence, prediction) in columns.",
        "`in_article` is not enough: it also keeps the officials the article quotes.",
    ],
    success=_ex4_1_success,
)


# --- Exercise 4.2: the experts' predictions ----------------------------------------------------


def expert_predictions() -> list[str]:
    """Argument ids of the two experts' predictions."""
    rows = expert_rows()
    return rows.loc[rows["kind"] == "prediction", "argument_id"].tolist()


def argument_item(value: Any) -> Item:
    """An argument id as text; a number is taken for a row number and refused with the reason."""
    if is_real(value):
        raise Wrong(
            f"{describe(value)} looks like a row number of the table, not an argument id such "
            "as 'A08': take the `argument_id` column."
        )
    return text_item(value)


def _is_claim_id(key: str) -> bool:
    return bool(re.fullmatch(r"c\d{2,3}", key))


CLAIM_IDS = (
    "Ids starting with C are `claim_id`s of the article_claims table (lesson 03). Give "
    "`argument_id`s from expert_arguments (A01, A02, ...)."
)
A12_NOTE = (
    " Lesson 03's claims table lists the same sentence as a prediction (C34): read alone it "
    "is a forecast, but here it is filed as a reason because it supports Glukhov's claim. "
    "Go by the `kind` column."
)


class ArgumentIds(Labels):
    """Argument ids; the rows themselves (a DataFrame with ``argument_id``) are read too, and
    each id that should not be there is named with who said it and what kind it is."""

    def normalise(self, answer: Any) -> LabelList:
        if isinstance(answer, pd.DataFrame) and "argument_id" in answer.columns:
            answer = answer["argument_id"]
        return super().normalise(answer)

    def diagnose(self, given: LabelList, expected: LabelList) -> str:
        by_id = arguments().assign(key=arguments()["argument_id"].map(fold)).set_index("key")
        claim_ids = [i.shown for i in given.items if _is_claim_id(i.key)]
        if claim_ids:
            return CLAIM_IDS
        unknown = [i.shown for i in given.items if i.key not in by_id.index]
        if unknown:
            return f"There is no argument {unknown[0]!r} in expert_arguments: check it."
        wanted = set(expected.keys)
        for item in given.items:
            if item.key in wanted:
                continue
            row = by_id.loc[item.key]
            if row["speaker"] not in EXPERTS:
                return (
                    f"{item.shown} is by {row['speaker']}, not by one of the article's two "
                    "experts: keep only Ontikov's and Glukhov's rows before picking the "
                    "predictions."
                )
            note = A12_NOTE if item.key == "a12" else ""
            return f"{item.shown} is a {row['kind']}, not a prediction.{note}"
        missing = [k for k in expected.keys if k not in set(given.keys)]
        if missing:
            return (
                f"One is missing: {by_id.loc[missing[0], 'speaker']} makes a prediction you "
                "left out."
            )
        return super().diagnose(given, expected)


def _ex4_2_success(given: object) -> str:
    by_id = arguments().set_index("argument_id")
    ids = expert_predictions()
    shown = ", ".join(f"{i} ({by_id.loc[i, 'speaker'].split()[-1]})" for i in ids)
    return f"{len(ids)} predictions: {shown}. Lesson 05 checks them against what happened next."


question(
    "ex4_2",
    "the experts' predictions",
    ArgumentIds(
        expert_predictions,
        "argument ids such as 'A08'",
        known=lambda: arguments()["argument_id"],
        item=argument_item,
        noun="argument id",
    ),
    mistakes=[
        Mistake.answer(
            lambda: arguments().loc[arguments()["kind"] == "prediction", "argument_id"],
            "Most of these are by other speakers, not by the article's two experts: keep only "
            "Ontikov's and Glukhov's rows before picking the predictions.",
        ),
        Mistake.answer(lambda: [*expert_predictions(), "A12"], "A12 is a reason." + A12_NOTE),
        Mistake.answer(
            lambda: expert_rows().loc[expert_rows()["kind"] == "claim", "argument_id"],
            "These are the experts' claims, not their predictions: keep the rows whose `kind` "
            "is 'prediction'.",
        ),
        Mistake.answer(
            lambda: (
                load("article_claims")
                .query("made_by in @EXPERTS and kind == 'prediction'")["claim_id"]
                .tolist()
            ),
            CLAIM_IDS,
        ),
    ],
    hints=[
        "Start from the two experts' rows (as in Exercise 4.1) and keep those whose `kind` is "
        "'prediction'.",
        "The answer is a list of `argument_id` values, e.g. `['A01', 'A02']`: "
        "`rows.loc[rows['kind'] == 'prediction', 'argument_id'].tolist()`.",
    ],
    success=_ex4_2_success,
)


# --- Exercise 4.3: other analysts by stance ----------------------------------------------------


def analysts_by_stance(rows: pd.DataFrame | None = None) -> pd.Series:
    """Distinct speakers holding each stance (the other analysts by default)."""
    rows = other_rows() if rows is None else rows
    return rows.groupby("stance")["speaker"].nunique()


def _looks_like_shares(given: Keyed) -> bool:
    values = list(given.values.values())
    return bool(values) and all(0 <= v < 1 for v in values) and sum(values) <= 1 + 1e-9


def _ex4_3_success(given: object) -> str:
    counts = analysts_by_stance()
    total, people = int(counts.sum()), other_rows()["speaker"].nunique()
    text = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in STANCES)
    if total == people:
        return f"{text}; each of the {people} analysts holds one stance."
    movers = changed_minds()
    dates = views()[views()["speaker"].isin(movers)].sort_values("date_text")["date_text"]
    return (
        f"{text}. The numbers add up to {total}, {total - people} more than the "
        f"{people} distinct analysts: {_and(movers)} changed stance between {dates.iloc[0]} "
        f"and {dates.iloc[-1]}, so counts by stance overlap."
    )


question(
    "ex4_3",
    "other analysts by stance",
    Counts(
        analysts_by_stance,
        "the number of different analysts holding each stance",
        decimals=6,  # counts are whole numbers: 13.6 is not 14
        zero_means_absent=True,
        known=lambda: STANCES,
        noun="stance",
    ),
    mistakes=[
        Mistake.answer(
            lambda: other_rows()["stance"].value_counts(),
            "You counted rows, not analysts: a piece with a prediction has two rows. Count "
            "distinct speakers with `.nunique()`.",
        ),
        Mistake.answer(
            lambda: views()["stance"].value_counts(),
            "You counted views (claim rows), not analysts: an analyst with two pieces of the "
            "same stance counts once. Count distinct speakers with `.nunique()`.",
        ),
        Mistake.answer(
            lambda: analysts_by_stance(arguments()),
            "Your counts include the article's two experts and the officials it quotes; the "
            "question asks for the *other* analysts, who do not appear in the article.",
        ),
        Mistake.answer(
            lambda: analysts_by_stance(arguments()[~arguments()["speaker"].isin(officials())]),
            f"Your counts include {_and(EXPERTS)}, the article's own experts; leave out every "
            "speaker who appears in the article.",
        ),
        Mistake.answer(
            lambda: analysts_by_stance(not_in_article()),
            f"Filtering on `in_article == False` keeps the later rows of {_and(officials())}, "
            "whose other rows are in the article. Leave out every speaker who appears in it: "
            "`~arguments['speaker'].isin(article_speakers)`.",
        ),
        Mistake.answer(
            lambda: other_rows().groupby("kind")["speaker"].nunique(),
            "Your index holds kinds (claim, prediction ...), not stances. `stance` is the "
            "speaker's overall view of the treaty: significant, limited or mixed.",
        ),
        Mistake.answer(
            lambda: analysts_by_stance() / analysts_by_stance().sum(),
            "These are shares; give the number of analysts for each stance.",
        ),
        Mistake.when(
            _looks_like_shares,
            "These look like shares; give the number of analysts for each stance.",
            example=lambda: other_rows()["stance"].value_counts(normalize=True),
        ),
    ],
    hints=[
        "Start from `others` (made in the cell above), not from `arguments`: the article's "
        "experts and officials must be left out.",
        "Count distinct speakers, not rows: `others.groupby('stance')['speaker'].nunique()`.",
        "The answer is a Series indexed by stance: significant, limited, mixed.",
    ],
    success=_ex4_3_success,
)


# --- Exercise 4.4: perspectives that lean "significant" ----------------------------------------


def stance_by_perspective(rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Views per perspective (rows) and stance (columns), every stance present."""
    rows = views() if rows is None else rows
    table = pd.crosstab(rows["perspective"], rows["stance"])
    return table.reindex(columns=list(STANCES), fill_value=0)


def leaning(rule: str, table: pd.DataFrame | None = None) -> list[str]:
    """Perspectives where 'significant' is ``rule`` ('>', '>=', '<') than 'limited'."""
    table = stance_by_perspective() if table is None else table
    sig, lim = table["significant"], table["limited"]
    chosen = {">": sig > lim, ">=": sig >= lim, "<": sig < lim}[rule]
    return sorted(table.index[chosen])


def ties() -> list[str]:
    table = stance_by_perspective()
    return sorted(table.index[table["significant"] == table["limited"]])


class Perspectives(Labels):
    """Perspectives; one that should not be there is named with its two counts."""

    def diagnose(self, given: LabelList, expected: LabelList) -> str:
        table = stance_by_perspective()
        by_key = {fold(p): p for p in table.index}
        for item in given.items:
            if item.key in set(expected.keys) or item.key not in by_key:
                continue
            name = by_key[item.key]
            sig, lim = int(table.loc[name, "significant"]), int(table.loc[name, "limited"])
            if sig == lim:
                return (
                    f"{name} has as many 'significant' as 'limited' views ({sig} each): a tie "
                    "is not 'more'. Use `>` rather than `>=`."
                )
            return f"{name} has more 'limited' views ({lim}) than 'significant' ones ({sig})."
        unknown = [i.shown for i in given.items if i.key not in by_key]
        if unknown:
            return (
                f"{unknown[0]!r} is not a perspective of the views; they are: "
                f"{', '.join(table.index)}."
            )
        return super().diagnose(given, expected)


def _ex4_4_success(given: object) -> str:
    table = stance_by_perspective()
    per = table.sum(axis=1)
    other_way = leaning("<")
    return (
        f"{_and(leaning('>'))}. The other way round, more 'limited' than 'significant': "
        f"{_and(other_way) if other_way else 'none'}. With {int(per.min())} to {int(per.max())} "
        "views per perspective, these are the views the course found, not a survey of opinion."
    )


question(
    "ex4_4",
    "perspectives leaning 'significant'",
    Perspectives(
        lambda: leaning(">"),
        "perspectives such as 'Western'",
        known=lambda: arguments()["perspective"].dropna(),
        noun="perspective",
    ),
    mistakes=[
        Mistake.answer(
            lambda: leaning(">="),
            lambda: (
                f"{_and(ties())} {'has' if len(ties()) == 1 else 'have'} as many 'significant' "
                "as 'limited' views: a tie is not 'more'. Use `>` rather than `>=`."
            ),
        ),
        Mistake.answer(
            lambda: leaning("<"),
            "These lean the other way, with more 'limited' than 'significant' views: compare "
            "`table['significant'] > table['limited']`.",
        ),
        Mistake.answer(
            lambda: leaning(">", stance_by_perspective(other_rows())),
            "You counted every row, prediction rows included: a piece with a prediction then "
            "counts twice. Count views (the claim rows).",
        ),
        Mistake.answer(
            lambda: leaning(">", stance_by_perspective(views(arguments()))),
            "Your table includes the article's experts and the officials it quotes; use the "
            "other analysts' views only.",
        ),
        Mistake.when(
            lambda given: bool(set(given.keys) & set(STANCES + KINDS)),
            lambda: (
                "That is a stance or a kind, not a perspective: give perspectives "
                f"({', '.join(stance_by_perspective().index)})."
            ),
            example=lambda: ["significant"],
        ),
    ],
    hints=[
        "Cross-tabulate the views: `pd.crosstab(views['perspective'], views['stance'])`.",
        "Keep the rows where the 'significant' column is larger than the 'limited' one, and "
        "take their index: `table.index[table['significant'] > table['limited']].tolist()`.",
        "Strictly larger: a tie is not 'more'.",
    ],
    success=_ex4_4_success,
)


# --- Exercise 4.5: views written after the war -------------------------------------------------


def share_after_war(rows: pd.DataFrame | None = None) -> float:
    """The share (a fraction) of ``rows`` written after the June 2025 war began."""
    rows = views() if rows is None else rows
    return float((rows["timing"] == AFTER_WAR).mean())


def after_war_count() -> int:
    return int((views()["timing"] == AFTER_WAR).sum())


def _ex4_5_success(given: object) -> str:
    rows = views()
    after = rows[rows["timing"] == AFTER_WAR]
    limited = int((after["stance"] == "limited").sum())
    return (
        f"{len(after)} of {len(rows)} views, a share of {share_after_war():.2f} "
        f"({100 * share_after_war():.0f} %), were written after the war began on 13 June 2025; "
        f"{limited} of those {len(after)} call the treaty's significance limited. Hindsight "
        "changes what an analyst can see: compare like with like."
    )


question(
    "ex4_5",
    "views written after the June 2025 war",
    Number(
        share_after_war,
        "a share as a fraction between 0 and 1, not per cent",
        decimals=2,
        minimum=0,
        maximum=1,
        advice=f"Compare `timing` with '{AFTER_WAR}' in `views`, one row per view.",
    ),
    mistakes=[
        Mistake.answer(
            lambda: 100 * share_after_war(),
            "That is a percentage; give the share as a fraction between 0 and 1 (divide by 100).",
        ),
        Mistake.answer(
            after_war_count,
            "That is the number of views; divide it by the number of views to get a share.",
        ),
        Mistake.answer(
            lambda: after_war_count() / views()["speaker"].nunique(),
            lambda: (
                "You divided by the number of distinct analysts, but "
                f"{_and(twice_writers())} wrote more than one piece: divide by the number of "
                f"views ({len(views())} claim rows)."
            ),
        ),
        Mistake.answer(
            lambda: share_after_war(other_rows()),
            "You counted every row, predictions included; count each view once (the claim rows).",
        ),
        Mistake.answer(
            lambda: share_after_war(views(arguments())),
            "Your share includes the article's experts and the officials it quotes; keep the "
            "other analysts only.",
        ),
        Mistake.answer(
            lambda: share_after_war(views(not_in_article())),
            f"Filtering on `in_article == False` keeps the later rows of {_and(officials())}; "
            "keep the other analysts only (`views`).",
        ),
        Mistake.answer(
            lambda: 1 - share_after_war(),
            "That is the share written *before* the war; the question asks for after.",
        ),
    ],
    hints=[
        "Use the other analysts' claim rows (`views`, one per view) and the `timing` column.",
        "`(views['timing'] == 'after June 2025 war').mean()` gives the share as a fraction.",
    ],
    success=_ex4_5_success,
)


# --- Exercise 4.6: "not an alliance", from the text ---------------------------------------------


def matching(pattern: re.Pattern[str], rows: pd.DataFrame | None = None) -> list[str]:
    """Speakers (in table order, once each) whose argument text matches ``pattern``."""
    rows = other_rows() if rows is None else rows
    said = rows[rows["argument"].str.contains(pattern, na=False)]
    return list(dict.fromkeys(said["speaker"]))


def not_alliance_speakers() -> list[str]:
    """Other analysts whose argument text says the treaty is not an alliance."""
    return matching(NOT_ALLIANCE)


def word_only_speakers(rows: pd.DataFrame | None = None) -> list[str]:
    """Speakers who use the word alliance or allies without saying 'not an alliance'."""
    saying = set(not_alliance_speakers())
    return [s for s in matching(ALLIANCE_WORD, rows) if s not in saying]


def defence_only_speakers() -> list[str]:
    """Other analysts who speak of no defence pact or clause without the word alliance."""
    saying = set(matching(ALLIANCE_WORD))
    return [s for s in matching(DEFENCE_WORDS) if s not in saying]


def _plural_verb(names: list[str], one: str, many: str) -> str:
    return one if len(names) == 1 else many


def _word_only_message() -> str:
    names = word_only_speakers()
    return (
        f"{_and(names)}: the argument uses the word but does not say the treaty is no "
        "alliance; read what the word refers to there. A keyword match is a place to start "
        "reading, not a finding."
    )


def _defence_message() -> str:
    names = defence_only_speakers()
    says = _plural_verb(names, "says", "say")
    does = _plural_verb(names, "does", "do")
    return (
        f"{_and(names)} {says} there is no mutual defence or defence pact, but {does} not use "
        "the words alliance or allies. Close in meaning, and worth discussing, but the "
        "exercise asks what the text says."
    )


def _article_message() -> str:
    names = [s for s in matching(ALLIANCE_WORD, arguments()) if s in article_speakers()]
    return (
        f"Your list includes {_and(names)}, who {_plural_verb(names, 'appears', 'appear')} in "
        "the article: search the other analysts' rows (`others`) only."
    )


class Speakers(Labels):
    """Speakers as written in the `speaker` column; one that should not be there is named
    with the reason (not in the table, in the article, a keyword used otherwise ...)."""

    def diagnose(self, given: LabelList, expected: LabelList) -> str:
        table = arguments()
        by_key = {fold(s): s for s in table["speaker"]}
        for item in given.items:
            if item.key in set(expected.keys):
                continue
            if item.key not in by_key:
                close = [s for k, s in by_key.items() if item.key and item.key in k]
                meant = f" Did you mean {close[0]!r}?" if len(close) == 1 else ""
                return (
                    f"{item.shown!r} is not a speaker in expert_arguments; copy names exactly "
                    f"from the `speaker` column.{meant}"
                )
            speaker = by_key[item.key]
            text = " ".join(table.loc[table["speaker"] == speaker, "argument"])
            if speaker in EXPERTS:
                return f"{speaker} is one of the article's own experts, not another analyst."
            if speaker in officials():
                return f"{speaker} is an official the article quotes, not another analyst."
            if ALLIANCE_WORD.search(text):
                return (
                    f"{speaker}'s argument uses the word, but does not say the treaty is no "
                    "alliance: read what it refers to there."
                )
            if DEFENCE_WORDS.search(text):
                return (
                    f"{speaker}'s argument says there is no mutual defence or defence pact, but "
                    "does not use the words alliance or allies. Close in meaning, and worth "
                    "discussing, but the exercise asks what the text says."
                )
            return f"{speaker}'s argument does not mention an alliance or allies."
        return super().diagnose(given, expected)


def _ex4_6_success(given: object) -> str:
    saying = not_alliance_speakers()
    others = word_only_speakers()
    rest = (
        " Of the other analysts whose argument uses the word, none says the treaty is one: "
        f"in the row of {_and(others)} it is about something else."
        if others
        else ""
    )
    return (
        f"{len(saying)} analysts say in so many words that it is no alliance.{rest} In the "
        "article, only the Tehran Times (Iranian state media) speaks of strengthening an "
        "alliance (claim C13)."
    )


question(
    "ex4_6",
    "'not an alliance', from the text",
    Speakers(
        not_alliance_speakers,
        "speakers, as written in the `speaker` column",
        known=lambda: arguments()["speaker"],
        noun="speaker",
    ),
    mistakes=[
        Mistake.answer(lambda: matching(ALLIANCE_WORD), _word_only_message),
        Mistake.answer(lambda: matching(ALLIANCE_WORD, arguments()), _article_message),
        Mistake.answer(
            lambda: [*not_alliance_speakers(), *defence_only_speakers()], _defence_message
        ),
        Mistake.answer(
            lambda: other_rows().loc[
                other_rows()["argument"].str.contains(NOT_ALLIANCE, na=False), "argument_id"
            ],
            "These are argument ids; give the speakers, as written in the `speaker` column.",
        ),
    ],
    hints=[
        "Search the other analysts' `argument` text: "
        "`others['argument'].str.contains('allian|allies', case=False)`.",
        "Then read each match: does it say the treaty *is* an alliance, or that it is *not*? "
        "Not every 'allies' is about the treaty.",
        "The answer is a list of `speaker` values, copied exactly from the table.",
    ],
    success=_ex4_6_success,
)


# --- Exercise 4.7: steelman the other side ------------------------------------------------------


@functools.cache
def analyst_names() -> tuple[str, ...]:
    """The people among the experts and other analysts (not institutions, not officials), by
    full name as the speaker column gives it; two names joined by 'and' are two people."""
    names: set[str] = set()
    for speaker in set(arguments()["speaker"]) - set(officials()):
        base = speaker.split(" (")[0].strip()
        for person in base.split(" and "):
            if PERSON.match(person) and not INSTITUTION.search(person):
                names.add(person)
    return tuple(sorted(names))


def analysts_named(text: str) -> set[str]:
    """The analysts a text names, by full name or by a surname that is one person's only.

    A full name is taken out before surnames are read, so that "Mansour Alimardani" does not
    also count as naming Renad Mansour.
    """
    names = analyst_names()
    full = set(mentioned(text, names))
    rest = f" {' '.join(words(text))} "
    for name in full:
        rest = rest.replace(f" {' '.join(words(name))} ", " ")
    return full | people_named(rest, names)


def _stances_of(name: str) -> set[str]:
    rows = arguments()[arguments()["speaker"].str.contains(name, regex=False)]
    return set(rows["stance"].dropna())


def steelman_model() -> str:
    """The model answer shown after a steelman is recorded (the worked answer of solutions/)."""
    return " ".join(MODEL_STEELMAN.split())


MODEL_STEELMAN = """
The strongest case that the treaty matters, as its defenders would put it: it turns a wary
relationship into a written, long-term commitment. Kirill Semenov, writing for REGNUM at the
signing (read in a machine-translated reprint), saw a real shift in writing military
cooperation into a treaty after years of avoiding the word 'strategic' (A34). Emil Avdaliani
argued in March 2025 that the Ukraine war had made Iran a pivotal partner for Moscow, and
expected the alignment to outlast that war (A59, A60). The Institute for the Study of War, read
in a reprint, thought the loose wording on military-technical cooperation could cover drones
(A23). The best evidence that the text is being used: on 17 December 2025 the two foreign
ministers signed a plan of consultations for 2026-2028, which both sides presented as a roadmap
for putting the treaty into practice (timeline E63, reported by Iran International and Shafaq
News). The strongest objection is June 2025: Putin denounced the strikes on Iran but pledged no
practical support (E52). A defender would answer that the treaty never promised military help,
since it has no mutual-defence clause (E40), and that its value, on this view, lies in
sanctions, energy and transport. What would change my mind: a consultation plan that produces
no joint projects within a few years.
"""


def _not_copied(text: str) -> None:
    folded = fold(text)
    for argument in arguments()["argument"].dropna():
        if len(argument) >= 40 and fold(argument) in folded:
            raise Wrong(
                "Part of your text is copied from the table's `argument` column. Put the "
                "argument in your own words and say whose it is."
            )


def _names_analysts(text: str) -> None:
    named = analysts_named(text)
    if len(named) >= MIN_ANALYSTS:
        return
    found = f" (the check found {_and(sorted(named))})" if named else ""
    raise Wrong(
        f"Name at least {MIN_ANALYSTS} analysts from expert_arguments by name{found}, so that "
        "each argument is attributed: a full name or a surname such as Kolbe, Semenov or "
        "Avdaliani. Institutions such as ISW may be cited too, but they do not count as named "
        "analysts."
    )


ID_TABLES = {"A": "expert_arguments", "C": "article_claims", "E": "timeline"}
ID_COLUMNS = {"A": "argument_id", "C": "claim_id", "E": "event_id"}


def _ids_exist(text: str) -> None:
    for cited in ids_in(text, "".join(ID_TABLES)):
        prefix = cited[0]
        known = set(load(ID_TABLES[prefix])[ID_COLUMNS[prefix]])
        if cited not in known:
            raise Wrong(
                f"Your text cites {cited}, but there is no {ID_COLUMNS[prefix]} {cited} in "
                f"{ID_TABLES[prefix]}: cite only rows that exist."
            )


class Steelman(FreeText):
    """Free text, recorded; after the checklist it adds notes a learner can act on (a stance
    that differs from the table's, no reason word found). Notes never refuse an answer: the
    reading behind them is too simple to judge an argument."""

    def record(self, given: str) -> str:
        notes = []
        for name in sorted(analysts_named(given)):
            held = _stances_of(name)
            surname = words(name)[-1]
            for stance in ("significant", "limited"):
                if held and stance not in held and _says_of(given, surname, stance):
                    notes.append(
                        f"a sentence naming {name} calls the treaty {stance!r}, but their view "
                        f"in the table is {_and(sorted(held))}: check whose view it reports"
                    )
        if not REASON_WORDS.search(given):
            notes.append(
                "no word such as 'because', 'for example' or 'according to' was found: make "
                "sure your text gives a reason and evidence"
            )
        extra = f" Notes: {'; '.join(notes)}." if notes else ""
        return super().record(given) + extra


def _says_of(text: str, surname: str, stance: str) -> bool:
    """True if a sentence naming ``surname`` uses ``stance`` without a negation.

    Line breaks are joined first: a text in triple quotes wraps its sentences over lines.
    """
    for sentence in sentences(" ".join(text.split())):
        folded = fold(sentence)
        if (
            surname in words(sentence)
            and re.search(rf"\b{stance}\b", folded)
            and not NEGATION.search(folded)
        ):
            return True
    return False


question(
    "ex4_7",
    "steelman the other side",
    Steelman(
        steelman_model,
        "your steelman, as text",
        min_words=STEELMAN_MIN_WORDS,
        checks=[_not_copied, _names_analysts, _ids_exist],
        checklist=[
            "the view stated as its best defenders would state it",
            "its best reason, attributed to a named analyst with what the table says they argued",
            "its best evidence, with its source and how strong it is (reprint, state media, "
            "uncertain date)",
            "an answer to the strongest objection (for 'significant', the June 2025 war; for "
            "'limited', what was implemented afterwards)",
            "your own words, every judgement attributed or labelled, and what would change "
            "your mind",
        ],
    ),
    hints=[
        f"Write at least {STEELMAN_MIN_WORDS} words, in your own words, as one text in quotes "
        '(use triple quotes `"""..."""` for several lines).',
        f"Name at least {MIN_ANALYSTS} analysts from `views` whose arguments support the side "
        "you are steelmanning, by full name or surname (e.g. Kolbe, Semenov, Avdaliani).",
        "Point to the rows you use by their ids (A23 for an argument, E52 for a timeline "
        "event): the check verifies that they exist.",
    ],
)
