"""Lesson 04 "The expert arguments": arguments taken apart, other analysts set beside them.

Every expected answer comes from the ``expert_arguments`` table. Three groups of speakers
matter and the messages name them when a learner mixes them up:

* the article's two experts, Andrei Ontikov and Ivan Glukhov (their roles come only from the
  article and are not confirmed elsewhere);
* the officials the article quotes, Kazem Jalali and Dmitry Peskov (some of their rows are in
  the article, some come from later reports);
* the other analysts: every speaker who does not appear in the article at all.

Each other analyst's piece has exactly one row of kind ``claim`` (its main judgement), plus a
``prediction`` row where they made one; one claim row is therefore one *view*. Sergey Balmasov
wrote two pieces a year apart with opposite stances, so views (40) and distinct speakers (39)
differ, and a learner who counts rows, speakers or views gets a different number each time.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from treatylab.data import load
from treatylab.questions.base import (
    Wrong,
    close,
    compare_labels,
    describe,
    need_labels,
    need_number,
    need_series,
    need_text,
    question,
    reject_known,
)

EXPERTS = ("Andrei Ontikov", "Ivan Glukhov")
KINDS = ("claim", "reason", "evidence", "prediction")
STANCES = ("significant", "limited", "mixed")
AFTER_WAR = "after June 2025 war"
STEELMAN_MIN_WORDS = 80

# "not an alliance": a negation before the word alliance / allies within one clause.
NOT_ALLIANCE = re.compile(r"\b(?:no|not|block\w*)\b[^.;:]*?\b(?:allian\w*|allies)\b", re.IGNORECASE)
ALLIANCE_WORD = re.compile(r"\b(?:allian\w*|allies)\b", re.IGNORECASE)
DEFENCE_WORDS = re.compile(r"defen[cs]e pact|mutual-defen[cs]e|go to war|defence clause", re.I)

# Words that show a reason or a piece of evidence is being offered (the steelman check).
REASON_WORDS = re.compile(
    r"\b(because|since|therefore|thus|hence|evidence|for example|for instance|e\.g\.|"
    r"shows? that|showed|shown by|according to|reasons?|as a result|points? to|pointed to|"
    r"given that|data|cites?|cited|proof|demonstrat\w*|indicat\w*)\b",
    re.IGNORECASE,
)
# Short names a learner may use for institutions (prefix of the `speaker` value -> aliases).
INSTITUTION_ALIASES = {
    "Middle East Council on Global Affairs": ("Middle East Council", "MEC"),
    "UK Defence Intelligence": ("Defence Intelligence",),
    "South Caucasus Studies Center": ("South Caucasus Studies Center", "CSSC"),
    "Global Research": ("Global Research", "Korybko"),
    "Carnegie Politika": ("Carnegie",),
    "Shargh Daily": ("Shargh",),
    "Jerusalem Post": ("Jerusalem Post",),
    "Foreign Policy": ("Foreign Policy",),
    "TRENDS": ("TRENDS",),
}
_INSTITUTION_WORDS = re.compile(
    r"Institute|Center|Centre|Council|Research|Intelligence|Daily|Post|magazine|Politika|"
    r"commentary|analysts|Policy",
)


# --- the table and its three groups of speakers ---------------------------------------------


@functools.cache
def arguments() -> pd.DataFrame:
    """The whole expert_arguments table."""
    return load("expert_arguments")


@functools.cache
def article_speakers() -> frozenset[str]:
    """Everyone with at least one row in the article: the two experts and the two officials."""
    table = arguments()
    return frozenset(table.loc[table["in_article"].fillna(False), "speaker"])


@functools.cache
def officials() -> tuple[str, ...]:
    """The officials quoted in the article (Jalali, Peskov)."""
    return tuple(sorted(article_speakers() - set(EXPERTS)))


@functools.cache
def expert_rows() -> pd.DataFrame:
    """The article's two experts, argument by argument."""
    table = arguments()
    return table[table["speaker"].isin(EXPERTS)].reset_index(drop=True)


