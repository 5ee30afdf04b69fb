"""Direct quotations and who said them, by rules over an article's paragraphs (pure).

A quotation is a span between “…” or "…" of at least three words. Its speaker is read from the
attribution around it, in this order: the words after it (‘…,” Sullivan said’, ‘…,” said Mr Sullivan’,
‘…,” he said’), the words before it in the same sentence (‘Blinken told reporters: “…”’, ‘according to
Lavrov, “…”’, ‘with Blinken saying “…”’), a quotation that runs on from the previous paragraph, and a
sentence just before it that names someone saying something. A speaker may be an organisation ("the State
Department said", "The U.S. government says"), never one only mentioned or the body a named spokesperson
speaks for, nor someone the text says said nothing ("Lena Novak said nothing."). Anything else is left
unattributed: a speaker is never guessed. Names are resolved within the article, so "Mr Sullivan" and
"Sullivan" are the "Jake Sullivan" named earlier; the titles in front of a name ("US National Security
Adviser") are kept as the person's roles (``names`` reads names and titles).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from digest.analyse.names import (ABBREVIATED_TITLES, CONNECTORS, GROUPS, NAME, NAME_IN_TEXT, OPENERS, POSSESSIVE,
                                  ROLE_WORDS, SURNAME_TITLES, article_names, bare_name, names_an_organisation,
                                  without_body)
from digest.analyse.organisations import (ANAPHOR, BODY, OBJECT_ENDS, ORGANISATION_ROLE, is_generic, is_of_kind,
                                          organisation_name)
from digest.records import Article, Quote

MIN_WORDS = 3
"""Shorter spans in quotation marks are terms ("special military operation" is three), not quotations."""

_VERBS = (r"said|says|say|told|tells|added|adds|stated|states|declared|warned|warns|wrote|writes|tweeted|"
          r"posted|insisted|explained|noted|notes|asked|asks|answered|replied|responded|continued|urged|urges|"
          r"stressed|stresses|argued|argues|acknowledged|admitted|announced|announces|cautioned|recalled|"
          r"concluded|commented|remarked|observed|predicted|promised|vowed|conceded|suggested|described|"
          r"called|calling|saying|telling|adding|writing|describing|warning|noting|urging|stressing|referring|"
          r"referred|maintained|maintains|claimed|claims|asserted|asserts|contended|contends|reiterated|reiterates|"
          r"emphasized|emphasised|emphasizes|emphasises|recognized|recognised|complained|countered|quipped|"
          r"recounted|confirmed|denied|pledged|demanded|testified|mentioned|weighs\s+in|weighed\s+in|chimed\s+in|"
          r"tasked|instructed|directed|issued\s+(?:a|the\s+following)\s+statement|"
          r"released\s+(?:a|the\s+following)\s+statement")
"""Verbs of saying, directing ("tasked every member “to …”") and putting out a statement."""
_DIRECTING = "tasked|instructed|directed|told|asked|urged"
"""Verbs whose passive ("was tasked with", "was told") makes the subject the one addressed, not the speaker."""
_FINITE_VERBS = "|".join(v for v in _VERBS.split("|") if not v.endswith("ing"))
_CLOSING_COMMA = (rf"\s*,(?=\s+(?:(?:has|had)\s+)?(?:{_FINITE_VERBS})\b)"
                  rf"(?!\s+(?:{_DIRECTING})\s+(?:by|about|whether|if|to|for)\b)")
"""The comma that closes an appositive name before its verb: "a coordinator, Sian Maynard, tells VOA"; not
before a passive ("Omar Haddad, told by police “to stay inside”", "Lena Novak, asked about the flood, said")."""
_PARTICIPLES = "saying|adding|noting|warning|writing|telling|arguing|insisting"
"""The verbs of saying that go on from another verb: "rejected the plan, saying"."""
_LISTENER_VERBS = r"told|tells|telling|urged|urges|urging|asked|asks"
"""Verbs whose object is the one spoken to: in "told VOA, “…”" VOA is not the speaker."""
_PRONOUN = r"(?:he|she|He|She)"
_TITLE = (r"(?:the|The)\s+(?:[a-z]+\s+){0,2}(?P<title>secretary|president|minister|ambassador|spokesman|"
          r"spokeswoman|spokesperson|chancellor|senator|general|admiral|adviser|advisor|envoy|governor|commander)")
_ADVERB = r"(?:\s+(?:also|later|then|again|earlier|previously|once|further|simply|flatly|bluntly|\w+ly))?"
_ORG_ENDS = re.compile(rf"{OBJECT_ENDS}|{_ADVERB}\s+(?:{_VERBS})\b")
"""What may follow an organisation that speaks: its verb, or the end of the attribution."""
_THROUGH_SOMEONE = re.compile(r"[^.!?“”\"]{0,40}?\b(?:through|via)\s[^.!?“”\"]{0,40}?\b[A-Z][\w’'\-]+\s+[A-Z]")
"""An organisation speaking through someone it names ("the ministry said through spokesman Karl Vos"): the
words are the spokesperson's, and the body is not their speaker."""
_NAME_ENDS = (r"(?![\w’'\-])(?<![’']s)(?!\s+[A-Z])(?!\s+(?!(?:in|on|at|of|to|for|from|after|before|during|with|and|"
              r"as|when|while|by|about|last|this|[a-z]+ly)\b)(?:[a-z][\w\-]*\s+){1,3}[A-Z])")
