"""Numeric facts: value, kind, unit or currency, qualifier, what it measures, and when.

Found with patterns over the clean text (figures in digits or words, scales such as "billion",
currencies, percent, units), then read in context: a qualifier just before ("nearly", "more
than"), a change verb ("grew 14 percent"), what follows ("$8.5 billion in family remittances"
measures "family remittances"; "23 percent of the country's GDP" has the base "the country's
GDP"), and the time: the nearest date expression of the same sentence. Years used as dates,
dates themselves and copyright lines are not numeric facts.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re

from ..model import Article, Figure, Span, TimeExpression
from ..months import MONTH_PATTERN
from .figure_units import implied_units
from .sentences import sentence_bounds
from .text_language import is_english

_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
    "mn": 1e6,
    "tn": 1e12,
    "dozen": 12,  # "two dozen supporters"
}
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
}
_CURRENCY_SIGNS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB",
    "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD",
    "r$": "BRL", "rs": "INR", "rs.": "INR", "inr": "INR", "chf": "CHF", "eur": "EUR", "gbp": "GBP", "usd": "USD",
    "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "zar": "ZAR", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
}  # fmt: skip
# Signs and codes written before an amount: "$", "R$", "Rs 300", "CHF 5 million" (codes need a space or nothing).
_SIGN = (
    r"(?:US|AU?|CA?|HK|NZ|S|R)\$|\b(?:Rs\.?|INR|CHF|EUR|GBP|USD|JPY|CNY|RMB|ZAR|SEK|NOK|DKK)(?=\s?\d)|Â?[£¥]|[$€₹₩₽]"
)
# ("Â£" is "£" read in the wrong encoding, as scraped text often has it)
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rupees": "INR",
    "cents": "USD",
    "pesos": "MXN",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
}
# ISO codes written after an amount: "15 SGD each"
_CURRENCY_CODES = "AUD CAD CHF CNY HKD INR JPY NZD SGD ZAR SEK NOK DKK BRL MXN"
_CURRENCY_WORDS |= {code.lower(): code for code in _CURRENCY_CODES.split()}
_QUALIFIERS = (
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "approximately",
    "some",
    "over",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "just over",
    "just under",
    "under",
    "close to",
    "an estimated",
    "estimated",
)
_QUALIFIER_PATTERNS = tuple((qualifier, re.compile(rf"\b{qualifier}\s*$", re.I)) for qualifier in _QUALIFIERS)
#: Qualifiers and change verbs end right before the figure: only this much of the sentence before
#: it is searched (the whole of it, for every figure, was slow on long sentences full of figures).
_LEAD_CHARS = 64
_CHANGE = re.compile(
    r"\b(grew|grow|grows|rose|rise|rises|risen|increased|increase|climbed|jumped|fell|fall|falls|"
    r"fallen|dropped|declined|decreased|shrank|slumped|plunged|surged|soared|gained|lost|up|down)"
    r"\s+(?:by\s+)?$",
    re.I,
)
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDNUM = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_FIGURE = re.compile(
    # not inside a word, a decimal, a fraction or a name ("COVID-19"); "12–20" and "−18" are fine
    rf"(?P<sign>{_SIGN})?\s?(?<![\w./])(?<![A-Za-z][\-−–])(?P<num>{_NUMBER}|\b(?:{_WORDNUM})\b)"
    r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|dozen)\b)?"
    r"(?:[^\S\n]?(?P<unit>percentage points?|percent|per cent|%|[a-zA-Zµμ°Å][\w°/µμ²³%-]{0,14}))?",
    re.IGNORECASE,
)
_NOT_UNITS = frozenset(
    "and or the a an of in on at to for by with from as is are was were be been has have had that which who "
    "than this these those it its their his her our".split()
)
#: Units written out, singular too: "a 650 kilometer race", "a 10-megaton bomb".
_UNIT_WORDS = frozenset(
    "kilometer kilometre kilometers kilometres meter metre meters metres centimeter centimetre centimeters "
    "centimetres millimeter millimetre millimeters millimetres mile miles foot feet inch inches yard yards "
    "kilogram kilograms kilo kilos gram grams tonne tonnes ton tons ounce ounces acre acres hectare hectares "
    "degree degrees liter litre liters litres gallon gallons barrel barrels megaton megatons kilowatt kilowatts "
    "megawatt megawatts gigawatt gigawatts watt watts volt volts megabyte megabytes gigabyte gigabytes "
    "kilobyte kilobytes terabyte terabytes".split()
)
_UNIT_SYMBOLS = frozenset(
    "km m cm mm µm um nm kg g mg µg ug ng lb lbs oz t kt mt mph kph km/h m/s °c °f ° k mw w kw gw kwh mwh gwh twh "
    "hz khz mhz ghz ml l µl ul ha ft mi s ms min h hr hrs yr yrs v kv mv a ma pa kpa mpa gpa bar mbar mol mmol "
    "µmol m mm µm ppm ppb wt% vol% db gy bq cal kcal j kj mj ev kev mev gb mb tb".split()
)
# Numbers that label rather than measure: "Fig. 5", "Table 2", "Section 3.1", "phase 3".
_LABEL_BEFORE = re.compile(
    r"\b(fig(ure)?s?|eq(uation)?s?|tables?|sections?|sect|chapters?|refs?|no|nos|phases?|models?|panels?|"
    r"steps?|items?|lines?|pages?|p|pp|vol|issue|case|clone|group|type|stage|grade|level|article|rule|"
    r"image|photo|picture|slide|video|gallery|episode|round|"
    r"paragraph|annex|appendix)\.?\s*\(?$",
    re.I,
)
_CITATION = re.compile(r"[\[(]\s*[\d,;\s–-]+[\])]$")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_MEASURED = re.compile(
    r"^\s+(?P<prep>in|of|for|worth of)\s+(?P<what>(?:the\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+?)"
    r"(?=\s+(?:in|from|to|for|on|at|by|since|during|compared|according|,|\.|$)|[,.;]|$)",
    re.I,
)


_COPYRIGHT_REACH = 300  # characters a copyright line's figures may follow its "©"


def find_figures(text: str, dates: tuple[TimeExpression, ...] = ()) -> list[Figure]:
    """Numeric facts in ``text``; ``dates`` (from the dates stage) give them a time and are skipped."""
    dates = tuple(sorted(dates, key=lambda d: d.span.start))
    date_starts = [d.span.start for d in dates]
    # the furthest end of any date starting at or before each one: "inside a date" by bisection
    reach = list(itertools.accumulate((d.span.end for d in dates), max))
    facts: list[Figure] = []
    for match in _FIGURE.finditer(text):
        start, end = match.start(), match.end()
        if match.group("sign") is None:
            start = match.start("num")
        number = match.group("num")
        if not number or _inside_date(date_starts, reach, match.start("num")):
            continue
        written = _height_or_fraction(text, match.start("num"))
        if not written and _is_label(text, match.start("num"), match.end("num")):
            continue
        if _YEAR.match(number) and not match.group("sign") and not match.group("unit"):
            continue  # a year used as a date
        # a bounded look back: an unbounded rfind costs the whole line before each figure on a page
        # that is one long line
        line_start = text.rfind("\n", max(0, start - _COPYRIGHT_REACH), start) + 1
        if re.match(r"\s*(©|\(c\)|copyright)", text[max(line_start, start - _COPYRIGHT_REACH) : start], re.I):
            continue
        unit = match.group("unit")
        scale = match.group("scale")
        if match.group("sign") and unit in ("m", "k", "M", "K"):
            scale, end, unit = unit, match.end("unit"), None  # "£100m", "$50k"
        if written:
            end, unit = written[0], written[1]  # "6-foot-4", "one-third"
        elif unit and (match.group("sign") or not _is_unit(unit)):
            end = match.end("scale") if match.group("scale") else match.end("num")
            unit = None
        hyphen_unit = _hyphen_unit(text, match.start("num"), match.end("num")) if unit is None else None
        if hyphen_unit and not match.group("sign"):
            end, unit = hyphen_unit.end(), hyphen_unit.group(1).replace("pound", "lb")
        plural = not number[0].isalpha() or _WORD_NUMBERS.get(number.lower(), 0) >= 2  # "two key players"
        if unit is None and not match.group("sign") and plural:
            or_more = _OR_MORE.match(text, end)  # "10 or more friends"
            counted = _counted_noun(text, or_more.end() if or_more else end)
            if counted:
                end, unit = counted  # "two key players", "29 fishing vessels", 24 “Chengguan” staff
            elif partitive := _partitive_noun(text, end):
                unit = partitive  # "22 of the 26 recommendations", "four of its neighbours"
        if number.lower() in _WORD_NUMBERS and not match.group("sign") and not scale and not written:
            counts = unit and _kind(None, unit)[0] in ("count", "quantity")  # "two key players", "two miles"
            if not counts and not _RANGE_NEXT.match(text, match.end("num")):
                continue  # "one case", "one of the": number words alone are too often not figures
        value = written[2] if written else _value(number, scale)
        if value is None:
            continue
        kind, currency = _kind(match.group("sign"), unit)
        if unit and unit.lower() == "cents":
            value /= 100  # "3 cents a minute" is $0.03
        if _never_figure(text, start, end, match, unit, kind):
            continue
        if (
            kind == "money"
            and currency == "GBP"
            and unit
            and unit.lower() == "pounds"
            and not match.group("scale")  # "lost 30 million pounds" is money
            and _WEIGHT.search(text, max(0, start - 80), min(len(text), end + 40))
        ):
            kind, currency = "quantity", None  # "weighed 74 pounds": a weight, not sterling
            unit = "lb"
        if kind in ("count", "quantity") and unit and unit.lower() in _TIME_UNITS:
            if number[0].isalpha():
                continue  # "for three years": a span of time in words, which readers do not cite
            kind = "duration"  # "incubated for 48 hours": a measured time, its own kind
        sentence_start, sentence_end = sentence_bounds(text, start)
        before = text[sentence_start:start]
        lead = max(0, len(before) - _LEAD_CHARS)  # a search from here still sees the word boundary before it
        qualifier = next((q for q, pattern in _QUALIFIER_PATTERNS if pattern.search(before, lead)), None)
        change = _CHANGE.search(before, lead)
        after = text[end:sentence_end]
        measured = _MEASURED.match(after)
        if measured and (
            _is_time_phrase(measured.group("what")) or (kind == "count" and measured.group("prep") != "of")
        ):
            measured = None  # "£59.6m for the 12 months", "31 shots for Columbus": when and whose, not what
        measures = measured.group("what") if measured and kind != "percent" else None
        base = measured.group("what") if measured and kind == "percent" and " of " in after[:5] else None
        if kind in ("percent", "percentage_points") and not measures and not base:
            measures = _noun_after(after)  # "10 percent tariffs"
        if change and not measures:
            measures = _subject_before(before[: change.start()])  # "remittances grew 14 percent"
        if (change or kind == "percent") and not base:
            compared = _COMPARED.match(after)
            base = compared.group(1) if compared else None  # "compared to the same period in 2024"
        time = _nearest(dates, date_starts, start, sentence_start, sentence_end)
        if start > 0 and text[start - 1] in "−-" and (start == 1 or text[start - 2] in " \t\n(~∼≈<>=≤≥"):
            start, value = start - 1, -value  # "−18 °C"
        facts.append(
            Figure(
                span=Span(start, end),
                text=text[start:end],
                value=value,
                kind=kind,
                unit=currency or ("percent" if kind == "percent" else unit and _canonical_unit(unit)),
                qualifier=qualifier,
                measures=measures,
                base=base,
                change=change.group(1).lower() if change else None,
                time=time,
                sentence=Span(sentence_start, sentence_end),
            )
        )
    return _with_implied_units(text, _carry_list_units(text, _join_ranges(text, facts)))


def _with_implied_units(text: str, facts: list[Figure]) -> list[Figure]:
    """Bare numbers whose unit the story implies ("also scored 18" after "18 points") take it."""
    out = list(facts)
    for index, (unit, end) in implied_units(text, facts).items():
        fact = out[index]
        kind, span = _kind(None, unit)[0], Span(fact.span.start, end)
        out[index] = dataclasses.replace(
            fact, kind=kind, unit=_canonical_unit(unit), span=span, text=text[span.start : end]
        )
    return out


# The low end of a range or list written before its unit: "four to six services", "6 and 13 kg".
_RANGE_NEXT = re.compile(rf"\s*(?:-|–|to|or|and)\s*(?:{_NUMBER}|(?:{_WORDNUM})\b)", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:–|—|-|to|through|and)\s*|\s*±\s*")
_SCALED = re.compile(rf"[$€£¥₹₩₽]?\s?({_NUMBER})", re.I)


def _join_ranges(text: str, facts: list[Figure]) -> list[Figure]:
    """ "12–20 μm", "from 10% to 100%", "between 5 and 10 percent", "488 ± 14 K": one figure each."""
    out: list[Figure] = []
    for fact in facts:
        previous = out[-1] if out else None
        if previous is None or previous.value_max is not None:
            out.append(fact)
            continue
        between = text[previous.span.end : fact.span.start]
        joined = _RANGE_JOIN.fullmatch(between)
        listed = between.strip() in ("and", "or", ",") and not re.search(
            r"\bbetween\s+\S*$", text[max(0, previous.span.start - 40) : previous.span.start], re.I
        )
        if listed and previous.kind == "number" and previous.unit is None and fact.unit:
            # a list before its unit: "6 and 13 kg" is 6 kg and 13 kg
            out[-1] = dataclasses.replace(previous, kind=fact.kind, unit=fact.unit)
        if not joined or listed:
            out.append(fact)
            continue
        # "$6–8 billion": the sign is on the low end, the scale on the high end; both share them
        shape = previous if previous.kind == "money" and fact.kind == "number" else fact
        if previous.unit not in (None, fact.unit) and shape is fact:
            out.append(fact)
            continue
        if previous.kind not in ("number", fact.kind) and shape is fact:
            out.append(fact)
            continue
        low = previous.value
        if shape.kind == "number" and fact.value < low and "±" not in between:
            out.pop()  # "6-4", "52-48": a score or a tally, not a range
            continue
        bare = _SCALED.match(fact.text)
        base = _value(bare.group(1), None) if bare else None
        if base and not re.search(r"thousand|million|billion|trillion|bn|mn|tn|\d\s?[mk]\b", previous.text, re.I):
            low *= abs(fact.value / base)
        tolerance = "±" in between
        out[-1] = dataclasses.replace(
            fact,
            kind=shape.kind,
            unit=shape.unit,
            span=Span(previous.span.start, fact.span.end),
            text=text[previous.span.start : fact.span.end],
            value=low,
            value_max=None if tolerance else fact.value,
            qualifier=previous.qualifier or fact.qualifier,
            sentence=previous.sentence,
        )
    return out


# What stands between two items of a list: ", France around", ", Spain well over".
_LIST_ITEM = re.compile(r",\s+(?:and\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:[a-z]+\s+){0,2}$")


def _carry_list_units(text: str, facts: list[Figure]) -> list[Figure]:
    """A bare number in a list after a counted one takes its noun: "Italy has well over 200 PGIs,
    France around 200, Spain well over 150" counts PGIs three times."""
    out = list(facts)
    for i in range(1, len(out)):
        previous, fact = out[i - 1], out[i]
        if fact.kind != "number" or previous.kind != "count" or previous.sentence != fact.sentence:
            continue
        if _LIST_ITEM.search(text[previous.span.end : fact.span.start]):
            out[i] = dataclasses.replace(fact, kind="count", unit=previous.unit)
    return out


