"""Rendering an article revision: one function for the public page and the staff preview."""

from django.shortcuts import render

from drugs.models import UseKind

from .pagecache import add_tags


def related_live_articles(article):
    """The related articles a visitor may open: only live ones, with their live titles."""
    return list(
        article.related_articles.live()
        .select_related("live_revision", "drug", "condition")
        .order_by("pk")
    )


def render_revision(request, *, article, revision, preview=False, status=200):
    """Render ``revision`` of ``article`` with the public template.

    Everything on the page comes from the revision (its text and its facts
    snapshot), so the page shows exactly what was approved.
    """
    related_articles = related_live_articles(article)
    add_tags(
        request,
        f"article:{article.pk}",
        f"reviewer:{revision.reviewer_id}",
        *(f"article:{related.pk}" for related in related_articles),
    )
    facts = revision.facts or {}
    uses = (facts.get("drug") or {}).get("uses", [])
    context = {
        "approved_uses": [use for use in uses if use["kind"] == UseKind.APPROVED],
        "off_label_uses": [use for use in uses if use["kind"] == UseKind.OFF_LABEL],
        "article": article,
        "revision": revision,
        "drug": facts.get("drug"),
        "condition": facts.get("condition"),
        "reviewer": revision.reviewer,
        "related_articles": related_articles,
        "preview": preview,
        "show_ads": article.ads_enabled and not preview,
    }
    return render(request, "medinfo/article_detail.html", context, status=status)


def live_article_or_none(queryset, **lookups):
    """The live article matching ``lookups``, with what its page needs, in one query."""
    return queryset.with_live_revision().filter(**lookups).first()
