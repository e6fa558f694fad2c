"""Training the learned parts: one module per model, one registry that lists them.

Training sits above extraction and evaluation (it runs both on annotated articles), and what
it makes is read at run time by ``quotes.learned``, below extraction. Every model is trained
from the development data in ``shared/`` (beside the checkout), deterministically: the same
data give the same file, byte for byte, which is how the shipped files are checked.

The libraries that fit a model are the ``[train]`` extra's; nothing here is imported at run
time, so the product never needs them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError
from ..learned import span as span_inference
from . import span


class Trained(Protocol):
    """What a trainer returns: a model that writes itself as its shipped file."""

    def to_json(self) -> str: ...


@dataclass(frozen=True)
class Trainer:
    """A model that ``quotes train`` can build.

    Attributes:
        name: What ``quotes train NAME`` and ``quotes eval`` call it.
        summary: What it decides, in a line.
        data: The files and folders under ``shared/`` it learns from.
        file: Its file in the package data (``quotes/data``), where the shipped copy lives.
        train: Builds it from a ``shared/`` folder.
        report: A line on what was trained (examples, threshold, figures on the training data).
    """

    name: str
    summary: str
    data: tuple[str, ...]
    file: str
    train: Callable[[Path], Trained]
    report: Callable[[Any], str]


def _train_span(shared: Path) -> Trained:
    return span.train_model(shared / "polnear" / "train" / "gold.jsonl", shared / "polnear" / "train" / "docs")


#: Every model ``quotes train`` builds, in the order ``quotes train all`` builds them.
TRAINERS: tuple[Trainer, ...] = (
    Trainer("span", "which quote-marked spans no cue took are quotes (sieve marked_span)",
            ("polnear/train/gold.jsonl", "polnear/train/docs"), span_inference.MODEL_FILE, _train_span, span.report),
)


def trainer(name: str) -> Trainer:
    """The trainer called ``name``.

    Raises:
        InputError: no model has that name.
    """
    for t in TRAINERS:
        if t.name == name:
            return t
    raise InputError(f"no model called {name!r}", f"Models: {', '.join(t.name for t in TRAINERS)}.")


def resolve_shared(shared: str | os.PathLike[str] | None = None) -> Path:
    """The ``shared/`` folder: ``shared``, else ``$QUOTES_SHARED``, else ``../shared``.

    Raises:
        InputError: it is not a folder.
    """
    folder = Path(shared or os.environ.get("QUOTES_SHARED") or Path("..") / "shared")
    if not folder.is_dir():
        raise InputError(f"{folder}: no shared data folder here",
                         "Give it with --shared DIR (the folder beside the checkout that holds polnear/).")
    return folder


def train(name: str, shared: str | os.PathLike[str] | None = None) -> tuple[Trained, str]:
    """Train the model ``name`` from the ``shared/`` data.

    Returns:
        The model and its report line.

    Raises:
        InputError: no such model, or its data are missing.
    """
    t = trainer(name)
    folder = resolve_shared(shared)
    missing = [d for d in t.data if not (folder / d).exists()]
    if missing:
        raise InputError(f"{name}: {folder} lacks {', '.join(missing)}", "Point --shared at the project's shared data.")
    model = t.train(folder)
    return model, t.report(model)


__all__ = ["TRAINERS", "Trained", "Trainer", "resolve_shared", "train", "trainer"]