"""What may follow a name that is a verb's object: not a possessive or a title and another name ("said
Acme chief Jane Doe", "said Stoung town farmer Buth Chorn", "said Smith’s lawyer")."""
_CLAUSE = r"(?:\s+(?!(?:he|she|they|we|i|it|who|whom|whose|which|that|and|but)\b)[a-z][\w’'\-]*){1,6}?"
"""A few lower-case words of a clause between a speaker and "and said": no pronoun or relative, so no
second subject."""

_AFTER_VERB_NAME = re.compile(rf"^[\s,.!?;:—–-]*(?:{_VERBS})\s+(?:the\s+)?"
                              rf"(?P<who>{NAME}{BODY}{_NAME_ENDS}|{_PRONOUN})")
_AFTER_NAME_VERB = re.compile(rf"^[\s,.!?;:—–-]*(?:the\s+)?(?:(?P<anaphor>{ANAPHOR})|"
                              rf"(?P<who>{NAME}{BODY}|{_PRONOUN}|{_TITLE})){_ADVERB}\s+(?:{_VERBS})\b")
_SENTENCE_END = re.compile(rf"^(?:[^.!?“”\"]|(?<=[A-Z])\.)*,\s*(?:the\s+)?(?P<who>{NAME}{BODY}|{_TITLE})"
                           rf"(?:\s*,[^,.!?“”\"]{{1,60}}?)?\s*,?\s+(?:said|says|added)\s*[.!]")
"""A sentence that goes on after its quotation and ends with its speaker, perhaps described: ‘“…” to help the
farmers, Ang Ky, chief of the town, said.’"""
_FUNCTION_WORDS = (r"(?:a|an|the|in|on|at|of|to|for|from|with|by|about|after|before|during|as|when|while|and|or|but|"
                   r"that|this|these|those|last|next|it|he|she|they|we|i|you|his|her|their|its|our|my|is|was|were|"
                   r"are|has|had|have|would|will|could|should|may|might|not|no|also|later|then|again|earlier|"
                   r"yesterday|today|tonight|once|so|there|here|who|which|what|where|how|if|than|because|since|until|"
                   r"via|through|[a-z]+ly)")
_DESCRIPTOR = rf"(?!{_FUNCTION_WORDS}[\s,])[a-z][a-z\-]*"
_DESCRIBED = (rf"(?:the\s+)?(?:(?:{_DESCRIPTOR}|{NAME}),?\s+(?:and\s+)?){{0,4}}?(?:{NAME}\s+)?(?:{_DESCRIPTOR}\s+){{1,3}}"
              rf"(?P<who>{NAME})")
"""A person named after the words that say who they are, in lower case, and what they are part of: "State
Department spokesman Ned Price", "Stoung town farmer Buth Chorn", "demonstrator Mouhamed Ndoye", "activist,
journalist, and Global Voices author Leila Nachawati Rego"."""
_AFTER_VERB_DESCRIBED = re.compile(rf"^[\s,.!?;:—–-]*(?:according\s+to|(?!(?:{_LISTENER_VERBS})\b)(?:{_VERBS}))\s+"
                                   rf"{_DESCRIBED}{_NAME_ENDS}")
_AFTER_DESCRIBED_VERB = re.compile(rf"^[\s,.!?;:—–-]*{_DESCRIBED}{_ADVERB}\s+(?:{_VERBS})\b")
_BEFORE_VERB_DESCRIBED = re.compile(rf"\b(?!(?:{_LISTENER_VERBS})\b)(?:{_VERBS})\s+{_DESCRIBED}{_NAME_ENDS}\s*[,:]\s*$")
_AFTER_ACCORDING = re.compile(rf"^[\s,.!?;:—–-]*according\s+to\s+(?:the\s+)?(?P<who>{NAME}{BODY}){_NAME_ENDS}")
_BEFORE_ACCORDING = re.compile(rf"[Aa]ccording\s+to\s+(?:the\s+)?(?P<who>{NAME}{BODY})\s*,?\s*$")
_PREDICATE = (rf"(?:\s*,(?P<apposition>[^,“”\"]{{1,90}}),(?:\s*who\b)?|{_CLOSING_COMMA})?{_ADVERB}"
              rf"(?P<auxiliary>\s+(?:has|have|had|would|will|(?:was|is)(?!\s+(?:{_DIRECTING})\b))"
              rf"(?:\s+(?:also|later|then|again|since))?)?"
              rf"(?P<clause>{_CLAUSE}\s+(?:and|but|then|before|by)|"
              rf"\s+(?!(?:a|an|the|this|that|his|her|its|their|our|my)\b)[a-z]+"
              rf"(?:\s+(?!(?:he|she|they|who|which|that)\b)[\w’'\-]+){{0,5}}?,?(?=\s+(?:{_PARTICIPLES})\b))?"
              rf"(?P<quoted>\s+(?:was|were|is)\s+quoted\s+(?:by\s+[^.!?“”\",;:]{{1,60}}\s+)?as)?"
              rf"\s+(?:{_VERBS})\b")
