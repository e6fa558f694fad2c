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


def solr_cluster() -> tuple[str, Path | None]:
    """The test SolrCloud's base URL (``http://HOST:PORT/solr``) and its folder, from
    ``$QUOTES_SOLR_URL`` / ``$QUOTES_SOLR_DIR`` (``.ci/run`` starts one with scripts/solrcloud).
    Skips without one, except in CI, where these tests must run."""
    url = os.environ.get("QUOTES_SOLR_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("QUOTES_SOLR_URL is not set: .ci/run starts the test SolrCloud (scripts/solrcloud)")
        pytest.skip("no SolrCloud: scripts/solrcloud start DIR, then QUOTES_SOLR_URL=$(cat DIR/url)")
    folder = os.environ.get("QUOTES_SOLR_DIR")
    return url.rstrip("/").rsplit("/", 1)[0], Path(folder) if folder else None


@pytest.fixture(scope="module")
def solr_collection():
    """A factory of fresh collections (2 shards x 2 replicas) on the test cluster, deleted after."""
    import urllib.request
    import uuid

    from quotes import solr_init

    base, _folder = solr_cluster()
    made: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:10]}"
        solr_init(f"{base}/{name}", shards=2, replicas=2)
        made.append(name)
        return f"{base}/{name}"

    yield make
    for name in made:
        try:
            urllib.request.urlopen(f"{base}/admin/collections?action=DELETE&name={name}&wt=json", timeout=120).read()
        except Exception:  # the cluster is going down with the run anyway
            pass
