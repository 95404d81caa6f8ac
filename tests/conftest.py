"""Shared fixtures. Tests that read ../shared fail (not skip) when FACTCHECK_REQUIRE_SHARED=1, as in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    paths = seed_paths()
    if not paths:
        message = f"the seed articles are missing: {SEEDS} (../shared beside the checkout)"
        if os.environ.get("FACTCHECK_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    return paths


@pytest.fixture(scope="session")
def checker():
    from factcheck.checker import Checker

    return Checker()


@pytest.fixture(scope="session")
def test_registry_checker():
    from factcheck.checker import Checker

    return Checker([str(DATA / "registry")], include_bundled=False)


@pytest.fixture(scope="session")
def nlp():
    from factcheck.nlp import get_pipeline

    return get_pipeline()
