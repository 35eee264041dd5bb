"""Conditions a drug article's prose names that are not among the drug's structured uses.

A use the prose discusses must exist as a structured approved or off-label use
(issue #12, item 3), or the "Not approved" box, the evidence level and the age
limits never reach the reader. The prose may also name a condition only as a risk
or a side effect, so this is a notice for the editor and the reviewer, never a
block: ``unlisted_conditions`` finds the names, ``render_notice`` words it.

A condition counts as named when its name or one of its other names appears in
the lead or the body (headings included) as whole words, in any letter case;
"hypertension" is not found inside "prehypertension". The body is sanitised
again and its markup dropped first, so script or style content never counts and
nothing of it reaches the notice, which the template escapes.
"""

import functools
import html
import re
import threading
from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from common.db import fetch_checking_the_connection, with_tables
from common.text import plain_text
from conditions.models import Condition, split_other_names
from drugs.models import Use

from .sanitize import sanitize_html
from .searchtext import body_text

TEMPLATE = "admin/medinfo/articlerevision/prose_uses.html"


def prose_text(*, lead: str, body: str) -> str:
    """The lead and the body's words (tags dropped, entities decoded) as one plain text."""
    words = html.unescape(body_text(sanitize_html(body)))
    return plain_text(f"{lead or ''}\n{words}", multiline=True)


# Apostrophes as typed, pasted or set by a word processor: any of them stands for another.
APOSTROPHES = "'\u2019\u2018"
# Between a name's words: spaces, or a hyphen or dash ("heart-failure", "type-2 diabetes").
WORD_GAP = r"(?:\s+|\s*[-\u2010\u2011\u2013]\s*)"


def name_pattern(name: str) -> re.Pattern[str] | None:
    """``name`` as whole words, with spaces or a hyphen between its words and any
    apostrophe for its apostrophes; in any letter case, except a name written in capitals
    (an abbreviation: "ALL", "CHF"), which only counts in capitals ("take all of it" does
    not name acute lymphoblastic leukaemia)."""
    words = plain_text(name).split()
    # A name without a letter or digit ("---", a stray comma's "!!") names nothing: as a
    # pattern it matched every dash between words (outside attack).
    if not WORD.search(name):
        return None
    apostrophe = f"[{APOSTROPHES}]"
    escaped = (re.sub(apostrophe, apostrophe, re.escape(word)) for word in words)
    joined = WORD_GAP.join(escaped)
    flags = 0 if name.isupper() else re.IGNORECASE
    return re.compile(rf"(?<!\w){joined}(?!\w)", flags)


WORD = re.compile(r"\w+")
ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")


def text_words(text: str) -> frozenset[str]:
    r"""The words of ``text`` as ``may_name`` looks them up: each run of word characters
    (where a pattern's ``(?<!\w)`` and ``(?!\w)`` may stand), case-folded.

    ``re.IGNORECASE`` matches an ASCII letter with a few letters whose case fold is not
    that letter alone: the dotless ı and the dotted İ (folded to "i"), the Kelvin sign
    and the long s (their folds are "k" and "s"). So a run of the text a name's word
    matches folds to that word.
    """
    return frozenset(
        word.casefold().replace("ı", "i").replace("i\u0307", "i") for word in WORD.findall(text)
    )


@functools.lru_cache(maxsize=16384)
def _name_words(name: str) -> frozenset[str] | None:
    """The folded runs of word characters of a printable ASCII name; None for other names."""
    if not (name.isascii() and name.isprintable()):
        return None
    return frozenset(word.casefold() for word in ASCII_WORD.findall(name))


def may_name(name: str, words: frozenset[str]) -> bool:
    """False only when ``name`` cannot match in the text ``words`` (``text_words``) came from.

    A cheap test that spares compiling a pattern for every condition (3,000 of them made
    the article form take over a second, issue #15). In a match of a printable ASCII
    name, each run of word characters of the name is matched by a whole run of the
    text (the name's other characters and the pattern's edges are not word characters),
    so each is one of the text's words: a subset test, where looking for it as a
    substring of the whole text cost 5 ms for 3,000 conditions. Any other name is
    always compiled and searched.
    """
    name_words = _name_words(name)
    return name_words is None or name_words <= words


def names_in(condition: Condition, text: str, words: frozenset[str] | None = None) -> bool:
    """Whether ``text`` names ``condition`` by its name or one of its other names."""
    return any_named([condition.name, *condition.other_names_list], text, words)


def any_named(names: Sequence[str], text: str, words: frozenset[str] | None = None) -> bool:
    """Whether ``text`` names any of ``names`` (``words``: ``text_words(text)``, if known)."""
    words = text_words(text) if words is None else words
    return _any_named([(name, _name_words(name)) for name in names], text, words)


