"""Search a user can trust: dates with words, sorting, phrases on every field, counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes import QueryError, QuoteIndex, SearchFilters
from quotes.store.schema import QUERY_FIELDS

ARTICLES = [  # id, date, text
    ("a", "2025-06-01", '"The bridge will open in spring," Mayor Jane Roe said.'),
    ("b", "2026-02-10", '"The bridge is late," Governor Tom Park said on Monday.'),
    ("c", "2026-02-12", '"We will fund the bridge," Finance Minister Ann Lee told reporters.'),
    ("d", None, '"Nobody asked about the bridge," Sam Cole said.'),
    ("e", "1989-11-09", '"The wall is open," spokesman Paul Weir said.'),
]


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dated")
    rows = [{"id": i, "text": t, **({"date": d} if d else {})} for i, d, t in ARTICLES]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with QuoteIndex(folder / "ix", create=True) as ix:
        ix.add([folder / "feed.jsonl"])
    return folder / "ix"


def _docs(quotes) -> list[str]:
    return [q.doc for q in quotes]


@pytest.mark.parametrize("query, since, until, expected", [
    ("bridge", "2026-02-11", None, ["c"]),
    ("bridge", "2026", None, ["b", "c"]),
    ("bridge", None, "2025", ["a"]),
    ("bridge", None, "1990", []),          # the words match; the dates do not
    ("wall", None, "1990", ["e"]),
    ("bridge", "2000", "2030", ["a", "b", "c"]),  # never the undated one
    (None, "2026-02", "2026-02", ["b", "c"]),
    ("bridge AND NOT fund", "2026", None, ["b"]),
    ("brid*", "2026-02-11", None, ["c"]),
])
def test_a_date_range_holds_with_words_and_never_matches_undated_quotes(dated: Path, query, since, until,
                                                                       expected: list[str]) -> None:
    with QuoteIndex(dated) as ix:
        got = ix.search(query, since=since, until=until, limit=None)
        assert sorted(_docs(got)) == expected
        assert ix.find(query, since=since, until=until).total == len(expected)


def test_sort_by_date_puts_undated_quotes_last(dated: Path) -> None:
    with QuoteIndex(dated) as ix:
        assert _docs(ix.search(None, sort="date", limit=None)) == ["c", "b", "a", "e", "d"]
        assert _docs(ix.search("bridge", sort="date", limit=None)) == ["c", "b", "a", "d"]


def test_an_inverted_range_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="after"):
        SearchFilters(since="2027", until="2026")


@pytest.mark.parametrize("query, expected", [
    ('speaker:"Jane Roe"', ["a"]),
    ('speaker:"jane roe"', ["a"]),
    ('speaker:Roe', ["a"]),
    ('title:"Finance Minister"', []),
    ('role:"Finance Minister"', ["c"]),
    ('cue:"told"', ["c"]),
    ('outlet:"Nobody"', []),
    ('speaker:"Tom Park" OR speaker:"Ann Lee"', ["b", "c"]),
    ('bridge AND speaker:"Ann Lee"', ["c"]),
    ('"will open"', ["a"]),
])
def test_phrases_work_on_every_field(dated: Path, query: str, expected: list[str]) -> None:
    with QuoteIndex(dated) as ix:
        assert sorted(_docs(ix.search(query, limit=None))) == expected


def test_the_count_of_all_matches_comes_with_a_limited_answer(dated: Path) -> None:
    with QuoteIndex(dated) as ix:
        hits = ix.find("bridge", limit=2)
        assert len(hits.quotes) == 2 and hits.total == 4
        hits = ix.find(None, limit=1)
        assert len(hits.quotes) == 1 and hits.total == 5


def test_a_date_range_no_quote_falls_in_returns_nothing_even_with_words(tmp_path: Path) -> None:
    from quotes import Article

    with QuoteIndex(tmp_path / "ix", create=True) as ix:
        ix.add([Article(id="u", text='"The bridge is late," Governor Tom Park said.')])  # undated
        assert ix.search("bridge", until="1990") == [] and ix.find("bridge", until="1990").total == 0
        assert ix.search("bridge", since="2000") == []
        assert len(ix.search("bridge")) == 1


@pytest.mark.parametrize("field", sorted(QUERY_FIELDS))
def test_a_phrase_on_any_field_runs(dated: Path, field: str) -> None:
    with QuoteIndex(dated) as ix:
        ix.search(f'{field}:"two words"')  # no engine error: an answer, perhaps empty
        ix.search(f'{field}:word AND bridge')


def test_a_role_filter_ignores_the_words_the_role_field_never_indexes(dated: Path) -> None:
    with QuoteIndex(dated) as ix:
        assert [q.doc for q in ix.search(role="Minister of Finance")] == ["c"]


def test_the_index_stop_list_is_whooshs_and_the_solr_configsets() -> None:
    from importlib import resources

    from whoosh.analysis import STOP_WORDS

    from quotes.lexicon import INDEX_STOP_WORDS

    solr = resources.files("quotes.store").joinpath("solr_conf", "stopwords.txt").read_text(encoding="utf-8")
    listed = {line.strip() for line in solr.splitlines() if line.strip() and not line.startswith("#")}
    assert INDEX_STOP_WORDS == set(STOP_WORDS) == listed


TITLED = [  # id, title, outlet, text
    ("t1", "Bridge to open in spring", "Valley Gazette", '"The bridge will open in spring," Mayor Jane Roe said. "It is ready," she added.'),
    ("t2", "City Hall budget vote", "Valley Gazette", '"The budget is balanced," Governor Tom Park said.'),
    ("t3", "A new bridge for the city", "Harbour Times", '"We will fund it," Finance Minister Ann Lee said.'),
    ("t4", "Untitled", "Harbour Times", '"Nothing to add," Sam Cole said.'),
]


def _titled_rows(folder: Path) -> Path:
    rows = [{"id": i, "title": t, "outlet": o, "text": x} for i, t, o, x in TITLED]
    (folder / "titled.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder / "titled.jsonl"


@pytest.fixture(scope="module", params=["markers", "every quote"])
def titled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The titled articles indexed as ``quotes index`` writes them (the article's fields on its
    marker), and as indexes written before that hold them (on every quote)."""
    from quotes import extract_article
    from quotes.read import iter_articles
    from quotes.store import files
    from quotes.store.documents import article_key, marker_record, quote_records

    folder = tmp_path_factory.mktemp("titled")
    feed = _titled_rows(folder)
    with QuoteIndex(folder / "ix", create=True) as ix:
        if request.param == "markers":
            ix.add([feed])
            return folder / "ix"
    from quotes.store.schema import SCHEMA
    from quotes.store.writer import open_writer

    w = open_writer(files.open_index(folder / "ix", SCHEMA))
    for a in iter_articles([feed], []):
        quotes = extract_article(a)
        for d in [*quote_records(a, article_key(a), quotes), marker_record(a, article_key(a), len(quotes))]:
            w.add_document(**d)
    w.commit()
    return folder / "ix"


