"""Turn article bytes into normalised text and split off the YAML front matter (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from digest.records import DigestError, SourceRef

_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


@dataclass(frozen=True)
class SourceText:
    """An article file's text, split into front matter and body."""

    front_matter: str | None
    """The YAML between the ``---`` lines, or None when the file has none."""
    body_lines: tuple[str, ...]
    """Body lines; ``body_lines[i]`` is file line ``body_start + i``."""
    body_start: int
    """File line of the first body line."""


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) and normalise line ends to ``\\n``; refuse anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DigestError(SourceRef(path, 1, 1), "file is UTF-16; re-save it as UTF-8")
    if b"\x00" in data[:8192]:
        raise DigestError(SourceRef(path, 1, 1), "binary file (contains NUL bytes); articles must be UTF-8 text")
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
            _check_characters(front, path, first_line=2)
            return SourceText(front, tuple(lines[index + 1:]), index + 2)
    raise DigestError(SourceRef(path, 1, 1), "front matter opened with '---' but never closed; add a '---' line after it")


def _check_characters(text: str, path: str, first_line: int) -> None:
    """Point at control and invisible characters that would confuse the YAML reader."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        match = _FORBIDDEN.search(line)
        if match:
            char = match.group()
            name = unicodedata.name(char, "control character")
            raise DigestError(
                SourceRef(path, number, match.start() + 1),
                f"front matter contains U+{ord(char):04X} {name}; delete it or retype the line",
            )


def clean_inline(text: str) -> str:
    """NFC-normalise a metadata string, drop control characters, collapse whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub(" ", text).replace("\u200b", "").replace("\u00ad", "").replace("\ufeff", "")
    return " ".join(text.split())
