"""Public drug pages: the A–Z index, drug hubs and articles about a drug.

Every fact shown comes from a live (approved) revision's snapshot, never from
the Drug tables directly: an edited drug reaches the public only through review.
"""

from django.http import Http404
from django.shortcuts import redirect, render

from medinfo.alphabet import az_index
from medinfo.models import PublicName
from medinfo.pagecache import add_tags
from medinfo.pages import live_article_reference, render_live_article
from medinfo.publicnames import live_subject_slugs, published_subject

from .models import BrandName


def drug_index(request):
    """A–Z of drugs with approved articles: generic names, and brands pointing to them."""
    add_tags(request, "drug-index")
    context = az_index(request, subject=PublicName.Subject.DRUG)
    return render(request, "drugs/drug_index.html", context)


def drug_detail(request, drug_slug):
    """A drug hub: its approved facts and its live articles; a brand slug redirects."""
    published = published_subject("drug", drug__slug=drug_slug)
    if published is None:
        return redirect_brand(drug_slug)
    facts, articles = published
    # Conditions link to their pages only while those pages exist.
    add_tags(request, f"drug:{articles[0].drug_id}", "condition-index")
    linkable = live_subject_slugs("condition", [use.condition.slug for use in facts.uses])
    context = {"drug": facts, "articles": articles, "linkable": linkable}
    return render(request, "drugs/drug_detail.html", context)


def redirect_brand(brand_slug):
    """/drugs/savella/ → /drugs/milnacipran/, when the approved facts list that brand."""
    brand = BrandName.objects.select_related("drug").filter(slug=brand_slug).first()
    if brand is None:
        raise Http404("No such drug.")
    facts = (published_subject("drug", drug=brand.drug) or (None, None))[0]
    if facts is None or brand_slug not in {brand.slug for brand in facts.brands}:
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