_COMPARED = re.compile(
    r"^\s*,?\s*(?:compared (?:to|with)|from|versus|vs\.?|over)\s+((?:the |a |an )?[\w'’-]+(?:\s+[\w'’-]+){0,5}?)"
    r"(?=\s*[,.;:)]|\s+(?:due|because|according|as|and|but|while|when|after|before)\b|\s*$)",
    re.I,
)
_WORD_AFTER = re.compile(r"[^\S\n]+[\"“‘]?([A-Za-z][A-Za-z'’-]*|\d[\d,.]*)[\"”’]?(?=[\s,.;:!?)]|$)")
_OR_MORE = re.compile(r"[^\S\n]+or\s+(?:more|fewer|less)\b", re.I)
#: Words that may stand between a number and the noun it counts ("three more detectives").
_COUNT_QUALIFIERS = frozenset({"more", "other", "new", "additional", "extra"})


def _counted_noun(
    text: str, end: int, qualifiers: int = 2, allowed: frozenset[str] = frozenset(), numbers: bool = False
) -> tuple[int, str] | None:
    """The plural noun a number counts, after at most ``qualifiers`` words that qualify it:
    "two key players", "five SES crew members", "some 25 million UK residents"."""
    for _ in range(qualifiers + 1):
        word = _WORD_AFTER.match(text, end)
        if not word:
            return None
        noun = word.group(1)
        lowered = noun.lower()
        if lowered in _IRREGULAR_PLURALS or _looks_plural(noun):
            dimension = re.search(r"\b(square|cubic)\s+$", text[max(0, word.start(1) - 8) : word.start(1)], re.I)
            return word.end(), f"{dimension.group(1).lower()} {noun}" if dimension else noun  # "300 cubic meters"
        skippable = (
            lowered in _COUNT_QUALIFIERS
            or lowered in allowed
            or (numbers and noun[0].isdigit())
            or (noun[0].isalpha() and lowered not in _FUNCTION_WORDS and lowered not in _NOT_UNITS)
        )
        if not skippable:
            return None
        end = word.end()
    return None


