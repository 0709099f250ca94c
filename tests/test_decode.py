from __future__ import annotations

import codecs
import gzip

import pytest

from newsdesk import BinaryInput, EmptyInput, InputTooLarge
from newsdesk.extract.decode import decode, sniff_content_type

PAGE = "<html><head>{meta}</head><body><p>Caf\u00e9 \u2019quoted\u2019 na\u00efve</p></body></html>"


def test_decode_reads_byte_order_mark() -> None:
    data = codecs.BOM_UTF16_LE + PAGE.format(meta="").encode("utf-16-le")
    decoded = decode(data)
    assert "Caf\u00e9" in decoded.text and decoded.encoding == "utf-16-le"


def test_decode_prefers_http_charset_over_detection() -> None:
    decoded = decode(PAGE.format(meta="").encode("cp1252"), http_charset="windows-1252")
    assert decoded.encoding == "cp1252" and "\u2019quoted\u2019" in decoded.text


def test_decode_reads_meta_charset_and_maps_latin1_to_cp1252_like_browsers() -> None:
    html = PAGE.format(meta='<meta charset="iso-8859-1">')
    decoded = decode(html.encode("cp1252"))
    assert decoded.encoding == "cp1252"
    assert "\u2019quoted\u2019" in decoded.text  # 0x92 is a curly quote in cp1252, a control in latin-1


def test_decode_detects_undeclared_legacy_encoding() -> None:
    text = "Les \u00e9lecteurs fran\u00e7ais ont vot\u00e9 dimanche pour \u00e9lire leurs d\u00e9put\u00e9s. " * 20
    decoded = decode(text.encode("cp1252"))
    assert "\u00e9lecteurs fran\u00e7ais" in decoded.text


def test_decode_repairs_mojibake() -> None:
    broken = "The president\u00e2\u20ac\u2122s visit was \u00e2\u20ac\u0153historic\u00e2\u20ac\u009d."
    decoded = decode(broken.encode("utf-8"))
    assert decoded.text == "The president\u2019s visit was \u201chistoric\u201d."


def test_decode_leaves_clean_text_untouched() -> None:
    clean = "Na\u00efve caf\u00e9 owners said \u201cno\u201d to the \u00a35 fee \u2014 twice."
    assert decode(clean.encode("utf-8")).text == clean


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b"   \n\t  ", EmptyInput),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", BinaryInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", BinaryInput),
        (bytes(range(256)) * 40, BinaryInput),
    ],
)
def test_decode_refuses_non_documents_with_a_clear_error(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        decode(data)


def test_decode_unpacks_gzip_and_stops_a_gzip_bomb() -> None:
    assert "Caf\u00e9" in decode(gzip.compress(PAGE.format(meta="").encode())).text
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    with pytest.raises(InputTooLarge):
        decode(bomb, max_bytes=1_000_000)


def test_decode_keeps_the_readable_part_of_truncated_gzip() -> None:
    words = " ".join(f"word{i}" for i in range(20_000))
    data = gzip.compress(words.encode())
    decoded = decode(data[: len(data) // 2])
    assert decoded.text.startswith("word0 word1 word2")
    assert 0 < len(decoded.text) < len(words)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("  <!-- c --><html lang=en>", "html"),
        ("<div><p>a</p><p>b</p><p>c</p><span>d</span><a href=x>e</a></div>", "html"),
        ("Headline\n\nA story about <b>bold</b> moves in a <i>market</i>.", "text"),
        ("Plain scraped text\nwith lines", "text"),
        # a page that opens with a script, not a doctype
        ('<script type="text/javascript">\nvar a = 1;\n</script>\n<div><p>Story</p></div>', "html"),
        # scraped text whose first line is a template the scraper printed as text
        (
            '<div> <div class="hidden"> </div> <ul role="listbox"> <li><a href="#">x</a></li> </ul> </div>\n'
            + "\n".join(f"Line {i} of the story, as plain text that a scraper gave." for i in range(60)),
            "text",
        ),
        # page source saved on a single line
        ("Title" + '<script src="a.js"></script><div><p>Text</p><p>More</p></div><a href="/">Home</a>' * 3, "html"),
    ],
)
def test_decode_sniffs_html_or_text(text: str, kind: str) -> None:
    assert sniff_content_type(text) == kind


def test_one_invalid_byte_keeps_the_declared_encoding_and_the_text_around_it() -> None:
    # A UTF-8 page with one byte pasted in from a Latin-1 editor: browsers show one U+FFFD and
    # keep the rest; guessing another encoding for the whole page would garble every umlaut.
    page = (
        '<html><head><meta charset="utf-8"></head><body><p>Die Bürgerinnen in Köln grüßen München.</p>'
        "<p>Der Stadtrat tagt am Dienstag über Fahrräder.</p></body></html>"
    ).encode()
    damaged = page.replace(b"Stadtrat", b"Stadt\xe4rat", 1)
    decoded = decode(damaged)
    assert decoded.encoding == "utf-8"
    assert "Bürgerinnen in Köln grüßen München" in decoded.text
    assert "Stadt\ufffdrat tagt am Dienstag über Fahrräder" in decoded.text


def test_many_invalid_bytes_mean_the_declaration_is_wrong() -> None:
    text = "Größere Äpfel für Bürger in Düsseldorf. " * 40
    page = f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'.encode("cp1252")
    decoded = decode(page)
    assert decoded.encoding != "utf-8"
    assert "Größere Äpfel für Bürger" in decoded.text


def test_a_mostly_ascii_page_with_windows_quotes_is_not_taken_for_broken_utf8() -> None:
    # Declared UTF-8, written in cp1252: two curly apostrophes are its only non-ASCII bytes.
    text = "The mayor\x92s office said the harbour\x92s ferry terminal will close next year, for good. " * 3
    text = text.replace("\x92", "'", 4)  # two left: few enough to pass for a glitch in a UTF-8 page
    page = b'<html><head><meta charset="utf-8"></head><body><p>' + text.encode("latin-1") + b"</p></body></html>"
    decoded = decode(page)
    assert "\ufffd" not in decoded.text
    assert "mayor\u2019s office" in decoded.text
