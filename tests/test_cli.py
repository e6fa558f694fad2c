from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import EXIT_SKIPPED, cli

from .conftest import SEEDS


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_extract_jsonl_is_the_scorer_format(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["extract", str(SEEDS)])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) >= 28
    for row in rows:
        assert {"doc", "start", "end", "speaker", "mention_start", "mention_end", "role", "kind"} <= row.keys()
        text = (SEEDS / row["doc"]).read_text(encoding="utf-8")
        assert text[row["start"]:row["end"]] == row["text"]


@pytest.mark.parametrize("fmt, marker", [("table", "Rashid Hourani — Military researcher"), ("csv", "speaker,role,text"),
                                         ("json", '"speaker": "Fuad Hussein"')])
def test_extract_formats(runner: CliRunner, fmt: str, marker: str) -> None:
    r = runner.invoke(cli, ["extract", "--demo", "--format", fmt])
    assert r.exit_code == 0 and marker in r.stdout


def test_extract_stdin_and_usage_errors(runner: CliRunner) -> None:
    r = runner.invoke(cli, ["extract", "-", "-f", "jsonl"], input="“Go home,” Mayor Ann Li said.")
    assert r.exit_code == 0 and json.loads(r.stdout)["speaker"] == "Ann Li"
    r = runner.invoke(cli, ["extract"])
    assert r.exit_code == 2 and "--demo" in r.output


def test_extract_skips_bad_files_with_exit_3(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Officials said the bridge was safe.")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff\x00")
    r = runner.invoke(cli, ["extract", str(tmp_path)])
    assert r.exit_code == EXIT_SKIPPED
    assert "bad.txt" in r.stderr and "1 input(s) skipped" in r.stderr
    assert json.loads(r.stdout)["doc"] == "ok.txt"


