"""Benchmarks: extraction throughput, indexing, and query latency at scale.

One command (from the project root, after ``pip install -e '.[bench]'``)::

    python bench/run.py                       # ../shared/corpus/bbc, table
    python bench/run.py FOLDER --json         # any folder of articles, JSON
    python bench/run.py --save bench/results/run.json   # the table, and the JSON kept
    python bench/run.py --quick               # a smaller run to try the harness
    python bench/run.py --profile prof.html   # pyinstrument profile of single-job extraction

Each step runs in its own Python process, so its peak memory (max resident set size, children
included) is its own. Figures:

- ``split``: a bare NLTK Punkt sentence split of every article (the pipeline's own Punkt
  parameters), the floor every Punkt-based pipeline pays;
- ``extract-1`` / ``extract-N``: the whole extraction pipeline, one process and ``--jobs``
  processes, characters and articles per second, and the ratio to ``split``; the process is
  settled first as the command line settles it (``quotes.settle_process``);
- ``index-corpus``: ``QuoteIndex.add`` on the corpus (extraction + writing), and the writing
  alone (``add_quotes`` of quotes extracted beforehand), with the index's size on disk;
- ``index-scale``: the corpus's quotes repeated under distinct article ids until there are at
  least ``--scale`` quotes, written with ``add_quotes``;
- ``cli``: whole processes as a user runs them (median of 3 alternating rounds): a bare Punkt
  split of the files, ``quotes extract --format jsonl`` with 1 and ``--jobs`` processes, and
  ``quotes index --jobs`` (workers that extract and write their own segments);
- ``query-corpus`` / ``query-scale``: latency percentiles of ``QuoteIndex.search`` over a fixed
  mix of queries (words, phrases, speaker filters, role filters, date ranges, words with filters).

Articles without a date (the BBC set has none) are given synthetic dates spread over two years,
so that date-range queries select real fractions of the index.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
EPOCH = date(2023, 1, 1)


# --- helpers shared by the steps ---------------------------------------------------------------

def load_articles(corpus: str, limit: int | None) -> list:
    """Read the corpus as ``Article`` records; undated articles get a synthetic date."""
    from quotes.read import iter_articles

    skipped: list = []
    out = []
    for i, a in enumerate(iter_articles([corpus], skipped)):
        if limit and i >= limit:
            break
        if not a.date:
            a = replace(a, date=(EPOCH + timedelta(days=i % 730)).isoformat())
        out.append(a)
    return out


def peak_mb() -> float:
    """Peak resident memory of this process and of its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 2)


def percentiles(values: list[float]) -> dict[str, float]:
    qs = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50_ms": round(qs[49] * 1000, 2), "p95_ms": round(qs[94] * 1000, 2),
            "p99_ms": round(qs[98] * 1000, 2), "max_ms": round(max(values) * 1000, 2),
            "mean_ms": round(statistics.fmean(values) * 1000, 2)}


# --- steps (each runs in a fresh process) ------------------------------------------------------

def step_split(opts: dict) -> dict:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from quotes.split import tokenizer

    arts = load_articles(opts["corpus"], opts["limit"])
    # NLTK's own tokenizer with the pipeline's parameters, without the pipeline's verdict
    # cache: the floor is a bare Punkt split. Loaded before the clock starts, as in extract.
    tok = PunktSentenceTokenizer(tokenizer()._params)
    chars = sum(len(a.text) for a in arts)
    t0 = time.perf_counter()
    sents = 0
    for a in arts:
        sents += sum(1 for _ in tok.span_tokenize(a.text))
    sec = time.perf_counter() - t0
    return {"articles": len(arts), "chars": chars, "sentences": sents, "seconds": round(sec, 3),
            "chars_per_s": round(chars / sec), "articles_per_s": round(len(arts) / sec, 1)}


