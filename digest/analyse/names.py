"""Names of people and the titles in front of them, within one article (pure): which runs of capitalised words
are a name ("US National Security Adviser Jake Sullivan"), the name without its titles, possessives and body
("Jake Sullivan"; "Jim Curtin" for "Philadelphia Union’s Jim Curtin"), and the people an article names in full.
"""

from __future__ import annotations

import functools
import re

from digest.analyse.organisations import ORG_HEADS, is_organisation
from digest.records import Article

ABBREVIATED_TITLES = ("Mr", "Ms", "Mrs", "Dr", "Gen", "Sen", "Rep", "Col", "Lt", "Capt", "Sgt", "Adm", "Brig", "Gov", "Jr",
                      "Sr", "Prof", "Maj", "Cmdr", "St", "Pvt", "Pfc", "Spc", "Cpl", "Ens", "Tech")
"""Titles written short with a full stop that ends no sentence ("Gen. Milley", "Pvt. Brandon Hickle")."""
_TOKEN = (rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]\.|(?:{'|'.join(ABBREVIATED_TITLES)})\.|"
          r"(?:1st|2nd|3rd)(?=\s+(?:Lt\.|Sgt\.|(?:Lieutenant|Sergeant|Class)\b))|[A-ZÀ-ÖØ-Þ][\w’'\-]*)")
"""A word of a name: capitalised (accented capitals too: "Élysée"), an initial, an acronym, a title's
abbreviation or the ordinal of a military rank ("2nd Lt.", "Sgt. 1st Class"); any other word ending in a full
stop ends the sentence, and the name."""
NAME = (rf"(?=[A-ZÀ-ÖØ-Þ]|[123](?:st|nd|rd)\s){_TOKEN}"
        rf"(?:\s+(?:(?:of|the|de|da|von|van|der|al|bin|ibn|la|le|du)\s+){{0,2}}{_TOKEN}){{0,11}}")
