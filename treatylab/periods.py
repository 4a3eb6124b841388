"""Small helpers for SIPRI's multi-year periods, shared by the lesson modules.

SIPRI compares five-year periods written like "2019–23"; lessons 02 and 03 both label periods
and rank recipients ("31st"), so the wording is made in one place.
"""

from __future__ import annotations


def period_label(start: int, end: int) -> str:
    """'2019–23' (en dash) for (2019, 2023); '1997–2001' across a century; '2016' for one year."""
    if start == end:
        return str(start)
    if start // 100 == end // 100:
        return f"{start}–{end % 100:02d}"
    return f"{start}–{end}"


def ordinal(number: int) -> str:
    """1 -> '1st', 22 -> '22nd', 31 -> '31st', 11 -> '11th'."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"
