"""Extraction on a real Dask cluster: ``dask scheduler`` and ``dask worker`` processes started
here, the same results as one process, and a worker killed mid-run changing nothing."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotes import QuoteIndex, extract_many

from .conftest import SEEDS

DASK = Path(sys.executable).parent / "dask"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """60 articles made of the seeds' paragraphs and a JSONL file of 400 rows (a third with no id)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    paras = [p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for k in range(60):
        (folder / f"a{k:03d}.txt").write_text(f"Report {k}\n\n" + "\n\n".join(paras[k % 7:k % 7 + 5]) + "\n",
                                              encoding="utf-8")
    with open(folder / "feed.jsonl", "w", encoding="utf-8") as f:
        for i in range(400):
            row = {"text": f'"Sales rose {i} percent," Mayor Ann Lee said on day {i}.'}
            if i % 3:
                row["id"] = f"r{i}"
            f.write(json.dumps(row) + "\n")
    return folder


@pytest.fixture
def scheduler():
    """A real scheduler and two single-threaded workers, as separate processes."""
    port = _free_port()
    addr = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    time.sleep(1.5)
    for _ in range(2):
        procs.append(subprocess.Popen([str(DASK), "worker", addr, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                       "--host", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True))
    from distributed import Client

    with Client(addr, timeout=30) as c:
        c.wait_for_workers(2, timeout=60)
    yield addr, procs
    for p in procs:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        p.wait(timeout=30)


def _pairs(corpus: Path, **kw) -> list[tuple]:
    return [(a.key, a.id, [(q.start, q.end, q.speaker) for q in qs or []]) for a, qs in extract_many([corpus], **kw)]


def test_a_cluster_extracts_what_one_process_does_in_the_same_order(corpus: Path, scheduler, monkeypatch) -> None:
    import quotes.cluster

    monkeypatch.setattr(quotes.cluster, "BYTES_PER_PART", 2000)  # the JSONL file in many parts
    monkeypatch.setattr(quotes.cluster, "FILES_PER_PART", 7)
    addr, _procs = scheduler
    assert _pairs(corpus, cluster=addr) == _pairs(corpus)


def test_a_worker_killed_mid_run_changes_nothing(corpus: Path, scheduler, tmp_path: Path) -> None:
    addr, procs = scheduler
    single = tmp_path / "single"
    with QuoteIndex(single, create=True) as ix:
        ix.add([corpus])
        expected = sorted((q.doc, q.start, q.end) for q in ix.search(limit=None))
    killer = subprocess.Popen([sys.executable, "-c", f"import os, signal, time; time.sleep(1.0); os.killpg({procs[1].pid}, signal.SIGKILL)"])
    r = subprocess.run([sys.executable, "-m", "quotes", "index", str(corpus), "--index", str(tmp_path / "ix"),
                        "--cluster", addr, "--commit-every", "20"], capture_output=True, text=True, timeout=300)
    killer.wait(timeout=30)
    assert r.returncode == 0, r.stderr
    assert procs[1].poll() is not None, "the worker was not killed during the run"
    with QuoteIndex(tmp_path / "ix") as ix:
        assert sorted((q.doc, q.start, q.end) for q in ix.search(limit=None)) == expected


def test_a_local_cluster_indexes_into_whoosh_and_rerunning_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    with QuoteIndex(tmp_path / "ix", create=True) as ix:
        first = ix.add([corpus], cluster="local:2")
        again = ix.add([corpus], cluster="local:2")
        assert first.added == 460 and again.unchanged == 460 and again.quotes == 0


def test_workers_write_to_solr_themselves(corpus: Path, solr_collection, scheduler) -> None:
    addr, _procs = scheduler
    url = solr_collection()
    with QuoteIndex(url) as ix:
        r = ix.add([corpus], cluster=addr)
        assert r.added == 460 and ix.article_count() == 460
        assert ix.add([corpus], cluster=addr).unchanged == 460
    with QuoteIndex(url) as solr, QuoteIndex(Path(str(corpus) + "-w"), create=True) as whoosh:
        whoosh.add([corpus])
        assert sorted((q.doc, q.start) for q in solr.search(limit=None)) == sorted((q.doc, q.start) for q in whoosh.search(limit=None))


def test_a_cluster_that_is_not_there_is_a_clean_error(corpus: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "quotes", "extract", str(corpus), "--cluster", f"tcp://127.0.0.1:{_free_port()}"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and r.stderr.startswith("Error: ") and "Traceback" not in r.stderr
