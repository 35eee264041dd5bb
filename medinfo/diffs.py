"""What a revision changes against the live one, as the reviewer sees it on the review screen.

Words are compared with lxml's ``htmldiff`` (which also tokenises link targets)
and shown highlighted with ``<ins>``/``<del>``. Markup that changes meaning
without changing words (a heading demoted, a list renumbered, emphasis added, a
link retargeted) is compared separately as an outline of the body, and new links
to other sites are listed on their own. Facts are compared by ``facts.py``;
references one line each, so a changed address shows whole.
"""

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import nh3
from django.db.models import Field
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from lxml import html as lxml_html
from lxml.html.diff import htmldiff

from .facts import StoredFacts, facts_differences, grouped_facts_lines, line_differences
from .models import Article, ArticleRevision
from .references import reference_lines
from .sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    markup_characters,
    sanitize_html,
)
from .sanitize import is_external_link as is_external  # the sanitiser's rule, one definition

# htmldiff leaves an empty <ins></ins> or <del></del> where only whitespace changed.
_EMPTY_CHANGE = re.compile(r"<(ins|del)>\s*</\1>")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The review screen shows the body's passages under its own <h4> "Body: changed passages".
PASSAGE_HEADING_LEVEL = 5
# The revision's plain-text fields, labelled as the form labels them; the body has its own diff.
PLAIN_TEXT_FIELDS = [name for name in ArticleRevision.TEXT_FIELDS if name != "body"]
# An lxml element (lxml ships no type information, so mypy sees Any).
Element = Any
# A body's flow: its words (str) and the elements of ``BREAKS`` between them.
Flow = list[Any]


@dataclass(frozen=True)
class FieldChange:
    label: str
    highlighted: SafeString


@dataclass(frozen=True)
class NewLink:
    text: str
    href: str


@dataclass(frozen=True)
class FactsGroup:
    """One group of the facts diff (the drug, a brand, a use's symptoms …) and what changed in it."""

    label: str
    changes: list[tuple[str, str]]  # ("-" | "+", facts line); empty when nothing changed
    lines: list[str]  # the group's lines in the newer revision (the older one's if it is gone)
    unchanged: int  # how many of the newer revision's lines the older one had too

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def added(self) -> int:
        return sum(1 for sign, _ in self.changes if sign == "+")

    @property
    def removed(self) -> int:
        return sum(1 for sign, _ in self.changes if sign == "-")


@dataclass(frozen=True)
class RevisionDifferences:
    """Everything the review screen shows about what a revision changes."""

    fields: list[FieldChange]  # title, lead and search description, when changed
    body: list[SafeString]  # the changed passages of the body, words highlighted
    markup: list[tuple[str, str]]  # ("-" | "+", outline line) for headings, lists, links…
    external_links: list[NewLink]  # links to other sites the old body did not have
    facts: list[tuple[str, str]]  # ("-" | "+", facts line)
    fact_groups: list[FactsGroup]  # the same changes by group, with the unchanged groups
    references: list[tuple[str, str]]  # ("-" | "+", one reference, its address whole)

    @property
    def prose_changed(self) -> bool:
        return bool(self.fields or self.body or self.markup)