@functools.cache
def other_rows() -> pd.DataFrame:
    """Every row of a speaker who does not appear in the article (claims and predictions)."""
    table = arguments()
    return table[~table["speaker"].isin(article_speakers())].reset_index(drop=True)


@functools.cache
def views() -> pd.DataFrame:
    """One row per other analyst's piece: its claim row, which carries the piece's stance."""
    rows = other_rows()
    return rows[rows["kind"] == "claim"].reset_index(drop=True)


def kinds_by_expert() -> pd.DataFrame:
    """Ex 4.1: rows per kind for each of the two experts (speakers in rows)."""
    rows = expert_rows()
    return pd.crosstab(rows["speaker"], rows["kind"]).reindex(columns=list(KINDS), fill_value=0)


def expert_predictions() -> list[str]:
    """Ex 4.2: argument ids of the two experts' predictions."""
    rows = expert_rows()
    return rows.loc[rows["kind"] == "prediction", "argument_id"].tolist()


def analysts_by_stance(rows: pd.DataFrame | None = None) -> pd.Series:
    """Ex 4.3: distinct other analysts holding each stance."""
    rows = other_rows() if rows is None else rows
    counts = rows.groupby("stance")["speaker"].nunique()
    return counts.reindex(list(STANCES), fill_value=0).astype(int)


