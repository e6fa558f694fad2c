"""Speaker phrases taken apart, and one entity per person or organisation in an article."""

from __future__ import annotations

import pytest

from quotes import extract
from quotes.attribution.names import parse_np
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


# -- speakers a user can trust (#10): one entity, the right type, the role as written ---------------

def _last(text: str):
    from quotes import extract

    found = extract(text)
    assert found, text
    q = found[-1]
    return q.speaker, q.speaker_type, q.role


@pytest.mark.parametrize("text, speaker, stype, role", [
    # names, whole
    ('"We will stay," Peter Long said.', "Peter Long", "person", None),
    ('Peter Long runs the depot. "We will stay," Mr Long said.', "Peter Long", "person", None),
    # roles as written: appositive, title before the name with its "of" phrase, descriptors
    ('Jane Roe, chief executive of Acme, said "we grew".', "Jane Roe", "person", "chief executive of Acme"),
    ('Deputy Secretary of State for Health Jane Roe said "we will act".', "Jane Roe", "person",
     "Deputy Secretary of State for Health"),
    ('CEO Jane Roe said "we grew".', "Jane Roe", "person", "CEO"),
    ('The Burnley striker Jo Bloggs said "we won".', "Jo Bloggs", "person", "Burnley striker"),
    ('Channel 9 presenter and political editor Sam Vale said "it ends".', "Sam Vale", "person",
     "Channel 9 presenter and political editor"),
    ('Professor Ana Ruiz, who led the study, said "it is new".', "Ana Ruiz", "person", "who led the study"),
    ('The Lord Chancellor, Lord Tring, agreed the bill was "too complex".', "Tring", "person", "Lord Chancellor"),
    # a name's affiliation after "of"/"at" is its role, on either side of the cue
    ('"The market is tight," said Tamas Varga of oil broker PVM.', "Tamas Varga", "person", "oil broker PVM"),
    ('Rhian Beynon of the JCWI said the rules were "not proportionate".', "Rhian Beynon", "person", "JCWI"),
    ('"It is tight," said Jo Lane of Merrill Lynch on Thursday.', "Jo Lane", "person", None),
    # a title's own "of the …" stays in the title
    ('"It is a first," said Chancellor of the Exchequer Gordon Brown.', "Gordon Brown", "person",
     "Chancellor of the Exchequer"),
    # a common noun before the full name, with no determiner, is the role ("said widow …")
    ('"We are hostages," said accountant Jo Lopez.', "Jo Lopez", "person", "accountant"),
    ('"It is unfair," said widow Terry Strada.', "Terry Strada", "person", "widow"),
    # but a verb is not ("said off-loading …" reports what the firm said)
    ('The card firm said off-loading Amex Financial Advisors would help.', "card firm", "group", None),
    # role nouns and descriptions refer back to the named person
    ('Tottenham striker Jo Bloggs scored twice. "It was great," the striker said.', "Jo Bloggs", "person",
     "Tottenham striker"),
    ('Ana Ruiz ran the race. "I was tired," the 45-year-old said.', "Ana Ruiz", "person", "45-year-old"),
    ('Senior Tory MP Dan Mole spoke first. A senior Tory MP said the plan was "a mistake".', "Dan Mole", "person",
     "Senior Tory MP"),
    # bodies: a spokesman speaks for one; "the company" is the article's; "it" is a body
    ('A spokesman for the Home Office said "we will reply".', "Home Office", "organization", None),
    ('A Downing Street spokesman said "no".', "Downing Street", "organization", None),
    ('A spokesman for Bristol City Council said: "We will review it."', "Bristol City Council", "organization", None),
    # a relative named between commas speaks, a first name alone enough
    ("Mrs Jones's husband, Mark, said the family would \"celebrate\".", "Mark", "person", "Mrs Jones's husband"),
    ('Her son, Tom Jones, said the family would "celebrate".', "Tom Jones", "person", "Her son"),
    ("The Prime Minister's official spokesman said there were \"no plans\".", "Prime Minister", "organization", None),
    ('"Sales rose," Acme Corp said. "We are pleased," the company added.', "Acme Corp", "organization", None),
    ('"Sales rose," the Boating Union said. "We are pleased," it added.', "Boating Union", "organization", None),
    ('Tories said the tax was "a disgrace".', "Tories", "organization", None),
    ('The Liberal Democrats said the tax was "a disgrace".', "Liberal Democrats", "organization", None),
    # collective and document sources: groups, not named entities
    ('Analysts said the shares were "cheap".', "analysts", "group", None),
    ('The report said prices had "soared".', "report", "group", None),
    # a document from a named issuer: the issuer speaks, with no role
    ('Sales will "recover", according to a statement from Acme Corp.', "Acme Corp.", "organization", None),
    ('Sales will "recover", a statement from Jane Roe said.', "Jane Roe", "person", None),
    ('A report by the Electoral Commission said the rules were "unclear".', "Electoral Commission", "organization",
     None),
    ('A report by the government\'s watchdog said the sale was "flawed".',
     "report by the government's watchdog", "group", None),
    ('Labour MPs said the plan was "unfair".', "Labour MPs", "group", None),
    ('Analysts at Goldman Sachs said the shares were "cheap".', "analysts at Goldman Sachs", "group", None),
    # "<noun> familiar with / close to …" is the whole source, never the person it names
    ('People familiar with the matter said the deal was "off".', "people familiar with the matter", "group", None),
    ('Sources close to Mr Hockney said eight members would "quit".', "sources close to Mr Hockney", "group", None),
    ('Those close to him say that the plan is "dead".', "Those close to him", "group", None),
    ('The deal is "off", according to two people familiar with the talks.', "two people familiar with the talks",
     "group", None),
    ('Jane Roe, who is close to him, said the plan was "dead".', "Jane Roe", "person", None),
    # negatives: a lead-in is no role; a possessive names nobody; an outlet told is no speaker
    ('During the interview Mr Vale said the bill was "dead".', "Vale", "person", None),
    ('Speaking in Harrogate Mr Vale said the bill was "dead".', "Vale", "person", None),
    ("Sam Vale spoke after equalling Tom Pike's record. \"It is great,\" he said.", "Sam Vale", "person", None),
    ('Sam Vale was there. "It is over," he told the BBC.', "Sam Vale", "person", None),
    ('"It is a tough market," the chief executive, Tom Pike, told analysts.', "Tom Pike", "person", "chief executive"),
    ('"It is over," Carl Emmerson, from the Institute, told BBC News.', "Carl Emmerson", "person", None),
    ('LONDON (Reuters) - Sales rose, the Acme chairman Tom Pike said.', "Tom Pike", "person", "Acme chairman"),
    # a middle initial is no sentence end, though the surname is a common word
    ("In April 2009, Douglas J. Band, who led the charity's initiative, emailed two aides.\n\n"
     "Mr. Band wrote that he needed help.", "Douglas J. Band", "person", "who led the charity's initiative"),
])
def test_speaker_patterns(text: str, speaker: str, stype: str, role: str | None) -> None:
    assert _last(text) == (speaker, stype, role)