_PARTITIVE = re.compile(r"\s+of\s+(?:the|their|its|his|her|those|these|our|my|your)(?=\s)", re.I)


_PARTITIVE_QUALIFIERS = frozenset({"last", "first", "next", "remaining"})


def _partitive_noun(text: str, end: int) -> str | None:
    """The noun of "N of the X": "22 of the 26 recommendations", "four of its Southeast Asian neighbors"."""
    of = _PARTITIVE.match(text, end)
    if not of:
        return None
    # the whole may stand between: "21 of their last 22 penalties"
    counted = _counted_noun(text, of.end(), qualifiers=3, allowed=_PARTITIVE_QUALIFIERS, numbers=True)
    return counted[1] if counted else None


# Words around "N pounds" that make it a body's or a thing's weight: "weighed", "6-foot-2 and
# 202 pounds" (a height beside it), "whittled down to 74 pounds", "lost 30 pounds"
_WEIGHT = re.compile(
    r"\b(weigh\w*|weight|heav\w*|lbs?|pound-for-pound|ounces?|kilos?|stone|body|\d+-foot(?:-\d+)?|feet|inches|"
    r"tall|lost|gained|shed|slimmed|whittled|thin|obese|overweight)\b",
    re.I,
)
_FUNCTION_WORDS = frozenset(
    "a an the and or but of to in on at by for from with as than that which who is are was were be been has have had "
    "this these those last next year years month months week weeks day days compared since over under more less "
    "its their his her our it they he she we".split()
)
#: Words after a share that are its verb or an adverb, not what it is of: "19 percent say", "25% off".
_VERBS_AFTER_A_SHARE = frozenset(
    "say says said think thinks believe believes agree agrees disagree support supports oppose opposes want wants "
    "prefer prefers expect expects feel feels approve approves plan plans off more less".split()
)
_CLAUSE_WORDS = frozenset("in on at by for from with to of into over under about after before during".split())


