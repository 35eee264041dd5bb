"""Site-wide public views: home, reviewer pages, staff previews and the health check."""

from django.contrib.admin.views.decorators import staff_member_required
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin

from .models import Article, ArticleRevision, Reviewer
from .pagecache import add_tags
from .pages import render_revision
from .preview import revision_id_from_token


def home(request):
    """The latest reviewed articles and the ways into the A–Z indexes."""
    latest = Article.objects.with_live_revision().order_by("-live_revision__reviewed_at", "-pk")[
        :12
    ]
    add_tags(request, "home")
    return render(request, "medinfo/home.html", {"latest_articles": latest})


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
@staff_member_required
def revision_preview(request, token):
    """Render one revision exactly as the public page would, for staff with a valid link."""
    revision_id = revision_id_from_token(token)
    if revision_id is None:
        raise Http404("This preview link is invalid or has expired.")
    revision = get_object_or_404(
        ArticleRevision.objects.select_related("article__drug", "article__condition", "reviewer"),
        pk=revision_id,
    )
    response = render_revision(request, article=revision.article, revision=revision, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
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
