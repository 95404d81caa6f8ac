"""Errors a user can act on. Each renders as one line naming the file and the problem."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: a problem with the user's input, registry or options (exit code 2)."""

    def __init__(self, where: str | None, problem: str):
        self.where = where
        self.problem = problem
        super().__init__(self.one_line())

    def one_line(self) -> str:
        text = f"{self.where}: {self.problem}" if self.where else self.problem
        return " ".join(text.split())


class InputError(FactcheckError):
    """An article that cannot be read, decoded or parsed."""


class RegistryError(FactcheckError):
    """A registry file that is malformed, breaks the schema or refers to unknown ids."""


class LexiconError(FactcheckError):
    """A bundled or user lexicon that does not load."""


class OutputError(FactcheckError):
    """An output path that cannot be written."""
