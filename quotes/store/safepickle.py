"""Whoosh reads its index files with ``pickle``; this makes those reads run no code.

Whoosh pickles the table of contents (schema and segment list), posting blocks, stored fields,
the compound-file directory and term info, and unpickles them whenever an index is opened or
searched. ``pickle`` runs any callable a file names, so an index folder handed to a user (a
download, an archive, a shared drive) could run code the moment ``quotes search`` opened it.

``harden_whoosh`` points every pickle loader Whoosh uses at ``SafeUnpickler``, which resolves only
the classes a quote index holds (Whoosh's own segment and codec records, a few builtins) and
refuses anything else with ``UnsafePickleError``. The schema is never unpickled at all: the index
is opened with the project's own schema. ``LOADERS`` names the patched module attributes; a test
scans Whoosh's source so a loader added by a new Whoosh release cannot slip past.
"""

from __future__ import annotations

import importlib
import io
import logging
import pickle
from _compat_pickle import IMPORT_MAPPING, NAME_MAPPING
from typing import Any

log = logging.getLogger(__name__)

#: (module, name) pairs a quote index's pickles may name: Whoosh 2.7's segment records and
#: the builtins its posting blocks and stored fields use. Nothing that runs a program, opens a
#: file or reaches attributes.
ALLOWED: frozenset[tuple[str, str]] = frozenset({
    ("whoosh.codec.whoosh3", "W3Segment"),
    ("whoosh.codec.whoosh3", "W3Codec"),
    ("quotes.store.codec", "QuotesCodec"),  # the project's own subclass of W3Codec
    ("collections", "defaultdict"),
    ("builtins", "int"),
    ("builtins", "float"),
    ("builtins", "str"),
    ("builtins", "bytes"),
    ("builtins", "bytearray"),
    ("builtins", "list"),
    ("builtins", "tuple"),
    ("builtins", "dict"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "object"),
    ("copyreg", "_reconstructor"),
    ("_codecs", "encode"),  # protocol 2 pickles bytes as _codecs.encode(str, "latin1")
    ("array", "array"),
    ("array", "_array_reconstructor"),
})

#: The module attributes through which Whoosh 2.7 unpickles: each is replaced by the safe loader.
LOADERS: tuple[tuple[str, str, str], ...] = (
    # (module, attribute, "loads" for bytes or "load" for a file)
    ("whoosh.compat", "loads", "loads"),
    ("whoosh.compat", "load", "load"),
    ("whoosh.codec.whoosh3", "loads", "loads"),
    ("whoosh.formats", "loads", "loads"),
    ("whoosh.columns", "loads", "loads"),
    ("whoosh.filedb.structfile", "load_pickle", "load"),
    ("whoosh.externalsort", "load", "load"),  # the writer's own sort runs in temporary files
)


class UnsafePickleError(pickle.UnpicklingError):
    """An index file names a class or function outside the allow-list."""


class SafeUnpickler(pickle.Unpickler):
    """An unpickler that resolves only ``ALLOWED`` globals."""

    def find_class(self, module: str, name: str) -> Any:
        # protocol 2 writes Python 2 names ("__builtin__.set"); compare them as pickle maps them
        if (module, name) in NAME_MAPPING:
            module, name = NAME_MAPPING[(module, name)]
        elif module in IMPORT_MAPPING:
            module = IMPORT_MAPPING[module]
        if (module, name) in ALLOWED:
            return super().find_class(module, name)
        raise UnsafePickleError(f"the index file names {module}.{name}, which a quote index never holds")


def safe_loads(data: bytes, *args: Any, **kwargs: Any) -> Any:
    """``pickle.loads`` limited to ``ALLOWED`` globals."""
    return SafeUnpickler(io.BytesIO(data)).load()


def safe_load(file: Any, *args: Any, **kwargs: Any) -> Any:
    """``pickle.load`` limited to ``ALLOWED`` globals."""
    return SafeUnpickler(file).load()


_hardened = False


def harden_whoosh() -> None:
    """Route every Whoosh pickle load through ``SafeUnpickler`` (idempotent).

    Notes:
        Called where an index is opened, never at ``import quotes``: extraction alone leaves
        Whoosh untouched. Each attribute is checked to still be pickle's own loader before it
        is replaced, so a Whoosh release that moved things fails loudly instead of quietly
        running unsafe loads.
    """
    global _hardened
    if _hardened:
        return
    for module_name, attr, kind in LOADERS:
        module = importlib.import_module(module_name)
        current = getattr(module, attr, None)
        safe = safe_loads if kind == "loads" else safe_load
        if current is safe:
            continue
        if current not in (pickle.loads, pickle.load, getattr(pickle, "_loads", None), getattr(pickle, "_load", None)):
            raise RuntimeError(f"{module_name}.{attr} is not pickle's loader: this Whoosh release is not supported")
        setattr(module, attr, safe)
    _hardened = True
    log.debug("whoosh pickle loads restricted to %d globals", len(ALLOWED))
