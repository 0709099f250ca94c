"""Bytes to text the way browsers do it, and a guess at whether the text is HTML.

Order of evidence (WHATWG encoding sniffing, simplified): byte-order mark, the HTTP header's
charset, a ``<meta charset>`` in the first 8 KiB, strict UTF-8, then statistical detection
(charset-normalizer). Labels are mapped as browsers map them: ISO-8859-1 and ASCII mean cp1252.
Mojibake such as ``â€™`` is repaired with ftfy, only when ftfy judges the text bad, so clean
text is never touched: here for scraped text, after extraction for HTML (on far less text).
"""

from __future__ import annotations

import codecs
import re
import zlib
from dataclasses import dataclass

import charset_normalizer
import ftfy
import ftfy.badness

from ..errors import BinaryInput, EmptyInput, InputTooLarge

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Magic numbers of formats people feed us by mistake.
_BINARY_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.IGNORECASE)
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}
# A UTF-8 lead byte read as cp1252/latin-1, followed by a continuation byte read the same way:
# the fingerprint of mojibake. Checking it first keeps ftfy's costlier judgement off clean pages.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|\?xml)", re.I | re.S)
_HTML_TAG = re.compile(r"</?(p|div|span|a|br|table|td|li|ul|script|meta|title|h[1-6])\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]{0,2000}>|<!--", re.I)
_MARKUP_START = re.compile(r"^\s*(<!--|<[a-z][a-z0-9]*\b[^<>]{0,2000}>)", re.I)
#: Characters read to judge whether a text is markup.
_SNIFF_CHARS = 300_000


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    content_type: str  # "html" | "text"


def decode(data: bytes, http_charset: str | None = None, max_bytes: int = 20_000_000) -> Decoded:
    """Decode bytes to text, repair mojibake, and say whether it is HTML or plain text."""
    data = _maybe_gunzip(data, max_bytes)
    if len(data) > max_bytes:
        raise InputTooLarge(f"{len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit")
    if not data.strip():
        raise EmptyInput("the input is empty")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise BinaryInput(f"the input is {what}, not HTML or text")
    text, encoding = _to_str(data, http_charset)
    if _looks_binary(text):
        raise BinaryInput("the input looks like binary data, not HTML or text")
    text = _without_controls(text)
    if not text.strip():
        raise EmptyInput("the input has no text")
    content_type = sniff_content_type(text)
    if content_type == "text":  # HTML is repaired after extraction, on far less text
        text = repair_mojibake(text)
    return Decoded(text, encoding, content_type)


_STRAY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_BREAKING_CONTROL = re.compile("[\x0b\x0c]")


def _without_controls(text: str) -> str:
    """The text without NULs and other control characters a page may carry by accident (they
    would become U+FFFD in the HTML parse, and stray marks in search snippets); a vertical tab or
    form feed is a line break."""
    if _STRAY_CONTROL.search(text) or _BREAKING_CONTROL.search(text):
        return _STRAY_CONTROL.sub("", _BREAKING_CONTROL.sub("\n", text))
    return text


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252 (``â€™`` → ``’``) when ftfy judges the text broken; else unchanged."""
    if _MOJIBAKE_HINT.search(text) and ftfy.badness.is_bad(text[:200_000]):
        return str(ftfy.fix_encoding(text))
    return text


def sniff_content_type(text: str) -> str:
    """``"html"`` for a page or a fragment of markup, ``"text"`` for scraped text.

    Judged by how the text starts and by the share of its lines that carry a tag: scraped text
    can hold a stray line of markup (even as its first line), a page always has tags on many lines.
    """
    head = text[:5000]
    if _HTML_START.match(head):
        return "html"
    lines = [line for line in text[:_SNIFF_CHARS].splitlines() if line.strip()]
    tagged = sum(1 for line in lines if _ANY_TAG.search(line))
    share = tagged / len(lines) if lines else 0.0
    tags = len(_HTML_TAG.findall(head))
    if _MARKUP_START.match(head):
        # a page that opens with a comment, script or style; or a snippet such as "<p>Text</p>"
        if share >= 0.05 or (len(text) < 2000 and tags >= 2):
            return "html"
    return "html" if share >= 0.3 and tags >= 5 else "text"


def _maybe_gunzip(data: bytes, max_bytes: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    # Decompress incrementally so a gzip bomb stops at the limit instead of filling memory.
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise BinaryInput(f"a gzip stream that cannot be read ({exc})") from exc
    if len(out) > max_bytes:
        raise InputTooLarge(f"decompresses to more than {max_bytes / 1e6:.1f} MB")
    return out


def _to_str(data: bytes, http_charset: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    for label in (http_charset, _meta_charset(data)):
        declared = _codec(label)
        if declared and (text := _decode_mostly(data, declared)) is not None:
            return text, declared
        # else the declaration lies; fall through to detection
    if (text := _decode_mostly(data, "utf-8")) is not None:
        return text, "utf-8"
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    encoding = _codec(best.encoding if best else None) or "cp1252"
    return data.decode(encoding, errors="replace"), encoding


#: A page may hold a few bytes its encoding cannot decode (a bad byte pasted in, a cut character):
#: browsers show U+FFFD for them and keep the rest. More than this share means the encoding is wrong.
_BAD_BYTES_SHARE = 0.001


def _decode_mostly(data: bytes, encoding: str) -> str | None:
    """``data`` in ``encoding``, a few undecodable bytes replaced by U+FFFD; None when many are."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if bad > max(3, len(data) * _BAD_BYTES_SHARE):
        return None
    if encoding == "utf-8" and sum(1 for ch in text if ord(ch) > 127) - bad <= bad:
        # no more good multi-byte characters than bad bytes: more likely a single-byte page
        # (a cp1252 apostrophe or two in English text) that detection reads right
        return None
    return text


def charset_of(content_type: str) -> str | None:
    """The ``charset`` parameter of an HTTP Content-Type header value, or None."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip("\"' "):
            return value.strip("\"' ")
    return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii", "replace") if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    key = label.strip().lower()
    key = _BROWSER_ALIASES.get(key, key)
    try:
        name = codecs.lookup(key).name
    except LookupError:
        return None
    # A page saying utf-16 in ASCII-compatible bytes cannot be utf-16 (HTML spec: use utf-8).
    return "utf-8" if name.startswith("utf-16") else name


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)
