"""The index's own writer (``store.writer``) and codec writers: the segments they write read
back exactly as the ones Whoosh's stock ``SegmentWriter`` and ``W3Codec`` write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import UnknownFieldError
from whoosh.qparser import QueryParser
from whoosh.query import Term
from whoosh.writing import SegmentWriter

from quotes import extract_article, read_file
from quotes.store import files
from quotes.store.codec import INLINE_LIMIT, InlineMatcher
from quotes.store.documents import article_key
from quotes.store.schema import ARTICLE_FIELDS, SCHEMA
from quotes.store.writer import QuotesWriter, index_documents, open_writer

from .conftest import SEEDS, need_shared


def _documents(n: int) -> list[dict[str, Any]]:
    paths = [*sorted(SEEDS.glob("*.txt")), *sorted(need_shared("polnear", "dev", "docs").glob("*.txt"))[:n]]
    docs: list[dict[str, Any]] = []
    for p in paths:
        a = read_file(p)
        docs.extend(index_documents(a, article_key(a), extract_article(a)))
    return docs


def _write(folder: Path, docs: list[dict[str, Any]], stock: bool, commits: int = 1, **kwargs: Any) -> Any:
    """``docs`` written in ``commits`` commits, the last merging every segment into one."""
    folder.mkdir()
    ix = files.create_index(folder, SCHEMA)
    step = -(-len(docs) // commits)
    for at in range(0, len(docs), step):
        w = SegmentWriter(ix, codec=W3Codec(), **kwargs) if stock else open_writer(ix, **kwargs)
        for d in docs[at:at + step]:
            w.add_document(**d)
        w.commit(optimize=at + step >= len(docs) and commits > 1)
    return ix


def _read_back(ix: Any) -> dict[str, Any]:
    """Everything a segment holds, as readers see it: postings, stored fields, lengths, columns."""
    with ix.reader() as r:
        postings = {}
        for field, term in r.all_terms():
            ti = r.term_info(field, term)
            stats = (ti.weight(), ti.doc_frequency(), ti.min_length(), ti.max_length(), ti.max_weight())
            postings[(field, term)] = (stats, _postings(r, field, term))
        n = r.doc_count_all()
        return {
            "postings": postings,
            "stored": [r.stored_fields(d) for d in range(n)],
            "lengths": {f: [r.doc_field_length(d, f) for d in range(n)] for f in SCHEMA.scorable_names()},
            "totals": {f: r.field_length(f) for f in SCHEMA.scorable_names()},
            "columns": {f: list(r.column_reader(f)) for f in ("article", "speaker_id", "date", "start")},
        }


def _postings(r: Any, field: str, term: bytes) -> list[tuple[int, float, bytes, int, int]]:
    m = r.postings(field, term)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value(), m.block_min_length(), m.block_max_length()))
        m.next()
    return out


def test_the_index_writer_writes_what_whooshs_own_writer_writes(tmp_path: Path) -> None:
    docs = _documents(25)
    assert sum(d["rtype"] == "quote" for d in docs) > 150
    ours = _read_back(_write(tmp_path / "ours", docs, stock=False))
    theirs = _read_back(_write(tmp_path / "whoosh", docs, stock=True))
    assert len(ours["postings"]) > 2000
    for part in ("postings", "stored", "lengths", "totals", "columns"):
        assert ours[part] == theirs[part], part


@pytest.mark.parametrize("commits, limitmb", [(4, 128), (1, 1)])
def test_merged_and_spilled_postings_read_as_whooshs(tmp_path: Path, commits: int, limitmb: int) -> None:
    """Segments merged into one (their postings pass through the pool again), and a pool that
    spills sorted runs to disk (1 MB)."""
    docs = _documents(25)
    ours = _read_back(_write(tmp_path / "ours", docs, stock=False, commits=commits, limitmb=limitmb))
    theirs = _read_back(_write(tmp_path / "whoosh", docs, stock=True, commits=commits, limitmb=limitmb))
    for part in ("postings", "stored", "lengths", "totals", "columns"):
        assert ours[part] == theirs[part], part


def test_short_posting_lists_are_inlined_and_search_as_whooshs_blocks(tmp_path: Path) -> None:
    """A term with fewer than ``INLINE_LIMIT`` postings keeps them in its term info; queries on
    such terms score as on Whoosh's blocks, copies of their matchers included (a scorer asks
    a copy for the term's lengths)."""
    docs = _documents(25)
    ours = _write(tmp_path / "ours", docs, stock=False)
    theirs = _write(tmp_path / "whoosh", docs, stock=True)
    with ours.reader() as r:
        inlined = {t: r.term_info(*t).is_inlined() for t in r.all_terms()}
        df = {t: r.doc_frequency(*t) for t in inlined}
    assert {df[t] < INLINE_LIMIT for t in inlined} == {True, False}
    assert all(inlined[t] == (df[t] < INLINE_LIMIT) for t in inlined)
    rare = [t for t in inlined if t[0] == "text" and 1 < df[t] < INLINE_LIMIT][:30]
    idonly = next(t for t in inlined if t[0] == "doc" and inlined[t])
    with ours.searcher() as mine, theirs.searcher() as stock:
        for field, term in [*rare, idonly]:
            q = Term(field, term.decode("utf-8"))
            assert [(h.docnum, h.score) for h in mine.search(q, limit=None)] == \
                [(h.docnum, h.score) for h in stock.search(q, limit=None)]
            m = mine.reader().postings(field, term)
            assert isinstance(m, InlineMatcher)
            copy = m.copy()
            assert (copy.block_min_length(), copy.block_max_length(), list(copy.all_ids())) == \
                (m.block_min_length(), m.block_max_length(), list(m.all_ids()))
        assert mine.reader().postings(*idonly).value() is None  # as a block's value: merging needs bytes or None
        parser = QueryParser("text", SCHEMA)
        for d in [d for d in docs if d["rtype"] == "quote"][:40]:  # phrases read the inlined positions
            q = parser.parse('"' + " ".join(d["text"].replace('"', " ").split()[:3]) + '"')
            assert [(h.docnum, h.score) for h in mine.search(q, limit=None)] == \
                [(h.docnum, h.score) for h in stock.search(q, limit=None)]


