"""The continuation sieves: the speaker of a frame that is only a quoted passage.

Each rule reads the ``ParagraphState`` (what earlier frames of the article attributed) and
returns the mention the passage continues, or None when it does not apply; ``sieves``
lists them in the order they are tried.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..detect import Frame
from .records import Candidate, Mention


@dataclass
class ParagraphState:
    """What the frames before the current one left for the continuation sieves."""

    last_in_para: dict[int, Candidate] = field(default_factory=dict)  # last attributed quote per paragraph
    prev_frame: Frame | None = None
    prev_para_last: Candidate | None = None  # last attributed quote of the previous paragraph
    unclosed_para: int | None = None  # paragraph whose last quote never closed
    lead_in: Mention | None = None  # "X said:" ending the previous frame
    paragraph: int = -1


def dash_byline(state: ParagraphState, frame: Frame, signer: Mention | None) -> Mention | None:
    """"“…” — X": the passage is signed."""
    return signer


def same_paragraph(state: ParagraphState, frame: Frame, signer: Mention | None) -> Mention | None:
    """"“A,” X said. “B.”": the last speaker of the same paragraph goes on."""
    prev = state.last_in_para.get(frame.paragraph)
    return prev.mention if prev is not None else None


def multi_paragraph(state: ParagraphState, frame: Frame, signer: Mention | None) -> Mention | None:
    """"“A … ¶ “B …”": the previous paragraph's quote never closed, so this one continues it."""
    if state.unclosed_para is not None and state.unclosed_para == frame.paragraph - 1 and state.prev_para_last is not None:
        return state.prev_para_last.mention
    return None


def colon_lead_in(state: ParagraphState, frame: Frame, signer: Mention | None) -> Mention | None:
    """"X said: ¶ “…”": the previous paragraph ended introducing this one."""
    prev = state.prev_frame
    if state.lead_in is not None and prev is not None and prev.paragraph == frame.paragraph - 1:
        return state.lead_in
    return None


def previous_paragraph(state: ParagraphState, frame: Frame, signer: Mention | None) -> Mention | None:
    """"¶ “…”" right after a paragraph that quotes X."""
    last = state.prev_para_last
    if last is not None and last.frame.paragraph == frame.paragraph - 1:
        return last.mention
    return None


def unattributed(state: ParagraphState, frame: Frame, signer: Mention | None) -> Mention | None:
    """No speaker in reach: the passage is kept without one (the default, listed last)."""
    return None
