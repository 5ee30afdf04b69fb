"""Web-boilerplate removal: an ordered list of named rules, each switchable from ``digest.yaml``.

Every rule looks at the body blocks that are left and names the ones that are not article text.
Rules recognise kinds of leftovers (comment forms, captions, prompts, the kinds in ``furniture``),
never particular files; ``page_chrome`` then removes what lies outside the article's span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from digest.read.furniture import KINDS, furniture_kind, words_in
from digest.read.structure import BYLINE, is_date_line, page_chrome
from digest.records import Block, Removed

Rule = Callable[[Sequence[Block]], set[int]]
"""A rule gets the blocks left by the rules before it and names those to remove."""
PageRule = Callable[[Sequence[Block], set[int]], set[int]]
"""A guessing rule gets the whole page and the blocks already removed, and names those to remove."""


@dataclass(frozen=True)
class KindRule:
    """The rule that removes the lines of one kind of furniture. The cleaner works out every line's kind once
    (``furniture_kind``) for all the kind rules: asked line by line in each rule's pass, a page longer than the
    kind cache would miss it once per kind."""

    kind: str


def _tail_start(blocks: Sequence[Block], share: float) -> int:
    """Index of the first block after which only ``share`` of the text's words remain."""
    total = sum(words_in(b.text) for b in blocks)
    seen = 0
    for index, block in enumerate(blocks):
        if seen >= total * (1 - share):
            return index
        seen += words_in(block.text)
    return len(blocks)


