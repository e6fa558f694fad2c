"""What the speaker registry asks of an entity-type model (``learned.entities``).

Capitals alone make "Grand Central", "World War II" or "England's Six Nations" read as a
person's first and last name; a model that learned what kinds of things names name tells them
apart. The registry consults it only where it would register a person, and only a clear verdict
against the person counts: persons are what the rules read best.
"""

from __future__ import annotations

from typing import Protocol

from ..tokens import Tok

#: How sure the model must be that a name is no person's before the registry leaves it out.
NOT_PERSON_PROBABILITY = 0.8


class EntityTyper(Protocol):
    """What types a name: ``learned.entities.EntityModel``."""

    def probabilities(self, text: str, start: int, end: int) -> dict[str, float]: ...


def may_be_person(types: EntityTyper, text: str, run: list[Tok], name: str) -> bool:
    """Whether the model leaves ``name``, as the run of tokens writes it, a person.

    Args:
        types: The entity-type model.
        text: The article text the tokens point into.
        run: The tokens of the phrase the name was parsed from.
        name: The parsed name ("Frank Nervo" of "Manhattan Supreme Court Justice Frank Nervo").

    Returns:
        False only when the model gives the name, typed alone without the title or place
        before it, at least ``NOT_PERSON_PROBABILITY`` of being of another type.
    """
    words = name.split()
    for i in range(len(run) - len(words), -1, -1):
        if [t.text for t in run[i:i + len(words)]] == words:
            p = types.probabilities(text, run[i].start, run[i + len(words) - 1].end)
            return 1.0 - p["person"] < NOT_PERSON_PROBABILITY
    return True  # a name the run does not spell as it stands: the rules' reading stands
