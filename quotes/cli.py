"""The ``quotes`` command: parses options, calls one public API function, formats the result.

It imports nothing but the public API (``quotes/__init__.py``). Exit codes: 0 success; 1 an
error (``Error: …`` and a hint on stderr); 2 a usage or query error; 3 the run finished but some
inputs were skipped (each named in a warning); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any

import click

import quotes as api

EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130


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
        except api.QuotesError as e:
            click.echo(f"Error: {e}", err=True)
            if e.hint:
                click.echo(f"Hint: {e.hint}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted: nothing half-written was kept; an index stays at its last commit.", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # `quotes search … | head`: the reader left; say nothing more
            sys.stderr.close()
            ctx.exit(0)


def _verbosity(f: Callable[..., Any]) -> Callable[..., Any]:
    """-v/-q on a subcommand too (``quotes index … -q``), where users type them."""
    def set_verbose(ctx: click.Context, _p: click.Parameter, value: int) -> int:
        if value:
            obj = ctx.ensure_object(dict)
            obj["verbose"] = obj.get("verbose", 0) + value
            _setup_logging(obj["verbose"], obj.get("quiet", False))
        return value

    def set_quiet(ctx: click.Context, _p: click.Parameter, value: bool) -> bool:
        if value:
            obj = ctx.ensure_object(dict)
            obj["quiet"] = True
            _setup_logging(obj.get("verbose", 0), True)
        return value

    f = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=set_quiet,
                     help="Only errors on stderr; no progress.")(f)
    return click.option("-v", "--verbose", count=True, expose_value=False, callback=set_verbose,
                        help="More log output (-vv for debug).")(f)


def _quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().ensure_object(dict).get("quiet"))


@click.group(cls=QuotesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(api.__version__, prog_name="quotes")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Find quotes in news articles, attribute them, and search them.

    \b
    Examples:
      quotes extract --demo --format table
      quotes index articles/ --index ./index
      quotes search --speaker Cooper "regional security"
      quotes export --csv cooper.csv --speaker Cooper

    \b
    Exit codes: 0 ok, 1 error, 2 bad usage or query, 3 finished but inputs were skipped,
    130 interrupted.
    """
    ctx.ensure_object(dict).update(verbose=verbose, quiet=quiet)
    _setup_logging(verbose, quiet)


def _index_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--index", "index_dir", type=click.Path(),
                        help="Index folder, or a Solr collection URL http://HOST:PORT/solr/NAME "
                             "(default: $QUOTES_INDEX, else ./index).")(f)


def _filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
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


def _cluster_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--cluster", metavar="SPEC",
                        help="Extract on a Dask cluster: tcp://SCHEDULER:8786, or local:N for N worker "
                             "processes here (needs quotes[cluster]).")(f)


def _search_filters(kw: dict[str, Any]) -> api.SearchFilters:
    """The one ``SearchFilters`` of a command's filter options (removed from ``kw``)."""
    return api.SearchFilters(**{k: kw.pop(k) for k in ("speaker", "role", "kind", "doc", "since", "until")})


