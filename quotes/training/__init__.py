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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError, OutputError
from ..learned import entities as entities_inference
from ..learned import span as span_inference
from . import entities, span


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


def _train_entities(shared: Path) -> Trained:
    train, dev = shared / "polnear" / "train", shared / "polnear" / "dev"
    return entities.train_model(train / "silver.jsonl.gz", train / "docs", (dev / "silver.jsonl.gz", dev / "docs"))


#: Every model ``quotes train`` builds, in the order ``quotes train all`` builds them.
TRAINERS: tuple[Trainer, ...] = (
    Trainer("span", "which quote-marked spans no cue took are quotes (sieve marked_span)",
            ("polnear/train/gold.jsonl", "polnear/train/docs"), span_inference.MODEL_FILE, _train_span, span.report),
    Trainer("entities", "what kind of thing a name names: person, organization, location, misc or other",
            ("polnear/train/silver.jsonl.gz", "polnear/train/docs", "polnear/dev/silver.jsonl.gz", "polnear/dev/docs"),
            entities_inference.MODEL_FILE, _train_entities, entities.report),
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


def train_models(names: Iterable[str], shared: str | os.PathLike[str] | None = None,
                 output: str | os.PathLike[str] | None = None) -> Iterator[tuple[str, str, Path]]:
    """Train the models ``names`` (``["all"]``: every one, in ``TRAINERS`` order) and write each.

    Args:
        names: Model names.
        shared: The ``shared/`` folder (see ``resolve_shared``).
        output: For one model, the file to write (or a folder for it); for several, a folder
            (made if missing). Default: the current folder, each under its shipped file name.

    Yields:
        (name, report line, the file written), as each model is done.

    Raises:
        InputError: no such model, or its data are missing.
        OutputError: a file cannot be written.
    """
    todo = [t.name for t in TRAINERS] if list(names) == ["all"] else list(dict.fromkeys(names))
    for name in todo:
        trainer(name)  # every name checked before the first model takes its time
    single = len(todo) == 1 and output is not None and not Path(output).is_dir()
    if output is not None and not single:
        Path(output).mkdir(parents=True, exist_ok=True)
    for name in todo:
        model, line = train(name, shared)
        target = Path(output) if single and output is not None else Path(output or ".") / trainer(name).file
        try:
            target.write_text(model.to_json(), encoding="utf-8")
        except OSError as e:
            raise OutputError(f"cannot write {target}: {e.strerror or e}") from e
        yield name, line, target


__all__ = ["TRAINERS", "Trained", "Trainer", "resolve_shared", "train", "train_models", "trainer"]