@pytest.mark.parametrize("query, expected", [
    ("article_title:bridge", ["t1", "t1", "t3"]),
    ('article_title:"city hall"', ["t2"]),
    ('article_title:"hall city"', ["t2"]),          # no positions on a title: its words, in any order
    ("article_title:bridg*", ["t1", "t1", "t3"]),
    ("outlet:gazette", ["t1", "t1", "t2"]),
    ('outlet:"Harbour Times" AND fund', ["t3"]),
    ("ready AND article_title:bridge", ["t1"]),
    ("budget AND article_title:bridge", []),
    ("NOT article_title:bridge", ["t2", "t4"]),
    ("article_title:bridge OR speaker:Cole", ["t1", "t1", "t3", "t4"]),
    ("article_title:tunnel", []),
])
def test_the_articles_title_and_outlet_find_its_quotes(titled: Path, query: str, expected: list[str]) -> None:
    with QuoteIndex(titled) as ix:
        got = ix.search(query, limit=None)
        assert sorted(_docs(got)) == expected
        assert all(q.text and q.article_title for q in got)  # quotes only, never an article's marker
        assert ix.find(query).total == len(expected)
    with QuoteIndex(titled) as ix:
        assert sorted(_docs(ix.search(query, sort="date", limit=None))) == expected


def test_quotes_keep_their_articles_title_and_outlet(titled: Path) -> None:
    with QuoteIndex(titled) as ix:
        got = {(q.doc, q.article_title, q.outlet) for q in ix.search(None, limit=None)}
    assert got == {(i, t, o) for i, t, o, _x in TITLED}


def test_an_articles_title_finds_its_quotes_in_every_segment(tmp_path: Path) -> None:
    """Each commit writes a segment of its own; the title query's documents are numbered across
    them (``query.DocSet``)."""
    feed = _titled_rows(tmp_path)
    rows = feed.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "one.jsonl").write_text("".join(rows[:2]), encoding="utf-8")
    (tmp_path / "two.jsonl").write_text("".join(rows[2:]), encoding="utf-8")
    with QuoteIndex(tmp_path / "ix", create=True) as ix:
        ix.add([tmp_path / "one.jsonl"])
        ix.add([tmp_path / "two.jsonl"])
        assert len(ix.backend._ix._read_toc().segments) == 2
        assert sorted(_docs(ix.search("article_title:bridge", limit=None))) == ["t1", "t1", "t3"]
        assert sorted(_docs(ix.search("outlet:harbour", sort="date", limit=None))) == ["t3", "t4"]
        assert sorted(_docs(ix.search("fund OR article_title:city", limit=None))) == ["t2", "t3"]