"""What follows a speaker before the verb of saying: an appositive ("Liu, a spokesperson, who told"), an
auxiliary ("has stated"), a short clause ("finally got exasperated and told", "started by noting", "disputed
Tsvangirai's claim, saying"), or "was quoted by Xinhua as saying". With the last three the speaker must open
the sentence or follow a comma: in
"The judge sentenced John Smith to life and said" the name is the verb's object, not its subject."""
_BEFORE_NAME_VERB = re.compile(
    rf"(?P<who>{NAME}{BODY}|{_PRONOUN}){_PREDICATE}"
    rf"(?P<rest>(?:[^.!?“”\"]|(?<=[A-Z])\.)*)$")
_BEFORE_VERB_NAME = re.compile(rf"\b(?!(?:{_LISTENER_VERBS})\b)(?:{_VERBS})\s+(?P<who>{NAME}{BODY})"
                               rf"\s*[,:]\s*$")
_SAID_SENTENCE = re.compile(rf"(?P<who>{NAME}{BODY}|{_PRONOUN})(?:{_CLOSING_COMMA})?{_ADVERB}\s+(?:{_VERBS})\b|"
                            rf"\b(?:said|says|added)\s+(?:the\s+)?(?P<later>{NAME}{BODY}){_NAME_ENDS}")
_WRITER_AFTER = re.compile(rf"\s+(?P<who>{NAME}){_ADVERB}\s+(?:writes|wrote|weighs\s+in|weighed\s+in|comments|"
                           rf"commented|blogs|blogged)\b(?!\s+that\b)")
"""A writer named right after a whole sentence in quotation marks: ‘“…” Jeremy Taylor weighs in on …’, as
round-ups of blogs and columns introduce what they quote; not ‘“…” Jane Doe writes that Churchill never said
it’, where the writer reports on the quotation."""
_LISTENER = r"(?:reporters|journalists|us|me|him|her|them|[A-Z][\w.’'\-]*)"
_NOT_A_WORD = (r"(?:nothing|little|no\s+more|not\s+a\s+word|no\s+comment|no\s+questions?)(?=\s*(?:[.,;:!?—–)]|$)|"
               r"\s+(?:about|on|of|to|when|as|at|in|during|for|more|further|else|publicly|and|but|while|after|"
               r"until)\b)")
_NOT_SAYING = (r"(?:would|could|will|can|did|does|do)(?:\s+not|n[’']t)\s+(?:immediately\s+)?(?:comment|say|discuss|"
               r"elaborate|speculate|respond)|(?:won|can)[’']t\s+(?:comment|say|discuss)|(?:was|is)\s+not\s+commenting|"
               r"(?:had|has)\s+no\s+(?:immediate\s+|further\s+)?comment|(?:had|has)\s+nothing\s+(?:more\s+|further\s+|"
               r"else\s+)?to\s+(?:add|say)|(?:declined|refused)\s+to\s+(?:comment|say|discuss|elaborate)")
_REFUSAL = re.compile(rf"\s+(?:{_LISTENER}\s+)?(?:{_NOT_A_WORD}|(?:that\s+)?(?:he|she|it|they|the\s+[a-z]+)\s+"
                      rf"(?:{_NOT_SAYING}))")
"""What after a verb of saying says that nothing was said ("said nothing", "told reporters little", "said she would
not comment", "said it had nothing to add"): no one who refuses is the speaker of the words that follow."""
_TRANSCRIPT_LABEL = re.compile(r"(?P<who>[A-Z][A-Z’'\-]+(?:\s+[A-Z][A-Z’'\-]+){0,2}):\s*$")
"""A transcript's speaker label opening a paragraph: ‘SERENO: "…"’, ‘SECRETARY BLINKEN: "…"’."""
_NOT_SPEAKER_LABELS = frozenset("""
Question Q A Answer Moderator Narrator Reporter Announcer Voice Voices Speaker Audience Host Anchor Interpreter
Operator Participant Staff Crowd Caller Official Unidentified Male Female Man Woman Translation Transcript Note
Editor Update Breaking Sound Music Video Audio Photo Live Watch Listen Read
""".split())
"""Transcript labels that name no one ("QUESTION:", "MODERATOR:", "VIDEO:"): the label is otherwise the speaker of a
quotation right after it that nothing else attributes, except in an article's first paragraph (a dateline,
"ISLAMABAD:")."""
_UNNAMED_AFTER = re.compile(rf"^[\s,.!?;:—–-]*(?:(?:{_VERBS})\s+(?:the|a|an|one|another)\b|(?:the|a|an|one|another)\s+"
                            rf"[^.,;“”\"]{{0,60}}?\s(?:{_VERBS})\b)")
