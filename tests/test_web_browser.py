"""The web pages in a real browser: Playwright driving Debian's chromium, headless,
against ``dateline serve``'s app on a loopback port. Open the stories, open a story,
expand an entry and see its cited sentence marked, filter by an actor, paste an article
and see it in its story; hostile text fires nothing; no serious accessibility violation
(axe-core) on any page; screenshots of each page at desktop and phone width.

Chromium comes from Debian (``.ci/run`` installs it); where it is missing the tests are
skipped, unless ``DATELINE_REQUIRE_BROWSER`` is set, as CI sets it.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

import dateline
from clikit import invoke
from conftest import DATA, free_port, new_db
from dateline.web import create_app

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("DATELINE_REQUIRE_BROWSER"):
        raise RuntimeError("chromium is not on PATH: apt-get install chromium")
    pytest.skip("chromium is not on PATH (apt-get install chromium)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
HOSTILE = {
    "url": "https://harbour.test/hostile",
    "title": 'Harbour talks <script>window.__xss = "title"</script>"><img src=x onerror="window.__xss=1">',
    "publisher": "Quay News",
    "published": "2026-02-03",
    "text": (
        "Harbour officials met union leaders on Tuesday to end the port strike, the port "
        'authority said. <img src=x onerror="window.__xss=2"> \u202egnirts desrever\u202c '
        "' onmouseover='window.__xss=3' x='\n\n"
        "The talks will resume next week, the union's negotiator said."
    ),
}
PASTED = (
    "Ferry strike halts island crossings\n\n"
    "Ferry crews walked out on Thursday over pay, halting every crossing to the islands, "
    "the operator said.\n\n"
    "The union said the strike would last until the operator returned to talks."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``dateline serve``'s app over a store the CLI filled, on a loopback port."""
    import uvicorn

    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n")
    db = new_db(folder, "browser")
    for source in (DATA / "link" / "talks.jsonl", hostile):
        assert invoke("ingest", source, "--db", db).exit_code == 0
    port = free_port()
    app = create_app(dateline.Settings(db=db, jobs=1))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.dialogs = []  # type: ignore[attr-defined]
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


def shots_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DATELINE_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def serious_violations(page: Page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']})" for v in found if v["impact"] in ("serious", "critical")]


def test_open_a_story_and_check_an_entry_against_its_source(server, page):
    page.goto(server + "/")
    page.locator("a.story-title").first.click()
    expect(page.locator("h2#timeline-h")).to_be_visible()
    entry = page.locator(".timeline details").first
    entry.locator("summary").click()
    expect(entry.locator("mark").first).to_be_visible()
    expect(entry.locator(".source a").first).to_be_visible()
    before = entry.locator("summary").bounding_box()
    page.keyboard.press("Tab")  # keyboard reaches the page's controls
    assert before is not None and before["height"] > 0


def test_filter_a_story_by_an_actor(server, page):
    page.goto(server + "/")
    page.locator("a.story-title").first.click()
    options = page.locator("select[name=actor] option")
    assert options.count() > 1
    value = options.nth(1).get_attribute("value")
    page.select_option("select[name=actor]", value)
    page.get_by_role("button", name="Filter").click()
    assert f"actor={value}" in page.url
    expect(page.locator("select[name=actor]")).to_have_value(value)


def test_paste_an_article_and_see_it_in_its_story(server, page):
    page.goto(server + "/ingest")
    page.fill("#text", PASTED)
    page.fill("input[name=publisher]", "Island Post")
    page.fill("input[name=published]", "2026-03-06")
    page.get_by_role("button", name="Add").click()
    expect(page.locator(".status")).to_have_attribute("data-state", "done", timeout=120_000)
    page.locator(".went a[href^='/stories/']").first.click()
    expect(page.locator(".articles a", has_text="Ferry strike halts")).to_be_visible()
    expect(page.get_by_text("Ferry crews walked out").first).to_be_attached()


def test_hostile_text_fires_nothing(server, page):
    page.goto(server + "/search?q=harbour+officials")
    page.locator(".hits a").first.click()
    expect(page.locator("h1")).to_contain_text("<script>")
    article = page.url
    story = page.locator("a[href^='/stories/']").first.get_attribute("href")
    for url in (article, server + story, server + "/"):
        page.goto(url)
        page.mouse.move(10, 10)
        page.wait_for_timeout(200)
        assert page.evaluate("window.__xss") is None, url
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_every_page_is_accessible_and_drawn_at_both_widths(server, browser, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/")
    story = page.locator("a.story-title").first.get_attribute("href")
    page.goto(server + story)
    article = page.locator(".cited .source a").first.get_attribute("href")
    pages = {"stories": "/", "story": story, "article": article, "search": "/search?q=talks",
             "ingest": "/ingest"}  # fmt: skip
    folder = shots_folder(tmp_path)
    problems = {}
    for name, path in pages.items():
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            page.goto(server + path)
            page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width + 1, f"{name} scrolls sideways at {width}px"
        problems[name] = serious_violations(page)
    context.close()
    assert all(not found for found in problems.values()), problems
