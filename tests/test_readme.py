"""The README's code blocks run as written: every shell and Python example, in a fresh folder
laid out like a checkout (the package's seeds, ``../shared`` beside it), with the installed
``quotes`` on the PATH and as ``.venv/bin/quotes``.

A block preceded by ``<!-- readme-test: skip; REASON -->`` is not run; it must give a reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, need_shared

_BLOCK = re.compile(r"(?P<mark><!-- readme-test: skip; (?P<why>[^>]*?) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```", re.S)


def _blocks() -> list[tuple[str, str, str | None]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(m["lang"], m["body"], m["why"]) for m in _BLOCK.finditer(text)]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tmp/work/main (README, seeds, .venv/bin pointing at this interpreter) + tmp/work/shared."""
    work = tmp_path_factory.mktemp("work")
    main = work / "main"
    shutil.copytree(ROOT / "seeds", main / "seeds")
    (work / "shared").symlink_to(need_shared().resolve() if need_shared().exists() else need_shared())
    bindir = main / ".venv" / "bin"
    bindir.mkdir(parents=True)
    for name in ("python", "quotes"):
        (bindir / name).symlink_to(Path(sys.executable).parent / name)
    return main


def _env(checkout: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QUOTES_INDEX"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_every_skipped_block_says_why() -> None:
    blocks = _blocks()
    assert blocks and all(why is None or len(why) > 10 for _l, _b, why in blocks)
    assert sum(why is None for *_x, why in blocks) >= 3, "most examples must run"


def test_the_readme_examples_run_as_written(checkout: Path) -> None:
    env = _env(checkout)
    ran = 0
    for lang, body, why in _blocks():
        if why is not None or lang not in ("sh", "python"):
            continue
        if lang == "sh":
            for line in body.splitlines():
                cmd = line.split("  #")[0].strip()
                if not cmd or cmd.startswith("#"):
                    continue
                r = subprocess.run(["bash", "-c", cmd], cwd=checkout, env=env, capture_output=True, text=True,
                                   timeout=300)
                assert r.returncode in (0, 3), f"README: {cmd!r} exited {r.returncode}:\n{r.stderr}"
                assert "Traceback" not in r.stderr, cmd
        else:
            r = subprocess.run([sys.executable, "-c", body], cwd=checkout, env=env, capture_output=True, text=True,
                               timeout=300)
            assert r.returncode == 0, f"README Python block failed:\n{r.stderr}"
        ran += 1
    assert ran >= 2


def test_the_readme_cli_examples_find_what_they_promise(checkout: Path) -> None:
    env = _env(checkout)
    run = lambda cmd: subprocess.run(["bash", "-c", cmd], cwd=checkout, env=env, capture_output=True,  # noqa: E731
                                     text=True, timeout=300)
    assert run("quotes index seeds").returncode == 0
    assert run("quotes search --speaker Cooper -f jsonl").stdout.count("\n") >= 3
    assert run("""quotes search 'speaker:"Brad Cooper" AND security' -f jsonl""").stdout.count("\n") >= 1
    assert run("""quotes search '"regional security"' --kind mixed -f jsonl""").stdout.count("\n") >= 1
    assert run("quotes export --csv hussein.csv --speaker Hussein --excel").returncode == 0
    sheet = (checkout / "hussein.csv").read_text(encoding="utf-8-sig")
    assert sheet.count("\n") >= 2 and "Hussein" in sheet
