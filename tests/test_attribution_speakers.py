"""Speakers of participles the parser hangs on a noun, on text written for the tests."""

from __future__ import annotations

from test_attribution import analyse, only


def test_participle_after_a_comma_takes_the_subject_not_the_object(engine):
    text = "The party chairman called for a voice vote, and then a show of hands, declaring after both that the request was denied.\n"
    atts, _ = analyse(engine, text)
    assert only(atts, "declaring").source.text == "The party chairman"


def test_message_sent_to_people_speaks_for_its_sender(engine):
    text = "The union sent a letter to members warning that the strike could last weeks.\n"
    atts, _ = analyse(engine, text)
    assert only(atts, "warning").source.text == "The union"

