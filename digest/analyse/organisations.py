"""Organisations as speakers (pure): which words name one ("the State Department", "the Ministry of Defence",
"The U.S. government", "Downing Street"), the name it is listed by, and what "the force" or "the company" can
point back to.
"""

from __future__ import annotations

import re

ORGANISATION_ROLE = "organisation"
"""The role given to a speaker that is an organisation, not a person."""
ORG_HEADS = frozenset("""
Department Ministry Office Agency Police Constabulary Commission Council Committee Embassy Mission Service Bureau
Administration Government Court Parliament Army Navy Command Corporation Company Inc. Ltd Group Bank Fund Union
Organization Organisation Institute Foundation Association Authority Federation Party Secretariat Pentagon Kremlin
government administration embassy ministry military
""".split())
"""Last words of an organisation's name ("the State Department", "The U.S. government", "the Kremlin"), or of its
part before "of" ("the Ministry of Defence")."""
SEATS = frozenset({"Pentagon", "Kremlin", "Whitehall", "Vatican", "Elysee", "Élysée", "White House", "Downing Street",
                   "Scotland Yard", "Holy See"})
"""Places that stand for the body seated there when they speak ("Downing Street said", "the Élysée said")."""
_SURNAME_HEADS = frozenset({"Court", "Service"})
"""Heads that are also surnames ("Margaret Court", "Robert Service"): an organisation only after "the"."""
BODY = r"(?:\s+(?:government|administration|embassy|ministry|military)\b)?"
"""The lower-case end of an organisation named by its country or leader ("the Russian government")."""
OBJECT_ENDS = (r"\s*(?:[,.;:!?”\"—–)]|$)|\s+(?:in|on|at|late|earlier|last|this|yesterday|today|after|before|when|"
               r"while)\b")
"""What may follow an organisation that is the inverted subject of "said" besides its verb: the end of the
attribution ("said the State Department in a statement"); in "said State Department spokesman Ned Price" the
speaker is the spokesman."""
ANAPHOR = (r"(?:the|The)\s+(?P<kind>force|company|firm|ministry|department|agency|embassy|government|"
           r"administration|council|committee|commission|court|bank|party|group)")
"""An organisation named before, by the kind it is ("the force" for West Midlands Police)."""
_KINDS = {"force": ("police", "constabulary"), "firm": ("company", "corporation", "inc", "ltd", "group"),
          "company": ("company", "corporation", "inc", "ltd", "group")}
"""Kinds an organisation's name does not spell out: "the force" is a police force."""
_SPELT_OUT = {"U.S.": "United States", "US": "United States", "U.K.": "United Kingdom", "UK": "United Kingdom",
              "U.N.": "United Nations", "UN": "United Nations"}
"""Country abbreviations in an organisation's name, spelt out so that one body has one name."""
_POSSESSIVE = re.compile(r"[’']s$")


def is_organisation(words: str, after_the: bool) -> bool:
    """Whether words name an organisation: they, or their part before "of", end in an organisation's word;
    one that is also a surname only after "the" ("the Supreme Court", not "Margaret Court")."""
    head = words.partition(" of ")[0].split()
    if not head:
        return False
    if head[-1] in _SURNAME_HEADS:
        return after_the or "the" in head[:-1] or "The" in head[:-1]
    return head[-1] in ORG_HEADS or head[-1] in SEATS or " ".join(head[-2:]) in SEATS


def is_generic(name: str) -> bool:
    """An organisation's word alone ("Police", "Ministry"), which says what kind it is, not which one."""
    return " " not in name and name not in SEATS


def is_of_kind(name: str, kind: str) -> bool:
    """Whether "the {kind}" can stand for the organisation of that name ("the force" for Harbour Police)."""
    return any(word in _KINDS.get(kind, (kind,)) for word in name.casefold().split())


def organisation_name(words: str, openers: frozenset[str]) -> str | None:
    """An organisation's name without "the" or a word opening the sentence (one of ``openers``), country
    abbreviations spelt out ("United States government" for "The U.S. government"); None with a possessive in
    it ("Smith’s Office")."""
    tokens = words.split()
    while tokens and (tokens[0] in openers or tokens[0] == "the"):
        tokens.pop(0)
    if not tokens or any(_POSSESSIVE.search(token) for token in tokens):
        return None
    return " ".join(_SPELT_OUT.get(token, token) for token in tokens)
