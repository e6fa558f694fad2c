"""The extraction pipeline: article text in, attributed ``Quote`` records out."""

from __future__ import annotations

import logging
from pathlib import Path

from .attribute import (
    SIEVES,
    Candidate,
    Mention,
    analyse_frame,
    find_cues,
    lead_in_colon,
    quote_only,
    scan_left,
    with_mention,
)
from .detect import Frame, frames, narrative
from .models import Article, Quote
from .speakers import Entity, Registry
from .tokens import Tok

log = logging.getLogger(__name__)


def extract(text: str, doc: str = "doc", article: Article | None = None) -> list[Quote]:
    """Find every quote in an article's text and attribute it.

    Args:
        text: The article text. Offsets of the result index this string.
        doc: The article's id, copied into each quote.
        article: The article ``text`` belongs to, whose title, outlet and date each quote
            carries (optional).

    Returns:
        Quotes in text order; for each, ``text[q.start:q.end] == q.text``.

    Notes:
        Paragraphs → Punkt sentences → frames merged across quote marks; cue-bound sieves per
        frame, continuation sieves for quote-only frames, then per-article speaker resolution
        (see ``attribute.SIEVES`` for the order).
    """
    fr = frames(text)
    narratives = [narrative(text, f) for f in fr]  # tokenized once, read by every stage
    cands = _attribute_frames(text, fr, narratives)
    reg = Registry()
    reg.scan(text, fr, narratives)
    out: list[Quote] = []
    for c in cands:
        ent = reg.resolve(c.mention)
        out.append(_record(text, doc, c, ent, article))
    return out


def extract_article(article: Article) -> list[Quote]:
    """``extract`` over an ``Article``, with its id as ``doc`` and its metadata on each quote."""
    return extract(article.text, doc=article.id, article=article)


def extract_file(path: str | Path) -> list[Quote]:
    """Read one article file (see ``read.read_file``) and extract its quotes."""
    from .read import read_file

    return extract_article(read_file(path))


def _attribute_frames(text: str, fr: list[Frame], narratives: list[tuple[str, list[Tok]]]) -> list[Candidate]:
    """Cue-bound sieves on each frame, then the continuation sieves on quote-only frames."""
    out: list[Candidate] = []
    last_in_para: dict[int, Candidate] = {}
    prev_frame: Frame | None = None
    prev_para_last: Candidate | None = None  # last attributed quote of the previous paragraph
    unclosed_para: int | None = None  # paragraph whose last quote never closed
    lead_in: Mention | None = None
    cur_para = -1
    for f, (_, toks) in zip(fr, narratives):
        if f.paragraph != cur_para:
            if cur_para in last_in_para:
                prev_para_last = last_in_para[cur_para]
            elif cur_para >= 0 and f.paragraph - cur_para >= 1 and not _has_quote_in_para(fr, cur_para):
                # a paragraph of plain narrative between breaks the chain
                prev_para_last = None
            cur_para = f.paragraph
        found = analyse_frame(text, f, toks)
        if found:
            out.extend(found)
            attributed = [c for c in found if c.mention is not None]
            if attributed:
                last_in_para[f.paragraph] = attributed[-1]
        else:
            qo = quote_only(text, f)
            if qo is not None:
                q, signer = qo
                s, e = q.inner_start, q.inner_end
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                base = Candidate(s, e, "direct", f, None, None, None, "unattributed", SIEVES["unattributed"])
                if signer is not None:
                    c = with_mention(base, signer, "dash_byline")
                elif f.paragraph in last_in_para:
                    prev = last_in_para[f.paragraph]
                    c = with_mention(base, prev.mention, "same_paragraph")
                elif unclosed_para is not None and unclosed_para == f.paragraph - 1 and prev_para_last is not None:
                    c = with_mention(base, prev_para_last.mention, "multi_paragraph")
                elif lead_in is not None and prev_frame is not None and prev_frame.paragraph == f.paragraph - 1:
                    c = with_mention(base, lead_in, "colon_lead_in")
                elif prev_para_last is not None and prev_para_last.frame.paragraph == f.paragraph - 1:
                    c = with_mention(base, prev_para_last.mention, "previous_paragraph")
                else:
                    c = base
                if c.sieve in ("unattributed", "previous_paragraph") and len(text[s:e].split()) < 3:
                    continue  # a short quoted line far from any speaker is a title or a term
                out.append(c)
                if c.mention is not None:
                    last_in_para[f.paragraph] = c
            elif (f.paragraph in last_in_para and last_in_para[f.paragraph].frame is prev_frame
                  and _quotes_words(text, f) >= 4):
                # a sentence with no cue that quotes at length, right after the speaker's own
                # report in the same paragraph, goes on reporting them (mixed)
                prev = last_in_para[f.paragraph]
                s, e = f.start, f.end
                base = Candidate(s, e, "mixed", f, None, None, None, "unattributed", SIEVES["unattributed"])
                out.append(with_mention(base, prev.mention, "same_paragraph"))
        lead_in = _lead_in_mention(toks) if lead_in_colon(text, f) else None
        if f.quotes and not f.quotes[-1].closed:
            unclosed_para = f.paragraph
        elif f.paragraph != unclosed_para:
            unclosed_para = None if unclosed_para != f.paragraph - 1 else unclosed_para
        prev_frame = f
    return out


def _quotes_words(text: str, f: Frame) -> int:
    """Words inside the frame's closed quote marks."""
    return sum(len(text[q.inner_start:q.inner_end].split()) for q in f.quotes if q.closed)


def _has_quote_in_para(fr: list[Frame], para: int) -> bool:
    return any(f.quotes for f in fr if f.paragraph == para)


def _lead_in_mention(toks: list[Tok]) -> Mention | None:
    """The speaker of a frame that ends "X said:" and hands its quote to the next paragraph."""
    cues = find_cues(toks)
    if not cues:
        return None
    m, _ = scan_left(toks, cues[-1].i, 0)
    return m


def _record(text: str, doc: str, c: Candidate, ent: Entity | None, article: Article | None) -> Quote:
    m = c.mention
    if ent is not None:
        speaker, stype = ent.name, ent.type
        role, title = ent.role, ent.title
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