"""A name and the titles in front of it, at most twelve words: bounded, so that a long run of capitalised
words costs time in proportion to its length, not to its square. The lookahead lets a search skip every
position but a capital letter (about a third of the time of a search without it)."""
NAME_IN_TEXT = re.compile(NAME)
POSSESSIVE = re.compile(r"[’']s$")
"""The end of a possessive word ("Union’s")."""
_INITIAL = re.compile(r"[A-Z]\.")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")
OPENERS = frozenset("""
The A An Then Now Meanwhile But And However Also
I We They It You He She This That These Those There Here Some Many Others Officials Yesterday Today
Tomorrow Earlier Later On In At After Before When While If As Last Next Since During Monday Tuesday
Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
October November December Mon Tue Wed Thu Fri Sat Sun
""".split())
"""Words that open a sentence or stand for someone unnamed ("Yesterday", "They"), dropped to leave a name."""
GROUPS = frozenset("""
Workers Residents Protesters Demonstrators Analysts Critics Experts Witnesses Researchers Scientists Doctors Lawyers
Prosecutors Investigators Authorities Officers Troops Soldiers Rescuers Voters Activists Supporters Opponents Locals
Villagers Farmers Students Teachers Parents Fans Players Members Leaders Lawmakers Legislators Diplomats Sources
Observers Economists Traders Investors Campaigners Organisers Organizers Medics Survivors Families Relatives
Neighbours Neighbors Citizens Refugees Migrants Passengers Employees Executives Managers Staff Volunteers
""".split())
"""Plural nouns for people left unnamed, which open a sentence as a name would ("Residents told VOA",
"Supporters of John Smith wrote"): no one's name."""
ROLE_WORDS = frozenset("""
U.S. US UK EU UN NATO American Russian Ukrainian British German French Chinese European Finnish Swedish
Polish Turkish Japanese Indian Australian Canadian Italian Spanish Dutch Danish Norwegian Estonian Latvian
Lithuanian Belarusian Georgian Israeli Iranian Hungarian Romanian Czech Slovak Greek Korean Taiwanese
President Vice Prime Minister Ministry Foreign Defense Defence Secretary Secretary-General State Deputy
Assistant Under Acting Former Senior Chief National Security Adviser Advisor Ambassador Envoy Special
Spokesman Spokeswoman Spokesperson Press Chancellor Senator Sen. Rep. Representative Congressman
Congresswoman Governor Mayor Leader Majority Minority Speaker House Senate Chairman Chairwoman Chair
Mr Mr. Ms Ms. Mrs Mrs. Dr Dr. Prof. Professor General Gen. Admiral Adm. Lt. Col. Colonel Maj. Major
Brig. Brigadier Sgt. Sergeant Capt. Captain Cmdr. Rear Vice-Admiral Lieutenant Secretary-of-State
Commander Army Navy Air Force Corps Officer Director Head Pope King Queen Prince Princess Sheikh
Pentagon White Kremlin Top Joint Staff Department Agency Council Committee Affairs Political Military
Energy Interior Justice Treasury Commerce Trade Economy Finance Homeland Intelligence Strategic Deputy-
Executive Judge Magistrate Prosecutor Attorney Commissioner Sheriff Constable Detective Inspector Superintendent
Coach Manager Historian Bishop Archbishop Cardinal Rabbi Imam Father Reverend Rev. Pastor Sir Dame
Pvt. Pfc. Spc. Cpl. Ens. Tech. Private Corporal Specialist Ensign Cadet Airman Seaman Petty Warrant Master 1st 2nd
3rd Class
""".split()) | OPENERS
"""Words of a title or role in front of a name ("U.S. Secretary of State"), and the openers, dropped to
leave the name."""
SURNAME_TITLES = frozenset("""
Mr Mr. Ms Ms. Mrs Mrs. Dr Dr. Prof. Professor President Minister Secretary Secretary-General Senator Sen. Rep.
Representative Congressman Congresswoman Governor Mayor Chancellor Ambassador Envoy Adviser Advisor Spokesman
Spokeswoman Spokesperson Speaker Chairman Chairwoman Leader Director Commissioner Gen. Admiral Adm. Lt. Col. Colonel
Maj. Brig. Brigadier Sgt. Sergeant Capt. Captain Cmdr. Commander Lieutenant Judge Magistrate Prosecutor Attorney
Sheriff Constable Detective Inspector Superintendent Coach Pope King Queen Prince Princess Sheikh Bishop Archbishop
Rabbi Imam Father Reverend Rev. Pastor Sir Dame Pvt. Pfc. Spc. Cpl. Ens. Private Corporal Specialist Ensign Cadet
Airman Seaman
""".split())
"""The ``ROLE_WORDS`` after which one word is a surname ("President Biden", "Gen. Milley"). Others may also open
the names of companies and bodies ("General Motors", "Air France", "Cardinal Health", "American Airlines"): after
them one word is a surname only when the article gives the person's full name."""
_SURNAMES_TOO = frozenset("White King Major Prince Speaker Head House Chancellor Queen Judge Bishop Constable Imam "
                          "Pastor Cardinal Coach".split())
"""Title words that are also surnames: after a given name they end the name ("Dana W. White")."""
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
CONNECTORS = frozenset({"of", "the", "de", "da", "von", "van", "der", "al", "bin", "ibn", "la", "le", "du"})
"""Lower-case words inside a name or a title ("Secretary of State", "Ursula von der Leyen")."""
_HONORIFICS = frozenset({"Mr", "Ms", "Mrs", "Mr.", "Ms.", "Mrs."})
"""Titles that are no role."""


