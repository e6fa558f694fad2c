"""Speakers across articles: merging the per-article speakers an index holds. Pure functions.

Each quote record carries its article's canonical speaker name, type, title, role and the
aliases the article used; ``merge_speakers`` folds them into one ``Speaker`` per entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..models import Speaker


def merge_speakers(records: Iterable[dict[str, Any]], include_groups: bool = False) -> list[Speaker]:
    """Every speaker of ``records`` (stored quote fields), merged, most quoted first.

    Args:
        records: Stored quote records.
        include_groups: Also list ``group`` sources ("analysts", "the report"), one entry per
            article: a collective is no entity, so it is never merged across articles.

    Notes:
        Speakers merge by canonical name; a person named by surname alone in some article
        joins a person of that surname with a full name when the index has one clear owner
        for it (see ``_join_surnames``); two different people of one surname stay apart.
    """
    groups: dict[str, dict[str, Any]] = {}
    for d in records:
        name = d.get("speaker")
        if not name:
            continue
        if d.get("speaker_type") == "group":
            if not include_groups:
                continue
            key = f"{name}\x00{d['doc']}"  # one per article
        else:
            key = name
        g = groups.setdefault(key, {"name": name, "type": d.get("speaker_type") or "unknown", "title": None,
                                     "roles": {}, "aliases": {}, "quotes": 0, "articles": {}})
        g["quotes"] += 1
        at = (d.get("article") or "", d.get("start") or 0)  # where in the archive: ties go by reading order
        if d.get("title") and (not g["title"] or at < g["title"][0]):
            g["title"] = (at, d["title"])
        if d.get("role"):
            _tally(g["roles"], d["role"], at)
        for a in (d.get("aliases") or "").split(" | "):
            if a:
                _tally(g["aliases"], a, at)
        _tally(g["articles"], d["doc"], at)
    _join_surnames(groups)
    out = [Speaker(name=g["name"], type=g["type"], title=g["title"][1] if g["title"] else None,
                   roles=_ranked(g["roles"], fold=True), aliases=_ranked(g["aliases"]), quotes=g["quotes"],
                   articles=tuple(sorted(g["articles"], key=lambda k: g["articles"][k][1])))
           for g in groups.values()]
    out.sort(key=lambda sp: (-sp.quotes, sp.name))
    return out


def _tally(counts: dict[str, tuple[int, tuple[str, int]]], value: str, at: tuple[str, int], n: int = 1) -> None:
    """Count ``value`` and keep the earliest place it was seen."""
    old = counts.get(value)
    counts[value] = (n, at) if old is None else (old[0] + n, min(old[1], at))


def _ranked(counts: dict[str, tuple[int, tuple[str, int]]], fold: bool = False) -> tuple[str, ...]:
    """Values most used first; ties in reading order (article key, offset), so the answer is
    the same however the index's documents are laid out.

    Args:
        fold: Count values that differ only in case as one ("Prime Minister", "prime
            minister"), written as most of them write it.
    """
    order = sorted(counts, key=lambda v: (-counts[v][0], counts[v][1]))
    if not fold:
        return tuple(order)
    merged: dict[str, tuple[int, tuple[str, int], str]] = {}
    for v in order:  # the first of each case-folded group is its most used spelling
        n, at = counts[v]
        k = v.casefold()
        m = merged.get(k)
        merged[k] = (n, at, v) if m is None else (m[0] + n, min(m[1], at), m[2])
    return tuple(m[2] for m in sorted(merged.values(), key=lambda m: (-m[0], m[1])))


def _join_surnames(groups: dict[str, dict[str, Any]]) -> None:
    """A person named by surname alone ("Blair") joins the full name that clearly owns it.

    Notes:
        The owner is the only person with a full name of that surname, or one who holds at
        least 90 % of their quotes and five times the next ("Tony Blair" 263, "Ian Blair" 5).
        The full names themselves never merge: Ian Blair and Tony Blair stay apart.
    """
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key, g in groups.items():
        if g["type"] == "person" and len(g["name"].split()) > 1:
            by_surname[g["name"].split()[-1].lower()].append(key)
    for key in list(groups):
        g = groups[key]
        if len(g["name"].split()) != 1 or g["type"] not in ("person", "unknown"):
            continue
        owner = _owner(by_surname.get(g["name"].lower(), []), groups)
        if owner is None:
            continue
        tgt = groups[owner]
        tgt["quotes"] += g["quotes"]
        for field in ("roles", "aliases", "articles"):
            for value, (n, at) in g[field].items():
                _tally(tgt[field], value, at, n)
        first = min((at for _n, at in g["articles"].values()), default=("", 0))
        _tally(tgt["aliases"], g["name"], first, 0)  # the bare surname is one of the names, never the first
        del groups[key]


def _owner(candidates: list[str], groups: dict[str, dict[str, Any]]) -> str | None:
    """The one full name a bare surname belongs to, if one clearly does."""
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda k: -groups[k]["quotes"])
    top, nxt = groups[ranked[0]]["quotes"], groups[ranked[1]]["quotes"]
    total = sum(groups[k]["quotes"] for k in candidates)
    return ranked[0] if top >= 0.9 * total and top >= 5 * nxt else None
