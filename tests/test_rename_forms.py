"""What each mention of a renamed name becomes (lsp/rename.py), on names written for the test."""

import pytest

from copydesk.lsp.rename import RenameRefused, check_new_name, replacement_for


@pytest.mark.parametrize(
    "text, old, new, expected",
    [
        ("Zaporozhye", "Zaporozhye", "Zaporizhzhia", "Zaporizhzhia"),
        ("ZAPOROZHYE", "Zaporozhye", "Zaporizhzhia", "ZAPORIZHZHIA"),  # a headline in capitals stays so
        ("Zaporizhzhia", "Zaporozhye", "Zaporizhia", "Zaporizhia"),  # another spelling of the whole
        ("Melnyk", "Oksana Melnyk", "Oksana Melnik", "Melnik"),  # the surname alone
        ("Oksana", "Oksana Melnyk", "Oksana Melnik", "Oksana"),
        ("Oksana Melnyk", "Melnyk", "Melnik", "Oksana Melnik"),  # renamed from the surname
        ("Melnyk", "Oksana Melnyk", "Melnik", "Melnik"),  # a shorter new name
        ("Melnik", "Oksana Melnyk", "Oksana Melnychuk", "Melnychuk"),  # a variant of the surname
    ],
)
def test_replacement_for(text, old, new, expected):
    assert replacement_for(text, old, new) == expected


def test_new_name_must_be_one_line_and_not_empty():
    assert check_new_name("  Oksana   Melnik ") == "Oksana Melnik"
    for bad in ("", "   ", "Oksana\nMelnik"):
        with pytest.raises(RenameRefused):
            check_new_name(bad)
