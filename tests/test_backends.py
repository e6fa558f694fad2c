"""The same index behaviour on both engines: the embedded Whoosh folder and a SolrCloud collection.

Each test runs once per engine (``engine`` fixture); the Solr runs need the test cluster that
``.ci/run`` starts (see ``conftest.solr_cluster``). A final test compares the two engines' answers
to a fixed query set on the same quotes.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from quotes import QuoteIndex, SearchFilters

from .conftest import SEEDS

ARTICLES = [  # id, date, text
    ("a", "2025-06-01", '"The bridge will open in spring," Mayor Jane Roe said.'),
    ("b", "2026-02-10", '"The bridge is late," Governor Tom Park said on Monday.'),
    ("c", "2026-02-12", '"We will fund the bridge," Finance Minister Ann Lee told reporters.'),
    ("d", None, '"Nobody asked about the bridge," Sam Cole said.'),
]

QUERIES: list[tuple[str | None, dict]] = [
    ("bridge", {}), ('"regional security"', {}), ("secur*", {}), ("Iraq AND NOT Syria", {}),
    ("transfer* OR withdraw*", {}), (None, {"speaker": "Cooper"}), (None, {"speaker": "CENTCOM"}),
    ('speaker:"Brad Cooper"', {}), (None, {"role": "Foreign Minister"}), (None, {"kind": "mixed"}),
    ("bridge", {"since": "2026"}), ("bridge", {"until": "1990"}), (None, {"since": "2025", "until": "2025-12"}),
    (None, {"doc": "000_407c8b33f657fe6c.txt"}), ("cue:told", {}), ('role:"Foreign Minister" AND Iraq', {}),
    ("outlet:egypt", {}), ('outlet:"Egypt Daily News" AND transfer*', {}), ("article_title:pledges", {}),
    ("bridge AND NOT article_title:fund", {}), ('article_title:"bridge fund" OR speaker:Roe', {}),
    ('"I am"', {}), ('"a deliberate"', {}), ("i", {}),
]
TITLES = {"c": "Minister pledges bridge fund"}  # an article's own fields: Whoosh indexes them on its marker


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("src")
    rows = [{"id": i, "text": t, **({"date": d} if d else {}), **({"title": TITLES[i]} if i in TITLES else {})}
            for i, d, t in ARTICLES]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return [SEEDS, folder / "feed.jsonl"]


@pytest.fixture(scope="module", params=["whoosh", "solr"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sources: list[Path]) -> str:
    """An index location holding the seeds and four dated articles, on each engine."""
    if request.param == "whoosh":
        where = str(tmp_path_factory.mktemp("whoosh") / "ix")
    else:
        where = request.getfixturevalue("solr_collection")()
    with QuoteIndex(where, create=True) as ix:
        report = ix.add(sources)
        assert report.added == 6 and report.quotes == 35
    return where


def _ids(quotes) -> list[tuple[str, int, int]]:
    return sorted((q.doc, q.start, q.end) for q in quotes)


def test_reindexing_adds_nothing(engine: str, sources: list[Path]) -> None:
    with QuoteIndex(engine) as ix:
        report = ix.add(sources)
        assert (report.added, report.replaced, report.unchanged, report.quotes) == (0, 0, 6, 0)
        assert ix.count() == 35 and ix.article_count() == 6


@pytest.mark.parametrize("speaker, n", [("Cooper", 3), ("Hussein", 10), ("Lambert", 4), ("CENTCOM", 7)])
def test_speakers_by_any_alias(engine: str, speaker: str, n: int) -> None:
    with QuoteIndex(engine) as ix:
        assert ix.find(speaker=speaker).total == n


def test_dates_never_match_undated_quotes_and_sort_them_last(engine: str) -> None:
    with QuoteIndex(engine) as ix:
        assert sorted(q.doc for q in ix.search("bridge", since="2000", limit=None)) == ["a", "b", "c"]
        assert ix.search("bridge", until="1990") == []
        dated = ix.search(None, SearchFilters(doc="d"), sort="date", limit=None)
        assert [q.doc for q in dated] == ["d"]
        order = [q.doc for q in ix.search("bridge", sort="date", limit=None)]
        assert order == ["c", "b", "a", "d"]


def test_a_changed_article_replaces_exactly_its_quotes(engine: str, tmp_path: Path) -> None:
    from quotes import Article

    with QuoteIndex(engine) as ix:
        before = ix.count()
        ix.add([Article(id="z", text='"One," Ann Lee said.', key="test:z")])
        assert ix.count() == before + 1
        ix.add([Article(id="z", text='"One," Ann Lee said. "Two," she added.', key="test:z")])
        assert ix.count() == before + 2 and len(ix.search(doc="z", limit=None)) == 2
        assert ix.remove("test:z") == 3
        assert ix.count() == before


def test_export_and_speakers_match_across_engines(engine: str, tmp_path: Path) -> None:
    with QuoteIndex(engine) as ix:
        n = ix.export_csv(tmp_path / "all.csv", sort="date")
        rows = list(csv.reader(open(tmp_path / "all.csv", encoding="utf-8")))
        assert n == 35 == len(rows) - 1
        names = [(s.name, s.quotes) for s in ix.speakers()]
        assert ("Fuad Hussein", 10) in names and ("Brad Cooper", 3) in names


def test_both_engines_answer_a_fixed_query_set_alike(request: pytest.FixtureRequest, tmp_path_factory, sources) -> None:
    whoosh = str(tmp_path_factory.mktemp("cmp") / "ix")
    solr = request.getfixturevalue("solr_collection")()
    answers = {}
    for where in (whoosh, solr):
        with QuoteIndex(where, create=True) as ix:
            ix.add(sources)
            answers[where] = [(_ids(ix.search(q, limit=None, **f)), ix.find(q, **f).total) for q, f in QUERIES]
    for (q, f), w, s in zip(QUERIES, answers[whoosh], answers[solr]):
        assert w == s, (q, f)
        assert w[1] > 0 or "1990" in str(f), (q, f)


def test_many_long_keyed_articles_in_one_batch(engine: str) -> None:
    """Hundreds of long article keys at once (a Solr look-up by key once overflowed a URL).
    Last on its index: the index is not used after it."""
    from quotes import Article, extract_article

    articles = [Article(id=f"x{i}", text=f'"Number {i} is up," Ann Lee said.', key=f"/{'long-folder-name/' * 12}{i}.txt")
                for i in range(400)]
    with QuoteIndex(engine) as ix:
        assert ix.add_quotes((a, extract_article(a)) for a in articles).added == 400
        assert ix.add_quotes((a, []) for a in articles).unchanged == 400
