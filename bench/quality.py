"""Score the cleaner, the tagger, quotations and stories on the labelled corpus in ``tests/corpus/``; print a Markdown table.

Usage: ``python bench/quality.py [--split tuning|heldout|all] [--misses N] [--floors bench/floors.yaml]``.
Pasted texts are in ``tests/corpus/``; saved HTML pages (``pages ...`` figures, with trafilatura alone
beside digest's own) in ``tests/corpus/html/``; quotations with their speakers (``quotes ...``) in
``tests/corpus/voices/``; same-event pairs (``story pairs ...``) in ``tests/corpus/stories/``.
With ``--floors``, exits 1 when a figure falls below its floor (CI runs it on the tuning part).
Body figures are precision, recall and F1 over 4-word shingles of the published body against the
labelled article text, per text, averaged over texts (as the public article-extraction benchmarks do).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.corpus import Reading, load_corpus, project_settings, read, same_title  # noqa: E402
from bench.pages import load_pages, page_figures, page_misses, read_page  # noqa: E402
from bench.stories import grouped, load_pairs, story_figures, story_misses  # noqa: E402
from bench.voices import load_voices, voices_figures, voices_misses  # noqa: E402

TOPICS = ("ukraine", "nato-expansion", "nord-stream-2", "alliances")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Overlapping word n-grams of the lower-cased text."""
    words = re.findall(r"\w+", text.casefold())
    return Counter(tuple(words[i:i + size]) for i in range(max(0, len(words) - size + 1)))


