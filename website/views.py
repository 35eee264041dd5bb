"""The public site's views: home, search, drug and condition pages, reviewer pages,
staff previews and the health check.

Every fact shown comes from a live (approved) revision's snapshot, never from the
Drug or Condition tables directly: an edited drug reaches the public only through
review.
"""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin

from common.text import plain_text
from drugs.models import BrandName
from medinfo import cachetags as tags
from medinfo.autosave import autosave_of, may_edit, unsaved_revision
from medinfo.models import Article, ArticleRevision, PublicName, Reviewer
from medinfo.preview import revision_id_from_token

from .alphabet import az_index
from .hubs import HubPage, live_hub_articles
from .pagecache import add_tags, render_whole
from .pages import (
    live_article_reference,
    live_site_page_reference,
    render_live_article,
    render_preview,
)
from .publicnames import published_subject
from .search import (
    MAX_CANDIDATES,
    MAX_QUERY_LENGTH,
    did_you_mean,
    normalise_query,
    search_articles,
    search_terms,
    snippet_for,
    suggestion_listing,
)

SEARCH_PAGE_SIZE = 10
FAVICON_REDIRECT_MAX_AGE = 24 * 60 * 60


def home(request):
    """The latest reviewed articles and the ways into the A–Z indexes."""
    latest = Article.objects.with_live_revision().about_subjects().newest_approved_first()[:12]
    add_tags(request, tags.HOME)
    return render(request, "medinfo/home.html", {"latest_articles": latest})


def search(request):
    """Full-text search over approved articles; any query, however odd, gets a normal page."""
    add_tags(request, tags.SEARCH)
    # What the visitor typed, less invisible characters (a bidi override could turn the
    # heading around, a zero-width space split a word): shown in the box and the
    # heading, carried by the page links, and searched for its words.
    typed = plain_text(request.GET.get("q", "")[:MAX_QUERY_LENGTH])
    query = normalise_query(typed)
    results = search_articles(query)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    for article in page.object_list:
        article.highlighted = snippet_for(article, query)
    suggestion = did_you_mean(query) if query and not page.object_list else None
    context = {"query": query, "typed": typed, "page": page, "suggestion": suggestion}
    context["suggestion_listing"] = suggestion_listing(suggestion) if suggestion else ""
    # “the”, “and of”: words search skips, so the page says so instead of “no match”.
    context["common_words_only"] = bool(query) and not search_terms(query)
    context["max_results"] = MAX_CANDIDATES
    return render(request, "medinfo/search.html", context)


def reviewer_detail(request, reviewer_slug):
    """A pharmacist reviewer's credentials and the live articles they approved."""
    reviewer = get_object_or_404(Reviewer, slug=reviewer_slug, is_active=True)
    articles = (
        Article.objects.with_live_revision()
        .about_subjects()
        .filter(live_revision__reviewer=reviewer)
        .order_by("-live_revision__reviewed_at")
    )
    add_tags(request, tags.reviewer_tag(reviewer.pk))
    return render(
        request, "medinfo/reviewer_detail.html", {"reviewer": reviewer, "articles": articles}
    )


@never_cache
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": SELF})  # the admin review screen shows it in a frame
@staff_member_required
def revision_preview(request, token):
    """Render one revision exactly as the public page would, for editorial staff with a valid link."""
    if not request.user.has_perm("medinfo.view_articlerevision"):
        raise PermissionDenied
    revision_id = revision_id_from_token(token)
    if revision_id is None:
        raise Http404("This preview link is invalid or has expired.")
    revision = get_object_or_404(
        ArticleRevision.objects.select_related("article__drug", "article__condition", "reviewer"),
        pk=revision_id,
    )
    response = render_preview(request, revision=revision)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": SELF})  # the article form shows it beside the editor
@staff_member_required
def autosave_preview(request, article_id):
    """The article page as the signed-in editor's unsaved text would make it (the live preview).

    Only for those who may edit the article; without an autosave it shows the latest revision.
    """
    article = get_object_or_404(
        Article.objects.select_related("latest_revision", "drug", "condition"), pk=article_id
    )
    if not may_edit(request.user, article) or article.latest_revision_id is None:
        raise PermissionDenied
    autosave = autosave_of(article=article, user=request.user)
    if autosave is None:
        response = render_preview(request, revision=article.latest_revision)
    else:
        revision = unsaved_revision(article=article, autosave=autosave)
        response = render_preview(request, revision=revision, unsaved=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def robots_txt(request):
    """Crawlers may read everything public; the admin, previews and ad endpoints are off limits."""
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /preview/", "Disallow: /search/",
             "Disallow: /ads/", f"Sitemap: {sitemap}", ""]  # fmt: skip
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request):
    """/favicon.ico, which browsers ask for by themselves: the icon's static file.

    Temporary, as the static file's hashed name changes when the icon does.
    """
    response = redirect(static("medinfo/favicon.ico"))
    patch_cache_control(response, public=True, max_age=FAVICON_REDIRECT_MAX_AGE)
    return response


@never_cache
def healthz(request):
    """Liveness and database readiness, for load balancers: 200 or 503, always JSON."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# Drugs ----------------------------------------------------------------------


def drug_index(request):
    """A–Z of drugs with approved articles: generic names, and brands pointing to them."""
    add_tags(request, tags.DRUG_INDEX)
    context = az_index(request, subject=PublicName.Subject.DRUG)
    return render(request, "drugs/drug_index.html", context)


def drug_detail(request, drug_slug):
    """A drug hub: its approved facts and its live articles; a brand slug redirects."""
    articles = live_hub_articles("drug", drug_slug)
    if not articles:
        return redirect_brand(drug_slug)
    hub = HubPage("drug", articles)
    # Conditions link to their pages only while those pages exist.
    add_tags(request, tags.drug_tag(hub.subject_id), tags.CONDITION_INDEX)
    return render_hub(request, "drugs/drug_detail.html", hub)


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


# Conditions -----------------------------------------------------------------


def condition_index(request):
    """A–Z of conditions with approved articles, and their other names."""
    add_tags(request, tags.CONDITION_INDEX)
    context = az_index(request, subject=PublicName.Subject.CONDITION)
    return render(request, "conditions/condition_index.html", context)


def condition_detail(request, condition_slug):
    """A condition's approved definition, symptoms, treatments and live articles."""
    articles = live_hub_articles("condition", condition_slug)
    if not articles:
        raise Http404("No such condition.")
    hub = HubPage("condition", articles)
    # Medicines link to their hubs only while those hubs exist.
    add_tags(request, tags.condition_tag(hub.subject_id), tags.DRUG_INDEX)
    return render_hub(request, "conditions/condition_detail.html", hub)


def render_hub(request, template, hub):
    """A hub, kept whole for visitors the page cache steps aside for (website.hubs)."""
    return render_whole(
        request, template, {"hub": hub, "articles": hub.articles},
        keyed_by=hub.html_key_parts(), timeout=hub.tagged_seconds,
    )  # fmt: skip


def condition_article(request, condition_slug, article_slug):
    """An approved article about a condition, e.g. /conditions/fibromyalgia/symptoms/."""
    reference = live_article_reference(
        subject="condition", subject_slug=condition_slug, article_slug=article_slug
    )
    if reference is None:
        raise Http404("No such article.")
    return render_live_article(request, reference)


# Site pages -------------------------------------------------------------------


def site_page(request, page_slug):
    """An approved page about the site itself, e.g. /about/ or /privacy/."""
    reference = live_site_page_reference(slug=page_slug)
    if reference is None:
        raise Http404("No such page.")
    return render_live_article(request, reference)
