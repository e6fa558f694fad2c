"""Scoring extraction and attribution against hand-annotated gold.

Computes exactly what ``shared/tools/score_quotes.py`` computes (the tests check they agree):
spans match one-to-one, largest overlap first, when they overlap by at least half of the shorter;
a speaker is right by name, by surname, or by its mention overlapping the annotated source span.
On top, ``evaluate`` reports which sieve made each error.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import InputError
from .extract import extract_article
from .learned.entities import EntityModel, accuracy, default_entity_model
from .read import Skipped, iter_articles
from .silver import silver_names

_STOP = {"the", "of", "a", "an", "for", "and", "in", "on", "at", "to", "us", "u.s."}


def _norm(name: str | None) -> str:
    name = (name or "").replace("’", "'").replace("‘", "'").lower()
    name = re.sub(r"[^\w' ]+", " ", name)
    name = re.sub(r"^(the)\s+", "", name.strip())
    return " ".join(name.split())


def _words(text: str | None) -> list[str]:
    return [w for w in re.findall(r"[\w']+", (text or "").lower()) if w not in _STOP]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def speaker_ok(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Whether a predicted speaker is right for a gold quote (the scorer's rule)."""
    p = _norm(pred.get("speaker"))
    if gold.get("source_spans"):
        ms, me = pred.get("mention_start"), pred.get("mention_end")
        if ms is not None and me is not None and any(min(e, me) > max(s, ms) for s, e in gold["source_spans"]):
            return True
        src = set(_norm(" ".join(gold.get("speaker_aliases", []))).split())
        return bool(p) and set(p.split()) <= src
    if not p:
        return False
    names = {_norm(a) for a in gold.get("speaker_aliases", [])} | {_norm(gold["speaker"])}
    if p in names:
        return True
    if gold.get("speaker_type", "person") == "person":
        return p.split()[-1] == _norm(gold["speaker"]).split()[-1]
    return False