def prf(found: Counter, wanted: Counter) -> tuple[float, float, float]:
    """Precision, recall and F1 of one multiset against another (1.0 each when both are empty)."""
    common = sum((found & wanted).values())
    precision = common / sum(found.values()) if found else float(not wanted)
    recall = common / sum(wanted.values()) if wanted else float(not found)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def score(readings: list[Reading]) -> dict[str, float]:
    """Every figure the table shows, by name."""
    figures: dict[str, float] = {}
    for kind in ("whole-page", "article-region"):
        group = [r for r in readings if r.labelled.kind == kind]
        body = [prf(shingles(r.body_text), shingles(_reference(r))) for r in group]
        for index, name in enumerate(("precision", "recall", "f1")):
            figures[f"{kind} body {name}"] = _mean([b[index] for b in body])
        whole = [prf(shingles("\n".join(r.labelled.lines)), shingles(_reference(r)))[2] for r in group]
        figures[f"{kind} body f1 of the paste kept whole"] = _mean(whole)
        figures[f"{kind} headline found"] = _mean([float(same_title(r.tagged.article.title, r.labelled.title))
                                                   for r in group if r.labelled.title])
        furniture = [(n, r) for r in group for n in r.labelled.furniture if r.labelled.lines[n - 1].strip()]
        figures[f"{kind} furniture removed"] = _mean([float(n not in r.kept) for n, r in furniture])
        real = [(n, r) for r in group for n in r.labelled.body_lines]
        figures[f"{kind} real lines lost"] = _mean([float(n not in r.kept) for n, r in real])
        words = [len(r.labelled.lines[n - 1].split()) for n, r in real]
        lost = [len(r.labelled.lines[n - 1].split()) for n, r in real if n not in r.kept]
        figures[f"{kind} real words lost"] = sum(lost) / sum(words) if words else float("nan")
    counts = {topic: Counter() for topic in TOPICS}
    for r in readings:
        found = {t.topic_id for t in r.tagged.assigned}
        for topic in TOPICS:
            wanted = topic in r.labelled.topics
            counts[topic]["tp" if wanted and topic in found else "fn" if wanted else "fp" if topic in found else "tn"] += 1
    for topic, c in [*counts.items(), ("micro", sum(counts.values(), Counter()))]:
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        figures[f"topics {topic} precision"], figures[f"topics {topic} recall"] = precision, recall
        figures[f"topics {topic} f1"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    clean = [r for r in readings if r.labelled.category in ("off-topic", "trap")]
    figures["off-topic and trap texts with a tag"] = float(sum(bool(r.tagged.assigned) for r in clean))
    return figures


def _reference(r: Reading) -> str:
    return "\n".join(r.labelled.lines[n - 1] for n in r.labelled.body_lines)


def furniture_by_kind(readings: list[Reading]) -> list[tuple[str, int, int]]:
    """(kind, lines labelled, lines removed), busiest kind first."""
    total, removed = Counter(), Counter()
    for r in readings:
        for n, kind in r.labelled.furniture.items():
            if r.labelled.lines[n - 1].strip():
                total[kind] += 1
                removed[kind] += n not in r.kept
    return [(kind, total[kind], removed[kind]) for kind, _ in total.most_common()]


def misses(readings: list[Reading]) -> list[str]:
    """Every mistake, one line each: furniture kept, real lines lost, wrong headlines and tags."""
    out = []
    for r in readings:
        lab, art = r.labelled, r.tagged.article
        if lab.title and not same_title(art.title, lab.title):
            out.append(f"{lab.name}: headline: found {art.title[:70]!r}, expected {lab.title[:70]!r}")
        for n in sorted(lab.furniture):
            if n in r.kept and lab.lines[n - 1].strip():
                out.append(f"{lab.name}:{n}: furniture kept ({lab.furniture[n]}): {lab.lines[n - 1].strip()[:90]!r}")
        for n in lab.body_lines:
            if n not in r.kept:
                rule = r.removed_by.get(n, "not kept")
                out.append(f"{lab.name}:{n}: real line lost ({rule}): {lab.lines[n - 1].strip()[:90]!r}")
        found = {t.topic_id: t for t in r.tagged.tags}
        for topic in TOPICS:
            tag, wanted = found.get(topic), topic in lab.topics
            if wanted != bool(tag and tag.assigned):
                what = "missed" if wanted else "false tag"
                out.append(f"{lab.name}: topic {what}: {topic} (score {tag.score if tag else 0})")
    return out


def table(figures: dict[str, float], kinds: list[tuple[str, int, int]], split: str, count: int, pages: int) -> str:
    """The figures as Markdown."""
    rows = [f"Corpus part: {split} ({count} texts, {pages} saved pages)", "", "| figure | value |", "|---|---:|"]
    rows += [f"| {name} | {_shown(name, value)} |" for name, value in figures.items()]
    rows += ["", "| furniture kind | lines | removed | share |", "|---|---:|---:|---:|"]
    rows += [f"| {kind} | {total} | {gone} | {gone / total:.0%} |" for kind, total, gone in kinds]
    return "\n".join(rows)


def _shown(name: str, value: float) -> str:
    return f"{value:.0f}" if name.startswith("off-topic") or name.endswith("labelled") else f"{value:.3f}"


def voices_and_stories(split: str, config, taxonomy) -> tuple[dict[str, float], list[str]]:  # noqa: ANN001
    """The quotation and story figures of a split, and their misses. Stories are grouped over every text
    of the story corpus at once (both parts, as one site), and scored on the split's pairs."""
    texts = load_voices(split, config, frozenset(t.id for t in taxonomy.topics))
    pairs = load_pairs(split)
    stories = grouped(config, taxonomy)
    figures = {**voices_figures(texts), **story_figures(pairs, stories)}
    return figures, voices_misses(texts) + story_misses(pairs, stories)


def below_floors(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Figures under their floor (or, for counts and losses, over their ceiling)."""
    failures = []
    for name, floor in floors.items():
        value = figures[name]
        worse = value > floor if ("lost" in name or "with a tag" in name) else value < floor
        if worse:
            failures.append(f"{name}: {value:.3f} (limit {floor})")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tuning", "heldout", "all"), default="tuning")
    parser.add_argument("--misses", type=int, default=40, help="list this many misses (0: none)")
    parser.add_argument("--floors", type=Path, help="YAML of figure: limit; exit 1 when one is not met")
    args = parser.parse_args(argv)
    config, taxonomy = project_settings()
    readings = [read(t, config, taxonomy) for t in load_corpus(args.split)]
    figures = score(readings)
    topic_ids = frozenset(t.id for t in taxonomy.topics)
    pages = [read_page(p, config, topic_ids) for p in load_pages(args.split)]
    figures.update(page_figures(pages, prf, shingles))
    analysis, analysis_misses = voices_and_stories(args.split, config, taxonomy)
    figures.update(analysis)
    print(table(figures, furniture_by_kind(readings), args.split, len(readings), len(pages)))
    found = misses(readings) + page_misses(pages, prf, shingles) + analysis_misses
    if args.misses:
        print(f"\nMisses ({len(found)}):")
        print("\n".join(found[:args.misses]))
    if args.floors:
        failures = below_floors(figures, yaml.safe_load(args.floors.read_text(encoding="utf-8")))
        if failures:
            print("\nBelow the floors:\n" + "\n".join(failures))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