def _is_time_phrase(phrase: str) -> bool:
    """ "the 12 months", "2024", "the first quarter": a time, not what a figure measures."""
    last = phrase.split()[-1].lower()
    return last in _TIME_UNITS or last == "quarter" or bool(_YEAR.match(last))


def _noun_after(after: str) -> str | None:
    """The plural noun right after a percentage: "10 percent tariffs" measures "tariffs"."""
    match = re.match(r"\s+([a-z][a-z-]+)\b", after)
    if not match:
        return None
    word = match.group(1)
    if word in _FUNCTION_WORDS or word in _VERBS_AFTER_A_SHARE or word.endswith(("ed", "ing", "ly")):
        return None
    return word


def _subject_before(before: str) -> str | None:
    """What changed: the words before the change verb, after the last comma and before a preposition."""
    clause = re.split(r"[,;:—–(]", before)[-1].split()
    words: list[str] = []
    for word in clause:
        if word.lower() in _CLAUSE_WORDS and words:
            break
        words.append(word)
    while words and words[0].lower() in _FUNCTION_WORDS:
        words.pop(0)
    if not words or len(words) > 5 or not re.match(r"[A-Za-z]", words[-1]):
        return None
    return " ".join(words)


_IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women", "police", "staff", "cattle", "sheep", "fish"})


