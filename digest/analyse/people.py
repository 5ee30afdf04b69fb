"""People: everyone the articles quote or name in full with a title, across the site (pure).

A person is known by the fullest name the articles give: a speaker an article names only by surname
("Sullivan") is the one person of that surname named in full elsewhere, when there is exactly one. The
spellings transliteration gives one name ("Sergei Lavrov" and "Sergey Lavrov", "Zelensky" and "Zelenskyy")
are one person, shown by the spelling the articles use most. An organisation that speaks ("State
Department") is listed by its whole name and never merged by its last word.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from digest.analyse.organisations import ORGANISATION_ROLE
from digest.read.slugs import make_slug, unique_id
from digest.records import Quote, TaggedArticle


@dataclass(frozen=True)
class Person:
    """One person, the articles naming them and what they are quoted saying."""

    id: str
    """Stable id used in URLs, from the name."""
    name: str
    roles: tuple[str, ...]
    """Their titles as the articles give them, most used first."""
    slugs: tuple[str, ...]
    """The articles naming or quoting them, newest first (in the site's order)."""
    quotes: tuple[tuple[str, Quote], ...]
    """(article slug, quotation), in the site's order and then the article's."""
    aliases: tuple[str, ...] = ()
    """Every name the articles give them by ("Sullivan" as well as "Jake Sullivan")."""


def spelling_key(name: str) -> str:
    """What the spellings of one name have in common: no accents or case, "ks" for "x", "i" for "y" and for a
    run of them (Sergei, Sergey; Zelensky, Zelenskyy, Zelenskiy; Alexei, Aleksey; Dmitri, Dmitry)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    return _IS.sub("i", folded.replace("x", "ks").replace("y", "i"))


_IS = re.compile("i+")


def gather_people(articles: Sequence[TaggedArticle]) -> tuple[Person, ...]:
    """Every person quoted or named with a title, by name; ``articles`` in the site's order."""
    bodies = {q.speaker for a in articles for q in a.quotes if q.speaker and q.role == ORGANISATION_ROLE}
    mentions = Counter(name for a in articles for name in [n for n, _ in a.people] + [q.speaker for q in a.quotes]
                       if name and " " in name and name not in bodies)
    spellings: dict[str, list[str]] = defaultdict(list)
    for name in sorted(mentions):
        spellings[spelling_key(name)].append(name)
    shown = {key: max(names, key=lambda n: (mentions[n], n)) for key, names in spellings.items()}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for name in shown.values():
        by_surname[spelling_key(name.split()[-1])].add(name)

    canonical_names: dict[str, str] = {}

    def canonical(name: str) -> str:
        if name not in canonical_names:
            if name in bodies:
                canonical_names[name] = name
            elif " " in name:
                canonical_names[name] = shown.get(spelling_key(name), name)
            else:
                found = by_surname.get(spelling_key(name), set())
                canonical_names[name] = next(iter(found)) if len(found) == 1 else name
        return canonical_names[name]

    roles: dict[str, Counter[str]] = defaultdict(Counter)
    slugs: dict[str, list[str]] = defaultdict(list)
    quotes: dict[str, list[tuple[str, Quote]]] = defaultdict(list)
    aliases: dict[str, set[str]] = defaultdict(set)
    for tagged in articles:
        slug = tagged.article.slug
        named = [(name, role) for name, role in tagged.people]
        named += [(q.speaker, q.role) for q in tagged.quotes if q.speaker]
        for name, role in named:
            person = canonical(name)
            aliases[person].add(name)
            if not slugs[person] or slugs[person][-1] != slug:
                slugs[person].append(slug)
            if role:
                roles[person][role] += 1
        for quote in tagged.quotes:
            if quote.speaker:
                quotes[canonical(quote.speaker)].append((slug, quote))
    taken: set[str] = set()
    people = []
    for name in sorted(slugs, key=lambda n: ((n if n in bodies else n.split()[-1]).casefold(), n.casefold())):
        people.append(Person(unique_id(make_slug(name, "person"), taken), name, _roles(roles[name]),
                             tuple(slugs[name]), tuple(quotes[name]), tuple(sorted(aliases[name]))))
    return tuple(people)


def _roles(counts: Counter[str]) -> tuple[str, ...]:
    """Titles, most used first, each once however it is punctuated ("US President" and "U.S. President"),
    written as it is written most."""
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    for role, count in counts.items():
        variants[role.replace(".", "").casefold()][role] = count
    merged = [(-sum(v.values()), max(v, key=lambda r: (v[r], r))) for v in variants.values()]
    return tuple(role for _, role in sorted(merged))
