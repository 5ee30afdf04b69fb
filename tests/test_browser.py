"""Real-browser checks of the built seed site: clean pages, working links, navigation, layout."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, expect

from tests.browser import SiteServer

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent / "artifacts" / "screenshots"
TOPIC_PAGE = "topics/ukraine.html"
ARTICLE_PAGE = "articles/five-takeaways-from-the-biden-putin-call.html"
STORY_PAGE = "stories/2021-12-06-tuesdays-biden-putin-phone-call-could-determine.html"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

LINKS_JS = """() => [...document.querySelectorAll('a[href], link[href], img[src], script[src]')].map(e => {
  const attribute = e.matches('img, script') ? 'src' : 'href';
  return {tag: e.tagName.toLowerCase(), value: e.getAttribute(attribute)};
})"""
IDS_JS = "() => [...document.querySelectorAll('[id]')].map(e => e.id)"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh desktop-sized browser context."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A page in a fresh context."""
    return context.new_page()


@pytest.fixture(scope="module")
def site_at_repo(seed_site: Path) -> Iterator[SiteServer]:
    """The seed site served under ``/repo/``, like a GitHub Pages project site."""
    with SiteServer(seed_site, "/repo/") as server:
        yield server


def is_internal(value: str) -> bool:
    """A link to the site itself: no scheme, no host, not fragment-only."""
    parts = urlsplit(value)
    return not (parts.scheme or parts.netloc or value.startswith("#"))


class Crawl:
    """Visits pages in one browser page and records everything a reader would see go wrong."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.ids: dict[str, set[str]] = {}
        self._status: dict[str, int] = {}
        self._fragment_links: list[tuple[str, str, str]] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: page error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def visit(self, url: str) -> list[str]:
        """Load ``url``, check its internal links, and return the fragment-free URLs they resolve to."""
        self.page.goto(url, wait_until="load")
        ids = set(self.page.evaluate(IDS_JS))
        self.ids[url] = ids
        targets = []
        for link in self.page.evaluate(LINKS_JS):
            value = link["value"]
            where = f"{url}: <{link['tag']}> {value!r}"
            if value.startswith("#"):
                if len(value) > 1 and unquote(value[1:]) not in ids:
                    self.problems.append(f"{where} points to no element id on the page")
                continue
            if not is_internal(value):
                continue
            target, fragment = urldefrag(urljoin(url, value))
            status = self._get(target)
            if status != 200:
                self.problems.append(f"{where} -> {target} answered HTTP {status}")
            if fragment:
                self._fragment_links.append((where, target, unquote(fragment)))
            targets.append(target)
        return targets

    def check_fragments(self) -> None:
        """Links such as ``other.html#L12`` must name an id on a visited target page."""
        for where, target, fragment in self._fragment_links:
            if target in self.ids and fragment not in self.ids[target]:
                self.problems.append(f"{where}: no element with id {fragment!r} on {target}")

    def _console(self, message: ConsoleMessage) -> None:
        """Record console errors."""
        source = message.location.get("url", "")
        if message.type == "error":
            self.problems.append(f"{self.page.url}: console error: {message.text} ({source or 'no source'})")

    def _failed(self, request: Request) -> None:
        """Record failed requests; a fetch cancelled by moving to the next page (the icon) is not a failure,
        and every linked file is fetched on its own by the link check."""
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"{self.page.url}: request failed: {request.url} ({request.failure})")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"{self.page.url}: HTTP {response.status} for {response.url}")

    def _get(self, url: str) -> int:
        if url not in self._status:
            self._status[url] = self.page.request.get(url).status
        return self._status[url]


