"""The catalogue of data/: what each table holds, its schema, sources and licence.

This is the single source from which ``data/datapackage.json`` is written (see
``treatylab.datapackage``). SIPRI tables and the course's extract of SIPRI's exports
(data/sipri/raw/) are described here; the
hand-built fact tables are described in ``catalog_facts`` (timeline, treaty provisions, trade,
fact sheets) and ``catalog_arguments`` (the article's claims, the experts' arguments, the
predictions).

Each table is described here once: its title, its description (Markdown) and its columns go
into the descriptor and into the section "The tables" of data/README.md, which
``treatylab.datapackage`` writes from the descriptor.

The descriptions follow the data. In the SIPRI tables, years covered, generation dates and
edition names are ``{placeholders}`` filled from ``sipri_editions`` (``edition_facts``) when the
descriptor is written, so a new SIPRI release never leaves a title saying "2000–2023"; in the
fact tables, the counts a description states (events, sources, rows) are placeholders filled
from the tables themselves (``table_facts``). ``all_tables()`` without facts returns the
templates (names, paths and schemas are the same either way).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from treatylab.catalog_arguments import TABLES as ARGUMENT_TABLES
from treatylab.catalog_arguments import facts as argument_facts
from treatylab.catalog_facts import TABLES as FACT_TABLES
from treatylab.catalog_facts import Rows
from treatylab.catalog_facts import facts as fact_table_facts

SIPRI_LICENCE = {
    "name": "SIPRI-ATD-user-rules",
    "title": "SIPRI Arms Transfers Database user rules: free to download and cite with the "
    "credit line 'Information from the SIPRI Arms Transfers Database, URL "
    "<http://armstrade.sipri.org/>'; our calculations are not to be attributed to SIPRI; no "
    "commercial use without SIPRI's agreement. SIPRI's terms of use (archived 2016) limit fair "
    "use to non-commercial reproduction of less than 10 per cent of a published data set.",
    "path": "http://www.sipri.org/contents/armstrad/user_rules.html",
}
OWN_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SIPRI_DATABASE = {
    "title": "SIPRI Arms Transfers Database, Stockholm International Peace Research Institute",
    "path": "https://www.sipri.org/databases/armstransfers",
}
# The register and the TIV tables as sources: filled per edition (see ``edition_facts``).
SIPRI_REGISTER = {"title": "{register_source_title}", "path": "{register_source_path}"}
SIPRI_TIV = {"title": "{tiv_source_title}", "path": "{tiv_source_path}"}
# Where the full exports behind the committed extract were copied from, by the sha256 of the
# full export (the extract records it; see data/sipri/raw/README.md). A newer download from
# SIPRI is credited to SIPRI's site.
_GITHUB = "https://github.com"
_LAJH87 = ("lajh87/sipriarmsdata", "628ce86f17da8d7d99071c047b0086a309a1b6d7")
KNOWN_COPIES = {
    "51dfdcb6293bc975f2a95a5f00573b9d138d13a61963c93b3cdf8553754cb401": (
        "lucacasu/Global-Arms-Trade",
        "827ee354f2632934432920c5a625b9a64dd77b02",
        "russia_trade_decline/trade_2023.csv",
    ),
    "e6479bc131aaec809e0cad7e8d47cc54bb82a4fc5922f9fba6ad0c5966f6de41": (
        *_LAJH87,
        "data/export_tiv.csv",
    ),
    "8871b2e40f1d9ce7ac9ea7fbdd654ee7c60eb1fc69a9c43d07a7f78d4618e004": (
        *_LAJH87,
        "data/import_tiv.csv",
    ),
}
SIPRI_METHOD = {
    "title": "SIPRI Arms Transfers Database: sources and methods (what a TIV is)",
    "path": "https://www.sipri.org/databases/armstransfers/sources-and-methods",
}

_TIV = {
    "name": "tiv",
    "type": "number",
    "description": "SIPRI trend-indicator value, millions: a volume index of major arms at "
    "fixed unit costs, NOT money. 0 means below 0.5 million TIV or no recorded deliveries.",
    "constraints": {"required": True, "minimum": 0},
}
_RECIPIENT = {
    "name": "recipient",
    "type": "string",
    "description": "Recipient state or group, as SIPRI names it.",
    "constraints": {"required": True},
}
_YEAR = {
    "name": "year",
    "type": "integer",
    "description": "Delivery year.",
    "constraints": {"required": True},
}

SIPRI_TABLES: dict[str, dict] = {
    "sipri_russia_exports_by_recipient": {
        "path": "sipri_russia_exports_by_recipient.csv",
        "title": "Russia's arms deliveries by recipient and year, {register_years} "
        "(SIPRI register)",
        "description": "Russia's deliveries per recipient and year: the sum of SIPRI's "
        "trade-register rows with supplier Russia, by delivery year and recipient, over the years "
        "the register covers ({register_years} in the edition in data/; `sipri_editions` says "
        "which). Built by `treatylab/sipri.py` from the register generated on "
        "{register_generated}; rebuilt by `make data`. Only recipient-years with recorded "
        "deliveries appear. Shares over SIPRI's five-year periods reproduce those SIPRI publishes "
        "in its fact sheets (see `sipri_fact_sheets`).",
        "licence": "SIPRI",
        "sources": [SIPRI_DATABASE, SIPRI_REGISTER, SIPRI_METHOD],
        "primary_key": ["year", "recipient"],
        "fields": [
            _YEAR,
            _RECIPIENT,
            _TIV,
        ],
    },
    "sipri_russia_exports_by_recipient_1992_2021": {
        "path": "sipri_russia_exports_by_recipient_1992_2021.csv",
        "title": "Russia's arms deliveries by recipient and year, {tiv_russia_years} (SIPRI TIV "
        "tables, {tiv_year} download)",
        "description": "Russia's deliveries per recipient and year from SIPRI's "
        "country-to-country TIV table with exporter Russia, as downloaded in {tiv_year}: the "
        "{tiv_label}, an edition of the database {tiv_edition_kind} the register's. It runs "
        "from {tiv_russia_first} (the first year SIPRI records Russia) to the tables' last year, "
        "{tiv_last}. SIPRI rounds each value to a whole number. Use it for the 1990s and for "
        "comparing editions; never add it to the register table. (The table's name keeps the "
        "years of its first edition.)",
        "licence": "SIPRI",
        "sources": [SIPRI_DATABASE, SIPRI_TIV, SIPRI_METHOD],
        "primary_key": ["year", "recipient"],
        "fields": [
            _YEAR,
            _RECIPIENT,
            _TIV,
        ],
    },
    "sipri_long_series": {
        "path": "sipri_long_series.csv",
        "title": "Annual SIPRI series for Russia and Iran, two database editions",
        "description": "Annual series: Russia's total exports and Russia to Iran (from "
        "{tiv_russia_first}, the first year SIPRI records Russia), Iran's total imports "
        "({tiv_series_years} from the TIV tables, {tiv_label}; {register_years} summed "
        "from the trade register generated {register_generated}, over the years it covers), the "
        "Soviet Union to Iran (1990–91) and the world total (register: the sum over every row of "
        "the full export, from the world totals in `sipri/raw/`). Years without recorded "
        "deliveries are 0. The `vintage` column names the edition: SIPRI revises past years, so "
        "the two editions differ for the same year and must not be mixed in one series without "
        "saying so.",
        "licence": "SIPRI",
        "sources": [SIPRI_DATABASE, SIPRI_TIV, SIPRI_REGISTER, SIPRI_METHOD],
        "primary_key": ["vintage", "series", "year"],
        "fields": [
            _YEAR,
            {
                "name": "series",
                "type": "string",
                "description": "Which flow the value measures.",
                "constraints": {
                    "required": True,
                    "enum": [
                        "Russia: total arms exports",
                        "Russia to Iran",
                        "Iran: total arms imports",
                        "Soviet Union to Iran",
                        "World: total arms transfers",
                    ],
                },
            },
            _TIV,
            {
                "name": "vintage",
                "type": "string",
                "description": "The SIPRI database edition the value comes from.",
                "constraints": {
                    "required": True,
                    "enum": [
                        "{tiv_vintage}",
                        "{register_vintage}",
                    ],
                },
            },
        ],
    },
    "sipri_iran_imports_by_supplier": {
        "path": "sipri_iran_imports_by_supplier.csv",
        "title": "Iran's arms imports by supplier and year, {register_years} (SIPRI register)",
        "description": "Iran's arms imports per supplier and year: the sum of SIPRI's "
        "trade-register rows with recipient Iran, by delivery year and supplier, over the years "
        "the register covers. Only supplier-years with recorded deliveries appear.",
        "licence": "SIPRI",
        "sources": [SIPRI_DATABASE, SIPRI_REGISTER, SIPRI_METHOD],
        "primary_key": ["year", "supplier"],
        "fields": [
            _YEAR,
            {
                "name": "supplier",
                "type": "string",
                "description": "Supplier state, as SIPRI names it.",
                "constraints": {"required": True},
            },
            _TIV,
        ],
    },
    "sipri_russia_iran_deliveries": {
        "path": "sipri_russia_iran_deliveries.csv",
        "title": "Deal-level deliveries between Russia and Iran, both directions, {register_years}",
        "description": "Deal-level rows: every SIPRI trade-register row with Russia as supplier "
        "and Iran as recipient, or the reverse: what was delivered, when, how many, at what TIV "
        "per unit, with SIPRI's estimate flags and deal ID. Deliveries before the register's "
        "first year ({register_first}) are not in this register export; the 1990s are only in "
        "the annual series (`sipri_long_series`). An order without deliveries yet (such as "
        "Iran's Su-35 order) has no row.",
        "licence": "SIPRI",
        "sources": [SIPRI_DATABASE, SIPRI_REGISTER, SIPRI_METHOD],
        "primary_key": ["direction", "deal_id", "delivery_year"],
        "fields": [
            {
                "name": "direction",
                "type": "string",
                "description": "Supplier to recipient.",
                "constraints": {"required": True, "enum": ["Russia to Iran", "Iran to Russia"]},
            },
            {
                "name": "deal_id",
                "type": "integer",
                "description": "SIPRI AT Database deal ID.",
                "constraints": {"required": True},
            },
            {
                "name": "designation",
                "type": "string",
                "description": "Weapon designation as SIPRI gives it.",
            },
            {"name": "description", "type": "string", "description": "Kind of weapon."},
            {
                "name": "category",
                "type": "string",
                "description": "SIPRI armament category (Aircraft, Missiles, Air defence "
                "systems, ...).",
            },
            {"name": "order_year", "type": "integer", "description": "Year of the order."},
            {
                "name": "order_year_estimated",
                "type": "boolean",
                "description": "True where SIPRI marks the order year as an estimate.",
            },
            {
                "name": "delivery_year",
                "type": "integer",
                "description": "Year of these deliveries.",
                "constraints": {"required": True},
            },
            {
                "name": "delivery_year_estimated",
                "type": "boolean",
                "description": "True where SIPRI marks the delivery year as an estimate.",
            },
            {
                "name": "number_delivered",
                "type": "integer",
                "description": "Number of items delivered that year.",
            },
            {
                "name": "number_delivered_estimated",
                "type": "boolean",
                "description": "True where SIPRI marks the number as an estimate.",
            },
            {
                "name": "tiv_per_unit",
                "type": "number",
                "description": "SIPRI TIV per item (millions), SIPRI's fixed unit value.",
            },
            {
                "name": "tiv_delivered",
                "type": "number",
                "description": "SIPRI TIV of the items delivered that year (millions). A volume "
                "index, not the price paid.",
                "constraints": {"required": True, "minimum": 0},
            },
            {
                "name": "status",
                "type": "string",
                "description": "New, second hand, or second hand but modernized.",
            },
        ],
    },
    "sipri_editions": {
        "path": "sipri_editions.csv",
        "title": "The editions of SIPRI's database behind the SIPRI tables: labels and years",
        "description": "One row per edition of the SIPRI Arms Transfers Database behind the "
        "SIPRI tables, as read by `treatylab/sipri.py` from SIPRI's export files (through the "
        "course's extract of them in `sipri/raw/`, which records the full export): the trade "
        "register's generation date and the delivery years it covers, the TIV tables' year of "
        "download and years. The notebooks take edition names, years covered and the latest "
        "year from this table instead of typing them, so a new SIPRI release changes them all "
        "without editing prose.",
        "licence": "SIPRI",
        "sources": [SIPRI_DATABASE, SIPRI_REGISTER, SIPRI_TIV],
        "primary_key": ["edition"],
        "fields": [
            {
                "name": "edition",
                "type": "string",
                "description": "Short id to select an edition with: register (SIPRI's trade "
                "register) or tiv_tables (SIPRI's TIV tables).",
                "constraints": {"required": True, "enum": ["register", "tiv_tables"]},
            },
            {
                "name": "vintage",
                "type": "string",
                "description": "The edition's name in the vintage column of sipri_long_series.",
                "constraints": {"required": True},
            },
            {
                "name": "label",
                "type": "string",
                "description": "Short name for chart legends and sentences: the register with the "
                "month SIPRI generated it, the TIV tables with the year they were downloaded "
                "('{register_label}', '{tiv_label}').",
                "constraints": {"required": True},
            },
            {
                "name": "kind",
                "type": "string",
                "description": "Which of SIPRI's export formats the edition comes in.",
                "constraints": {"required": True, "enum": ["trade register", "TIV tables"]},
            },
            {
                "name": "generated",
                "type": "date",
                "description": "The date SIPRI generated the export (the register's 'Data "
                "generated:' line); empty for the TIV tables, which carry no date.",
            },
            {
                "name": "first_year",
                "type": "integer",
                "description": "First year with recorded deliveries in the export.",
                "constraints": {"required": True},
            },
            {
                "name": "last_year",
                "type": "integer",
                "description": "Last year with recorded deliveries: the latest year the edition "
                "covers.",
                "constraints": {"required": True},
            },
            {
                "name": "rows",
                "type": "integer",
                "description": "Rows of data in SIPRI's full export file(s), header lines not "
                "counted (the TIV tables: both files, with SIPRI's per-pair 'Total' rows); the "
                "course's extract keeps fewer.",
                "constraints": {"required": True, "minimum": 1},
            },
            {
                "name": "files",
                "type": "string",
                "description": "The committed files the edition is read from, in data/sipri/raw/ "
                "(separated by '; '): the course's extract of SIPRI's export(s) and, for the "
                "register, the world totals calculated from the full export.",
                "constraints": {"required": True},
            },
        ],
    },
}

SIPRI_TABLE_NAMES = tuple(SIPRI_TABLES)

# The committed files of data/sipri/raw/, by the start of their file name: the course's extract
# of SIPRI's exports and the register's world totals (treatylab.sipri_extract). SIPRI's full
# exports are not in the repository (SIPRI's terms). They are described in the package as plain
# files (not tables: each starts with '# treatylab' lines, the register extract also with
# SIPRI's header text). ``made`` says how each relates to the full export it names.
_MARKER = (
    "It starts with '# treatylab' lines naming the full export it was made from, with that "
    "file's rows, years and sha256; importing the same full export writes it again byte for "
    "byte. See data/sipri/raw/README.md."
)
RAW_EXPORTS = {
    "trade-register-extract": {
        "name": "sipri_extract_trade_register",
        "title": "Extract of SIPRI's trade register (generated {register_generated}, "
        "deliveries {register_years}): rows with Russia or Iran as supplier or recipient",
        "description": "The course's extract of SIPRI's trade-register export (all suppliers to "
        "all recipients): the rows with Russia or Iran as supplier or recipient, SIPRI's lines "
        "unchanged, under SIPRI's header text and column row. treatylab/sipri.py builds the "
        "register tables and sipri_editions from it and the world totals. " + _MARKER,
        "made": "Extract of",
    },
    "trade-register-world-totals": {
        "name": "sipri_world_totals_trade_register",
        "title": "World totals of SIPRI's trade register (generated {register_generated}, "
        "deliveries {register_years}) per delivery year: rows and TIV, our calculation",
        "description": "Per delivery year, the number of rows of the full trade-register export "
        "and the sum of their TIV delivery values (millions): the world total of "
        "sipri_long_series, and what the import compares a new export with. Calculated by "
        "treatylab/sipri.py from the full export; our calculation, not SIPRI's. " + _MARKER,
        "made": "Calculated from",
    },
    "tiv-by-exporter-extract": {
        "name": "sipri_extract_tiv_by_exporter",
        "title": "Extract of SIPRI's TIV tables by exporter, {tiv_years}, downloaded {tiv_year}: "
        "Russia and the Soviet Union",
        "description": "The course's extract of SIPRI's TIV tables in long form (Export_From, "
        "Import_To, Year, TIV; TIV in millions, each pair closed by a 'Total' row): the rows "
        "with Russia or the Soviet Union as exporter, SIPRI's lines unchanged. " + _MARKER,
        "made": "Extract of",
    },
    "tiv-by-importer-extract": {
        "name": "sipri_extract_tiv_by_importer",
        "title": "Extract of SIPRI's TIV tables by importer, {tiv_years}, downloaded {tiv_year}: "
        "Iran",
        "description": "The course's extract of the same tables from the recipient's side "
        "(Import_To, Export_From, Year, TIV): the rows with Iran as importer, SIPRI's 'Total' "
        "rows included, SIPRI's lines unchanged. " + _MARKER,
        "made": "Extract of",
    },
}

LICENCES = {"SIPRI": SIPRI_LICENCE, "CC-BY-4.0": OWN_LICENCE}


def _copy_note(hashes: list[str]) -> tuple[str, str] | None:
    """'copy in <repo>, <files>, commit <c>' and its URL, when every file is a known copy."""
    copies = [KNOWN_COPIES[sha] for sha in hashes if sha in KNOWN_COPIES]
    if not copies or len(copies) != len(hashes) or len({c[:2] for c in copies}) != 1:
        return None
    repo, commit, first = copies[0]
    files = " and ".join(c[2] for c in copies)
    url = f"{_GITHUB}/{repo}/blob/{commit}/{first}"
    return f"copy in {repo}, {files}, commit {commit[:8]}", url


def raw_source(sha256: str | None, made: str = "Extract of") -> dict:
    """Where the full export behind a committed file was taken from: a known copy, or SIPRI.

    ``sha256`` is the full export's, as the committed file records it.
    """
    note = _copy_note([sha256]) if sha256 else None
    if note is None:
        return {
            "title": f"{made} a SIPRI export downloaded from the SIPRI Arms Transfers Database "
            "(see data/sipri/raw/README.md)",
            "path": SIPRI_DATABASE["path"],
        }
    return {"title": f"{made} the SIPRI export, {note[0]}", "path": note[1]}


def edition_facts(
    editions: list[Mapping[str, str]], hashes: Mapping[str, str | None]
) -> dict[str, str]:
    """The values the SIPRI descriptions quote, from the rows of sipri_editions.

    ``hashes`` maps each file named in the editions' ``files`` to the sha256 of the full
    export it was made from, to credit the copy that export was taken from.
    """
    from treatylab.sipri import FIRST_YEAR_IRAN_SERIES, FIRST_YEAR_RUSSIA, MONTHS

    by_id = {row["edition"]: row for row in editions}
    register, tiv = by_id["register"], by_id["tiv_tables"]
    generated = date.fromisoformat(register["generated"])
    facts = {
        "register_years": f"{register['first_year']}–{register['last_year']}",
        "register_first": register["first_year"],
        "register_generated": f"{generated.day} {MONTHS[generated.month - 1]} {generated.year}",
        "register_vintage": register["vintage"],
        "register_label": register["label"],
        "tiv_years": f"{tiv['first_year']}–{tiv['last_year']}",
        "tiv_last": tiv["last_year"],
        "tiv_russia_first": str(FIRST_YEAR_RUSSIA),
        "tiv_russia_years": f"{FIRST_YEAR_RUSSIA}–{tiv['last_year']}",
        "tiv_series_years": f"{FIRST_YEAR_IRAN_SERIES}–{tiv['last_year']}",
        "tiv_year": (re.findall(r"\d{4}", tiv["vintage"]) or ["?"])[0],
        "tiv_vintage": tiv["vintage"],
        "tiv_label": tiv["label"],
    }
    # "older than" the register when the TIV tables were downloaded before the year it was
    # generated in; otherwise the description says no more than "other than".
    older = facts["tiv_year"].isdigit() and int(facts["tiv_year"]) < generated.year
    facts["tiv_edition_kind"] = "older than" if older else "other than"
    coverage = (
        f"SIPRI trade register, all suppliers to all recipients, deliveries "
        f"{facts['register_years']}, generated {facts['register_generated']}"
    )
    register_files = register["files"].split("; ")
    facts["register_source_title"], facts["register_source_path"] = _credited(
        coverage, [hashes[f] for f in register_files], " and ".join(register_files)
    )
    tiv_files = tiv["files"].split("; ")
    coverage = f"SIPRI TIV tables {facts['tiv_years']}, downloaded {facts['tiv_year']}"
    facts["tiv_source_title"], facts["tiv_source_path"] = _credited(
        coverage, [hashes[f] for f in tiv_files], " and ".join(tiv_files)
    )
    return facts


def _credited(coverage: str, hashes: list[str | None], files: str) -> tuple[str, str]:
    """The source of a table: the full export (a known copy, or SIPRI's site)."""
    unique = list(dict.fromkeys(hashes))
    note = None if None in unique else _copy_note([h for h in unique if h])
    if note is None:
        return (
            f"{coverage} (downloaded from SIPRI; the course's extract is in {files})",
            SIPRI_DATABASE["path"],
        )
    return f"{coverage} ({note[0]})", note[1]


def table_facts(rows: Rows) -> dict[str, str]:
    """The counts the fact tables' descriptions state, from their rows.

    ``rows(name)`` gives the rows of a table of data/ as the CSV has them (strings).
    """
    return {**fact_table_facts(rows), **argument_facts(rows)}


def _filled(template: object, facts: Mapping[str, str]) -> object:
    """``template`` with every ``{placeholder}`` in its strings replaced from ``facts``.

    Regular expressions (a constraint's ``pattern``, such as ``E[0-9]{2}``) are left alone.
    """
    if isinstance(template, str):
        return template.format_map(facts)
    if isinstance(template, dict):
        return {
            key: value if key == "pattern" else _filled(value, facts)
            for key, value in template.items()
        }
    if isinstance(template, list):
        return [_filled(value, facts) for value in template]
    return template


def all_tables(facts: Mapping[str, str] | None = None) -> dict[str, dict]:
    """Every table of data/, SIPRI tables first, in the order of the descriptor.

    With ``facts`` (``edition_facts`` and ``table_facts`` together) the descriptions state the
    editions and the counts of the tables in data/; without, they keep their ``{placeholders}``.
    """
    tables: dict[str, dict] = {}
    for group in (SIPRI_TABLES, FACT_TABLES, ARGUMENT_TABLES):
        for name, spec in group.items():
            if name in tables:
                raise ValueError(f"table {name!r} is described twice in the catalogue")
            tables[name] = spec if facts is None else _filled(spec, facts)
    return tables
