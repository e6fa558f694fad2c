"""Shared fixtures: paths to ../shared (present in CI), a temporary index, the seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QUOTES_SHARED", ROOT.parent / "shared"))
SEEDS = ROOT / "seeds"


def need_shared(*parts: str) -> Path:
    """A path under ../shared; skip the test where it is absent, except in CI where it must exist."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{p} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{p} not available")
    return p


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "ix"


@pytest.fixture
def seeded_index(index_dir: Path):
    from quotes import QuoteIndex

    with QuoteIndex(index_dir, create=True) as ix:
        ix.add([SEEDS])
        yield ix
