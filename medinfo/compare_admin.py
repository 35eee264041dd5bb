"""Compare any two revisions of an article (#13 item 2), from the article's history.

One admin page per article, ``admin:medinfo_article_compare``, added to the article
admin by ``RevisionCompareMixin``: it lists the article's revisions with a "from"
and a "to" choice each, and with both chosen (``?from=<id>&to=<id>``) shows what
the second changes against the first, with the review screen's diff. Whoever may
view the article may compare its revisions; an id that is not one of its
revisions is a 404, never another article's text.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from .diffs import review_differences
from .models import Article


def _chosen(request, name, revisions):
    """The revision whose id is the query's ``name``: None when not given, 404 when not listed."""
    value = request.GET.get(name, "")
    if not value:
        return None
    by_id = {str(revision.pk): revision for revision in revisions}
    if value not in by_id:
        raise Http404("No such revision of this article.")
    return by_id[value]


class RevisionCompareMixin:
    """The comparison page of ``ArticleAdmin``."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.compare_view)
        return [
            path("<int:article_id>/compare/", view, name="medinfo_article_compare"),
            *super().get_urls(),
        ]

    def compare_view(self, request, article_id):
        """Choose two of the article's revisions; once both are chosen, what changed between them."""
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        revisions = list(article.revisions.select_related("author").order_by("-number"))
        older, newer = _chosen(request, "from", revisions), _chosen(request, "to", revisions)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Compare revisions of “{article}”",
            "article": article,
            "revisions": revisions,
            "older": older or (revisions[1] if len(revisions) > 1 else None),
            "newer": newer or (revisions[0] if revisions else None),
        }
        context["same"] = older is not None and older == newer
        if older is not None and newer is not None and older != newer:
            context.update(review_differences(older, newer))
            context["differences_heading"] = (
                f"Changes from revision {older.number} to revision {newer.number}"
            )
        return TemplateResponse(request, "admin/medinfo/article/compare.html", context)
