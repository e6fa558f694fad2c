from __future__ import annotations

import pytest

from quotes.detect import find_marks, frames, masked
from quotes.models import Span


def _quoted(text: str) -> list[str]:
    return [text[q.inner_start:q.inner_end] for q in find_marks(text, Span(0, len(text)))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We won,” she said.", ["We won,"]),
        ('"We won," she said.', ["We won,"]),
        ("''We won,'' Mr. Lee said.", ["We won,"]),
        ("He called it “a test” and “a trial.”", ["a test", "a trial."]),
        ("“It was ‘absurd,’ frankly,” he said.", ["It was ‘absurd,’ frankly,"]),
        ('She said "yes" and then "no."', ["yes", "no."]),
        ("No quotes here, it’s plain.", []),
    ],
)
def test_marks_pair(text: str, expected: list[str]) -> None:
    assert _quoted(text) == expected


def test_unclosed_mark_runs_to_paragraph_end() -> None:
    text = "“The first part of a long statement"
    (q,) = find_marks(text, Span(0, len(text)))
    assert not q.closed and q.inner_end == len(text)


def test_masked_keeps_offsets_and_blanks_quotes() -> None:
    text = "“They said yes,” he said."
    qs = find_marks(text, Span(0, len(text)))
    m = masked(text, Span(0, len(text)), qs)
    assert len(m) == len(text)
    assert "They" not in m and m.endswith("he said.")
    assert m.count("said") == 1


def test_frames_merge_sentences_inside_one_quote() -> None:
    text = "“This is one. This is two,” she said. “And three.”\n\nA new paragraph."
    fr = frames(text)
    assert [text[f.start:f.end] for f in fr] == [
        "“This is one. This is two,” she said.",
        "“And three.”",
        "A new paragraph.",
    ]
    assert fr[2].paragraph == 1


def test_headings_give_no_frames() -> None:
    text = "Talks Resume In Geneva\nThe minister said the talks would resume."
    assert [text[f.start:f.end] for f in frames(text)] == ["The minister said the talks would resume."]
