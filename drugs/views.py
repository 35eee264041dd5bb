"""Public drug pages: the A–Z index, drug hubs and articles about a drug.

Every fact shown comes from a live (approved) revision's snapshot, never from
the Drug tables directly: an edited drug reaches the public only through review.
"""

from django.http import Http404
from django.shortcuts import redirect, render

from medinfo.alphabet import az_index
from medinfo.models import Article, PublicName
from medinfo.pagecache import add_tags
from medinfo.pages import live_article_reference, render_live_article
from medinfo.publicnames import live_subject_slugs

from .models import BrandName


def published_drug_facts(**filters):
    """Map drug slug → (facts, live articles) from the newest approved snapshot per drug."""
    articles = (
        Article.objects.with_live_revision()
        .filter(drug__isnull=False, **filters)
        .order_by("drug_id", "-live_revision__reviewed_at")
    )
    published = {}
    for article in articles:
        facts, listed = published.setdefault(
            article.drug.slug, (article.live_revision.facts.get("drug"), [])
        )
        listed.append(article)
    return published


def drug_index(request):
    """A–Z of drugs with approved articles: generic names, and brands pointing to them."""
    add_tags(request, "drug-index")
    context = az_index(request, subject=PublicName.Subject.DRUG)
    return render(request, "drugs/drug_index.html", context)


def drug_detail(request, drug_slug):
    """A drug hub: its approved facts and its live articles; a brand slug redirects."""
    published = published_drug_facts(drug__slug=drug_slug)
    if not published:
        return redirect_brand(drug_slug)
    facts, articles = published[drug_slug]
    # Conditions link to their pages only while those pages exist.
    add_tags(request, f"drug:{articles[0].drug_id}", "condition-index")
    linkable = live_subject_slugs("condition", [use["condition"]["slug"] for use in facts["uses"]])
    context = {"drug": facts, "articles": articles, "linkable": linkable}
    return render(request, "drugs/drug_detail.html", context)


def redirect_brand(brand_slug):
    """/drugs/savella/ → /drugs/milnacipran/, when the approved facts list that brand."""
    brand = BrandName.objects.select_related("drug").filter(slug=brand_slug).first()
    if brand is None:
        raise Http404("No such drug.")
    published = published_drug_facts(drug=brand.drug)
    facts = published.get(brand.drug.slug, (None, None))[0]
    if facts is None or brand_slug not in {b["slug"] for b in facts["brands"]}:
        raise Http404("No such drug.")
    return redirect("drugs:detail", drug_slug=brand.drug.slug, permanent=True)


def drug_article(request, drug_slug, article_slug):
    """An approved article about a drug, e.g. /drugs/milnacipran/uses/."""
    reference = live_article_reference(
        subject="drug", subject_slug=drug_slug, article_slug=article_slug
    )
    if reference is None:
        raise Http404("No such article.")
    return render_live_article(request, reference)
