"""Reading a learned part's weights: JSON from the package data or a file, never a pickle."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InputError

M = TypeVar("M")


def load_weights(path: str | os.PathLike[str] | None, file: str, fmt: int, model: str,
                 build: Callable[[dict[str, Any]], M]) -> M:
    """The model a JSON weights file holds.

    Args:
        path: The file; None for the one shipped as ``quotes/data/<file>``.
        file: The shipped file's name.
        fmt: The ``format`` number the file must carry.
        model: The model's name in ``quotes train`` (and in errors).
        build: Makes the model from the file's object; raises ValueError, KeyError or
            TypeError for an object that is not a model of its kind.

    Raises:
        InputError: the file is missing, not JSON, of another format or not such a model.
    """
    try:
        if path is None:
            raw = resources.files("quotes.data").joinpath(file).read_text(encoding="utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
        d = json.loads(raw)
        if not isinstance(d, dict) or d.get("format") != fmt:
            raise ValueError(f"format {d.get('format') if isinstance(d, dict) else None!r}, expected {fmt}")
        return build(d)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise InputError(f"cannot load the {model} model {path or file}: {e}",
                         f"Train one with 'quotes train {model} -o FILE'.") from e
