"""Kinds of page furniture, each a named pattern over one short line.

A pattern describes a kind of thing pages carry around an article (a .gov banner, a cookie notice,
a share bar, a media player's timings), never a particular site. Each matches a whole line of at
most ``_MAX_WORDS`` words, so a sentence of the article that happens to use the same words is kept.
"""

from __future__ import annotations

import functools
import re

_MAX_WORDS = 16
_SOCIAL = r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|print|instagram" \
          r"|youtube|tiktok|threads|bluesky|mastodon|rss|flipboard|messenger|sms|copy link|link)"


@functools.lru_cache(maxsize=16384)
def words_in(text: str) -> int:
    """The number of words in a line (cached: every rule asks for the same lines)."""
    return len(text.split())


def _kind(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\W*$", re.IGNORECASE)


KINDS: dict[str, re.Pattern[str]] = {
    "banners": _kind(
        r"an official website of the (?:united states|u\.\s?s\.|[a-z ]+ state) government(?: here'?’?s how you know)?",
        r"here'?’?s how you know", r"official websites use \.gov.*", r"secure \.gov websites use https.*",
        r"(?:an? )?\.(?:gov|mil) website belongs to .*", r"a lock .{0,40} or https:// means .*", r"breaking news",
        r"official websites use \.(?:gov|mil).*", r"secure \.(?:gov|mil) websites use https.*",
        r"accessibility links", r"skip to (?:the )?(?:main |sub-?)?(?:content|navigation|search|footer)",
        r"skip (?:navigation|to main)", r"jump to (?:main )?(?:content|navigation|search)",
        r"you are (?:now )?leaving .{0,60}", r"(?:live|alert|update):?", r"javascript (?:is )?(?:disabled|required).*",
    ),
    "cookies": _kind(
        r".{0,40}\b(?:we|this (?:web)?site) uses? cookies\b.*", r"(?:accept|reject|allow|decline)(?: all)?(?: cookies)?",
        r"cookies? (?:settings|policy|preferences|notice|consent)", r"manage (?:cookies|consent|preferences|settings)",
        r"by (?:continuing|using) (?:to (?:use|browse) )?this (?:site|website).*", r"privacy preferences?(?: center)?",
        r"(?:i )?(?:agree|accept|got it|ok|okay)",
    ),
    "adverts": _kind(
        r"advertisement(?: - scroll to continue)?", r"remove ads", r"ads?", r"advert(?:isement)?s?",
        r"sponsored(?: content| by .{0,40})?", r"paid (?:content|post|partner)", r"promoted(?: content)?",
        r"(?:story|article) continues (?:below|after) (?:this |the )?(?:advertisement|ad)", r"ad feedback",
        r"supported by", r"skip (?:advertisement|ad)",
    ),
    "share_bars": _kind(
        r"share(?: this| the)?(?: page| article| story| post| video| link)?(?: on| via| with)?(?: " + _SOCIAL + ")?",
        r"(?:share|post|send) (?:on|to|via) " + _SOCIAL,
        r"(?:" + _SOCIAL + r")(?:[\s,|·•/]+" + _SOCIAL + r")*",
        r"(?:email|print|save|bookmark) (?:this|the) (?:page|article|story|post)", r"print(?:er[- ]friendly)?(?: version)?",
        r"back to top", r"return to top", r"top of page", r"follow us(?: on .{0,40})?", r"(?:tweet|pin it|like)",
        r"copy (?:the )?(?:link|url)(?: to clipboard)?", r"link copied", r"permalink",
    ),
    "newsletters": _kind(
        r"(?:get|sign up for|subscribe to) (?:our|the) (?:free )?.{0,40}\b(?:newsletters?|briefing|digest|emails?|alerts)",
        r"(?:enter|type|your) (?:your )?e-?mail(?: address)?(?: here)?", r"e-?mail address\*?", r"sign up(?: now| today| here| for .{0,40})?",
        r"subscribe(?: now| today| for free| here)?", r"newsletters?(?: sign-?up)?", r"thanks? (?:you )?for (?:signing up|subscribing)",
        r"you have (?:successfully )?(?:subscribed|signed up).*", r"(?:unsubscribe|manage subscriptions?)",
        r"by (?:signing up|subscribing),? you agree.*", r"stay (?:connected|in touch|informed)", r"opt in to .{0,80}",
        r"we'?’?ll be in touch .{0,240}", r"(?:get|receive) (?:the latest )?(?:updates|news|alerts) .{0,60}",
    ),
    "media_players": _kind(
        r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s+(?:\d{1,2}:)?\d{1,2}:\d{2})*", r"please wait", r"no media source currently available",
        r"listen(?: to (?:this|the) (?:article|story|report|audio))?(?: [·•|-]? ?\d+(?::\d\d)? ?(?:min(?:ute)?s?|sec))?",
        r"watch(?: live| now| video| the video| more)?", r"play(?: video| audio| now)?", r"pause", r"(?:video|audio) player",
        r"download (?:mp3|mp4|file|audio|video|the (?:audio|video))", r"\d{3,4}p \| [\d.]+ ?mb", r"embed(?: code)?",
        r"the (?:code|url|link) has been copied to your clipboard", r"direct link", r"(?:image|video|audio|photo) \d+ of \d+",
        r"(?:view|open|see) (?:the )?(?:gallery|slideshow|photos|video|image)", r"\d+ (?:photos|images|videos)",
        r"(?:loading|buffering)(?:\.\.\.|…)?", r"(?:your|this) browser (?:does not|doesn['’]t|cannot|can['’]t) support.*",
        r"transcript",
    ),
    "navigation": _kind(
        r"(?:main |site |open |close )?(?:menu|navigation)", r".{0,60}\blogo", r"[←→↑↓«»‹›].{0,60}", r"toggle (?:navigation|menu|search)", r"search(?: the site| this site| query)?",
        r"(?:log|sign) ?(?:in|out|up)", r"register", r"my account", r"home(?:page)?", r"sections?", r"close", r"submit", r"go",
        r"(?:home|news)\s*(?:[>»/|›]\s*[\w ,'&-]{1,40}){1,6}", r"en español|español|français|deutsch|русский|українська|中文",
        r"(?:previous|next)(?: (?:article|story|post|page|slide))?", r"(?:select|choose) (?:a |your )?language",
        r"\|?(?:[^|]{0,60}\|){2,}[^|]{0,60}",
    ),
    "footers": _kind(
        r".{0,60}(?:copyright|©|\(c\))\s*(?:\d{4}|[a-z]).{0,80}", r".{0,60}all rights reserved.{0,40}",
        r"privacy(?: (?:policy|notice|statement|program))?", r"terms(?: (?:of|and) (?:use|service|conditions))?(?: .{0,30})?",
        r"contact(?: us)?", r"about(?: us| the site| this site)?", r"accessibility(?: statement)?", r"site ?map",
        r"foia|freedom of information act", r"no fear act(?: data)?", r"(?:office of (?:the )?)?inspector general",
        r"usa\.gov", r"vulnerability disclosure(?: policy)?", r"careers|jobs", r"help(?: center)?", r"faqs?",
        r"disclaimers?", r"(?:this (?:site|website) is )?(?:managed|maintained|powered) by .{0,60}",
        r"(?:text|content) is available under .{0,120}", r"(?:external link|exit) (?:policy|disclaimer)",
        r"(?:follow|connect with|find) us(?: on)?.{0,40}", r"(?:plain )?language|español|information quality",
    ),
    "archive_headers": _kind(
        r"this is historical material.{0,200}", r"this (?:page|content|document|website|article) (?:is|was|has been) archived.{0,100}",
        r"archived (?:content|page|information|document)s?.{0,80}", r"cite this(?: page| article)?", r"retrieved from .{0,120}",
        r"from (?:wikipedia|wikinews|wikisource|wikimedia)[, ].{0,40}", r"this article is more than \d+ (?:years?|months?) old",
        r"this page was last edited .{0,80}", r"\(?redirected from .{0,80}", r"(?:tags?|categories|category|filed under|keywords):.{0,400}",
        r"[-•*]?\s*(?:change-\s*)?[↑^] .{0,600}", r"(?:report number|media type|retrieved from|publisher|format|series|"
        r"collection|identifier|accessed|isbn|issn|doi|call number|record type|document type|help with citations):?", r"(?:permanent link|page information|printable version|what links here"
        r"|related changes|upload file|special pages|download as pdf|edit(?: source)?|view history|talk|read|"
        r"contents|hide|\(top\)|tools|actions|general|print/export|in other projects|appearance)",
    ),
    "page_meta": _kind(
        r"\d+[-\s]min(?:ute)?s?(?: read| listen)?", r"(?:reading|read) time:? .{0,20}", r"[\d,.]+k? (?:views?|shares?|reads|likes)",
        r"(?:last )?(?:updated|modified|reviewed|edited)(?: on| at)?:? .{0,40}", r"(?:text|font) size", r"a\s*a\s*a",
        r"(?:\d+ )?comments?(?: \(\d+\))?", r"(?:print|share|email)(?: \| (?:print|share|email))+", r"no comments?:?",
        r"(?:напишіть|ваш|залишіть) (?:коментар|відгук).{0,20}", r"(?:\d+ )?(?:commentaires?|kommentare?|comentarios?)",
    ),
    "fact_boxes": _kind(
        r"(?-i:(?!.*[.!?][\"'”’]?$)[A-Z][a-z]{2,}(?: [a-z()]{2,}){0,3}(?=[A-Z0-9]\w).{1,80})",
        r"[^|]{1,60}\|", r"[-|: ]{3,}",
    ),
    "credits": _kind(
        r"credit(?:s)?(?:\.{3}|…|:)\s*.{0,60}", r"(?:photo|image|video|illustration)s?(?:\.{3}|…)\s*.{0,60}",
        r"(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}\s?/\s?(?:The |the )?[A-Z][\w&.'’ -]{1,40})",
        r"(?:getty images|reuters|afp|associated press|ap photo|epa|shutterstock|pool)(?: via .{0,40})?",
    ),
    "prompts": _kind(
        r"read the (?:full|complete|original) (?:article|story|text|statement|report|transcript|release)(?: here| on .{0,40})?",
        r"click here(?: to| for) .{0,60}", r"(?:was this (?:page|article|information|content) (?:helpful|useful)\??.{0,20})",
        r"(?:give|send|leave) (?:us )?(?:your )?feedback", r"report (?:a problem|an error|a typo|abuse)",
        r"(?:learn|find out|read) more(?: about .{0,60})?", r"for more information,? (?:visit|see|click|go to|contact) .{0,60}",
        r"download (?:the )?(?:pdf|full report|report|document|fact sheet)(?: .{0,30})?",
        r"(?:view|open) (?:the )?(?:original|full|pdf)(?: version| document| article)?", r"(?:open|view) in (?:the )?(?:app|browser)",
        r"(?:see|view|show) (?:all|more)(?: .{0,30})?", r"load more", r"more (?:stories|news|articles)(?: from .{0,40})?",
        r"continue reading(?: the main story| below| the article)?", r"supported by .{0,40}",
    ),
}