def _is_label(text: str, start: int, end: int) -> bool:
    """Figure numbers, citations and identifiers ("NO2", "[12]", "Fig. 5") are not facts."""
    attached = re.match(r"[A-Za-zµ°%][\w°/µ%]*|[-−–][A-Za-z]", text[end : end + 12])
    if attached and (_hyphen_unit(text, start, end) or _HYPHEN_SCALE.match(text, end)):
        return False  # "a 70-yard drive", "an 11-inch putt", "$9.5-million": a figure written as one word
    if attached:
        token = attached.group().lower()
        if token not in _UNIT_SYMBOLS and token not in _SCALES and token != "%":
            return True  # "3D", "NO2-x", "1st": part of a name or an ordinal, not a measurement
        if len(token) == 1 and _YEAR.match(text[start:end]):
            return True  # "2006a": a citation year
    if _LABEL_BEFORE.search(text[max(0, start - 16) : start]):
        return True
    opening = max(text.rfind("[", max(0, start - 40), start), text.rfind("(", max(0, start - 40), start))
    if opening != -1:
        closing = re.search(r"[\])]", text[start : start + 40])
        if closing and _CITATION.match(text[opening : start + closing.end()]):
            return True
    return False


_HEIGHT = re.compile(r"([4-7])(?:-foot-|[’'′]\s?)(1[01]|\d)(?:[”\"″]|(?!\w|[.,]\d))")
_FRACTION = re.compile(
    r"(one|two|three|four|five|six|seven|eight|nine)[- ](third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)s?\b",
    re.I,
)
_DENOMINATORS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}


