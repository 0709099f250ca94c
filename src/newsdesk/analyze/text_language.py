"""The language a text is written in, from its commonest short words and its script.

The fact rules (quote cues, month and number words, the English spaCy model) are English. A page
in another language gets only what does not depend on them, and says so (``Article.notes``). A
few dozen function words per language tell the common news languages apart reliably on a
paragraph or more; a text written mostly in CJK scripts is told by its characters.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from ..model import Article

# The commonest function words of each language (no word shared between two lists).
_FUNCTION_WORDS = {
    "en": "the of and to in is that for it was on with as he be at by this had not are but from or have an they "
    "which you were her she there been has their would will said who",
    "de": "der die und den das ist nicht mit sich des auf für dem ein eine auch als wird bei nach aus "
    "wie über noch werden einen einer sind hat",
    "fr": "le la les des et est une dans que pour qui pas sur sont avec plus par ce ces du au aux elle il "
    "ont été cette mais",
    "es": "el los las del y en que por con una para es se su al lo como más pero sus le ha fue este esta "
    "entre cuando muy sin sobre",
    "pt": "o os da do das dos e em que um uma para com não por mais na no se como foi ao ele ela seu sua "
    "são pelo pela também",
    "it": "il di che è per non una con gli della delle sono nel alla anche come più ma si sua dei degli questo stato",
    "nl": "de het een van en is dat op te zijn niet met voor er ook als aan dit bij maar wordt door naar",
    "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada oleh mereka "
    "sudah atau bisa saat",
}
_WORDS = {code: frozenset(words.split()) for code, words in _FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
#: A language is named only when this share of the words are its function words.
MIN_SHARE = 0.08
#: Fewer words than this tell no language.
MIN_WORDS = 20
SAMPLE_CHARS = 20_000


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code ("en", "pt", "zh", …) for the text's language, or None when unsure."""
    sample = text[:SAMPLE_CHARS]
    han, kana, hangul = len(_HAN.findall(sample)), len(_KANA.findall(sample)), len(_HANGUL.findall(sample))
    cjk = han + kana + hangul
    if cjk and cjk > 0.3 * (len(sample) - sample.count(" ")):
        return "ja" if kana > 0.1 * cjk else "ko" if hangul > han else "zh"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None  # a headline or a caption: too few words to tell ("Jean de la Fontaine dies")
    counts = Counter(words)
    shares = {code: sum(counts[w] for w in vocab) / len(words) for code, vocab in _WORDS.items()}
    best = max(shares, key=lambda code: shares[code])
    return best if shares[best] >= MIN_SHARE else None


def is_english(language: str | None) -> bool:
    """Whether the fact rules apply: English, or a language newsdesk could not tell."""
    return language is None or language.lower().split("-")[0].split("_")[0] == "en"


#: What an article says when the English rules were not run on it.
NOT_ENGLISH_NOTE = (
    "language {language}: the text is not English, so entities, what figures measure and dates written "
    "in words were not analysed (figures in digits and numeric dates were); quotes were read only from "
    "quotation marks and speech verbs, with speakers as written"
)


class LanguageStage:
    """Tell the text's language; the stages after it run their English rules only on English."""

    name = "language"
    version = "1"
    requires = frozenset({"text", "language"})
    assigns = frozenset({"language", "notes"})

    def __call__(self, article: Article) -> Article:
        detected = detect_language(article.text)
        language = detected or article.language
        notes = tuple(n for n in article.notes if not n.startswith("language "))
        if not is_english(language):
            notes += (NOT_ENGLISH_NOTE.format(language=language),)
        return dataclasses.replace(article, language=language, notes=notes)
