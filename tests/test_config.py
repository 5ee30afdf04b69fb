"""digest.yaml and topics.yaml: valid files load; every problem is reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.read.config import ConfigErrors, parse_config
from digest.analyse.taxonomy import parse_taxonomy

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_settings_and_taxonomy_load() -> None:
    config = parse_config((ROOT / "digest.yaml").read_text(), "digest.yaml")
    taxonomy = parse_taxonomy((ROOT / "topics.yaml").read_text(), "topics.yaml")
    assert config.output_dir == "_site" and "captions" in config.cleaning_rules
    assert [t.id for t in taxonomy.topics] == ["ukraine", "nato-expansion", "nord-stream-2", "alliances"]
    assert all(t.description and t.rules for t in taxonomy.topics)


def test_every_config_problem_is_reported_at_once_with_lines() -> None:
    text = "title: News\nthemes: dark\nrelated_limit: many\ncleaning:\n  rules:\n    captionz: false\n"
    with pytest.raises(ConfigErrors) as caught:
        parse_config(text, "digest.yaml")
    shown = [str(d) for d in caught.value.diagnostics()]
    assert shown[0].startswith("digest.yaml:2: error: unknown setting 'themes'")
    assert shown[1].startswith("digest.yaml:3: error: 'related_limit' must be int")
    assert shown[2].startswith("digest.yaml:6: error: unknown cleaning rule 'captionz'")


def test_switching_a_rule_off_and_normalising_base_url() -> None:
    config = parse_config("base_url: https://u.github.io/repo\ncleaning:\n  rules:\n    captions: false\n", "d.yaml")
    assert "captions" not in config.cleaning_rules and "embeds" in config.cleaning_rules
    assert config.base_url == "https://u.github.io/repo/"


def test_bad_base_url_and_regex_are_errors() -> None:
    with pytest.raises(ConfigErrors) as caught:
        parse_config("base_url: javascript:alert(1)\ncleaning:\n  extra_patterns: ['(']\n", "d.yaml")
    assert [d.ref.line for d in caught.value.diagnostics()] == [1, 3]


def test_taxonomy_problems_name_their_lines() -> None:
    text = ("topics:\n  - id: Bad Id\n    name: X\n  - id: ok\n    rules:\n      - phrases: []\n"
            "  - id: ok2\n    rules:\n      - phrases: [x]\n        wieght: 2\n")
    with pytest.raises(ConfigErrors) as caught:
        parse_taxonomy(text, "topics.yaml")
    lines = [(d.ref.line, d.message.split(";")[0]) for d in caught.value.diagnostics()]
    assert (2, "topic id must be lowercase letters, digits and hyphens, e.g. nato-expansion") in lines
    assert any(line == 6 and "non-empty list" in message for line, message in lines)
    assert any(line == 10 and "unknown rule key 'wieght'" in message for line, message in lines)


def test_a_user_can_add_a_topic_without_code() -> None:
    text = ("topics:\n  - id: energy\n    name: Energy\n    threshold: 1\n    rules:\n"
            "      - phrases: [{phrase: LNG, match_case: true}, gas price*]\n")
    taxonomy = parse_taxonomy(text, "topics.yaml")
    phrases = taxonomy.topics[0].rules[0].groups[0]
    assert phrases.search("Gas prices rose") and phrases.search("LNG cargoes")
    assert not phrases.search("lng") and not phrases.search("gaslighting")
