"""Catalogue entries for the argument tables: the article's claims, the experts' arguments, the
predictions scored against what happened, and the course's digest of the article.

The CSV files are hand-built from the sources each row names and from the source article. Every
row names its source and an http(s) URL. The source article (Izvestia, January 2025, English
translation) was not found online, neither in English nor in Russian: rows that rest on it point
to Izvestia's site, and article_digest summarises it paragraph by paragraph in our own words.
Descriptions are Markdown; counts they state are ``{placeholders}`` that ``facts`` computes from
the tables when the descriptor is written.
"""

from __future__ import annotations

from treatylab.catalog_facts import Rows

_URL_PATTERN = "https?://[^ ]+"

ARTICLE = {
    "title": "Izvestia (Russian daily), 'Seal the Deal', January 2025, English translation. "
    "Neither the Russian original nor the translation was found online; look for the original "
    "on Izvestia's site (mid-January 2025, with the names Ontikov and Glukhov). The course "
    "summarises it paragraph by paragraph in article_digest.",
    "path": "https://iz.ru",
}
ANALYSTS_SOURCE = {
    "title": "Analysts' views on the treaty: 32 sourced views compiled for the course "
    "(each row of expert_arguments.csv carries its own source URL)",
    "path": "https://www.thecipherbrief.com/column_article/"
    "expert-qa-understanding-the-new-russia-iran-strategic-partnership",
}
SIPRI_FACT_SHEET_2024 = {
    "title": "SIPRI Fact Sheet 'Trends in International Arms Transfers, 2023' (March 2024), "
    "copy on Scribd",
    "path": "https://www.scribd.com/document/715691223/fs-2403-at-2023",
}
TREATY_TEXT = {
    "title": "Treaty on Comprehensive Strategic Partnership between Russia and Iran, Croatian "
    "translation of the text (crnopile.com)",
    "path": "https://crnopile.com/ugovor-o-sveobuhvatnom-strateskom-partnerstvu-izmedu-ruske-"
    "federacije-i-islamske-republike-iran",
}
RUDENKO = {
    "title": "TASS (Russian state media): Russia-Iran treaty contains no military commitments "
    "(Deputy FM Rudenko to the State Duma), 8 Apr 2025",
    "path": "https://tass.com/politics/1940345",
}
ENTRY_INTO_FORCE = {
    "title": "Russia-Iran Comprehensive Strategic Partnership Treaty enters into force "
    "(ANI via India This Week, 2 Oct 2025)",
    "path": "https://indiathisweek.us/?p=89669",
}
SNAPBACK = {
    "title": "U.N. Security Council rejects last-ditch effort to delay Iran sanctions "
    "(Al Jazeera, Qatari state-funded, 26 Sep 2025)",
    "path": "https://www.aljazeera.com/news/2025/9/26/"
    "u-n-security-council-rejects-last-ditch-effort-to-delay-iran-sanctions",
}

_SOURCE_TITLE = {
    "name": "source_title",
    "type": "string",
    "description": "Title of the source the row rests on, with outlet and date where known; "
    "state media and reprints are labelled as such.",
    "constraints": {"required": True},
}
_SOURCE_URL = {
    "name": "source_url",
    "type": "string",
    "description": "URL of that source. Rows resting only on the source article point to "
    "https://iz.ru, Izvestia's site, because the article itself was not found online; "
    "article_digest gives its content paragraph by paragraph.",
    "constraints": {"required": True, "pattern": _URL_PATTERN},
}

TABLE_NAMES = (
    "timeline",
    "treaty_provisions",
    "sipri_russia_exports_by_recipient",
    "sipri_long_series",
    "sipri_fact_sheets",
    "trade_turnover",
    "expert_arguments",
)

