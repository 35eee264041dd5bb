"""What a review comment points at, and where that is in another revision.

A paragraph is named by its text field, its position among the field's blocks
(the lead's lines; the body's paragraphs, headings, list items, cells) and a
digest of its words. The next revision finds it by the digest, wherever it
moved; when no block reads the same any more, the comment is *outdated* and
shows the quote it was written against.

A fact is named by its key path in the facts snapshot, built from the schema in
``medinfo.facts``: ``drug.generic_name``, ``drug.uses[fibromyalgia]``,
``drug.uses[fibromyalgia].symptoms[Headaches]``. List items are named by the
same key the reviewer's diff names them by. A fact whose value differs, or that
is gone, is outdated too.
"""

import dataclasses
import hashlib
import json
from dataclasses import dataclass

import lxml.html
from lxml import etree

from common.text import plain_text

from .facts import load_facts
from .models import AnchorKind, ArticleRevision
from .readability import BLOCK_TAGS

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# The body's blocks a comment can point at, and what the comment list calls each.
BODY_BLOCKS = BLOCK_TAGS | HEADINGS
BLOCK_NAMES = {"li": "list item", "td": "table cell", "th": "table cell",
               "blockquote": "quotation", "dd": "definition", "dt": "term",
               **dict.fromkeys(HEADINGS, "heading")}  # fmt: skip
QUOTE_LENGTH = 80
PATH_MAX_LENGTH = 500  # Comment.fact_path


@dataclass(frozen=True)
class Anchor:
    """A paragraph or fact of one revision that a comment can point at."""

    kind: str  # AnchorKind
    where: str  # “Body, paragraph 2”, “Drug › use for “fibromyalgia””
    digest: str
    text: str = ""  # the paragraph's words, or the fact's value as shown
    field: str = ""
    index: int | None = None
    path: str = ""

    @property
    def quote(self) -> str:
        """What a comment stores of it: the start of the paragraph, or the fact's line."""
        if self.kind == AnchorKind.FACT:
            return quoted(f"{self.where}: {self.text}" if self.text else self.where)
        return quoted(self.text)

    @property
    def label(self) -> str:
        """How the thread names it: “Body, paragraph 2: “Take it…””, or the fact's line."""
        if self.kind == AnchorKind.FACT:
            return f"{self.where}: {self.text}" if self.text else self.where
        return f"{self.where}: “{self.quote}”"

    @property
    def key(self) -> str:
        """The anchor's value in the comment form, unique within its revision."""
        if self.kind == AnchorKind.FACT:
            return f"fact:{self.path}"
        return f"text:{self.field}:{self.index}:{self.digest}"


@dataclass(frozen=True)
class Location:
    """Where a comment's anchor is in the revision being read, or why it is outdated."""

    label: str
    outdated: bool = False
    note: str = ""


def digest(value) -> str:
    """A short fingerprint of a paragraph's words or a fact's value."""
    data = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def quoted(text: str) -> str:
    """The start of ``text``, at most ``QUOTE_LENGTH`` characters."""
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


# Paragraphs ------------------------------------------------------------------------


def _words(text: str) -> str:
    return " ".join((plain_text(text) or "").split())


