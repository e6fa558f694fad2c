"""Speakers across articles: merging the per-article speakers an index holds. Pure functions.

Each quote record carries its article's canonical speaker name, type, title, role and the
aliases the article used; ``merge_speakers`` folds them into one ``Speaker`` per entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..models import Speaker


def merge_speakers(records: Iterable[dict[str, Any]]) -> list[Speaker]:
    """Every speaker of ``records`` (stored quote fields), merged, most quoted first.

    Notes:
        Speakers merge by canonical name; a person named by surname alone in some article
        joins the one person of that surname with a full name, when there is exactly one
        (two different people of one surname stay apart).
    """
    groups: dict[str, dict[str, Any]] = {}
    for d in records:
        name = d.get("speaker")
        if not name:
            continue
        g = groups.setdefault(name, {"type": d.get("speaker_type") or "unknown", "title": None,
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
    out = [Speaker(name=n, type=g["type"], title=g["title"], roles=tuple(g["roles"]),
                   aliases=tuple(g["aliases"]), quotes=g["quotes"], articles=tuple(g["articles"]))
           for n, g in groups.items()]
    out.sort(key=lambda sp: (-sp.quotes, sp.name))
    return out


def _join_surnames(groups: dict[str, dict[str, Any]]) -> None:
    """"Lambert" alone joins "Kevin Lambert" when he is the only person of that surname."""
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name, g in groups.items():
        if g["type"] == "person" and len(name.split()) > 1:
            by_surname[name.split()[-1].lower()].append(name)
    for name in list(groups):
        g = groups[name]
        if len(name.split()) == 1 and g["type"] in ("person", "unknown"):
            full = by_surname.get(name.lower(), [])
            if len(full) == 1:
                tgt = groups[full[0]]
                tgt["quotes"] += g["quotes"]
                tgt["roles"] += [r for r in g["roles"] if r not in tgt["roles"]]
                tgt["aliases"] += [a for a in g["aliases"] + [name] if a not in tgt["aliases"]]
                tgt["articles"] += [a for a in g["articles"] if a not in tgt["articles"]]
                del groups[name]