def role_ok(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Whether a predicted role matches the gold role (word-overlap F1 >= 0.5)."""
    g, p = _words(gold.get("role")), _words(pred.get("role"))
    if not g or not p:
        return False
    common = sum(min(g.count(w), p.count(w)) for w in set(g))
    return _f1(common / len(p), common / len(g)) >= 0.5


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """One-to-one pairs of gold and predicted quotes, largest overlap first."""
    by_doc: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = defaultdict(lambda: ([], []))
    for g in gold:
        by_doc[g["doc"]][0].append(g)
    for p in pred:
        by_doc[p["doc"]][1].append(p)
    pairs = []
    for gs, ps in by_doc.values():
        cands = []
        for i, g in enumerate(gs):
            for j, p in enumerate(ps):
                ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
                shorter = min(g["end"] - g["start"], p["end"] - p["start"])
                if ov > 0 and shorter > 0 and ov >= 0.5 * shorter:
                    cands.append((ov, i, j))
        used_g, used_p = set(), set()
        for _ov, i, j in sorted(cands, reverse=True):
            if i not in used_g and j not in used_p:
                used_g.add(i)
                used_p.add(j)
                pairs.append((gs[i], ps[j]))
    return pairs


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall and F1 of extraction and attribution, recall by kind, role accuracy,
    speaker accuracy per gold type and type accuracy.

    Notes:
        The algorithm of ``score_quotes.py``: optional gold quotes neither reward nor cost; a
        prediction matched to an optional quote is not counted.
    """
    pairs = match(gold, pred)
    opt_pred = {id(p) for g, p in pairs if g.get("optional")}
    pairs = [(g, p) for g, p in pairs if not g.get("optional")]
    n_gold = sum(not g.get("optional") for g in gold)
    n_pred = sum(id(p) not in opt_pred for p in pred)
    found = len(pairs)
    right = sum(speaker_ok(p, g) for g, p in pairs)
    with_role = [(g, p) for g, p in pairs if g.get("role") and speaker_ok(p, g)]
    ext_p, ext_r = (found / n_pred if n_pred else 0.0), (found / n_gold if n_gold else 0.0)
    att_p, att_r = (right / n_pred if n_pred else 0.0), (right / n_gold if n_gold else 0.0)
    by_kind = {}
    for k in ("direct", "mixed", "indirect"):
        n = sum(g.get("kind") == k and not g.get("optional") for g in gold)
        if n:
            by_kind[k] = sum(g.get("kind") == k for g, _ in pairs) / n
    matched_pred = {id(p) for g, p in match(gold, pred)}
    return {
        "gold": n_gold, "predicted": n_pred, "matched": found, "attributed_right": right,
        "extraction": {"precision": ext_p, "recall": ext_r, "f1": _f1(ext_p, ext_r)},
        "attribution": {"precision": att_p, "recall": att_r, "f1": _f1(att_p, att_r),
                        "accuracy_on_matched": right / found if found else 0.0},
        "recall_by_kind": by_kind,
        "role_accuracy": (sum(role_ok(p, g) for g, p in with_role) / len(with_role)) if with_role else None,
        **_by_type(pairs),
        "speaker_accuracy_by_mention": _by_mention(pairs),
        "wrong_speaker_by_sieve": dict(Counter(p.get("sieve") for g, p in pairs if not speaker_ok(p, g))),
        "false_positive_by_sieve": dict(Counter(p.get("sieve") for p in pred if id(p) not in matched_pred)),
        "misses": [g.get("id", (g["doc"], g["start"])) for g in gold
                   if not g.get("optional") and all(g is not h for h, _ in pairs)],
    }


def _by_type(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """Speaker accuracy per gold speaker type (person, organization, group), and how often the
    predicted type is the gold one where the speaker is right. Gold without types gives none."""
    typed = [(g, p) for g, p in pairs if g.get("speaker_type") in ("person", "organization", "group")]
    if not typed:
        return {"speaker_accuracy_by_type": {}, "type_accuracy": None}
    by_type: dict[str, list[bool]] = {}
    for g, p in typed:
        by_type.setdefault(g["speaker_type"], []).append(speaker_ok(p, g))
    right = [(g, p) for g, p in typed if speaker_ok(p, g)]
    return {
        "speaker_accuracy_by_type": {t: sum(v) / len(v) for t, v in sorted(by_type.items())},
        "type_accuracy": (sum(p.get("speaker_type") == g["speaker_type"] for g, p in right) / len(right)) if right else None,
    }


_GOLD_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us"}
def mention_kind(mention: str | None) -> str:
    """What kind of mention a gold speaker is given by: ``pronoun`` ("he", "It"),
    ``description`` ("the company", "a spokesman for the firm", "officials"), ``name`` ("Brad
    Cooper", "The New York Post") or ``none`` (no mention: a continuation quote)."""
    words = (mention or "").replace("’", "'").split()
    if not words:
        return "none"
    if len(words) == 1 and words[0].lower().strip(",.") in _GOLD_PRONOUNS:
        return "pronoun"
    # the head decides: "A Bloomberg poll" describes, "the Roper Center for Public Opinion
    # Research" and "longtime pollster Pat Caddell" name
    return "name" if words[-1][:1].isupper() else "description"


def _by_mention(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, dict[str, float]]:
    """Speaker accuracy of matched quotes by the kind of the gold's mention (``mention_kind``
    of its ``mention``, else the text of its first source span, else its first alias)."""
    by: dict[str, list[bool]] = {}
    for g, p in pairs:
        if "mention" in g:
            m = g["mention"]
        else:
            m = (g.get("speaker_aliases") or [None])[0] if g.get("source_spans") else None
        by.setdefault(mention_kind(m), []).append(speaker_ok(p, g))
    return {k: {"quotes": len(v), "accuracy": sum(v) / len(v)} for k, v in sorted(by.items())}


def load_jsonl(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Rows of a JSONL file.

    Raises:
        InputError: the file is missing or a line is not JSON.
    """
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not JSONL ({e})") from e


def evaluate(gold_path: str | os.PathLike[str], docs: str | os.PathLike[str] | Iterable[str],
             spans: Any = "default", entities: Any = "default") -> dict[str, Any]:
    """Extract quotes from the gold's documents and score them.

    Args:
        gold_path: Gold JSONL (the scorer's format).
        docs: The folder of article files the gold's ``doc`` names refer to.
        spans: What takes quote-marked spans no cue took (see ``extract``): the shipped
            model, a ``SpanModel``, or None for the rules alone.
        entities: What types names for the speaker registry (see ``extract``): the shipped
            model, an ``EntityModel``, or None for the rules alone.

    Returns:
        ``score``'s figures, plus ``skipped``: the documents that could not be read (each
        counts as predicting nothing); and ``entity_types`` where CoreNLP's silver annotations
        of the documents lie beside the gold (``silver.jsonl.gz``, as PolNeAR ships them): the
        entity-type model's accuracy on their names, else None.

    Notes:
        Only documents the gold names are read, so a folder with other files scores the same.
    """
    gold = load_jsonl(gold_path)
    names = {g["doc"] for g in gold}
    folder = Path(docs) if isinstance(docs, (str, os.PathLike)) else None
    if folder is not None and not folder.is_dir():
        raise InputError(f"{folder}: not a folder of articles")
    paths = [str(folder / n) for n in sorted(names)] if folder is not None else list(docs)  # type: ignore[arg-type]
    skipped: list[Skipped] = []
    pred = [q.to_dict() for a in iter_articles(paths, skipped) for q in extract_article(a, spans=spans, entities=entities)]
    result = score(gold, pred)
    result["skipped"] = [f"{s.source}: {s.reason}" for s in skipped]
    silver = Path(gold_path).parent / "silver.jsonl.gz"
    result["entity_types"] = entity_type_scores(silver, folder) if folder is not None and silver.is_file() else None
    return result


def entity_type_scores(silver: str | os.PathLike[str], docs: str | os.PathLike[str],
                       model: EntityModel | None = None) -> dict[str, Any]:
    """The entity-type model's accuracy on the silver names of ``silver`` (see ``silver_names``).

    Returns:
        ``names`` (of the four named types), ``accuracy`` on them, and ``accuracy_with_other``
        counting capitalised runs that name nothing too.
    """
    model = model or default_entity_model()
    names = list(silver_names(silver, docs))
    return {"names": sum(n[3] != "other" for n in names), "accuracy": accuracy(model, names),
            "accuracy_with_other": accuracy(model, names, only_named=False)}


def format_scores(s: dict[str, Any]) -> str:
    """``evaluate``'s figures as the lines ``quotes eval`` prints."""
    lines = [f"gold {s['gold']}  predicted {s['predicted']}  matched {s['matched']}  speaker right {s['attributed_right']}"]
    for k in ("extraction", "attribution"):
        m = s[k]
        lines.append(f"{k:12} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    lines.append("recall by kind " + "  ".join(f"{k} {v:.3f}" for k, v in s["recall_by_kind"].items()))
    if s["role_accuracy"] is not None:
        lines.append(f"role accuracy (right speaker, gold role) {s['role_accuracy']:.3f}")
    if s["speaker_accuracy_by_type"]:
        lines.append("speaker accuracy by gold type " + "  ".join(f"{k} {v:.3f}" for k, v in s["speaker_accuracy_by_type"].items())
                     + (f"; type right where the speaker is {s['type_accuracy']:.3f}" if s["type_accuracy"] is not None else ""))
    for key, label in (("wrong_speaker_by_sieve", "wrong speaker by sieve"),
                       ("false_positive_by_sieve", "unmatched predictions by sieve")):
        if s[key]:
            lines.append(f"{label}: " + ", ".join(f"{k} {v}" for k, v in sorted(s[key].items(), key=lambda kv: -kv[1])))
    if s.get("speaker_accuracy_by_mention"):
        lines.append("speaker accuracy by gold mention " + "  ".join(
            f"{k} {v['accuracy']:.3f} ({v['quotes']})" for k, v in s["speaker_accuracy_by_mention"].items()))
    if s.get("entity_types"):
        e = s["entity_types"]
        lines.append(f"entity types (model 'entities') on {e['names']} silver names: accuracy {e['accuracy']:.3f}"
                     f" ({e['accuracy_with_other']:.3f} with capitalised non-names)")
    return "\n".join(lines)
