"""What a revision changes against the live one, as the reviewer sees it on the review screen.

Words are compared with lxml's ``htmldiff`` (which also tokenises link targets)
and shown highlighted with ``<ins>``/``<del>``. Markup that changes meaning
without changing words (a heading demoted, a list renumbered, emphasis added, a
link retargeted) is compared separately as an outline of the body, and new links
to other sites are listed on their own. Facts are compared by ``facts.py``.
"""

import difflib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from lxml import html as lxml_html
from lxml.html.diff import htmldiff

from .facts import facts_differences, line_differences
from .sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES

# htmldiff leaves an empty <ins></ins> or <del></del> where only whitespace changed.
_EMPTY_CHANGE = re.compile(r"<(ins|del)>\s*</\1>")
TEXT_FIELDS = {"title": "Title", "lead": "Lead", "search_description": "Search description"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    highlighted: SafeString


@dataclass(frozen=True)
class NewLink:
    text: str
    href: str


@dataclass(frozen=True)
class RevisionDifferences:
    """Everything the review screen shows about what a revision changes."""

    fields: list[FieldChange]  # title, lead and search description, when changed
    body: list[SafeString]  # the changed passages of the body, words highlighted
    markup: list[tuple[str, str]]  # ("-" | "+", outline line) for headings, lists, links…
    external_links: list[NewLink]  # links to other sites the old body did not have
    facts: list[tuple[str, str]]  # ("-" | "+", facts line)

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


def _root(body):
    return lxml_html.fragment_fromstring(body or "", create_parent="div")


def body_blocks(body: str) -> list[str]:
    """The top-level blocks of a body as HTML, so unchanged ones can be left out."""
    root = _root(body)
    blocks = [escape(root.text)] if (root.text or "").strip() else []
    return blocks + [lxml_html.tostring(child, encoding="unicode") for child in root]


def changed_passages(old_body: str, new_body: str) -> list[SafeString]:
    """The runs of blocks that differ, each with its words highlighted."""
    old, new = body_blocks(old_body), body_blocks(new_body)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        highlighted("".join(old[i1:i2]), "".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


# The outline: markup that changes meaning, one line per element --------------------

INLINE_LABELS = {"strong": "Bold", "b": "Bold", "em": "Italic", "i": "Italic",
                 "sup": "Superscript", "sub": "Subscript"}  # fmt: skip


def _text(element):
    return " ".join(element.text_content().split())


def _cell_label(cell):
    row = cell.getparent()
    table_rows = list(row.getparent().iter("tr")) if row.getparent() is not None else [row]
    kind = "header cell" if cell.tag == "th" else "cell"
    position = f"row {table_rows.index(row) + 1}, column {row.index(cell) + 1}"
    return f"Table {kind} ({position})"


def _list_label(item):
    parent = item.getparent()
    kind = "Numbered" if parent is not None and parent.tag == "ol" else "Bulleted"
    depth = sum(1 for ancestor in item.iterancestors("ul", "ol"))
    return f"{kind} list item" + (f" (level {depth})" if depth > 1 else "")


def _outline_label(element):
    tag = element.tag
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return f"Heading level {tag[1]}"
    if tag == "li":
        return _list_label(element)
    if tag in ("td", "th"):
        return _cell_label(element)
    if tag == "a":
        return f"Link to {element.get('href', '(no address)')}"
    labels = {"blockquote": "Quotation", "caption": "Table caption", **INLINE_LABELS}
    return labels.get(tag)


def outline(body: str) -> list[str]:
    """Headings, list items, table cells, quotations, emphasis and links, each with its text.

    Plain paragraphs are left out: their words are in the highlighted passages.
    """
    lines = []
    for element in _root(body).iter():
        if isinstance(element.tag, str) and (label := _outline_label(element)):
            lines.append(f"{label}: {_text(element)}")
    return lines


# Links to other sites ----------------------------------------------------------------


def own_hosts() -> set[str]:
    """The host names this site answers to (SITE_URL and ALLOWED_HOSTS)."""
    hosts = {urlsplit(settings.SITE_URL).hostname or ""}
    hosts |= {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host != "*"}
    return hosts - {""}


def is_external(href: str) -> bool:
    """Whether a link leaves the site: anything but its own paths and host names."""
    parts = urlsplit(href.strip())
    if not parts.scheme and not parts.netloc:
        return False  # a path on this site, e.g. /drugs/milnacipran/
    host = (parts.hostname or "").lower()
    return not any(host == own or host.endswith(f".{own}") for own in own_hosts())


def _links(body):
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


def _field_changes(old_revision, new_revision):
    changes = []
    for name, label in TEXT_FIELDS.items():
        old = getattr(old_revision, name, "") if old_revision else ""
        new = getattr(new_revision, name)
        if old != new:
            changes.append(FieldChange(label, highlighted(escape(old), escape(new))))
    return changes


def revision_differences(old_revision, new_revision) -> RevisionDifferences:
    """What ``new_revision`` changes against ``old_revision`` (the live one, or None)."""
    old_body = old_revision.body if old_revision else ""
    return RevisionDifferences(
        fields=_field_changes(old_revision, new_revision),
        body=changed_passages(old_body, new_revision.body),
        markup=line_differences(outline(old_body), outline(new_revision.body)),
        external_links=new_external_links(old_body, new_revision.body),
        facts=facts_differences(old_revision.facts if old_revision else {}, new_revision.facts),
    )