def _any_named(
    names: Sequence[tuple[str, frozenset[str] | None]], text: str, words: frozenset[str]
) -> bool:
    for name, name_words in names:
        # may_name, inline: this runs for each of thousands of conditions.
        if name_words is not None and not name_words <= words:
            continue
        pattern = name_pattern(name)
        if pattern is not None and pattern.search(text):
            return True
    return False


# Every condition's names, kept per process and indexed by a word each name needs, so a form
# looks up the text's few hundred words instead of reading and testing 3,000 conditions
# (5 ms of the article form at 50,000 articles, issue #15). Read again whenever the table
# may have changed: its row count, its newest update or its newest history row (each save
# and delete through Django writes one) differ from what the index was built from (0.3 ms
# at 3,000 conditions). An UPDATE that bypasses Django (raw SQL, QuerySet.update) shows
# once any condition is saved again.
_FINGERPRINT_SQL = """
    SELECT COUNT(*), MAX(updated_at), (SELECT MAX(history_id) FROM {history}) FROM {condition}
"""
_NAMES_SQL = "SELECT id, name, other_names FROM {condition}"
_USED_SQL = "SELECT condition_id FROM {use} WHERE drug_id = %s"

# (condition id, name, other names, each name with its _name_words)
_Entry = tuple[int, str, str, tuple[tuple[str, frozenset[str] | None], ...]]


def _sql(template: str) -> str:
    return with_tables(template, condition=Condition, history=Condition.history.model, use=Use)


class _NameIndex:
    def __init__(self, rows):
        self.by_word: dict[str, list[_Entry]] = {}
        # Names a text may hold whatever its words: not printable ASCII, or no word at all.
        self.always: list[_Entry] = []
        for condition_id, name, other_names in rows:
            names = tuple(
                (each, _name_words(each)) for each in (name, *split_other_names(other_names))
            )
            entry = (condition_id, name, other_names, names)
            for _, name_words in names:
                if name_words:
                    self.by_word.setdefault(min(name_words), []).append(entry)
                else:
                    self.always.append(entry)

    def candidates(self, words: frozenset[str]) -> dict[int, _Entry]:
        """The conditions one of whose names may be in a text of ``words``, by id."""
        found = {entry[0]: entry for entry in self.always}
        for word in words:
            for entry in self.by_word.get(word, ()):
                found[entry[0]] = entry
        return found


_index: tuple[tuple, _NameIndex] | None = None
_index_lock = threading.Lock()


def _name_index() -> _NameIndex:
    global _index
    fingerprint = tuple(fetch_checking_the_connection(_sql(_FINGERPRINT_SQL), [])[0])
    with _index_lock:
        if _index is None or _index[0] != fingerprint:
            _index = (fingerprint, _NameIndex(fetch_checking_the_connection(_sql(_NAMES_SQL), [])))
        return _index[1]


def unlisted_conditions(revision: Any, *, article: Any = None) -> list[Condition]:
    """Conditions the revision's prose names that are not the condition of any of its drug's
    uses, approved or off-label, sorted by name; empty for articles not about a drug.

    ``article`` is the revision's article when the caller has it loaded. Two small queries
    however many conditions there are, and a third to read every name when the
    conditions changed since this process last read them (``_name_index``).
    """
    drug_id = (article or revision.article).drug_id
    if drug_id is None:
        return []
    text = prose_text(lead=revision.lead, body=revision.body)
    if not text:
        return []
    words = text_words(text)
    candidates = _name_index().candidates(words)
    if not candidates:
        return []
    used = {row[0] for row in fetch_checking_the_connection(_sql(_USED_SQL), [drug_id])}
    # Only the conditions found become instances (as ``.only()`` would have made them);
    # names are unique however cased, so sorting by the folded name is a total order.
    found = [
        Condition.from_db(None, ["id", "name", "other_names"], entry[:3])
        for condition_id, entry in candidates.items()
        if condition_id not in used and _any_named(entry[3], text, words)
    ]
    return sorted(found, key=lambda condition: condition.name.casefold())


def spoken_list(names: list[str]) -> str:
    """“a”, “a and b”, “a, b and c”."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def render_notice(revision: Any, *, article: Any = None) -> SafeString:
    """The notice as HTML (escaped), or an empty string when there is nothing to tell."""
    article = article or revision.article
    conditions = unlisted_conditions(revision, article=article)
    if not conditions:
        return SafeString("")
    names = [condition.name for condition in conditions]
    return render_to_string(
        TEMPLATE,
        {
            "names": spoken_list(names),
            "several": len(names) > 1,
            "drug": article.drug.generic_name,
        },
    )


class ProseUsesAdminMixin:
    """The article form's read-only "conditions in the text" row, below the reading grade."""

    @admin.display(description="conditions in the text")
    def conditions_in_text(self, article: Any) -> str:
        """The notice for the revision the form shows, as last saved."""
        if article.latest_revision_id is None or article.drug_id is None:
            return "Checked when the text is saved."
        notice = render_notice(article.latest_revision, article=article)
        return notice or "Every condition the text names is one of the drug's uses."