def step_extract(opts: dict) -> dict:
    from quotes.pipeline import extract_many

    from quotes import extract

    from quotes import settle_process

    arts = load_articles(opts["corpus"], opts["limit"])
    chars = sum(len(a.text) for a in arts)
    t0 = time.perf_counter()
    settle_process()  # as the command line does: Punkt and the span model loaded, gc frozen
    extract("“Ready,” she said.")
    startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    quotes = sum(len(q or ()) for _, q in extract_many(arts, jobs=opts["jobs"]))
    sec = time.perf_counter() - t0
    return {"jobs": opts["jobs"], "articles": len(arts), "chars": chars, "quotes": quotes,
            "seconds": round(sec, 3), "startup_s": round(startup, 3), "chars_per_s": round(chars / sec),
            "articles_per_s": round(len(arts) / sec, 1)}


def step_index_corpus(opts: dict) -> dict:
    from quotes import QuoteIndex
    from quotes.pipeline import extract_many

    arts = load_articles(opts["corpus"], opts["limit"])
    path = Path(opts["dir"])
    with QuoteIndex(path / "e2e", create=True) as ix:
        t0 = time.perf_counter()
        rep = ix.add(arts, jobs=opts["jobs"])
        e2e = time.perf_counter() - t0
    pairs = list(extract_many(arts, jobs=opts["jobs"]))
    with QuoteIndex(path / "corpus", create=True) as ix:
        t0 = time.perf_counter()
        ix.add_quotes(pairs)
        write = time.perf_counter() - t0
        n = ix.count()
    shutil.rmtree(path / "e2e")
    return {"articles": len(arts), "quotes": n, "jobs": opts["jobs"], "seconds_extract_and_write": round(e2e, 2),
            "seconds_write": round(write, 2), "quotes_per_s_write": round(n / write),
            "index_mb": dir_mb(path / "corpus"), "report_quotes": rep.quotes}


