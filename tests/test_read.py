from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from quotes import InputError, Skipped, iter_articles, read_file
from quotes.dates import find_date
from quotes.read import article_from_text, decode

from .conftest import SEEDS


@pytest.mark.parametrize(
    "data, text",
    [
        (b"Plain text.", "Plain text."),
        (b"\xef\xbb\xbfWith a BOM.", "With a BOM."),
        ("caf\u00e9 \u201cquote\u201d".encode("cp1252"), "caf\u00e9 \u201cquote\u201d"),
        (b"line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"abc\x00def", bytes(range(1, 32)) * 4])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError):
        decode(data)


def test_read_file_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    with pytest.raises(InputError, match="empty"):
        read_file(tmp_path / "empty.txt")
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000)
    with pytest.raises(InputError, match="limit"):
        read_file(big, max_bytes=1000)


def test_folder_walk_skips_bad_files_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("“Fine,” she said.")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.txt").write_text("")
    (tmp_path / "notes.md").write_text("not an article type")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.txt").write_text("Officials said the road was closed.")
    (sub / "loop").symlink_to(tmp_path)  # a symlink loop must not trap the walk
    skipped: list[Skipped] = []
    ids = [a.id for a in iter_articles([tmp_path], skipped)]
    assert ids == ["a.txt", "d.txt"]
    assert sorted(Path(s.source).name for s in skipped) == ["b.txt", "c.txt"]


def test_a_walked_files_key_is_its_resolved_path(tmp_path: Path) -> None:
    """The walk resolves each folder once; a linked file, or a folder reached through a link,
    still keys by where the file really is (as ``Path.resolve``, and as one file given alone)."""
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.txt").write_text("Officials said the road was closed.")
    (real / "sub" / "b.txt").write_text("Police said it was open.")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("A spokesman said nothing.")
    (real / "sub" / "c.txt").symlink_to(elsewhere)
    (tmp_path / "via").symlink_to(real)
    for root in (real, tmp_path / "via"):
        got = {a.id: a.key for a in iter_articles([root])}
        r = real.resolve()
        assert got == {"a.txt": str(r / "a.txt"), "b.txt": str(r / "sub" / "b.txt"), "c.txt": str(elsewhere.resolve())}
        assert got["c.txt"] == read_file(root / "sub" / "c.txt").key


def test_jsonl_and_csv_tables(tmp_path: Path) -> None:
    rows = [{"id": "r1", "text": "“Yes,” he said.", "outlet": "Daily", "date": "2024-03-05"},
            {"id": "r2", "body": "Officials said no."}, {"id": "r3"}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n")
    (tmp_path / "b.csv").write_text('id,text,title\nc1,"Police said the road was closed, again.",Road\n')
    skipped: list[Skipped] = []
    arts = list(iter_articles([tmp_path / "a.jsonl", tmp_path / "b.csv"], skipped))
    assert [a.id for a in arts] == ["r1", "r2", "c1"]
    assert (arts[0].outlet, arts[0].date, arts[2].title) == ("Daily", "2024-03-05", "Road")
    assert len(skipped) == 2  # the row with no text, the line that is not JSON


def test_stdin_text_and_jsonl() -> None:
    (a,) = iter_articles(["-"], stdin=io.BytesIO("“Yes,” he said.".encode()))
    assert a.id == "stdin"
    arts = list(iter_articles(["-"], stdin=io.BytesIO(b'{"id": "x", "text": "Officials said so."}\n')))
    assert [a.id for a in arts] == ["x"]


def test_metadata_from_the_text() -> None:
    a = article_from_text("Ahmed Kamel – Egypt Daily News\nThe army said it was done.", id="x")
    assert (a.byline, a.outlet) == ("Ahmed Kamel – Egypt Daily News", "Egypt Daily News")
    b = article_from_text("Markets Rally Again\nPublished March 4, 2025\nShares rose.", id="y")
    assert (b.title, b.date) == ("Markets Rally Again", "2025-03-04")


@pytest.mark.parametrize(
    "text, iso",
    [("2024-01-31", "2024-01-31"), ("Feb. 13, 2026", "2026-02-13"), ("13 February 2026", "2026-02-13"),
     ("Sept. 4, 2016", "2016-09-04"), ("Friday, Feb. 13", None), ("Mayday 3, 2020", None)],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_seeds_read() -> None:
    arts = list(iter_articles([SEEDS]))
    assert [a.id for a in arts] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert arts[1].outlet == "Egypt Daily News"


def test_unreadable_and_dangling_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    import os

    (tmp_path / "ok.txt").write_text("Officials said the road was closed.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # a dangling link
    locked = tmp_path / "locked.txt"
    locked.write_text("Officials said the bridge was open.")
    locked.chmod(0)
    skipped: list[Skipped] = []
    try:
        ids = [a.id for a in iter_articles([tmp_path], skipped)]
    finally:
        locked.chmod(0o644)
    reasons = {Path(s.source).name: s.reason for s in skipped}
    assert "no such file" in reasons["gone.txt"]
    if os.geteuid() == 0:  # root reads any file: the lock cannot be tested here
        assert sorted(ids) == ["locked.txt", "ok.txt"]
    else:
        assert ids == ["ok.txt"] and "cannot read" in reasons["locked.txt"]


# -- inputs that must not hang, exhaust memory, or lose rows --------------------------------------

def _run(*args: str, stdin: bytes | None = None, timeout: float = 60):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "quotes", *args], input=stdin, capture_output=True, timeout=timeout)


def test_a_fifo_in_a_folder_is_skipped_not_waited_on(tmp_path: Path) -> None:
    import os

    (tmp_path / "a.txt").write_text('"We stay," Mayor Jane Roe said.\n', encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "rows.jsonl")
    r = _run("extract", str(tmp_path))  # would block forever on open() or read()
    assert r.returncode == 3, r.stderr
    err = r.stderr.decode()
    assert "pipe.txt: a FIFO" in err and "rows.jsonl: a FIFO" in err and b"Jane Roe" in r.stdout


def test_a_link_to_a_device_is_skipped_not_read_forever(tmp_path: Path) -> None:
    import os

    os.symlink("/dev/zero", tmp_path / "zero.txt")
    os.symlink("/dev/zero", tmp_path / "zero.jsonl")
    skipped: list[Skipped] = []
    assert list(iter_articles([tmp_path], skipped)) == []
    assert sorted(Path(s.source).name for s in skipped) == ["zero.jsonl", "zero.txt"]
    assert all("device" in s.reason for s in skipped)


@pytest.mark.parametrize("suffix, body", [
    (".jsonl", json.dumps({"id": "big", "text": "x " * 3000}) + "\n" + json.dumps({"id": "ok", "text": "Short one."}) + "\n"),
    (".csv", 'id,text\nok,"Short one."\nbig,"' + "x " * 3000 + '"\n'),
])
def test_max_bytes_applies_to_table_rows(tmp_path: Path, suffix: str, body: str) -> None:
    f = tmp_path / f"t{suffix}"
    f.write_text(body, encoding="utf-8")
    skipped: list[Skipped] = []
    got = list(iter_articles([f], skipped, max_bytes=1000))
    assert [a.id for a in got] == ["ok"]
    assert len(skipped) == 1 and "1,000-byte limit" in skipped[0].reason


def test_max_bytes_applies_to_stdin() -> None:
    skipped: list[Skipped] = []
    assert list(iter_articles(["-"], skipped, max_bytes=100, stdin=io.BytesIO(b"word " * 100))) == []
    assert skipped[0].source == "<stdin>" and "100-byte limit" in skipped[0].reason
    rows = (json.dumps({"id": "a", "text": "y" * 500}) + "\n" + json.dumps({"id": "b", "text": "Fine."}) + "\n").encode()
    got = list(iter_articles(["-"], [], max_bytes=100, stdin=io.BytesIO(rows)))
    assert [a.id for a in got] == ["b"]


def test_jsonl_rows_split_on_newlines_only(tmp_path: Path) -> None:
    text = "Line\u2028separator, paragraph\u2029separator and next\u0085line."
    f = tmp_path / "u.jsonl"
    f.write_text(json.dumps({"id": "u", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    skipped: list[Skipped] = []
    got = list(iter_articles([f], skipped))
    assert not skipped and [a.text for a in got] == [text]


def test_one_bad_row_is_skipped_and_the_rest_are_read(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    lines = ['{"id": "1", "text": "First."}', '{"id": "2", "text": "bad \\ud800 surrogate"}',
             '{"id": "3", "text": "Third.", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}",
             '{"id": "4", "text": "Fourth."}']
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    skipped: list[Skipped] = []
    got = list(iter_articles([f], skipped))
    assert [a.id for a in got] == ["1", "4"]
    reasons = {s.source.rsplit(":", 1)[1]: s.reason for s in skipped}
    assert "surrogate" in reasons["2"] and "nested" in reasons["3"]


def test_rows_are_keyed_by_their_file_and_duplicates_are_named(tmp_path: Path) -> None:
    from quotes.store.documents import article_key

    for name in ("jan", "feb"):
        (tmp_path / f"{name}.jsonl").write_text(
            "".join(json.dumps({"id": str(i), "text": f"{name} story {i}."}) + "\n" for i in (1, 2)), encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "data.csv").write_text(f"text\n{d} first.\n", encoding="utf-8")
    got = list(iter_articles([tmp_path]))
    keys = [article_key(a) for a in got]
    assert len(got) == 6 and len(set(keys)) == 6
    dup = tmp_path / "dup.jsonl"
    dup.write_text('{"id": "7", "text": "Same."}\n{"id": "7", "text": "Same."}\n{"id": "7", "text": "Other."}\n',
                   encoding="utf-8")
    skipped: list[Skipped] = []
    got = list(iter_articles([dup], skipped))
    assert [a.text for a in got] == ["Same.", "Other."] and len({article_key(a) for a in got}) == 2
    assert "duplicate of row 1" in skipped[0].reason
