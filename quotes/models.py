"""The records that flow between the stages: small, frozen, in the field's own words.

Field order is part of the contract: it is the column order of CSV output and the key order
of JSON output.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

KINDS = ("direct", "mixed", "indirect")
SPEAKER_TYPES = ("person", "organization", "unknown")


@dataclass(frozen=True)
class Article:
    """One news article: its text plus what the text says about itself.

    Attributes:
        id: Stable identifier (the file name for files, the given id for JSONL/CSV rows).
        text: The decoded article text; every offset in the package indexes this string.
        title: Headline, where the text gives one.
        byline: Author line ("Ahmed Kamel – Egypt Daily News"), where present.
        outlet: Publisher, from the byline or the input row.
        date: ISO date (YYYY-MM-DD), where the text or the input row gives one.
        path: The file it was read from, if any.
    """

    id: str
    text: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    date: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Span:
    """A half-open character span ``[start, end)`` into an article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """One quotation (direct, mixed or indirect) with its attribution.

    Attributes:
        doc: Article id.
        start: Offset of the quote's content in the article text.
        end: Offset one past its end; ``article.text[start:end] == text``.
        text: The content as written (direct quotes without their outer marks).
        kind: ``direct``, ``mixed`` or ``indirect``.
        speaker: Canonical speaker name ("Brad Cooper", "US Central Command"), or None.
        speaker_type: ``person``, ``organization`` or ``unknown``.
        mention: The words the cue attaches to ("He", "Cooper", "the ministry").
        mention_start: Offset of the mention, or None when the quote is an unmarked continuation.
        mention_end: Offset one past the mention.
        role: The speaker's role as written in the article ("commander of US Central Command").
        title: Honorific or rank before the name ("Adm.", "Maj. Gen.").
        cue: The cue ("said", "told", "according to"); None for an unmarked continuation.
        sieve: Name of the attribution rule that decided the speaker.
        confidence: In [0, 1]: how sure that rule is.
        sentence: The sentence (or sentences) the quote stands in, for context.
    """

    doc: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_type: str
    mention: str | None
    mention_start: int | None
    mention_end: int | None
    role: str | None
    title: str | None
    cue: str | None
    sieve: str
    confidence: float
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict, keys in field order."""
        return asdict(self)

    @classmethod
    def field_names(cls) -> list[str]:
        """Field names in their fixed order."""
        return [f.name for f in fields(cls)]


@dataclass(frozen=True)
class Speaker:
    """A speaker resolved across mentions (one article) or articles (an index).

    Attributes:
        name: Canonical name, without title ("Brad Cooper").
        type: ``person``, ``organization`` or ``unknown``.
        title: Honorific or rank, if any ("Adm.").
        roles: Roles as written, most informative first.
        aliases: Every way the speaker was named ("Cooper", "Adm. Brad Cooper", "CENTCOM").
        quotes: Number of quotes attributed.
        articles: Ids of the articles they are quoted in.
    """

    name: str
    type: str
    title: str | None = None
    roles: tuple[str, ...] = field(default_factory=tuple)
    aliases: tuple[str, ...] = field(default_factory=tuple)
    quotes: int = 0
    articles: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict, tuples as lists."""
        d = asdict(self)
        for k in ("roles", "aliases", "articles"):
            d[k] = list(d[k])
        return d
