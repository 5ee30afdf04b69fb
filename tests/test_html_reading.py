"""How a saved page's metadata is read: each kind of page convention that trafilatura alone gets wrong."""

from __future__ import annotations

import datetime as dt

from digest.read.config import Config
from digest.read.htmlpage import read_page
from digest.read.loader import parse_article

PROSE = ("<p>Foreign ministers of the alliance met on Thursday to agree on the next steps, officials said, after "
         "a week of talks in the capital that ran late into the night.</p>"
         "<p>The ministers will meet again next month to review progress on the plan, the statement added, and "
         "report to their governments before the summit in the spring.</p>")


def _page(head: str = "", top: str = "", article: str = PROSE, after: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>\n<header>{top}</header>\n"
            f"<main><article>\n{article}\n</article>{after}</main>\n<footer><p>© 2024 The Site</p></footer></body></html>")


def test_the_sites_name_is_taken_off_the_title_before_or_after_it() -> None:
    for title in ("Ministers agree next steps | The Daily Example", "The Daily Example » Ministers agree next steps"):
        page = read_page(_page(f"<title>{title}</title><meta property='og:site_name' content='The Daily Example'>"), "p.html")
        assert page.title == "Ministers agree next steps"


def test_the_headline_on_the_page_wins_over_a_differently_worded_metadata_title() -> None:
    page = read_page(_page("<meta property='og:title' content='Ministers agree on steps'>",
                           article="<h1>Alliance ministers agree on the next steps</h1>" + PROSE), "p.html")
    assert page.title == "Alliance ministers agree on the next steps"


def test_a_release_number_set_as_a_heading_is_not_the_headline() -> None:
    article = "<h1>Release Number 1234-23</h1><h1>Agency Fines Three Operators for Illegal Trading</h1>" + PROSE
    page = read_page(_page("<title>Agency Fines Three Operators for Illegal Trading | Agency</title>",
                           article=article), "p.html")
    assert page.title == "Agency Fines Three Operators for Illegal Trading"
    assert all("Release Number" not in b.text for b in page.blocks)


def test_the_site_logo_heading_is_not_the_headline() -> None:
    page = read_page(_page("<title>Example Voices » Ministers agree next steps</title>",
                           top="<h1 id='site-title'><a href='/'>Example Voices</a></h1>"), "p.html")
    assert page.title == "Ministers agree next steps"


def test_the_published_date_wins_over_the_modified_one_and_a_copyright_year() -> None:
    head = ("<meta property='article:modified_time' content='2022-03-04T09:00:00Z'>"
            "<meta name='article:published_time' value='2022-03-02T10:00:00Z'>")
    assert read_page(_page(head), "p.html").date == dt.date(2022, 3, 2)
    labelled = _page(article="<h1>Security advisory 7</h1><dl><dt>Announced</dt><dd>April 2, 2024</dd></dl>" + PROSE,
                     after="<p>Portions of this content are ©1998–2024 by individual contributors.</p>")
    assert read_page(labelled, "p.html").date == dt.date(2024, 4, 2)


def test_the_author_is_a_persons_name_from_the_byline() -> None:
    meta = read_page(_page("<meta name='author' content='Jane Q. Doe (https://example.org/jane/)'>"), "p.html")
    assert meta.author == "Jane Q. Doe"
    byline = _page(top="<div class='meta'><span>Por</span><span>Ana María Ruiz</span></div>",
                   after="<div class='teaser'><a class='teaser__author-link'>Someone Else Entirely</a></div>")
    assert read_page(byline, "p.html").author == "Ana María Ruiz"
    dated = _page(article="<div class='author-pane'>September 10, 2011 at 1:06 PM ET by "
                          "<a class='blog-author-link' href='/author/k'>Kay Writer</a></div>" + PROSE)
    assert read_page(dated, "p.html").author == "Kay Writer"


def test_excerpts_of_other_stories_are_not_the_article() -> None:
    """trafilatura keeps another story's excerpt set inside the article; the cleaning rules take it out."""
    teasers = ("<p>Another story begins here and runs on for a while before it is cut off in the middle of a "
               "sentence and [&#8230;]</p><p>Yet another story from the archive, cut off the same way as a "
               "teaser would be cut [...]</p>")
    article, _ = parse_article(_page(article="<h1>Ministers agree next steps</h1>" + PROSE + teasers).encode(),
                               "articles/p.html", Config(), frozenset())
    text = " ".join(p.text for p in article.paragraphs)
    assert "Foreign ministers of the alliance" in text
    assert "Another story" not in text and "Yet another story" not in text
    assert {r.rule for r in article.removed} == {"related_links"}