def article_names(article: Article) -> tuple[dict[str, str], dict[str, str]]:
    """Surname to full name, for every person the article names in full, and each one's first title; an
    organisation ("Chinese Communist Party") is no person."""
    surnames: dict[str, str] = {}
    roles: dict[str, str] = {}
    title = () if _headline_case(article.title) else (article.title,)
    for text in (*title, article.standfirst, *(p.text for p in article.paragraphs)):
        for match in NAME_IN_TEXT.finditer(text):
            if names_an_organisation(match.group(), text.endswith("the ", 0, match.start())):
                continue
            name, role = bare_name(without_body(match.group()))
            if " " in name and len(name.split()) <= 4:
                surnames.setdefault(name.split()[-1], name)
                if role and role not in _HONORIFICS:
                    roles.setdefault(name, role)
    return surnames, roles


def names_an_organisation(words: str, after_the: bool) -> bool:
    """Whether words name an organisation, not a person with a title after it ("Bank of England Governor Andrew
    Bailey")."""
    if not is_organisation(words, after_the):
        return False
    name, title = bare_name(words.rpartition(" of ")[2])
    return not (title and " " in name and name.split()[-1] not in ORG_HEADS)


@functools.lru_cache(maxsize=8192)
def bare_name(words: str) -> tuple[str, str]:
    """A name with the titles in front of it removed, and those titles: ("Jake Sullivan", "US National
    Security Adviser"). Empty name when the words are only a title ("the President"), or when a title ends in
    "of" and its place runs into the name ("Mayor of London Sadiq Khan", "the Mayor of Kyiv"), or when one word
    follows a possessive ("Boston Children’s Hospital"). Whatever is before a possessive is no part of the name
    ("Philadelphia Union’s Jim Curtin")."""
    tokens = words.split()
    dropped = owner = _after_owner(tokens)
    if owner and owner == len(tokens) - 1:
        return "", ""
    while dropped < len(tokens) and (tokens[dropped] in ROLE_WORDS or tokens[dropped] in CONNECTORS):
        dropped += 1
    inner = [i for i, t in enumerate(tokens) if i >= dropped and t in ROLE_WORDS
             and not (i == len(tokens) - 1 and i > dropped and t in _SURNAMES_TOO and tokens[i - 1] not in ROLE_WORDS)]
    if inner:
        dropped = inner[-1] + 1
    role = " ".join(t for t in tokens[owner:dropped] if t not in ("The", "A", "An", "the"))
    if dropped > 1 and tokens[dropped - 1] == "of":
        return "", role
    name = [t for i, t in enumerate(tokens[dropped:]) if not (i and _INITIAL.fullmatch(t)) and t not in _SUFFIXES]
    if name:
        name[-1] = POSSESSIVE.sub("", name[-1])
    while name and name[-1].lower() in CONNECTORS:
        name.pop()
    if any((not t[:1].isupper() and t not in CONNECTORS) or _ACRONYM.fullmatch(t) for t in name):
        return "", role
    return " ".join(t.rstrip(".") for t in name), role


def _after_owner(tokens: list[str]) -> int:
    """Where a name starts after the possessive in front of it ("Acme Group’s Jane Doe": 2), else 0; a possessive
    before a connector is part of a name ("Lloyd’s of London")."""
    for index in range(len(tokens) - 2, -1, -1):
        if POSSESSIVE.search(tokens[index]) and tokens[index + 1].lower() not in CONNECTORS:
            return index + 1
    return 0


def without_body(words: str) -> str:
    """A person's name without the body they are "of" ("Paul Sereno" of the University of Chicago); the words
    as they are when what comes before "of" is a title ("Secretary of State ...") or a body ("Central Bank")."""
    head, of, _ = words.partition(" of ")
    if not of or head.split()[-1] in ORG_HEADS or " " not in bare_name(head)[0]:
        return words
    return head


def _headline_case(title: str) -> bool:
    """Whether a title capitalises most of its words ("Bush Apologizes for Poor Conditions"), so that its
    runs of capitals are not names."""
    words = [w for w in title.split() if len(w) > 3 and w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)
