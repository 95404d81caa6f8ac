"""Shared helpers for the CI-format, config, suppression, baseline and parallel tests."""

from __future__ import annotations

from click.testing import CliRunner

from cli import main

ARTICLE = "Ketamine rewires the brain.\n\nKetamine was first approved by the FDA in 1970 as an anaesthetic.\n\nNo side effects.\n"


def invoke(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
