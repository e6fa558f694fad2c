"""CSV quote sheets through a real spreadsheet: LibreOffice Calc, headless, as the README says.

Every cell must come back as written: UTF-8 text (José, £, “curly”), commas, quotes and newlines
inside cells, and formula-like cells with their leading apostrophe. Needs ``soffice``; CI
installs it (``.ci/run``) and there the test must run, never skip.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from quotes import QuoteIndex, extract
from quotes.export import CSV_COLUMNS, write_csv

from .conftest import need_shared

SOFFICE = shutil.which("soffice")
if SOFFICE is None and os.environ.get("CI"):
    pytest.fail("soffice is missing: .ci/run installs LibreOffice (libreoffice-calc-nogui) for this test",
                pytrace=False)
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

#: The import the README documents: comma, double quote, UTF-8 (76), from line 1, every column text.
IMPORT = "CSV:44,34,76,1," + "/".join(f"{i}/2" for i in range(1, len(CSV_COLUMNS) + 1)) + ",0,false,false,false,false,false"
EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _round_trip(sheet: Path, work: Path) -> list[list[str]]:
    """``sheet`` imported into Calc (saved as .ods), then exported again as CSV: its rows."""
    profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
    subprocess.run([SOFFICE, profile, "--headless", f"--infilter={IMPORT}", "--convert-to", "ods",
                    "--outdir", str(work), str(sheet)], check=True, capture_output=True, timeout=300)
    back = work / "back"
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to", EXPORT, "--outdir", str(back),
                    str(work / (sheet.stem + ".ods"))], check=True, capture_output=True, timeout=300)
    (out,) = back.glob("*.csv")  # named <file>-<sheet>.csv
    with open(out, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _rows(sheet: Path) -> list[list[str]]:
    with open(sheet, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("excel", [False, True])
def test_hostile_cells_come_back_as_written(tmp_path: Path, excel: bool) -> None:
    (q,) = extract('"We will win," Mayor Jane Roe said.\n', doc="d.txt")
    cells = ["José Núñez", "£5 and €7 — “curly” ‘single’", 'say "yes", then no', "line one\nline two",
             "=SUM(A1:A9)", "+1 555", "-inf", "@cmd", "-3.5", "0.9", "  padded  ", "Zürich, 北京"]
    quotes = [replace(q, speaker=c, text=c, role=c) for c in cells]
    sheet = tmp_path / "hostile.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as f:
        write_csv(quotes, f, excel=excel)
    assert _round_trip(sheet, tmp_path) == _rows(sheet)


def test_a_full_bbc_export_comes_back_cell_for_cell(tmp_path: Path) -> None:
    with QuoteIndex(tmp_path / "ix", create=True) as ix:
        ix.add([need_shared("corpus", "bbc")], jobs=2)
        n = ix.export_csv(tmp_path / "bbc.csv")
    rows = _rows(tmp_path / "bbc.csv")
    assert n > 10_000 and len(rows) == n + 1
    assert _round_trip(tmp_path / "bbc.csv", tmp_path) == rows
