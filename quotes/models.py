"""The records that flow between the stages: small, frozen, in the field's own words.

Field order is part of the contract: it is the column order of CSV output and the key order
of JSON output.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

KINDS = ("direct", "mixed", "indirect")
#: ``group``: a collective or unnamed source ("analysts", "critics", "the report"): on the quote,
#: but no named entity: never merged across articles, not listed as a speaker by default.
SPEAKER_TYPES = ("person", "organization", "group", "unknown")


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
        path: The file it was read from, if any (for a JSONL/CSV row: the table's file).
        key: What the index keys it by, unique per source: the file's absolute path, or
            ``<table's absolute path>#<row id>`` for a row. None: ``path``, else ``id``.
    """

    id: str
    text: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    date: str | None = None
    path: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class Span:
    """A half-open character span ``[start, end)`` into an article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """One quotation (direct, mixed or indirect) with its attribution.

    The field order is the column order of every CSV the package writes (a quote sheet reads
    left to right: who, in what role, said what, where).

    Attributes:
        speaker: Canonical speaker name ("Brad Cooper", "US Central Command"), or None.
        role: The speaker's role as the article gives it ("commander of US Central Command").
        text: The content as written (direct quotes without their outer marks).
        kind: ``direct``, ``mixed`` or ``indirect``.
        cue: The cue ("said", "told", "according to"); None for an unmarked continuation.
        doc: Article id (the file name for files).
        article_title: The article's headline, where known.
        outlet: The article's publisher, where known.
        date: The article's date (YYYY-MM-DD), where known.
        sentence: The sentence (or sentences) the quote stands in, for context.
        confidence: In [0, 1]: how sure the deciding rule is.
        speaker_type: ``person``, ``organization``, ``group`` (a collective or unnamed source) or
            ``unknown``.
        title: Honorific or rank before the name ("Adm.", "Maj. Gen.").
        mention: The words the cue attaches to ("He", "Cooper", "the ministry").
        mention_start: Offset of the mention, or None when no words name the speaker.
        mention_end: Offset one past the mention.
        start: Offset of the content in the article text.
        end: Offset one past its end; ``article.text[start:end] == text``.
        sieve: Name of the attribution rule that decided the speaker.
    """

    speaker: str | None
    role: str | None
    text: str
    kind: str
    cue: str | None
    doc: str
    article_title: str | None
    outlet: str | None
    date: str | None
    sentence: str
    confidence: float
    speaker_type: str
    title: str | None
    mention: str | None
    mention_start: int | None
    mention_end: int | None
    start: int
    end: int
    sieve: str

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict, keys in field order.

        Notes:
            A copy of the instance dict (fields are set in field order, and are all scalars):
            ``dataclasses.asdict`` deep-copies every value and cost a tenth of ``quotes
            extract``'s time.
        """
        return dict(self.__dict__)

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
