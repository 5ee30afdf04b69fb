"""Safe YAML loading with real file lines: no aliases, no duplicate keys, no tags beyond the safe ones."""

from __future__ import annotations

from typing import Any

import yaml

from digest.records import DigestError, SourceRef

LineMap = dict[tuple[Any, ...], int]


class _StrictConstruction:
    """Refuses repeated keys, keys that are not plain text, and dates and numbers that cannot exist."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML signature
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}; keep only one", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_checked_scalar(self, node):  # noqa: ANN001 - PyYAML signature
        """Dates and numbers that cannot exist (2024-02-30, 5,000-digit integers) fail at their own line."""
        try:
            return _SCALARS[node.tag](self, node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(None, None, f"{node.value[:40]!r} cannot be read: {exc}",
                                                    node.start_mark) from None


class StrictSafeLoader(_StrictConstruction, yaml.SafeLoader):
    """A SafeLoader that rejects anchors/aliases (YAML bombs) and repeated keys."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed; write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


_SCALARS = {tag: yaml.SafeLoader.yaml_constructors[tag]
            for tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")}
for _tag in _SCALARS:
    StrictSafeLoader.add_constructor(_tag, StrictSafeLoader.construct_checked_scalar)

_FAST = getattr(yaml, "CSafeLoader", None)
"""PyYAML's libyaml parser, about ten times faster than the pure-Python one, when PyYAML was built with it."""
if _FAST is not None:
    class _FastStrictLoader(_StrictConstruction, _FAST):  # type: ignore[misc, valid-type]
        """The same checks over libyaml's parser, for text without anchors or aliases (libyaml composes
        aliases in C, where ``StrictSafeLoader.compose_node`` cannot refuse them)."""

    for _tag in _SCALARS:
        _FastStrictLoader.add_constructor(_tag, _FastStrictLoader.construct_checked_scalar)


def _fast_load(text: str) -> tuple[Any, yaml.Node | None] | None:
    """The value and node tree through libyaml, or None to take the pure-Python path: when libyaml is
    missing, when the text could hold an anchor or alias or a character the pure-Python reader refuses, or on
    any problem (so errors are always
    reported the same way, at their line)."""
    if _FAST is None or "&" in text or "*" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FastStrictLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None
    finally:
        loader.dispose()


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, LineMap]:
    """Parse one YAML document; return the value and the file line of every key path.

    ``first_line`` is the file line the text starts on. Errors become ``DigestError`` at the real line.
    """
    fast = _fast_load(text)
    if fast is not None:
        value, node = fast
        return value, _lines_of(node, first_line)
    try:
        loader = StrictSafeLoader(text)
    except yaml.reader.ReaderError as exc:
        line = first_line + text.count("\n", 0, exc.position)
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise DigestError(SourceRef(path, line, column), f"YAML cannot contain the character U+{exc.character:04X}; "
                          "delete it or retype the line") from None
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        column = mark.column + 1 if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context == "expected a single document in the stream":
            problem = "front matter must be one block of 'key: value' lines; a second document starts here"
        raise DigestError(SourceRef(path, line, column), f"YAML: {problem}{_hint(problem)}") from None
    except yaml.YAMLError as exc:
        raise DigestError(SourceRef(path, first_line), f"YAML: {exc}") from None
    except RecursionError:
        mark = loader.get_mark()
        raise DigestError(SourceRef(path, first_line + mark.line, mark.column + 1),
                          "YAML nested too deeply (brackets or indentation); simplify the value") from None
    except (ValueError, OverflowError) as exc:
        raise DigestError(SourceRef(path, first_line), f"YAML value cannot be read: {exc}") from None
    finally:
        loader.dispose()
    return value, _lines_of(node, first_line)


def _lines_of(node: yaml.Node | None, first_line: int) -> LineMap:
    lines: LineMap = {}
    if node is not None:
        _collect_lines(node, (), first_line, lines)
    return lines


def _hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return ' (a value containing ": " must be quoted, e.g. title: "Breaking: markets fall")'
    if "could not determine a constructor" in problem:
        return " (tags such as !!python/... are not allowed)"
    if "found character '\\t'" in problem:
        return " (indent with spaces, not tabs)"
    return ""


def _collect_lines(node: yaml.Node, key_path: tuple[Any, ...], first_line: int, lines: LineMap) -> None:
    lines[key_path] = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = key_path + (key_node.value,)
            _collect_lines(value_node, child, first_line, lines)
            lines[child] = first_line + key_node.start_mark.line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, key_path + (index,), first_line, lines)
