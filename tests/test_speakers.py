"""Speaker phrases taken apart, and one entity per person or organisation in an article."""

from __future__ import annotations

import pytest

from quotes import extract
from quotes.attribution.speakers import parse_np
from quotes.tokens import tokenize


@pytest.mark.parametrize(
    "phrase, name, ptype, title, pre_role, of_role",
    [
        ("Iraqi Foreign Minister Omar Saleh", "Omar Saleh", "person", None, "Iraqi Foreign Minister", None),
        ("Sen. Claire Dunn", "Claire Dunn", "person", "Sen.", None, None),
        ("Mr Blair", "Blair", "person", "Mr", None, None),
        ("Major General Ken Lamb of the Northern Command", "Ken Lamb", "person", None, "Major General", "the Northern Command"),
        ("the Interior Ministry", "Interior Ministry", "organization", None, None, None),
        ("NATO", "NATO", "organization", None, None, None),
        ("Tony Blair and Ruth Kelly", "Tony Blair and Ruth Kelly", "unknown", None, None, None),
        ("Analysts", "analysts", "unknown", None, None, None),
        ("Officials", "officials", "organization", None, None, None),
        ("two senior officials", "senior officials", "organization", None, None, None),  # officials speak for a body
    ],
)
def test_parse_np(phrase: str, name: str, ptype: str, title: str | None, pre_role: str | None, of_role: str | None) -> None:
    p = parse_np(tokenize(phrase))
    assert p is not None
    assert (p.name, p.type, p.title, p.pre_role, p.of_role) == (name, ptype, title, pre_role, of_role)


def test_one_entity_per_person_across_titles_surnames_and_pronouns() -> None:
    text = ("Adm. Dana Reyes, commander of the Pacific Fleet, visited the port on Monday.\n\n"
            "“We are ready,” Reyes said.\n\n"
            "She added that the ships would sail in March.\n\n"
            "Mr Reyes was not related, officials said.")
    qs = extract(text)
    by_text = {q.text: q for q in qs}
    first = by_text["We are ready,"]
    assert (first.speaker, first.title, first.role) == ("Dana Reyes", "Adm.", "commander of the Pacific Fleet")
    added = by_text["the ships would sail in March"]
    assert added.speaker == "Dana Reyes" and added.mention == "She" and added.confidence <= 0.75
    assert by_text["Mr Reyes was not related"].speaker == "officials"


def test_acronym_and_organisation_resolve_to_the_full_name() -> None:
    text = ("The Northern Regional Command (NORCOM) moved troops on Friday.\n\n"
            "NORCOM said the move was temporary.\n\n"
            "The command later said it would review the decision.")
    speakers = {q.speaker for q in extract(text)}
    assert speakers == {"Northern Regional Command"}
