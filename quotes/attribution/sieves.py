"""The attribution policy: every sieve, in the order it is tried, with its confidence."""

from __future__ import annotations




# The attribution policy at a glance: sieve name -> confidence, in the order they are tried.
SIEVES: dict[str, float] = {
    "cue_subject": 0.9,       # X said (that) …  /  “…,” X said
    "cue_inverted": 0.9,      # “…,” said X
    "according_to": 0.85,     # according to X, …  /  …, according to X
    "conjoined_cue": 0.85,    # X acknowledged that …, but insisted that …
    "participle_cue": 0.8,    # X said …, adding that …
    "dash_byline": 0.75,      # “…” — X
    "colon_lead_in": 0.8,     # X said: ¶ “…”
    "same_paragraph": 0.8,    # “A,” X said. “B.”
    "multi_paragraph": 0.8,   # “A … ¶ “B …”  (the first paragraph's quote never closed)
    "previous_paragraph": 0.6,  # ¶ “…” right after a paragraph that quotes X
    "unattributed": 0.2,      # a quoted paragraph with no speaker in reach
}