def safe_diff_html(value: str) -> SafeString:
    """``htmldiff`` output cut down to the body allow-list plus ``ins`` and ``del``.

    The input comes from sanitised revisions, but the admin runs with a reviewer's
    rights: nothing a body holds may run here, whatever slipped into it.
    """
    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS | {"ins", "del"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # Only the allow-list above survives nh3, so the result is safe to render.
    return mark_safe(_EMPTY_CHANGE.sub("", cleaned))  # noqa: S308  # nosec B308 B703


def highlighted(old_html: str, new_html: str) -> SafeString:
    """Word-level differences between two HTML fragments, safe to show in the admin."""
    return safe_diff_html(htmldiff(old_html or "", new_html or ""))


def _root(body: str) -> Element:
    return lxml_html.fragment_fromstring(body or "", create_parent="div")


def body_blocks(body: str) -> list[str]:
    """The top-level blocks of a body as HTML, so unchanged ones can be left out."""
    root = _root(body)
    blocks = [escape(root.text)] if (root.text or "").strip() else []
    return blocks + [lxml_html.tostring(child, encoding="unicode") for child in root]


def nested_headings(passage: SafeString, top: int = PASSAGE_HEADING_LEVEL) -> SafeString:
    """``passage`` with its headings moved down to start at ``top`` (at most ``<h6>``).

    The body's own ``<h2>`` shown under the screen's ``<h4>`` broke the admin page's
    heading order (axe-core's heading-order): a screen-reader user lost where the
    passage ends. Relative levels stay, so a demoted heading still looks demoted; the
    outline lists each heading's real level ("Heading level 2: …").
    """
    root = _root(passage)
    headings = list(root.iter(*HEADINGS))
    if not headings:
        return passage
    shift = top - min(int(heading.tag[1]) for heading in headings)
    for heading in headings:
        heading.tag = f"h{min(int(heading.tag[1]) + shift, 6)}"
    text = escape(root.text) if root.text else ""
    # A tree parsed from nh3's output with only tag names changed: as safe as the passage.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        text + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    )


def changed_passages(old_body: str, new_body: str) -> list[SafeString]:
    """The runs of blocks that differ, each with its words highlighted and headings nested."""
    old, new = body_blocks(old_body), body_blocks(new_body)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        nested_headings(highlighted("".join(old[i1:i2]), "".join(new[j1:j2])))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


# The outline: markup that changes meaning, one line per element --------------------

INLINE_LABELS = {"strong": "Bold", "b": "Bold", "em": "Italic", "i": "Italic",
                 "sup": "Superscript", "sub": "Subscript"}  # fmt: skip
# Attributes a label already shows in its own words; every other allowed one is listed.
SHOWN_IN_LABEL = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
# Breaks in the flow of words, compared on their own so that word changes do not list them.
BREAKS = {"p": "Paragraph break", "br": "Line break"}
CONTEXT_WORDS = 4


def _text(element: Element) -> str:
    return " ".join(element.text_content().split())


def _attributes(element: Element) -> str:
    """The allowed attributes (sanitize.ALLOWED_ATTRIBUTES) not shown in the label, as text."""
    allowed = ALLOWED_ATTRIBUTES.get(element.tag, set()) | ALLOWED_ATTRIBUTES["*"]
    names = sorted(allowed - SHOWN_IN_LABEL.get(element.tag, set()))
    return "".join(
        f", {name} “{element.get(name)}”" for name in names if element.get(name) is not None
    )


def _list_label(item: Element) -> str:
    parent = item.getparent()
    kind = "Numbered" if parent is not None and parent.tag == "ol" else "Bulleted"
    depth = sum(1 for ancestor in item.iterancestors("ul", "ol"))
    return f"{kind} list item" + (f" (level {depth})" if depth > 1 else "")


def _outline_label(element: Element) -> str | None:
    tag = element.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return f"Heading level {tag[1]}"
    if tag == "li":
        return _list_label(element)
    if tag == "a":
        return f"Link to {element.get('href', '(no address)')}"
    labels = {"blockquote": "Quotation", "caption": "Table caption", **INLINE_LABELS}
    return labels.get(tag)


def _element_lines(root: Element) -> Iterator[str]:
    for element in root.iter():
        if isinstance(element.tag, str) and (label := _outline_label(element)):
            details = _attributes(element)
            label = f"{label} ({details[2:]})" if details else label
            yield f"{label}: {_text(element)}"


# Tables as the reader sees them: every cell at its place in the grid ------------------


def _span(cell: Element, name: str, limit: int) -> int:
    try:
        return min(max(int(cell.get(name, "1")), 1), limit)
    except ValueError:
        return 1


def _row_groups(table: Element) -> list[tuple[str, list[Element]]]:
    """The table's rows in reading order, grouped as HTML spans rows: head, bodies, foot."""
    groups: dict[str, list[tuple[str, list[Element]]]] = {"thead": [], "body": [], "tfoot": []}
    for child in table:
        if child.tag in ("thead", "tfoot"):
            groups[child.tag].append(
                ("head" if child.tag == "thead" else "foot", list(child.iter("tr")))
            )
        elif child.tag == "tbody":
            groups["body"].append(("", list(child.iter("tr"))))
        elif child.tag == "tr":
            groups["body"].append(("", [child]))
    return [*groups["thead"], *groups["body"], *groups["tfoot"]]


def _grid_cells(rows: list[Element]) -> Iterator[tuple[int, int, Element]]:
    """(row, column, cell) for each cell of one row group, rowspan and colspan laid out."""
    taken: set[tuple[int, int]] = set()
    for row_index, row in enumerate(rows):
        column = 0
        for cell in (child for child in row if child.tag in ("td", "th")):
            while (row_index, column) in taken:
                column += 1
            high = _span(cell, "rowspan", len(rows) - row_index)
            wide = _span(cell, "colspan", 1000)
            taken |= {(row_index + r, column + c) for r in range(high) for c in range(wide)}
            yield row_index, column, cell
            column += wide


def _cell_line(cell: Element, row: int, column: int, where: str, table_number: int) -> str:
    kind = "header cell" if cell.tag == "th" else "cell"
    place = [f"table {table_number}"] if table_number > 1 else []
    place += [f"row {row}" + (f" in the table {where}" if where else ""), f"column {column}"]
    high, wide = _span(cell, "rowspan", 65534), _span(cell, "colspan", 1000)
    place += [f"{high} rows high"] if high > 1 else []
    place += [f"{wide} columns wide"] if wide > 1 else []
    return f"Table {kind} ({', '.join(place)}{_attributes(cell)}): {_text(cell)}"


def _table_lines(root: Element) -> Iterator[str]:
    for number, table in enumerate(root.iter("table"), start=1):
        first_row = 1
        for where, rows in _row_groups(table):
            for row, column, cell in _grid_cells(rows):
                yield _cell_line(cell, first_row + row, column + 1, where, number)
            first_row += len(rows)


def outline(body: str) -> list[str]:
    """Headings, list items, quotations, emphasis, links and table cells, each with its text.

    Table cells are listed at their place in the table's grid (row and column
    after every rowspan and colspan), so a cell pushed along is listed too.
    Plain paragraphs are left out: their words are in the highlighted passages,
    and their breaks in ``break_changes``.
    """
    root = _root(body)
    return [*_element_lines(root), *_table_lines(root)]


def _flow(root: Element) -> Flow:
    """The body as a list of words and break markers (the tags of ``BREAKS``)."""
    tokens: Flow = []

    def walk(element: Element) -> None:
        if element.tag in BREAKS:
            tokens.append(element)
        tokens.extend((element.text or "").split())
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            tokens.extend((child.tail or "").split())

    walk(root)
    return tokens


def _break_line(tokens: Flow, index: int) -> str:
    """“Line break between “…take one tablet” and “twice a day…””: the break and its words."""
    words = [token for token in tokens if isinstance(token, str)]
    position = sum(1 for token in tokens[:index] if isinstance(token, str))
    before = " ".join(words[max(position - CONTEXT_WORDS, 0) : position])
    after = " ".join(words[position : position + CONTEXT_WORDS])
    name = BREAKS[tokens[index].tag]
    if not before:
        return f"{name} before “{after}…”"
    return f"{name} between “…{before}” and “{after}…”" if after else f"{name} after “…{before}”"


def break_changes(old_body: str, new_body: str) -> list[tuple[str, str]]:
    """Paragraph and line breaks removed (“-”) or added (“+”), each with the words around it."""
    old, new = _flow(_root(old_body)), _flow(_root(new_body))
    key = [token if isinstance(token, str) else f"\0{token.tag}" for token in old]
    new_key = [token if isinstance(token, str) else f"\0{token.tag}" for token in new]
    matcher = difflib.SequenceMatcher(None, key, new_key, autojunk=False)
    changes: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changes += [
                ("-", _break_line(old, i)) for i in range(i1, i2) if not isinstance(old[i], str)
            ]
            changes += [
                ("+", _break_line(new, j)) for j in range(j1, j2) if not isinstance(new[j], str)
            ]
    return changes


# Links to other sites ----------------------------------------------------------------


def _links(body: str) -> list[NewLink]:
    return [
        NewLink(text=_text(anchor), href=anchor.get("href", ""))
        for anchor in _root(body).iter("a")
        if anchor.get("href")
    ]


def new_external_links(old_body: str, new_body: str) -> list[NewLink]:
    """Links in the new body to other sites that the old body did not link to."""
    known = {link.href for link in _links(old_body)}
    return [link for link in _links(new_body) if is_external(link.href) and link.href not in known]


# The whole comparison ---------------------------------------------------------------


def _field_changes(
    old_revision: ArticleRevision | None, new_revision: ArticleRevision
) -> list[FieldChange]:
    changes = []
    for name in PLAIN_TEXT_FIELDS:
        # TEXT_FIELDS name concrete fields, which have a verbose name.
        field = cast(Field, ArticleRevision._meta.get_field(name))
        label = str(capfirst(field.verbose_name))
        # Stored text may predate today's normalising; htmldiff refuses control characters.
        old = markup_characters(getattr(old_revision, name, "") if old_revision else "")
        new = markup_characters(getattr(new_revision, name))
        if old != new:
            changes.append(FieldChange(label, highlighted(escape(old), escape(new))))
    return changes


def _lines_by_group(facts: StoredFacts | None, article: Article | None) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for group, line in grouped_facts_lines(facts, article=article):
        groups.setdefault(group, []).append(line)
    return groups


def _merged(old: list[str], new: list[str]) -> list[str]:
    """Both lists of group labels in one order: each one's order kept, gone ones where they were."""
    labels: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        labels += new[j1:j2] if tag == "equal" else [*old[i1:i2], *new[j1:j2]]
    return labels


def facts_groups(
    old_facts: StoredFacts | None, new_facts: StoredFacts | None, *, article: Article | None = None
) -> list[FactsGroup]:
    """The facts diff by group, in reading order; a group only the older snapshot had is
    listed where it was (a renamed brand's old group just before its new one).

    Every line ``facts_differences`` lists is in the changes of its group: each line
    names its own group, so a group's lines differ exactly when one of them changed.
    """
    old, new = _lines_by_group(old_facts, article), _lines_by_group(new_facts, article)
    groups: list[FactsGroup] = []
    for label in _merged(list(old), list(new)):
        changes = line_differences(old.get(label, []), new.get(label, []))
        added = sum(1 for sign, _ in changes if sign == "+")
        groups.append(
            FactsGroup(
                label=label,
                changes=changes,
                lines=new.get(label) or old[label],
                unchanged=len(new.get(label, [])) - added,
            )
        )
    return groups


def revision_differences(
    old_revision: ArticleRevision | None, new_revision: ArticleRevision
) -> RevisionDifferences:
    """What ``new_revision`` changes against ``old_revision`` (the live one, or None).

    Both bodies are compared as the public page prints them (sanitised again), so a
    body stored past the sanitiser, or before it removed control characters, is
    compared like any other instead of failing the review screen.
    """
    old_body = sanitize_html(old_revision.body if old_revision else "")
    new_body = sanitize_html(new_revision.body)
    article = new_revision.article
    old_facts = old_revision.facts if old_revision else {}
    return RevisionDifferences(
        fields=_field_changes(old_revision, new_revision),
        body=changed_passages(old_body, new_body),
        markup=line_differences(outline(old_body), outline(new_body))
        + break_changes(old_body, new_body),
        external_links=new_external_links(old_body, new_body),
        facts=facts_differences(old_facts, new_revision.facts, article=article),
        fact_groups=facts_groups(old_facts, new_revision.facts, article=article),
        references=line_differences(
            reference_lines(old_revision.references if old_revision else []),
            reference_lines(new_revision.references),
        ),
    )


# What the admin's screens show ------------------------------------------------------


def diff_rows(changes: list[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    """(class, sign, line) rows for the admin's diff lists, from ("+" | "-", line) pairs."""
    return (("added" if sign == "+" else "removed", sign, line) for sign, line in changes)


def review_differences(
    old_revision: ArticleRevision | None, new_revision: ArticleRevision
) -> dict[str, Any]:
    """The template context of a comparison: the review screen's and the comparison page's."""
    differences = revision_differences(old_revision, new_revision)
    return {
        "differences": differences,
        "markup_rows": list(diff_rows(differences.markup)),
        "references_rows": list(diff_rows(differences.references)),
    }
