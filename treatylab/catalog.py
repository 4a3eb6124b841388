"""The catalogue of data/: what each table holds, its schema, sources and licence.

This is the single source from which ``data/datapackage.json`` is written (see
``treatylab.datapackage``). SIPRI tables are described here; the hand-built fact tables are
described in ``catalog_facts`` (timeline, treaty provisions, trade, fact sheets) and
``catalog_arguments`` (the article's claims, the experts' arguments, the predictions).
"""

from __future__ import annotations

from treatylab.catalog_arguments import TABLES as ARGUMENT_TABLES
from treatylab.catalog_facts import TABLES as FACT_TABLES

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
SIPRI_REGISTER = {
    "title": "SIPRI trade register, all suppliers to all recipients, deliveries 2000–2023, "
    "generated 3 Jan 2025 (copy in lucacasu/Global-Arms-Trade, "
    "russia_trade_decline/trade_2023.csv, commit 827ee354)",
    "path": "https://github.com/lucacasu/Global-Arms-Trade/blob/"
    "827ee354f2632934432920c5a625b9a64dd77b02/russia_trade_decline/trade_2023.csv",
}
SIPRI_TIV_2022 = {
    "title": "SIPRI TIV tables 1950–2021, downloaded 2022 (copy in lajh87/sipriarmsdata, "
    "data/export_tiv.csv and data/import_tiv.csv, commit 628ce86f)",
    "path": "https://github.com/lajh87/sipriarmsdata/blob/"
    "628ce86f17da8d7d99071c047b0086a309a1b6d7/data/export_tiv.csv",
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
        "title": "Russia's arms deliveries by recipient and year, 2000–2023 (SIPRI register)",
        "description": "Sum of SIPRI's trade-register rows with supplier Russia, by delivery year "
        "and recipient. Built by treatylab/sipri.py from the register generated on 3 Jan 2025. "
        "Only recipient-years with recorded deliveries appear. Reproduces SIPRI's March 2024 "
        "fact sheet: India 34 %, China 21 %, Egypt 7.5 % of Russia's exports in 2019–23.",
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
        "title": "Russia's arms deliveries by recipient and year, 1992–2021 (SIPRI TIV tables, "
        "2022 download)",
        "description": "SIPRI's country-to-country TIV table with exporter Russia, as downloaded "
        "in 2022 (an older edition of the database than the register). SIPRI rounds each "
        "value to a whole number. Use it for the 1990s; do not add it to the register table.",
        "licence": "SIPRI",
        "sources": [SIPRI_DATABASE, SIPRI_TIV_2022, SIPRI_METHOD],
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
        "description": "Russia's total exports, Russia to Iran, Iran's total imports (1990–2021 "
        "from the 2022 TIV tables; 2000–2023 summed from the 2025 register), the Soviet Union "
        "to Iran (1990–91) and the world total (register). The vintage column names the "
        "edition: SIPRI revises past years, so the two editions differ for the same year "
        "and must not be mixed in one series without saying so.",
        "licence": "SIPRI",
        "sources": [SIPRI_DATABASE, SIPRI_TIV_2022, SIPRI_REGISTER, SIPRI_METHOD],
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
                        "SIPRI TIV tables, 2022 download",
                        "SIPRI trade register, generated 2025-01-03",
                    ],
                },
            },
        ],
    },
    "sipri_iran_imports_by_supplier": {
        "path": "sipri_iran_imports_by_supplier.csv",
        "title": "Iran's arms imports by supplier and year, 2000–2023 (SIPRI register)",
        "description": "Sum of SIPRI's trade-register rows with recipient Iran, by delivery year "
        "and supplier. Only supplier-years with recorded deliveries appear.",
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
        "title": "Deal-level deliveries between Russia and Iran, both directions, 2000–2023",
        "description": "Every SIPRI trade-register row with Russia as supplier and Iran as "
        "recipient, or the reverse: what was delivered, when, how many, at what TIV per unit. "
        "Deliveries before 2000 are not in this register export; the 1990s are only in the "
        "annual series. An order without deliveries (such as Iran's Su-35 order) has no row.",
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
}

SIPRI_TABLE_NAMES = tuple(SIPRI_TABLES)

LICENCES = {"SIPRI": SIPRI_LICENCE, "CC-BY-4.0": OWN_LICENCE}


def all_tables() -> dict[str, dict]:
    """Every table of data/, SIPRI tables first, in the order of the descriptor."""
    tables: dict[str, dict] = {}
    for group in (SIPRI_TABLES, FACT_TABLES, ARGUMENT_TABLES):
        for name, spec in group.items():
            if name in tables:
                raise ValueError(f"table {name!r} is described twice in the catalogue")
            tables[name] = spec
    return tables
