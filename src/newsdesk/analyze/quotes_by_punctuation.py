"""Attributions in languages the English rules cannot read, from punctuation and a cue word.

The English quote finder walks a parse; other languages get no parse here (the model is English).
What still holds in most news languages is the shape of a quotation next to its cue: a speaker,
a cue and a quotation or a reported clause ("汉森指出：“…”", "o técnico Tite declarou que …"),
or a quotation followed by its cue and speaker ("“…”, acrescentou o comandante"). Only those
shapes are read, with a short list of speech cues per language. The speaker is kept as written
and never resolved to a name (there are no entities to resolve it to): a pronoun stays a pronoun
rather than becoming the wrong person.
"""

from __future__ import annotations

import re

from ..model import Quote, Span

#: Speech and writing cues; not beliefs ("认为", "acha", "cree"), as GUIDE.md says.
_CUES: dict[str, tuple[str, ...]] = {
    "zh": (
        "进一步指出", "补充说", "解释说", "回应说", "表示", "指出", "强调", "透露", "告诉", "写道", "宣布", "承认",
        "称", "说",
    ),
    "pt": (
        "disse", "disseram", "afirmou", "afirmaram", "declarou", "declararam", "falou", "acrescentou", "explicou",
        "ressaltou", "destacou", "comentou", "contou", "garantiu", "admitiu", "escreveu", "completou", "respondeu",
    ),
    "es": (
        "dijo", "dijeron", "afirmó", "afirmaron", "declaró", "declararon", "explicó", "añadió", "agregó", "aseguró",
        "señaló", "indicó", "comentó", "escribió", "admitió", "sostuvo", "respondió",
    ),
    "fr": (
        "a dit", "a déclaré", "a affirmé", "a expliqué", "a ajouté", "a indiqué", "a souligné", "a assuré",
        "a écrit", "a répondu", "déclare", "explique", "ajoute", "indique", "souligne", "assure",
    ),
    "it": (
        "ha detto", "ha dichiarato", "ha spiegato", "ha aggiunto", "ha affermato", "ha sottolineato", "ha scritto",
        "dice", "spiega", "aggiunge",
    ),
    "de": ("sagte", "sagten", "erklärte", "betonte", "schrieb", "antwortete", "sagt", "erklärt", "betont"),
    "nl": ("zei", "zeiden", "verklaarde", "schreef", "zegt"),
    "id": ("katanya", "kata", "ujarnya", "ujar", "ungkapnya", "ungkap", "tuturnya", "tutur", "jelasnya", "ucap"),
}  # fmt: skip
#: The word that opens a reported clause after the cue ("declarou que …").
_THAT = {"pt": "que", "es": "que", "fr": "que", "it": "che", "de": "dass", "nl": "dat", "id": "bahwa"}
#: Words that end a speaker written after the cue: "falou Tite ao programa …" is Tite.
_AFTER_SPEAKER = frozenset(
    "ao à aos às em no na nos nas para durante de do da al en a au aux dans pour pendant "
    "im am beim zu zum zur nel nella alla di kepada dalam pada saat".split()
)
_QUOTATION = re.compile(r"“([^“”]{2,}?)”|«([^«»]{2,}?)»|\"([^\"\n]{2,}?)\"|「([^「」]{2,}?)」|„([^„“”]{2,}?)[“”]")
_CJK_BOUNDARY = re.compile(r"[。！？\n，；：“”「」]")
_LATIN_BOUNDARY = re.compile(r"[.!?;:,\n\"“”«»„]")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[。！？]|\n")
MAX_SPEAKER_WORDS = 8
#: A Chinese speaker runs without spaces ("约翰逊航天中心发言人丹尼尔·霍特(Daniel Huot)").
MAX_SPEAKER_CHARS = 60
#: How far a cue may stand from its quotation: a comma, a colon and a space.
CUE_GAP = 3


def find_quotes_by_punctuation(text: str, language: str | None) -> list[Quote]:
    """Quotes of a text in ``language`` (ISO 639-1), read from punctuation and cue words."""
    code = (language or "").lower().split("-")[0].split("_")[0]
    if code not in _CUES:
        return []
    alternatives = "|".join(re.escape(cue) for cue in _CUES[code])
    cues = re.compile(alternatives if code == "zh" else rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)
    quotes: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for quotation in _QUOTATION.finditer(text):
        group = next(i for i in range(1, 6) if quotation.group(i) is not None)
        content = (quotation.start(group), quotation.end(group))
        quote = _cue_before(text, content, quotation.start(), cues, code) or _cue_after(
            text, content, quotation.end(), cues, code
        )
        if quote is not None:
            quotes.append(quote)
            taken.append((quotation.start(), quotation.end()))
    for cue in cues.finditer(text):
        if code == "zh" and _in_idiom(text, cue):
            continue
        if not any(start <= cue.start() < end for start, end in taken):
            quote = _reported_clause(text, cue, code)
            if quote is not None and not any(_overlaps((quote.span.start, quote.span.end), t) for t in taken):
                quotes.append(quote)
    return sorted(quotes, key=lambda q: q.span.start)


#: Chinese words that hold a cue character and say nothing was said: "换句话说" (in other words),
#: "据说" (reportedly), "小说" (a novel), "来说" ("for X"), "称为" (called) …
_ZH_IDIOMS = tuple(
    "换句话说 也就是说 就是说 比如说 可以说 或者说 据说 听说 虽说 再说 来说 小说 传说 学说 "
    "据称 声称 号称 简称 俗称 人称 名称 称为 称作 称之".split()
)


