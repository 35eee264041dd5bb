"""Rendering an article revision: one path for the public page and the staff preview.

A submitted revision never changes, so the HTML it produces is cached for good
under its id. ``ArticlePage`` loads each piece of data only when a template
fragment that needs it is missing from the cache: a warm article page costs one
small query (which revision is live at this URL) and a few cache reads.

The page settings (ads, related articles) come from the live revision's
snapshot too, so they change with an approval, never with a save of the article.
"""

import operator

from django.conf import settings
from django.db import connection
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property

from common.db import fetch_checking_the_connection
from drugs.models import UseKind
from medinfo import cachetags as tags
from medinfo.facts import FactsSnapshot, PageFacts, capture_page, capture_snapshot, load_facts
from medinfo.models import Article, ArticleKind, ArticleRevision, LiveRelatedLink, RevisionStatus
from medinfo.preview import preview_banner
from medinfo.references import Reference, stored_references

from .pagecache import add_tags, render_whole, tag_versions
from .structured_data import article_graph, as_script


def listed_as_related(article_id) -> set[int]:
    """Live articles whose approved page settings list ``article_id`` as related.

    The article form's list may differ until the next approval, so the pages to
    refresh are those of the live snapshots, recorded row by row at publication.
    """
    links = LiveRelatedLink.objects.filter(listed_article_id=article_id).order_by()
    return set(links.values_list("article_id", flat=True))


class ArticlePage:
    """Everything the article template shows, each part loaded on first use."""

    def __init__(self, request, *, reference, article=None, revision=None, preview=False):
        self.request = request
        self.reference = reference
        self.preview = preview
        if article is not None:
            self.__dict__["article"] = article
        if revision is not None:
            self.__dict__["revision"] = revision
        versions = tag_versions(
            tags.related_tag(reference["pk"]),
            tags.reviewer_tag(reference["reviewer_id"]),
            tags.AD_PLACEMENTS,
        )
        self.related_version, self.reviewer_version, self.ads_version = versions

    # A preview of an editor's autosave rather than of a stored revision (render_preview).
    unsaved = False
    # Fragments keyed by tag versions; see settings.MEDINFO_TAGGED_FRAGMENT_SECONDS.
    tagged_seconds = settings.MEDINFO_TAGGED_FRAGMENT_SECONDS

    @property
    def preview_banner(self):
        return preview_banner(self.revision, unsaved=self.unsaved) if self.preview else ""

    # What the cached fragments of templates/medinfo/article_detail.html are keyed by
    # (tests/website/test_public_pages.py checks the template against this list).
    HTML_KEY_PARTS = (
        "request.scheme",
        "request.get_host",
        "page.preview",
        "page.revision_id",
        "page.status",
        "page.show_ads",
        "page.ads_version",
        "page.reviewer_version",
        "page.related_version",
    )

    def html_key_parts(self):
        """The values of HTML_KEY_PARTS for this page: the key of the whole page.

        The request's parts (scheme, host) are left to ``render_whole``, which adds them
        to every key it makes.
        """
        return list(_PAGE_KEY_PARTS(self))

    @property
    def status(self):
        return self.reference["status"]

    @property
    def revision_id(self):
        return self.reference["live_revision_id"]

    @property
    def show_ads(self):
        # The reference reads the live snapshot's setting (see _REFERENCE_SQL).
        return bool(self.reference["ads_enabled"]) and not self.preview

    @cached_property
    def article(self):
        # Every fragment that needs the article also needs the revision: one query for both.
        return self.revision.article

    @cached_property
    def revision(self):
        return (
            ArticleRevision.objects.select_related(
                "reviewer", "article__drug", "article__condition"
            )
            .defer(*ArticleRevision.SEARCH_FIELDS)
            .get(pk=self.revision_id)
        )

    @cached_property
    def is_site_page(self):
        """About, Privacy …: reviewed like articles, but not medical information."""
        return self.article.kind == ArticleKind.SITE_PAGE

    @cached_property
    def is_draft(self):
        return self.reference["status"] == RevisionStatus.DRAFT

    @cached_property
    def facts(self) -> FactsSnapshot:
        # A draft has no snapshot yet: preview it with the facts submitting would capture.
        if self.is_draft:
            return capture_snapshot(self.article)
        return load_facts(self.revision.facts, article=self.article)

    @cached_property
    def page_settings(self) -> PageFacts:
        """The approved page settings; a snapshot without them follows the article's own."""
        return self.facts.page or capture_page(self.article)

    @property
    def drug(self):
        return self.facts.drug

    @property
    def condition(self):
        return self.facts.condition

    def uses(self, kind):
        return [use for use in (self.drug.uses if self.drug else ()) if use.kind == kind]

    @property
    def approved_uses(self):
        return self.uses(UseKind.APPROVED)

    @property
    def off_label_uses(self):
        return self.uses(UseKind.OFF_LABEL)

    @cached_property
    def sources(self) -> list[Reference]:
        """The revision's references, numbered on the page in this order."""
        return stored_references(self.revision.references)

    @cached_property
    def canonical_url(self):
        return self.request.build_absolute_uri(self.article.get_absolute_url())

    @cached_property
    def breadcrumbs(self):
        return article_breadcrumbs(self.facts, self.revision)

    def json_ld(self):
        crumbs = [(name, self.request.build_absolute_uri(path)) for name, path in self.breadcrumbs]
        graph = article_graph(
            article=self.article,
            revision=self.revision,
            url=self.canonical_url,
            breadcrumbs=crumbs,
            facts=self.facts,
        )
        return as_script(graph)

    @cached_property
    def related_articles(self):
        """The approved related articles a visitor may open: only live ones, with their live titles."""
        ids = [related.article_id for related in self.page_settings.related_articles]
        if not ids:
            return []
        return list(
            Article.objects.live()
            .filter(pk__in=ids)
            .select_related("live_revision", "drug", "condition")
            .only("slug", "drug__slug", "condition__slug", "live_revision__title")
            .order_by("pk")
        )


