from __future__ import annotations

import csv
import io
import json

import pytest
from dataclasses import replace

from quotes import extract
from quotes.export import CSV_COLUMNS, safe_cell, write_csv, write_quotes


@pytest.mark.parametrize(
    "value, cell",
    [("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("+1-2", "'+1-2"), ("-cmd", "'-cmd"), ("@x", "'@x"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("-3.5", "-3.5"), (0.9, "0.9"), (None, ""), ("plain", "plain")],
)
def test_safe_cell(value: object, cell: str) -> None:
    assert safe_cell(value) == cell


def test_csv_round_trips_newlines_quotes_and_formulas() -> None:
    (q,) = extract("“Yes,” Ann Lee said.")
    qs = [replace(q, text='=HYPERLINK("x"), a line\nbreak, a ""quote"", a comma')]
    buf = io.StringIO()
    assert write_csv(qs, buf) == len(qs) == 1
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1][CSV_COLUMNS.index("text")] == "'" + qs[0].text
    assert rows[1][CSV_COLUMNS.index("speaker")] == "Ann Lee"


def test_excel_bom_and_jsonl() -> None:
    qs = extract("“Yes,” Ann Lee said.")
    buf = io.StringIO()
    write_csv(qs, buf, excel=True)
    assert buf.getvalue().startswith("\ufeffspeaker,role,text")
    out = io.StringIO()
    write_quotes(qs, out, "jsonl")
    assert json.loads(out.getvalue())["speaker"] == "Ann Lee"
    with pytest.raises(ValueError):
        write_quotes(qs, out, "xml")


@pytest.mark.parametrize("cell, shown", [
    ("-inf", "'-inf"), ("-nan", "'-nan"), ("+inf", "'+inf"), ("-1+1", "'-1+1"), ("=SUM(A1)", "'=SUM(A1)"),
    ("@cmd", "'@cmd"), ("-3.5", "-3.5"), ("+12", "+12"), ("-1e5", "-1e5"), ("plain", "plain"),
])
def test_formula_like_cells_get_an_apostrophe(cell: str, shown: str) -> None:
    from quotes.export import safe_cell

    assert safe_cell(cell) == shown


def test_table_output_strips_terminal_escapes() -> None:
    import io

    from quotes import extract
    from quotes.export import write_table

    (q,) = extract('"We will win," Mayor Jane Roe said.\n', doc="d.txt")
    q = replace(q, text="We will \x1b[2J\x1b]0;pwned\x07win", speaker="Jane \x1b[31mRoe", doc="d\x1b[1m.txt")
    out = io.StringIO()
    write_table([q], out)
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "We will" in out.getvalue()
