"""A Hugo site comparable to digest's, built from the same generated articles, for a same-run comparison.

It has what digest's site has that costs time: a page per article with related content (by tags,
which carry each article's source and its sentence topics), a page per tag, a paginated index and an
RSS feed. Hugo is Debian's ``hugo`` package; without it the benchmark says so and skips this row.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

CONFIG = """\
baseURL = "http://example.org/"
title = "Bench"
disableKinds = ["sitemap", "robotsTXT"]
paginate = 20
[taxonomies]
  tag = "tags"
[related]
  includeNewer = true
  threshold = 0
  toLower = true
  [[related.indices]]
    name = "tags"
    weight = 100
  [[related.indices]]
    name = "date"
    weight = 10
"""

LAYOUTS = {
    "_default/baseof.html": "<!doctype html><html><head><title>{{ .Title }}</title></head>"
                            "<body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>"
                            "{{ range first 5 (.Site.RegularPages.Related .) }}<li><a href=\"{{ .RelPermalink }}\">"
                            "{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}"
                          "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    "index.html": "{{ define \"main\" }}<ul>{{ range (.Paginate .Site.RegularPages).Pages }}"
                  "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
}
_TOPIC_WORDS = {"ukraine": "ukraine", "nato": "nato", "nord stream": "nord-stream", "allies": "alliances"}
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def available() -> bool:
    """Whether Debian's hugo is installed."""
    return shutil.which("hugo") is not None


def make_site(articles: Path, dest: Path) -> None:
    """Write the Hugo site for the articles in ``articles`` (generated Markdown with front matter)."""
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "content" / "posts").mkdir(parents=True)
    (dest / "config.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = dest / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for source in sorted(articles.glob("*.md")):
        (dest / "content" / "posts" / source.name).write_text(_with_tags(source.read_text(encoding="utf-8")),
                                                              encoding="utf-8")


def _with_tags(text: str) -> str:
    match = _FRONT.match(text)
    front, body = (match.group(1), text[match.end():]) if match else ("", text)
    lowered = body.lower()
    tags = sorted({tag for word, tag in _TOPIC_WORDS.items() if word in lowered})
    source = re.search(r"^source: (.+)$", front, re.MULTILINE)
    if source:
        tags.append(re.sub(r"\W+", "-", source.group(1).lower()).strip("-"))
    return f"---\n{front}\ntags: [{', '.join(tags)}]\n---\n{body}"