def _body_blocks(body: str) -> list[tuple[str, str]]:
    """(tag, words) of each outermost block of ``body`` that has words, in reading order."""
    if not (body or "").strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(body, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    blocks = [
        (element.tag, _words(element.text_content()))
        for element in root.iter(*BODY_BLOCKS)
        if not any(ancestor.tag in BODY_BLOCKS for ancestor in element.iterancestors())
    ]
    return [(tag, words) for tag, words in blocks if words]


def field_blocks(revision, name: str) -> list[tuple[str, str]]:
    """(block name, words) of one text field: the body's blocks, the lead's lines, or the field."""
    value = getattr(revision, name) or ""
    if name == "body":
        return [(BLOCK_NAMES.get(tag, "paragraph"), words) for tag, words in _body_blocks(value)]
    lines = [_words(line) for line in value.splitlines()] if name == "lead" else [_words(value)]
    return [("paragraph", line) for line in lines if line]


def _field_label(name: str) -> str:
    return str(ArticleRevision._meta.get_field(name).verbose_name).capitalize()


def text_anchors(revision) -> list[Anchor]:
    """Every paragraph of ``revision``'s text fields, in the order the form shows them."""
    anchors = []
    for name in ArticleRevision.TEXT_FIELDS:
        blocks = field_blocks(revision, name)
        counts: dict[str, int] = {}
        for index, (block_name, words) in enumerate(blocks):
            counts[block_name] = counts.get(block_name, 0) + 1
            label = _field_label(name)
            if len(blocks) > 1:
                label = f"{label}, {block_name} {counts[block_name]}"
            anchors.append(
                Anchor(AnchorKind.PARAGRAPH, label, digest(words), text=words, field=name,
                       index=index)
            )  # fmt: skip
    return anchors


# Facts -----------------------------------------------------------------------------


def _shown(value, field) -> str:
    """A value as the reviewer's diff prints it (``medinfo.facts``): labels, “yes”, “—”."""
    choices = field.metadata.get("choices")
    if value is None or value == "" or value == ():
        return field.metadata.get("empty", "—")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return str(choices(value).label if choices and value in choices.values else value)


def _item_key(item, dotted: str) -> str:
    for name in dotted.split("."):
        item = getattr(item, name)
    return str(item)


def _value(value):
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


def _fact_anchor(path: str, labels: list[str], value, shown: str = "") -> Anchor:
    where = " › ".join(labels)
    where = where[:1].upper() + where[1:]
    return Anchor(AnchorKind.FACT, where, digest(_value(value)), text=shown, path=path)


def _fact_anchors(value, path: str, labels: list[str], *, inside_item=False):
    """Anchors for the fields of the dataclass ``value``.

    Outside list items every field is one; inside an item (a use, a brand) only
    nested lists are, since the item's own anchor covers its other fields.
    """
    for field in dataclasses.fields(value):
        if not field.metadata.get("diff", True):
            continue
        child, child_path = getattr(value, field.name), f"{path}.{field.name}"
        child_labels = [*labels, field.metadata["label"]]
        if "key" in field.metadata:
            for item in child or ():
                key = _item_key(item, field.metadata["key"])
                item_labels = [*labels, f"{field.metadata['item']} “{key}”"]
                item_path = f"{child_path}[{key}]"
                yield _fact_anchor(item_path, item_labels, item)
                yield from _fact_anchors(item, item_path, item_labels, inside_item=True)
        elif not inside_item:
            shown = "" if dataclasses.is_dataclass(child) else _shown(child, field)
            yield _fact_anchor(child_path, child_labels, child, shown)


def fact_anchors(facts: dict | None, *, article=None) -> list[Anchor]:
    """Every fact of a stored snapshot a comment can point at, in the diff's order."""
    snapshot = load_facts(facts, article=article)
    anchors = []
    for field in dataclasses.fields(snapshot):
        value = getattr(snapshot, field.name)
        if value is not None and field.metadata.get("diff", True):
            anchors += _fact_anchors(value, field.name, [field.metadata["label"]])
    return [anchor for anchor in anchors if len(anchor.path) <= PATH_MAX_LENGTH]


# Finding a comment's anchor again ----------------------------------------------------


def locate(comment, anchors: list[Anchor]) -> Location:
    """Where ``comment`` points among ``anchors`` (another revision's), or that it is outdated."""
    if comment.anchor_kind == AnchorKind.FACT:
        return _locate_fact(comment, anchors)
    same = [
        anchor
        for anchor in anchors
        if anchor.kind == AnchorKind.PARAGRAPH
        and anchor.field == comment.field
        and anchor.digest == comment.anchor_digest
    ]
    if same:
        nearest = min(same, key=lambda anchor: abs(anchor.index - comment.block_index))
        return Location(nearest.label)
    where = _field_label(comment.field)
    return Location(
        f"{where}: “{comment.quote}”",
        outdated=True,
        note=f"Outdated: this paragraph of the {where.lower()} has changed since.",
    )


def _locate_fact(comment, anchors: list[Anchor]) -> Location:
    found = next(
        (a for a in anchors if a.kind == AnchorKind.FACT and a.path == comment.fact_path), None
    )
    if found is None:
        return Location(
            comment.quote, outdated=True, note="Outdated: this fact is no longer shown."
        )
    if found.digest != comment.anchor_digest:
        return Location(
            found.label,
            outdated=True,
            note=f"Outdated: this fact has changed since (was: {comment.quote}).",
        )
    return Location(found.label)
