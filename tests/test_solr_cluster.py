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
    # a node restarted after SIGKILL never published its replicas as down, so for a moment the
    # cluster may send a query to a replica still recovering: the new quote shows within seconds
    # (each query may reach another replica: the count and the speaker search both wait)
    deadline = time.monotonic() + 60
    with QuoteIndex(url) as ix:
        while ix.count() != before + 1 or [q.speaker for q in ix.search(speaker="Ruiz")] != ["Ana Ruiz"]:
            assert time.monotonic() < deadline, (f"{ix.count()} quotes a minute after indexing one more than {before}; "
                                                 f"speaker search: {[q.speaker for q in ix.search(speaker='Ruiz')]}")
            time.sleep(1)


def test_whoosh_and_solr_stem_every_word_alike(solr_collection) -> None:
    """Every word of the seeds and the dev sets through Solr's analysis of the quote text and
    through the Whoosh index's analyzer: the same terms (Porter as Lucene implements it)."""
    import json
    import re
    import urllib.parse
    import urllib.request

    from quotes.store.schema import ANALYZER

    from .conftest import need_shared

    paths = [*SEEDS.glob("*.txt"), *need_shared("polnear", "dev", "docs").glob("*.txt"),
             *need_shared("style-dev", "docs").glob("*.txt")]
    words = sorted({w for p in paths for w in re.findall(r"[a-z0-9]+", p.read_text(encoding="utf-8").lower())})
    assert {"i", "a", "5"} <= set(words)  # one character: indexed by both
    assert len(words) > 5000
    url = _seeded(solr_collection)
    solr: list[str] = []
    for at in range(0, len(words), 2000):
        body = urllib.parse.urlencode({"analysis.fieldtype": "text_stem", "wt": "json",
                                       "analysis.fieldvalue": " ".join(words[at:at + 2000])}).encode()
        answer = json.load(urllib.request.urlopen(f"{url}/analysis/field", body, timeout=60))
        solr += [t["text"] for t in answer["analysis"]["field_types"]["text_stem"]["index"][-1]]
    ours = [t.text for t in ANALYZER(" ".join(words))]
    assert len(solr) == len(ours) == len(words)
    assert [(w, a, b) for w, a, b in zip(words, ours, solr) if a != b] == []
