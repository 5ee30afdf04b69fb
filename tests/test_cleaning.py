"""The cleaner on fixture texts: leftovers go, article sentences stay, every removal is named."""

from __future__ import annotations

import pytest

from digest.read.cleaning import RULE_NAMES, clean
from digest.records import Block, SourceRef
from tests.fixtures import cases


def _blocks(text: str) -> list[Block]:
    return [Block(line, SourceRef("a.txt", number)) for number, line in enumerate(text.split("\n"), 1) if line]


@pytest.mark.parametrize(("title", "given", "expected"), cases("cleaning.txt"))
def test_cleaning_fixture(title: str, given: str, expected: str) -> None:
    kept, removed = clean(_blocks(given), RULE_NAMES)
    shown = [b.text for b in kept] + [f"- {r.rule}: {r.text}" for r in sorted(removed, key=lambda r: (r.rule, r.ref.line))]
    assert "\n".join(shown) == expected, title


def test_a_switched_off_rule_keeps_its_lines() -> None:
    blocks = _blocks("The vote was held on Monday.\nAdvertisement\nIt passed.")
    kept, removed = clean(blocks, [name for name in RULE_NAMES if name not in ("adverts", "page_chrome")])
    assert [b.text for b in kept] == ["The vote was held on Monday.", "Advertisement", "It passed."]
    assert removed == ()


def test_user_patterns_remove_whole_matching_lines_only() -> None:
    blocks = _blocks("Example Media Ltd, registered in England\nThe vote was held on Monday, said Example Media.")
    kept, removed = clean(blocks, RULE_NAMES, extra_patterns=[r"Example Media Ltd, registered in \w+"])
    assert [b.text for b in kept] == ["The vote was held on Monday, said Example Media."]
    assert [(r.rule, r.ref.line) for r in removed] == [("custom", 1)]
