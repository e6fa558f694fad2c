"""The records attribution passes between its steps: mentions, cues and candidate quotes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..detect import Frame

#: What a mention is: a name, a pronoun, a common noun ("the ministry" is ``org``), a relative
#: pronoun ("who") standing for an antecedent.
MentionKind = Literal["name", "pronoun", "generic", "org", "relative"]
#: How a cue reports: a verb ("said"), a participle after a report ("…, adding"), "according
#: to", or an evaluative verb with quoted words ("called it “absurd”").
CueForm = Literal["verb", "participle", "according", "evaluative"]
QuoteKind = Literal["direct", "mixed", "indirect"]
SieveName = Literal["according_to", "participle_cue", "cue_inverted", "nested", "cue_subject", "conjoined_cue",
                    "dash_byline", "same_paragraph", "multi_paragraph", "colon_lead_in", "previous_paragraph",
                    "unattributed", "marked_span"]


@dataclass(frozen=True)
class Mention:
    """The words a cue attaches to: a name, a pronoun, an organisation or a common noun."""

    start: int
    end: int
    text: str
    kind: MentionKind
    role: str | None = None  # appositive or pre-name role, as written
    alias: str | None = None  # a parenthesised acronym right after the name ("CENTCOM")
    antecedent: Mention | None = None  # for 'who': the noun phrase it stands for


@dataclass(frozen=True)
class Candidate:
    """A quote found in a frame, before speaker resolution."""

    start: int
    end: int
    kind: QuoteKind
    frame: Frame
    cue: str | None
    cue_start: int | None
    mention: Mention | None
    sieve: SieveName
    confidence: float


@dataclass
class Cue:
    """A cue in a frame's tokens, and what the sieves decided for it."""

    i: int  # index of the cue's first token
    j: int  # index one past its last token
    word: str
    form: CueForm
    mention: Mention | None = None
    sieve: SieveName = "cue_subject"
    left_bound: int = 0  # token index where this cue's own clause material starts
    right_start: int = 0  # token index where content after the cue starts
