"""Descriptors of the four sourced fact tables in data/ (timeline, treaty provisions, trade, SIPRI fact sheets).

``treatylab.catalog`` merges ``TABLES`` with the other descriptors, and
``treatylab.datapackage`` writes them to data/datapackage.json and to the section "The tables"
of data/README.md. Descriptions are Markdown. Field types are Frictionless Table Schema types;
blank cells are missing values. Counts a description states are ``{placeholders}`` that
``facts`` computes from the tables when the descriptor is written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

# The rows of a table of data/ by its name, as the CSV has them (every value a string).
Rows = Callable[[str], Sequence[Mapping[str, str]]]

CATEGORIES = [
    "treaty",
    "ratification",
    "nuclear",
    "military-technical",
    "sanctions",
    "trade and transport",
    "war",
    "diplomacy",
    "domestic politics",
]
SOURCE_TYPES = [
    "official",
    "state media",
    "state-funded media",
    "government-aligned media",
    "independent media",
    "think tank",
    "data",
    "aggregator",
]
STATUSES = ["confirmed-two-sources", "confirmed-one-source", "contradicted"]
TREATIES = ["2025 Russia–Iran", "2001 Russia–Iran", "2024 Russia–DPRK"]
THEMES = [
    "principles",
    "security and defence",
    "regional and multilateral",
    "sanctions and finance",
    "energy and nuclear",
    "transport and trade",
    "law, crime and migration",
    "culture, science and society",
    "final provisions",
]
ARTICLES = ["1", "2", "3(1)", "3(2)", "3(3)", "3(4)", "4", "5(4)", "14", "21"]
TRADE_UNITS = ["USD bn", "% change"]
TRADE_BASES = [
    "Russian customs (FCS)",
    "Eurasian Economic Commission",
    "official statement",
    "computed from Eurasian Economic Commission data",
]
MARCH_2026 = "SIPRI Fact Sheet, March 2026 (data 2021–25)"
FACT_SHEETS = [
    "SIPRI Fact Sheet, March 2020 (data 2015–19)",
    "SIPRI Fact Sheet, March 2023 (data 2018–22)",
    "SIPRI Fact Sheet, March 2024 (data 2019–23)",
    "SIPRI Fact Sheet, March 2025 (data 2020–24)",
    MARCH_2026,
]
SIPRI_INDICATORS = [
    "share of global arms exports",
    "change in arms exports vs previous period",
    "share of subject's arms exports",
    "share of global arms imports",
    "change in arms imports vs previous period",
    "share of subject's arms imports",
    "number of recipient states",
    "rank among exporters",
]

_REQ = {"required": True}
_URL = {"required": True, "pattern": "https?://.+"}
_URL_OPT = {"pattern": "https?://.+"}

TABLES: dict[str, dict] = {
    "timeline": {
        "path": "timeline.csv",
        "title": "Timeline of Russia–Iran relations, {timeline_years}",
        "description": (
            "{timeline_events} dated events of Russia–Iran relations, {timeline_years}, in our "
            "words: from the Bushehr contract (1995) through the entry into force of the Treaty on "
            "Comprehensive Strategic Partnership (2 October 2025) to the US and Israeli strikes on "
            "Iran of 28 February 2026. Each has a first source and, for {timeline_two_sources} of "
            "them, a second independent one, all read by the course team (`status`): "
            "{timeline_one_source} rest on one source or one origin, and {timeline_contradicted} "
            "carry dates corrected after a first check (status 'contradicted'). The last two are "
            "the 2026–2028 consultation plan the foreign ministers signed on 17 December 2025 "
            "(`E63`) and the US and Israeli strikes on Iran that began on 28 February 2026 "
            "(`E64`). Event and caveat texts are our own summaries. Month-precision events are "
            "dated to the first day of the month and flagged in `date_precision`. Context rows "
            "(Russia–DPRK treaty, Taliban recognition) are there for comparison.\n\n"
            "`source_type` (and `second_source_type`) says what kind of outlet a source comes "
            "from. Several sources are state media, state-funded or government-aligned media, or "
            "reprint sites: use them for dates and official statements, not for judgements.\n\n"
            "| value | meaning | examples in the table |\n"
            "|---|---|---|\n"
            "| `state media` | run by a state | TASS, RIA/Sputnik, RT, IRNA, Mehr, Tehran Times, "
            "Nour News |\n"
            "| `state-funded media` | funded by a government, not classed as state media by the "
            "sources | Al Jazeera (Qatari state-funded); RFE/RL and its services "
            "(US-government-funded) |\n"
            "| `government-aligned media` | not run by a state, but aligned with its government | "
            "Trend, Caliber.az, Azernews (Azerbaijan) |\n"
            "| `independent media` | commercial or public-service outlets and wire services of "
            "none of the kinds above | AP, Reuters, AFP, Iran International (London-based, "
            "critical of Tehran) |\n"
            "| `official` | governments, parliaments, the UN and their own documents | UN records, "
            "Eurasian Economic Commission |\n"
            "| `think tank` | research institutes and journals | Valdai Club (Kremlin-linked), "
            "UNIDIR, MEMRI |\n"
            "| `aggregator` | reprint and blog sites | Devdiscourse-type pages, blogspot reposts "
            "|\n\n"
            "`caveat` records where outlets disagree or a source is weak: the Majlis vote count; "
            "an ambassador's claim in July 2025 that the treaty was already in force, against the "
            "official date of 2 October 2025; when the treaty text was finished (`E28`: Rudenko's "
            "21 June against Lavrov's 11 June); what the attackers said they were aiming at "
            "(`E50`, `E51`, `E64`), beside Russia's reaction in the event text; and rows with no "
            "independent source (`E02`, `E49`)."
        ),
        "licence": "CC-BY-4.0",
        "sources": [
            {
                "title": "Russia signs deal with Iranian president to bolster arms sales (AP via Deseret News, 12 Mar 2001)",
                "path": "https://www.deseret.com/2001/3/12/19574656/russia-signs-deal-with-iranian-president-to-bolster-arms-sales",
            },
            {
                "title": "Russia, Iran sign treaty to deepen defence, trade ties amid sanctions (AP via The Tribune, India)",
                "path": "https://www.tribuneindia.com/news/world/russia-iran-sign-treaty-to-deepen-defence-trade-ties-amid-sanctions",
            },
            {
                "title": "Russian parliament approves Iran partnership treaty (AFP via Punch, 8 Apr 2025)",
                "path": "https://punchng.com/russian-parliament-approves-iran-partnership-treaty/",
            },
            {
                "title": "Iran parliament approves strategic pact with Russia (Reuters via Dunya News, 21 May 2025)",
                "path": "https://dunyanews.tv/en/World/885262-iran-parliament-approves-strategic-pact-with-russia",
            },
            {
                "title": "Russia-Iran Comprehensive Strategic Partnership Treaty enters into force (ANI via India This Week, 2 Oct 2025)",
                "path": "https://indiathisweek.us/?p=89669",
            },
            {
                "title": "U.N. Security Council rejects last-ditch effort to delay Iran sanctions (Al Jazeera, Qatari state-funded, 26 Sep 2025)",
                "path": "https://www.aljazeera.com/news/2025/9/26/u-n-security-council-rejects-last-ditch-effort-to-delay-iran-sanctions",
            },
        ],
        "primary_key": ["event_id"],
        "fields": [
            {
                "name": "event_id",
                "type": "string",
                "description": "Identifier E01–{timeline_last_id}, in date order.",
                "constraints": {"required": True, "unique": True, "pattern": "E[0-9]{2}"},
            },
            {
                "name": "date",
                "type": "date",
                "description": "Date of the event (ISO). For month-precision events, the first day of the month.",
                "constraints": _REQ,
            },
            {
                "name": "date_precision",
                "type": "string",
                "description": "'day' if the day is sourced, 'month' if only the month is.",
                "constraints": {"required": True, "enum": ["day", "month"]},
            },
            {
                "name": "event",
                "type": "string",
                "description": "What happened, in one or two sentences (our own words).",
                "constraints": _REQ,
            },
            {
                "name": "category",
                "type": "string",
                "description": "Broad category for filtering and colouring; one of a fixed set.",
                "constraints": {"required": True, "enum": CATEGORIES},
            },
            {
                "name": "topic",
                "type": "string",
                "description": "The finer category string of the reference compilation (e.g. 'sanctions/UN', 'transport/INSTC', 'comparison treaty').",
                "constraints": _REQ,
            },
            {
                "name": "actors",
                "type": "string",
                "description": "States, bodies and people involved, separated by semicolons.",
            },
            {
                "name": "source_title",
                "type": "string",
                "description": "Title of the first source, with outlet and date; reprints are shown as 'X via Y'.",
                "constraints": _REQ,
            },
            {
                "name": "source_url",
                "type": "string",
                "format": "uri",
                "description": "URL of the first source.",
                "constraints": _URL,
            },
            {
                "name": "source_type",
                "type": "string",
                "description": "Kind of outlet the first source originates from; the table's "
                "description explains the values (state media, state-funded media, "
                "government-aligned media, independent media, official, think tank, aggregator).",
                "constraints": {"required": True, "enum": SOURCE_TYPES},
            },
            {
                "name": "second_source_title",
                "type": "string",
                "description": "Title of the second, independent source; blank where there is none.",
            },
            {
                "name": "second_source_url",
                "type": "string",
                "format": "uri",
                "description": "URL of the second source; blank where there is none.",
                "constraints": _URL_OPT,
            },
            {
                "name": "second_source_type",
                "type": "string",
                "description": "Kind of outlet of the second source (same vocabulary as source_type); blank where there is none.",
                "constraints": {"enum": SOURCE_TYPES},
            },
            {
                "name": "status",
                "type": "string",
                "description": "How well the date is sourced: 'confirmed-two-sources' (two independent sources), "
                "'confirmed-one-source' (one source, or reprints of one origin), 'contradicted' "
                "(a first check had a different date; the row carries the corrected date, supported by two sources).",
                "constraints": {"required": True, "enum": STATUSES},
            },
            {
                "name": "caveat",
                "type": "string",
                "description": "Short warning in our words: conflicting figures or dates between outlets, single origin, disputed claims. Blank if none.",
            },
        ],
    },
    "treaty_provisions": {
        "path": "treaty_provisions.csv",
        "title": "Provisions of the 2025 Russia–Iran treaty, with the 2001 treaty and the 2024 Russia–DPRK treaty for comparison",
        "description": (
            "One row per provision, summarised in our own words and grouped by theme: the "
            "provisions of the 2025 treaty, with the 2001 treaty's key terms and Article 4 of the "
            "2024 Russia–North Korea (DPRK) treaty for comparison. Article numbers are given only "
            "where sources confirm them: Arts. 1, 2, 3(1)–3(4), 4, 5(4) and 14 of the 2025 treaty, "
            "Art. 21 (term) of the 2001 treaty and Art. 4 of the Russia–DPRK treaty. Every other "
            "provision is confirmed to exist but its article number is not known (`article` blank, "
            "`article_status` 'not confirmed'); numbers suggested elsewhere could not be checked "
            "and are left out. The preamble "
            "row has no article number but its place in the text is confirmed. Only the openings of "
            "full-text copies could be read, so the list of provisions is not exhaustive. The 2025 "
            "treaty has no mutual-defence clause: Art. 3(3) only bars help to an aggressor."
        ),
        "licence": "CC-BY-4.0",
        "sources": [
            {
                "title": "Croatian translation of the 2025 treaty text (crnopile.com)",
                "path": "https://crnopile.com/ugovor-o-sveobuhvatnom-strateskom-partnerstvu-izmedu-ruske-federacije-i-islamske-republike-iran",
            },
            {
                "title": "Russia-Iran treaty contains no military commitments, Rudenko tells the Duma (TASS, state media, 8 Apr 2025)",
                "path": "https://tass.com/politics/1940345",
            },
            {
                "title": "10 questions and answers about the Iran-Russia strategic partnership treaty (Tehran Times via Tehran Digest)",
                "path": "https://tehrandigest.com/10-questions-and-answers-about-the-iran-russia-strategic-partnership-treaty",
            },
            {
                "title": "Key provisions of Russia-Iran strategic cooperation treaty (Reuters via LBC, 17 Jan 2025)",
                "path": "https://www.lbcgroup.tv/news/world-news/831669/key-provisions-of-russia-iran-strategic-cooperation-treaty/en",
            },
            {
                "title": "2001 treaty text, Article 21 (lawmix.ru)",
                "path": "https://www.lawmix.ru/abro/3956/23001",
            },
            {
                "title": "AP report on the Russia–DPRK treaty (reprint, broadcastunited.com)",
                "path": "https://broadcastunited.com/?p=24064",
            },
        ],
        "primary_key": ["provision_id"],
        "fields": [
            {
                "name": "provision_id",
                "type": "string",
                "description": "Identifier P01, P02, ...",
                "constraints": {"required": True, "unique": True, "pattern": "P[0-9]{2}"},
            },
            {
                "name": "treaty",
                "type": "string",
                "description": "Which treaty the provision belongs to.",
                "constraints": {"required": True, "enum": TREATIES},
            },
            {
                "name": "provision",
                "type": "string",
                "description": "Short name of the provision.",
                "constraints": _REQ,
            },
            {
                "name": "theme",
                "type": "string",
                "description": "Thematic group, one of a fixed set.",
                "constraints": {"required": True, "enum": THEMES},
            },
            {
                "name": "article",
                "type": "string",
                "description": "Article (and clause in brackets) where sources confirm the number, e.g. '3(3)'; blank otherwise.",
                "constraints": {"enum": ARTICLES},
            },
            {
                "name": "article_status",
                "type": "string",
                "description": "'confirmed' if sources give the provision's place in the text (its article number, or the preamble); "
                "'not confirmed' if the provision is sourced but its article number is not.",
                "constraints": {"required": True, "enum": ["confirmed", "not confirmed"]},
            },
            {
                "name": "summary",
                "type": "string",
                "description": "What the provision says, in our own words.",
                "constraints": _REQ,
            },
            {
                "name": "source_title",
                "type": "string",
                "description": "Title of the main source, with outlet; state media are named as such.",
                "constraints": _REQ,
            },
            {
                "name": "source_url",
                "type": "string",
                "format": "uri",
                "description": "URL of the main source.",
                "constraints": _URL,
            },
            {
                "name": "second_source_title",
                "type": "string",
                "description": "Title of a second source for the same provision; blank where there is none.",
            },
            {
                "name": "second_source_url",
                "type": "string",
                "format": "uri",
                "description": "URL of the second source; blank where there is none.",
                "constraints": _URL_OPT,
            },
        ],
    },
    "trade_turnover": {
        "path": "trade_turnover.csv",
        "title": "Russia–Iran goods trade turnover, {trade_years}, as stated by officials and statistics bodies",
        "description": (
            "Russia–Iran bilateral *goods* trade (not arms; not SIPRI TIV), in US dollars or as "
            "percentage growth, as stated by officials and statistics bodies. The figures come from "
            "different bases (Russian customs, the Eurasian Economic Commission, officials' "
            "statements) reported in news, and they do not always agree: 2019 is 'about 2 bn' in "
            "one statement but about 1.59 bn when computed from EEC data; 2022 is 4.6 bn or 'about "
            "5 bn'. Russia stopped publishing detailed trade statistics in 2022. Full-year values "
            "for 2023 and 2024 were not found: 2024 has a figure for January–September and "
            "growth rates. Computed "
            "values are marked in `basis`."
        ),
        "licence": "CC-BY-4.0",
        "sources": [
            {
                "title": "[Russia–Iran trade in 2020] (b24.am, relaying TASS and Eurasian Economic Commission data)",
                "path": "https://b24.am/284824.html",
            },
            {
                "title": "[Russia–Iran trade in 2021] (Vasti Press, relaying RIA Novosti)",
                "path": "https://vastipress.ir/ru/news/2190",
            },
            {
                "title": "[Russia–Iran turnover hit record highs in 2022] (UrduPoint, relaying Sputnik)",
                "path": "https://www.urdupoint.com/en/business/russia-iran-turnover-hit-record-highs-in-2022-1639715.html",
            },
            {
                "title": "[Overchuk on Russia–Iran trade in January–September 2024] (TASS)",
                "path": "https://tass.com/economy/1905751",
            },
            {
                "title": "[Putin on Russia–Iran trade in 2024] (Lenta.ru)",
                "path": "https://lenta.ru/news/2025/12/12/putin-otsenil-torgovlyu-s-iranom/",
            },
        ],
        "primary_key": ["row_id"],
        "fields": [
            {
                "name": "row_id",
                "type": "string",
                "description": "Identifier T01, T02, ...",
                "constraints": {"required": True, "unique": True, "pattern": "T[0-9]{2}"},
            },
            {
                "name": "year",
                "type": "integer",
                "description": "Calendar year the figure refers to.",
                "constraints": {"required": True, "minimum": 2019, "maximum": 2025},
            },
            {
                "name": "period",
                "type": "string",
                "description": "Period covered: a year ('2021') or part of one ('2024 Jan–Sep', '2024 Q1').",
                "constraints": _REQ,
            },
            {
                "name": "value",
                "type": "number",
                "description": "The figure, in the unit given; for rounded or bounded statements ('about', 'over') the stated number (see caveat).",
                "constraints": _REQ,
            },
            {
                "name": "unit",
                "type": "string",
                "description": "'USD bn' for turnover in billions of US dollars; '% change' for growth on the same period of the previous year.",
                "constraints": {"required": True, "enum": TRADE_UNITS},
            },
            {
                "name": "basis",
                "type": "string",
                "description": "Statistical basis of the figure; 'computed from ...' marks values we derived ourselves.",
                "constraints": {"required": True, "enum": TRADE_BASES},
            },
            {
                "name": "stated_by",
                "type": "string",
                "description": "Who gave the figure (person, role or body).",
                "constraints": _REQ,
            },
            {
                "name": "source_title",
                "type": "string",
                "description": "Title of the source (headline in square brackets where it was not shown), outlet, relay and date.",
                "constraints": _REQ,
            },
            {
                "name": "source_url",
                "type": "string",
                "format": "uri",
                "description": "URL of the source.",
                "constraints": _URL,
            },
            {
                "name": "source_type",
                "type": "string",
                "description": "Kind of outlet the report originates from, in the vocabulary of timeline.source_type (a relay of TASS, RIA or Sputnik counts as state media); 'not classified' where the course's sources do not say what kind of outlet it is.",
                "constraints": {"required": True, "enum": [*SOURCE_TYPES, "not classified"]},
            },
            {
                "name": "caveat",
                "type": "string",
                "description": "Short warning in our words: rounding, partial periods, conflicts with other figures.",
            },
        ],
    },
    "sipri_fact_sheets": {
        "path": "sipri_fact_sheets.csv",
        "title": "Figures published in SIPRI's arms-transfer fact sheets, 2015–19 to 2021–25",
        "description": (
            "Five-year figures SIPRI *published* in its annual 'Trends in International Arms "
            "Transfers' fact sheets (March 2020, 2023, 2024, 2025, 2026: periods 2015–19, 2018–22, "
            "2019–23, 2020–24, 2021–25) for Russia, Iran and the main exporters and importers: "
            "shares of global exports and imports, change against the previous five-year period, "
            "main recipients, ranks. Typed by hand from the sources named in each row; each row "
            "names the fact sheet and the copy that was read. Only values SIPRI published are "
            "included (`grade` P: SIPRI's own text or table copy; grade N: news citing SIPRI); "
            "values computed from SIPRI data are in the pipeline tables, not here. SIPRI measures "
            "the volume of major arms with its trend-indicator value (TIV), which is not money, and "
            "revises past data every year.\n\n"
            "- **The March 2026 release** (data 2021–25, published 9 March 2026; rows "
            "{fact_sheets_2026_rows}) is known only from news reports (grade N: Meduza, Holod, "
            "Dagens, AFP via The Korea Herald, Deccan Chronicle, Millennium Post); SIPRI's own "
            "fact sheet was not read. Russia is third among exporters with 6.8 % of the world "
            "total, its exports 64 % lower than in 2016–20; India takes 48 % of Russia's "
            "deliveries, China and Belarus 13 % each. Iran is not among Russia's top three "
            "recipients in 2021–25, as in 2020–24 (India, China, Kazakhstan).\n"
            "- **Later releases restate earlier periods.** The 2015–19 shares restated in 2025 "
            "differ from those of the 2020 fact sheet: the 2025 release gives the US 35 % and "
            "France 8.6 % of exports in 2015–19, where the 2020 fact sheet gave 36 % and 7.9 % "
            "(Russia: 21 % in both). The 2026 reports restate 2016–20 (US 36 %, Russia 21 %; rows "
            "{fact_sheets_2016_20_rows}), a period the course quotes nowhere else. Russia's −64 % "
            "appears in both the 2025 and the 2026 release, but compares different periods "
            "(2020–24 with 2015–19; 2021–25 with 2016–20)."
        ),
        "licence": "CC-BY-4.0",
        "sources": [
            {
                "title": "SIPRI Fact Sheet, Trends in International Arms Transfers 2019 (March 2020), Table 1 (copy on Scribd)",
                "path": "https://www.scribd.com/document/451241107/SIPRI-Trends-in-International-Arms-Transfer-2019",
            },
            {
                "title": "SIPRI Fact Sheet, Trends in International Arms Transfers 2023 (March 2024), Table 1 (copy on Scribd)",
                "path": "https://www.scribd.com/document/715691223/fs-2403-at-2023",
            },
            {
                "title": "SIPRI press release on Trends in International Arms Transfers 2024 (March 2025, reproduced on old.infosec.pub)",
                "path": "https://old.infosec.pub/post/28818841",
            },
            {
                "title": "[SIPRI: Russia the only major supplier whose exports fell over the past five years] "
                "(Meduza, 9 Mar 2026; report of SIPRI's March 2026 release)",
                "path": "https://meduza.io/news/2026/03/09/sipri-rossiya-edinstvennaya-iz-krupneyshih-stran-"
                "postavschikov-oruzhiya-chey-eksport-za-poslednie-pyat-let-sokratilsya",
            },
            {
                "title": "[Russian arms exports collapsed] (Holod, 9 Mar 2026; report of SIPRI's March 2026 release)",
                "path": "https://holod.media/2026/03/09/eksport-rossijskogo-oruzhiya-ruhnul/",
            },
            {
                "title": "[Global arms flows up almost 10 percent, Europe imports triple] (AFP via The Korea Herald, 9 Mar 2026)",
                "path": "https://www.koreaherald.com/article/10689988",
            },
            {
                "title": "Putin's weapons empire still world's third biggest – ahead of UK and China "
                "(Dagens, 9 Mar 2026; report of SIPRI's March 2026 release)",
                "path": "https://www.dagens.com/world/putins-weapons-empire-still-worlds-third-biggest-ahead-of-uk-and-china",
            },
            {
                "title": "[Imports of security, exports of unease] (Deccan Chronicle, 10 Mar 2026; "
                "report of SIPRI's March 2026 release)",
                "path": "https://www.deccanchronicle.com/business/imports-of-security-exports-of-unease-1942709",
            },
            {
                "title": "[India No. 2 in global arms imports] (Millennium Post, 11 Mar 2026; report "
                "of SIPRI's March 2026 release)",
                "path": "https://www.millenniumpost.in/big-stories/india-no-2-in-global-arms-imports-651237",
            },
            {
                "title": "Share of global exports of major conventional weapons (Statista chart 31526, March 2023)",
                "path": "https://statista.com/chart/31526/share-of-global-exports-of-major-conventional-weapons-systems-and-components",
            },
            {
                "title": "SIPRI Arms Transfers Database",
                "path": "https://www.sipri.org/databases/armstransfers",
            },
        ],
        "primary_key": ["row_id"],
        "fields": [
            {
                "name": "row_id",
                "type": "string",
                "description": "Identifier S001, S002, ...",
                "constraints": {"required": True, "unique": True, "pattern": "S[0-9]{3}"},
            },
            {
                "name": "fact_sheet",
                "type": "string",
                "description": "The SIPRI fact sheet the figure belongs to.",
                "constraints": {"required": True, "enum": FACT_SHEETS},
            },
            {
                "name": "published",
                "type": "string",
                "description": "Month the fact sheet was published (YYYY-MM).",
                "constraints": {"required": True, "pattern": "[0-9]{4}-[0-9]{2}"},
            },
            {
                "name": "period",
                "type": "string",
                "description": "Five-year period the figure covers, e.g. '2019–23' (en dash).",
                "constraints": {
                    "required": True,
                    "enum": ["2015–19", "2016–20", "2018–22", "2019–23", "2020–24", "2021–25"],
                },
            },
            {
                "name": "subject",
                "type": "string",
                "description": "Country the figure is about (exporter or importer).",
                "constraints": _REQ,
            },
            {
                "name": "indicator",
                "type": "string",
                "description": "What is measured. Changes compare with the previous non-overlapping five-year period "
                "(2010–14 for 2015–19, 2014–18 for 2019–23, 2015–19 for 2020–24, 2016–20 for 2021–25). "
                "'share of subject's arms exports' gives a recipient's share (counterpart = recipient); "
                "'share of subject's arms imports' gives a supplier's share (counterpart = supplier).",
                "constraints": {"required": True, "enum": SIPRI_INDICATORS},
            },
            {
                "name": "counterpart",
                "type": "string",
                "description": "'World' for shares of the global total; the recipient or supplier for bilateral shares; blank otherwise.",
            },
            {
                "name": "value",
                "type": "number",
                "description": "The published figure.",
                "constraints": _REQ,
            },
            {
                "name": "unit",
                "type": "string",
                "description": "'%' for shares and changes, 'states' for counts, 'rank' for ranks.",
                "constraints": {"required": True, "enum": ["%", "states", "rank"]},
            },
            {
                "name": "grade",
                "type": "string",
                "description": "'P' = SIPRI's own text or a full copy of a SIPRI table; 'N' = news or secondary report citing SIPRI (less certain).",
                "constraints": {"required": True, "enum": ["P", "N"]},
            },
            {
                "name": "source_title",
                "type": "string",
                "description": "Title of the source actually read, with outlet.",
                "constraints": _REQ,
            },
            {
                "name": "source_url",
                "type": "string",
                "format": "uri",
                "description": "URL of the source actually read.",
                "constraints": _URL,
            },
        ],
    },
}


def id_ranges(ids: Iterable[str]) -> str:
    """Row ids as runs of consecutive ids: S106, S107, S108, S120 -> "S106–S108, S120"."""
    runs: list[list[str]] = []
    previous: tuple[str, int] | None = None
    for row_id in sorted(ids):
        match = re.fullmatch(r"([A-Z]+)(\d+)", row_id)
        if match is None:
            raise ValueError(f"{row_id!r} is not a row id (letters, then digits)")
        prefix, number = match.group(1), int(match.group(2))
        if runs and previous == (prefix, number - 1):
            runs[-1].append(row_id)
        else:
            runs.append([row_id])
        previous = (prefix, number)
    if not runs:
        raise ValueError("no rows: a description would state an empty range")
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def facts(rows: Rows) -> dict[str, str]:
    """The counts, years and row ids the descriptions above state, from the tables' rows."""
    timeline = rows("timeline")
    status = Counter(row["status"] for row in timeline)
    years = sorted(row["date"][:4] for row in timeline)
    sheets = rows("sipri_fact_sheets")
    trade_years = sorted(row["year"] for row in rows("trade_turnover"))
    return {
        "timeline_events": str(len(timeline)),
        "timeline_years": f"{years[0]}–{years[-1]}",
        "timeline_last_id": max(row["event_id"] for row in timeline),
        "timeline_two_sources": str(status["confirmed-two-sources"]),
        "timeline_one_source": str(status["confirmed-one-source"]),
        "timeline_contradicted": str(status["contradicted"]),
        "fact_sheets_2026_rows": id_ranges(
            row["row_id"] for row in sheets if row["fact_sheet"] == MARCH_2026
        ),
        "fact_sheets_2016_20_rows": id_ranges(
            row["row_id"] for row in sheets if row["period"] == "2016–20"
        ),
        "trade_years": f"{trade_years[0]}–{trade_years[-1]}",
    }
