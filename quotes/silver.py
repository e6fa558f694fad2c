"""CoreNLP's silver annotations of PolNeAR (``shared/polnear/*/silver.jsonl.gz``), read.

The format is in ``shared/polnear/README-silver.md``: per article, sentences of tokens
``[start, end, word, lemma, POS, NER]`` with offsets into the article's text. Training reads
them for examples, evaluation for held-out figures; neither the product nor extraction does.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path

_NER = {"PERSON": "person", "ORGANIZATION": "organization", "LOCATION": "location", "MISC": "misc"}


def silver_names(silver: str | os.PathLike[str], docs: str | os.PathLike[str]) -> Iterator[tuple[str, int, int, str]]:
    """(text, start, end, type) of every silver name in the articles of ``silver``.

    A name is a maximal run of tokens CoreNLP tagged PERSON, ORGANIZATION, LOCATION or MISC
    (``person``, ``organization``, ``location``, ``misc``), or a maximal run of capitalised
    tokens it tagged ``O`` (``other``), except a lone capital opening its sentence ("But").

    Args:
        silver: A ``silver.jsonl.gz`` (see ``shared/polnear/README-silver.md``).
        docs: The folder of the texts its offsets point into.
    """
    folder = Path(docs)
    with gzip.open(silver, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            path = folder / d["doc"]
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            for s in d["sentences"]:
                toks = s["tokens"]
                i = 0
                while i < len(toks):
                    tag = toks[i][5]
                    j = i + 1
                    if tag in _NER:
                        while j < len(toks) and toks[j][5] == tag:
                            j += 1
                        yield text, toks[i][0], toks[j - 1][1], _NER[tag]
                    elif toks[i][2][:1].isupper() and toks[i][2][1:2].islower() or toks[i][2].isupper() and len(toks[i][2]) > 1:
                        while j < len(toks) and toks[j][5] == "O" and toks[j][2][:1].isupper():
                            j += 1
                        if i > 0 or j - i > 1:  # a capital that only opens its sentence says nothing
                            yield text, toks[i][0], toks[j - 1][1], "other"
                    i = j