"""An attribution to someone the text does not name ("said the U.S. spokesperson", "a senior official said"):
a "he said" after it is that unnamed person, not the last one named."""
_WORDS = re.compile(r"\w+")
_ANY_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_CARRIED_ON = re.compile(r"^[\s,;]*(?:and\s+|but\s+)?(?:adding|saying|continuing|noting|warning|(?:he|she)\s+(?:added|"
                         r"continued|said))\b")


@dataclass
class _Reading:
    """What reading an article so far has established: who is who, who spoke last."""

    surnames: dict[str, str]
    roles: dict[str, str]
    firsts: dict[str, set[str]] = field(init=False)
    """The full names by their first word ("Liu": {"Liu Pengyu"}), for family names written first."""
    labels: dict[str, str] = field(init=False)
    """Each surname by its case-folded spelling, for transcript labels ("SERENO:")."""
    previous_paragraph: str = ""
    last_speaker: str | None = None
    last_speaker_block: int = -10
    open_speaker: str | None = None
    organisations: set[str] = field(default_factory=set)
    """The speakers so far that are organisations: "he" is never one of them."""
    context: str = ""
    """The text "the company" may point back across: the paragraph before and this one up to the quotation."""

    def __post_init__(self) -> None:
        self.firsts = {}
        for full in self.surnames.values():
            self.firsts.setdefault(full.split()[0], set()).add(full)
        self.labels = {surname.casefold(): surname for surname in self.surnames}


def find_quotes(article: Article, names: tuple[dict[str, str], dict[str, str]] | None = None) -> tuple[Quote, ...]:
    """Every quotation of at least ``MIN_WORDS`` words in the article's body, with its speaker or None.
    ``names`` is what ``article_names`` gives, when the caller already has it."""
    reading = _Reading(*(names or article_names(article)))
    found: list[Quote] = []
    last_sentence = ""
    headed = _headed_paragraphs(article)
    for block, paragraph in enumerate(article.paragraphs):
        if block in headed:  # the paragraph before is another section's: it names no speaker for this one
            reading.previous_paragraph = last_sentence = ""
        text = paragraph.text
        continued_from = reading.open_speaker
        reading.open_speaker = None
        position, attributed = 0, None
        for start, end, closed in _spans(text):
            _note_speakers(text[position:max(position, start - 1)], block, reading)
            position = end + 1
            words = len(_WORDS.findall(text, start, end))
            before = _sentence_before(text, start - 1)
            opens = start - 1 - len(before)
            previous = _sentence_before(text, opens - 1) if opens > 0 else last_sentence
            reading.context = f"{reading.previous_paragraph}\n{text[:start - 1]}"
            speaker, named_as, how = _attribute(text, start, end, closed, block, reading,
                                                continued_from if start == 1 and not text[:1].isalnum() else None,
                                                before, previous)
            if speaker is None and closed and not before.strip() and (
                    follows := _follows_its_attribution(text, start, end, attributed, reading)):
                speaker, how = follows, "previous-sentence"
            if speaker and how in ("said-after", "said-before", "according-to"):
                attributed = end, speaker, how
            elif words >= MIN_WORDS:
                attributed = None
            if speaker or (closed and _UNNAMED_AFTER.match(text[end + 1:end + 160])):
                reading.last_speaker, reading.last_speaker_block = speaker, block
            if not closed:
                reading.open_speaker = speaker
            if words >= MIN_WORDS:
                role = ORGANISATION_ROLE if speaker in reading.organisations else reading.roles.get(speaker or "", "")
                found.append(Quote(text[start:end].strip(), speaker, named_as, how, paragraph.ref, block, role))
        _note_speakers(text[position:], block, reading)
        last_sentence = _sentence_before(text, len(text))
        reading.previous_paragraph = text
    return tuple(found)