def _height_or_fraction(text: str, start: int) -> tuple[int, str, float] | None:
    """(end, unit, value) of a height ("6-foot-4", 6’5” are inches) or a fraction ("one-third")."""
    height = _HEIGHT.match(text, start)
    if height:
        return height.end(), "inches", float(int(height.group(1)) * 12 + int(height.group(2)))
    fraction = _FRACTION.match(text, start)
    if fraction:
        numerator = _WORD_NUMBERS[fraction.group(1).lower()]
        return fraction.end(), "fraction", numerator / _DENOMINATORS[fraction.group(2).lower()]
    return None


_HYPHEN_SCALE = re.compile(r"-(?:thousand|million|billion|trillion)\b", re.I)
_HYPHEN_UNIT = re.compile(r"-([a-z]+)\b")


def _hyphen_unit(text: str, start: int, end: int) -> re.Match[str] | None:
    """The unit of a measure written as one word in digits: "70-yard", "4.3-inch", "10-megaton"."""
    unit = _HYPHEN_UNIT.match(text, end)
    if not unit or not text[start:end][:1].isdigit():
        return None
    word = unit.group(1)
    known = word in _UNIT_WORDS or word in _UNIT_SYMBOLS or word == "pound"  # "a 230-pound lineman" weighs
    return unit if known and word not in _TIME_UNITS else None


def _canonical_unit(unit: str) -> str:
    """One name per unit, as readers write them: metric symbols ("650 kilometers" is km), other
    units in the plural ("an 11-inch putt" is inches), so figures compare across articles."""
    lowered = unit.lower()
    if lowered not in _UNIT_WORDS:
        return unit
    for stem, symbol in _METRIC_SYMBOLS.items():
        if lowered.startswith(stem):
            return symbol
    if lowered in ("foot", "feet"):
        return "feet"
    if lowered.endswith("s"):
        return lowered
    return lowered + ("es" if lowered.endswith(("ch", "sh", "x")) else "s")


#: Metric units written out, by the start of their name (singular, plural, -er or -re).
_METRIC_SYMBOLS = {"kilomet": "km", "centimet": "cm", "millimet": "mm", "met": "m", "kilogram": "kg", "gram": "g"}


def _is_unit(word: str) -> bool:
    """Units are symbols we know, percent, or plural nouns ("participants", "migrants")."""
    lowered = word.lower().replace("μ", "µ")  # Greek mu and the micro sign are both written
    if lowered in _NOT_UNITS:
        return False
    return (
        lowered in _UNIT_SYMBOLS
        or lowered in _UNIT_WORDS
        or lowered in ("percent", "per cent", "%")
        or lowered.startswith("percentage point")
        or lowered in _CURRENCY_WORDS
        or _looks_plural(word)
        or lowered in _IRREGULAR_PLURALS
        or "/" in lowered
    )


def _looks_plural(word: str) -> bool:
    """ "migrants", "vessels", "MPs", "PGIs"; not "previous", "class", "status" or "analysis"."""
    if len(word) >= 3 and word[:-1].isupper() and word[-1] == "s" and word[:-1].isalpha():
        return True  # an acronym's plural
    lowered = word.lower()
    if "-" in lowered and lowered.split("-")[-1] in _IRREGULAR_PLURALS:
        return True  # "para-police"
    return len(word) > 3 and word.isalpha() and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is"))


