"""The extraction pipeline: article text in, attributed ``Quote`` records out."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from .attribution import Candidate, attribute_frames
from .attribution.marked import SpanScorer
from .attribution.entity_types import EntityTyper
from .attribution.speakers import Entity, Registry
from .detect import frames, narrative
from .learned import default_entity_model, default_model
from .models import Article, Quote

log = logging.getLogger(__name__)


def extract(text: str, doc: str = "doc", article: Article | None = None,
            spans: SpanScorer | Literal["default"] | None = "default",
            entities: EntityTyper | Literal["default"] | None = "default") -> list[Quote]:
    """Find every quote in an article's text and attribute it.

    Args:
        text: The article text. Offsets of the result index this string.
        doc: The article's id, copied into each quote.
        article: The article ``text`` belongs to, whose title, outlet and date each quote
            carries (optional).
        spans: What decides which quote-marked spans no cue took are quotes: the shipped
            model (``"default"``, see ``learned``), another ``learned.SpanModel``, or None
            for the rules alone.
        entities: What tells a person's name from another's (a body, a place, a work): the
            shipped entity-type model (``"default"``, see ``learned.entities``), another
            ``EntityModel``, or None for the rules alone.

    Returns:
        Quotes in text order; for each, ``text[q.start:q.end] == q.text``.

    Notes:
        Paragraphs → Punkt sentences → frames merged across quote marks; cue-bound sieves per
        frame, continuation sieves for quote-only frames, then per-article speaker resolution
        (see ``attribution.SIEVES`` for the order).
    """
    fr = frames(text)
    narratives = [narrative(text, f) for f in fr]  # tokenized once, read by every stage
    scorer = default_model() if spans == "default" else spans
    cands = attribute_frames(text, fr, narratives, scorer)
    if not cands:
        return []  # the article's names only ever serve its quotes' speakers
    reg = Registry(default_entity_model() if entities == "default" else entities)
    reg.scan(text, fr, narratives)
    # every mention first, then the records: a role the article gives late in the text
    # ("…,” said the six-time world champion) belongs on the speaker's earlier quotes too
    ents = [reg.resolve(c.mention) for c in cands]
    return [_record(text, doc, c, ent, article) for c, ent in zip(cands, ents)]


def extract_article(article: Article, spans: SpanScorer | Literal["default"] | None = "default",
                    entities: EntityTyper | Literal["default"] | None = "default") -> list[Quote]:
    """``extract`` over an ``Article``, with its id as ``doc`` and its metadata on each quote."""
    return extract(article.text, doc=article.id, article=article, spans=spans, entities=entities)


def extract_file(path: str | Path) -> list[Quote]:
    """Read one article file (see ``read.read_file``) and extract its quotes."""
    from .read import read_file

    return extract_article(read_file(path))


def _record(text: str, doc: str, c: Candidate, ent: Entity | None, article: Article | None) -> Quote:
    m = c.mention
    if ent is not None:
        speaker, stype = ent.name, ent.type
        # a body or a collective has no role of its own ("a spokesman for X" is X speaking)
        role, title = (ent.role, ent.title) if ent.type in ("person", "unknown") else (None, None)
    else:
        speaker, stype, role, title = None, "unknown", None, None
    conf = c.confidence
    if m is not None and m.kind == "pronoun" and ent is not None:
        conf = round(min(conf, 0.75), 2)
    if m is not None and ent is None:
        conf = round(conf * 0.5, 2)
    return Quote(
        doc=doc,
        article_title=article.title if article else None,
        outlet=article.outlet if article else None,
        date=article.date if article else None,
        start=c.start,
        end=c.end,
        text=text[c.start:c.end],
        kind=c.kind,
        speaker=speaker,
        speaker_type=stype,
        mention=text[m.start:m.end] if m else None,
        mention_start=m.start if m else None,
        mention_end=m.end if m else None,
        role=role,
        title=title,
        cue=c.cue,
        sieve=c.sieve,
        confidence=conf,
        sentence=context(text, c.frame.start, c.frame.end, c.start, c.end),
    )


#: Characters of the sentence kept on each side of a quote. A run-on "sentence" (a 1 MB line
#: with no full stop) would otherwise be copied into every quote found in it: output grew with
#: the square of its length (8 GB of JSONL from one 1 MB line).
CONTEXT_CHARS = 400


def context(text: str, lo: int, hi: int, start: int, end: int, margin: int = CONTEXT_CHARS) -> str:
    """The sentence ``text[lo:hi]`` around the quote ``[start, end)``, at most ``margin``
    characters on each side of it, cut at word boundaries and marked with "…" where cut."""
    a = max(lo, min(start, end) - margin)
    b = min(hi, max(start, end) + margin)
    if a > lo:
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else a
    if b < hi:
        space = text.rfind(" ", end, b)
        b = space if space != -1 else b
    return ("… " if a > lo else "") + text[a:b] + (" …" if b < hi else "")