def _in_idiom(text: str, cue: re.Match[str]) -> bool:
    """Whether the cue is part of one of those words."""
    lo = max(0, cue.start() - 3)
    for idiom in _ZH_IDIOMS:
        for found in re.finditer(re.escape(idiom), text[lo : cue.end() + 2]):
            if lo + found.start() < cue.end() and cue.start() < lo + found.end():
                return True
    return False


def _cue_before(text: str, content: tuple[int, int], opening: int, cues: re.Pattern[str], code: str) -> Quote | None:
    """ "汉森指出：“…”", "Ele disse: "…"": the cue and its speaker right before the quotation."""
    gap_start = max(0, opening - CUE_GAP)
    cue = None
    for found in cues.finditer(text, max(0, opening - CUE_GAP - 12), opening):
        if found.end() >= gap_start and not text[found.end() : opening].strip(" :：,，"):
            cue = found
    if cue is None:
        return None
    speaker = _speaker_before(text, cue.start(), code)
    return _make(text, content, "direct", cue, speaker) if speaker else None


def _cue_after(text: str, content: tuple[int, int], closing: int, cues: re.Pattern[str], code: str) -> Quote | None:
    """ "“…”, acrescentou o comandante", "“…”，他说": the cue and its speaker right after it."""
    lead = re.match(r"[\s,，.]{0,3}", text[closing : closing + CUE_GAP])
    position = closing + (lead.end() if lead else 0)
    if code == "zh":
        speaker_end = _CJK_BOUNDARY.search(text, position, position + MAX_SPEAKER_CHARS)
        stop = speaker_end.start() if speaker_end else min(len(text), position + MAX_SPEAKER_CHARS)
        cue = None
        for found in cues.finditer(text, position, stop):
            if found.end() == stop or not text[found.end() : stop].strip():
                cue = found  # "“…”，他说。": the clause ends with the cue
        if cue is None or cue.start() == position:
            return None
        return _make(text, content, "direct", cue, (position, cue.start()))
    cue = cues.match(text, position)
    if cue is None:
        return None
    speaker = _speaker_after(text, cue.end())
    return _make(text, content, "direct", cue, speaker) if speaker else None


def _reported_clause(text: str, cue: re.Match[str], code: str) -> Quote | None:
    """ "o técnico Tite declarou que errou …", "席尔霍尔茨补充说，在测试中 …": a clause reported after its cue."""
    speaker = _speaker_before(text, cue.start(), code)
    if speaker is None:
        return None
    if code == "zh":
        opener = re.match(r"[，,：:]", text[cue.end() : cue.end() + 1])
    else:
        opener = re.match(rf"\s*,?\s*{_THAT[code]}\s+", text[cue.end() :], re.I) if code in _THAT else None
    if opener is None:
        return None
    start = cue.end() + opener.end()
    end_mark = _SENTENCE_END.search(text, start)
    end = end_mark.start() if end_mark else len(text)
    while end > start and text[end - 1] in ' "”»':
        end -= 1
    if len(text[start:end].split()) < 3 and (code != "zh" or end - start < 6):
        return None
    kind = "mixed" if _QUOTATION.search(text, start, end) else "indirect"
    return _make(text, (start, end), kind, cue, speaker)


def _speaker_before(text: str, cue_start: int, code: str) -> tuple[int, int] | None:
    """The words between the last clause boundary and the cue: the speaker as written."""
    if code == "zh":
        boundary = _last(_CJK_BOUNDARY, text, max(0, cue_start - MAX_SPEAKER_CHARS), cue_start)
        start = boundary.end() if boundary else max(0, cue_start - MAX_SPEAKER_CHARS)
        written = text[start:cue_start]
        if not written.strip() or (boundary is None and start > 0):
            return None
        return start + len(written) - len(written.lstrip()), start + len(written.rstrip())
    boundary = _last(_LATIN_BOUNDARY, text, max(0, cue_start - 200), cue_start)
    start = boundary.end() if boundary else max(0, cue_start - 200)
    written = text[start:cue_start]
    if not written.strip() or len(written.split()) > MAX_SPEAKER_WORDS:
        return None
    return start + len(written) - len(written.lstrip()), start + len(written.rstrip())


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the last one is wanted
        pass
    return found


def _speaker_after(text: str, cue_end: int) -> tuple[int, int] | None:
    """The words after the cue up to a boundary or a preposition: "acrescentou o comandante."."""
    stop = _LATIN_BOUNDARY.search(text, cue_end, cue_end + 200)
    words = list(re.finditer(r"\S+", text[cue_end : stop.start() if stop else cue_end + 200]))
    kept: list[re.Match[str]] = []
    for word in words[:MAX_SPEAKER_WORDS]:
        if word.group().lower() in _AFTER_SPEAKER and kept:
            break
        kept.append(word)
    if not kept:
        return None
    return cue_end + kept[0].start(), cue_end + kept[-1].end()


def _make(text: str, content: tuple[int, int], kind: str, cue: re.Match[str], speaker: tuple[int, int]) -> Quote:
    return Quote(
        span=Span(*content),
        text=text[content[0] : content[1]],
        kind=kind,
        cue=Span(cue.start(), cue.end()),
        cue_text=cue.group(),
        speaker=Span(*speaker),
        speaker_text=text[speaker[0] : speaker[1]],
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
