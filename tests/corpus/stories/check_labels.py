#!/usr/bin/env python3
"""Read-only sanity check of tests/corpus/stories/ (run from anywhere).

Checks: every yaml parses; new texts have the required fields and a .txt; every pair's files
exist; no pair is listed twice (in either order); a pair's split is heldout iff one of its texts
is heldout; same_event agrees with the event ids (new texts: their yaml `event`; existing texts:
the EXISTING_EVENTS table below, decided when labelling). Prints counts per split.
"""
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]          # repo root (tests/corpus/stories -> repo)

# Event ids decided for existing texts that appear in pairs, and their split
# (seeds have no split of their own; 003 is put with its heldout event group).
EXISTING_EVENTS = {
    "articles/000_5942b49b410fd248.txt": ("biden-putin-call-2021-12-07", "tuning"),
    "articles/001_7175a7e198ed7ad5.txt": ("biden-putin-call-2021-12-07", "tuning"),
    "articles/004_cb0caa5794b2883b.txt": ("biden-putin-call-2021-12-07", "tuning"),
    "articles/002_a6398a6266833cdf.txt": ("us-russia-relations-after-geneva-summit-2021-06", "tuning"),
    "articles/003_5f423ee80351fc58.txt": ("blinken-lavrov-geneva-2022-01-21", "heldout"),
}
CORPUS_EVENTS = {   # existing tests/corpus texts: event id (split is read from their yaml)
    "100": "blinken-kuleba-call-2022-02-28",
    "101": "biden-zelenskyy-call-2023-10-19",
    "102": "biden-zelenskyy-call-2023-08-24",
    "103": "blinken-kuleba-call-2022-03",
    "104": "blinken-kuleba-call-2024-05-31",
    "107": "finland-nato-accession-2023-04-04",
    "108": "biden-clarifies-incursion-remarks-2022-01-20",
    "110": "sweden-nato-accession-2024-03-07",
    "111": "finland-nato-accession-2023-04-04",
    "113": "finland-sweden-nato-applications-2022-05-18",
    "114": "us-russia-ssd-geneva-2022-01-10",
    "115": "us-russia-ssd-geneva-2022-01-10",
    "200": "biden-call-european-allies-2021-12-07",
    "206": "ns2-peesa-report-2021-08-20",
    "207": "ns2-waiver-2021-05-19",
    "208": "senate-vote-cruz-ns2-bill-2022-01-13",
    "209": "ns2-halt-2022-02",
    "217": "quad-leaders-summit-2021-09-24",
    "306": "keystone-pipeline-background",
    "313": "zika-funding-2016",
    "400": "nato-accession-protocols-signed-2022-07-05",
    "404": "finland-sweden-nato-applications-2022-05-18",
    "405": "quad-consultations-singapore-2018-11-15",
    "406": "biden-ratifies-finland-sweden-protocols-2022-08",
    "410": "ns2-waiver-2021-05-19",
}
REQUIRED = ["source_url", "licence", "split", "source", "title", "date", "event"]

errors = []


def err(msg):
    errors.append(msg)


def load_yaml(path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except Exception as e:  # noqa: BLE001
        err(f"{path}: does not parse: {e}")
        return None


# new texts
info = {}   # repo-relative path -> (event, split)
for y in sorted(HERE.glob("[0-9][0-9][0-9]-*.yaml")):
    meta = load_yaml(y)
    if not isinstance(meta, dict):
        continue
    for k in REQUIRED:
        if k not in meta:
            err(f"{y.name}: missing field {k}")
    if meta.get("split") not in ("tuning", "heldout"):
        err(f"{y.name}: bad split {meta.get('split')!r}")
    txt = y.with_suffix(".txt")
    if not txt.exists():
        err(f"{y.name}: no {txt.name}")
    else:
        txt.read_text(encoding="utf-8")  # must be UTF-8
    info[str(txt.relative_to(ROOT))] = (meta.get("event"), meta.get("split"))

for p, v in EXISTING_EVENTS.items():
    info[p] = v
for y in sorted((ROOT / "tests/corpus").glob("[0-9][0-9][0-9]-*.yaml")):
    num = y.name[:3]
    if num in CORPUS_EVENTS:
        meta = load_yaml(y) or {}
        info[str(y.with_suffix(".txt").relative_to(ROOT))] = (CORPUS_EVENTS[num], meta.get("split"))

# new texts of one event share a split
ev_split = {}
for p, (ev, sp) in info.items():
    if "/stories/" in p:
        ev_split.setdefault(ev, set()).add(sp)
for ev, sps in ev_split.items():
    if len(sps) > 1:
        err(f"event {ev}: new texts in both splits")

pairs = load_yaml(HERE / "pairs.yaml") or []
seen = set()
counts = Counter()
for i, pr in enumerate(pairs, 1):
    a, b = pr.get("a"), pr.get("b")
    tag = f"pair {i} ({a} / {b})"
    for k in ("a", "b", "same_event", "split", "why"):
        if k not in pr:
            err(f"{tag}: missing {k}")
    for p in (a, b):
        if not (ROOT / p).exists():
            err(f"{tag}: file {p} does not exist")
        if p not in info:
            err(f"{tag}: no event id known for {p}")
    if a == b:
        err(f"{tag}: a text paired with itself")
    key = frozenset((a, b))
    if key in seen:
        err(f"{tag}: listed twice")
    seen.add(key)
    if a in info and b in info:
        (ea, sa), (eb, sb) = info[a], info[b]
        if (ea == eb) != bool(pr.get("same_event")):
            err(f"{tag}: same_event={pr.get('same_event')} but events {ea} / {eb}")
        want = "heldout" if "heldout" in (sa, sb) else "tuning"
        if pr.get("split") != want:
            err(f"{tag}: split {pr.get('split')} but should be {want}")
    counts[(pr.get("split"), bool(pr.get("same_event")))] += 1

total = sum(counts.values())
for sp in ("tuning", "heldout"):
    pos, neg = counts[(sp, True)], counts[(sp, False)]
    print(f"{sp:8s} {pos + neg:3d} pairs: {pos:2d} positive, {neg:2d} negative")
pos_all = counts[("tuning", True)] + counts[("heldout", True)]
held = counts[("heldout", True)] + counts[("heldout", False)]
print(f"total    {total:3d} pairs: {pos_all} positive ({pos_all / max(total, 1):.0%}), "
      f"heldout {held / max(total, 1):.0%}")
new = [p for p in info if "/stories/" in p]
print(f"new texts: {len(new)}; events among new texts: {len({info[p][0] for p in new})}")
if errors:
    print("\nERRORS:")
    for e in errors:
        print(" -", e)
    sys.exit(1)
print("OK")
