"""Rendering an article revision: one function for the public page and the staff preview."""

from django.shortcuts import render
from django.urls import reverse

from drugs.models import UseKind

from .pagecache import add_tags
from .structured_data import article_graph, as_script


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
    breadcrumbs = article_breadcrumbs(facts, revision)
    url = request.build_absolute_uri(article.get_absolute_url())
    context = {
        "breadcrumbs": breadcrumbs,
        "canonical_url": url,
        "json_ld": as_script(
            article_graph(
                article=article,
                revision=revision,
                url=url,
                breadcrumbs=[
                    (name, request.build_absolute_uri(path)) for name, path in breadcrumbs
                ],
            )
        ),
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


def article_breadcrumbs(facts, revision):
    """[(name, path)] from the home page down to the article, as the page and JSON-LD show it."""
    crumbs = [("Home", reverse("home"))]
    if facts.get("drug"):
        drug = facts["drug"]
        crumbs += [
            ("Drugs", reverse("drugs:index")),
            (drug["generic_name"].capitalize(), reverse("drugs:detail", args=[drug["slug"]])),
        ]
    elif facts.get("condition"):
        condition = facts["condition"]
        crumbs += [
            ("Conditions", reverse("conditions:index")),
            (
                condition["name"].capitalize(),
                reverse("conditions:detail", args=[condition["slug"]]),
            ),
        ]
    return [*crumbs, (revision.title, None)]