def test_index_search_speakers_export(runner: CliRunner, tmp_path: Path) -> None:
    ix = str(tmp_path / "ix")
    r = runner.invoke(cli, ["index", str(SEEDS), "--index", ix, "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "2 articles (2 new" in r.stdout
    r = runner.invoke(cli, ["index", str(SEEDS), "--index", ix, "--no-progress"])
    assert "0 new, 0 changed, 2 unchanged" in r.stdout and "0 quotes written" in r.stdout

    r = runner.invoke(cli, ["search", "--speaker", "Hourani", "--index", ix, "-f", "jsonl"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 2
    r = runner.invoke(cli, ["search", "regional security", "--index", ix])
    assert r.exit_code == 0 and "[regional] [security]" in r.stdout
    r = runner.invoke(cli, ["search", "zebra", "--index", ix])
    assert r.exit_code == 0 and "No quotes found" in r.stderr

    r = runner.invoke(cli, ["speakers", "--index", ix])
    assert r.exit_code == 0 and "Kevin Lambert  (person, 4 quotes in 2 articles)" in r.stdout
    r = runner.invoke(cli, ["speakers", "--index", ix, "-f", "json"])
    assert any(s["name"] == "US Central Command" for s in json.loads(r.stdout))

    out = tmp_path / "cooper.csv"
    r = runner.invoke(cli, ["export", "--csv", str(out), "--speaker", "Cooper", "--index", ix])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == 3 and {row["speaker"] for row in rows} == {"Brad Cooper"}
    r = runner.invoke(cli, ["export", "--csv", "-", "--kind", "direct", "--index", ix])
    assert len(list(csv.reader(io.StringIO(r.stdout)))) == 1 + 4


@pytest.mark.parametrize(
    "args, code, text",
    [(["search", "x"], 1, "quotes index"),
     (["search", "nosuchfield:x"], 2, "unknown field"),
     (["search", '"open'], 2, "unbalanced"),
     (["search", "security", "--since", "someday"], 2, "dates are"),
     (["search", "security", "--limit", "0"], 2, "limit"),
     (["search", "x"], 1, "quotes index"),
     (["speakers"], 1, "Build one first")],
)
def test_errors_are_one_line_with_a_hint(runner: CliRunner, tmp_path: Path, args: list[str], code: int, text: str) -> None:
    ix = tmp_path / "ix"
    if "nosuchfield:x" in args or '"open' in args or "--since" in args or "--limit" in args:
        runner.invoke(cli, ["index", str(SEEDS), "--index", str(ix), "--no-progress"])
    r = runner.invoke(cli, [*args, "--index", str(ix)])
    assert r.exit_code == code
    assert r.stderr.startswith("Error: ") and text in r.stderr
    assert "Traceback" not in r.output


def test_index_from_env(runner: CliRunner, tmp_path: Path) -> None:
    ix = tmp_path / "envix"
    r = runner.invoke(cli, ["index", str(SEEDS), "--no-progress"], env={"QUOTES_INDEX": str(ix)})
    assert r.exit_code == 0 and ix.is_dir()


def test_hostile_folder_is_processed_or_skipped_file_by_file(runner: CliRunner, tmp_path: Path) -> None:
    sentence = "“We will rebuild the bridge,” the mayor said, adding that the work would take a year. "
    (tmp_path / "huge.txt").write_text(sentence * (50_000_000 // len(sentence) + 1), encoding="utf-8")  # > 50 MB
    (tmp_path / "one_line.txt").write_text(sentence * 12_000, encoding="utf-8")  # ~1 MB without a newline
    (tmp_path / "crlf.txt").write_bytes("Storm hits coast\r\n\r\n“Stay inside,” Gov. Ann Lee said.\r\n".encode())
    (tmp_path / "rtl.txt").write_text("قال الوزير “We are ready,” Minister Sami Haddad said. \u202eמשהו\n", encoding="utf-8")
    (tmp_path / "unclosed.txt").write_text("“This never closes, said nobody.\n\n” And ‘this “mismatched’ one”.\n")
    (tmp_path / "latin1.txt").write_bytes("“Caf\u00e9 prices rose,” Jean Dupont said.".encode("cp1252"))
    (tmp_path / "nul.txt").write_bytes(b"Police said\x00 the road was closed.")
    (tmp_path / "empty.txt").write_bytes(b"")
    r = runner.invoke(cli, ["extract", str(tmp_path), "-f", "jsonl"])
    assert r.exit_code == EXIT_SKIPPED, r.output
    assert "Traceback" not in r.output
    warned = [line for line in r.stderr.splitlines() if line.startswith("warning: skipped")]
    assert any("huge.txt" in w and "limit" in w for w in warned)
    assert any("nul.txt" in w for w in warned) and any("empty.txt" in w for w in warned)
    assert "3 input(s) skipped" in r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    docs = {row["doc"] for row in rows}
    assert {"one_line.txt", "crlf.txt", "rtl.txt", "latin1.txt"} <= docs
    assert sum(row["doc"] == "one_line.txt" for row in rows) >= 12_000  # every repetition found
    by_doc = {row["doc"]: row for row in rows}
    assert by_doc["crlf.txt"]["speaker"] == "Ann Lee"
    assert by_doc["rtl.txt"]["speaker"] == "Sami Haddad"
    assert by_doc["latin1.txt"]["text"] == "Café prices rose,"


@pytest.mark.parametrize("target, text", [
    ("missing/dir/x.csv", "does not exist"),
    (".", "is a folder"),
])
def test_export_to_a_bad_path_is_a_clean_error_with_no_stray_file(runner: CliRunner, tmp_path: Path,
                                                                  target: str, text: str) -> None:
    ix = tmp_path / "ix"
    runner.invoke(cli, ["index", str(SEEDS), "--index", str(ix), "--no-progress"])
    before = set(tmp_path.parent.iterdir()) | set(tmp_path.iterdir())
    r = runner.invoke(cli, ["export", "--csv", str(tmp_path / target), "--index", str(ix)])
    assert r.exit_code == 1 and r.stderr.startswith("Error: ") and text in r.stderr and "Hint:" in r.stderr
    assert "Traceback" not in r.output
    assert set(tmp_path.parent.iterdir()) | set(tmp_path.iterdir()) == before


def test_an_index_path_that_is_a_file_is_a_clean_error(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "notafolder"
    f.write_text("x")
    for args in (["search", "x"], ["index", str(SEEDS), "--no-progress"]):
        r = runner.invoke(cli, [*args, "--index", str(f)])
        assert r.exit_code == 1 and "is a file, not an index folder" in r.stderr and "Traceback" not in r.output
    assert f.read_text() == "x"


# -- what a new user trips over (#9) -------------------------------------------------------------

@pytest.fixture
def seeded(runner: CliRunner, tmp_path: Path) -> str:
    ix = str(tmp_path / "ix")
    assert runner.invoke(cli, ["index", str(SEEDS), "--index", ix, "--no-progress"]).exit_code == 0
    return ix


def test_search_says_how_many_matched_when_it_shows_fewer(runner: CliRunner, seeded: str) -> None:
    r = runner.invoke(cli, ["search", "--index", seeded, "-n", "3", "-f", "jsonl"])
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 3
    assert "3 of 31 quotes shown" in r.stderr
    r = runner.invoke(cli, ["search", "--index", seeded, "-n", "100", "-f", "jsonl"])
    assert "shown" not in r.stderr


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", "-"])
def test_index_with_a_progress_bar_takes_tables_and_stdin(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    body = '"The bridge is late," Governor Tom Park said.'
    data = json.dumps({"id": "1", "text": body}) + "\n" if suffix != ".csv" else f'id,text\n1,"{body.replace(chr(34), chr(34) * 2)}"\n'
    if suffix == "-":
        r = runner.invoke(cli, ["index", "-", "--index", str(tmp_path / "ix"), "--progress"], input=data)
    else:
        (tmp_path / f"t{suffix}").write_text(data, encoding="utf-8")
        r = runner.invoke(cli, ["index", str(tmp_path / f"t{suffix}"), "--index", str(tmp_path / "ix"), "--progress"])
    assert r.exit_code == 0, r.output
    assert "1 new" in r.stdout and "Traceback" not in r.output


def test_index_progress_shows_the_commit_as_a_phase(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(cli, ["index", str(SEEDS), "--index", str(tmp_path / "ix"), "--progress"])
    assert r.exit_code == 0 and "Committing 2 articles" in r.stderr


@pytest.mark.parametrize("args", [
    ["index", str(SEEDS), "-q"], ["-q", "index", str(SEEDS)], ["index", str(SEEDS), "--quiet"],
])
def test_quiet_works_where_users_type_it_and_silences_progress(runner: CliRunner, tmp_path: Path, args) -> None:
    r = runner.invoke(cli, [*args, "--index", str(tmp_path / "ix"), "--progress"])
    assert r.exit_code == 0, r.output
    assert r.stderr == ""


def test_verbose_shows_more(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes('"Caf\xe9 talks ended," Mayor Jane Roe said.\n'.encode("cp1252"))
    quiet = runner.invoke(cli, ["extract", str(tmp_path / "latin.txt"), "-q"])
    loud = runner.invoke(cli, ["extract", str(tmp_path / "latin.txt"), "-vv"])
    assert quiet.stderr == "" and "Windows-1252" in loud.stderr


@pytest.mark.parametrize("command", ["extract", "eval", "index", "search", "speakers", "export", "check", "repair"])
def test_every_command_has_examples_in_its_help(runner: CliRunner, command: str) -> None:
    r = runner.invoke(cli, [command, "--help"])
    assert r.exit_code == 0 and "Examples:" in r.stdout and f"quotes {command if command != 'eval' else 'eval'}" in r.stdout


@pytest.mark.parametrize("args, hint", [
    (["--since", "yesterday"], "--since 2026-02"),
    (["--since", "2027", "--until", "2026"], "Swap them"),
    (["-n", "0"], "-n 20"),
    (["--role", "..."], "--role minister"),
])
def test_hints_name_the_option_at_fault(runner: CliRunner, seeded: str, args: list[str], hint: str) -> None:
    r = runner.invoke(cli, ["search", "--index", seeded, *args])
    assert r.exit_code == 2 and r.stderr.startswith("Error: ") and hint in r.stderr


def test_extract_of_an_empty_folder_warns_and_exits_3(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = runner.invoke(cli, ["extract", str(tmp_path / "empty")])
    assert r.exit_code == EXIT_SKIPPED and "no articles" in r.stderr


def test_eval_exits_3_when_documents_were_skipped(runner: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g1", "doc": "missing.txt", "start": 0, "end": 5, "text": "hello",
                                "kind": "direct", "speaker": "X"}) + "\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    r = runner.invoke(cli, ["eval", str(gold), str(tmp_path / "docs")])
    assert r.exit_code == EXIT_SKIPPED and "could not be read" in r.stderr


def test_the_index_summary_counts_what_the_index_holds(runner: CliRunner, tmp_path: Path) -> None:
    ix = str(tmp_path / "ix")
    r = runner.invoke(cli, ["index", str(SEEDS), "--index", ix, "--no-progress"])
    assert "31 quotes written, 31 quotes in the index" in r.stdout
    r = runner.invoke(cli, ["index", str(SEEDS), "--index", ix, "--no-progress"])
    assert "0 quotes written, 31 quotes in the index" in r.stdout