def stance_by_perspective(rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Ex 4.4: views per perspective (rows) and stance (columns)."""
    rows = views() if rows is None else rows
    table = pd.crosstab(rows["perspective"], rows["stance"])
    return table.reindex(columns=list(STANCES), fill_value=0).astype(int)


def more_significant(table: pd.DataFrame | None = None) -> list[str]:
    """Ex 4.4: perspectives with more 'significant' than 'limited' views."""
    table = stance_by_perspective() if table is None else table
    return sorted(table.index[table["significant"] > table["limited"]])


def share_after_war(rows: pd.DataFrame | None = None) -> float:
    """Ex 4.5: share of views written after the June 2025 war began."""
    rows = views() if rows is None else rows
    return float((rows["timing"] == AFTER_WAR).mean())


def not_alliance_speakers(rows: pd.DataFrame | None = None) -> list[str]:
    """Ex 4.6: other analysts whose argument text says the treaty is not an alliance."""
    rows = other_rows() if rows is None else rows
    said = rows[rows["argument"].str.contains(NOT_ALLIANCE, na=False)]
    return sorted(set(said["speaker"]))


@functools.cache
def speaker_keys() -> dict[str, str]:
    """Names a learner may use for each speaker (name -> speaker as in the data).

    Acronyms (ISW, INSS, TRENDS, MEC ...) are matched with their case, so that "trends" in a
    sentence does not count as naming TRENDS; other names are matched in any case.
    """
    keys: dict[str, str] = {}
    for speaker in sorted(set(arguments()["speaker"])):
        cleaned = speaker.strip().strip("'")
        base = re.split(r" \(|,|'? \[| op-ed| analysts| commentary| magazine", cleaned)[0]
        base = base.strip(" '")
        names = {base}
        names.update(re.findall(r"\b[A-Z]{3,}\b", speaker))  # ISW, INSS, ECFR, TRENDS
        for prefix, aliases in INSTITUTION_ALIASES.items():
            if speaker.startswith(prefix):
                names.update(aliases)
        if not _INSTITUTION_WORDS.search(base):  # a person, or two: add the surnames
            for person in base.split(" and "):
                surname = person.split()[-1]
                if len(surname) >= 4:
                    names.add(surname)
        for name in sorted(names):
            keys.setdefault(name, speaker)
    return keys


def speakers_named(text: str) -> dict[str, str]:
    """The speakers of expert_arguments that a text names: speaker -> the name as written."""
    found: dict[str, str] = {}
    for name, speaker in speaker_keys().items():
        flags = 0 if name.isupper() else re.IGNORECASE
        match = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags)
        if match and speaker not in found:
            found[speaker] = match.group(0)
    return found


def _plural(count: int, word: str) -> str:
    if word == "evidence":
        return f"{count} evidence"
    return f"{count} {word}" + ("" if count == 1 else "s")


# --- answer shapes ----------------------------------------------------------------------------


def _as_table(answer: object, row_field: str, what: str) -> pd.DataFrame:
    """A count table with ``row_field`` values as the index, whatever shape it came in."""
    if isinstance(answer, pd.Series) and answer.index.nlevels == 2:
        answer = answer.unstack(fill_value=0)
    if isinstance(answer, pd.DataFrame) and row_field in answer.columns:
        answer = answer.set_index(row_field)
    if not isinstance(answer, pd.DataFrame):
        raise Wrong(
            f"Expected a DataFrame with one row per {row_field} ({what}); got "
            f"{describe(answer)}. `pd.crosstab(rows, columns)` makes one."
        )
    if len(answer) > 1000:
        raise Wrong(f"Expected a small table ({what}); got {len(answer):,} rows.")
    table = answer.drop(index="All", columns="All", errors="ignore")
    table.index = [str(label).strip() for label in table.index]
    table.columns = [str(label).strip() for label in table.columns]
    return table


def _counts_equal(table: pd.DataFrame, expected: pd.DataFrame) -> bool:
    if set(table.index) != set(expected.index):
        return False
    if not set(expected.columns) <= set(table.columns):
        return False
    try:
        given = table.loc[list(expected.index), list(expected.columns)].astype(float)
    except (TypeError, ValueError):
        return False
    extra = [c for c in table.columns if c not in expected.columns]
    if extra and (table[extra].astype(float, errors="ignore") != 0).to_numpy().any():
        return False
    return bool((given.to_numpy() == expected.astype(float).to_numpy()).all())


# --- the questions ------------------------------------------------------------------------------


@question(
    "ex4_1",
    "the two experts' arguments by kind",
    hints=[
        "Keep the rows whose `speaker` is one of the article's two experts: "
        "`arguments[arguments['speaker'].isin(['Andrei Ontikov', 'Ivan Glukhov'])]`.",
        "Then count with `pd.crosstab(rows['speaker'], rows['kind'])`: speakers in rows, "
        "kinds (claim, reason, evidence, prediction) in columns.",
        "`in_article` is not enough: it also keeps the officials the article quotes.",
    ],
)
def ex4_1(answer: object) -> str:
    expected = kinds_by_expert()
    table = _as_table(answer, "speaker", "the experts' rows counted by kind")
    kinds, stances = set(KINDS), set(STANCES)
    if set(table.index) & kinds and not set(table.columns) & kinds:
        table = table.T  # kinds in rows, speakers in columns: fine, turn it round
    if set(table.columns) & stances and not set(table.columns) & kinds:
        raise Wrong(
            "Your columns are stances (significant, limited, mixed), not kinds. `kind` is the "
            "job a statement does inside an argument (claim, reason, evidence, prediction); "
            "`stance` is the speaker's overall view of the treaty. Count by `kind`."
        )
    listed = set(table.index)
    quoted = sorted(listed & set(officials()))
    if quoted:
        who = "officials" if len(quoted) > 1 else "an official"
        raise Wrong(
            f"Your table includes {' and '.join(quoted)}: {who} the article quotes, not its two "
            "experts. Filtering on `in_article` keeps them; filter on the two names."
        )
    strangers = sorted(listed - set(EXPERTS))
    if strangers:
        raise Wrong(
            f"Your table has rows for other speakers (e.g. {strangers[0]!r}); keep only "
            "Andrei Ontikov and Ivan Glukhov."
        )
    missing = [e for e in EXPERTS if e not in listed]
    if missing:
        raise Wrong(f"{missing[0]} is missing: the table needs a row for each expert.")
    lacking = [k for k in KINDS if k not in table.columns]
    if lacking and any(expected[k].sum() for k in lacking):
        raise Wrong(f"The column {lacking[0]!r} is missing: count every kind.")
    if not _counts_equal(table, expected):
        raise Wrong(
            "The counts are not right. Count rows of the two experts only, with "
            "`pd.crosstab(rows['speaker'], rows['kind'])`."
        )
    parts = [
        f"{name.split()[-1]}: "
        + ", ".join(_plural(int(expected.loc[name, kind]), kind) for kind in KINDS)
        for name in expected.index
    ]
    return "; ".join(parts) + ". Each row is one statement in our words, not a quotation."


@question(
    "ex4_2",
    "the experts' predictions",
    hints=[
        "Start from the two experts' rows (as in Exercise 4.1) and keep those whose `kind` is "
        "'prediction'.",
        "The answer is a list of `argument_id` values, e.g. `['A01', 'A02']`: "
        "`rows.loc[rows['kind'] == 'prediction', 'argument_id'].tolist()`.",
    ],
)
def ex4_2(answer: object) -> str:
    if isinstance(answer, pd.DataFrame) and "argument_id" in answer.columns:
        answer = answer["argument_id"]
    given = [label.upper() for label in need_labels(answer, "argument ids such as 'A08'")]
    expected = expert_predictions()
    table = arguments()
    by_id = table.set_index("argument_id")
    if any(label.startswith("C") for label in given):
        raise Wrong(
            "Ids starting with C are `claim_id`s of the article_claims table (lesson 03). "
            "Give `argument_id`s from expert_arguments (A01, A02, ...)."
        )
    unknown = [label for label in given if label not in by_id.index]
    if unknown:
        raise Wrong(f"There is no argument {unknown[0]!r} in expert_arguments.")
    outsiders = [label for label in given if by_id.loc[label, "speaker"] not in EXPERTS]
    if outsiders:
        who = by_id.loc[outsiders[0], "speaker"]
        raise Wrong(
            f"{outsiders[0]} is by {who}, not by one of the article's two experts: keep only "
            "Ontikov's and Glukhov's rows before picking the predictions."
        )
    not_predictions = [label for label in given if label not in expected]
    if not_predictions:
        label = not_predictions[0]
        kind = by_id.loc[label, "kind"]
        extra = ""
        if label == "A12":
            extra = (
                " Lesson 03's claims table lists the same sentence as a prediction (C34): "
                "read alone it is a forecast, but here it is filed as a reason because it "
                "supports Glukhov's claim. Go by the `kind` column."
            )
        raise Wrong(f"{label} is a {kind}, not a prediction.{extra}")
    missing = [label for label in expected if label not in given]
    if missing:
        who = by_id.loc[missing[0], "speaker"]
        raise Wrong(f"One is missing: {who} makes a prediction you left out.")
    lines = [f"{label} ({by_id.loc[label, 'speaker'].split()[-1]})" for label in expected]
    return (
        f"{len(expected)} predictions: {', '.join(lines)}. Lesson 05 checks them against what "
        "happened in 2025."
    )


@question(
    "ex4_3",
    "other analysts by stance",
    hints=[
        "Start from `others` (made in the cell above), not from `arguments`: the article's "
        "experts and officials must be left out.",
        "Count distinct speakers, not rows: `others.groupby('stance')['speaker'].nunique()`.",
        "The answer is a Series indexed by stance: significant, limited, mixed.",
    ],
)
def ex4_3(answer: object) -> str:
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    series = need_series(answer, "the number of analysts per stance")
    series.index = [str(label).strip() for label in series.index]
    labels = set(series.index)
    if labels & set(KINDS) and not labels & set(STANCES):
        raise Wrong(
            "Your index holds kinds (claim, reason, ...), not stances. `stance` is the "
            "speaker's overall view of the treaty: significant, limited or mixed."
        )
    missing = [s for s in STANCES if s not in labels]
    if missing:
        raise Wrong(f"The stance {missing[0]!r} is missing from your Series.")
    try:
        given = series.reindex(list(STANCES)).astype(float)
    except (TypeError, ValueError):
        raise Wrong("Expected whole-number counts in the Series.") from None
    expected = analysts_by_stance()
    table = arguments()
    rows_counted = other_rows()["stance"].value_counts().reindex(list(STANCES), fill_value=0)
    with_article = analysts_by_stance(table)
    with_experts = analysts_by_stance(table[~table["speaker"].isin(officials())])
    mistakes = [
        (
            rows_counted,
            "You counted rows, not analysts: a piece with a prediction has two rows. Count "
            "distinct speakers with `.nunique()`.",
        ),
        (
            with_article,
            "Your counts include the article's two experts and the officials it quotes; the "
            "question asks for the *other* analysts, who do not appear in the article.",
        ),
        (
            with_experts,
            "Your counts include Ontikov and Glukhov, the article's own experts; leave out "
            "every speaker who appears in the article.",
        ),
    ]
    for wrong, message in mistakes:
        if (given.to_numpy() == wrong.astype(float).to_numpy()).all() and not (
            wrong.to_numpy() == expected.to_numpy()
        ).all():
            raise Wrong(message)
    if given.sum() <= 1.0 + 1e-9:
        raise Wrong("These look like shares; give the number of analysts for each stance.")
    if not (given.to_numpy() == expected.astype(float).to_numpy()).all():
        raise Wrong("Not quite. Count distinct `speaker`s per `stance` among the other analysts.")
    return (
        f"{expected['significant']} analysts call the treaty significant, {expected['limited']} "
        f"limited and {expected['mixed']} mixed. The numbers add up to {int(expected.sum())}, "
        f"one more than the {other_rows()['speaker'].nunique()} distinct analysts: Sergey "
        "Balmasov changed his view between January 2025 and January 2026."
    )


@question(
    "ex4_4",
    "perspectives leaning 'significant'",
    hints=[
        "Cross-tabulate the views: `pd.crosstab(views['perspective'], views['stance'])`.",
        "Keep the rows where the 'significant' column is larger than the 'limited' one, and "
        "take their index: `table.index[table['significant'] > table['limited']].tolist()`.",
        "Strictly larger: a tie is not 'more'.",
    ],
)
def ex4_4(answer: object) -> str:
    given = need_labels(answer, "perspectives such as 'Western'")
    expected = more_significant()
    table = stance_by_perspective()
    known = {p.casefold(): p for p in table.index}
    unknown = [g for g in given if g.casefold() not in known]
    if unknown:
        stance_words = set(STANCES) | set(KINDS)
        if unknown[0].casefold() in stance_words:
            raise Wrong(
                f"{unknown[0]!r} is a stance or a kind, not a perspective: give perspectives "
                f"({', '.join(table.index)})."
            )
        raise Wrong(
            f"{unknown[0]!r} is not a perspective in the table; they are: {', '.join(table.index)}."
        )
    chosen = {known[g.casefold()] for g in given}
    everything = arguments()
    alternatives = [
        (
            more_significant(stance_by_perspective(other_rows())),
            "You counted every row, prediction rows included: a piece with a prediction then "
            "counts twice. Count views (the claim rows).",
        ),
        (
            more_significant(stance_by_perspective(everything[everything["kind"] == "claim"])),
            "Your table includes the article's experts and the officials it quotes (Glukhov, "
            "Jalali and Peskov add 'significant' rows); use the other analysts only.",
        ),
    ]
    for wrong, message in alternatives:
        if chosen == set(wrong) and set(wrong) != set(expected):
            raise Wrong(message)
    for perspective in sorted(chosen - set(expected)):
        sig = int(table.loc[perspective, "significant"])
        lim = int(table.loc[perspective, "limited"])
        if sig == lim:
            raise Wrong(
                f"{perspective} has as many 'significant' as 'limited' views ({sig} each): a "
                "tie is not 'more'. Use `>` rather than `>=`."
            )
        raise Wrong(
            f"{perspective} has more 'limited' views ({lim}) than 'significant' ones ({sig})."
        )
    compare_labels(sorted(chosen), expected, "perspectives with more significant views")
    leaning_limited = [
        p for p in table.index if table.loc[p, "limited"] > table.loc[p, "significant"]
    ]
    return (
        f"{' and '.join(expected)}. The other way round, more 'limited' than 'significant': "
        f"{', '.join(leaning_limited)}. With 1 to {int(table.sum(axis=1).max())} views per "
        "perspective, these are the views the course found, not a survey of opinion."
    )


@question(
    "ex4_5",
    "views written after the June 2025 war",
    hints=[
        "Use the other analysts' claim rows (one per view) and the `timing` column.",
        "`(views['timing'] == 'after June 2025 war').mean()` gives the share as a fraction.",
    ],
)
def ex4_5(answer: object) -> str:
    value = need_number(answer, "a share between 0 and 1")
    expected = share_after_war()
    rows = views()
    after = int((rows["timing"] == AFTER_WAR).sum())
    speakers_total = rows["speaker"].nunique()
    if 1 < value <= 100 and close(value / 100, expected, 0.002):
        raise Wrong(f"{value:g} looks like a percentage; give the share as a fraction (0 to 1).")
    table = arguments()
    reject_known(
        value,
        [
            (
                after,
                f"{after} is the number of views; divide by the number of views to get a share.",
            ),
            (
                after / speakers_total,
                f"You divided by the {speakers_total} distinct analysts, but Sergey Balmasov "
                "wrote two pieces, one before the war and one after it: divide by the number "
                f"of views ({len(rows)} claim rows).",
            ),
            (
                share_after_war(other_rows()),
                "You counted every row, predictions included; count each view once (the "
                "claim rows).",
            ),
            (
                share_after_war(table[table["kind"] == "claim"]),
                "Your share includes the article's experts and the officials it quotes; keep "
                "the other analysts only.",
            ),
            (
                1 - expected,
                "That is the share written *before* the war; the question asks for after.",
            ),
        ],
        tol=0.002,
    )
    if not close(value, expected, 0.002):
        raise Wrong(f"Not quite: you gave {value:g}. Compare `timing` with '{AFTER_WAR}'.")
    post = rows[rows["timing"] == AFTER_WAR]
    limited = int((post["stance"] == "limited").sum())
    return (
        f"{after} of {len(rows)} views ({expected:.0%}) were written after the war began on "
        f"13 June 2025; {limited} of those {after} call the treaty's significance limited. "
        "Hindsight changes what an analyst can see: compare like with like."
    )


@question(
    "ex4_6",
    "'not an alliance', from the text",
    hints=[
        "Search the other analysts' `argument` text: "
        "`others['argument'].str.contains('allian|allies', case=False)`.",
        "Then read each match: does it say the treaty *is* an alliance, or that it is *not*? "
        "Not every 'allies' is about the treaty.",
        "The answer is a list of `speaker` values, copied exactly from the table.",
    ],
)
def ex4_6(answer: object) -> str:
    given = need_labels(answer, "speakers, as written in the `speaker` column")
    expected = not_alliance_speakers()
    folded_expected = {e.casefold() for e in expected}
    table = arguments()
    others = other_rows()
    extras = [g for g in given if g.casefold() not in folded_expected]
    for name in extras:
        rows = table[table["speaker"].str.casefold() == name.casefold()]
        if rows.empty:
            raise Wrong(
                f"{name!r} is not a speaker in expert_arguments; copy names exactly from the "
                "`speaker` column."
            )
        speaker = rows["speaker"].iloc[0]
        text = " ".join(rows["argument"])
        if speaker in EXPERTS:
            raise Wrong(
                f"{speaker} is one of the article's own experts, not another analyst; and his "
                "'allies' are the partners Iran needs, not a verdict on the treaty."
            )
        if speaker in officials():
            raise Wrong(
                f"{speaker} is an official the article quotes, not an analyst; and saying Iran "
                "joins no bloc describes Iran's policy, not the treaty."
            )
        if "'union'" in text:
            raise Wrong(
                f"{speaker} calls the treaty a 'union' against Western pressure: close to the "
                "opposite of 'not an alliance'."
            )
        if ALLIANCE_WORD.search(text):
            raise Wrong(
                f"{speaker}'s argument uses the word, but the 'allies' there are Iran's allies "
                "that were struck, not the two treaty partners. Read each match."
            )
        if DEFENCE_WORDS.search(text):
            raise Wrong(
                f"{speaker}'s argument says there is no mutual defence or defence pact, but it "
                "does not use the words alliance or allies. Close in meaning, and worth "
                "discussing, but the exercise asks what the text says."
            )
        raise Wrong(f"{speaker}'s argument does not mention an alliance or allies.")
    compare_labels(given, expected, "speakers whose argument says 'not an alliance'")
    union = sorted(set(others.loc[others["argument"].str.contains("'union'"), "speaker"]))
    return (
        f"{len(expected)} analysts say in so many words that it is no alliance. Nobody else in "
        f"the table calls it one, although {', '.join(union)} calls it a 'union'; in the article "
        "only the Tehran Times (Iranian state media) speaks of strengthening an alliance."
    )


@question(
    "ex4_7",
    "steelman the other side",
    hints=[
        f"Write at least {STEELMAN_MIN_WORDS} words, in your own words, as one text in quotes "
        '(use triple quotes `"""..."""` for several lines).',
        "Name at least one speaker from the table (e.g. a surname such as Kolbe or Modabber, "
        "or an institution such as ISW) whose argument supports the side you are steelmanning.",
        "Give a reason or evidence and say so: 'because ...', 'for example ...', "
        "'according to ...', 'the evidence is ...'.",
    ],
)
def ex4_7(answer: object) -> str:
    text = need_text(answer, "your steelman, as text")
    words = text.split()
    for argument in arguments()["argument"]:
        if len(argument) >= 40 and argument.casefold() in text.casefold():
            raise Wrong(
                "Part of your text is copied from the table's `argument` column. Put the "
                "argument in your own words and say whose it is."
            )
    if len(words) < STEELMAN_MIN_WORDS:
        raise Wrong(
            f"Your text has {len(words)} words; a steelman needs room for a claim, a reason and "
            f"evidence: write at least {STEELMAN_MIN_WORDS}."
        )
    named = speakers_named(text)
    if not named:
        raise Wrong(
            "Name at least one speaker from expert_arguments whose view you are building on "
            "(a surname such as Kolbe, Semenov or Modabber, or an institution such as ISW or "
            "INSS), so the argument is attributed."
        )
    reason = REASON_WORDS.search(text)
    if not reason:
        raise Wrong(
            "Say why: no word such as 'because', 'for example', 'according to' or 'evidence' "
            "was found, so the check cannot see a reason or evidence."
        )
    written = list(dict.fromkeys(named.values()))
    shown = ", ".join(written[:3]) + (" ..." if len(written) > 3 else "")
    return (
        f"Your text passes the mechanical checks: {len(words)} words, names {shown}, and gives "
        f"reasons ('{reason.group(0)}'). This check cannot judge quality: whether this is the "
        "strongest case, fair to the other side and accurate is for your teacher to mark "
        "(TEACHING.md has the marking guide)."
    )
