"""The ``quotes`` command: parses options, calls one API function, formats the result.

Exit codes: 0 success; 1 an error (message on stderr as ``Error: …`` with a hint); 2 a usage or
query error; 3 the run finished but some inputs were skipped (each named in a warning).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from typing import Any

import click

from . import __version__
from .errors import QuotesError
from .evaluate import evaluate
from .export import FORMATS, write_json, write_jsonl, write_quotes, write_speakers_csv, write_speakers_table
from .index import QuoteIndex, resolve_index_dir
from .pipeline import extract_many
from .read import MAX_BYTES, Skipped, seeds_dir

EXIT_SKIPPED = 3


class _WarningFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage()}"


def _setup_logging(verbose: int, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_WarningFormatter())
    root = logging.getLogger("quotes")
    root.handlers[:] = [handler]
    root.setLevel(logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    root.propagate = False


class QuotesGroup(click.Group):
    """Turns library errors into ``Error: …`` plus a hint and the error's exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuotesError as e:
            click.echo(f"Error: {e}", err=True)
            if e.hint:
                click.echo(f"Hint: {e.hint}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted: nothing half-written was kept; an index stays at its last commit.", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # `quotes search … | head`: the reader left; say nothing more
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=QuotesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotes")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def cli(verbose: int, quiet: bool) -> None:
    """Find quotes in news articles, attribute them, and search them.

    \b
    Exit codes: 0 ok, 1 error, 2 bad usage or query, 3 finished but inputs were skipped.
    """
    _setup_logging(verbose, quiet)


def _index_option(f: Any) -> Any:
    return click.option("--index", "index_dir", type=click.Path(),
                        help=f"Index folder (default: ${'QUOTES_INDEX'}, else ./index).")(f)


def _filter_options(f: Any) -> Any:
    opts = [
        click.option("--speaker", help="Speaker name or part of it (matches every alias)."),
        click.option("--role", help="Words of the speaker's role."),
        click.option("--kind", type=click.Choice(["direct", "mixed", "indirect"])),
        click.option("--doc", help="Article id (file name) or key."),
        click.option("--since", help="Earliest article date, YYYY[-MM[-DD]]."),
        click.option("--until", help="Latest article date, YYYY[-MM[-DD]]."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


def _finish_skipped(skipped: list[Skipped]) -> None:
    if skipped:
        click.echo(f"{len(skipped)} input(s) skipped (see warnings above).", err=True)
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--demo", is_flag=True, help="Run on the two seed articles bundled with the package.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="Write here instead of stdout.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--excel", is_flag=True, help="CSV with a BOM, for Excel.")
@click.option("--max-bytes", type=click.IntRange(1), default=MAX_BYTES, show_default=True, help="Skip larger files.")
def extract(paths: tuple[str, ...], demo: bool, fmt: str, output: Any, jobs: int, excel: bool, max_bytes: int) -> None:
    """Extract quotes from articles: files, folders (.txt/.jsonl/.csv) or - for stdin.

    JSONL output is the prediction format of score_quotes.py (doc = the file's name).
    """
    if demo:
        paths = paths + (str(seeds_dir()),)
    if not paths:
        raise click.UsageError("give one or more PATHS (files, folders, - for stdin), or --demo")
    skipped: list[Skipped] = []
    quotes = (q for _a, qs in extract_many(paths, jobs=jobs, skipped=skipped, max_bytes=max_bytes) for q in qs or [])
    write_quotes(quotes, output, fmt, excel=excel)
    output.flush()
    _finish_skipped(skipped)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("docs", type=click.Path(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
def eval_cmd(gold: str, docs: str, as_json: bool) -> None:
    """Score extraction and attribution against GOLD.jsonl for the articles in DOCS."""
    s = evaluate(gold, docs)
    if as_json:
        click.echo(json.dumps(s, indent=1, ensure_ascii=False))
        return
    click.echo(f"gold {s['gold']}  predicted {s['predicted']}  matched {s['matched']}  speaker right {s['attributed_right']}")
    for k in ("extraction", "attribution"):
        m = s[k]
        click.echo(f"{k:12} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    click.echo("recall by kind " + "  ".join(f"{k} {v:.3f}" for k, v in s["recall_by_kind"].items()))
    if s["role_accuracy"] is not None:
        click.echo(f"role accuracy (right speaker, gold role) {s['role_accuracy']:.3f}")
    if s["wrong_speaker_by_sieve"]:
        click.echo("wrong speaker by sieve: " + ", ".join(f"{k} {v}" for k, v in sorted(s["wrong_speaker_by_sieve"].items(), key=lambda kv: -kv[1])))
    if s["false_positive_by_sieve"]:
        click.echo("unmatched predictions by sieve: " + ", ".join(f"{k} {v}" for k, v in sorted(s["false_positive_by_sieve"].items(), key=lambda kv: -kv[1])))


def _count_files(paths: tuple[str, ...]) -> int | None:
    """Files under ``paths`` for the progress bar (None when stdin or tables make it unknown)."""
    from .read import TABLE_SUFFIXES, TEXT_SUFFIXES

    n = 0
    for p in paths:
        if p == "-" or p.lower().endswith(TABLE_SUFFIXES):
            return None
        if os.path.isdir(p):
            for _root, _dirs, files in os.walk(p):
                n += sum(f.lower().endswith(TEXT_SUFFIXES) and not f.startswith(".") for f in files)
                if any(f.lower().endswith(TABLE_SUFFIXES) for f in files):
                    return None
        else:
            n += 1
    return n


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_index_option
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes for extraction.")
@click.option("--lock-timeout", type=click.FloatRange(0), default=30.0, show_default=True,
              help="Seconds to wait for another indexer's lock.")
@click.option("--max-bytes", type=click.IntRange(1), default=MAX_BYTES, show_default=True, help="Skip larger files.")
@click.option("--commit-every", type=click.IntRange(1), default=2000, show_default=True,
              help="Articles per commit; an interrupted run keeps every finished commit.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
def index(paths: tuple[str, ...], index_dir: str | None, jobs: int, lock_timeout: float, max_bytes: int,
          commit_every: int, progress: bool) -> None:
    """Extract quotes from articles and add them to the index (incremental)."""
    with QuoteIndex(index_dir, create=True, lock_timeout=lock_timeout) as ix:
        total = _count_files(paths) if progress else None
        if progress:
            bar: Any
            with click.progressbar(length=total, label="Indexing", file=sys.stderr,
                                   show_pos=True, show_eta=total is not None) as bar:
                report = ix.add(paths, jobs=jobs, progress=lambda _a: bar.update(1), max_bytes=max_bytes,
                                commit_every=commit_every)
        else:
            report = ix.add(paths, jobs=jobs, max_bytes=max_bytes, commit_every=commit_every)
        click.echo(
            f"{report.articles} articles ({report.added} new, {report.replaced} changed, "
            f"{report.unchanged} unchanged), {report.quotes} quotes written, "
            f"{report.speakers} speakers in the index, {len(report.skipped)} skipped, "
            f"{report.seconds:.1f} s  → {ix.path}"
        )
    _finish_skipped(report.skipped)


@cli.command()
@click.argument("query", required=False)
@_filter_options
@click.option("-n", "--limit", type=int, default=20, show_default=True, help="Most results.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@_index_option
def search(query: str | None, speaker: str | None, role: str | None, kind: str | None, doc: str | None,
           since: str | None, until: str | None, limit: int, sort: str, fmt: str, index_dir: str | None) -> None:
    """Search indexed quotes. QUERY is Whoosh syntax: words, "phrases", AND/OR/NOT, wild*.

    \b
    Examples:
      quotes search "regional security"
      quotes search --speaker Cooper
      quotes search 'withdraw* AND NOT Iraq' --kind indirect --since 2026-01
    """
    with QuoteIndex(index_dir) as ix:
        found = ix.search(query, speaker=speaker, role=role, kind=kind, doc=doc, since=since,
                          until=until, limit=limit, sort=sort)
        if not found and fmt == "table":
            click.echo("No quotes found.", err=True)
            return
        write_quotes(found, sys.stdout, fmt, highlight=ix.highlighter(query) if fmt == "table" else None)


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", show_default=True)
@_index_option
def speakers(fmt: str, index_dir: str | None) -> None:
    """List every speaker in the index: type, quote count, articles, roles, aliases."""
    with QuoteIndex(index_dir) as ix:
        found = ix.speakers()
    if fmt == "table":
        write_speakers_table(found, sys.stdout)
    elif fmt == "json":
        write_json(found, sys.stdout)
    elif fmt == "jsonl":
        write_jsonl(found, sys.stdout)
    else:
        write_speakers_csv(found, sys.stdout)


@cli.command()
@click.option("--csv", "csv_path", required=True, type=click.Path(allow_dash=True),
              help="Quote sheet to write (- for stdout).")
@click.argument("query", required=False)
@_filter_options
@click.option("-n", "--limit", type=int, default=None, help="Most rows (default: all).")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--excel", is_flag=True, help="Add a BOM so Excel reads UTF-8.")
@_index_option
def export(csv_path: str, query: str | None, speaker: str | None, role: str | None, kind: str | None,
           doc: str | None, since: str | None, until: str | None, limit: int | None, sort: str,
           excel: bool, index_dir: str | None) -> None:
    """Write the quotes a search finds as a CSV quote sheet, one row per quote."""
    with QuoteIndex(index_dir) as ix:
        target: Any = sys.stdout if csv_path == "-" else csv_path
        n = ix.export_csv(target, excel=excel, query=query, speaker=speaker, role=role, kind=kind,
                          doc=doc, since=since, until=until, limit=limit, sort=sort)
    if csv_path != "-":
        click.echo(f"{n} quotes written to {csv_path}", err=True)


@cli.command()
@_index_option
def check(index_dir: str | None) -> None:
    """Verify an index: its table of contents, every file's checksum, every stored quote.

    Exit code 0 when the index is whole; 1 with each problem named when it is not.

    \b
    Examples:
      quotes check --index ./index
    """
    from . import check as check_index

    path = resolve_index_dir(index_dir)
    report = check_index(path)
    if report.ok:
        click.echo(f"ok: {report.quotes} quotes of {report.articles} articles in {report.segments} segment(s), "
                   f"generation {report.generation}  ({path})")
        return
    for p in report.problems:
        click.echo(f"problem: {p}", err=True)
    click.echo(f"Error: the index at {path} is damaged ({len(report.problems)} problem(s))", err=True)
    click.echo(f"Hint: quotes repair --index {path}", err=True)
    sys.exit(1)


@cli.command()
@_index_option
@click.option("--lock-timeout", type=click.FloatRange(0), default=30.0, show_default=True,
              help="Seconds to wait for another writer's lock.")
def repair(index_dir: str | None, lock_timeout: float) -> None:
    """Rebuild a damaged index from every segment that can still be read.

    The damaged folder is kept beside the new one (NAME.damaged-TIME) until you delete it.
    Articles in lost segments are named as lost: run 'quotes index' on your sources again
    to restore them (nothing is indexed twice).

    \b
    Examples:
      quotes repair --index ./index
    """
    from . import repair as repair_index

    path = resolve_index_dir(index_dir)
    r = repair_index(path, lock_timeout=lock_timeout)
    if not r.repaired:
        click.echo(f"ok: the index at {path} is whole; nothing to repair")
        return
    for p in r.problems:
        click.echo(f"found: {p}", err=True)
    click.echo(f"repaired: {r.quotes} quotes of {r.articles} articles recovered from {r.segments_read} segment(s)")
    if r.segments_lost or r.quotes_dropped or r.documents_lost:
        click.echo(f"lost: {len(r.segments_lost)} segment(s) ({', '.join(r.segments_lost) or '-'}), "
                   f"{r.documents_lost} unreadable document(s), {r.quotes_dropped} quote(s) of incomplete "
                   f"articles dropped. Run 'quotes index' on your sources again to restore them.")
    click.echo(f"the damaged index was moved to {r.moved_aside}; delete it when you are satisfied")


def main() -> None:
    """Entry point of the ``quotes`` console script."""
    cli(prog_name="quotes")


__all__ = ["cli", "main", "resolve_index_dir"]
