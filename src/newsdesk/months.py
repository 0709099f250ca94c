"""English month names, shared by the date-line parser (extraction) and the date resolver (analysis)."""

from __future__ import annotations

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

#: A month name or its abbreviation ("Sept.", "Jan"), for regular expressions (case-insensitive).
MONTH_PATTERN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)


def month_number(name: str) -> int:
    """1–12 for a month name or abbreviation ("Sept." → 9); ValueError for anything else."""
    prefix = name.lower().rstrip(".")[:3]
    for number, month in enumerate(MONTH_NAMES, 1):
        if len(prefix) == 3 and month.startswith(prefix):
            return number
    raise ValueError(f"not a month: {name!r}")
