"""End to end in headless Chromium: search → article → speaker → figures chart, and no script runs.

Uses Debian's ``chromium`` (never ``playwright install``). Screenshots go to
``$NEWSDESK_SCREENSHOTS`` (default ``build/screenshots``) for a person to look at. Where Chromium
is missing the tests are skipped, unless ``NEWSDESK_REQUIRE_BROWSER=1`` (CI sets it).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsdesk
from newsdesk.store import Store

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHOTS = Path(os.environ.get("NEWSDESK_SCREENSHOTS", Path(__file__).resolve().parent.parent / "build" / "screenshots"))

if not CHROMIUM.exists() and os.environ.get("NEWSDESK_REQUIRE_BROWSER") != "1":
    pytest.skip("Chromium is not installed at /usr/bin/chromium (apt install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sample_bytes: bytes) -> Iterator[str]:
    path = tmp_path_factory.mktemp("browser") / "browser.db"
    with Store(path) as store:
        store.add(
            [
                newsdesk.extract(sample_bytes, facts=True),
                newsdesk.extract((FIXTURES / "hostile-article.html").read_bytes(), facts=True),
            ]
        )
    yield from _serve(path)


@pytest.fixture(scope="module")
def copies_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.test_copies import _stored

    path = tmp_path_factory.mktemp("browser") / "copies.db"
    _stored(path, [[0, 1, 2]])  # a wire story, another story on its topic, and an edited copy
    yield from _serve(path)


@pytest.fixture(scope="module")
def stories_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.test_stories import _fixtures, _stored

    path = tmp_path_factory.mktemp("browser") / "stories.db"
    # two bridge collapses, a port story and its copy, a match
    _stored(path, [list(range(len(_fixtures())))], analysed=True)
    yield from _serve(path)


def _serve(path: Path) -> Iterator[str]:
    import uvicorn

    from newsdesk.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def test_web_browser_search_article_speaker_figures(server: str, browser: object) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(f"{server}/")
    page.fill("input[name=q]", "remittances")
    page.click("button[type=submit]")
    page.wait_for_selector("ol.hits li a.title")
    assert page.inner_text("p.total").startswith("1 article for remittances")
    assert page.locator("p.snippet mark").first.inner_text().lower() == "remittances"
    assert page.locator("svg.chart rect.bar").count() == 1
    page.screenshot(path=str(SHOTS / "1-search.png"), full_page=True)

    page.click("ol.hits li a.title")
    page.wait_for_selector("article.story h1")
    assert page.inner_text("article.story h1") == "Trump hosts El Salvador's Bukele, key ally in anti-migrant push"
    low_fee = page.locator("span.quote", has_text="a very low fee for them")
    assert low_fee.count() == 1 and "Nayib Bukele" in (low_fee.get_attribute("title") or "")
    assert page.locator("span.figure", has_text="$8.5 billion").count() == 1
    assert not page.locator("details.removed").evaluate("d => d.open")
    page.click("details.removed summary")
    assert page.locator("details.removed li", has_text="Article continues after this advertisement").count() >= 1
    page.screenshot(path=str(SHOTS / "2-article.png"), full_page=True)

    page.click("aside.facts a.profile >> nth=0")
    page.wait_for_selector("h1")
    speaker = page.inner_text("h1")
    assert page.locator("ul.quotes > li").count() >= 1
    assert page.locator("svg.chart").count() == 1
    page.screenshot(path=str(SHOTS / "3-speaker.png"), full_page=True)
    page.goto(f"{server}/entities/Nayib%20Bukele")
    assert "a very low fee for them" in page.inner_text("ul.quotes")
    assert speaker

    page.goto(f"{server}/figures")
    page.fill("input[name=about]", "remittances")
    page.click("button[type=submit]")
    page.wait_for_selector("svg.chart circle.point")
    page.locator("p.units a", has_text="money (USD)").click()
    page.wait_for_selector("svg.chart circle.point")
    assert page.locator("svg.chart circle.point").count() == 1
    point_link = page.locator("svg.chart a").first.get_attribute("href") or ""
    assert point_link.startswith("/articles/") and "#f" in point_link
    page.screenshot(path=str(SHOTS / "4-figures.png"), full_page=True)
    page.goto(server + point_link)
    assert page.locator(":target").inner_text() == "$8.5 billion"

    page.goto(f"{server}/timeline?q=Trump")
    assert page.locator("svg.chart rect.bar").count() == 1
    page.screenshot(path=str(SHOTS / "5-timeline.png"), full_page=True)
    assert errors == []


def test_web_browser_who_said_what_is_answered_on_the_first_results_page(server: str, browser: object) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
        page.goto(f"{server}/")
        page.fill("input[name=q]", "fees")  # the other number than the quote's "fee"
        page.click("button[type=submit]")
        page.wait_for_selector("section.answers")
        first = page.locator("section.answers ul.answer-quotes li").first.inner_text()
        assert first.startswith("Nayib Bukele") and "a very low fee for them" in first
        assert page.locator("section.answers a", has_text="Quotes mentioning it").count() == 1
        page.screenshot(path=str(SHOTS / f"6-answers-{width}.png"), full_page=True)
        # the page is no wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator("section.answers a", has_text="Quotes mentioning it").click()
    page.wait_for_selector("ul.quotes li blockquote")
    assert "a very low fee for them" in page.inner_text("ul.quotes")


def test_web_browser_hostile_content_does_not_run(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server}/?q=payloads")
    page.click("ol.hits li a.title")
    page.wait_for_selector("article.story")
    body = page.inner_text("article.story")
    assert '<script>window.__xss = "quote"</script>' in body  # shown as text …
    assert "onerror=" in body
    assert page.evaluate("() => window.__xss === undefined")  # … and never run
    assert page.locator("article.story script, article.story img").count() == 0
    page.goto(f"{server}/quotes?q=payloads")
    page.goto(f"{server}/?q=script")
    assert page.evaluate("() => window.__xss === undefined") and dialogs == []
    page.screenshot(path=str(SHOTS / "6-hostile-article-search.png"), full_page=True)


def test_web_browser_copy_side_by_side(copies_server: str, browser: object) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{copies_server}/articles/1")
    assert page.inner_text("aside.facts h2 >> nth=-1") == "Also published by 1 outlet"
    page.click("aside.facts ul.copies a.compare")
    page.wait_for_selector(".side-by-side")
    assert page.inner_text("h1") == "What Gazette changed"
    figure = page.locator(".side.copy mark.change-figure")
    assert figure.inner_text() == "45" and figure.get_attribute("title") == "was: 42"
    assert page.locator(".side.base mark.change-truncate").count() == 1
    assert "Headline: “Port approves terminal” → “Port says yes”" in page.inner_text("ul.changes")
    left, right = (page.locator(f".side.{side}").bounding_box() for side in ("base", "copy"))
    assert left and right and left["x"] + left["width"] <= right["x"]  # side by side, not stacked
    page.screenshot(path=str(SHOTS / "6-copies.png"), full_page=True)
    assert errors == []


def test_web_browser_story_page(stories_server: str, browser: object) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{stories_server}/")
    page.click("header nav >> text=Stories")
    assert page.locator("table.stories tbody tr").count() == 4
    page.click("table.stories tbody tr >> nth=0 >> a")  # the biggest: the Riverton bridge
    page.wait_for_selector("table.coverage")
    assert "Riverton" in page.inner_text("h1")
    assert page.locator("table.coverage tbody tr").count() == 3  # three outlets, one row each
    assert page.locator("ul.story-articles li").count() == 3
    assert page.locator("svg.chart").count() == 1
    speakers = page.locator("ul.quotes .meta strong").all_inner_texts()
    assert "Helen Okafor" in speakers  # who said what, in each outlet
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
    page.screenshot(path=str(SHOTS / "7-story.png"), full_page=True)
    page.click("ul.story-articles li >> nth=1 >> a")  # to an article, and back to its story
    page.click("p.story-link a")
    assert "Riverton" in page.inner_text("h1")
    page.goto(f"{stories_server}/stories?q=terminal")
    page.click("table.stories tbody tr >> nth=0 >> a")
    assert page.inner_text("ul.conflicts li >> nth=0").startswith("conflict")
    assert "“$42 million” (#2) vs “$45 million” (#3)" in page.inner_text("ul.conflicts li >> nth=0")
    page.click("ul.conflicts li >> nth=0 >> a >> nth=1")  # the figure in its article
    assert page.url.endswith("#f" + page.url.split("#f")[-1]) and "/articles/" in page.url
    page.screenshot(path=str(SHOTS / "7-story-conflict.png"), full_page=True)
    assert errors == []


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def _audit(browser: object, base: str, paths: dict[str, str]) -> list[str]:
    """Every page at desktop and phone width: axe-core's serious and critical violations, a
    page wider than the screen, nested links, and not exactly one <h1>; a screenshot of each."""
    if not AXE.exists():
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{AXE} is missing: run `npm install` at the repository root (package.json)")
        pytest.skip("axe-core is not installed (npm install)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, path in paths.items():
        for width in (1280, 390):
            # the pages forbid inline scripts (CSP): the check is let in by the browser, not the page
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # type: ignore[attr-defined]
            page = context.new_page()
            response = page.goto(base + path)
            assert response is not None and response.status == 200, path
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                ".map(v => v.id + ' at ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
            )
            problems += [f"{path} @{width}: {v}" for v in found]
            shape = page.evaluate(
                "() => ({wide: document.documentElement.scrollWidth, h1: document.querySelectorAll('h1').length,"
                " nested: document.querySelectorAll('a a').length})"
            )
            if shape["wide"] > width:
                problems.append(f"{path} @{width}: the page is {shape['wide']} px wide")
            if shape["h1"] != 1 or shape["nested"]:
                problems.append(f"{path} @{width}: {shape['h1']} <h1>, {shape['nested']} nested links")
            page.screenshot(path=str(SHOTS / f"8-{name}-{width}.png"), full_page=True)
            context.close()
    return problems


def test_web_browser_every_page_is_accessible_at_desktop_and_phone_width(server: str, browser: object) -> None:
    pages = {
        "search": "/", "results": "/?q=remittances", "filtered": "/?q=remittances&since=2025-04&publisher=INQUIRER.net",
        "article": "/articles/1", "quotes": "/quotes?q=remittances", "figures": "/figures",
        "timeline": "/timeline?q=remittances", "compared": "/timeline?q=remittances&vs=council&share=true",
        "entities": "/entities", "entity": "/entities/Nayib%20Bukele",
        "stories": "/stories", "story": "/stories/1", "hostile": "/articles/2",
    }  # fmt: skip
    assert _audit(browser, server, pages) == []


def test_web_browser_story_and_copy_pages_are_accessible(
    stories_server: str, copies_server: str, browser: object
) -> None:
    problems = _audit(browser, stories_server, {"story-riverton": "/stories/1", "story-article": "/articles/1"})
    problems += _audit(browser, copies_server, {"compare": "/articles/3/compare"})
    assert problems == []
