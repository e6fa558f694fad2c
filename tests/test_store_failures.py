"""Storage failures on real file systems: a full disk, a read-only mount, an immutable folder.

These mount small tmpfs file systems, so they need root (CI runs as root); elsewhere they skip.
Each checks the user sees ``Error:`` and a hint, never a traceback, and that the index is left
at its last commit, whole, with nothing half-written on disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotes import QuoteIndex, check

from .conftest import SEEDS
from .test_index_processes import _make_articles

pytestmark = pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0,
                                reason="mounting a tmpfs needs root on Linux (CI runs as root)")


def _sh(*cmd: str) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "fs"
    mnt.mkdir()
    _sh("mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(mnt))
    try:
        yield mnt
    finally:
        subprocess.run(["chattr", "-R", "-i", str(mnt)], capture_output=True)
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _quotes(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "quotes", *args], capture_output=True, text=True, timeout=300)


def _used(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("jobs", ["1", "2"])  # one writer; workers writing their own segments
def test_a_full_disk_fails_cleanly_keeps_the_last_commit_and_frees_the_space(small_fs: Path, tmp_path: Path,
                                                                             jobs: str) -> None:
    ix = small_fs / "ix"
    assert _quotes("index", str(SEEDS), "--index", str(ix), "--no-progress").returncode == 0
    before = _used(ix)
    _make_articles(tmp_path / "src", 400)
    r = _quotes("index", str(tmp_path / "src"), "--index", str(ix), "--no-progress", "--commit-every", "400",
                "-j", jobs)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Error:" in r.stderr and "Hint:" in r.stderr and "Traceback" not in r.stderr
    assert "No space left" in r.stderr and "last commit" in r.stderr
    # nothing half-written is left to keep the disk full
    assert not (ix / "MAIN.tmp").exists()
    assert _used(ix) <= before + 4096
    report = check(ix)
    assert report.ok and report.quotes == 31
    # room again: the same command resumes and finishes
    _sh("mount", "-o", "remount,size=64m", str(small_fs))
    r = _quotes("index", str(tmp_path / "src"), "--index", str(ix), "--no-progress")
    assert r.returncode == 0, r.stderr
    assert "400 new" in r.stdout and check(ix).ok


def test_a_read_only_index_is_searched_but_not_written(small_fs: Path, tmp_path: Path) -> None:
    ix = small_fs / "ix"
    assert _quotes("index", str(SEEDS), "--index", str(ix), "--no-progress").returncode == 0
    _sh("mount", "-o", "remount,ro", str(small_fs))
    r = _quotes("search", "--speaker", "Cooper", "--index", str(ix), "-f", "jsonl")
    assert r.returncode == 0 and len(r.stdout.splitlines()) >= 1, r.stderr
    article = tmp_path / "new.txt"
    article.write_text('"We will stay," Mayor Jane Roe said.\n', encoding="utf-8")
    r = _quotes("index", str(article), "--index", str(ix), "--no-progress")
    assert r.returncode == 1 and "Error:" in r.stderr and "Read-only file system" in r.stderr
    assert "Traceback" not in r.stderr
    r = _quotes("export", "--csv", str(small_fs / "out.csv"), "--index", str(ix))
    assert r.returncode == 1 and "Error: cannot write" in r.stderr and "Traceback" not in r.stderr


def test_an_immutable_index_folder_fails_cleanly(small_fs: Path, tmp_path: Path) -> None:
    ix = small_fs / "ix"
    assert _quotes("index", str(SEEDS), "--index", str(ix), "--no-progress").returncode == 0
    _sh("chattr", "+i", str(ix))
    article = tmp_path / "new.txt"
    article.write_text('"We will stay," Mayor Jane Roe said.\n', encoding="utf-8")
    r = _quotes("index", str(article), "--index", str(ix), "--no-progress")
    assert r.returncode == 1 and "Error:" in r.stderr and "Traceback" not in r.stderr
    _sh("chattr", "-i", str(ix))
    with QuoteIndex(ix) as q:
        assert q.count() == 31