TABLES: dict[str, dict] = {
    "article_claims": {
        "path": "article_claims.csv",
        "title": "The source article's statements, classified and checked",
        "description": "Every checkable or notable statement of the Izvestia article (January "
        "2025, English translation) on the Russia–Iran treaty, in our own words: its paragraph, "
        "who makes it, whether it is a fact stated by the article, an attribution (the article "
        "reports what someone else said or reported), an opinion or a prediction, and a verdict "
        "(supported, not supported, partly supported, unverifiable, pending) with the evidence "
        "and the course table or source it rests on. Opinions are 'unverifiable'; predictions "
        "are 'pending' here and scored in `predictions`. Paragraphs count the non-empty lines "
        "of the article from its title (1). C01–C41 follow the article; C42 (paragraph 28, the "
        "reports of separatism) was split off C36 (the Baku–Tehran exchange) when the exchange "
        "was confirmed and the reports were not.\n\n"
        "**Where to read the article.** Izvestia is a Russian daily (<https://iz.ru>); the "
        "piece appeared in January 2025, a few days before the signing. Neither the Russian "
        "original nor the English translation the course worked from was found online "
        "(searches in English and Russian by title, key sentences and the experts' names), and "
        "the translation cannot be redistributed. Look for the original on Izvestia's site for "
        "mid-January 2025 with the names Онтиков (Ontikov) and Глухов (Glukhov). What the "
        "course gives instead is `article_digest`, the article paragraph by paragraph in our "
        "words.",
        "licence": "CC-BY-4.0",
        "sources": [ARTICLE, SIPRI_FACT_SHEET_2024, TREATY_TEXT, RUDENKO],
        "primary_key": ["claim_id"],
        "fields": [
            {
                "name": "claim_id",
                "type": "string",
                "description": "Identifier. C01–C41 follow the order of the article; C42 (paragraph 28) was split off C36 later and takes the next free id.",
                "constraints": {"required": True, "unique": True, "pattern": "^C[0-9]{2}$"},
            },
            {
                "name": "paragraph",
                "type": "integer",
                "description": "Paragraph of the article (non-empty lines counted from the "
                "title as 1).",
                "constraints": {"required": True, "minimum": 1, "maximum": 35},
            },
            {
                "name": "claim",
                "type": "string",
                "description": "The statement, paraphrased in our words (short quoted phrases "
                "only, in quotation marks).",
                "constraints": {"required": True},
            },
            {
                "name": "made_by",
                "type": "string",
                "description": "Who makes the statement: the article itself, an official, a "
                "cited outlet (state media labelled) or an expert, as the article names them.",
                "constraints": {"required": True},
            },
            {
                "name": "made_by_type",
                "type": "string",
                "description": "Kind of speaker.",
                "constraints": {
                    "required": True,
                    "enum": ["article", "official", "cited outlet", "expert"],
                },
            },
            {
                "name": "kind",
                "type": "string",
                "description": "fact = stated in the article's own voice; attribution = the "
                "article reports what someone else said or reported; opinion = a judgement; "
                "prediction = a statement about the future.",
                "constraints": {
                    "required": True,
                    "enum": ["fact", "attribution", "opinion", "prediction"],
                },
            },
            {
                "name": "checkable",
                "type": "boolean",
                "description": "True if the statement could in principle be checked against "
                "evidence (judgements are not).",
                "constraints": {"required": True},
            },
            {
                "name": "verdict",
                "type": "string",
                "description": "Our verdict on the evidence in the course's reference material. "
                "Opinions are 'unverifiable'; predictions are 'pending' (scored in "
                "predictions.csv).",
                "constraints": {
                    "required": True,
                    "enum": [
                        "supported",
                        "not supported",
                        "partly supported",
                        "unverifiable",
                        "pending",
                    ],
                },
            },
            {
                "name": "evidence",
                "type": "string",
                "description": "The evidence in our words, naming where it rests: a course table "
                "and row, or the original source by outlet, date and (where it is not the row's "
                "source) URL; for unverifiable statements, what was searched and not found.",
                "constraints": {"required": True},
            },
            {
                "name": "evidence_table",
                "type": "string",
                "description": "The course data table the evidence rests on; empty when none.",
                "constraints": {"enum": list(TABLE_NAMES)},
            },
            _SOURCE_TITLE,
            _SOURCE_URL,
        ],
    },
    "expert_arguments": {
        "path": "expert_arguments.csv",
        "title": "Experts' and officials' arguments about the treaty's significance",
        "description": "Arguments about the treaty's significance, all in our own words: the "
        "article's two experts taken apart argument by argument (claim, reason, evidence, "
        "prediction); one claim row for each view of the course's analyst list (an analyst who "
        "wrote twice has two), "
        "across Western, Russian, Iranian, Israeli, Gulf, Turkish, Caucasus and Indian "
        "perspectives, plus a prediction row where they made one; further analysts found in the "
        "first research pass; and the officials quoted in the article (Jalali, Peskov). The "
        "roles of the article's experts, Andrei Ontikov and Ivan Glukhov, are recorded only as "
        "the article gives them: they could not be confirmed anywhere else (`role_status`). "
        "Several analyses were read in reprints; `source_title` says so.",
        "licence": "CC-BY-4.0",
        "sources": [ARTICLE, ANALYSTS_SOURCE],
        "primary_key": ["argument_id"],
        "fields": [
            {
                "name": "argument_id",
                "type": "string",
                "description": "Identifier, A01, A02, ...",
                "constraints": {"required": True, "unique": True, "pattern": "^A[0-9]{2}$"},
            },
            {
                "name": "speaker",
                "type": "string",
                "description": "Person or institution holding the view, as the source names "
                "them ('not shown' where the source gives no author).",
                "constraints": {"required": True},
            },
            {
                "name": "role",
                "type": "string",
                "description": "Role and affiliation as the source gives them.",
                "constraints": {"required": True},
            },
            {
                "name": "role_status",
                "type": "string",
                "description": "Whether the role is confirmed: 'sourced' (a source in the "
                "reference gives it), 'as given in the article; not confirmed elsewhere', or "
                "'not shown in source'.",
                "constraints": {
                    "required": True,
                    "enum": [
                        "sourced",
                        "as given in the article; not confirmed elsewhere",
                        "not shown in source",
                    ],
                },
            },
            {
                "name": "perspective",
                "type": "string",
                "description": "Broad perspective of the speaker, for balancing views.",
                "constraints": {
                    "required": True,
                    "enum": [
                        "Russian",
                        "Iranian",
                        "Western",
                        "Israeli",
                        "Gulf",
                        "Turkish",
                        "Caucasus",
                        "Indian",
                        "Other",
                    ],
                },
            },
            {
                "name": "perspective_detail",
                "type": "string",
                "description": "Finer description of the perspective (the analyst list's own "
                "wording where the row comes from it; 'classification ours' where we assigned "
                "it).",
                "constraints": {"required": True},
            },
            {
                "name": "date_text",
                "type": "string",
                "description": "When the view was published, as text: YYYY-MM-DD, YYYY-MM or "
                "YYYY at the precision the source allows.",
                "constraints": {"required": True, "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
            },
            {
                "name": "timing",
                "type": "string",
                "description": "Timing relative to the treaty: before signing (before 17 Jan "
                "2025), at signing (17–31 Jan 2025), after signing (Feb to 12 Jun 2025), after "
                "June 2025 war (from 13 Jun 2025).",
                "constraints": {
                    "required": True,
                    "enum": [
                        "before signing",
                        "at signing",
                        "after signing",
                        "after June 2025 war",
                    ],
                },
            },
            {
                "name": "in_article",
                "type": "boolean",
                "description": "True if the view appears in the source article.",
                "constraints": {"required": True},
            },
            {
                "name": "argument",
                "type": "string",
                "description": "The argument in our words.",
                "constraints": {"required": True},
            },
            {
                "name": "kind",
                "type": "string",
                "description": "Role of the statement in the speaker's argument.",
                "constraints": {
                    "required": True,
                    "enum": ["claim", "reason", "evidence", "prediction"],
                },
            },
            {
                "name": "stance",
                "type": "string",
                "description": "The speaker's view of the treaty's significance overall (the "
                "same on every row of one speaker's piece).",
                "constraints": {"required": True, "enum": ["significant", "limited", "mixed"]},
            },
            _SOURCE_TITLE,
            _SOURCE_URL,
            {
                "name": "source_note",
                "type": "string",
                "description": "Notes on the source in our words: reprints, state media, "
                "missing authors or dates, or that the article was not found online.",
            },
        ],
    },
    "predictions": {
        "path": "predictions.csv",
        "title": "Predictions about the treaty scored against what happened",
        "description": "Checkable predictions made in the source article and by analysts, with "
        "what happened (dated, in our words, with its source) and a verdict: borne out, not "
        "borne out, too early or untestable. 'too early' means the outcome is not yet known from "
        "the sources read; 'untestable' means the prediction is worded so that no outcome could "
        "settle it. Some verdicts are judgement calls, and lesson 05 says so.",
        "licence": "CC-BY-4.0",
        "sources": [ARTICLE, ANALYSTS_SOURCE, ENTRY_INTO_FORCE, SNAPBACK],
        "primary_key": ["prediction_id"],
        "fields": [
            {
                "name": "prediction_id",
                "type": "string",
                "description": "Identifier, F01, F02, ...",
                "constraints": {"required": True, "unique": True, "pattern": "^F[0-9]{2}$"},
            },
            {
                "name": "made_by",
                "type": "string",
                "description": "Who made the prediction.",
                "constraints": {"required": True},
            },
            {
                "name": "source_kind",
                "type": "string",
                "description": "Whether the prediction comes from the source article or from an "
                "analyst elsewhere.",
                "constraints": {"required": True, "enum": ["article", "analyst"]},
            },
            {
                "name": "date_made",
                "type": "string",
                "description": "When it was made, as text (YYYY-MM-DD, YYYY-MM or YYYY).",
                "constraints": {"required": True, "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
            },
            {
                "name": "prediction",
                "type": "string",
                "description": "The prediction in our words.",
                "constraints": {"required": True},
            },
            {
                "name": "outcome",
                "type": "string",
                "description": "What happened, with dates, in our words, and why the verdict "
                "was chosen.",
                "constraints": {"required": True},
            },
            {
                "name": "verdict",
                "type": "string",
                "description": "Our verdict on the prediction.",
                "constraints": {
                    "required": True,
                    "enum": ["borne out", "not borne out", "too early", "untestable"],
                },
            },
            {
                "name": "outcome_event_id",
                "type": "string",
                "description": "event_id of the timeline event that settles or best illustrates the "
                "outcome; blank where no single event does.",
            },
            {
                "name": "outcome_source_title",
                "type": "string",
                "description": "Title of the source for the outcome.",
                "constraints": {"required": True},
            },
            {
                "name": "outcome_source_url",
                "type": "string",
                "description": "URL of the source for the outcome.",
                "constraints": {"required": True, "pattern": _URL_PATTERN},
            },
            _SOURCE_TITLE,
            _SOURCE_URL,
        ],
    },
}
TABLES["article_digest"] = {
    "path": "article_digest.csv",
    "title": "The source article paragraph by paragraph: a digest in the course's words",
    "description": "What each paragraph of the Izvestia article 'Seal the Deal' (January 2025, "
    "English translation) says, in our own words: {digest_paragraphs} paragraphs, keyed to the "
    "claim ids of `article_claims` drawn from each (`claim_ids`). The article cannot be "
    "redistributed and was not found online, so this digest is what a learner can read; the "
    "original may be looked for on Izvestia's site (<https://iz.ru>). Paragraphs count the "
    "non-empty lines of the translation from its headline (1), headings included, as in "
    '`article_claims`. Only the short phrases the lessons study ("outdated", "third largest '
    'importer", "may face problems" …) are quoted, exactly as the translation has them, at '
    "most seven words each, and listed in `studied_phrases` (separated by ` | `); everything "
    "else is paraphrase. `python ../shared/tools/copy_check.py .` finds no passage of eight "
    "words or more repeated from the article.",
    "licence": "CC-BY-4.0",
    "sources": [ARTICLE],
    "primary_key": ["paragraph"],
    "fields": [
        {
            "name": "paragraph",
            "type": "integer",
            "description": "Paragraph of the article (non-empty lines counted from the headline "
            "as 1), the same numbering as article_claims.paragraph.",
            "constraints": {"required": True, "unique": True, "minimum": 1, "maximum": 35},
        },
        {
            "name": "claim_ids",
            "type": "string",
            "description": "The article_claims rows drawn from this paragraph, separated by '; ' "
            "(a claim spanning two paragraphs is listed in both); blank for headings.",
            "constraints": {"pattern": "^C[0-9]{2}(; C[0-9]{2})*$"},
        },
        {
            "name": "digest",
            "type": "string",
            "description": "What the paragraph says, in our words. Phrases in double quotation "
            "marks are the article's own words and are listed in studied_phrases.",
            "constraints": {"required": True},
        },
        {
            "name": "studied_phrases",
            "type": "string",
            "description": "The short phrases of this paragraph that the lessons study, quoted "
            "exactly from the English translation (at most seven words each), separated by "
            "' | '; blank where none is studied.",
        },
        _SOURCE_TITLE,
        _SOURCE_URL,
    ],
}


def facts(rows: Rows) -> dict[str, str]:
    """The counts the descriptions above state, from the tables' rows (as the CSV has them)."""
    return {"digest_paragraphs": str(len(rows("article_digest")))}