def _value(number: str, scale: str | None) -> float | None:
    key = number.lower()
    if key in _WORD_NUMBERS:
        base = float(_WORD_NUMBERS[key])
    else:
        try:
            base = float(number.replace(",", ""))
        except ValueError:
            return None
    return base * _SCALES.get((scale or "").lower(), 1.0)


def _kind(sign: str | None, unit: str | None) -> tuple[str, str | None]:
    if sign:
        return "money", _CURRENCY_SIGNS[sign.lower().lstrip("â")]
    lowered = (unit or "").lower()
    if lowered in ("percent", "per cent", "%"):
        return "percent", None
    if lowered.startswith("percentage point"):
        return "percentage_points", None
    if lowered in _CURRENCY_WORDS:
        return "money", _CURRENCY_WORDS[lowered]
    if (
        unit
        and unit.replace("-", "").isalpha()
        and (unit.endswith("s") or lowered in _IRREGULAR_PLURALS or _looks_plural(unit))
        and lowered not in _UNIT_SYMBOLS
        and lowered not in _UNIT_WORDS
    ):
        return "count", None
    return ("quantity" if unit else "number"), None


#: Units of time: a number of them is a duration ("for three years"), not a count of things.
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades "
    "century centuries night nights weekend weekends season seasons".split()
)
_CLOCK_OR_SCORE = re.compile(r"[:.]\d\d(?!\d)|\s?[ap]\.?m\b\.?|\s?(?:gmt|utc|[ecmp][sd]t)\b", re.I)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b")
_STREET = re.compile(
    r"\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Drive|Way|Place|Square|Court)\b"
)
#: A US state's two letters before five digits: a ZIP code ("Toledo, OH 43604").
_ZIP_BEFORE = re.compile(r"\b[A-Z]{2},?\s$")
_NUMBERED_ITEM = re.compile(r"\b(?:image|photo|picture|slide|video|gallery|page|item)\s+\d+\s*(?:of|/)\s*$", re.I)


def _never_figure(text: str, start: int, end: int, match: re.Match[str], unit: str | None, kind: str) -> bool:
    """Numbers a reader would not cite as a figure of the story: clock times, scores, list and
    phone numbers, addresses, names with a number ("Fifty Shades", "10 Downing Street"), years
    read as counts, article counters and numbers alone on their line."""
    num_start, num_end = match.start("num"), match.end("num")
    if _CLOCK_OR_SCORE.match(text, num_end) or (num_start > 0 and text[num_start - 1] == ":"):
        return True  # "12:24", "10 a.m.", "3-2" scores are bare numbers below
    for phone in _PHONE.finditer(text, max(0, num_start - 16), min(len(text), num_end + 16)):
        if phone.start() <= num_start < phone.end() and not match.group("sign"):
            return True  # "555-123-4567", "(02) 9876 5432"
    if (not unit or len(unit) == 1) and _STREET.match(text, num_end):
        return True  # "10 Downing Street", "200 N. Main St." (not 200 watts)
    if num_end - num_start == 5 and not unit and _ZIP_BEFORE.search(text, max(0, num_start - 5), num_start):
        return True  # "Toledo, OH 43604"
    if _NUMBERED_ITEM.search(text, max(0, num_start - 20), num_start):
        return True  # the "5" of "Image 1 of 5"
    if unit and unit[0].isupper() and not unit.isupper() and unit.lower() not in _UNIT_SYMBOLS:
        # a name that holds a number: "Fifty Shades", "Three Rivers", "2004 Masters", "10 Downing Street";
        # not a count of people named by a capitalised noun ("2.5 million Salvadorans")
        after = text[end : end + 2]
        named = (
            match.group("num")[0].isupper()
            or bool(_YEAR.match(match.group("num")))
            or (after[:1] == " " and after[1:].isupper())
        )
        if named and not match.group("scale") and not match.group("sign"):
            return True
    if (
        kind in ("count", "number")
        and _YEAR.match(match.group("num"))
        and _YEAR_BEFORE.search(text, max(0, start - 12), start)
    ):
        return True  # "a picture taken in 1971 shows …": a year (counts this large are written "1,971")
    if kind == "count" and (unit or "").lower() == "words" and _ARTICLE_LENGTH.search(text, max(0, start - 40), start):
        return True  # "the full article contains 339 words": an article counter
    if _alone_on_line(text, start, end):
        return True  # a cell of a stats table or a poll's share: no sentence says what it is
    bare = not unit and not match.group("sign") and not match.group("scale")
    return bare and _bare_junk(text, num_start, num_end)