def _follows_its_attribution(text: str, start: int, end: int, attributed: tuple[int, str, str] | None,
                             reading: _Reading) -> str | None:
    """The speaker of the paragraph's quotation before, when only its attribution (or a few words after a
    quotation whose speaker came before it) stands between them, naming no one else, and no one else is named
    speaking after: in ‘“…,” the force said. “…”’ and ‘Price said, “…,” at the time. “…”’ the second is theirs
    too; not in ‘“…,” Smith said, before Jones interrupted. “…”’ or ‘“…,” was the reply from Jones’."""
    if attributed is None:
        return None
    between = _plain(text[attributed[0] + 1:start - 1])
    if not _ATTRIBUTION_ONLY.fullmatch(between):
        return None
    if _has_attribution_after(text, start, end) or _someone_speaks_after(text[end + 1:end + 160]):
        return None
    speaker = attributed[1]
    if attributed[2] != "said-after":  # the words between are no attribution: they may name no one at all
        others = {_resolve(match.group(), reading) for match in NAME_IN_TEXT.finditer(between)} - {None, speaker}
        return None if others else speaker
    return None if _names_someone_else(between, speaker, reading) else speaker


def _plain(text: str) -> str:
    """Words between quotations without what would look like a sentence's end or a quotation to
    ``_ATTRIBUTION_ONLY``: the full stops of abbreviations and initials ("Pvt.", "J."), and the marks around a
    short term (“Sabre,”)."""
    text = _SHORT_TERM.sub(r"\1", text)
    return _ABBREVIATED.sub(r"\1", text)


_SHORT_TERM = re.compile(r"[“\"]([^“”\"\s]+(?:\s[^“”\"\s]+)?)[”\"]")
_ABBREVIATED = re.compile(rf"\b((?:[A-Z]|{'|'.join(ABBREVIATED_TITLES)}))\.(?=\s)")


def _names_someone_else(text: str, speaker: str, reading: _Reading) -> bool:
    """Whether the rest of an attribution names someone else doing something after it: ‘Smith said, before Jones
    interrupted.’ (not ‘Maynard tells VOA she was awoken’ or ‘Blinken said the talks in Geneva were hard’)."""
    return any(_resolve(match.group(), reading) not in (None, speaker)
               for match in NAME_IN_TEXT.finditer(text) if _NEW_CLAUSE.search(text, 0, match.start()))


def _has_attribution_after(text: str, start: int, end: int) -> bool:
    """Whether a quotation runs on into words of its own after it (‘“…,” was the reply’, ‘“…?” came the answer’)."""
    last = text[start:end].rstrip()[-1:]
    return last in ",—–-" or text[end + 1:end + 2] == "," or (last in "?!" and bool(_LOWER_NEXT.match(text, end + 1)))


def _someone_speaks_after(after: str) -> bool:
    """Whether the words after a quotation name someone, or someone unnamed, speaking ("a senior official
    added", ‘” Jones replied’): then the sentence before does not say whose the quotation is."""
    return bool(_AFTER_NAME_VERB.match(after) or _UNNAMED_AFTER.match(after))


_ATTRIBUTION_ONLY = re.compile(r"[\s,—–-]*[^.!?“”\"]{1,120}[.!]\s*")
_LOWER_NEXT = re.compile(r"\s*[a-z]")
_NEW_CLAUSE = re.compile(r"(?:,|\b(?:before|after|as|while|when|but|until|then|whereupon|whereas|although|though))\s+$")
_GOVERNED = re.compile(r"(?:\b(?:of|for|at|from|to|against|about|among|behind|near|by|on|in|into|under|over|than|"
                       r"like|between)|[A-Z][\w’'\-]*\s+(?:and|or|&))\s+(?:the\s+)?$")
"""A preposition (and "the") just before a name, whose object it is ("a lawyer for John Smith"), or another name
and "and", with which it is one subject ("Austin and the Pentagon said")."""
_RELATIVE = re.compile(r",\s*who\b")
"""The relative after an appositive that makes the name before it a subject again ("comments by Liu, a
spokesperson, who told VOA")."""


def _headed_paragraphs(article: Article) -> set[int]:
    """The index of each paragraph that follows a heading: the paragraph before it is another section's."""
    headed, index = set(), 0
    for section in article.sections:
        if section.heading:
            headed.add(index)
        index += len(section.paragraphs)
    return headed


def _note_speakers(text: str, block: int, reading: _Reading) -> None:
    """Remember the last person the text names as saying something ("Blinken said the talks ...")."""
    if not _ANY_VERB.search(text):
        return
    for match in _SAID_SENTENCE.finditer(text[-SENTENCE_SPAN * 4:]):
        if _refuses(match):
            reading.last_speaker = None
            continue
        speaker = _speaker_in(match, reading)
        if speaker:
            reading.last_speaker, reading.last_speaker_block = speaker, block


def _spans(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, closed) of each span in quotation marks; the last may run to the paragraph's end."""
    marks = _MARK.finditer(text)
    for opening in marks:
        if opening.group() == "”":
            continue
        wanted = "”" if opening.group() == "“" else "\""
        closing = next((m for m in marks if m.group() == wanted), None)
        if closing is None:
            yield opening.end(), len(text), False
            return
        yield opening.end(), closing.start(), True


