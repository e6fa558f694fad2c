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


@pytest.mark.parametrize("line, heading", [
    # a bullet point in the body, with no full stop, reports speech: prose
    ("Dowden said that he expects a financial support deal to be finalised this week", False),
    ("Race director Michael Masi insisted there were no special rules", False),
    # still headings: short, no verb of speech, or a verb used as a noun
    ("Dowden urges clubs to help", True),
    ("Clubs face a bleak winter without fans in the stands", True),
    ("Fresh claims over the Premier League deal emerge", True),
])
def test_a_bullet_point_that_reports_speech_is_no_heading(line: str, heading: bool) -> None:
    text = "Title of the piece\n\n" + line
    assert is_heading(text, Span(text.index(line), len(text))) is heading
    assert is_heading(line, Span(0, len(line)))  # the first line of an article stays its title


@pytest.mark.parametrize("text, expected", [
    # a single newline inside a sentence is a hard wrap
    ('"We will not raise\ntaxes this year," said Ann Lee.', ['"We will not raise\ntaxes this year," said Ann Lee.']),
    ("The minister, speaking in a long sentence that runs past the margin,\nThen went on.",
     ["The minister, speaking in a long sentence that runs past the margin,\nThen went on."]),
    # a whole block of lines of one width is one wrapped paragraph, even where a line ends a sentence
    ("The talks ran late into the night and no one would say more.\nOfficials left the building at dawn, tired and\n"
     "silent, and the mayor said the city would wait for news.", None),
    # negatives: headings, bylines, list items, and a paragraph a line stay apart
    ("Iraq’s Role and Regional Coordination\nThe transfer was completed on Friday.",
     ["Iraq’s Role and Regional Coordination", "The transfer was completed on Friday."]),
    ("Ahmed Kamel – Egypt Daily News\nThe United States military has announced it.",
     ["Ahmed Kamel – Egypt Daily News", "The United States military has announced it."]),
    ("The budget will:\n - raise the income-tax threshold\n - expand the service tax net",
     ["The budget will:", "- raise the income-tax threshold", "- expand the service tax net"]),
    ("First paragraph ends here.\nSecond paragraph starts here and is a different length altogether, much longer.",
     ["First paragraph ends here.", "Second paragraph starts here and is a different length altogether, much longer."]),
    ("One.\n\nTwo.", ["One.", "Two."]),
])
def test_paragraphs_join_hard_wraps_only(text: str, expected: list[str] | None) -> None:
    got = [text[p.start:p.end] for p in paragraphs(text)]
    assert got == (expected if expected is not None else [text])


def _contexts() -> list[str]:
    """Every candidate sentence end's context in the dev corpora, the seeds and a slice of BBC."""
    from pathlib import Path

    from .conftest import SEEDS, need_shared

    paths = [*SEEDS.glob("*.txt"), *need_shared("polnear", "dev", "docs").glob("*.txt"),
             *need_shared("style-dev", "docs").glob("*.txt"),
             *sorted(Path(need_shared("corpus", "bbc")).rglob("*.txt"))[::8]]
    tok = tokenizer()
    out = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        for para in paragraphs(text):
            out += [c for _m, c in tok._match_potential_end_contexts(text[para.start:para.end])]
    return out


def test_punkts_remembered_verdicts_are_punkts_own() -> None:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from quotes.split import CachedPunkt

    contexts = _contexts()
    assert len(contexts) > 5000
    params = tokenizer()._params
    ours, theirs = CachedPunkt(params), PunktSentenceTokenizer(params)
    verdicts = [ours.text_contains_sentbreak(c) for c in contexts]
    assert verdicts == [theirs.text_contains_sentbreak(c) for c in contexts]
    assert len(ours._verdicts) < len(set(contexts)) / 2  # contexts shared verdicts
    assert sum(verdicts) > 1000 and sum(not v for v in verdicts) > 100  # both answers were tested


def test_sentences_are_punkts_own() -> None:
    """Every paragraph of the dev corpora, the seeds and an eighth of BBC, split as NLTK's
    Punkt splits it (the one-sentence shortcut and the remembered verdicts included)."""
    from pathlib import Path

    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from .conftest import SEEDS, need_shared

    punkt = PunktSentenceTokenizer(tokenizer()._params)
    paths = [*SEEDS.glob("*.txt"), *need_shared("polnear", "dev", "docs").glob("*.txt"),
             *need_shared("style-dev", "docs").glob("*.txt"),
             *sorted(Path(need_shared("corpus", "bbc")).rglob("*.txt"))[::8]]
    single = n = 0
    for p in paths:
        text = p.read_text(encoding="utf-8")
        for para in paragraphs(text):
            ours = sentences(text, para)
            theirs = [Span(para.start + s, para.start + e) for s, e in punkt.span_tokenize(text[para.start:para.end])]
            assert ours == theirs, text[para.start:para.end]
            n += 1
            single += len(ours) == 1
    assert n > 2000 and n / 4 < single < n  # both paths were taken
