"""Maintainer checks on a registry beyond its schema: do the entries' examples behave?

Each entry's ``examples.match`` sentences must come out as a claim whose best entry
is that entry (with the pinned verdict, when one is given), and its
``examples.no_match`` sentences must not. This is the registry's proselint-style
meta-test; ``factcheck registry validate`` and the test suite both run it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .registry import Entry, Registry, _line_of


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    pointer: str
    message: str

    def one_line(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.pointer}: {self.message}"


@lru_cache(maxsize=64)
def _yaml_tree(path: str):
    try:
        return yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None


def _locate(entry: Entry, real_path: str | None, suffix: list) -> tuple[int | None, str]:
    parts = [p for p in entry.pointer.split("/") if p]
    path = [parts[0], int(parts[1]), *suffix]
    line = _line_of(_yaml_tree(real_path), path) if real_path else None
    return line, "/" + "/".join(str(p) for p in path)


def example_problems(registry: Registry, checker) -> list[Problem]:
    """Every example that does not behave, as one problem each."""
    problems: list[Problem] = []
    for entry in registry.entries.values():
        real = entry.path
        for i, (text, verdict) in enumerate(entry.examples_match):
            claims = checker.check_text(text)["claims"]
            hit = [c for c in claims if c["match"] and c["match"]["entry"] == entry.id]
            message = None
            if not hit:
                got = ", ".join(f"{c['match']['entry'] if c['match'] else 'no entry'}" for c in claims) or "no claim"
                message = f"example should match {entry.id} but got: {got}"
            elif verdict and hit[0]["verdict"] != verdict:
                message = f"example should be {verdict} but is {hit[0]['verdict']} ({'; '.join(hit[0]['reasons'])})"
            if message:
                line, pointer = _locate(entry, real, ["examples", "match", i])
                problems.append(Problem(entry.file, line, pointer, message))
        for i, text in enumerate(entry.examples_no_match):
            claims = checker.check_text(text)["claims"]
            if any(c["match"] and c["match"]["entry"] == entry.id for c in claims):
                line, pointer = _locate(entry, real, ["examples", "no_match", i])
                problems.append(Problem(entry.file, line, pointer, f"example must not match {entry.id}, but does"))
    return problems
