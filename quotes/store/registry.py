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
        g = groups.setdefault(key, {"name": name,"type": d.get("speaker_type") or "unknown", "title": None,
                                     "roles": [], "aliases": [], "quotes": 0, "articles": []})
        g["quotes"] += 1
        if d.get("title") and not g["title"]:
            g["title"] = d["title"]
        if d.get("role") and d["role"] not in g["roles"]:
            g["roles"].append(d["role"])
        for a in (d.get("aliases") or "").split(" | "):
            if a and a not in g["aliases"]:
                g["aliases"].append(a)
        if d["doc"] not in g["articles"]:
            g["articles"].append(d["doc"])
    _join_surnames(groups)
    out = [Speaker(name=g["name"], type=g["type"], title=g["title"], roles=tuple(g["roles"]),
                   aliases=tuple(g["aliases"]), quotes=g["quotes"], articles=tuple(g["articles"]))
           for g in groups.values()]
    out.sort(key=lambda sp: (-sp.quotes, sp.name))
    return out


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
        tgt["roles"] += [r for r in g["roles"] if r not in tgt["roles"]]
        tgt["aliases"] += [a for a in g["aliases"] + [g["name"]] if a not in tgt["aliases"]]
        tgt["articles"] += [a for a in g["articles"] if a not in tgt["articles"]]
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
