from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from quotes import (
    Article,
    IndexNotFoundError,
    QueryError,
    QuoteIndex,
)

from .conftest import SEEDS


def test_missing_index_says_how_to_build_one(index_dir: Path) -> None:
    with pytest.raises(IndexNotFoundError) as e:
        QuoteIndex(index_dir)
    assert "quotes index" in e.value.hint


def test_empty_index_answers_nothing(index_dir: Path) -> None:
    with QuoteIndex(index_dir, create=True) as ix:
        assert ix.search("anything") == [] and ix.speakers() == [] and ix.count() == 0


@pytest.mark.parametrize(
    "speaker, n, expected",
    [("Hourani", 2, "Rashid Hourani"), ("Rashid Hourani", 2, "Rashid Hourani"), ("Hussein", 10, "Fuad Hussein"),
     ("Cooper", 3, "Brad Cooper"), ("Lambert", 4, "Kevin Lambert"), ("CENTCOM", 7, "US Central Command"),
     ("Nobody", 0, None)],
)
def test_search_by_speaker(seeded_index: QuoteIndex, speaker: str, n: int, expected: str | None) -> None:
    found = seeded_index.search(speaker=speaker, limit=100)
    assert len(found) == n
    assert {q.speaker for q in found} <= {expected}


def test_words_query_is_stemmed_and_phrases_work(seeded_index: QuoteIndex) -> None:
    found = seeded_index.search('"regional security"')
    assert found and all("regional security" in q.text for q in found)
    stemmed = seeded_index.search("transferring")
    assert any("transferred" in q.text for q in stemmed)
    assert seeded_index.search("regional security", speaker="Cooper")[0].speaker == "Brad Cooper"


def test_filters_kind_role_doc_and_dates(seeded_index: QuoteIndex) -> None:
    assert {q.kind for q in seeded_index.search(kind="direct", limit=50)} == {"direct"}
    assert {q.speaker for q in seeded_index.search(role="Foreign Minister", limit=50)} == {"Fuad Hussein"}
    doc = "001_8cf1d85f2520e4c1.txt"
    assert {q.doc for q in seeded_index.search(doc=doc, limit=50)} == {doc}
    # the seeds carry no publication date: a date filter finds nothing rather than everything
    assert seeded_index.search(since="2026-01-01") == []


def test_dates_filter_and_sort(index_dir: Path) -> None:
    arts = [Article(id=f"a{i}", text=f"Officials said prices rose {i} percent.", date=d)
            for i, d in enumerate(["2024-01-05", "2024-03-01", "2025-07-09"])]
    with QuoteIndex(index_dir, create=True) as ix:
        ix.add(arts)
        assert [q.doc for q in ix.search(since="2024-02", until="2024-12-31")] == ["a1"]
        assert [q.doc for q in ix.search("prices", sort="date")] == ["a2", "a1", "a0"]
        assert [q.date for q in ix.search(until="2024")] == ["2024-01-05", "2024-03-01"]


@pytest.mark.parametrize(
    "kwargs",
    [{"query": "foo:bar"}, {"query": '"unclosed phrase'}, {"query": "(a OR b"}, {"query": "x" * 5000},
     {"since": "yesterday"}, {"until": "2024-13-01"}, {"limit": 0}, {"limit": 10**9}, {"kind": "rumour"},
     {"sort": "random"}, {"query": "AND"}],
)
def test_bad_queries_raise_query_error(seeded_index: QuoteIndex, kwargs: dict) -> None:
    with pytest.raises(QueryError):
        seeded_index.search(**kwargs)


def test_reindexing_is_incremental(tmp_path: Path, index_dir: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    with QuoteIndex(index_dir, create=True) as ix:
        first = ix.add([docs])
        n = ix.count()
        assert (first.added, first.quotes, n) == (2, n, n)
        again = ix.add([docs, docs / "000_407c8b33f657fe6c.txt"])
        assert (again.unchanged, again.added, again.quotes, ix.count()) == (3, 0, 0, n)
        # edit one article: only its quotes are replaced
        p = docs / "000_407c8b33f657fe6c.txt"
        p.write_text(p.read_text() + "\n“We are done here,” Lambert said.\n")
        before_other = len(ix.search(doc="001_8cf1d85f2520e4c1.txt", limit=100))
        third = ix.add([docs])
        assert (third.replaced, third.unchanged) == (1, 1)
        assert ix.count() == n + 1
        assert len(ix.search(doc="001_8cf1d85f2520e4c1.txt", limit=100)) == before_other
        assert ix.article_count() == 2


def test_speakers_merge_across_articles(seeded_index: QuoteIndex) -> None:
    by_name = {s.name: s for s in seeded_index.speakers()}
    lambert = by_name["Kevin Lambert"]
    assert len(lambert.articles) == 2 and lambert.quotes == 4
    assert any("Combined Joint Task Force" in r for r in lambert.roles)
    assert any("US Central Command" in r for r in lambert.roles)
    assert "Lambert" in lambert.aliases
    assert by_name["US Central Command"].type == "organization"
    assert "CENTCOM" in by_name["US Central Command"].aliases


def test_surname_only_article_joins_the_full_name(index_dir: Path) -> None:
    with QuoteIndex(index_dir, create=True) as ix:
        ix.add([Article(id="a", text="Energy Secretary Dana Whitfield said prices would fall."),
                Article(id="b", text="“Winter will be hard,” Whitfield said.")])
        names = [s.name for s in ix.speakers()]
        assert names == ["Dana Whitfield"]


def test_export_csv_one_row_per_hit(seeded_index: QuoteIndex, tmp_path: Path) -> None:
    out = tmp_path / "lambert.csv"
    n = seeded_index.export_csv(out, speaker="Lambert")
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert n == len(rows) == len(seeded_index.search(speaker="Lambert", limit=None))
    assert {r["speaker"] for r in rows} == {"Kevin Lambert"}
    assert not list(tmp_path.glob("*.part"))
    buf = io.StringIO()
    assert seeded_index.export_csv(buf, excel=True, speaker="Hourani") == 2
    assert buf.getvalue().startswith("\ufeff")


def test_highlighter_marks_stems(seeded_index: QuoteIndex) -> None:
    mark = seeded_index.highlighter("securing")
    (q,) = seeded_index.search("securing", speaker="ministry")
    assert "[securing]" in mark(q)


def test_speaker_search_ignores_other_names_in_a_mention(index_dir: Path) -> None:
    from quotes import Article

    text = ("Chancellor Gordon Brown spoke on Monday. “Rates will stay low,” Mr Brown said.\n\n"
            "Mr Brown's former adviser Ed Balls stressed that the rise would not affect the election.")
    with QuoteIndex(index_dir, create=True) as ix:
        ix.add([Article(id="a1", text=text)])
        assert {q.speaker for q in ix.search(speaker="Brown", limit=None)} == {"Gordon Brown"}
        assert {q.speaker for q in ix.search(speaker="Balls", limit=None)} == {"Ed Balls"}


def test_speaker_count_follows_replaced_articles(tmp_path: Path, index_dir: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("“We will win,” Mayor Ann Lee said.", encoding="utf-8")
    with QuoteIndex(index_dir, create=True) as ix:
        assert ix.add([art]).speakers == 1
        art.write_text("“We will win,” Governor Tom Park said.", encoding="utf-8")
        report = ix.add([art])
        assert (report.replaced, report.speakers) == (1, 1)
        assert [s.name for s in ix.speakers()] == ["Tom Park"]
