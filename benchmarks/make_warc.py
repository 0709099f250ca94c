"""Write a crawl-like WARC to try ``newsdesk process`` on, from a fresh clone (no shared data).

    python benchmarks/make_warc.py OUT.warc.gz [--pages 60] [--mb 0]

Pages are news pages built from the bundled sample article and the test fixture page: each
with its own URL, headline, publication day and a shuffled choice of paragraphs, so stories
form and copies appear. Around them, what a crawl also stores: a 404 page, an image, a script,
a redirect, the same page fetched twice, a page in Spanish, and requests. ``--mb N`` repeats
pages until the HTML reaches N MB (for the memory benchmark: a 1 GB WARC is ``--mb 1000``).
"""

from __future__ import annotations

import argparse
import html
import io
import random
import re
from datetime import date, timedelta
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = ["The Harbour Gazette", "Valley Courier", "Metro Ledger", "Island Post", "Northern Wire"]


def paragraphs() -> list[str]:
    """Story paragraphs of the bundled sample (long lines only: no banners) and the fixture page."""
    sample = (ROOT / "src/newsdesk/samples/trump-hosts-bukele.txt").read_text(encoding="utf-8")
    found = [line.strip() for line in sample.splitlines() if len(line.split()) >= 20]
    fixture = (ROOT / "tests/fixtures/news-page.html").read_text(encoding="utf-8")
    found += [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in re.findall(r"<p>(.*?)</p>", fixture, re.S)]
    return [p for p in found if len(p.split()) >= 12]


def page(i: int, rng: random.Random, pool: list[str]) -> tuple[str, str]:
    outlet = OUTLETS[i % len(OUTLETS)]
    day = date(2025, 4, 14) + timedelta(days=rng.randrange(10))
    body = rng.sample(pool, min(len(pool), rng.randint(5, 9)))
    headline = " ".join(body[0].split()[:9]).rstrip(",.;:")
    url = f"https://{outlet.lower().replace(' ', '')}.example/{day.isoformat()}/story-{i}"
    text = "".join(f"<p>{html.escape(p)}</p>\n" for p in body)
    document = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(headline)} | {outlet}</title>'
        f'<meta property="og:site_name" content="{outlet}">'
        f'<meta property="article:published_time" content="{day.isoformat()}T08:{i % 60:02d}:00+00:00">'
        f'</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{html.escape(headline)}</h1><p>By Staff Reporter</p>\n{text}</article>"
        f"<footer>© 2025 {outlet}. All rights reserved.</footer></body></html>"
    )
    return url, document


def write(out: Path, pages: int, mb: int, seed: int = 0) -> int:
    """Write the WARC; returns the number of HTML pages in it."""
    rng = random.Random(seed)
    pool = paragraphs()
    written = count = 0
    with open(out, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)

        def response(url: str, status: str, media: str, payload: bytes, lang: str | None = None) -> None:
            headers = [("Content-Type", media)] + ([("Content-Language", lang)] if lang else [])
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http)
            )

        first = None
        while count < pages or written < mb * 1_000_000:
            url, document = page(count, rng, pool)
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            response(url, "200 OK", "text/html; charset=utf-8", document.encode())
            first = first or (url, document)
            written += len(document)
            count += 1
        response("https://metroledger.example/missing", "404 Not Found", "text/html", b"<html>Not found</html>")
        response("https://metroledger.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
        response("https://metroledger.example/app.js", "200 OK", "text/javascript", b"var a = 1;")
        response("https://metroledger.example/old", "301 Moved Permanently", "text/html", b"")
        response(first[0] + "?again", "200 OK", "text/html; charset=utf-8", first[1].encode())  # fetched twice
        words = "El puerto reabre tras la huelga. " * 20
        spanish = f"<html lang='es'><body><article><p>{words}</p></article></body></html>"
        response("https://islandpost.example/es/puerto", "200 OK", "text/html; charset=utf-8", spanish.encode(), "es")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--mb", type=int, default=0, help="repeat pages until the HTML reaches this many MB")
    args = parser.parse_args()
    count = write(args.out, args.pages, args.mb)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {count} news pages and 6 other responses (and a request per page), {size:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