def _compile(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_COMMENT_START = _compile(
    r"^\d+\s+(thoughts?|comments?|responses?|replies|reactions?)\s+(on|to)\b",
    r"^(leave|post|add|write|submit) a (reply|comment|response)\b",
    r"^(join|start) the (discussion|conversation)\b",
    r"^(comments?|discussion|\d+ comments?)$",
    r"^please enter your (comment|name|email)",
    r"^(you must be )?log(ged)? in to (post|leave) a comment",
    r"^your email address will not be published",
)
_FORM_FIELD = _compile(
    r"^connecting to %s$", r"^cancel reply$", r"^notify me of (new|follow-up)",
    r"^save my name, email", r"^(name|email|website)\s*\*?$", r"^post comment$",
    r"^you are commenting using your \w+(\.\w+)? account",
)


def comment_form(blocks: Sequence[Block]) -> set[int]:
    """A comment section and its form: from its first marker near the end to the end of the text."""
    tail = _tail_start(blocks, 0.5)
    short_from = [True] * (len(blocks) + 1)
    for index in range(len(blocks) - 1, -1, -1):
        short_from[index] = words_in(blocks[index].text) <= 30 and short_from[index + 1]
    for index, block in enumerate(blocks):
        text = block.text.strip()
        closing = index >= tail or index > 0 and short_from[index]
        if closing and words_in(text) <= 25 and _COMMENT_START.search(text):
            return set(range(index, len(blocks)))
    return {i for i, b in enumerate(blocks) if _FORM_FIELD.search(b.text.strip())}


_RELATED_HEADING = _compile(
    r"^(related|latest|more|recommended|trending|popular|top|editor'?s|further)"
    r"( \w+)?\s*(news|stories|articles|posts|reads?|reading|videos?|coverage|content|picks|topics|links)?:?$",
    r"^(you (may|might) also like|read (more|next|also)|see also|also read|most (read|popular|viewed)"
    r"|more from [\w .]+|don'?t miss|what to read next)\s*:?$",
)
_INLINE_READ_MORE = _compile(r"^(read more|also read|read also|see also|related|watch|listen)\s*[:|]\s*\S.{0,150}$")
_TEASER = re.compile(r"(\[(?:…|\.\.\.)\]|\bmore\s?(?:\.\.\.|…)|\bread more\s*[»›>]?)\s*$", re.IGNORECASE)
"""The cut-off excerpt of another story: "... it would probably be […]", "... maritime history. more..."."""


def related_links(blocks: Sequence[Block]) -> set[int]:
    """'Related news' style lists: their heading, any headline-like lines under it, 'Read more: ...' lines and
    other stories' excerpts cut off with "[…]" or "more..."."""
    found = {i for i, b in enumerate(blocks) if _INLINE_READ_MORE.search(b.text.strip()) or _TEASER.search(b.text)}
    tail = _tail_start(blocks, 0.4)
    for index, block in enumerate(blocks):
        if index >= tail and _RELATED_HEADING.search(block.text.strip()):
            found.add(index)
            for follower in range(index + 1, len(blocks)):
                if not _looks_like_link(blocks[follower].text):
                    break
                found.add(follower)
    return found


def _looks_like_link(text: str) -> bool:
    text = text.strip()
    return words_in(text) <= 16 and not re.search(r"[.!?:;]['’\"”]?$", text) or bool(_RELATED_HEADING.search(text))


_CAPTION_END = re.compile(
    r"\b(?:(?:FILE )?PHOTOS?|PICTURES?|IMAGES?|VIDEO|GRAPHIC|ILLUSTRATION)\s*:\s*[A-Z][\w .&'/-]{0,60}$"
    r"|\b(?:Photo|Photograph|Picture|Image|Credit|Illustration)s?(?:\s+(?:credit|courtesy|by))?\s*:\s*[^.]{1,60}$"
    r"|\((?:Photo|Image|Picture|Credit)s?\b[^)]{0,80}\)$"
    r"|\([^()]{0,40}\b(?:Photo|Photos|Image|Pool|Getty|Reuters|AFP|AP|EPA)\b[^()]{0,60}\)$"
    r"|\([A-Z][\w.&' -]{1,40}/[A-Z][\w.' -]{1,40}\)$"
    r"|\b(?:Getty Images|Shutterstock|iStock(?:photo)?|Wikimedia Commons|Unsplash|Flickr)\W{0,3}$"
)
_CAPTION_START = _compile(
    r"^(photo|image|picture|credit|illustration)s?\s*(credit|source|caption|courtesy)?\s*[:,]\s",
    r"^(photo|image|picture)s?\s+(by|credit|courtesy)\b:?\s", r"^file photo\b", r"^FILE\s*[-–—:]\s", r"^[A-Z]{2,8}: [\w-]*\d[\w-]*$",
)
_LICENCE = _compile(r"\bCC[ -]BY(-[A-Z]{2})*\b", r"\bcreative commons\b", r"\bpublic domain\b", r"\bvia wikimedia\b")
_URL = re.compile(r"https?://\S+")


def captions(blocks: Sequence[Block]) -> set[int]:
    """Photo captions ('... PHOTO: REUTERS') and image credits with a licence or source address; where
    paragraphs are separated by blank lines, the lines set solid with a credit (alt text, caption,
    image number) are its caption too."""
    found = set()
    for index, block in enumerate(blocks):
        text = block.text.strip()
        if words_in(text) > 60:
            continue
        credit = bool(_LICENCE.search(text)) and (bool(_URL.search(text)) or words_in(text) <= 30)
        if _CAPTION_END.search(text) or _CAPTION_START.search(text) or credit:
            found.add(index)
    return found | _set_solid_with(blocks, found) if _blank_line_paragraphs(blocks) else found


def _blank_line_paragraphs(blocks: Sequence[Block]) -> bool:
    gaps = [b.ref.line - a.ref.line for a, b in zip(blocks, blocks[1:], strict=False)]
    return bool(gaps) and sum(gap > 1 for gap in gaps) >= len(gaps) / 2


def _set_solid_with(blocks: Sequence[Block], anchors: set[int]) -> set[int]:
    """Blocks on the lines right above and below each anchor, with no blank line between, up to 60 words each."""
    joined = set()
    for anchor in anchors:
        for step in (-1, 1):
            index = anchor
            while 0 <= index + step < len(blocks) and abs(blocks[index + step].ref.line - blocks[index].ref.line) == 1 \
                    and words_in(blocks[index + step].text) <= 60:
                index += step
                joined.add(index)
    return joined


_PROMPT = _compile(
    r"^(join|follow|like|subscribe to)\b.{0,60}\b(telegram|whatsapp|twitter|facebook|instagram|linkedin|youtube"
    r"|tiktok|threads|bluesky|channel|newsletter|page|us on)\b",
    r"^(sign up|subscribe|register)\b.{0,100}\b(newsletter|updates|inbox|email|alerts|briefing)\b",
    r"\bget (the latest|our|breaking)\b.{0,50}\b(delivered|in your inbox|straight to)\b",
    r"^(share|share this( article| story| post)?|tweet|email|print|copy link)( on \w+)?\s*:?$",
    r"^click (here )?to (share|print|email|tweet)", r"^(download|get) (our|the) \w+ app\b",
    r"^follow @\w+", r"^(like|follow) us on\b",
)


def social_prompts(blocks: Sequence[Block]) -> set[int]:
    """Newsletter sign-ups, 'Join our channel', share buttons and app prompts."""
    return {i for i, b in enumerate(blocks) if words_in(b.text) <= 40 and _PROMPT.search(b.text.strip())}


_EMBED = _compile(
    r"^(remote |embedded |external )?(video|audio|image|media|content)( url| player| embed)?$",
    r"^\[?(embedded content|embed|video)\]?$", r"^loading(\.\.\.|…)?$",
    r"^your browser does not support", r"^this (content|video|embed) is (not available|unavailable)",
    r"^view this post on (instagram|twitter|x|facebook|tiktok)$", r"^a post shared by\b.{0,80}$",
    r"^pic\.twitter\.com/\w+$", r"^scroll to continue( reading)?$", r"^(click|tap) to (load|play|expand)\b.{0,30}$",
)


def embeds(blocks: Sequence[Block]) -> set[int]:
    """Placeholders left where a video, tweet or advert was embedded."""
    return {i for i, b in enumerate(blocks) if words_in(b.text) <= 12 and _EMBED.search(b.text.strip())}


_BIO = _compile(
    r"^[A-Z][\w.'’-]+(\s[A-Z][\w.'’-]+){0,3} (is|was|has been|writes|covers|reports)\b.{0,120}\b("
    r"writer|journalist|reporter|correspondent|editor|analyst|scientist|author|columnist|contributor|researcher"
    r"|professor|fellow|blogger|commentator|freelancer|student|expert|consultant|founder|experience|covering)",
    r"^about the (author|writer)\b",
)


def author_bio(blocks: Sequence[Block]) -> set[int]:
    """An author biography among the last two blocks ('Eli is a political data scientist ...')."""
    return {i for i in range(max(0, len(blocks) - 2), len(blocks)) if words_in(blocks[i].text) <= 120
            and _BIO.search(blocks[i].text.strip())}


def byline(blocks: Sequence[Block]) -> set[int]:
    """A 'By Jane Doe' line among the first five blocks (kept as author information)."""
    return {i for i in range(min(5, len(blocks))) if words_in(blocks[i].text) <= 14 and BYLINE.match(blocks[i].text.strip())}


def date_line(blocks: Sequence[Block]) -> set[int]:
    """A line that is only a date ('Published December 7, 2021') among the first five blocks (kept as the date)."""
    return {i for i in range(min(5, len(blocks))) if is_date_line(blocks[i].text)}


RULES: tuple[tuple[str, Rule | PageRule | KindRule], ...] = (
    ("comment_form", comment_form),
    ("related_links", related_links),
    ("captions", captions),
    ("social_prompts", social_prompts),
    ("embeds", embeds),
    *((name, KindRule(name)) for name in KINDS),
    ("page_chrome", page_chrome),
    ("author_bio", author_bio),
    ("byline", byline),
    ("date_line", date_line),
)
RULE_NAMES: tuple[str, ...] = tuple(name for name, _ in RULES)


GUESSING = frozenset({"page_chrome"})
"""Rules that judge by a line's place on the page rather than its own shape. They read the whole
page, furniture the earlier rules took out included (a 'Related' heading still marks where the
article ends), and never remove a sentence that names a topic: losing article text is worse than
keeping a leftover."""


def reads_as_sentence(text: str) -> bool:
    """Eight words or more ending in sentence punctuation: the shape of article prose."""
    return words_in(text) >= 8 and bool(re.search(r"[.!?…][\"'’”)\]]*$", text.strip()))


def clean(blocks: Sequence[Block], enabled: Sequence[str], extra_patterns: Sequence[str] = (),
          protect: re.Pattern[str] | None = None) -> tuple[tuple[Block, ...], tuple[Removed, ...]]:
    """Run the enabled rules in order; return the kept blocks and what was removed, in source order.
    ``protect`` matches topic words: a guessing rule keeps any sentence it matches."""
    kept = list(blocks)
    removed: list[Removed] = []
    rules = [(name, rule) for name, rule in RULES if name in enabled]
    if extra_patterns:
        custom = _compile(*extra_patterns)
        rules.append(("custom", lambda bs: {i for i, b in enumerate(bs) if custom.fullmatch(b.text.strip())}))
    positions = list(range(len(blocks)))
    kinds: list[str | None] = []
    for name, rule in rules:
        if isinstance(rule, KindRule):
            kinds = kinds or [furniture_kind(b.text.strip()) for b in blocks]
            hits = {i for i, position in enumerate(positions) if kinds[position] == rule.kind}
        elif name in GUESSING:
            whole_page = rule(blocks, set(range(len(blocks))) - set(positions))
            hits = {i for i, position in enumerate(positions) if position in whole_page}
            if protect is not None:
                hits = {i for i in hits if not (reads_as_sentence(kept[i].text) and protect.search(kept[i].text))}
        else:
            hits = rule(kept)
        removed.extend(Removed(name, kept[i].text, kept[i].ref) for i in sorted(hits))
        kept = [b for i, b in enumerate(kept) if i not in hits]
        positions = [p for i, p in enumerate(positions) if i not in hits]
    removed.sort(key=lambda r: r.ref.line)
    return tuple(kept), tuple(removed)
