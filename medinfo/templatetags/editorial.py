"""Template tags for the admin: the editorial work waiting on the index page."""

from django import template
from django.urls import reverse
from django.utils import timezone

from ..admin import awaiting_review_by
from ..models import Article, RevisionStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_queue(context):
    """Counts of the articles that need someone's attention, with changelist links."""
    user = context["request"].user
    if not user.has_perm("medinfo.view_article"):
        return []
    changelist = reverse("admin:medinfo_article_changelist")
    articles = Article.objects.all()
    rows = [
        ("awaiting my review", "workflow=awaiting-me", awaiting_review_by(articles, user)),
        ("changes requested", "workflow=changes-requested",
         articles.filter(latest_revision__status=RevisionStatus.CHANGES_REQUESTED)),
        ("facts changed since review", "facts_changed__exact=1", articles.live().filter(facts_changed=True)),
        ("review overdue", "review=overdue",
         articles.live().filter(review_due_on__lt=timezone.localdate())),
    ]  # fmt: skip
    return [
        {"label": label, "url": f"{changelist}?{query}", "count": queryset.count()}
        for label, query, queryset in rows
    ]
