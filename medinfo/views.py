"""Site-wide public views: home, reviewer pages, staff previews and the health check."""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin

from .models import Article, ArticleRevision, Reviewer
from .pagecache import add_tags
from .pages import render_preview
from .preview import revision_id_from_token
from .search import (
    MAX_CANDIDATES,
    did_you_mean,
    normalise_query,
    search_articles,
    search_terms,
    snippet_for,
)

SEARCH_PAGE_SIZE = 10


def home(request):
    """The latest reviewed articles and the ways into the A–Z indexes."""
    latest = Article.objects.with_live_revision().order_by("-live_revision__reviewed_at", "-pk")[
        :12
    ]
    add_tags(request, "home")
    return render(request, "medinfo/home.html", {"latest_articles": latest})


def search(request):
    """Full-text search over approved articles; any query, however odd, gets a normal page."""
    add_tags(request, "search")
    query = normalise_query(request.GET.get("q", ""))
    results = search_articles(query)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    for article in page.object_list:
        article.highlighted = snippet_for(article, query)
    suggestion = did_you_mean(query) if query and not page.object_list else None
    context = {"query": query, "page": page, "suggestion": suggestion}
    # “the”, “and of”: words search skips, so the page says so instead of “no match”.
    context["common_words_only"] = bool(query) and not search_terms(query)
    context["max_results"] = MAX_CANDIDATES
    return render(request, "medinfo/search.html", context)


def reviewer_detail(request, reviewer_slug):
    """A pharmacist reviewer's credentials and the live articles they approved."""
    reviewer = get_object_or_404(Reviewer, slug=reviewer_slug, is_active=True)
    articles = (
        Article.objects.with_live_revision()
        .filter(live_revision__reviewer=reviewer)
        .order_by("-live_revision__reviewed_at")
    )
    add_tags(request, f"reviewer:{reviewer.pk}")
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


def robots_txt(request):
    """Crawlers may read everything public; the admin, previews and ad endpoints are off limits."""
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /preview/", "Disallow: /search/",
             "Disallow: /ads/", f"Sitemap: {sitemap}", ""]  # fmt: skip
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


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
