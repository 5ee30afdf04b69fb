"""What a story page shows of each article: its lead, and the sentences only it has (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.analyse.sentences import split_sentences
from digest.analyse.stories import STOPWORDS
from digest.records import TaggedArticle

ADDED_SHOWN = 3
"""At most this many sentences a source adds are shown per article."""
NEW_SHARE = 0.6
"""A sentence is one only this article has when at least this share of its content words are in no other."""


@dataclass(frozen=True)
class Coverage:
    """One article of a story as the story page shows it."""

    tagged: TaggedArticle
    lead: str
    """Its first sentence."""
    adds: tuple[tuple[str, int], ...]
    """Sentences no other article of the story has, with their source lines."""


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z’'\-]+", text.casefold()) if len(w) > 3 and w not in STOPWORDS}


def coverage(members: list[TaggedArticle]) -> list[Coverage]:
    """Each article's lead and what it adds over the others, in the story's order."""
    sentences = [[(s, p.ref.line) for p in a.article.paragraphs for s in split_sentences(p.text)] for a in members]
    words = [set().union(*(_content(s) for s, _ in mine)) if mine else set() for mine in sentences]
    result = []
    for index, tagged in enumerate(members):
        others = set().union(*(w for i, w in enumerate(words) if i != index))
        adds = []
        for sentence, line in sentences[index][1:]:
            content = _content(sentence)
            if len(content) >= 4 and len(content - others) / len(content) >= NEW_SHARE:
                adds.append((sentence, line))
        lead = tagged.article.standfirst or (sentences[index][0][0] if sentences[index] else "")
        result.append(Coverage(tagged, lead, tuple(adds[:ADDED_SHOWN])))
    return result
