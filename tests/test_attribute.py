"""Real patterns of news quotes, one row each: the text, then every quote expected as
(content, kind, speaker). Rows with no expected quotes are the negative cases."""

from __future__ import annotations

import pytest

from quotes import extract
from quotes.attribution import SIEVES, find_cues
from quotes.tokens import tokenize

CASES = [
    # direct, speaker after
    ("“We will not back down,” Mayor Lisa Grant said.", [("We will not back down,", "direct", "Lisa Grant")]),
    ("“We will not back down,” said Lisa Grant, the city's mayor.", [("We will not back down,", "direct", "Lisa Grant")]),
    ("“It is over,” she said. “We lost.”", [("It is over,", "direct", None), ("We lost.", "direct", None)]),
    ('"The plan is dead," Senate Majority Leader Tom Hale told reporters on Tuesday.',
     [("The plan is dead,", "direct", "Tom Hale")]),
    ("“Prices will rise,” said a senior official.", [("Prices will rise,", "direct", "senior official")]),
    # wire copy: adverbials between the cue and what it reports are neither
    ("Treasury Secretary Jane Roe said on Tuesday the economy was resilient.",
     [("the economy was resilient", "indirect", "Jane Roe")]),
    ("Roe said late on Monday the talks were over.", [("the talks were over", "indirect", "Roe")]),
    ("Roe told reporters in Brussels: “There is no deal yet.”", [("There is no deal yet.", "direct", "Roe")]),
    # no cue, but a colon: the clause's opening subject speaks the passage after it
    ("In a TV interview later that day, Trump went even further: “If he loses, it is the end of his career.”",
     [("If he loses, it is the end of his career.", "direct", "Trump")]),
    # not a place or time phrase, nor a possessor, before the colon
    ("Labour's election slogan will be: “Britain is working, do not let them wreck it.”", []),
    ("It will be: “Should the United Kingdom approve the treaty?”", []),
    # "that" after a cue opens the report, never a speaker; an adverb between subject and cue
    ("Hillary Clinton boldly suggested that Donald Trump “does not want the people to win.”",
     [("Donald Trump “does not want the people to win.”", "mixed", "Hillary Clinton")]),
    ("The family said it was shocked.", [("it was shocked", "indirect", "family")]),
    # a negated cue reports nothing ("did not (immediately) respond", "did not say whether")
    ("The ministry did not immediately respond to a request for comment.", []),
    ("The ministry did not say whether the talks would resume.", []),
    # a participle's speaker is the clause's subject, after any lead-in
    ("In Paris, the minister spoke for an hour, saying the deal was close.",
     [("the deal was close", "indirect", "minister")]),
    ("At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton went further, saying that the US should lead.",
     [("the US should lead", "indirect", "Clinton")]),
    ("Taking to Instagram on Tuesday, Hamilton offered a softer tone, saying: ‘I may not always get it right.’",
     [("I may not always get it right.", "direct", "Hamilton")]),
    # a participle after a report goes on reporting; a verb ending a clause is no cue of its own
    ("“We’re not there yet,” Roe said, adding that talks would continue.",
     [("We’re not there yet,", "direct", "Roe"), ("talks would continue", "indirect", "Roe")]),
    # direct split by its cue
    ("“We tried,” the coach said, “but it was not enough.”",
     [("We tried,", "direct", "coach"), ("but it was not enough.", "direct", "coach")]),
    # speaker first, colon or comma
    ("Governor Amy Park said: “The roads are closed until further notice.”",
     [("The roads are closed until further notice.", "direct", "Amy Park")]),
    # mixed
    ("The agency said the move represented “a deliberate shift in policy.”",
     [("the move represented “a deliberate shift in policy.”", "mixed", "agency")]),
    ("Paul Reyes, a lawyer for the family, said the ruling was “a long overdue victory.”",
     [("the ruling was “a long overdue victory.”", "mixed", "Paul Reyes")]),
    # indirect with that-clause, adverbials and objects
    ("Health Minister Sara Diaz said on Friday that hospitals would stay open.",
     [("hospitals would stay open", "indirect", "Sara Diaz")]),
    ("John Baker told Reuters in an interview that the deal was close.",
     [("the deal was close", "indirect", "John Baker")]),
    ("Two officials said the talks had stalled, according to the report.",
     [("the talks had stalled", "indirect", "officials")]),
    # content before the cue
    ("The factory will close next year, the company said.", [("The factory will close next year", "indirect", "company")]),
    ("Turnout was the highest in decades, according to the electoral commission.",
     [("Turnout was the highest in decades", "indirect", "electoral commission")]),
    ("According to the police, the suspect fled on foot.", [("the suspect fled on foot", "indirect", "police")]),
    # a report split around its cue; what follows ", and …" or ", who …" is not the report
    ("The deal, Energy Minister Omar Said said, is dead.",
     [("The deal", "indirect", "Omar Said"), ("is dead", "indirect", "Omar Said")]),
    ("Talks could take three weeks, she said, and the delay worried investors.",
     [("Talks could take three weeks", "indirect", None)]),
    ("Both parties “saw the region as a test,” said Victor Lane, who served as envoy under Bush.",
     [("Both parties “saw the region as a test,”", "mixed", "Victor Lane")]),
    ("The summit achieved “too little,” the prime minister added on Twitter.",
     [("The summit achieved “too little,”", "mixed", "prime minister")]),
    # common-noun subjects no word list names, with numbers and quantifiers
    ("Exports to Mexico support six million jobs, one slide says.",
     [("Exports to Mexico support six million jobs", "indirect", "one slide")]),
    ("In the poll, 1,409 teachers said they wanted a new contract.",
     [("they wanted a new contract", "indirect", "1,409 teachers")]),
    ("The internal probe said the attacks were covered up.",
     [("the attacks were covered up", "indirect", "internal probe")]),
    ("Ford itself said the deal was on.", [("the deal was on", "indirect", "Ford")]),
    ("The senator backed the bill but has since said she will vote against it.",
     [("she will vote against it", "indirect", "senator")]),
    ("Two years ago said nothing.", []),
    # a phrase between subject and cue; titles and modifiers after an inverted cue
    ("Hillary Clinton on Tuesday said that the violence was genocide.",
     [("the violence was genocide", "indirect", "Hillary Clinton")]),
    ("Reid voted in Nevada on Saturday and says he stayed neutral.",
     [("he stayed neutral", "indirect", "Reid")]),
    ("''It's a movement,'' said the younger Mr. Trump, surrounded by his siblings.",
     [("It's a movement,", "direct", "Trump")]),
    ("“We won,” Mr. Tribe said.", [("We won,", "direct", "Tribe")]),
    ("Mr. Khan, who spoke on Thursday, said on television that the tone had to change.",
     [("the tone had to change", "indirect", "Khan")]),
    # after a quote that hands over to its cue, the rest of the sentence is not a report
    ("“Ted Cruz is lost,” said Lindsey Graham, his hawkish South Carolina colleague.",
     [("Ted Cruz is lost,", "direct", "Lindsey Graham")]),
    ("“I like him,” said Mona Lamb, 59, of North Philadelphia.", [("I like him,", "direct", "Mona Lamb")]),
    ("“You're very rude,” Clinton told Kate Brien, a state representative.",
     [("You're very rude,", "direct", "Clinton")]),
    ("In 2008, Trump said, the donation made his father a sponsor.",
     [("the donation made his father a sponsor", "indirect", "Trump")]),
    # a quote ending in "?", "!" or "." that the next sentence attributes
    ("“Why not?” Mayor Ann Smith, a Democrat, asked on Tuesday.", [("Why not?", "direct", "Ann Smith")]),
    ("“Why not?” asked Ann Smith.", [("Why not?", "direct", "Ann Smith")]),
    ("“How are you today?” Eva Miller, a retired worker from a plant, said pleasantly.",
     [("How are you today?", "direct", "Eva Miller")]),
    ("“Grizzly Adams?” Maddow repeated.", [("Grizzly Adams?", "direct", "Maddow")]),
    ("The council repeated its demand for a vote.", []),
    ("Many fighters were captured, though remnants of the group continue to pose a threat.", []),
    # lead-ins are not reports; British titles without a period; two speakers together
    ("Turning to the economy, the chancellor pledged to keep inflation low.", []),
    ("Shifting rain patterns could hurt farmers, the minister said.",
     [("Shifting rain patterns could hurt farmers", "indirect", "minister")]),
    ("Mr Blair told the BBC that the plan would work.", [("the plan would work", "indirect", "Blair")]),
    ("Tony Blair and Ruth Kelly have said that exams will stay.",
     [("exams will stay", "indirect", "Tony Blair and Ruth Kelly")]),
    # speakers with particles, relatives, sentence adverbs and "of" phrases
    ("“I would choose him,” said Le Pen, who leads the party.", [("I would choose him,", "direct", "Le Pen")]),
    ("“It was normal business,” said Sen. Jim Whelan who represents the city.",
     [("It was normal business,", "direct", "Jim Whelan")]),
    ("Carter however said he would welcome the talks.", [("he would welcome the talks", "indirect", "Carter")]),
    ("Those surveyed said the economy came first.", [("the economy came first", "indirect", "Those surveyed")]),
    ("Even the organizer of a pro-Trump rally said the rules were unfair.",
     [("the rules were unfair", "indirect", "organizer of a pro-Trump rally")]),
    # "according to" any source, and what only leads into it
    ("Clinton leads by 271 pledged delegates, according to a count by The Associated Press.",
     [("Clinton leads by 271 pledged delegates", "indirect", "count by The Associated Press")]),
    ("But, according to the poll, most voters remain undecided.",
     [("most voters remain undecided", "indirect", "poll")]),
    ("The governor described the plan as a failure.", [("the plan as a failure", "indirect", "governor")]),
    ("The report describes how the fire spread.", []),
    ("Police urged residents to stay indoors.", [("residents to stay indoors", "indirect", "Police")]),
    # participle and conjoined cues keep the speaker
    ("Mark Hill praised the team, saying the season had exceeded expectations.",
     [("the season had exceeded expectations", "indirect", "Mark Hill")]),
    ("Ana Ruiz acknowledged that costs were high but insisted that the project would go ahead.",
     [("costs were high", "indirect", "Ana Ruiz"), ("the project would go ahead", "indirect", "Ana Ruiz")]),
    ("“We are ready,” Tom Reed said, adding that the army “will act if needed.”",
     [("We are ready,", "direct", "Tom Reed"), ("the army “will act if needed.”", "mixed", "Tom Reed")]),
    # relative pronoun and party tags
    ("Sen. Ray Olsen (D-Md.) said the bill would pass.", [("the bill would pass", "indirect", "Ray Olsen")]),
    # negative cases: no speech
    ("The band played “Born in the USA” at the rally.", []),
    ("The Kremlin spokesman dismissed the idea, calling it “absurd.”",
     [("it “absurd.”", "indirect", "Kremlin")]),  # a spokesman for a body: the body speaks
    ("The council called the meeting for Monday.", []),
    ("The so-called reform failed.", []),
    ("He was told to leave the building.", []),
    ("That said, the economy grew.", []),
    ("The group kept a stated focus on security.", []),
    ("Troops remain prepared to respond to threats.", []),
    ("The match ended in a draw.", []),
    ("He read “War and Peace” twice.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_patterns(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    got = extract(text)
    assert [(q.text, q.kind) for q in got] == [(c, k) for c, k, _ in expected]
    for q, (_c, _k, speaker) in zip(got, expected):
        if speaker is not None:
            assert q.speaker is not None and speaker.lower() in q.speaker.lower(), (q.speaker, speaker)
        assert q.mention is not None
        assert q.sieve in SIEVES and 0.0 < q.confidence <= 1.0
        assert text[q.start:q.end] == q.text
        assert q.mention_start is not None and text[q.mention_start:q.mention_end] == q.mention


def test_pronoun_resolves_to_previous_speaker() -> None:
    text = ("Defense Secretary Mary Stone said the review was complete. "
            "She added that new rules would follow.")
    qs = extract(text)
    assert [q.speaker for q in qs] == ["Mary Stone", "Mary Stone"]
    assert qs[1].mention == "She" and qs[1].sieve == "cue_subject"
    assert qs[0].role == "Defense Secretary"


def test_surname_and_appositive_role_join_one_entity() -> None:
    text = ("Adm. Carl Vance, commander of the Pacific Fleet, visited the base on Monday.\n\n"
            "“Our ships are ready,” Vance said.")
    (q,) = extract(text)
    assert (q.speaker, q.title, q.role) == ("Carl Vance", "Adm.", "commander of the Pacific Fleet")


def test_acronym_resolves_to_the_full_organisation() -> None:
    text = ("The World Health Organization (WHO) issued new guidance on Monday. "
            "WHO said the risk remained low.")
    (q,) = extract(text)
    assert q.speaker == "World Health Organization" and q.speaker_type == "organization"


def test_the_ministry_resolves_to_the_ministry_named_before() -> None:
    text = ("Japan’s Ministry of Finance said markets were stable. "
            "In a later statement, the ministry said it was ready to intervene.")
    qs = extract(text)
    assert [q.speaker for q in qs] == ["Japan’s Ministry of Finance"] * 2


def test_continuation_paragraph_takes_the_speaker() -> None:
    text = ("“We expected a close race,” said campaign manager Rob Tan.\n\n"
            "“Nobody expected this.”")
    qs = extract(text)
    assert [q.speaker for q in qs] == ["Rob Tan", "Rob Tan"]
    assert qs[1].sieve == "previous_paragraph"


def test_multi_paragraph_quote() -> None:
    text = ("Lee Chan said: “The first thing we did was call the families.\n\n"
            "“Then we went to the site.”")
    qs = extract(text)
    assert [q.kind for q in qs] == ["direct", "direct"]
    assert {q.speaker for q in qs} == {"Lee Chan"}


def test_signed_quote() -> None:
    (q,) = extract("“The food was the best part of the whole trip.” ― Maria Lopez")
    assert q.speaker == "Maria Lopez" and q.sieve == "dash_byline"


@pytest.mark.parametrize(
    "text, cues",
    [
        ("Officials said the plan failed.", ["said"]),
        ("The report states that sales fell.", ["states"]),
        ("The states voted.", []),
        ("She called it “absurd.”", ["called"]),
        ("She called her mother.", []),
        ("Trump's claims were false.", []),
    ],
)
def test_cue_senses(text: str, cues: list[str]) -> None:
    assert [c.word for c in find_cues(tokenize(text))] == cues


@pytest.mark.parametrize("text, attributed", [
    ("“The move was deliberate.” Okafor emphasized that US forces remain prepared.", False),
    ("“The move was deliberate.” Okafor said.", True),
    ("“Was it deliberate?” asked Okafor, the commander.", True),
])
def test_a_quote_ending_its_sentence_joins_only_a_bare_attribution(text: str, attributed: bool) -> None:
    first = extract(text)[0]
    assert first.kind == "direct" and first.text.endswith((".", "?"))
    assert (first.speaker == "Okafor") is attributed


@pytest.mark.parametrize("form, lemma", [("admitted", "admit"), ("admitting", "admit"), ("agreeing", "agree"),
                                         ("quipped", "quip"), ("said", "say"), ("replied", "reply"),
                                         ("emphasised", "emphasise"), ("labelled", "label")])
def test_cue_forms(form: str, lemma: str) -> None:
    from quotes.lexicon import EVALUATIVE_FORMS, SPEECH_FORMS

    assert {**SPEECH_FORMS, **EVALUATIVE_FORMS}.get(form) == lemma


@pytest.mark.parametrize("wrong", ["admited", "agreing", "sayed"])
def test_no_misspelt_cue_forms(wrong: str) -> None:
    from quotes.lexicon import SPEECH_FORMS

    assert wrong not in SPEECH_FORMS


def test_a_quoting_sentence_without_a_cue_continues_the_speaker() -> None:
    text = ("“It is not do or die,” Senator Ada Moss said outside the building. But “the campaign is "
            "stronger with an endorsement. It helps.” Allies, she hopes, “will see what the voters saw.”")
    qs = extract(text)
    assert [(q.kind, q.speaker) for q in qs][:2] == [("direct", "Ada Moss"), ("direct", "Ada Moss")]
    assert qs[1].sieve == "same_paragraph" and qs[1].text.startswith("the campaign is stronger")
    scare = extract("“We won,” Senator Ada Moss said. The hall closed early because of “a scheduled event.”")
    assert [q.text for q in scare] == ["We won,"]  # a short scare quote is not a report


@pytest.mark.parametrize("sentence, sieves", [
    ("Jane Roe said the plan would fail.", ["cue_subject"]),
    ('"It will fail," said Jane Roe.', ["cue_inverted"]),
    ("According to the ministry, the plan failed.", ["according_to"]),
    ("Jane Roe acknowledged the delay but insisted the plan would work.", ["cue_subject", "conjoined_cue"]),
    ("Jane Roe said the plan failed, adding that it would return.", ["cue_subject", "participle_cue"]),
    ("Jane Roe said she recalled that the plan failed.", ["cue_subject"]),  # the inner report is dropped
    ("The plan failed on Monday.", []),
])
def test_each_cue_is_decided_by_the_first_sieve_that_applies(sentence: str, sieves: list[str]) -> None:
    from quotes.attribution.frame import assign_speakers
    from quotes.tokens import tokenize

    toks = tokenize(sentence)
    assert [c.sieve for c in assign_speakers(toks, find_cues(toks))] == sieves


def test_a_sieve_runs_alone() -> None:
    from quotes.attribution import cue_rules
    from quotes.attribution.frame import assign_speakers
    from quotes.tokens import tokenize

    toks = tokenize("Jane Roe said she recalled that the plan failed.")
    cues = find_cues(toks)
    assign_speakers(toks, cues[:1])  # the outer report first
    decision = cue_rules.nested(cue_rules.CueContext(toks, cues, 1, cues[0].mention))
    assert decision is not None and not decision.keep and decision.mention is None
    assert cue_rules.according_to(cue_rules.CueContext(toks, cues, 0, None)) is None  # not its form


def test_the_policy_lists_every_sieve_in_the_order_tried() -> None:
    from quotes.attribution.sieves import CUE_SIEVES, PARAGRAPH_SIEVES

    names = [s.name for s in CUE_SIEVES + PARAGRAPH_SIEVES]
    assert list(SIEVES) == [*dict.fromkeys(names), "marked_span"]  # the learned spans come last
    assert names[-1] == "unattributed" and all(callable(s.rule) for s in CUE_SIEVES + PARAGRAPH_SIEVES)