_MARK = re.compile(r"[“”\"]")


def _attribute(text: str, start: int, end: int, closed: bool, block: int, reading: _Reading,
               continued: str | None, sentence: str, previous_sentence: str) -> tuple[str | None, str, str]:
    """The speaker of one span, the words that named them, and how they were found. ``sentence`` is the
    part of the span's sentence before it; ``previous_sentence`` the sentence before that one (the last
    of the paragraph before, for the first)."""
    quoted = text[start:end]
    if _is_title(quoted):
        return None, "", "title"
    if closed and (quoted.rstrip()[-1:] in ",?!—–-" or text[end + 1:end + 2] == ","):
        after = text[end + 1:end + 160]
        for pattern, how in ((_AFTER_ACCORDING, "according-to"), (_AFTER_VERB_NAME, "said-after"),
                             (_AFTER_NAME_VERB, "said-after")):
            match = pattern.match(after)
            if match:
                return _said_by(match, how, block, reading)
        match = _AFTER_VERB_DESCRIBED.match(after) or _AFTER_DESCRIBED_VERB.match(after)
        if match:
            return _described(match, "said-after", block, reading)
    if closed:
        match = _SENTENCE_END.match(text[end + 1:end + 240])
        if match:
            return _said_by(match, "said-after", block, reading)
    if closed and not sentence.strip() and quoted.rstrip()[-1:] in ".!?":
        match = _WRITER_AFTER.match(text[end + 1:end + 160])
        if match:
            return _named(match.group("who"), "said-after", block, reading)
    label = _TRANSCRIPT_LABEL.fullmatch(text, 0, start - 1)
    if label and label.group("who").casefold() in reading.labels:
        return _named(reading.labels[label.group("who").casefold()], "said-before", block, reading)
    if label and block > 0 and not (closed and (_someone_speaks_after(text[end + 1:end + 160])
                                                or _has_attribution_after(text, start, end))):
        words = label.group("who").title()
        if not set(words.split()) & _NOT_SPEAKER_LABELS:
            return _named(words, "said-before", block, reading)
    match = _BEFORE_ACCORDING.search(sentence)
    if match:
        return _said_by(match, "according-to", block, reading)
    match = _BEFORE_VERB_NAME.search(sentence)
    if match:
        return _said_by(match, "said-before", block, reading)
    match = _BEFORE_VERB_DESCRIBED.search(sentence)
    if match:
        return _described(match, "said-before", block, reading)
    match = _subject_saying(sentence)
    if match and not re.search(r"[“”\"]", match.group("rest")):
        return _subject_of(match, block, reading)
    if continued:
        return continued, "", "continued"
    if _CARRIED_ON.match(sentence) and reading.last_speaker and reading.last_speaker_block == block:
        return reading.last_speaker, "", "previous-sentence"
    if not sentence.strip() and not (closed and (_someone_speaks_after(text[end + 1:end + 160])
                                                 or _has_attribution_after(text, start, end))):
        for said in _SAID_SENTENCE.finditer(previous_sentence):
            if _GOVERNED.search(previous_sentence, 0, said.start()) or _refuses(said):
                break
            speaker, named_as, _ = _said_by(said, "previous-sentence", block, reading)
            if speaker:
                if not _names_someone_else(previous_sentence[said.end():], speaker, reading):
                    return speaker, named_as, "previous-sentence"
                break
    if start == 1 and not text[end + 1:].strip(" .") and continued is None:
        speaker = _only_speaker(reading.previous_paragraph, reading)
        if speaker:
            return speaker, "", "previous-sentence"
    return None, "", "none"


def _subject_saying(sentence: str) -> re.Match[str] | None:
    """The first speaker-and-verb of the sentence whose speaker can be the subject: an auxiliary, a clause or
    "was quoted as" after a name that follows a lower-case word is the object of another verb, and a name after a
    preposition ("a lawyer for John Smith said") is no subject unless an appositive follows it."""
    position = 0
    while (match := _BEFORE_NAME_VERB.search(sentence, position)) is not None:
        opener = POSSESSIVE.sub("", match.group("who")) in OPENERS and not re.fullmatch(_PRONOUN, match.group("who"))
        if (_GOVERNED.search(sentence, 0, match.start()) and not match.group("apposition")) or opener:
            position = match.end("who")  # "When asked if …, Tsvangirai replied": "When" is no one
            continue
        if _refuses(match):
            return None
        opens = not sentence[:match.start()].strip() or sentence[:match.start()].rstrip()[-1] in ",;:—–("
        if opens or not (match.group("auxiliary") or match.group("clause") or match.group("quoted")):
            return match
        position = match.start() + 1
    return None


