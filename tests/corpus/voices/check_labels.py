#!/usr/bin/env python3
"""Sanity-check the voices corpus labels. Read-only: it never writes a file.

Run from anywhere:  /work/main/.venv/bin/python tests/corpus/voices/check_labels.py
Checks: every yaml parses; every label's text sits between a pair of quotation
marks on its line; `how` is a known value; every quoted span of 3+ words in a
new text is labelled; the known seed quotes are present. Prints counts per split.
"""
import re, sys
from collections import Counter
from pathlib import Path
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
HOWS = {"said-after", "said-before", "colon", "according-to", "previous-sentence",
        "continued", "none", "title", "scare"}
PAIRS = [("“", "”"), ('"', '"'), ("‘", "’")]
KNOWN_SEED = ["If we conclude and the Russians conclude", "say whether or not we are on the right path",
              "There was a lot of give and take; there was no finger wagging",
              "in daily contact with the key capitals and with Brussels",
              "our expectation is that the pipeline will be suspended"]
SPAN = re.compile(r'“([^“”]*)”|"([^"\n]*)"')

errors = []
def err(msg): errors.append(msg)

counts = {}          # split -> Counter
texts_per_split = Counter()
all_seed_texts = []
for y in sorted(HERE.glob("*.yaml")):
    try:
        doc = yaml.safe_load(y.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        err(f"{y.name}: does not parse: {e}"); continue
    rel = doc.get("file") or y.with_suffix(".txt").name
    path = (REPO / rel) if doc.get("file") else (HERE / rel)
    if not path.exists():
        err(f"{y.name}: text file {path} missing"); continue
    lines = path.read_text(encoding="utf-8").split("\n")
    split = doc.get("split")
    if split not in ("tuning", "heldout"): err(f"{y.name}: bad split {split!r}")
    if not doc.get("file"):
        for k in ("source_url", "licence", "source"):
            if not doc.get(k): err(f"{y.name}: missing {k}")
    texts_per_split[split] += 1
    c = counts.setdefault(split, Counter())
    labelled = set()
    for i, qd in enumerate(doc.get("quotes") or []):
        where = f"{y.name} quote {i+1}"
        ln, text, how = qd.get("line"), qd.get("text"), qd.get("how")
        if how not in HOWS: err(f"{where}: unknown how {how!r}")
        if not isinstance(ln, int) or not 1 <= ln <= len(lines):
            err(f"{where}: bad line {ln}"); continue
        line = lines[ln - 1]
        if text not in line:
            err(f"{where}: text not on line {ln}"); continue
        if qd.get("unclosed"):
            ok = any(o + text in line and line.rstrip().endswith(text) for o, _ in PAIRS)
        else:
            ok = any(o + text + cl in line for o, cl in PAIRS)
        if not ok: err(f"{where}: text is not exactly the span between quotation marks")
        if len(text.split()) < 3: err(f"{where}: fewer than 3 words")
        spk = qd.get("speaker")
        if how == "none" and spk is not None: err(f"{where}: how none but speaker set")
        if spk is not None and not qd.get("named_as"): err(f"{where}: speaker without named_as")
        c["attributed" if spk is not None else "unattributed"] += 1
        labelled.add((ln, text))
        if doc.get("file"): all_seed_texts.append(text)
    # coverage: every closed span of 3+ words in a new text must be labelled
    if not doc.get("file"):
        for n, line in enumerate(lines, 1):
            for m in SPAN.finditer(line):
                s = m.group(1) if m.group(1) is not None else m.group(2)
                if len(s.split()) >= 3 and (n, s) not in labelled:
                    err(f"{y.name}: unlabelled span on line {n}: {s[:60]!r}")
for k in KNOWN_SEED:
    if not any(k in t for t in all_seed_texts): err(f"seed quote missing: {k!r}")

for e in errors: print("ERROR", e)
total = Counter()
for split in sorted(counts):
    c = counts[split]; total.update(c)
    print(f"{split:8s} texts={texts_per_split[split]:3d} quotes={sum(c.values()):4d} "
          f"attributed={c['attributed']} unattributed={c['unattributed']}")
print(f"{'total':8s} texts={sum(texts_per_split.values()):3d} quotes={sum(total.values()):4d} "
      f"attributed={total['attributed']} unattributed={total['unattributed']}")
sys.exit(1 if errors else 0)