@pytest.mark.parametrize("text", [
    'LONDON (Reuters) - Sales rose, the Acme chairman Tom Pike said.',
    'WASHINGTON, May 3 (AP) — "We will act," Senator Tom Park said.',
    'Washington (AFP) – Sales rose, the Acme chairman Tom Pike said.',
    'Beirut (Reuters) - Sales rose, the Acme chairman Tom Pike said.',
])
def test_a_wire_dateline_is_no_part_of_a_quote_or_speaker(text: str) -> None:
    from quotes import extract

    found = extract(text)
    assert found
    for q in found:
        assert "Reuters" not in q.text and "AP)" not in q.text and "AFP" not in q.text
        assert "LONDON" not in (q.mention or "") and "Washington" not in q.text and "Beirut" not in q.text


@pytest.mark.parametrize("text, rules_alone, with_model", [
    # a place's two capitals read as a person's name; the entity-type model knows better
    ("Officials met Mayor Jane Roe at Grand Central on Monday. “We are ready,” she said.", "Grand Central", "Jane Roe"),
    ("Experts compared the storm to Hurricane Katrina. Officials met at Grand Central. “We are ready,” he said.",
     "Grand Central", None),
    # a person stays a person
    ("The deal was signed by Brad Cooper in Baghdad. “It is done,” he said.", "Brad Cooper", "Brad Cooper"),
])
def test_he_and_she_never_go_to_a_name_the_entity_model_types_as_no_person(text: str, rules_alone: str | None,
                                                                          with_model: str | None) -> None:
    assert [q.speaker for q in extract(text, entities=None)] == [rules_alone]
    assert [q.speaker for q in extract(text)] == [with_model]
