"""Public condition pages: the A–Z index, condition pages and articles about a condition.

As with drugs, every fact shown comes from an approved revision's snapshot.
"""

from django.http import Http404
from django.shortcuts import render

from medinfo.alphabet import az_index
from medinfo.models import PublicName
from medinfo.pagecache import add_tags
from medinfo.pages import live_article_reference, render_live_article
from medinfo.publicnames import live_subject_slugs, published_subject


def condition_index(request):
    """A–Z of conditions with approved articles, and their other names."""
    add_tags(request, "condition-index")
    context = az_index(request, subject=PublicName.Subject.CONDITION)
    return render(request, "conditions/condition_index.html", context)


def condition_detail(request, condition_slug):
    """A condition's approved definition, symptoms, treatments and live articles."""
    published = published_subject("condition", condition__slug=condition_slug)
    if published is None:
        raise Http404("No such condition.")
    facts, articles = published
    # Medicines link to their hubs only while those hubs exist.
    add_tags(request, f"condition:{articles[0].condition_id}", "drug-index")
    linkable = live_subject_slugs("drug", [use.drug.slug for use in facts.uses])
    context = {"condition": facts, "articles": articles, "linkable": linkable}
    return render(request, "conditions/condition_detail.html", context)


def condition_article(request, condition_slug, article_slug):
    """An approved article about a condition, e.g. /conditions/fibromyalgia/symptoms/."""
    reference = live_article_reference(
        subject="condition", subject_slug=condition_slug, article_slug=article_slug
    )
    if reference is None:
        raise Http404("No such article.")
    return render_live_article(request, reference)
