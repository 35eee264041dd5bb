"""Helpers for the public-site tests: committed publication and reading pages as a visitor.

Publishing runs its side effects (A–Z names, page-cache invalidation) in
``transaction.on_commit``; inside pytest's transactional ``db`` fixture nothing
ever commits, so ``committed()`` runs those callbacks the way a real commit would.
"""

import json
from contextlib import contextmanager
from html.parser import HTMLParser

from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from medinfo import workflow
from tests.factories import editor_user, milnacipran, published_article, reviewer_user

MILNACIPRAN_TITLE = "What Is Milnacipran Used For?"
MILNACIPRAN_LEAD = "Milnacipran can help ease the pain of fibromyalgia."
MILNACIPRAN_BODY = (
    "<h2>How milnacipran works</h2><p>Milnacipran raises serotonin and norepinephrine.</p>"
)


@contextmanager
def committed():
    """Run every on-commit callback registered inside the block, as a real commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield


def publish(**kwargs):
    """``published_article(**kwargs)`` with its publication side effects applied."""
    with committed():
        return published_article(**kwargs)


def publish_milnacipran_uses(**kwargs):
    """/drugs/milnacipran/uses/, approved by Kristi Monson, PharmD, with its side effects applied."""
    reviewer = kwargs.pop("reviewer", None) or reviewer_user(
        display_name="Kristi Monson", slug="kristi-monson"
    )
    text = {"title": MILNACIPRAN_TITLE, "lead": MILNACIPRAN_LEAD, "body": MILNACIPRAN_BODY}
    return publish(drug=milnacipran(), reviewer=reviewer, **{**text, **kwargs})


def republish(article, *, editor=None, reviewer=None, **text):
    """Approve a new revision of a live article carrying ``text``, as the workflow does it."""
    editor = editor or editor_user()
    with committed():
        draft = workflow.start_revision(article=article, author=editor)
        fields = {name: getattr(draft, name) for name in ("title", "lead", "body", "references")}
        draft = workflow.save_draft(
            revision=draft, editor=editor, expected_version=draft.version, **{**fields, **text}
        )
        submitted = workflow.submit_revision(revision=draft, submitter=editor)
        workflow.approve_revision(revision=submitted, reviewer_user=reviewer or reviewer_user())
    article.refresh_from_db()
    return article


def unpublish(article, *, reviewer=None):
    """Take a live article off the site, with its side effects applied."""
    with committed():
        workflow.unpublish_article(
            article=article, reviewer_user=reviewer or reviewer_user(), reason="Withdrawn."
        )
    article.refresh_from_db()
    return article


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class Element:
    """One element of a parsed page: its tag, attributes, children and text."""

    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    @property
    def text(self):
        """The element's text as a reader sees it, whitespace collapsed."""
        parts = [child if isinstance(child, str) else child.text for child in self.children]
        return " ".join("".join(parts).split())

    @property
    def raw_text(self):
        return "".join(child for child in self.children if isinstance(child, str))

    def has_class(self, name):
        return name in (self.attrs.get("class") or "").split()

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, *, class_=None, **attrs):
        """Descendants matching a tag, a class and attribute values (``None`` matches any)."""
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (class_ is None or element.has_class(class_))
            and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def find(self, tag=None, *, class_=None, **attrs):
        found = self.find_all(tag, class_=class_, **attrs)
        assert found, f"no <{tag}> with class={class_!r} {attrs!r} on the page"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID_TAGS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response):
    """The page of a response as a tree of ``Element``s."""
    builder = _TreeBuilder()
    builder.feed(response.content.decode())
    builder.close()
    return builder.root


def headings(page):
    """[(level, text)] of every h1–h6 in document order."""
    return [
        (int(element.tag[1]), element.text)
        for element in page.iter()
        if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}
    ]


def skipped_heading_levels(page):
    """Headings that go more than one level deeper than the one before (h1 → h3)."""
    levels = [level for level, _ in headings(page)]
    return [
        (before, after)
        for before, after in zip([0, *levels], levels, strict=False)
        if after > before + 1
    ]


def az_entries(page):
    """[(text, href)] of every name an A–Z index page lists, in order."""
    return [
        (item.text, item.find("a").attrs["href"])
        for az_list in page.find_all("ul", class_="az-list")
        for item in az_list.find_all("li")
    ]


def json_ld(response):
    """Every JSON-LD document of a page, parsed."""
    scripts = parse(response).find_all("script", type="application/ld+json")
    return [json.loads(script.raw_text) for script in scripts]


def graph_nodes(document, type_name):
    """Every node of ``@type`` ``type_name`` anywhere inside a JSON-LD document."""
    found = []
    if isinstance(document, dict):
        if document.get("@type") == type_name:
            found.append(document)
        for value in document.values():
            found += graph_nodes(value, type_name)
    elif isinstance(document, list):
        for value in document:
            found += graph_nodes(value, type_name)
    return found


# Every public address pattern -------------------------------------------------------------

PUBLIC_EXCLUDED_NAMESPACES = {"admin"}


def public_routes(patterns=None, prefix=""):
    """Every route string reachable from the root URLconf, the admin left out."""
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue
        if isinstance(entry, URLResolver):
            if entry.namespace not in PUBLIC_EXCLUDED_NAMESPACES:
                routes += public_routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            routes.append(prefix + str(entry.pattern))
    return routes


ROUTES = public_routes()
