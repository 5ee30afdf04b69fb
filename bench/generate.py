"""Write a seeded corpus of news-like articles into a fresh project folder.

Sentences are sampled from the project's own articles, so the default topics occur about as
often as they do in real coverage. Usage: ``python bench/generate.py N DEST [--seed S]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("The Straits Times", "Reuters", "Associated Press", "Al Jazeera", "Deutsche Welle", "The Guardian",
           "Kyiv Independent", "Politico Europe", "Financial Times", "Le Monde")
AUTHORS = ("Jane Doe", "Ivan Petrenko", "Maria Schmidt", "Ahmed Khan", "Li Wei", "Sofia Rossi", "Tom Becker")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘])")


def sentence_pool(folder: Path) -> list[str]:
    """Body sentences from the article files in ``folder``: lines of 12 words or more, split into sentences."""
    pool = []
    for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.split()) >= 12 and not line.startswith(("---", "#")):
                pool.extend(s.strip() for s in _SENTENCE.split(line) if len(s.split()) >= 5)
    return pool


def article(rng: random.Random, pool: list[str], number: int) -> str:
    """One article: front matter, then 600-900 words in paragraphs of 2-5 sentences."""
    target = rng.randint(600, 900)
    paragraphs, words = [], 0
    while words < target:
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    title = " ".join(rng.choice(pool).split()[:rng.randint(6, 10)]).rstrip(",.;:")
    date = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(365 * 3))
    front = (f'---\ntitle: "{title.replace(chr(34), chr(39))} ({number})"\ndate: {date.isoformat()}\n'
             f"source: {rng.choice(SOURCES)}\nauthor: {rng.choice(AUTHORS)}\n---\n")
    return front + "\n\n".join(paragraphs) + "\n"


def generate(count: int, dest: Path, seed: int = 1, first: int = 0) -> list[Path]:
    """Create (or extend) a project at ``dest`` with ``count`` articles numbered from ``first``."""
    rng = random.Random(f"{seed}:{first}")
    pool = sentence_pool(ROOT / "articles")
    articles = dest / "articles"
    if not articles.exists():
        articles.mkdir(parents=True)
        for name in ("digest.yaml", "topics.yaml"):
            shutil.copy(ROOT / name, dest / name)
    written = []
    for number in range(first, first + count):
        path = articles / f"bench-{number:06d}.md"
        path.write_text(article(rng, pool, number), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("dest", type=Path, help="project folder to create")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    generate(args.count, args.dest, args.seed)
    print(f"Wrote {args.count} articles into {args.dest / 'articles'}")


if __name__ == "__main__":
    main()
