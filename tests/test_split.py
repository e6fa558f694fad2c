from __future__ import annotations

import pytest

from quotes.models import Span
from quotes.split import is_heading, paragraphs, sentences, tokenizer


@pytest.mark.parametrize(
    "text, n",
    [
        ("Adm. Jane Roe, commander of the fleet, spoke on Feb. 13 in the U.S. capital. She left.", 2),
        ("Maj. Gen. Ann Smith said the unit would stay. Sen. Bob Jones disagreed.", 2),
        ("Gov. Lee said so. Rep. Kim did not.", 2),
        ("The vote is on Sept. 4. It will be close.", 2),
        ("He arrived at 5 p.m. on Monday and left.", 1),
        ("“We are ready. We have been ready for months,” she said. Then she left.", 3),
    ],
)
def test_news_abbreviations_do_not_end_sentences(text: str, n: int) -> None:
    assert len(sentences(text, Span(0, len(text)))) == n


def test_tokenizer_is_built_once_and_offline() -> None:
    assert tokenizer() is tokenizer()
    assert "adm" in tokenizer()._params.abbrev_types


def test_paragraphs_are_trimmed_spans() -> None:
    text = "  First para.  \n\n\nSecond para.\n   \n"
    paras = paragraphs(text)
    assert [text[p.start:p.end] for p in paras] == ["First para.", "Second para."]


@pytest.mark.parametrize(
    "line, heading",
    [
        ("Iraq’s Role and Regional Coordination", True),
        ("Ahmed Kamel – Egypt Daily News", True),
        ("The minister said the talks would resume.", False),
        ("“We will return,” she said.", False),
        ("What comes next?", False),
    ],
)
def test_headings(line: str, heading: bool) -> None:
    assert is_heading(line, Span(0, len(line))) is heading