def _page_parts(parts):
    """A getter of an ArticlePage's own ``parts`` (``page.…``); ``render_whole`` adds the
    request's (scheme, host) to every key by itself."""
    left_to_render_whole = {"request.scheme", "request.get_host"}
    own = [part for part in parts if part not in left_to_render_whole]
    unknown = [part for part in own if not part.startswith("page.")]
    if unknown:
        raise ValueError(f"An article page's key cannot hold {unknown}.")
    return operator.attrgetter(*(part.removeprefix("page.") for part in own))


_PAGE_KEY_PARTS = _page_parts(ArticlePage.HTML_KEY_PARTS)


# The hottest query of the site, so it skips the ORM's query compiler (which costs
# several times what the database does here). Table names come from the models.
# "Show ads" is the live snapshot's page setting; a snapshot without one (schema
# version 2) follows the article's own, as facts.upgrade_facts does.
_REFERENCE_SQL = """
    SELECT article.id, COALESCE({approved_show_ads}, article.ads_enabled), article.live_revision_id,
           revision.status, revision.reviewer_id
    FROM {article} article
    JOIN {revision} revision ON revision.id = article.live_revision_id
    {join}
    WHERE {where}
"""
_REFERENCE_FIELDS = ("pk", "ads_enabled", "live_revision_id", "status", "reviewer_id")
_APPROVED_SHOW_ADS = {
    "postgresql": "(revision.facts -> 'page' ->> 'show_ads')::boolean",
    "sqlite": "json_extract(revision.facts, '$.page.show_ads')",
}


def _live_reference(*, join, where, params):
    sql = _REFERENCE_SQL.format(
        approved_show_ads=_APPROVED_SHOW_ADS[connection.vendor],
        article=Article._meta.db_table,
        revision=ArticleRevision._meta.db_table,
        join=join,
        where=where,
    )
    rows = fetch_checking_the_connection(sql, params)
    return dict(zip(_REFERENCE_FIELDS, rows[0], strict=True)) if rows else None


def live_article_reference(*, subject, subject_slug, article_slug):
    """The ids the page needs to find its cached parts (None unless the article is live).

    ``subject`` is "drug" or "condition"; a condition's own articles have no drug.
    """
    subject_table = Article._meta.get_field(subject).related_model._meta.db_table
    where = "subject.slug = %s AND article.slug = %s"
    if subject == "condition":
        where += " AND article.drug_id IS NULL"
    return _live_reference(
        join=f"JOIN {subject_table} subject ON subject.id = article.{subject}_id",
        where=where,
        params=[subject_slug, article_slug],
    )


def live_site_page_reference(*, slug):
    """``live_article_reference`` of the site page at /<slug>/ (None unless it is live)."""
    return _live_reference(
        join="",
        where="article.kind = %s AND article.slug = %s",
        params=[ArticleKind.SITE_PAGE, slug],
    )


def render_live_article(request, reference):
    """The public page of the live article that ``reference`` names.

    The whole page is kept under the keys of its parts (``ArticlePage.HTML_KEY_PARTS``), so a
    visitor the page cache steps aside for (a session cookie) costs the one query of the
    reference and two cache reads, not a template render; the fragments still serve when
    only one part changed (a new ad placement leaves the article's text cached).
    """
    add_tags(request, tags.article_tag(reference["pk"]), tags.reviewer_tag(reference["reviewer_id"]),
             tags.related_tag(reference["pk"]), tags.AD_PLACEMENTS)  # fmt: skip
    page = ArticlePage(request, reference=reference)
    if page.is_draft:
        return _render(request, page)
    return render_whole(
        request, ARTICLE_TEMPLATE, _context(page),
        keyed_by=page.html_key_parts(), timeout=page.tagged_seconds,
    )  # fmt: skip


def render_preview(request, *, revision, unsaved=False):
    """Any revision of an article, drafts included, exactly as the public template shows it.

    ``unsaved``: ``revision`` carries an editor's autosaved text (``medinfo.autosave``).
    """
    article = revision.article
    reference = {
        "pk": article.pk,
        "ads_enabled": article.ads_enabled,
        "live_revision_id": revision.pk,
        "status": revision.status,
        "reviewer_id": revision.reviewer_id,
    }
    page = ArticlePage(
        request, reference=reference, article=article, revision=revision, preview=True
    )
    page.unsaved = unsaved
    return _render(request, page)


ARTICLE_TEMPLATE = "medinfo/article_detail.html"


def _context(page):
    # A draft, and an autosave's text on top of a revision, are never cached in parts:
    # neither is fixed, and the autosave's copy carries a stored revision's id.
    return {"page": page, "cache_content": not (page.is_draft or page.unsaved)}


def _render(request, page):
    return render(request, ARTICLE_TEMPLATE, _context(page))


def article_breadcrumbs(facts: FactsSnapshot, revision) -> list[tuple[str, str | None]]:
    """[(name, path)] from the home page down to the article, as the page and JSON-LD show it."""
    crumbs = [("Home", reverse("home"))]
    if facts.drug:
        drug = facts.drug
        crumbs += [
            ("Drugs", reverse("drugs:index")),
            (drug.generic_name.capitalize(), reverse("drugs:detail", args=[drug.slug])),
        ]
    elif facts.condition:
        condition = facts.condition
        crumbs += [
            ("Conditions", reverse("conditions:index")),
            (condition.name.capitalize(), reverse("conditions:detail", args=[condition.slug])),
        ]
    return [*crumbs, (revision.title, None)]