def _finish_skipped(skipped: list[api.Skipped]) -> None:
    if skipped:
        click.echo(f"{len(skipped)} input(s) skipped (see warnings above).", err=True)
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--demo", is_flag=True, help="Run on the two seed articles bundled with the package.")
@click.option("-f", "--format", "fmt", type=click.Choice(api.FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              help="Write here instead of stdout.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--excel", is_flag=True, help="CSV with a BOM, for Excel.")
@click.option("--max-bytes", type=click.IntRange(1), default=api.MAX_BYTES, show_default=True,
              help="Skip larger files, rows and stdin.")
@_cluster_option
@_verbosity
def extract(paths: tuple[str, ...], demo: bool, fmt: str, output: Any, jobs: int, excel: bool, max_bytes: int,
            cluster: str | None) -> None:
    """Extract quotes from articles: files, folders (.txt/.jsonl/.csv) or - for stdin.

    JSONL output is the prediction format of score_quotes.py (doc = the file's name).

    \b
    Examples:
      quotes extract seeds --format table
      quotes extract articles/ -j 2 -o quotes.jsonl
      cat story.txt | quotes extract - --format csv --excel > sheet.csv
      quotes extract corpus/ --cluster tcp://scheduler:8786 -o quotes.jsonl
    """
    api.settle_process()  # this process extracts and exits: see its notes
    if demo:
        paths = paths + (str(api.seeds_dir()),)
    if not paths:
        raise click.UsageError("give one or more PATHS (files, folders, - for stdin), or --demo")
    skipped: list[api.Skipped] = []
    articles = 0

    def each() -> Any:
        nonlocal articles
        for _a, qs in api.extract_many(paths, jobs=jobs, skipped=skipped, max_bytes=max_bytes, cluster=cluster):
            articles += 1
            yield from qs or []

    api.write_quotes(each(), output, fmt, excel=excel)
    output.flush()
    if articles == 0 and not skipped:
        click.echo(f"warning: no articles (.txt, .jsonl, .csv) found in {', '.join(paths)}", err=True)
        sys.exit(EXIT_SKIPPED)
    _finish_skipped(skipped)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("docs", type=click.Path(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.option("--rules-only", is_flag=True, help="Without any learned part: the rules alone.")
@click.option("--without", "without", multiple=True, type=click.Choice(["span", "entities"]),
              help="Leave out one learned part (repeatable).")
@click.option("--model", "model_path", type=click.Path(dir_okay=False), help="A span model from 'quotes train'.")
@_verbosity
def eval_cmd(gold: str, docs: str, as_json: bool, rules_only: bool, without: tuple[str, ...],
             model_path: str | None) -> None:
    """Score extraction and attribution against GOLD.jsonl for the articles in DOCS.

    \b
    Examples:
      quotes eval ../shared/gold/seeds.jsonl seeds
      quotes eval ../shared/polnear/dev/gold.jsonl ../shared/polnear/dev/docs --json
      quotes eval ../shared/style-dev/gold.jsonl ../shared/style-dev/docs --rules-only
    """
    api.settle_process()  # this process extracts and exits: see its notes
    if rules_only and model_path:
        raise click.UsageError("--rules-only and --model exclude each other")
    off = {"span", "entities"} if rules_only else set(without)
    spans = None if "span" in off else api.load_model(model_path) if model_path else "default"
    s = api.evaluate(gold, docs, spans=spans, entities=None if "entities" in off else "default")
    if as_json:
        click.echo(json.dumps(s, indent=1, ensure_ascii=False))
    else:
        click.echo(api.format_scores(s))
    if s["skipped"]:
        click.echo(f"{len(s['skipped'])} document(s) could not be read and count as predicting nothing.", err=True)
        sys.exit(EXIT_SKIPPED)


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--shared", type=click.Path(file_okay=False), help="The shared data folder (default: $QUOTES_SHARED, else ../shared).")
@click.option("-o", "--output", type=click.Path(), help="Where to write: a file for one model, a folder for several (default: the model's file name here).")
@_verbosity
def train(names: tuple[str, ...], shared: str | None, output: str | None) -> None:
    """Train the learned parts named (``all``: every one) from the shared data; no name lists them.

    Each writes the JSON file the package ships; the same data give the same file, byte for byte.

    \b
    Examples:
      quotes train
      quotes train span -o spans.json
      quotes train all -o models/
    """
    if not names:
        for t in api.TRAINERS:
            click.echo(f"{t.name:<10} {t.summary}\n{'':<10} from {', '.join(t.data)}; ships as quotes/data/{t.file}")
        return
    for name, line, target in api.train_models(names, shared, output):
        click.echo(f"{name}: {line} → {target}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_index_option
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes for extraction.")
@click.option("--lock-timeout", type=click.FloatRange(0), default=30.0, show_default=True,
              help="Seconds to wait for another indexer's lock.")
@click.option("--max-bytes", type=click.IntRange(1), default=api.MAX_BYTES, show_default=True,
              help="Skip larger files, rows and stdin.")
@click.option("--commit-every", type=click.IntRange(1), default=2000, show_default=True,
              help="Articles per commit; an interrupted run keeps every finished commit.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
@_cluster_option
@_verbosity
def index(paths: tuple[str, ...], index_dir: str | None, jobs: int, lock_timeout: float, max_bytes: int,
          commit_every: int, progress: bool | None, cluster: str | None) -> None:
    """Extract quotes from articles and add them to the index (incremental).

    Articles already indexed with the same content are skipped; changed ones replace their
    quotes. Safe to interrupt: run the same command again to finish.

    \b
    Examples:
      quotes index articles/ --index ./index -j 2
      quotes index feed-2026-02.jsonl --index ./index
      quotes index corpus/ --index http://solr:8983/solr/quotes --cluster tcp://scheduler:8786
    """
    api.settle_process()  # this process extracts and exits: see its notes
    show = (sys.stderr.isatty() if progress is None else progress) and not _quiet() and not cluster
    with api.QuoteIndex(index_dir, create=True, lock_timeout=lock_timeout) as ix:
        if show:
            report = _index_with_progress(ix, paths, jobs, max_bytes, commit_every)
        else:
            report = ix.add(paths, jobs=jobs, max_bytes=max_bytes, commit_every=commit_every, cluster=cluster)
        click.echo(
            f"{report.articles} articles ({report.added} new, {report.replaced} changed, "
            f"{report.unchanged} unchanged), {report.quotes} quotes written, "
            f"{report.total_quotes} quotes in the index, {len(report.skipped)} skipped, "
            f"{report.seconds:.1f} s  → {ix.path}"
        )
    _finish_skipped(report.skipped)


def _index_with_progress(ix: api.QuoteIndex, paths: tuple[str, ...], jobs: int, max_bytes: int,
                         commit_every: int) -> api.IndexReport:
    """``ix.add`` with a progress bar; the total is known for text files, counted up for rows."""
    total = api.count_inputs(paths)
    bar: Any
    with click.progressbar(length=total if total is not None else 0, label="Indexing", file=sys.stderr,
                           show_pos=True, show_eta=total is not None, show_percent=total is not None) as bar:
        def committing(n: int) -> None:
            bar.label = f"Committing {n:,} articles"
            bar.render_progress()

        def advanced(_a: api.Article) -> None:
            if bar.label != "Indexing":
                bar.label = "Indexing"
            if total is None:
                bar.length = bar.pos + 1  # rows: the total grows as they are read
            bar.update(1)

        return ix.add(paths, jobs=jobs, progress=advanced, max_bytes=max_bytes, commit_every=commit_every,
                      on_commit=committing)


@cli.command()
@click.argument("query", required=False)
@_filter_options
@click.option("-n", "--limit", type=int, default=20, show_default=True, help="Most results.")
@click.option("--sort", type=click.Choice(api.SORTS), default="relevance", show_default=True,
              help="date: newest first, undated last.")
@click.option("-f", "--format", "fmt", type=click.Choice(api.FORMATS), default="table", show_default=True)
@_index_option
@_verbosity
def search(query: str | None, limit: int, sort: str, fmt: str, index_dir: str | None, **filters: Any) -> None:
    """Search indexed quotes. QUERY is Whoosh syntax: words, "phrases", AND/OR/NOT, wild*.

    Says on stderr how many quotes matched when more than were shown.

    \b
    Examples:
      quotes search "regional security"
      quotes search --speaker Cooper
      quotes search 'speaker:"Brad Cooper" AND withdraw*'
      quotes search 'withdraw* AND NOT Iraq' --kind indirect --since 2026-01 --sort date
    """
    f = _search_filters(filters)
    with api.QuoteIndex(index_dir) as ix:
        hits = ix.find(query, f, limit=limit, sort=sort)
        if not hits.quotes:
            click.echo("No quotes found.", err=True)
            return
        api.write_quotes(hits.quotes, sys.stdout, fmt, highlight=ix.highlighter(query) if fmt == "table" else None)
        if hits.total > len(hits.quotes):
            click.echo(f"{len(hits.quotes)} of {hits.total:,} quotes shown; -n N shows more, "
                       f"'quotes export' writes them all.", err=True)


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(api.SPEAKER_FORMATS), default="table", show_default=True)
@click.option("--all", "include_groups", is_flag=True,
              help="Also list collective sources (analysts, critics, the report), one per article.")
@_index_option
@_verbosity
def speakers(fmt: str, include_groups: bool, index_dir: str | None) -> None:
    """List every speaker in the index: type, quote count, articles, roles, aliases.

    People and organisations, merged across articles; collective sources ("analysts",
    "critics", "the report") only with --all.

    \b
    Examples:
      quotes speakers | head -20
      quotes speakers --all -f csv > speakers.csv
    """
    with api.QuoteIndex(index_dir) as ix:
        found = ix.speakers(include_groups=include_groups)
    api.write_speakers(found, sys.stdout, fmt)


@cli.command()
@click.option("--csv", "csv_path", required=True, type=click.Path(allow_dash=True),
              help="Quote sheet to write (- for stdout).")
@click.argument("query", required=False)
@_filter_options
@click.option("-n", "--limit", type=int, default=None, help="Most rows (default: all).")
@click.option("--sort", type=click.Choice(api.SORTS), default="relevance", show_default=True,
              help="date: newest first, undated last.")
@click.option("--excel", is_flag=True, help="Add a BOM so Excel reads UTF-8.")
@_index_option
@_verbosity
def export(csv_path: str, query: str | None, limit: int | None, sort: str, excel: bool, index_dir: str | None,
           **filters: Any) -> None:
    """Write the quotes a search finds as a CSV quote sheet, one row per quote.

    \b
    Examples:
      quotes export --csv cooper.csv --speaker Cooper
      quotes export --csv iraq-2026.csv Iraq --since 2026 --sort date --excel
    """
    f = _search_filters(filters)
    with api.QuoteIndex(index_dir) as ix:
        target: Any = sys.stdout if csv_path == "-" else csv_path
        n = ix.export_csv(target, query, f, excel=excel, limit=limit, sort=sort)
    if csv_path != "-":
        click.echo(f"{n} quotes written to {csv_path}", err=True)


def _folder(index_dir: str | None, command: str) -> Any:
    where = api.resolve_location(index_dir)
    if isinstance(where, str):
        raise api.QuotesError(f"'quotes {command}' works on an index folder, not on {where}",
                              "SolrCloud keeps its own replicas: check the collection in Solr's admin UI.")
    return where


@cli.command()
@_index_option
@_verbosity
def check(index_dir: str | None) -> None:
    """Verify an index: its table of contents, every file's checksum, every stored quote.

    Exit code 0 when the index is whole; 1 with each problem named when it is not.

    \b
    Examples:
      quotes check --index ./index
    """
    path = _folder(index_dir, "check")
    report = api.check(path)
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
@_verbosity
def repair(index_dir: str | None, lock_timeout: float) -> None:
    """Rebuild a damaged index from every segment that can still be read.

    The damaged folder is kept beside the new one (NAME.damaged-TIME) until you delete it.
    Articles in lost segments are named as lost: run 'quotes index' on your sources again
    to restore them (nothing is indexed twice).

    \b
    Examples:
      quotes repair --index ./index
    """
    path = _folder(index_dir, "repair")
    r = api.repair(path, lock_timeout=lock_timeout)
    if not r.repaired:
        click.echo(f"ok: the index at {path} is whole; nothing to repair")
        return
    if r.upgraded:
        click.echo(f"upgraded: {r.quotes} quotes of {r.articles} articles rebuilt in the current schema")
        click.echo(f"the previous index was moved to {r.moved_aside}; delete it when you are satisfied")
        return
    for p in r.problems:
        click.echo(f"found: {p}", err=True)
    click.echo(f"repaired: {r.quotes} quotes of {r.articles} articles recovered from {r.segments_read} segment(s)")
    if r.segments_lost or r.quotes_dropped or r.documents_lost:
        click.echo(f"lost: {len(r.segments_lost)} segment(s) ({', '.join(r.segments_lost) or '-'}), "
                   f"{r.documents_lost} unreadable document(s), {r.quotes_dropped} quote(s) of incomplete "
                   f"articles dropped. Run 'quotes index' on your sources again to restore them.")
    click.echo(f"the damaged index was moved to {r.moved_aside}; delete it when you are satisfied")


@cli.group()
def solr() -> None:
    """A quote index on SolrCloud: give --index http://HOST:PORT/solr/COLLECTION to any command."""


@solr.command(name="init")
@click.argument("url")
@click.option("--shards", type=click.IntRange(1, 256), default=2, show_default=True, help="Number of shards.")
@click.option("--replicas", type=click.IntRange(1, 16), default=2, show_default=True, help="Replicas of each shard.")
@_verbosity
def solr_init(url: str, shards: int, replicas: int) -> None:
    """Create the collection URL names (with the quotes configset) and wait until it is active.

    \b
    Examples:
      quotes solr init http://127.0.0.1:8983/solr/quotes --shards 2 --replicas 2
      quotes index articles/ --index http://127.0.0.1:8983/solr/quotes
    """
    done = api.solr_init(url, shards=shards, replicas=replicas)
    click.echo(f"{url}: {'created, ' + str(shards) + ' shard(s) x ' + str(replicas) + ' replica(s)' if done == 'created' else 'already there'}")


def main() -> None:
    """Entry point of the ``quotes`` console script."""
    cli(prog_name="quotes")


__all__ = ["cli", "main"]
