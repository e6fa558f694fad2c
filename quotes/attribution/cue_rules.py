"""The cue-bound sieves: for one cue of a frame, who speaks and where its clause lies.

Each rule reads a ``CueContext`` and returns a ``Decision``, or None when it does not apply;
``sieves.CUE_SIEVES`` lists them in the order they are tried, and the first that decides wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..detect import MASK_CLOSE
from ..lexicon import (
    AUXILIARIES,
    SPEECH_FORMS,
    TIME_WORDS,
)
from ..tokens import Tok
from .content import content_start_after_cue
from .phrases import (
    according_phrase,
    frame_subject,
    scan_right,
)
from .records import Cue, Mention
from .subjects import (
    scan_left,
)


@dataclass(slots=True)
class CueContext:
    """What a cue-bound rule may read: the frame's tokens, its cues, the cue at hand, and the
    speaker of the cues before it."""

    toks: list[Tok]
    cues: list[Cue]
    ci: int
    prev_speaker: Mention | None
    _left: tuple[Mention | None, int] | None = field(default=None, repr=False)

    @property
    def cue(self) -> Cue:
        return self.cues[self.ci]

    @property
    def lo(self) -> int:
        """Where this cue's clause may start: just after the previous cue."""
        return self.cues[self.ci - 1].j if self.ci else 0

    @property
    def n(self) -> int:
        return len(self.toks)

    def left(self) -> tuple[Mention | None, int]:
        """The subject on the cue's left and the token it starts at (computed once)."""
        if self._left is None:
            self._left = scan_left(self.toks, self.cue.i, self.lo)
        return self._left

    def content_after(self) -> int:
        """Where the content after the cue starts (past objects, adverbials and "that")."""
        cue = self.cue
        return content_start_after_cue(self.toks, cue.j, self.n, SPEECH_FORMS.get(cue.word.lower()))


@dataclass(frozen=True, slots=True)
class Decision:
    """A rule's verdict on a cue.

    Attributes:
        mention: The speaker mention (None: the cue reports, but no speaker is in reach).
        left_bound: Token index where the cue's own clause starts.
        right_start: Token index where its content after the cue starts.
        keep: False drops the cue (a report inside another report).
        carries: Whether the mention becomes the speaker later cues of the frame refer back to.
    """

    mention: Mention | None
    left_bound: int
    right_start: int
    keep: bool = True
    carries: bool = True


def according_to(ctx: CueContext) -> Decision | None:
    """"according to X, …" / "…, according to X": the source follows the cue."""
    cue, toks = ctx.cue, ctx.toks
    if cue.form != "according":
        return None
    m, after = scan_right(toks, cue.j, ctx.n)
    if m is None:
        m, after = according_phrase(toks, cue.j, ctx.n)
    left_bound = cue.i - 1 if cue.i > 0 and toks[cue.i - 1].text == "," else cue.i
    return Decision(m, left_bound, after, carries=False)


def participle_cue(ctx: CueContext) -> Decision | None:
    """"X said …, adding that …": the participle's speaker is the last one, or the frame's subject."""
    cue, toks = ctx.cue, ctx.toks
    if cue.form != "participle":
        return None
    m = ctx.prev_speaker or frame_subject(toks, 0, cue.i)
    left_bound = cue.i - 1 if cue.i and toks[cue.i - 1].low in (",", "and", "—", "–") else cue.i
    return Decision(m, left_bound, ctx.content_after())


def _tells(cue: Cue) -> bool:
    """"told": the noun phrase after it is who was told, never who spoke."""
    return SPEECH_FORMS.get(cue.word.lower()) == "tell"


def inverted_after_quote(ctx: CueContext) -> Decision | None:
    """"“…,” said X" / "…, said X": a cue opening the clause, its speaker after it."""
    cue, toks = ctx.cue, ctx.toks
    before = toks[cue.i - 1].low if cue.i > 0 else ""
    if not (cue.i == 0 or before in (",", MASK_CLOSE)) or _tells(cue):
        return None
    m, after = scan_right(toks, cue.j, ctx.n)
    return Decision(m, cue.i, after) if m is not None else None


def nested(ctx: CueContext) -> Decision | None:
    """"Lynch said she recalled …": a report whose subject opens the previous cue's content is
    part of that content, not a quote of its own; the cue is dropped."""
    m, start_k = ctx.left()
    prev = ctx.cues[ctx.ci - 1] if ctx.ci else None
    if m is None or prev is None or prev.mention is None or prev.form == "according" or prev.right_start != start_k:
        return None
    return Decision(None, start_k, ctx.content_after(), keep=False, carries=False)


def cue_subject(ctx: CueContext) -> Decision | None:
    """"X said (that) …" / "“…,” X said": the subject on the cue's left."""
    m, start_k = ctx.left()
    return Decision(m, start_k, ctx.content_after()) if m is not None else None


def conjoined_cue(ctx: CueContext) -> Decision | None:
    """"X acknowledged that …, but insisted that …": a cue joined to an earlier verb of the
    same subject."""
    cue, toks, lo = ctx.cue, ctx.toks, ctx.lo
    joined = conjoined_at(toks, cue.i, lo)
    if joined is None:
        return None
    m = ctx.prev_speaker or frame_subject(toks, 0, cue.i)
    if m is None:
        return None
    left_bound = joined
    while left_bound > lo and toks[left_bound - 1].low in (",", "and", "but"):
        left_bound -= 1
    return Decision(m, left_bound, ctx.content_after())


def inverted_fallback(ctx: CueContext) -> Decision:
    """No subject on the left: the noun phrase after the cue, if any ("said X"; never "told X")."""
    cue = ctx.cue
    m, after = scan_right(ctx.toks, cue.j, ctx.n) if not _tells(cue) else (None, cue.j)
    return Decision(m, cue.i, after if m is not None else ctx.content_after())


def conjoined_at(toks: list[Tok], cue_i: int, lo: int) -> int | None:
    """Index of the "and"/"but"/"," that joins a cue to an earlier verb of the same subject.

    "… and said", "…, but has since said", "… and later told": auxiliaries and adverbs may stand
    between the conjunction and the cue.
    """
    k = cue_i - 1
    while k > lo and (toks[k].low in AUXILIARIES or toks[k].low.endswith("ly") or toks[k].low in TIME_WORDS
                      or toks[k].low in ("since", "already")) \
            and toks[k].low not in ("and", "but", "that", "to", "who", "which"):
        k -= 1
    if k >= lo and k >= 0 and toks[k].low in ("and", "but", ",", "then", "also", "later"):
        return k
    return None
