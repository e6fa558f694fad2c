"""Attribution: which words of a frame report speech, what they report, and who says it.

Ordered sieves after Muzny et al. 2017 ("A Two-stage Sieve Approach for Quote Attribution"):
the cue-bound sieves run on each frame (``frame``), frames left without a cue go to the
continuation sieves (``continuation``), and ``quotes.speakers`` then resolves every mention to
an entity. ``sieves.SIEVES`` is the policy: every sieve in the order it is tried.

Modules: ``records`` (the records passed between steps), ``cues`` (verbs and phrases of speech),
``phrases`` (noun phrases: speaker mentions and roles), ``content`` (what a cue reports),
``frame`` (the cue-bound sieves), ``continuation`` (the sieves for frames without a cue).
"""

from .continuation import attribute_frames
from .cues import find_cues
from .frame import analyse_frame
from .records import Candidate, Cue, Mention
from .sieves import SIEVES

__all__ = ["SIEVES", "Candidate", "Cue", "Mention", "analyse_frame", "attribute_frames", "find_cues"]
