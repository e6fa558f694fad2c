"""The index folder: nothing in it runs code, damage is named, nothing is created over data,
check says what is wrong and repair rebuilds what survives."""

from __future__ import annotations

import importlib
import json
import os
import pickle
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes import IndexCorruptError, QuoteIndex, check, repair
from quotes.cli import cli
from quotes.store import files, safepickle
from quotes.store.schema import SCHEMA

from .conftest import SEEDS


class _Payload:
    """Unpickling this runs ``open(path, "w")``: the file appearing proves code ran."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def _write_toc(folder: Path, gen: int, schema_bytes: bytes, segments_pickle: bytes) -> None:
    """A TOC laid out exactly as Whoosh writes one, with chosen pickles inside."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import _CURRENT_TOC_VERSION, _FLOAT_SIZE, _INT_SIZE, _LONG_SIZE

    st = FileStorage(str(folder)).create_file(files.toc_name(gen))
    for n in (_INT_SIZE, _LONG_SIZE, _FLOAT_SIZE):
        st.write_varint(n)
    st.write_int(-12345)
    st.write_int(_CURRENT_TOC_VERSION)
    for n in (2, 7, 5):
        st.write_varint(n)
    st.write_string(schema_bytes)
    st.write_int(gen)
    st.write_int(0)
    st.write(segments_pickle)
    st.close()


@pytest.fixture
def built(tmp_path: Path) -> Path:
    ix = tmp_path / "ix"
    with QuoteIndex(ix, create=True) as q:
        q.add([SEEDS])
    return ix


def _toc(folder: Path) -> Path:
    return folder / files.toc_name(files.toc_generations(folder)[0])


def _seg(folder: Path) -> Path:
    return folder / files.segment_files(folder)[0]


def _search(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["search", *args, "--index", str(folder)])


# -- nothing runs from the folder ---------------------------------------------------------------

