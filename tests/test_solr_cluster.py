"""The quote index on a real SolrCloud (2 nodes in their own JVMs, 2 shards, replication factor 2),
driven through the CLI as users run it: a node killed with SIGKILL loses no quote from search, and
indexing goes on when it is back. Needs the test cluster ``.ci/run`` starts (scripts/solrcloud)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotes import QuoteIndex

from .conftest import ROOT, SEEDS, solr_cluster


def _quotes(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quotes", *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("speaker", ["Brad Cooper", "Kevin Lambert", "Fuad Hussein", "Rashid Hourani"])
def test_the_seeds_four_people_by_speaker(solr_collection, speaker: str) -> None:
    url = _seeded(solr_collection)
    r = _quotes("search", "--speaker", speaker.split()[-1], "--index", url, "-f", "jsonl", "-n", "100")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() and all(f'"speaker": "{speaker}' in line for line in r.stdout.splitlines())


_urls: dict[int, str] = {}


def _seeded(make) -> str:
    if id(make) not in _urls:
        url = make()
        r = _quotes("index", str(SEEDS), "--index", url)
        assert r.returncode == 0 and "2 new" in r.stdout, r.stderr
        r = _quotes("index", str(SEEDS), "--index", url)
        assert "0 new, 0 changed, 2 unchanged" in r.stdout and "0 quotes written" in r.stdout
        _urls[id(make)] = url
    return _urls[id(make)]


def test_a_killed_node_loses_no_quote_and_indexing_resumes_when_it_is_back(solr_collection, tmp_path: Path) -> None:
    base, folder = solr_cluster()
    if folder is None:
        pytest.skip("QUOTES_SOLR_DIR is not set: the test cannot kill and restart a node")
    url = _seeded(solr_collection)
    with QuoteIndex(url) as ix:
        before = ix.count()
    victim = int((folder / "pids").read_text().split()[-1])  # a node that hosts no ZooKeeper
    os.kill(victim, signal.SIGKILL)
    try:
        deadline = time.monotonic() + 60
        while True:
            r = _quotes("search", "--index", url, "-n", "1000", "-f", "jsonl")
            if r.returncode == 0 and len(r.stdout.splitlines()) == before:
                break
            assert time.monotonic() < deadline, f"search lost quotes after a node died: {r.stderr[-300:]}"
            time.sleep(2)
    finally:
        # the node back (scripts/solrcloud start restarts the nodes that are down)
        back = subprocess.run([str(ROOT / "scripts" / "solrcloud"), "start", str(folder)],
                              capture_output=True, text=True, timeout=600)
        assert back.returncode == 0, back.stderr
    article = tmp_path / "new.txt"
    article.write_text('"The convoy left at dawn," Colonel Ana Ruiz said on Friday.\n', encoding="utf-8")
    r = _quotes("index", str(article), "--index", url)
    assert r.returncode == 0 and "1 new" in r.stdout, r.stderr
    with QuoteIndex(url) as ix:
        assert ix.count() == before + 1
        assert [q.speaker for q in ix.search(speaker="Ruiz")] == ["Ana Ruiz"]