def _subject_of(match: re.Match[str], block: int, reading: _Reading) -> tuple[str | None, str, str]:
    """The speaker a sentence's subject names, or the person its appositive names in full when the subject is a
    title, a place or a body ("the prime minister of Spain, José Zapatero, has", "The head of Acme Group, Jane
    Doe, said"). No one for a name after a preposition ("a spokesman for Acme Group, which makes tractors, said")
    unless "who" takes it up again ("comments by Liu, a spokesperson, who told"), nor for a body speaking through
    someone ("The State Department, through spokesman Ned Price, said")."""
    who, apposition = match.group("who"), (match.group("apposition") or "").strip()
    if not apposition:
        return _said_by(match, "said-before", block, reading)
    governed = bool(_GOVERNED.search(match.string, 0, match.start())
                    and not _RELATIVE.match(match.string, match.end("apposition")))
    body = names_an_organisation(who, _after_the(match, "who"))
    if governed or body or " " not in (_resolve(who, reading) or ""):
        if NAME_IN_TEXT.fullmatch(apposition) and _resolve(apposition, reading) in reading.surnames.values():
            return _named(apposition, "said-before", block, reading)
        if governed or (body and _names_a_person(apposition, reading)):
            return None, "", "none"
    return _said_by(match, "said-before", block, reading)


def _described(match: re.Match[str], how: str, block: int, reading: _Reading) -> tuple[str | None, str, str]:
    """The person a described speaker's name gives, only when the article names them in full: never a body or a
    lone word ("said company spokesman Acme" is no one)."""
    words = match.group("who")
    speaker = None if names_an_organisation(words, False) else _resolve(words, reading)
    return (speaker, words, how) if speaker and " " in speaker else (None, "", "none")


def _refuses(match: re.Match[str]) -> bool:
    """Whether the words after the match's verb say its speaker said nothing ("Lena Novak said nothing", "the
    Kremlin said it had no comment"): a speaker of nothing, not of the quotation."""
    groups = match.groupdict()
    if not groups.get("who"):
        return False
    return bool(_REFUSAL.match(match.string, match.start("rest") if "rest" in groups else match.end()))


def _names_a_person(text: str, reading: _Reading) -> bool:
    """Whether the text names a person in full ("through spokesman Ned Price")."""
    return any(" " in (_resolve(match.group(), reading) or "") and not names_an_organisation(match.group(), True)
               for match in NAME_IN_TEXT.finditer(text))


def _said_by(match: re.Match[str], how: str, block: int, reading: _Reading) -> tuple[str | None, str, str]:
    """The speaker a pattern's match names: an organisation, one by its kind ("the force"), or a person."""
    groups = match.groupdict()
    if groups.get("anaphor"):
        return _organisation_of_kind(groups["kind"], how, block, reading)
    group = "who" if groups.get("who") else "later"
    words = groups.get(group) or ""
    if not names_an_organisation(words, _after_the(match, group)):
        if _follows_the(match, group):
            return None, "", "none"
        return _named(words, how, block, reading, groups.get("title"))
    if not _ORG_ENDS.match(match.string, match.end(group)) or _THROUGH_SOMEONE.match(match.string, match.end(group)):
        return None, "", "none"
    name = organisation_name(words, OPENERS)
    if name and is_generic(name):
        return _organisation_of_kind(name.casefold(), how, block, reading)
    if name:
        reading.organisations.add(name)
    return (name, words, how) if name else (None, "", "none")


def _speaker_in(match: re.Match[str], reading: _Reading) -> str | None:
    """Who a sentence names as saying something, an organisation or a person, without looking back."""
    group = "who" if match.group("who") else "later"
    words = match.group(group)
    if _GOVERNED.search(match.string, 0, match.start(group)) or _refuses(match):
        return None
    if not names_an_organisation(words, _after_the(match, group)):
        return None if _follows_the(match, group) else _resolve(words, reading)
    name = organisation_name(words, OPENERS) if _ORG_ENDS.match(match.string, match.end(group)) else None
    if not name or is_generic(name):
        return None
    reading.organisations.add(name)
    return name


def _after_the(match: re.Match[str], group: str) -> bool:
    """Whether the words of the group follow "the" ("said the Supreme Court")."""
    return match.string.endswith("the ", 0, match.start(group))


def _follows_the(match: re.Match[str], group: str) -> bool:
    """Whether the words follow "the" with no title in front or with a possessive in them: a thing or a body
    ("said the Alliance", "the Finance Ministry’s Karl Vos"), not a person ("the French President Jean Dupont")."""
    words = match.group(group)
    return _after_the(match, group) and (not bare_name(words)[1] or bool(re.search(r"[’']s\s", words)))


def _organisation_of_kind(kind: str, how: str, block: int, reading: _Reading) -> tuple[str | None, str, str]:
    """The last speaker, when it spoke within two paragraphs, is an organisation of that kind and no other of
    that kind is named since: in ‘Acme Corporation said … Beta Corporation posted a loss. “…,” the company said’
    the company may be either."""
    last = reading.last_speaker
    if (last in reading.organisations and block - reading.last_speaker_block <= 2 and is_of_kind(last, kind)
            and not _another_of_kind(kind, last, reading.context)):
        return last, f"the {kind}", how
    return None, "", "none"


