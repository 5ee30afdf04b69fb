"""Read fixture files in the markdown-it-py style: cases separated by lines holding a single dot.

Each case is ``title``, ``.``, input, ``.``, expected, ``.``; blank lines between cases are ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent / "fixtures"


def cases(name: str) -> list:
    """The cases of one fixture file as pytest params (title, input, expected), with source lines as ids."""
    lines = (HERE / name).read_text(encoding="utf-8").split("\n")
    params = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title, start = lines[index], index + 1
        parts: list[list[str]] = []
        cursor = start + 1
        for _ in range(2):
            chunk: list[str] = []
            while lines[cursor] != ".":
                chunk.append(lines[cursor])
                cursor += 1
            parts.append(chunk)
            cursor += 1
        params.append(pytest.param(title, "\n".join(parts[0]), "\n".join(parts[1]), id=f"{name}:{start}"))
        index = cursor
    return params
