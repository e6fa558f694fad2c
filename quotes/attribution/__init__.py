"""Attribution: which words of a frame report speech, what they report, and who says it.

Ordered sieves after Muzny et al. 2017 ("A Two-stage Sieve Approach for Quote Attribution"):
the cue-bound sieves run on each frame (``frame``), frames left without a cue go to the
continuation sieves (``continuation``), and ``speakers`` then resolves every mention to
an entity. ``sieves.SIEVES`` is the policy: every sieve in the order it is tried.

Modules: ``records`` (the records passed between steps), ``cues`` (verbs and phrases of speech),
``phrases`` (noun phrases: speaker mentions and roles), ``subjects`` (the subject on a cue's
left), ``names`` (a speaker phrase taken apart into name, title and role), ``content`` (what a
cue reports),
``frame`` (walks the cue sieves of ``cue_rules``), ``continuation`` (walks the paragraph sieves of
``paragraph_rules`` over an article), ``speakers`` (one entity per person or organisation).
"""

from .continuation import attribute_frames
from .cues import find_cues
from .frame import analyse_frame
from .records import Candidate, Cue, Mention
from .sieves import SIEVES

__all__ = ["SIEVES", "Candidate", "Cue", "Mention", "analyse_frame", "attribute_frames", "find_cues"]