def step_index_scale(opts: dict) -> dict:
    from quotes import QuoteIndex
    from quotes.pipeline import extract_many

    arts = load_articles(opts["corpus"], opts["limit"])
    base = [(a, q) for a, q in extract_many(arts, jobs=opts["jobs"]) if q is not None]
    per_copy = sum(len(q) for _, q in base)
    copies = max(1, -(-opts["scale"] // max(1, per_copy)))

    def scaled():  # article copies with distinct ids and dates, made as the writer asks for them
        for c in range(copies):
            for i, (a, qs) in enumerate(base):
                aid = f"copy{c:03d}/{a.id}"
                when = (EPOCH + timedelta(days=(c * len(base) + i) % 730)).isoformat()
                a2 = replace(a, id=aid, path=None, key=aid, date=when)
                yield a2, [replace(q, doc=aid, date=when) for q in qs]

    path = Path(opts["dir"]) / "scale"
    with QuoteIndex(path, create=True) as ix:
        t0 = time.perf_counter()
        rep = ix.add_quotes(scaled())
        sec = time.perf_counter() - t0
        n = ix.count()
    return {"articles": rep.articles, "quotes": n, "copies": copies, "seconds_write": round(sec, 2),
            "quotes_per_s_write": round(n / sec), "index_mb": dir_mb(path)}


def make_queries(ix, n: int, seed: int = 7) -> list[dict]:
    """A fixed mix of search calls drawn from what the index holds."""
    import re

    from whoosh.analysis import STOP_WORDS

    rng = random.Random(seed)
    quotes = ix.search(limit=None)
    speakers = [s for s in ix.speakers() if s.quotes >= 2] or ix.speakers()
    words = sorted({w.lower() for q in quotes for w in re.findall(r"[A-Za-z]{5,}", q.text)})
    pairs = []
    for q in rng.sample(quotes, min(len(quotes), 2000)):
        ws = [w for w in re.findall(r"[A-Za-z]{3,}", q.text) if w.lower() not in STOP_WORDS]
        if len(ws) >= 2:
            k = rng.randrange(len(ws) - 1)
            pairs.append(f'"{ws[k]} {ws[k + 1]}"')
    roles = sorted({w for s in speakers for r in s.roles for w in re.findall(r"[a-z]{4,}", r)} - set(STOP_WORDS))
    kinds = ["words", "two_words", "phrase", "speaker", "speaker_words", "role", "date", "date_words"]
    out = []
    for i in range(n):
        k = kinds[i % len(kinds)]
        d0 = EPOCH + timedelta(days=rng.randrange(700))
        if k == "words":
            call = {"query": rng.choice(words)}
        elif k == "two_words":
            call = {"query": f"{rng.choice(words)} OR {rng.choice(words)}"}
        elif k == "phrase":
            call = {"query": rng.choice(pairs)}
        elif k == "speaker":
            call = {"speaker": rng.choice(speakers).name.split()[-1]}
        elif k == "speaker_words":
            call = {"speaker": rng.choice(speakers).name, "query": rng.choice(words)}
        elif k == "role":
            call = {"role": rng.choice(roles) if roles else "minister"}
        elif k == "date":
            call = {"since": d0.isoformat(), "until": (d0 + timedelta(days=90)).isoformat()}
        else:
            call = {"query": rng.choice(words), "since": d0.isoformat(), "until": (d0 + timedelta(days=180)).isoformat()}
        out.append({"kind": k, "call": call})
    return out


def step_query(opts: dict) -> dict:
    from quotes import QuoteIndex

    with QuoteIndex(opts["index"]) as ix:
        t0 = time.perf_counter()
        ix.search("government", limit=20)  # cold: opens the segments and reads the day table
        first = time.perf_counter() - t0
        queries = make_queries(ix, opts["queries"])
        for q in queries[:20]:  # warm the OS cache and Whoosh's lazily loaded segment files
            ix.search(**q["call"], limit=20)
        times: list[float] = []
        by_kind: dict[str, list[float]] = {}
        hits = 0
        for q in queries:
            t0 = time.perf_counter()
            res = ix.search(**q["call"], limit=20)
            dt = time.perf_counter() - t0
            hits += len(res)
            times.append(dt)
            by_kind.setdefault(q["kind"], []).append(dt)
        n = ix.count()
    return {"quotes": n, "queries": len(queries), "hits": hits, "first_ms": round(first * 1000, 1), **percentiles(times),
            "p95_ms_by_kind": {k: percentiles(v)["p95_ms"] for k, v in by_kind.items()}}


def step_index_solr(opts: dict) -> dict:
    """The corpus's quotes written to a fresh collection of the Solr cluster at ``opts["solr"]``."""
    import uuid

    from quotes import QuoteIndex, solr_init
    from quotes.pipeline import extract_many

    base = opts["solr"].rstrip("/").rsplit("/", 1)[0]
    url = f"{base}/bench_{uuid.uuid4().hex[:8]}"
    solr_init(url, shards=2, replicas=2)
    pairs = list(extract_many(load_articles(opts["corpus"], opts["limit"]), jobs=opts["jobs"]))
    with QuoteIndex(url) as ix:
        t0 = time.perf_counter()
        ix.add_quotes(pairs)
        write = time.perf_counter() - t0
        n = ix.count()
    return {"url": url, "quotes": n, "seconds_write": round(write, 2), "quotes_per_s_write": round(n / write)}


def step_compare(opts: dict) -> dict:
    """The query mix, drawn from the Whoosh index, on both engines with no limit: how many
    answers are the same quotes."""
    from quotes import QuoteIndex

    with QuoteIndex(opts["whoosh"]) as w, QuoteIndex(opts["solr"]) as s:
        queries = make_queries(w, opts["queries"])
        same, differ = 0, []
        for q in queries:
            a = sorted((x.doc, x.start) for x in w.search(**q["call"], limit=None))
            b = sorted((x.doc, x.start) for x in s.search(**q["call"], limit=None))
            if a == b:
                same += 1
            else:
                differ.append({**q, "whoosh": len(a), "solr": len(b)})
    return {"queries": len(queries), "same": same, "differ": differ[:10]}


def step_dask(opts: dict) -> dict:
    """Extraction of the corpus on a local Dask cluster of ``opts["workers"]`` processes, timed
    from when its workers are up (what the cluster adds is the extraction, not its start-up)."""
    import logging

    from distributed import Client, LocalCluster

    from quotes import extract_many

    with LocalCluster(n_workers=opts["workers"], threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as lc, Client(lc) as c:
        c.wait_for_workers(opts["workers"])
        t0 = time.perf_counter()
        n = sum(len(q or []) for _a, q in extract_many([opts["corpus"]], cluster=lc.scheduler_address))
        sec = time.perf_counter() - t0
    return {"workers": opts["workers"], "quotes": n, "seconds": round(sec, 2)}


_BARE_SPLIT = """
import sys
from pathlib import Path
from nltk.tokenize.punkt import PunktSentenceTokenizer
from quotes.split import tokenizer
tok = PunktSentenceTokenizer(tokenizer()._params)
n = 0
for p in sorted(Path(sys.argv[1]).rglob("*.txt")):
    n += sum(1 for _ in tok.span_tokenize(p.read_text(encoding="utf-8", errors="replace")))
print(n)
"""


def step_cli(opts: dict) -> dict:
    """Whole processes, as a user runs them: a bare Punkt split of the corpus's files, then
    ``quotes extract --format jsonl`` with 1 and ``--jobs`` processes, and ``quotes index
    --jobs`` into a fresh folder; ``rounds`` alternating rounds, the median of each."""
    quotes = str(Path(sys.executable).with_name("quotes"))
    corpus, jobs = opts["corpus"], str(opts["jobs"])
    runs: dict[str, list[float]] = {"split": [], "extract_1": [], "extract_n": [], "index_n": []}
    for r in range(opts["rounds"]):
        ix = Path(opts["dir"]) / f"cli-index-{r}"
        cmds = {"split": [sys.executable, "-c", _BARE_SPLIT, corpus],
                "extract_1": [quotes, "extract", corpus, "--format", "jsonl", "-o", os.devnull],
                "extract_n": [quotes, "extract", corpus, "--format", "jsonl", "-j", jobs, "-o", os.devnull],
                "index_n": [quotes, "index", corpus, "-j", jobs, "--index", str(ix), "--no-progress", "-q"]}
        for name, cmd in cmds.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            runs[name].append(time.perf_counter() - t0)
        shutil.rmtree(ix)
    out = {k: round(statistics.median(v), 2) for k, v in runs.items()}
    out["jobs"] = opts["jobs"]
    out["extract_to_split"] = round(out["extract_1"] / out["split"], 2)
    out["speedup_jobs"] = round(out["extract_1"] / out["extract_n"], 2)
    out["index_to_extract"] = round(out["index_n"] / out["extract_n"], 2)
    return out


STEPS = {"split": step_split, "extract": step_extract, "index-corpus": step_index_corpus,
         "index-scale": step_index_scale, "query": step_query, "index-solr": step_index_solr,
         "compare": step_compare, "dask": step_dask, "cli": step_cli}


def run_step(name: str, opts: dict) -> dict:
    """Run one step in a fresh interpreter; its result carries its own peak memory."""
    proc = subprocess.run([sys.executable, __file__, "--step", name, json.dumps(opts)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"bench step {name} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def child_main(name: str, opts_json: str) -> None:
    opts = json.loads(opts_json)
    res = STEPS[name](opts)
    res["peak_mb"] = peak_mb()
    print(json.dumps(res))


# --- the report ---------------------------------------------------------------------------------

def table(r: dict) -> str:
    sp, e1, ej = r["split"], r["extract_1"], r["extract_n"]
    ic, isc, qc, qs = r["index_corpus"], r["index_scale"], r["query_corpus"], r["query_scale"]
    rows = [
        ("step", "figure", "peak MiB"),
        ("punkt split", f"{sp['chars_per_s']:,} chars/s, {sp['articles_per_s']:,} articles/s ({sp['seconds']} s)", sp["peak_mb"]),
        ("extract, 1 job", f"{e1['chars_per_s']:,} chars/s, {e1['articles_per_s']:,} articles/s ({e1['seconds']} s, "
                           f"{e1['quotes']:,} quotes; start-up {e1['startup_s']} s); {r['ratio_extract_to_split']}x "
                           f"the split, both in one process", e1["peak_mb"]),
        (f"extract, {ej['jobs']} jobs", f"{ej['chars_per_s']:,} chars/s, {ej['articles_per_s']:,} articles/s "
                                        f"({ej['seconds']} s); {r['speedup_jobs']}x one job", ej["peak_mb"]),
        ("index corpus", f"{ic['quotes']:,} quotes: {ic['seconds_extract_and_write']} s extract+write "
                         f"({ic['jobs']} jobs), {ic['seconds_write']} s write only; {ic['index_mb']} MiB", ic["peak_mb"]),
        ("index scale-up", f"{isc['quotes']:,} quotes ({isc['articles']:,} articles): {isc['seconds_write']} s write, "
                           f"{isc['quotes_per_s_write']:,} quotes/s; {isc['index_mb']} MiB", isc["peak_mb"]),
        ("query corpus", f"{qc['queries']} queries over {qc['quotes']:,} quotes: p50 {qc['p50_ms']} ms, "
                         f"p95 {qc['p95_ms']} ms, p99 {qc['p99_ms']} ms; first {qc['first_ms']} ms", qc["peak_mb"]),
        ("query scale-up", f"{qs['queries']} queries over {qs['quotes']:,} quotes: p50 {qs['p50_ms']} ms, "
                           f"p95 {qs['p95_ms']} ms, p99 {qs['p99_ms']} ms; first {qs['first_ms']} ms", qs["peak_mb"]),
    ]
    w0 = max(len(a) for a, _, _ in rows)
    w1 = max(len(b) for _, b, _ in rows)
    lines = [f"quotes bench: {r['corpus']} ({r['articles']:,} articles, {r['chars']:,} chars), "
             f"python {r['python']}, {r['cpus']} CPUs"]
    for i, (a, b, c) in enumerate(rows):
        lines.append(f"{a:<{w0}}  {b:<{w1}}  {c:>8}")
        if i == 0:
            lines.append("-" * (w0 + w1 + 12))
    lines.append("p95 by query kind at scale (ms): " + ", ".join(f"{k} {v}" for k, v in qs["p95_ms_by_kind"].items()))
    if "cli" in r:
        c = r["cli"]
        lines.append(f"command line (whole processes, median of 3): bare split {c['split']} s; quotes extract "
                     f"{c['extract_1']} s = {c['extract_to_split']}x the split (targets: #11 <= 3x, #14 <= 2.5x); -j {c['jobs']} "
                     f"{c['extract_n']} s = {c['speedup_jobs']}x one job (target >= 1.7x); quotes index -j {c['jobs']} "
                     f"{c['index_n']} s = {c['index_to_extract']}x extract -j {c['jobs']} (target <= 2x)")
    if "dask_1" in r:
        d1, d2 = r["dask_1"], r["dask_2"]
        lines.append(f"Dask local cluster: 1 worker {d1['seconds']} s, 2 workers {d2['seconds']} s "
                     f"({round(d1['seconds'] / d2['seconds'], 2)}x; target >= 1.6x), {d2['quotes']:,} quotes "
                     f"(one process: {e1['quotes']:,}); from the workers being up")
    if "index_solr" in r:
        so, sq = r["index_solr"], r["query_solr"]
        lines.append(f"SolrCloud ({so['url']}): {so['quotes']:,} quotes written in {so['seconds_write']} s, "
                     f"{so['quotes_per_s_write']:,} quotes/s (Whoosh: {ic['quotes_per_s_write']:,}); "
                     f"{sq['queries']} queries p50 {sq['p50_ms']} ms, p95 {sq['p95_ms']} ms "
                     f"(Whoosh: p50 {qc['p50_ms']} ms, p95 {qc['p95_ms']} ms); the same quotes as Whoosh for "
                     f"{r['compare_solr']['same']} of {r['compare_solr']['queries']} queries")
    return "\n".join(lines)


def profile(corpus: str, limit: int | None, out: str) -> None:
    from pyinstrument import Profiler

    from quotes.pipeline import extract_many

    arts = load_articles(corpus, limit)
    p = Profiler(interval=0.0005)
    p.start()
    for _ in extract_many(arts, jobs=1):
        pass
    p.stop()
    Path(out).write_text(p.output_html() if out.endswith(".html") else p.output_text(color=False))
    print(f"profile of single-job extraction written to {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="folder of articles")
    ap.add_argument("--jobs", type=int, default=2, help="processes for the parallel runs (default 2)")
    ap.add_argument("--scale", type=int, default=100_000, help="quotes in the scale-up index (default 100,000)")
    ap.add_argument("--queries", type=int, default=400, help="queries per latency run (default 400)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--quick", action="store_true", help="300 articles, 10,000 quotes, 300 queries")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    ap.add_argument("--save", metavar="FILE", help="also write the JSON to FILE (to compare runs)")
    ap.add_argument("--profile", metavar="FILE", help="write a pyinstrument profile (.html or .txt) and stop")
    ap.add_argument("--index", metavar="URL", help="also a SolrCloud: http://HOST:PORT/solr/ANY (a fresh collection "
                                                   "is made there) for the same writing and query mix")
    ap.add_argument("--step", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.step:
        child_main(*a.step)
        return
    if a.quick:
        a.limit, a.scale, a.queries = a.limit or 300, 10_000, 300
    if not Path(a.corpus).is_dir():
        raise SystemExit(f"no corpus folder at {a.corpus}")
    if a.profile:
        profile(a.corpus, a.limit, a.profile)
        return
    base = {"corpus": a.corpus, "limit": a.limit}
    with tempfile.TemporaryDirectory(prefix="quotes-bench-") as tmp:
        r: dict = {"corpus": a.corpus, "python": sys.version.split()[0], "cpus": os.cpu_count()}
        log = (lambda s: None) if a.json else (lambda s: print(s, file=sys.stderr, flush=True))
        log("split …")
        r["split"] = run_step("split", base)
        log("extract, 1 job …")
        r["extract_1"] = run_step("extract", {**base, "jobs": 1})
        log(f"extract, {a.jobs} jobs …")
        r["extract_n"] = run_step("extract", {**base, "jobs": a.jobs})
        if not a.limit:
            log("command line, whole processes …")
            r["cli"] = run_step("cli", {**base, "jobs": a.jobs, "dir": tmp, "rounds": 3})
            log("Dask, 1 and 2 workers …")
            r["dask_1"] = run_step("dask", {**base, "workers": 1})
            r["dask_2"] = run_step("dask", {**base, "workers": 2})
        log("index corpus …")
        r["index_corpus"] = run_step("index-corpus", {**base, "jobs": a.jobs, "dir": tmp})
        log("query corpus …")
        r["query_corpus"] = run_step("query", {"index": str(Path(tmp) / "corpus"), "queries": a.queries})
        log(f"index scale-up to {a.scale:,} quotes …")
        r["index_scale"] = run_step("index-scale", {**base, "jobs": a.jobs, "dir": tmp, "scale": a.scale})
        log("query scale-up …")
        r["query_scale"] = run_step("query", {"index": str(Path(tmp) / "scale"), "queries": a.queries})
        if a.index:
            log("SolrCloud: index the corpus's quotes, then the query mix …")
            r["index_solr"] = run_step("index-solr", {**base, "jobs": a.jobs, "solr": a.index})
            r["query_solr"] = run_step("query", {"index": r["index_solr"]["url"], "queries": a.queries})
            r["compare_solr"] = run_step("compare", {"whoosh": str(Path(tmp) / "corpus"), "solr": r["index_solr"]["url"],
                                                     "queries": a.queries})
    r["articles"], r["chars"] = r["split"]["articles"], r["split"]["chars"]
    r["ratio_extract_to_split"] = round(r["split"]["chars_per_s"] / r["extract_1"]["chars_per_s"], 2)
    r["speedup_jobs"] = round(r["extract_n"]["chars_per_s"] / r["extract_1"]["chars_per_s"], 2)
    if a.save:
        Path(a.save).write_text(json.dumps(r, indent=2) + "\n")
    print(json.dumps(r, indent=2) if a.json else table(r))


if __name__ == "__main__":
    main()
