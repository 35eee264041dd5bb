"""``plain_text`` decides each character through a lookup table (issue #15): the same
result as deciding character by character, for every code point, at a table lookup a
character instead of a Python call, and a table no input can grow past its limit."""

import sys

import pytest

from common import text
from common.text import _visible_char, plain_text

CHUNK = 4096


@pytest.mark.parametrize("multiline", [False, True])
def test_every_code_point_becomes_what_it_did_one_by_one(multiline):
    """Each character of all of Unicode, surrogates included, becomes what ``_visible_char`` says."""
    for start in range(0, sys.maxunicode + 1, CHUNK):
        chars = "".join(map(chr, range(start, min(start + CHUNK, sys.maxunicode + 1))))
        expected = "".join(_visible_char(char, multiline) for char in chars)
        assert chars.translate(text._VISIBLE_CHARS[multiline]) == expected, hex(start)


def test_known_characters_cost_no_python_call(monkeypatch):
    """A text of characters seen before is normalised without deciding any of them again
    (the old code called a function for every character of every text)."""
    lead = "Milnacipran treats fibromyalgia in adults.\n\tIt is an SNRI. " * 20
    plain_text(lead, multiline=True)
    decided = []
    real = text._visible_char
    monkeypatch.setattr(text, "_visible_char", lambda *args: decided.append(args) or real(*args))
    assert plain_text(lead, multiline=True).startswith("Milnacipran treats fibromyalgia")
    assert decided == []


def test_the_table_stops_growing_at_its_limit():
    """Text of more distinct characters than the limit leaves the table at the limit."""
    plain_text("".join(map(chr, range(0x4E00, 0x4E00 + 3 * text._VisibleChars.LIMIT))))
    assert len(text._VISIBLE_CHARS[False]) <= text._VisibleChars.LIMIT
