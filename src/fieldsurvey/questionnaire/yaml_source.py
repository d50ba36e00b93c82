"""Reading a YAML file into plain Python data while remembering the line of every node.

PyYAML's composer gives each node its position; we build the data ourselves from the node
graph so that (a) every error can name `file:line`, (b) duplicate keys are caught instead of
silently overwritten, and (c) alias expansion is counted, which defuses "billion laughs"
alias bombs before they expand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import yaml

from fieldsurvey.questionnaire.problems import Code, Path

try:  # the C composer is several times faster on large files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64


class SourceError(Exception):
    """The file could not be read as YAML data at all; carries one catalogue code."""

    def __init__(self, code: Code, line: int | None = None, **values: object) -> None:
        self.code = code
        self.line = line
        self.message = code.format(**values)
        super().__init__(self.message)


@dataclass
class YamlDocument:
    """The data of a file plus the line (1-based) where each path starts."""

    text: str
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """The line of the longest prefix of `path` that exists in the document."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


def read_yaml(file: FilePath) -> YamlDocument:
    """Read and compose `file`, or raise SourceError naming what is wrong."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(Code.TOO_LARGE, size=size, limit=MAX_BYTES)
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(Code.NOT_UTF8, line, byte=raw[exc.start], offset=exc.start) from None
    return parse_yaml(text)


def parse_yaml(text: str) -> YamlDocument:
    """Compose `text`, refusing it first if it nests deeper than MAX_DEPTH.

    PyYAML's composer recurses once per level, in C: 150,000 nested `[` crash the process
    (a segfault, not an exception). The parser's event stream is flat, so the depth is
    counted on it first, and composing starts only once the text is known to be shallow.
    """
    if len(text) > MAX_BYTES:
        raise SourceError(Code.TOO_LARGE, size=len(text), limit=MAX_BYTES)
    try:
        _check_depth(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = f"{exc.problem or exc.context}"
        if mark:
            detail += f" (column {mark.column + 1})"
        raise SourceError(Code.NOT_YAML, line, detail=detail) from None
    except yaml.YAMLError as exc:
        raise SourceError(Code.NOT_YAML, None, detail=str(exc)) from None
    document = YamlDocument(text=text, data=None)
    if node is None:
        return document
    builder = _Builder(document)
    document.data = builder.build(node, (), 0)
    return document


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_depth(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else 1  # the parser sets it
                raise SourceError(Code.TOO_DEEP, line, limit=MAX_DEPTH)
        elif isinstance(event, _CLOSE):
            depth -= 1


class _Builder:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.nodes = 0
        self.constructor = yaml.SafeLoader("")  # converts scalars with YAML's own rules

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise SourceError(Code.ALIAS_BOMB, node.start_mark.line + 1, limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise SourceError(Code.TOO_DEEP, node.start_mark.line + 1, limit=MAX_DEPTH)
        self.document.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(child, (*path, index), depth + 1)
                for index, child in enumerate(node.value)
            ]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        """YAML 1.2 booleans: only true/false, so `value: yes` stays the string "yes"."""
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
            return node.value
        return self.constructor.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node)
            if not isinstance(key, str | int | float | bool) or key is None:
                key = str(key)
            if key in out:
                raise SourceError(Code.DUPLICATE_KEY, key_node.start_mark.line + 1, key=key)
            child = (*path, key) if isinstance(key, str | int) else (*path, str(key))
            self.document.lines[child] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, child, depth + 1)
        return out