def test_a_crafted_segment_list_in_the_toc_runs_nothing_and_is_refused(built: Path, tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    os.remove(_toc(built))
    _write_toc(built, 7, pickle.dumps(object(), 2), pickle.dumps(_Payload(sentinel)))
    with pytest.raises(IndexCorruptError, match="refused"):
        QuoteIndex(built)
    r = _search(built, "security")
    assert r.exit_code == 1 and "Error:" in r.output and "Traceback" not in r.output
    assert not sentinel.exists()


def test_a_toc_claiming_an_old_format_never_reaches_whooshs_legacy_unpickler(built: Path, tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    toc = _toc(built)
    raw = bytearray(toc.read_bytes())
    # header: three varints, the int -12345, then the format number (-111): claim -110
    at = 3 + 4
    assert int.from_bytes(raw[at:at + 4], "big", signed=True) == -111
    raw[at:at + 4] = (-110).to_bytes(4, "big", signed=True)
    toc.write_bytes(bytes(raw) + pickle.dumps(_Payload(sentinel)))
    with pytest.raises(IndexCorruptError, match="format -110"):
        QuoteIndex(built)
    assert not sentinel.exists()


def test_a_crafted_schema_in_the_toc_is_never_unpickled(built: Path, tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    toc = _toc(built)
    gen = files.toc_generations(built)[0]
    # keep the real segment list, put a payload where Whoosh keeps the pickled schema
    segments = files.read_toc(built, SCHEMA, gen).segments
    os.remove(toc)
    _write_toc(built, gen, pickle.dumps(_Payload(sentinel), 2), pickle.dumps(segments, 2))
    (built / files.MANIFEST).unlink()  # the TOC changed: no checksum to compare with
    with QuoteIndex(built) as q:
        assert len(q.search("security")) >= 1
    assert not sentinel.exists()


@pytest.mark.parametrize("module, attr, kind", safepickle.LOADERS)
def test_every_hardened_whoosh_loader_refuses_a_payload(tmp_path: Path, module: str, attr: str, kind: str) -> None:
    import io

    safepickle.harden_whoosh()
    sentinel = tmp_path / "pwned"
    data = pickle.dumps(_Payload(sentinel))
    loader = getattr(importlib.import_module(module), attr)
    with pytest.raises(safepickle.UnsafePickleError):
        loader(data) if kind == "loads" else loader(io.BytesIO(data))
    assert not sentinel.exists()
    # the data the index really holds still loads
    plain = pickle.dumps({"text": "x", "start": 3, "tags": {1, 2}, "b": b"\x00\xff"}, 2)
    assert (loader(plain) if kind == "loads" else loader(io.BytesIO(plain)))["start"] == 3


def test_no_whoosh_module_unpickles_behind_the_allow_list() -> None:
    """Every Whoosh module binding a pickle loader is hardened, or is one the index never runs."""
    import whoosh

    root = Path(whoosh.__file__).parent
    never_used = {  # codecs and writers a quote index cannot select: the TOC's codec must be W3Codec
        "codec/whoosh2.py", "codec/plaintext.py", "legacy.py", "filedb/fileindex.py",
        "filedb/filereading.py", "multiproc.py",
        "index.py",  # only pickle.loads of the schema, which FileIndex skips when given one
        "filedb/misc.py",  # depickle: no caller in Whoosh
        "filedb/pools.py",  # marshal, which builds values and never calls anything
        "util/loading.py",  # legacy TOC formats: read_toc refuses any format but the current one
    }
    hardened = {m for m, _a, _k in safepickle.LOADERS}
    binds = re.compile(r"^\s*(?:from (?:whoosh\.compat|pickle|marshal) import .*\b(?:loads?|load_pickle)\b"
                       r"|import pickle|from whoosh\.compat import .*\bpickle\b)", re.M)
    found = set()
    for f in root.rglob("*.py"):
        rel = f.relative_to(root).as_posix()
        if binds.search(f.read_text(encoding="utf-8")):
            found.add(rel)
    module_of = {rel: "whoosh." + rel[:-3].replace("/", ".") for rel in found}
    uncovered = {rel for rel in found if module_of[rel] not in hardened and rel not in never_used}
    assert not uncovered, f"Whoosh modules that unpickle outside the allow-list: {sorted(uncovered)}"


# -- damage is named, never a traceback or a quiet answer ---------------------------------------

def _truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _scribble(p: Path) -> None:
    b = bytearray(p.read_bytes())
    for i in range(200, len(b), 997):
        b[i] ^= 0x5A
    p.write_bytes(bytes(b))


@pytest.mark.parametrize("damage, which, words", [
    (_truncate, _seg, "truncated"),
    (_empty, _seg, "emptied"),
    (os.remove, _seg, "missing"),
    (_scribble, _seg, "checksum"),
    (_truncate, _toc, "table of contents"),
    (lambda p: p.write_bytes(os.urandom(300)), _toc, "table of contents"),
])
def test_damage_is_an_index_corrupt_error_naming_the_file(built: Path, damage, which, words: str) -> None:
    target = which(built)
    damage(target)
    with pytest.raises(IndexCorruptError) as e:
        with QuoteIndex(built) as q:
            q.search("security")
    assert target.name in str(e.value) and words in str(e.value)
    assert "repair" in e.value.hint
    r = _search(built, "security")
    assert r.exit_code == 1 and "Traceback" not in r.output and target.name in r.output
    c = CliRunner().invoke(cli, ["check", "--index", str(built)])
    assert c.exit_code == 1 and target.name in c.output


def test_a_junk_toc_beside_a_good_one_names_that_one_file_to_remove(built: Path) -> None:
    good = _toc(built)
    junk = built / files.toc_name(files.toc_generations(built)[0] + 1)
    junk.write_bytes(b"\x00garbage" * 40)
    with pytest.raises(IndexCorruptError) as e:
        QuoteIndex(built)
    assert junk.name in str(e.value)
    assert f"remove only the file {junk}" in e.value.hint and good.name in e.value.hint
    junk.unlink()
    with QuoteIndex(built) as q:
        assert q.count() == 31


def test_a_folder_with_segments_but_no_toc_is_never_created_over(built: Path, tmp_path: Path) -> None:
    seg = _seg(built)
    size = seg.stat().st_size
    _toc(built).unlink()
    article = tmp_path / "x.txt"
    article.write_text('"We will stay," Mayor Jane Roe said.\n', encoding="utf-8")
    r = CliRunner().invoke(cli, ["index", str(article), "--index", str(built), "--no-progress"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "no table of contents" in r.output and "quotes repair" in r.output
    assert "remove" not in r.output.lower() and "delete" not in r.output.lower()
    assert seg.exists() and seg.stat().st_size == size
    # the manifest knows the segments: repair puts the index back
    rep = repair(built)
    assert rep.repaired and rep.quotes == 31 and rep.articles == 2 and not rep.segments_lost
    with QuoteIndex(built) as q:
        assert q.count() == 31


def test_check_says_ok_on_a_whole_index(built: Path) -> None:
    r = CliRunner().invoke(cli, ["check", "--index", str(built)])
    assert r.exit_code == 0 and r.output.startswith("ok: 31 quotes of 2 articles")
    assert check(built).ok


def test_repair_rebuilds_from_stored_fields_and_keeps_the_damaged_copy(built: Path) -> None:
    with QuoteIndex(built) as q:
        before = sorted((x.doc, x.start, x.speaker) for x in q.search(limit=None))
    # one flipped bit where every stored document still reads (the layout varies with the
    # random segment id, so find such a place): the checksum fails, nothing is lost
    from quotes.store.repair import _read_segment

    seg = _seg(built)
    good = seg.read_bytes()
    segment = files.read_toc(built, SCHEMA).segments[0]
    for at in range(len(good) // 2, len(good), 101):
        raw = bytearray(good)
        raw[at] ^= 1
        seg.write_bytes(bytes(raw))
        try:
            if len(list(_read_segment(built, segment))) == 33:
                break
        except Exception:
            continue
    else:
        pytest.fail("no byte of the segment could be flipped harmlessly")
    r = CliRunner().invoke(cli, ["repair", "--index", str(built)])
    assert r.exit_code == 0, r.output
    assert "repaired:" in r.output and "moved to" in r.output
    aside = [p for p in built.parent.iterdir() if p.name.startswith("ix.damaged-")]
    assert len(aside) == 1 and files.segment_files(aside[0])
    assert check(built).ok
    with QuoteIndex(built) as q:
        after = sorted((x.doc, x.start, x.speaker) for x in q.search(limit=None))
        # the date column is rebuilt too: speaker search and dates work as before
        assert len(q.search(speaker="Cooper")) >= 1
    assert after == before
    r = CliRunner().invoke(cli, ["repair", "--index", str(built)])
    assert r.exit_code == 0 and "nothing to repair" in r.output


def test_repair_of_heavy_damage_says_what_was_lost_and_leaves_a_usable_index(built: Path) -> None:
    _scribble(_seg(built))
    r = CliRunner().invoke(cli, ["repair", "--index", str(built)])
    assert r.exit_code == 0, r.output
    assert "lost:" in r.output and "quotes index" in r.output
    assert check(built).ok
    with QuoteIndex(built, create=True) as q:
        q.add([SEEDS])  # a re-index restores what was lost
        assert q.count() == 31


def test_repair_of_a_lost_segment_drops_whole_articles_and_a_reindex_restores_them(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    src = sorted(SEEDS.glob("*.txt"))
    with QuoteIndex(ix, create=True) as q:
        q.add([src[0]])
        q.add([src[1]])  # a second commit: a second segment
    segs = files.segment_files(ix)
    assert len(segs) == 2
    (ix / segs[0]).unlink()
    rep = repair(ix)
    assert rep.repaired and rep.segments_lost == [segs[0]] and rep.articles == 1
    with QuoteIndex(ix, create=True) as q:
        report = q.add([SEEDS])
        assert report.added == 1 and report.unchanged == 1
        assert q.count() == 31


def test_extraction_loads_no_whoosh_and_import_quotes_changes_nothing_in_it() -> None:
    import subprocess
    import sys

    code = ("import sys, quotes.extract, quotes; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'whoosh')); "
            "from whoosh.codec import whoosh3; import pickle, whoosh.compat as c; "
            "print(whoosh3.W3PerDocReader._cached_reader.__module__, c.loads is pickle.loads)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "whoosh.codec.whoosh3 True"


def test_segments_are_written_with_the_projects_codec_subclass(built: Path) -> None:
    from whoosh.codec.whoosh3 import W3PerDocReader

    from quotes.store.codec import QuotesCodec

    assert W3PerDocReader._cached_reader.__module__ == "whoosh.codec.whoosh3"  # nothing patched
    segs = files.read_toc(built, SCHEMA).segments
    assert segs and all(isinstance(s.codec(), QuotesCodec) for s in segs)


@pytest.mark.parametrize("docs, damaged, whole", [
    # every quote back: kept
    ([{"rtype": "article", "marker": "a", "nquotes": 2}, {"rtype": "quote", "article": "a"},
      {"rtype": "quote", "article": "a"}], True, {"a"}),
    # a quote lost, its marker not: dropped whole, so a re-index restores it
    ([{"rtype": "article", "marker": "a", "nquotes": 2}, {"rtype": "quote", "article": "a"}], True, set()),
    # quotes without their marker: dropped
    ([{"rtype": "quote", "article": "b"}], False, set()),
    # a marker from before quote counts: kept only when nothing was lost
    ([{"rtype": "article", "marker": "c"}, {"rtype": "quote", "article": "c"}], False, {"c"}),
    ([{"rtype": "article", "marker": "c"}, {"rtype": "quote", "article": "c"}], True, set()),
])
def test_repair_keeps_an_article_only_whole(docs: list, damaged: bool, whole: set) -> None:
    from quotes.store.repair import _whole_articles

    assert _whole_articles(docs, damaged) == whole


def test_a_rebuild_moves_an_articles_title_from_its_quotes_to_its_marker(tmp_path: Path) -> None:
    """Indexes written before the article's fields went on its marker hold them on each quote;
    ``repair`` rebuilds such an index in the current layout."""
    from quotes import extract_article, read_file
    from quotes.store.documents import article_key, marker_record, quote_records
    from quotes.store.repair import _build

    docs = []
    for p in sorted(SEEDS.glob("*.txt")):
        a = read_file(p)
        quotes = extract_article(a)
        docs += [*quote_records(a, article_key(a), quotes), marker_record(a, article_key(a), len(quotes))]
    title = next(d["article_title"] for d in docs if d.get("article_title"))
    assert all("article_title" not in d for d in docs if d["rtype"] == "article")  # the old layout
    _build(tmp_path / "ix", docs)
    ix = files.open_index(tmp_path / "ix", SCHEMA)
    with ix.searcher() as s:
        markers = [d for d in s.documents(rtype="article") if d["article_title"] == title]
        assert len(markers) == 1
        for word in s.reader().lexicon("article_title"):
            assert {s.stored_fields(d)["rtype"] for d in s.reader().postings("article_title", word).all_ids()} == {"article"}
    with QuoteIndex(tmp_path / "ix") as q:
        word = title.split()[-1]
        found = q.search(f"article_title:{word}", limit=None)
        assert found and {x.article_title for x in found} >= {title}
        assert q.count() == 31


def test_an_index_of_an_older_schema_is_named_by_check_and_upgraded_by_repair(built: Path) -> None:
    from quotes.store.schema import SCHEMA_VERSION

    with QuoteIndex(built) as q:
        before = sorted((x.doc, x.start, x.speaker) for x in q.search(limit=None))
    manifest = built / files.MANIFEST
    record = json.loads(manifest.read_text())
    record["schema"] = SCHEMA_VERSION - 1
    manifest.write_text(json.dumps(record))
    r = CliRunner().invoke(cli, ["check", "--index", str(built)])
    assert r.exit_code == 1 and f"older quotes (schema {SCHEMA_VERSION - 1}, now {SCHEMA_VERSION})" in r.output
    r = CliRunner().invoke(cli, ["repair", "--index", str(built)])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("upgraded: 31 quotes of 2 articles") and "damaged" not in r.output
    assert [p.name.split("-")[0] for p in built.parent.iterdir() if p.name.startswith("ix.")] == ["ix.previous"]
    assert check(built).ok and json.loads(manifest.read_text())["schema"] == SCHEMA_VERSION
    with QuoteIndex(built) as q:
        assert sorted((x.doc, x.start, x.speaker) for x in q.search(limit=None)) == before