def html_pages(folder: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to the site root."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def test_every_page_is_clean_and_its_links_resolve(page: Page, site_at_root: SiteServer, seed_site: Path) -> None:
    """Each page loads with no console error or failed request, and each internal link answers 200."""
    crawl = Crawl(page)
    for path in html_pages(seed_site):
        crawl.visit(site_at_root.url + path)
    crawl.check_fragments()
    assert crawl.problems == []


def test_site_under_a_sub_path_has_no_broken_links(page: Page, site_at_repo: SiteServer, seed_site: Path) -> None:
    """Served under /repo/, following links from the index reaches every article with no broken link."""
    crawl = Crawl(page)
    start = site_at_repo.url + "index.html"
    queue, seen = deque([start]), {start}
    while queue:
        for target in crawl.visit(queue.popleft()):
            if target.startswith(site_at_repo.url) and target.endswith(".html") and target not in seen:
                seen.add(target)
                queue.append(target)
    crawl.check_fragments()
    assert crawl.problems == []
    articles = {site_at_repo.url + path for path in html_pages(seed_site) if path.startswith("articles/")}
    assert articles, "the seed site has no article pages"
    assert articles - seen == set()


def test_click_through_from_disk(page: Page, seed_site: Path) -> None:
    """From index.html on disk: topic -> article -> related article -> topic chip, and back."""
    page.goto((seed_site / "index.html").as_uri())
    page.locator(".topic-card h3 a", has_text=re.compile(r"^Ukraine$")).click()
    expect(page).to_have_url(re.compile(r"/topics/ukraine\.html$"))

    first = page.locator("ol.cards .card h3 a").first
    title = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/articles/[^/]+\.html$"))
    expect(page.locator("h1")).to_have_text(title)
    assert page.evaluate("document.styleSheets.length") >= 1
    assert page.locator(".chip").first.evaluate("e => getComputedStyle(e).borderTopLeftRadius") != "0px"
    assert "Georgia" in page.evaluate("getComputedStyle(document.body).fontFamily")

    first_article = page.url
    related = page.locator("section.related ol > li > a").first
    related_title = related.inner_text()
    related.click()
    expect(page).to_have_url(re.compile(r"/articles/[^/]+\.html$"))
    assert page.url != first_article
    expect(page.locator("h1")).to_have_text(related_title)

    related_article = page.url
    chip = page.locator("article header .chips a.chip").first
    chip_name = chip.inner_text()
    chip.click()
    expect(page).to_have_url(re.compile(r"/topics/[^/]+\.html$"))
    expect(page.locator("h1")).to_have_text(chip_name)

    page.go_back()
    expect(page).to_have_url(related_article)
    expect(page.locator("h1")).to_have_text(related_title)


def test_evidence_is_marked_and_linked(page: Page, site_at_root: SiteServer) -> None:
    """Evidence sentences are highlighted, and each "Why these topics" link targets its sentence."""
    page.goto(site_at_root.url + ARTICLE_PAGE)
    expect(page.locator("mark.ev").first).to_be_visible()
    expect(page.locator('mark.ev[data-topics~="nord-stream-2"]').first).to_be_visible()

    links = page.locator('aside.why a[href^="#L"]')
    assert links.count() > 0
    for link in links.all():
        href = link.get_attribute("href")
        sentence = " ".join(link.inner_text().split())
        link.click()
        assert page.evaluate("location.hash") == href
        target = page.locator(f"[id='{href[1:]}']")
        expect(target).to_be_in_viewport()
        assert sentence in " ".join(page.evaluate("document.querySelector(location.hash).textContent").split())


def _highlighted(page: Page, topic_id: str) -> bool:
    """Whether the first evidence mark for a topic is visibly highlighted."""
    return page.locator(f'mark.ev[data-topics~="{topic_id}"]').first.evaluate(
        "m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)'")


def test_one_topic_marks_at_a_time(page: Page, site_at_root: SiteServer) -> None:
    """All marks show by default; choosing a topic keeps only its marks; "none" clears them; no script needed."""
    context = page.context.browser.new_context(java_script_enabled=False)
    try:
        still = context.new_page()
        still.goto(site_at_root.url + ARTICLE_PAGE)
        assert _highlighted(still, "nord-stream-2") and _highlighted(still, "alliances")
        still.get_by_label("Nord Stream 2").check()
        assert _highlighted(still, "nord-stream-2") and not _highlighted(still, "alliances")
        still.get_by_label("none").check()
        assert not _highlighted(still, "nord-stream-2")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["index.html", TOPIC_PAGE, ARTICLE_PAGE, STORY_PAGE, "people/jake-sullivan.html"])
