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


@pytest.mark.parametrize("text, expected", [
    # Punkt breaks after a middle initial when the surname is also a common word
    ("In April 2009, Douglas J. Band, who led the initiative, emailed two aides. They answered.",
     ["In April 2009, Douglas J. Band, who led the initiative, emailed two aides.", "They answered."]),
    ("Critics of Michael J. Fox said nothing.", ["Critics of Michael J. Fox said nothing."]),
    # a real sentence end at a capital and a period: the next word often starts sentences
    ("Davis starred as Malcolm X. But the film was cut.", ["Davis starred as Malcolm X.", "But the film was cut."]),
])
def test_a_middle_initial_does_not_end_a_frame(text: str, expected: list[str]) -> None:
    assert [text[f.start:f.end] for f in frames(text)] == expected


def test_headings_give_no_frames() -> None:
    text = "Talks Resume In Geneva\nThe minister said the talks would resume."
    assert [text[f.start:f.end] for f in frames(text)] == ["The minister said the talks would resume."]


# -- single quotation marks, British style (#11) ---------------------------------------------------

@pytest.mark.parametrize("text, quoted", [
    ("'We will win,' the 24-year-old said.", ["We will win,"]),
    ("‘We will win,’ the 24-year-old said.", ["We will win,"]),
    ("'A,' she said. 'B.'", ["A,", "B."]),
    ("The coach said: 'They were tired. Sam's knee is sore.'", ["They were tired. Sam's knee is sore."]),
    ("'The players' union will meet,' he said. 'It is time.'", ["The players' union will meet,", "It is time."]),
    ("'It was the '90s,' she said. 'We danced.'", ["It was the '90s,", "We danced."]),
    ("'I love rock 'n' roll,' he said. 'Always.'", ["I love rock 'n' roll,", "Always."]),
    ("'He shouted \"stop\" at me,' she said. 'Twice.'", ['He shouted "stop" at me,', "Twice."]),
])
def test_single_marks_quote_in_british_style_and_apostrophes_do_not(text: str, quoted: list[str]) -> None:
    from quotes.detect import frames

    assert [text[q.inner_start:q.inner_end] for f in frames(text) for q in f.quotes] == quoted


@pytest.mark.parametrize("text, single", [
    ("'Yes,' he said. 'No,' she said.", True),
    ('"Yes," he said, calling it a \'good\' day. "No," she said.', False),  # singles nest in doubles
    ("Don't go, it's Sam's.", False),                                        # apostrophes only
    ("In the '90s and the '80s it was so.", False),                          # decades
])
def test_the_quote_style_is_judged_per_article(text: str, single: bool) -> None:
    from quotes.detect import quote_style

    assert quote_style(text) is single


def test_a_continuation_paragraph_in_single_marks_keeps_its_speaker() -> None:
    from quotes import extract

    text = ("Hamilton spoke on Tuesday, saying: 'I may not always get it right.\n\n"
            "'I am only human after all.'\n\nThe race was on Sunday.\n")
    found = extract(text)
    assert [q.speaker for q in found] == ["Hamilton", "Hamilton"]
    assert found[1].text == "I am only human after all."
