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
