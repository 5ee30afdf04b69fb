"""Turn article bytes into normalised text and split off the YAML front matter (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from digest.records import Diagnostic, DigestError, SourceRef

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
MAX_FRONT_MATTER_BYTES = 16 * 1024


@dataclass(frozen=True)
class SourceText:
    """An article file's text, split into front matter and body."""

    front_matter: str | None
    """The YAML between the ``---`` lines, or None when the file has none."""
    body_lines: tuple[str, ...]
    """Body lines; ``body_lines[i]`` is file line ``body_start + i``."""
    body_start: int
    """File line of the first body line."""
    warnings: tuple[Diagnostic, ...] = ()
    """Suspicious but usable characters found in the front matter (bidi controls)."""


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
        raise DigestError(SourceRef(path, line, column), "binary file (contains U+0000 NULL); articles must be UTF-8 text")
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
        return SourceText(None, tuple(lines), 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            size = len(front.encode("utf-8"))
            if size > MAX_FRONT_MATTER_BYTES:
                raise DigestError(SourceRef(path, 1, 1), f"front matter is {size:,} bytes, over the 16 KB limit; "
                                  "move long text into the body")
            warnings = _check_characters(front, path, first_line=2)
            return SourceText(front, tuple(lines[index + 1:]), index + 2, warnings)
    raise DigestError(SourceRef(path, 1, 1), "front matter opened with '---' but never closed; add a '---' line after it")


def _check_characters(text: str, path: str, first_line: int) -> tuple[Diagnostic, ...]:
    """Point at control characters that would confuse the YAML reader (errors); warn on bidi controls."""
    warnings: list[Diagnostic] = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for match in _FORBIDDEN.finditer(line):
            char = match.group()
            ref = SourceRef(path, number, match.start() + 1)
            name = f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"
            if not _BIDI.match(char):
                raise DigestError(ref, f"front matter contains {name}; delete it or retype the line")
            warnings.append(Diagnostic(ref, "warning", f"front matter contains {name}, which can disguise text; "
                                       "it was removed"))
    return tuple(warnings)


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
