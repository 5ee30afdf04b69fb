"""Turn article bytes into normalised text and split off the YAML front matter (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from digest.records import Diagnostic, DigestError, SourceRef

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
LINE_BREAKS = "\x0b\x0c\x85\u2028"
"""Vertical tab, form feed, NEL and LINE SEPARATOR: breaks within a paragraph that editors do not count as line ends."""
PARAGRAPH_BREAKS = "\u2029"
"""PARAGRAPH SEPARATOR: a paragraph break inside an editor's line."""
_BREAK = re.compile(f"[{LINE_BREAKS}{PARAGRAPH_BREAKS}]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""Control characters (and the two noncharacters XML forbids) that carry no text: removed from bodies."""
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
MAX_FRONT_MATTER_BYTES = 16 * 1024


@dataclass(frozen=True)
class SourceText:
    """An article file's text, split into front matter and body."""

    front_matter: str | None
    """The YAML between the ``---`` lines, or None when the file has none."""
    body_lines: tuple[str, ...]
    """Body lines, control characters removed; ``body_lines[i]`` is file line ``body_start + i``."""
    body_start: int
    """File line of the first body line."""
    warnings: tuple[Diagnostic, ...] = ()
    """Suspicious but usable characters: bidi controls in the front matter, control characters in the body."""


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) and normalise line ends to ``\\n``; refuse anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DigestError(SourceRef(path, 1, 1), "file is UTF-16; re-save it as UTF-8")
    if data.startswith(_BINARY_MAGIC):
        raise DigestError(SourceRef(path, 1, 1), "binary file (a PDF, image, archive or Office document); "
                          "articles must be UTF-8 text")
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        column = nul - (data.rfind(b"\n", 0, nul) + 1) + 1
        raise DigestError(SourceRef(path, line, column),
                          "binary file (contains U+0000 NULL); articles must be UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        raise DigestError(
            SourceRef(path, line, column), f"not UTF-8 (byte 0x{byte:02X}); re-save the file as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, path: str) -> SourceText:
    """Separate a leading ``---`` YAML block from the body, keeping file line numbers."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        body, removed = _remove_controls(lines, path, 1)
        return SourceText(None, body, 1, removed)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            size = len(front.encode("utf-8"))
            if size > MAX_FRONT_MATTER_BYTES:
                raise DigestError(SourceRef(path, 1, 1), f"front matter is {size:,} bytes, over the 16 KB limit; "
                                  "move long text into the body")
            warnings = _check_characters(front, path, first_line=2)
            body, removed = _remove_controls(lines[index + 1:], path, index + 2)
            return SourceText(front, body, index + 2, warnings + removed)
    raise DigestError(SourceRef(path, 1, 1),
                      "front matter opened with '---' but never closed; add a '---' line after it")


def _check_characters(text: str, path: str, first_line: int) -> tuple[Diagnostic, ...]:
    """Point at control characters that would confuse the YAML reader (errors); warn on bidi controls."""
    warnings: list[Diagnostic] = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for match in _FORBIDDEN.finditer(line):
            char = match.group()
            ref = SourceRef(path, number, match.start() + 1)
            name = _name(char)
            if not _BIDI.match(char):
                raise DigestError(ref, f"front matter contains {name}; delete it or retype the line")
            warnings.append(Diagnostic(ref, "warning", f"front matter contains {name}, which can disguise text; "
                                       "it was removed"))
    return tuple(warnings)


def _remove_controls(lines: Sequence[str], path: str,
                     first_line: int) -> tuple[tuple[str, ...], tuple[Diagnostic, ...]]:
    """Body lines without control characters, and one warning at the first one removed (with the count)."""
    first = next(((number, match) for number, line in enumerate(lines, start=first_line)
                  if (match := _CONTROL.search(line))), None)
    if first is None:
        return tuple(lines), ()
    cleaned = [_CONTROL.subn("", line) for line in lines]
    count = sum(removed for _, removed in cleaned)
    number, match = first
    more = f" and {count - 1} more" if count > 1 else ""
    warning = Diagnostic(SourceRef(path, number, match.start() + 1), "warning",
                         f"{_name(match.group())}{_meant(match.group())}{more} removed, as web pages and feeds cannot "
                         f"hold control characters; delete {'them' if more else 'it'} from the file, or copy the text "
                         "again from the source")
    return tuple(line for line, _ in cleaned), (warning,)


def _name(char: str) -> str:
    """'U+2028 LINE SEPARATOR'; control characters have no Unicode name."""
    kind = "control character" if unicodedata.category(char) == "Cc" else "noncharacter"
    return f"U+{ord(char):04X} {unicodedata.name(char, kind)}"


def _meant(char: str) -> str:
    """What a C1 control stood for when Windows-1252 text was decoded as Latin-1 (U+0092 for '’')."""
    if not "\x80" <= char <= "\x9f":
        return ""
    try:
        meant = char.encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f" (probably {meant!r} in the wrong encoding)"


def break_lines(lines: Sequence[str], first_line: int, at: str) -> tuple[tuple[str, int], ...]:
    """Each body line with its file line, split again at the break characters ``at`` inside it.

    Editors end lines only at ``\\n``, so the pieces keep their editor line; a paragraph break also
    gives an empty line between the pieces.
    """
    split = re.compile(f"([{at}])").split
    result: list[tuple[str, int]] = []
    for number, line in enumerate(lines, start=first_line):
        parts = split(line)
        result.append((parts[0], number))
        for separator, text in zip(parts[1::2], parts[2::2], strict=True):
            if separator in PARAGRAPH_BREAKS:
                result.append(("", number))
            result.append((text, number))
    return tuple(result)


def scrub(text: str) -> str:
    """Inline text (e.g. from a Markdown character reference) with breaks as spaces and no control characters."""
    return _CONTROL.sub("", _BREAK.sub(" ", text))


_MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")


def mojibake(lines: tuple[str, ...], first_line: int) -> tuple[int, int] | None:
    """(line, column) of the first UTF-8-read-as-Windows-1252 sequence such as 'â€™', if any."""
    for number, line in enumerate(lines, start=first_line):
        match = _MOJIBAKE.search(line)
        if match:
            return number, match.start() + 1
    return None


def clean_inline(text: str) -> str:
    """NFC-normalise a metadata string, drop control characters, collapse whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub(" ", text).replace("\u200b", "").replace("\u00ad", "").replace("\ufeff", "")
    return " ".join(text.split())
