"""The records attribution passes between its steps: mentions, cues and candidate quotes."""

from __future__ import annotations

from dataclasses import dataclass

from ..detect import Frame


@dataclass(frozen=True)
class Mention:
    """The words a cue attaches to: a name, a pronoun, an organisation or a common noun."""

    start: int
    end: int
    text: str
    kind: str  # 'name' | 'pronoun' | 'generic' | 'org'
    role: str | None = None  # appositive or pre-name role, as written
    alias: str | None = None  # a parenthesised acronym right after the name ("CENTCOM")
    antecedent: "Mention | None" = None  # for 'who': the noun phrase it stands for
@dataclass(frozen=True)
class Candidate:
    """A quote found in a frame, before speaker resolution."""

    start: int
    end: int
    kind: str
    frame: Frame
    cue: str | None
    cue_start: int | None
    mention: Mention | None
    sieve: str
    confidence: float
@dataclass
class Cue:
    i: int  # index of the cue's first token
    j: int  # index one past its last token
    word: str
    form: str  # 'verb' | 'participle' | 'according' | 'evaluative'
    mention: Mention | None = None
    sieve: str = "cue_subject"
    left_bound: int = 0  # token index where this cue's own clause material starts
    right_start: int = 0  # token index where content after the cue starts
