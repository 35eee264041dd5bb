"""Template tags for the admin: the editorial work waiting on the index page."""

from django import template
from django.urls import reverse
from django.utils import timezone

from ..models import Article

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
        ("awaiting my review", "workflow=awaiting-me", articles.awaiting_review_by(user)),
        ("changes requested", "workflow=changes-requested", articles.changes_requested()),
        ("facts changed since review", "facts_changed__exact=1",
         articles.facts_changed_since_review()),
        ("review overdue", "review=overdue", articles.review_overdue(timezone.localdate())),
    ]  # fmt: skip
    return [
        {"label": label, "url": f"{changelist}?{query}", "count": queryset.count()}
        for label, query, queryset in rows
    ]