def test_no_horizontal_overflow_on_a_phone(browser: Browser, site_at_root: SiteServer, path: str) -> None:
    """At 390 px wide the page needs no sideways scrolling."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        phone = context.new_page()
        phone.goto(site_at_root.url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    finally:
        context.close()


def test_screenshots(browser: Browser, site_at_root: SiteServer) -> None:
    """Full-page screenshots of the index, a topic and an article at desktop and phone widths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = []
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            shot = context.new_page()
            for name, path in (("index", "index.html"), ("topic", TOPIC_PAGE), ("article", ARTICLE_PAGE)):
                shot.goto(site_at_root.url + path)
                file = SCREENSHOTS / f"{name}-{width}.png"
                file.unlink(missing_ok=True)
                shot.screenshot(path=file, full_page=True)
                saved.append(file)
        finally:
            context.close()
    print(f"screenshots saved in {SCREENSHOTS}")
    for file in saved:
        data = file.read_bytes()
        assert len(data) > len(PNG_SIGNATURE) and data.startswith(PNG_SIGNATURE), file


def test_search_finds_an_article_by_a_body_word_and_by_topic(page: Page, site_at_root: SiteServer) -> None:
    """Pagefind, served over HTTP: a word from one body finds that article; a topic filter narrows results."""
    page.goto(site_at_root.url + "search.html")
    box = page.locator(".pagefind-ui__search-input")
    box.fill("Sullivan")
    results = page.locator("li.pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a")
    expect(results.first).to_have_text("Five takeaways from the Biden-Putin call")
    expect(results).to_have_count(1)

    box.fill("Biden")
    expect(results).to_have_count(5)
    page.locator(".pagefind-ui__filter-name", has_text="topic").click()
    page.get_by_label("Nord Stream 2").check()
    expect(results).to_have_count(2)
    titles = sorted(results.all_inner_texts())
    assert titles == ["Five takeaways from the Biden-Putin call", "Russia-US Video Call: The Primary Takeaways"]


def test_search_from_disk_says_it_needs_a_server(page: Page, seed_site: Path) -> None:
    """Opened from disk, where Pagefind cannot load, the page explains instead of failing silently."""
    page.goto((seed_site / "search.html").as_uri())
    expect(page.locator("#search-unavailable")).to_be_visible()
    expect(page.locator("#search-unavailable")).to_contain_text("served over HTTP")


def test_why_these_topics_explains_each_decision_and_links_the_record(page: Page, site_at_root: SiteServer) -> None:
    """A reader sees why each topic was assigned or fell short, and can open the article's JSON record."""
    page.goto(site_at_root.url + "articles/will-joe-biden-boost-low-level-us-russia-relations.html")
    why = page.locator("aside.why")
    expect(why.locator("ul.mentions li").first).to_contain_text("below the threshold")
    expect(why.locator("ul.mentions li").first).to_contain_text("body sentences")
    page.goto(site_at_root.url + ARTICLE_PAGE)
    expect(page.locator("aside.why p.reason").first).to_contain_text("reaches the threshold")
    page.get_by_role("link", name="This article's record as JSON").click()
    page.wait_for_url("**/data/articles/*.json")
    page.wait_for_load_state()
    record = page.evaluate("JSON.parse(document.body.innerText)")
    assert record["slug"] == "five-takeaways-from-the-biden-putin-call"
    assert record["origin"]["title"] == "first line"
    assert {t["id"] for t in record["topics"]} == {"ukraine", "nato-expansion", "nord-stream-2", "alliances"}
    assert all(p["line"] > 0 for s in record["sections"] for p in s["paragraphs"])
    assert {r["rule"] for r in record["removed"]} >= {"captions", "embeds"}
