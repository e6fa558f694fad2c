"""What the index stores per quote and per article, whatever the engine: keys, hashes, fields.

Quotes are keyed ``<article key>#<start>-<end>``; an article's key is its file's absolute path,
or ``<table path>#<row id>`` for a JSONL/CSV row (``Article.key``). Each article also has a
marker record holding a hash of its content, so indexing the same content again changes nothing
and changed content replaces exactly that article's quotes.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..dates import day_number
from ..lexicon import PRONOUNS
from ..models import Article, Quote

log = logging.getLogger(__name__)

# pronouns and relatives name nobody: never an alias
_NOT_ALIASES = PRONOUNS | {"who", "which"}


def content_hash(text: str) -> str:
    """A stable fingerprint of an article's text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_key(article: Article) -> str:
    """The key an article is indexed under: ``article.key`` as the reader set it (a file's
    absolute path; a row's table path and id), else its path, else its id."""
    if article.key:
        return article.key
    return str(Path(article.path).resolve()) if article.path else article.id


def is_unchanged(article: Article, known: dict[str, str], seen: set[str]) -> bool:
    """Whether ``article`` is already indexed with this content, or was given before in this run."""
    key = article_key(article)
    if key in seen:
        return True  # the same article twice in one run
    seen.add(key)
    return known.get(key) == content_hash(article.text)


def aliases(quotes: list[Quote]) -> dict[str | None, str]:
    """Every name an article used for each speaker, joined with " | ".

    Notes:
        A person's mention counts only when it is their title and name ("Adm. Brad Cooper",
        "Cooper"): "Mr Brown's former adviser Ed Balls" must not answer ``--speaker Brown``.
        An organisation keeps every mention ("CENTCOM", "the command").
    """
    names: dict[str | None, list[str]] = defaultdict(list)
    for q in quotes:
        if q.mention and q.mention.lower() not in _NOT_ALIASES:
            mention: str | None = q.mention
            if q.speaker_type == "person" and q.speaker:
                own = set(re.findall(r"[\w’'.\-]+", f"{q.title or ''} {q.speaker}".lower()))
                if not set(re.findall(r"[\w’'.\-]+", q.mention.lower())) <= own | {"the"}:
                    mention = None
            for a in (mention, f"{q.title} {q.speaker}" if q.title and q.speaker else None):
                if a and a not in names[q.speaker]:
                    names[q.speaker].append(a)
    return {k: " | ".join(v) for k, v in names.items()}


def article_day(article: Article) -> int | None:
    """The day number of an article's date, or None (no date, or not a real one)."""
    if not article.date:
        return None
    try:
        return day_number(article.date)
    except ValueError:
        log.warning("%s: date %r is not YYYY-MM-DD; its quotes are indexed without a date", article.id, article.date)
        return None


def quote_records(article: Article, key: str, quotes: list[Quote]) -> list[dict[str, Any]]:
    """One record per quote: its ``Quote`` fields plus the article's and the index's own."""
    names = aliases(quotes)
    day = article_day(article)
    out = []
    for q in quotes:
        d: dict[str, Any] = {
            "id": f"{key}#{q.start}-{q.end}", "rtype": "quote", "article": key, "doc": q.doc,
            "text": q.text, "speaker": q.speaker or "", "speaker_id": (q.speaker or "").lower(),
            "aliases": names.get(q.speaker, ""), "speaker_type": q.speaker_type,
            "role": q.role or "", "title": q.title or "", "kind": q.kind, "cue": q.cue or "",
            "sieve": q.sieve, "confidence": float(q.confidence),
            "article_title": article.title or "", "outlet": article.outlet or "",
            "date_str": article.date, "start": q.start, "end": q.end, "mention": q.mention,
            "mention_start": q.mention_start, "mention_end": q.mention_end, "sentence": q.sentence,
        }
        if day is not None:
            d["date"] = day
        out.append(d)
    return out


def marker_record(article: Article, key: str, quotes: int) -> dict[str, Any]:
    """The article's marker: its key, content hash and quote count (so a repair can tell a whole
    article from one that lost quotes); it shares no searchable field with quotes."""
    return {"id": key, "rtype": "article", "marker": key, "hash": content_hash(article.text),
            "date_str": article.date, "nquotes": quotes}


def to_quote(d: dict[str, Any]) -> Quote:
    """The ``Quote`` a stored quote record holds."""
    return Quote(
        speaker=d.get("speaker") or None, role=d.get("role") or None, text=d["text"], kind=d["kind"],
        cue=d.get("cue") or None, doc=d["doc"], article_title=d.get("article_title") or None,
        outlet=d.get("outlet") or None, date=d.get("date_str"), sentence=d.get("sentence") or "",
        confidence=float(d.get("confidence", 0.0)), speaker_type=d.get("speaker_type") or "unknown",
        title=d.get("title") or None, mention=d.get("mention"), mention_start=d.get("mention_start"),
        mention_end=d.get("mention_end"), start=int(d["start"]), end=int(d["end"]), sieve=d.get("sieve") or "",
    )


def plan_batch(batch: list[tuple[Article, str, list[Quote]]], current: dict[str, str],
               counts: Any) -> list[tuple[Article, str, list[Quote], bool]]:
    """What a batch writes, whatever the engine: each changed or new article with whether it
    replaces an indexed one; unchanged articles (same key, same hash) are only counted.

    Args:
        batch: (article, key, quotes) triples.
        current: Key -> content hash of what the index holds now (read under the engine's
            write lock or in the same request); updated as the batch goes, so an article
            given twice is written once.
        counts: A ``backend.BatchCounts``, filled in.
    """
    out = []
    for article, key, quotes in batch:
        h = content_hash(article.text)
        if current.get(key) == h:
            counts.unchanged += 1
            continue
        replaces = key in current
        if replaces:
            counts.replaced += 1
        else:
            counts.added += 1
        out.append((article, key, quotes, replaces))
        current[key] = h
        counts.written[key] = h
        counts.quotes += len(quotes)
    return out