def test_an_articles_own_fields_are_indexed_on_its_marker_and_stored_on_its_quotes(tmp_path: Path) -> None:
    docs = _documents(25)
    ix = _write(tmp_path / "ix", docs, stock=False)
    with ix.searcher() as s:
        for field in ARTICLE_FIELDS:
            holders = {d for term in s.reader().lexicon(field) for d in s.reader().postings(field, term).all_ids()}
            assert all(s.stored_fields(d)["rtype"] == "article" for d in holders)
        titled = [d for d in s.documents(rtype="quote") if d["article_title"]]
        assert len(titled) > 100  # PolNeAR's first line is its title
        markers = {d["marker"]: d["article_title"] for d in s.documents(rtype="article")}
        assert all(markers[d["article"]] == d["article_title"] for d in titled)


def test_documents_with_boosts_take_whooshs_path(tmp_path: Path) -> None:
    docs = _documents(0)[:3]
    boosted = [{**d, "_boost": 2.0} for d in docs]
    ours = _read_back(_write(tmp_path / "ours", boosted, stock=False))
    theirs = _read_back(_write(tmp_path / "whoosh", boosted, stock=True))
    assert ours["postings"] == theirs["postings"]
    assert any(p[1] == 2.0 for _stats, ps in ours["postings"].values() for p in ps)


def test_an_unknown_field_is_refused_and_the_writer_goes_on(tmp_path: Path) -> None:
    ix = files.create_index(tmp_path, SCHEMA)
    w = open_writer(ix)
    assert isinstance(w, QuotesWriter)
    with pytest.raises(UnknownFieldError):
        w.add_document(rtype="quote", text="a word", nonsense="x")
    w.add_document(rtype="quote", text="another word")
    w.commit()
    with ix.searcher() as s:
        assert s.doc_count() == 1
        assert [d["text"] for d in s.documents()] == ["another word"]


@pytest.mark.parametrize("text", [
    "We will not raise taxes,” he said, “and we never have, we never will.",
    "İstanbul’s rock 'n' roll *wild* U.S. 3.5% e-mail running educated",
    "a b c a a",
    "",
])
def test_the_texts_postings_are_what_its_field_indexes(text: str) -> None:
    field = SCHEMA["text"]
    assert field.format.postings(text, field.analyzer) == list(field.index(text))
    assert field.format.postings(text, field.analyzer) == list(field.index(text))  # positions remembered
