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
from quotes.store.registry import merge_speakers

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


def _rec(doc: str, start: int, role: str | None, name: str = "Dana Whitfield") -> dict:
    return {"speaker": name, "speaker_type": "person", "role": role, "doc": doc, "article": doc, "start": start,
            "aliases": name}


@pytest.mark.parametrize("records, roles", [
    # the role most of the quotes carry comes first, whatever order the records come in
    ([_rec("b", 5, "energy secretary"), _rec("a", 9, "party chair"), _rec("c", 1, "energy secretary")],
     ("energy secretary", "party chair")),
    # case variants are one role, written as most write it
    ([_rec("a", 1, "Prime Minister"), _rec("b", 1, "prime minister"), _rec("c", 1, "Prime Minister"),
      _rec("d", 1, "Tory leader")], ("Prime Minister", "Tory leader")),
    # a tie goes by reading order (article key, then offset), not by the index's document order
    ([_rec("b", 1, "mayor"), _rec("a", 90, "governor"), _rec("a", 50, "senator")], ("senator", "governor", "mayor")),
    ([_rec("a", 1, None)], ()),
])
def test_a_speakers_roles_are_ranked_by_use_then_reading_order(records: list, roles: tuple) -> None:
    (sp,) = merge_speakers(records)
    assert sp.roles == roles
    assert sp.articles == tuple(sorted({r["doc"] for r in records}))
    (again,) = merge_speakers(list(reversed(records)))
    assert again == sp


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
        assert ix.add([art]).total_quotes == 1 and ix.speaker_count() == 1
        art.write_text("“We will win,” Governor Tom Park said.", encoding="utf-8")
        report = ix.add([art])
        assert (report.replaced, ix.speaker_count()) == (1, 1)
        assert [s.name for s in ix.speakers()] == ["Tom Park"]


@pytest.mark.parametrize("pattern", ["secur*", "reg*", "t?e", "*ity", "speaker:coop*", "s* AND NOT Iraq", "iraq*"])
def test_patterns_match_exactly_what_whooshs_own_queries_match(seeded_index: QuoteIndex, pattern: str) -> None:
    from whoosh.qparser import QueryParser

    from quotes.store.query import _FlatPrefix, _FlatWildcard
    from quotes.store.query import parse_query as _parse
    from quotes.store.schema import SCHEMA

    s = seeded_index.backend._reader()
    ours = _parse(pattern)
    assert any(isinstance(n, (_FlatPrefix, _FlatWildcard)) for n in ours.leaves()) or isinstance(ours, (_FlatPrefix, _FlatWildcard))
    assert set(s.docs_for_query(ours)) == set(s.docs_for_query(QueryParser("text", SCHEMA).parse(pattern)))


def test_a_bare_star_lists_every_quote(seeded_index: QuoteIndex) -> None:
    assert len(seeded_index.search("*", limit=None)) == seeded_index.count() == 31
    assert seeded_index.search("*", kind="direct", limit=None) == seeded_index.search(kind="direct", limit=None)


@pytest.mark.parametrize("query, kwargs, hint", [
    ("foo:", {}, "unknown field"),
    ("speaker:", {}, "no value"),
    (None, {"role": "..."}, "no words"),
    (None, {"role": ""}, "no words"),
])
def test_empty_fields_and_wordless_filters_are_query_errors(seeded_index: QuoteIndex, query, kwargs, hint) -> None:
    with pytest.raises(QueryError, match=hint):
        seeded_index.search(query, **kwargs)


@pytest.mark.parametrize("word", ["US", "will", "not", "it"])
def test_stop_words_are_searchable(tmp_path: Path, word: str) -> None:
    from quotes import Article

    text = f'"The {word} question stays open," Mayor Jane Roe said.\n'
    with QuoteIndex(tmp_path / "ix", create=True) as ix:
        ix.add([Article(id="a", text=text)])
        assert [q.speaker for q in ix.search(word)] == ["Jane Roe"]


@pytest.mark.parametrize("quoted, query, found", [
    ("We made an apology", "apologies", True),
    ("The assembly sat late", "assemblies", True),
    ("We moved flexibly", "flexible", True),           # Porter's own "bli" -> "ble"
    ("The ecology of the river", "ecological", True),   # Porter's own "logi" -> "log"
    ("It was a mistake", "as", False),                  # the published algorithm made "as" into "a"
    ("As we said", "as", True),
    ("Running late", "runs", True),
])
def test_words_are_stemmed_as_solr_stems_them(tmp_path: Path, quoted: str, query: str, found: bool) -> None:
    from quotes import Article

    with QuoteIndex(tmp_path / "ix", create=True) as ix:
        ix.add([Article(id="a", text=f'"{quoted}," Mayor Jane Roe said.\n')])
        assert bool(ix.search(query)) is found


def test_a_colon_inside_a_phrase_is_not_a_field(seeded_index: QuoteIndex) -> None:
    seeded_index.search('"note: security"')  # no QueryError


def test_export_writes_every_row_past_the_search_cap(seeded_index: QuoteIndex, tmp_path: Path, monkeypatch) -> None:
    import csv

    import quotes.store.filters

    monkeypatch.setattr(quotes.store.filters, "MAX_LIMIT", 5)
    n = seeded_index.export_csv(tmp_path / "all.csv", query="the OR a OR of")
    rows = list(csv.reader(open(tmp_path / "all.csv", encoding="utf-8")))
    assert n == len(rows) - 1 > 5


def test_rows_with_the_same_ids_in_two_files_are_all_indexed(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from quotes.cli import cli

    for month in ("jan", "feb"):
        (tmp_path / f"{month}.jsonl").write_text("".join(
            json.dumps({"id": str(i), "text": f'"{month} quote {i}," Mayor Jane Roe said.'}) + "\n" for i in (1, 2, 3)),
            encoding="utf-8")
    ix = str(tmp_path / "ix")
    r = CliRunner().invoke(cli, ["index", str(tmp_path / "jan.jsonl"), str(tmp_path / "feb.jsonl"), "--index", ix, "--no-progress"])
    assert r.exit_code == 0 and "6 new" in r.stdout, r.output
    ix2 = str(tmp_path / "ix2")  # in two runs, feb must not replace jan
    for month in ("jan", "feb"):
        r = CliRunner().invoke(cli, ["index", str(tmp_path / f"{month}.jsonl"), "--index", ix2, "--no-progress"])
        assert "3 new, 0 changed" in r.stdout, r.output
    with QuoteIndex(ix2) as q:
        assert q.count() == 6 and len(q.search("jan")) == 3
