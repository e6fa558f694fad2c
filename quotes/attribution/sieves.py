"""The attribution policy: every sieve, in the order it is tried, with its confidence.

Two lists, each walked in order until a rule decides: ``CUE_SIEVES`` for each cue of a frame
(``frame.analyse_frame``), ``PARAGRAPH_SIEVES`` for a frame that is only a quoted passage
(``continuation.attribute_frames``). The confidence is recorded on every quote the sieve
attributes. ``SIEVES`` maps every name to its confidence, in that order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import cue_rules, paragraph_rules
from .records import SieveName


@dataclass(frozen=True)
class Sieve:
    """One rule of the policy: its name (recorded on each quote), confidence and function."""

    name: SieveName
    confidence: float
    rule: Callable[..., Any]
    pattern: str


CUE_SIEVES: tuple[Sieve, ...] = (
    Sieve("according_to", 0.85, cue_rules.according_to, "according to X, …  /  …, according to X"),
    Sieve("participle_cue", 0.8, cue_rules.participle_cue, "X said …, adding that …"),
    Sieve("cue_inverted", 0.9, cue_rules.inverted_after_quote, "“…,” said X"),
    # never on a quote: the cue is dropped, its words stay in the outer report
    Sieve("nested", 0.0, cue_rules.nested, "X said Y told him that …"),
    Sieve("cue_subject", 0.9, cue_rules.cue_subject, "X said (that) …  /  “…,” X said"),
    Sieve("conjoined_cue", 0.85, cue_rules.conjoined_cue, "X acknowledged that …, but insisted that …"),
    Sieve("cue_inverted", 0.9, cue_rules.inverted_fallback, "said X (no subject on the left)"),
)

PARAGRAPH_SIEVES: tuple[Sieve, ...] = (
    Sieve("dash_byline", 0.75, paragraph_rules.dash_byline, "“…” — X"),
    Sieve("same_paragraph", 0.8, paragraph_rules.same_paragraph, "“A,” X said. “B.”"),
    Sieve("multi_paragraph", 0.8, paragraph_rules.multi_paragraph, "“A … ¶ “B …”  (the first never closed)"),
    Sieve("colon_lead_in", 0.8, paragraph_rules.colon_lead_in, "X said: ¶ “…”"),
    Sieve("previous_paragraph", 0.6, paragraph_rules.previous_paragraph, "¶ “…” after a paragraph quoting X"),
    Sieve("unattributed", 0.2, paragraph_rules.unattributed, "a quoted paragraph with no speaker in reach"),
)

#: Every sieve's confidence, in the order they are tried; a quote-marked span no cue took
#: (``marked``) carries its model's probability instead.
SIEVES: dict[str, float] = {**{s.name: s.confidence for s in CUE_SIEVES + PARAGRAPH_SIEVES}, "marked_span": 0.5}