# A day, month or year next to its neighbours in a date the dates stage did not keep ("08/09/2012",
# "24 / Jul / 2012", "22 Dec, 2016", "November 8, 2012").
_NUMERIC_DATE = re.compile(r"\d{1,4}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}")
_MONTH_NEAR = re.compile(rf"(?:{MONTH_PATTERN})\W{{0,3}}$", re.I)
_MONTH_AFTER = re.compile(rf"\W{{1,3}}(?:{MONTH_PATTERN})\b", re.I)


#: A preposition that makes a year-shaped number a year: "in 1971", "since 2004" (not "by", "of"
#: or "from": "won by 2000 votes", "a crowd of 1500 people" are counts).
_YEAR_BEFORE = re.compile(r"\b(?:in|since|until|till|during|before|after|circa)\s+$", re.I)
_ARTICLE_LENGTH = re.compile(r"\b(?:article|story|piece|it)\s+(?:contains|has|runs(?:\s+to)?)\s+$", re.I)
#: What may stand beside a figure on a line of its own: white space and punctuation; any word
#: ("$6 million deal", "347 people came.") makes the line a heading or a sentence that says what it is.
_CELL_REST = re.compile(r"[\W_]*")
_CELL_REACH = 24


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """True when the figure's line holds nothing else but punctuation: a table cell, a poll's
    share, a counter, which readers cannot cite because no sentence says what it is."""
    before = text[max(0, start - _CELL_REACH) : start]
    after = text[end : end + _CELL_REACH]
    newline_before, newline_after = before.rfind("\n"), after.find("\n")
    if (newline_before < 0 and start > _CELL_REACH) or (newline_after < 0 and end + _CELL_REACH < len(text)):
        return False  # the line goes on beyond the reach: there is more on it than the figure
    rest = before[newline_before + 1 :] + (after[:newline_after] if newline_after >= 0 else after)
    return _CELL_REST.fullmatch(rest) is not None


def _bare_junk(text: str, start: int, end: int) -> bool:
    """A number with nothing it counts, and a shape that says it is no figure."""
    reach = max(0, start - 20)  # only white space may stand before list numbering on its line
    line_start = text.rfind("\n", reach, start) + 1 or (0 if reach == 0 else -1)
    if line_start >= 0 and not text[line_start:start].strip() and re.match(r"[.)]\s", text[end : end + 2]):
        return True  # list numbering: "1. AI shines a light …"
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    if re.search(r"[/^’'″:]$", before.rstrip()) or re.match(r"\s?[/^’'″”]|\.\d", after):
        return True  # "50/50", "2^28", 6’5”, a version "1.8.3"
    for date in _NUMERIC_DATE.finditer(text, max(0, start - 12), min(len(text), end + 12)):
        if date.start() <= start < date.end():
            return True
    return bool(_MONTH_NEAR.search(text, max(0, start - 12), start) or _MONTH_AFTER.match(text, end))


def _inside_date(starts: list[int], reach: list[int], position: int) -> bool:
    """True when ``position`` falls inside a date span (``starts`` sorted, ``reach`` their running max end)."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and reach[index] > position


def _nearest(
    dates: tuple[TimeExpression, ...], starts: list[int], position: int, lo: int, hi: int
) -> TimeExpression | None:
    """The date starting in ``[lo, hi)`` nearest to ``position`` (``dates`` sorted by start)."""
    inside = dates[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
    return min(inside, key=lambda d: abs(d.span.start - position)) if inside else None


class FiguresStage:
    """Numeric facts with what they measure and when."""

    name = "figures"
    version = "7"
    requires = frozenset({"text", "dates", "language"})
    assigns = frozenset({"figures"})

    def __call__(self, article: Article) -> Article:
        figures = find_figures(article.text, article.dates)
        if not is_english(article.language):
            # units and number words are read as English: in another language only money and shares hold
            figures = [f for f in figures if f.kind in _LANGUAGE_NEUTRAL and not f.text[:1].isalpha()]
            figures = [dataclasses.replace(f, measures=None, change=None, qualifier=None) for f in figures]
        return dataclasses.replace(article, figures=tuple(figures))


_LANGUAGE_NEUTRAL = frozenset({"money", "percent"})