def _another_of_kind(kind: str, name: str, text: str) -> bool:
    """Whether the text names an organisation of that kind other than the named one."""
    for match in NAME_IN_TEXT.finditer(text):
        if names_an_organisation(match.group(), text.endswith("the ", 0, match.start())):
            other = organisation_name(match.group(), OPENERS)
            if other and other != name and not is_generic(other) and is_of_kind(other, kind):
                return True
    return False


def _named(words: str, how: str, block: int, reading: _Reading, title: str | None = None) -> tuple[str | None, str, str]:
    if re.fullmatch(_PRONOUN, words):
        recent = reading.last_speaker if (block - reading.last_speaker_block <= 2
                                          and reading.last_speaker not in reading.organisations) else None
        return recent, words, "previous-sentence" if recent else "none"
    if title:
        holders = {name for name, role in reading.roles.items() if title in role.lower().split()}
        speaker = reading.last_speaker if reading.last_speaker in holders else holders.pop() if len(holders) == 1 else None
        return speaker, words if speaker else "", how if speaker else "none"
    speaker = _resolve(words, reading)
    return speaker, words if speaker else "", how if speaker else "none"


def _sentence_before(text: str, position: int) -> str:
    """The part of the sentence that ends at ``position`` (the opening quotation mark): from the last full
    stop that is not an initial or an abbreviation ("J. Austin", "Mr. Biden", "U.S. officials"), or the
    last closing quotation mark."""
    head = text[max(0, position - SENTENCE_SPAN):position]
    cut = 0
    for boundary in _BOUNDARY.finditer(head):
        word = _LAST_WORD.search(head, 0, boundary.start())
        word = word.group() if word else ""
        if boundary.group()[0] in ".!?" and (re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word) or word in _ABBREVIATIONS):
            continue
        cut = boundary.end()
    return head[cut:]


SENTENCE_SPAN = 400
"""Attribution looks back at most this many characters: a longer sentence is read from its last part."""
_LAST_WORD = re.compile(r"\S+$")
_BOUNDARY = re.compile(r"[.!?]+[”\"]?\s+|[”\"]\s+")
_ABBREVIATIONS = frozenset(ABBREVIATED_TITLES) | {"No", "vs"}


def _is_title(quoted: str) -> bool:
    """A short span of capitalised words without a sentence in it: a title ("Fox News Sunday")."""
    words = quoted.strip(" ,.").split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w.lower() in CONNECTORS for w in words) and not any(
        c in quoted for c in ",.!?;:")


def _only_speaker(paragraph: str, reading: _Reading) -> str | None:
    """The one person a paragraph names as saying something ("Peter Kim asked his son"), if it names
    exactly one person and that one speaks: never someone it only names ("John Smith, 45, was found")."""
    people = {person for match in NAME_IN_TEXT.finditer(paragraph)
              if " " in (person := _resolve(match.group(), reading) or "")}
    speakers = {_speaker_in(said, reading) for said in _SAID_SENTENCE.finditer(paragraph)}
    return people.pop() if len(people) == 1 and people <= speakers else None


def _resolve(words: str, reading: _Reading) -> str | None:
    """The person the words name, as fully as the article names them; None for a title, a pronoun or a group.
    A lone word is the person of that surname, else the one person of that first word ("Liu" for "Liu
    Pengyu", whose family name comes first); a known surname that is also a title word ("White") stays a name.
    An unknown lone word is a surname only after a title that stands before surnames ("President Biden"), not
    after words that also open a company's name ("General Motors")."""
    tokens = words.split()
    unnamed = tokens[0] in GROUPS and not (len(tokens) > 1 and tokens[1] in ROLE_WORDS)  # "Staff Sgt." is a rank
    if re.fullmatch(_PRONOUN, words) or unnamed:
        return None
    name, role = bare_name(without_body(words))
    if not name:
        last = POSSESSIVE.sub("", words.split()[-1]) if words.split() else ""
        return reading.surnames.get(last)
    if " " not in name:
        if name in reading.surnames:
            return reading.surnames[name]
        first = reading.firsts.get(name, set())
        if len(first) == 1:
            return next(iter(first))
        titles = [word for word in role.split() if word not in OPENERS]
        return name if not titles or SURNAME_TITLES.intersection(titles) else None
    return name


def named_people(names: tuple[dict[str, str], dict[str, str]]) -> tuple[tuple[str, str], ...]:
    """The people an article names in full with a title in front ("Secretary of State Antony Blinken"):
    (name, title), in order of first mention, from what ``article_names`` gives."""
    return tuple(names[1].items())