_TAIL = _kind(
    r"(?:related|recommended|more|latest|popular|trending|top)(?: (?:news|stories|articles|posts|content|coverage|links|reading|videos))?",
    r"most (?:popular|read|viewed|shared|watched|emailed)(?: .{0,30})?", r"(?:you (?:may|might) also (?:like|enjoy)|read next|what to read next)",
    r"(?:\d+ )?(?:comments?|responses?|replies)(?: \(\d+\))?", r"(?:leave|post|add|write) a (?:comment|reply|response)",
    r"\d+ thoughts? on .{0,120}", r"about the (?:author|writer)s?", r"(?:tags?|topics?|categories|filed under|keywords):?(?: .{0,80})?",
    r".{0,60}(?:copyright|©|\(c\))\s*\d{4}.{0,80}", r".{0,60}all rights reserved.{0,40}", r"(?:share|share this)(?: article| story| page)?",
    r"(?:in other news|elsewhere on .{0,40}|more from .{0,40}|see also|references|external links|further reading|notes|sources)",
)


_LONGER = {"banners": 40, "cookies": 40, "newsletters": 40, "footers": 40, "archive_headers": 80, "fact_boxes": 10, "navigation": 40}
"""Word limits other than ``_MAX_WORDS``: a .gov banner's or a cookie notice's sentences run longer,
a fact-box row is shorter."""


_LONGEST = max(_MAX_WORDS, *_LONGER.values())


def _fits(name: str, text: str) -> bool:
    return words_in(text) <= _LONGER.get(name, _MAX_WORDS) and KINDS[name].match(text) is not None


@functools.lru_cache(maxsize=32768)
def furniture_kind(text: str) -> str | None:
    """The kind of furniture a short line is, or None (cached: the cleaner and the layout ask, in several passes
    over a page, so the cache holds a long page's lines)."""
    if words_in(text) > _LONGEST:
        return None
    return next((name for name in KINDS if _fits(name, text)), None)


def is_furniture(text: str) -> bool:
    """Whether the line is a known kind of furniture."""
    return furniture_kind(text) is not None


@functools.lru_cache(maxsize=8192)
def is_tail_marker(text: str) -> bool:
    """A line that opens a page's tail: related lists, comments, tags, share bar, copyright, references."""
    return words_in(text) <= 20 and bool(_TAIL.match(text))
